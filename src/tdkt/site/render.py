"""Render extracted article records into the Markdown pages of the site (docs/).

The heart is pure: `iter_pages` takes records and yields (path, Markdown) for every generated page
(article.py, listings.py make them). `render_docs` is the I/O edge: it lays the pages out, writes only
files whose bytes changed (so MkDocs' and the search indexer's work stays incremental) and
removes generated pages that no longer have an article behind them.

Everything that came from an article (titles, names, text, URLs) is data. `md_text` turns it
into Markdown that Python-Markdown can only show as the same text: every character that could
start markup becomes an HTML entity, so no raw HTML, link, emphasis, attribute list, admonition,
list, heading or template syntax can come out of it. Paths are built from ASCII slugs only.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tdkt.cache import write_if_changed
from tdkt.site.article import article_markdown
from tdkt.site.listings import (awards_index_markdown, group_records, home_markdown, paged_listing,
                                provinces_index_markdown, years_index_markdown)
from tdkt.site.markup import md_text
from tdkt.site.paths import (AWARDS_DIR, GENERATED_DIRS, HOME, PROVINCES_DIR, YEARS_DIR, assign_article_pages,
                             award_page, province_page, url_of, year_page)
from tdkt.site.related import related_articles, related_markdown
from tdkt.site.stats import province_summary_markdown
from tdkt.site.unit_pages import unit_pages
from tdkt.site.units import assign_units, unit_pages_of
from tdkt.site.values import award_totals, totals_text, year_label
from tdkt.taxonomy import AWARD_TYPES, article_date, title_of

@dataclass
class RenderResult:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    pages: dict[str, str] = field(default_factory=dict)   # article id -> "bai-viet/<year>/<slug>/"

    def __getitem__(self, key: str):
        return getattr(self, key)


# The code an article page is made by (this package's page modules, places_now, taxonomy, text) and the
# libraries under it: a change to any of them changes every page's inputs digest.
_PAGE_CODE = ("site/render.py", "site/article.py", "site/markup.py", "site/paths.py", "site/values.py",
              "site/related.py", "site/sharing.py", "site/units.py", "places_now.py", "taxonomy.py", "text.py")


_PACKAGE = Path(__file__).resolve().parent.parent


@functools.cache
def _code_version() -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{sys.version}|{yaml.__version__}".encode())
    for name in _PAGE_CODE:
        digest.update((_PACKAGE / name).read_bytes())
    return digest.digest()


def article_inputs_digest(record: dict, related_records: list[dict], page: str, pages: dict[str, str],
                          unit_page: str = "") -> str:
    """A digest of everything an article page is made from: the record, its path, its unit's page,
    what the related list shows of each related article (id, headline, date, path) and the code."""
    digest = hashlib.blake2b(_code_version(), digest_size=16)
    shown = [[str(o.get("id")), title_of(o), article_date(o), pages[str(o.get("id"))]] for o in related_records]
    try:
        digest.update(json.dumps([page, unit_page, record, shown], sort_keys=True, ensure_ascii=False,
                                 default=repr).encode())
    except (TypeError, ValueError):  # keys json cannot sort: no digest, the page is rendered
        return ""
    return digest.hexdigest()


def iter_pages(records: list[dict], pages: dict[str, str] | None = None,
               reuse: Callable[[str, str], bool] | None = None) -> Iterator[tuple[str, str | None]]:
    """Every generated page as (docs/-relative path, Markdown text), one at a time (pure).

    A generator, so that 20,000 article pages are written as they are made instead of held.
    With `reuse(path, inputs digest)`, an article page it says is still on disk as rendered
    comes as (path, None), not rendered again.
    """
    records = sorted(records, key=lambda r: str(r.get("id")))
    pages = pages or assign_article_pages(records)
    groups = group_records(records)
    related, by_id = related_articles(records), {str(r.get("id")): r for r in records}
    units = assign_units(records)
    unit_of = unit_pages_of(units)
    for r in records:
        page, related_records = pages[str(r.get("id"))], [by_id[i] for i in related[str(r.get("id"))]]
        unit_page = unit_of.get(str(r.get("id")), "")
        if reuse is not None and reuse(page, article_inputs_digest(r, related_records, page, pages, unit_page)):
            yield page, None
            continue
        yield page, article_markdown(r, page, unit_page) + related_markdown(r, related_records, pages)
    for name, items in groups.provinces.items():
        yield from paged_listing(province_page(name), name, province_summary_markdown(name, items), items, pages).items()
    for key, items in groups.years.items():
        yield from paged_listing(year_page(key), year_label(key), "", items, pages).items()
    for kind, items in groups.awards.items():
        mentions, totals = award_totals(items, kind)
        intro = f"{mentions} lượt khen thưởng" + (f": {md_text(totals_text(totals))}" if any(totals.values()) else "") + ".\n\n"
        yield from paged_listing(award_page(kind), AWARD_TYPES[kind], intro, items, pages).items()
    yield from unit_pages(units, pages).items()
    yield f"{PROVINCES_DIR}/index.md", provinces_index_markdown(groups)
    yield f"{YEARS_DIR}/index.md", years_index_markdown(groups)
    yield f"{AWARDS_DIR}/index.md", awards_index_markdown(groups)
    yield HOME, home_markdown(records, groups, pages)


def render_pages(records: list[dict]) -> dict[str, str]:
    """Every generated page: docs/-relative path -> Markdown text (pure; tests and small corpora)."""
    return dict(iter_pages(records))


# docs/ folder -> {article page: [inputs digest, size, mtime_ns]} of the last render in this process
_MEMORY_STAMPS: dict[str, dict[str, list]] = {}
STAMPS_FILE = "render-pages.json"


def _load_stamps(docs_dir: Path, cache_dir: Path | None) -> dict[str, list]:
    if cache_dir is None:
        return _MEMORY_STAMPS.get(str(docs_dir.resolve()), {})
    try:
        saved = json.loads((Path(cache_dir) / STAMPS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    ok = isinstance(saved, dict) and saved.get("docs") == str(docs_dir.resolve()) and isinstance(saved.get("pages"), dict)
    return saved["pages"] if ok else {}


def _save_stamps(docs_dir: Path, cache_dir: Path | None, stamps: dict[str, list]) -> None:
    if cache_dir is None:
        _MEMORY_STAMPS[str(docs_dir.resolve())] = stamps
        return
    data = json.dumps({"docs": str(docs_dir.resolve()), "pages": stamps}, sort_keys=True).encode()
    write_if_changed(Path(cache_dir) / STAMPS_FILE, data)


def render_docs(records: list[dict], docs_dir: Path, cache_dir: Path | None = None) -> RenderResult:
    """Write the generated pages into docs_dir, only those whose bytes changed; drop stale ones.

    Sets record["page"] to each article's URL path (e.g. "bai-viet/2023/slug/").

    An article page whose inputs (article_inputs_digest) are those of the last render, and whose
    file is still the one written then (size and mtime), is not rendered again: most of a build's
    pages, when one article is added. What was rendered is remembered in `cache_dir` when given
    (across processes), else in memory for this process.
    """
    docs_dir = Path(docs_dir)
    result = RenderResult()
    ids = assign_article_pages(records)
    for record in records:
        record["page"] = url_of(ids[str(record.get("id"))])
        result.pages[str(record.get("id"))] = record["page"]
    previous = _load_stamps(docs_dir, cache_dir)
    stamps: dict[str, list] = {}

    def reuse(rel: str, digest: str) -> bool:
        stamp = previous.get(rel)
        if not digest or not stamp or stamp[0] != digest:
            stamps[rel] = [digest]
            return False
        try:
            stat = (docs_dir / rel).stat()
        except OSError:
            stat = None
        if stat is None or [stat.st_size, stat.st_mtime_ns] != stamp[1:]:
            stamps[rel] = [digest]
            return False
        stamps[rel] = stamp
        return True

    rendered: set[str] = set()
    for rel, text in iter_pages(records, ids, reuse):
        rendered.add(rel)
        if text is None:
            result.unchanged += 1
            continue
        if write_if_changed(docs_dir / rel, text.encode("utf-8")):
            result.written += 1
        else:
            result.unchanged += 1
        if rel in stamps:  # an article page: stamp the file as it now is
            stat = (docs_dir / rel).stat()
            stamps[rel] = [stamps[rel][0], stat.st_size, stat.st_mtime_ns]
    _save_stamps(docs_dir, cache_dir, stamps)
    for folder in GENERATED_DIRS:
        base = docs_dir / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.md"), reverse=True):
            if path.relative_to(docs_dir).as_posix() not in rendered:
                path.unlink()
                result.removed += 1
        for directory in sorted((d for d in base.rglob("*") if d.is_dir()), reverse=True):
            if not any(directory.iterdir()):
                directory.rmdir()
    return result
