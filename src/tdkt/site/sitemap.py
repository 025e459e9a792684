"""The sitemap of every HTML page the build wrote (sitemap.xml and its gzip), with no build date in it."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from tdkt.cache import deterministic_gzip


def site_pages(site_dir: Path, also: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Every HTML page of the site as a URL path relative to the site root, sorted. `also`: files the
    site holds beside the folder's (site-relative paths; an incremental build's unchanged pages)."""
    pages = []
    found = [path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html")]
    for rel in found + sorted(p for p in also if p.endswith(".html")):
        if rel == "404.html" or rel.startswith(("assets/", "pagefind/", "search/")) and not rel.endswith("index.html"):
            continue
        if rel.endswith("index.html"):
            rel = rel[: -len("index.html")]
        pages.append(rel)
    return sorted(set(pages))


def sitemap_xml(pages: list[str], site_url: str) -> bytes:
    """A sitemap of every page; no lastmod (a build date would make two builds differ)."""
    base = site_url.rstrip("/") + "/" if site_url else "/"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{xml_escape(base + page)}</loc></url>" for page in pages]
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def pages_of(files: set[str]) -> list[str]:
    """The sitemap's pages among a site's files (site-relative paths), as site_pages gives them."""
    pages = []
    for rel in files:
        if not rel.endswith(".html") or rel == "404.html" or (
                rel.startswith(("assets/", "pagefind/", "search/")) and not rel.endswith("index.html")):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return sorted(set(pages))


def write_sitemap(site_dir: Path, site_url: str, also: set[str] | frozenset[str] = frozenset(),
                  files: set[str] | None = None) -> int:
    """sitemap.xml(.gz) into site_dir, of its pages (or of `files`: every file of the site to be)."""
    pages = pages_of(files) if files is not None else site_pages(site_dir, also)
    data = sitemap_xml(pages, site_url)
    (site_dir / "sitemap.xml").write_bytes(data)
    (site_dir / "sitemap.xml.gz").write_bytes(deterministic_gzip(data))
    return len(pages)
