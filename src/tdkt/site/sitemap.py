"""The sitemap of every HTML page the build wrote, with no build date in it.

sitemap.xml is a sitemap index naming gzipped urlset parts (sitemap-1.xml.gz, sitemap-2.xml.gz, ...):
the sitemaps.org protocol allows at most 50,000 URLs and 50 MB uncompressed in one sitemap file, and a
site of 50,000 articles has more pages than that. The parts are only stored gzipped: GitHub Pages
counts the bytes a site stores, and a plain copy of every page's URL costs ~120 bytes an article.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from tdkt.cache import deterministic_gzip

INDEX = "sitemap.xml"
URLS_PER_PART = 50_000                  # sitemaps.org: at most 50,000 URLs in one sitemap file
BYTES_PER_PART = 50 * 1024 * 1024       # ... and at most 50 MB (52,428,800 bytes) uncompressed
_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_NAMESPACE}">\n'.encode()
_TAIL = b"</urlset>\n"


def part_name(number: int) -> str:
    """The file name of the index's `number`th part (from 1)."""
    return f"sitemap-{number}.xml.gz"


def _skipped(rel: str) -> bool:
    """Not a page a reader lands on: the 404 page and the search tools' files (their index pages stay)."""
    return rel == "404.html" or rel.startswith(("assets/", "pagefind/", "search/")) and not rel.endswith("index.html")


def _page_of(rel: str) -> str:
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def site_pages(site_dir: Path, also: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Every HTML page of the site as a URL path relative to the site root, sorted. `also`: files the
    site holds beside the folder's (site-relative paths; an incremental build's unchanged pages)."""
    found = [path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html")]
    return pages_of(set(found) | set(also))


def pages_of(files: set[str] | frozenset[str]) -> list[str]:
    """The sitemap's pages among a site's files (site-relative paths), sorted."""
    return sorted({_page_of(rel) for rel in files if rel.endswith(".html") and not _skipped(rel)})


def _base(site_url: str) -> str:
    return site_url.rstrip("/") + "/" if site_url else "/"


def sitemap_xml(pages: list[str], site_url: str) -> bytes:
    """One urlset of `pages` (a part's uncompressed bytes); no lastmod (a build date would make two
    builds differ)."""
    base = _base(site_url)
    return _HEAD + b"".join(_url_entry(base + page) for page in pages) + _TAIL


def _url_entry(url: str) -> bytes:
    return f"  <url><loc>{xml_escape(url)}</loc></url>\n".encode("utf-8")


def sitemap_index_xml(part_urls: list[str]) -> bytes:
    """The sitemap index naming each part by its absolute URL; no lastmod, as in the parts."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{_NAMESPACE}">']
    lines += [f"  <sitemap><loc>{xml_escape(url)}</loc></sitemap>" for url in part_urls]
    lines.append("</sitemapindex>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def split_parts(entries: list[bytes], urls_per_part: int, bytes_per_part: int) -> list[list[bytes]]:
    """`entries` (one <url> line each) cut, in order, into parts of at most `urls_per_part` entries and
    at most `bytes_per_part` bytes once the urlset's head and tail are added; always one part at least
    (an empty urlset is a valid sitemap; an index without a sitemap is not)."""
    room = bytes_per_part - len(_HEAD) - len(_TAIL)
    parts: list[list[bytes]] = [[]]
    size = 0
    for entry in entries:
        if parts[-1] and (len(parts[-1]) >= urls_per_part or size + len(entry) > room):
            parts.append([])
            size = 0
        parts[-1].append(entry)
        size += len(entry)
    return parts


def sitemap_files(pages: list[str], site_url: str, urls_per_part: int = URLS_PER_PART,
                  bytes_per_part: int = BYTES_PER_PART) -> dict[str, bytes]:
    """File name -> bytes: the index (sitemap.xml) and its gzipped parts, in order. The same pages give
    the same bytes (the gzip has no name and no time in it)."""
    base = _base(site_url)
    parts = split_parts([_url_entry(base + page) for page in pages], urls_per_part, bytes_per_part)
    files = {part_name(n): deterministic_gzip(_HEAD + b"".join(part) + _TAIL) for n, part in enumerate(parts, 1)}
    return {INDEX: sitemap_index_xml([base + name for name in files]), **files}


@dataclass(frozen=True)
class Written:
    """What write_sitemap wrote: the number of page URLs (the build report's "sitemap URLs") and the
    files' names (site-relative), the index first."""

    urls: int
    files: tuple[str, ...]


def write_sitemap(site_dir: Path, site_url: str, also: set[str] | frozenset[str] = frozenset(),
                  files: set[str] | None = None, urls_per_part: int | None = None) -> Written:
    """The sitemap index and its parts into site_dir, of its pages (or of `files`: every file of the
    site to be). `urls_per_part`: URLS_PER_PART when None (read at the call, so a test may lower it)."""
    pages = pages_of(files) if files is not None else site_pages(site_dir, also)
    written = sitemap_files(pages, site_url, URLS_PER_PART if urls_per_part is None else urls_per_part)
    for name, data in written.items():
        (site_dir / name).write_bytes(data)
    return Written(len(pages), tuple(written))
