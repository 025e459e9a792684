"""The header's light/dark toggle is written by docs/assets/tdkt-palette.js (once, not in every page):
its options must be mkdocs.yml's theme.palette, in order, or Material would switch to a scheme the
configuration does not have."""

from __future__ import annotations

import json
import re

from tests.conftest import ROOT


def _palette_in_config() -> list[tuple[str, str, str]]:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = config[config.index("  palette:"):config.index("\n\n", config.index("  palette:"))]
    media = re.findall(r'- media: "([^"]+)"', block)
    schemes = re.findall(r"\n\s+scheme: (\S+)", block)
    names = re.findall(r"\n\s+name: (.+)", block)
    assert len(media) == len(schemes) == len(names) == 2
    return list(zip(media, schemes, names))


def test_the_script_writes_the_configured_options():
    script = (ROOT / "docs" / "assets" / "tdkt-palette.js").read_text(encoding="utf-8")
    options = json.loads(re.search(r"var o=(\[\[.*?\]\]),", script).group(1))
    assert [tuple(o) for o in options] == _palette_in_config()
    assert "primary: custom" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
