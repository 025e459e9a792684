"""MkDocs hook (mkdocs.yml `hooks:`): the nav names only the pages that exist in this build.

The statistics, data and search pages come from other stages and may not be there (a fresh
checkout, a build without them); a nav entry for a missing page would be a dead link on every page.
"""

from __future__ import annotations

import re
from pathlib import Path


def _existing(items: list, docs_dir: Path) -> list:
    kept = []
    for item in items:
        if isinstance(item, dict):
            (title, target), = item.items()
            if isinstance(target, list):
                target = _existing(target, docs_dir)
                if target:
                    kept.append({title: target})
            elif "://" in str(target) or (docs_dir / str(target)).is_file():
                kept.append(item)
        elif "://" in str(item) or (docs_dir / str(item)).is_file():
            kept.append(item)
    return kept


def on_config(config):
    if config.nav:
        config.nav = _existing(config.nav, Path(config.docs_dir))
    return config


_INDENT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")


def on_post_page(output: str, page, config) -> str:
    """Drop the theme templates' indentation: a quarter of every page's bytes, times every article.

    Leading whitespace on a line only matters inside <pre> and <textarea>; pages with those keep it.
    """
    if "<pre" in output or "<textarea" in output:
        return output
    return _INDENT.sub("\n", output)
