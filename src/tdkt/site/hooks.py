"""The site's MkDocs plugin `tdkt-site` (mkdocs.yml `plugins:`; registered by entry point in
pyproject.toml, so a corpus project needs only mkdocs.yml, docs/ and overrides/ beside the
installed package):

- the nav names only the pages that exist in this build: the statistics, data and search pages
  come from other stages and may not be there (a fresh checkout, a build without them); a nav
  entry for a missing page would be a dead link on every page;
- the theme templates' indentation is dropped from every page, the content's line breaks after
  block elements, the line breaks between two tags of the frame around it, and two empty boxes of
  Material's frame that nothing fills (the announcement bar, the clipboard's dialog);
- Material's assets that no page reads (lunr, the search worker, source maps) are not published;
- the three stylesheets every page needs are one file (SITE_STYLESHEET, linked by overrides/main.html).

The incremental plugin (tdkt.site.incremental) puts this module's source in its page fingerprint,
as it does for every plugin's: a change here renders every page again.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from mkdocs.plugins import BasePlugin

from tdkt.text import slugify


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


HEADING_ID_LENGTH = 24
_INDENT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")


# A line break right after a block element's tag is never rendered (white space between block
# boxes, or at the start or end of a line box, collapses away); the article's content has one per
# paragraph, list item and table cell: ~100 bytes per article page, more on the listings.
_BLOCK_BREAK = re.compile(r"(</(?:p|li|ul|ol|tr|td|th|thead|tbody|table|h[1-6]|div|nav|figure|figcaption)>"
                          r"|<(?:ul|ol|table|thead|tbody|tr)>)\n")
_CONTENT = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)


def _join_blocks(match: re.Match) -> str:
    content = match.group(2)
    if "<script" in content or "<style" in content:
        return match.group(0)  # a line break in code may matter (a // comment ends there)
    return match.group(1) + _BLOCK_BREAK.sub(r"\1", content) + match.group(3)


# Around the content, the theme's templates put a line break between nearly every two tags (~100
# on every page). Between a tag's ">" and the next "<" it is white space between boxes of the
# page's frame (head elements, header, sidebar, flex items), never a word space a reader sees;
# inside <script> it could be code, so script bodies are kept as they are.
_FRAME_BREAK = re.compile(r"(<script\b.*?</script>)(?:\n(?=<))?|>\n(?=<|\Z)", re.S)


# Two empty boxes of Material's base template, outside any block a theme override can replace: the
# announcement bar (the archive has none) and the dialog its clipboard button reports into (no page
# has code to copy). Material's script mounts each box it finds and none when there is none; ~140
# bytes on every page.
_EMPTY_BOXES = ('<div data-md-component="announce"></div>',
                '<div class="md-dialog" data-md-component="dialog"><div class="md-dialog__inner md-typeset"></div></div>')


def _join_frame(part: str) -> str:
    part = _FRAME_BREAK.sub(lambda m: m.group(1) or ">", part)
    for box in _EMPTY_BOXES:
        part = part.replace(box, "")
    return part


def strip_indentation(output: str) -> str:
    """A page without the templates' indentation: a quarter of its bytes, times every article;
    in the content, no line break after a block element either; around it, none between two tags.

    Leading whitespace on a line only matters inside <pre> and <textarea>; pages with those keep it.
    """
    if "<pre" in output or "<textarea" in output:
        return output
    output = _INDENT.sub("\n", output)
    content = _CONTENT.search(output)
    if content is None:
        return _join_frame(output)
    return (_join_frame(output[:content.start()]) + _join_blocks(content)
            + _join_frame(output[content.end():]))


def heading_id(value: str, separator: str = "-") -> str:
    """Heading anchors (mkdocs.yml: toc's slugify): the site's ASCII slug, so that "đ" is "d"
    ("thi-dua", where Python-Markdown's own drops it: "thi-ua"), cut after a word within
    HEADING_ID_LENGTH characters (an article's headline id is written twice on its page, and
    nothing links to it from outside)."""
    return slugify(value, max_length=HEADING_ID_LENGTH).replace("-", separator)


# What Material copies into every site for its own search and for developers: lunr and its
# languages, the search worker, and the source maps of its script and styles (~2.3 MB, read by no
# page: the archive's search is its own, and a browser fetches a map only when its developer tools
# are open). GitHub Pages counts them against the site's 1 GB like any page.
_UNUSED_ASSETS = ("assets/javascripts/lunr", "assets/javascripts/workers")
_SOURCE_MAPS = ("assets/javascripts", "assets/stylesheets")


# Material's stylesheet, its palette's and the archive's (docs/assets/tdkt.css), in that order, as one
# file (overrides/main.html links it): one <link> in every page instead of three (~130 bytes a page),
# one request instead of three. A fixed name, as tdkt.css had: a page reused from an earlier build
# links the same file.
SITE_STYLESHEET = "assets/tdkt-site.css"
_STYLESHEET_PARTS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css", "assets/tdkt.css")


def site_stylesheet(parts: list[bytes]) -> bytes:
    """The stylesheets as one: each part whole, on lines of its own (the first's @charset stays first)."""
    return b"\n".join(part.rstrip(b"\n") for part in parts) + b"\n"


def write_site_stylesheet(site_dir: Path) -> None:
    parts = []
    for pattern in _STYLESHEET_PARTS:
        found = sorted(site_dir.glob(pattern))
        if len(found) != 1:
            raise FileNotFoundError(f"{site_dir / pattern}: {len(found)} files, the site's stylesheet needs one")
        parts.append(found[0].read_bytes())
    (site_dir / SITE_STYLESHEET).write_bytes(site_stylesheet(parts))


def drop_unused_assets(site_dir: Path, search_plugin: bool) -> list[str]:
    """Remove Material's assets no page of this site reads (kept when Material's search is on);
    returns what was removed, site-relative."""
    if search_plugin:
        return []
    removed = []
    for rel in _UNUSED_ASSETS:
        if (site_dir / rel).is_dir():
            shutil.rmtree(site_dir / rel)
            removed.append(rel)
    for rel in _SOURCE_MAPS:
        for path in sorted((site_dir / rel).glob("*.map")):
            path.unlink()
            removed.append(path.relative_to(site_dir).as_posix())
    return removed


class SitePlugin(BasePlugin):
    supports_multiple_instances = False

    def on_config(self, config):
        if config.nav:
            config.nav = _existing(config.nav, Path(config.docs_dir))
        return config

    def on_post_page(self, output: str, page, config) -> str:
        return strip_indentation(output)

    def on_post_build(self, config) -> None:
        search = any(name == "search" or name.endswith("/search") for name in config.plugins)
        write_site_stylesheet(Path(config.site_dir))
        drop_unused_assets(Path(config.site_dir), search)
