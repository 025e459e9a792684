"""Markup primitives every generated page shares: data in, Markdown or HTML that shows it as text.

Everything that came from an article (titles, names, text, URLs) is data. `md_text` turns it
into Markdown that Python-Markdown can only show as the same text: every character that could
start markup becomes an HTML entity, so no raw HTML, link, emphasis, attribute list, admonition,
list, heading or template syntax can come out of it. `h` and `a` do the same inside raw HTML.
Links join paths this package built from ASCII slugs, never paths taken from data.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import quote, urlsplit

import yaml

from tdkt.text import one_line, printable

# Characters that can open or close inline markup anywhere in a line (Python-Markdown and the
# usual extensions: emphasis, code, links/images, raw HTML, entities, attribute lists,
# Jinja-style templates, table cells, strike/mark/caret/keys, math). Entities show as the
# character itself in the browser and in the text a search indexer reads.
_INLINE_ENTITIES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "&#92;", "`": "&#96;", "*": "&#42;",
    "_": "&#95;", "[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;", "|": "&#124;",
    "~": "&#126;", "^": "&#94;", "=": "&#61;", "$": "&#36;", "+": "&#43;", "@": "&#64;",
    "#": "&#35;",  # anywhere: a heading drops its trailing #s as closing marks
}
_INLINE = re.compile("[" + re.escape("".join(_INLINE_ENTITIES)) + "]")
# At the start of a paragraph these open a block: heading, quote, list, rule, admonition
# (!!!), details (???), definition (:), blocks (///), fenced code (~~~), ordered list (1. / 1)).
_LEADING_ENTITIES = {"#": "&#35;", "-": "&#45;", "!": "&#33;", "?": "&#63;", ":": "&#58;",
                     "/": "&#47;", "%": "&#37;", ".": "&#46;"}
_ORDERED_MARKER = re.compile(r"^(\d+)([.)])")
_WHITESPACE = re.compile(r"\s+")


_INLINE_TABLE = str.maketrans(_INLINE_ENTITIES)


def md_text(text: object) -> str:
    """Markdown that renders as exactly `text` (collapsed to one line), never as markup."""
    line = one_line(text)
    if _INLINE.search(line):  # most titles, dates and names have nothing to escape
        line = line.translate(_INLINE_TABLE)
    line = _ORDERED_MARKER.sub(lambda m: m.group(1) + ("&#46;" if m.group(2) == "." else "&#41;"), line)
    if line[:1] in _LEADING_ENTITIES:
        line = _LEADING_ENTITIES[line[0]] + line[1:]
    return line


def md_paragraphs(body: object) -> str:
    """The article's text: every non-empty line one paragraph, in one raw HTML block.

    Markdown does not look inside a raw HTML block, so the text needs only HTML escaping,
    and Python-Markdown skips its inline patterns over the longest part of the page (four
    times faster to build; the text is never meant to carry markup anyway).
    """
    paragraphs = body_html(body)
    return f'<div class="tdkt-body">\n{paragraphs}</div>' if paragraphs else ""


def body_html(body: object) -> str:
    """Every non-empty line of the text one HTML-escaped <p>, one per line."""
    # Controls out and HTML-escaped once over the whole text, then split: neither touches a line
    # break or white space, so each line comes out as html.escape(one_line(line)) did, 4x faster.
    text = html.escape(printable(str(body or "")), quote=False)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "".join(f"<p>{line}</p>\n" for line in lines if line)


def safe_url(url: object) -> str | None:
    """An http(s) URL fit for a Markdown link target, or None (javascript:, data:, junk)."""
    text = one_line(url)
    if not text or " " in text:
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    # Percent-encode whatever could end the link or start markup inside it; keep the rest.
    return quote(text, safe="/:?#&=%;,+@-._!$~")


def link(label: str, target: str) -> str:
    """A Markdown link whose label is data; `target` must be a path this module built."""
    return f"[{md_text(label)}]({target})"


def relpath(target: str, start_dir: str) -> str:
    # posixpath.relpath for the site's own clean relative paths, without its getcwd per call
    # (tens of thousands of links per build)
    target_parts = [p for p in target.split("/") if p]
    start_parts = [p for p in start_dir.split("/") if p]
    common = 0
    for a, b in zip(target_parts, start_parts):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."


def relative(from_page: str, to_page: str) -> str:
    """Link from one docs/ source file to another, as a relative .md path MkDocs resolves."""
    return relpath(to_page, posixpath.dirname(from_page))


# libyaml's safe dumper when PyYAML has it (same output, a tenth of the time: one call per article)
_SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict) -> str:
    """YAML front matter: every string double-quoted on one line, so nothing in it can end it."""
    dumped = yaml.dump(meta, Dumper=_SAFE_DUMPER, allow_unicode=True, sort_keys=False, default_style='"',
                       width=1 << 30)
    return f"---\n{dumped}---\n\n"


def h(text: object) -> str:
    """Data as HTML text (inside the raw HTML block of a page)."""
    return html.escape(one_line(text), quote=False)


def a(label: object, href: str) -> str:
    """A link inside raw HTML; `href` is a directory URL this package built or a safe_url()."""
    return f'<a href="{html.escape(href, quote=True)}">{h(label)}</a>'
