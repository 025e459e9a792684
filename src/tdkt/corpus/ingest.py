"""Ingest: bytes on disk -> RawArticle (decoded, normalized text plus provenance).

The corpus is scraped from hundreds of portals, so the bytes arrive in every state: UTF-8 with
or without BOM, UTF-16, Windows-1258, the pre-Unicode TCVN3 and VNI font encodings, truncated,
binary, empty. `decode` is the pure heart (bytes in, text and encoding name out); `read_article`
adds the file system, HTML extraction and the provenance (tdkt.corpus.provenance: sidecar or front matter). Anything that cannot become an
article raises `InputError` with a one-line reason, so one bad file never stops a build.
"""

from __future__ import annotations

import re
from pathlib import Path

from tdkt.corpus.decode import LETTERS, VIETNAMESE_LETTERS, decode_raw
from tdkt.corpus.provenance import is_http, parse_provenance, read_sidecar, split_front_matter
from tdkt.model import InputError, RawArticle
from tdkt.text import normalize, strip_newlines

# Real article pages are well under 1 MB of text; 5 MB leaves room for HTML with inline
# scripts while keeping a runaway file (a log, a dump) from eating a build.
MAX_BYTES = 5 * 1024 * 1024
# A paragraph of a news article runs to a few thousand characters; a line far beyond that is
# a dump or minified data, not prose (and would make every later regex slow).
MAX_LINE_CHARS = 50_000
# Fewer letters than this is a stub or an error page, not an article.
MIN_LETTERS = 40

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

# -- HTML ---------------------------------------------------------------------------------

_HTML_SNIFF = re.compile(r"^\s*(<!doctype html|<html[\s>]|<head[\s>]|<\?xml[^>]*>\s*<html)", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.match(text[:2000])) or (
        "<body" in text[:20000].lower() and "</p>" in text.lower()
    )


def extract_html(html: str, source: str) -> tuple[str, dict, str | None]:
    """HTML -> (main text with paragraphs separated by blank lines, metadata, canonical url)."""
    import trafilatura  # slow to import; only HTML inputs need it

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        favor_recall=True,
        # the file date is "today": it would make two builds of the same corpus differ
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        raise InputError(source, "HTML page without main text (nothing an article could be made of)")
    meta = {}
    for key in ("title", "date", "author", "sitename", "hostname", "description"):
        value = getattr(doc, key, None)
        if isinstance(value, str) and value.strip():
            meta[key] = normalize(value).strip()
    title = _og_or_title(html)
    if title and "title" not in meta:
        meta["title"] = title
    url = getattr(doc, "url", None)
    # trafilatura gives one paragraph per line; the pipeline separates paragraphs by a blank line
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    return "\n\n".join(paragraphs), meta, url if isinstance(url, str) and is_http(url) else None


_OG_TITLE = re.compile(
    r"<meta\s[^>]*property=[\"']og:title[\"'][^>]*content=[\"']([^\"']{1,500})[\"']", re.I
)
_TITLE = re.compile(r"<title[^>]*>([^<]{1,500})</title>", re.I)


def _og_or_title(html: str) -> str | None:
    import html as htmllib

    head = html[:200_000]
    match = _OG_TITLE.search(head) or _TITLE.search(head)
    if not match:
        return None
    return normalize(htmllib.unescape(match.group(1))).strip() or None


# -- the file --------------------------------------------------------------------------------


def _read_bytes(path: Path, source: str) -> bytes:
    if path.is_symlink() and not path.exists():
        raise InputError(source, "broken link: it points to no file")
    if not path.exists():
        raise InputError(source, "no such file")
    if path.is_dir():
        raise InputError(source, "is a directory, not an article file")
    if not path.is_file():
        raise InputError(source, "not a regular file (a device or a pipe)")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(
            source, f"too large: {size / 1024 / 1024:.1f} MB (articles are limited to {MAX_BYTES // 1024 // 1024} MB)"
        )
    try:
        with path.open("rb") as handle:
            # read one byte past the limit: the size may have changed since stat (a growing file).
            # Asked for the limit at once, read() allocates 5 MB per article; stat's size is the
            # first guess, and only a file that grew since reads on.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(MAX_BYTES + 1 - len(data))
    except OSError as err:
        raise InputError(source, f"cannot read: {err.strerror or err}") from None
    if len(data) > MAX_BYTES:
        raise InputError(source, f"too large: over {MAX_BYTES // 1024 // 1024} MB")
    return data


def _enough_vietnamese(text: str) -> bool:
    """Whether the letter checks below surely pass, known from a prefix of the text.

    Vietnamese letters are letters, and there are no more letters than characters: once the
    Vietnamese ones reach MIN_LETTERS, 5 and 3% of the whole text, neither check can fail.
    Counting every letter of an article costs 0.1 µs a character; most articles get there
    within their first lines.
    """
    needed = max(MIN_LETTERS, 5, len(text) * 0.03)
    seen = 0
    for run in VIETNAMESE_LETTERS.finditer(text):
        seen += run.end() - run.start()
        if seen >= needed:
            return True
    return False


def check_article_text(text: str, source: str) -> None:
    """Refuse text that cannot be a Vietnamese news article."""
    if not text.strip():
        raise InputError(source, "no text (empty or whitespace only)")
    longest = max((len(line) for line in text.split("\n")), default=0)
    if longest > MAX_LINE_CHARS:
        raise InputError(
            source, f"a line of {longest:,} characters (limit {MAX_LINE_CHARS:,}): not article text"
        )
    if _enough_vietnamese(text):
        return
    # Counted by runs, not one list item per letter (an article has thousands).
    letters = sum(map(len, LETTERS.findall(text)))
    if letters < MIN_LETTERS:
        raise InputError(source, f"too short to be an article ({letters} letters)")
    viet = sum(map(len, VIETNAMESE_LETTERS.findall(text)))
    if viet < 5 or viet < letters * 0.03:
        raise InputError(source, "not a Vietnamese article (no Vietnamese letters)")


def read_article(path: Path, source: str | None = None) -> RawArticle:
    """Read one corpus file (and its provenance) into a RawArticle; InputError when it cannot be one."""
    path = Path(path)
    source = source if source is not None else str(path)
    data = _read_bytes(path, source)
    text, encoding = decode_raw(data, source)
    if not text.strip():
        raise InputError(source, "no text (whitespace only)")

    kind = "html" if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text) else "txt"
    meta: dict = {}
    url = fetched = None
    overrides: dict = {}
    ignored: list[str] = []
    first_line = 0
    if kind == "html":
        text, meta, url = extract_html(text, source)
    else:
        before = text
        text, front = split_front_matter(text, source)
        # so that `tdkt extract --explain` can give line numbers of the file itself
        first_line = before[: len(before) - len(text)].count("\n")
        if front is not None:
            url, fetched, overrides, ignored = parse_provenance(front, "front matter", source)

    sidecar = read_sidecar(path, source)
    if sidecar is not None:
        s_url, s_fetched, s_overrides, s_ignored = parse_provenance(
            sidecar, f"sidecar {path.with_suffix('.json').name}", source
        )
        url, fetched = s_url or url, s_fetched or fetched
        overrides = {**overrides, **s_overrides}
        ignored += s_ignored
    if ignored:
        meta["ignored_keys"] = ignored

    text = normalize(text)
    if kind == "txt":
        first_line += len(text) - len(text.lstrip("\n"))
        meta["first_line"] = first_line + 1
    text = strip_newlines(text)
    check_article_text(text, source)
    return RawArticle(
        source=source, text=text, kind=kind, encoding=encoding,
        url=url, fetched=fetched, meta=meta, overrides=overrides,
    )
