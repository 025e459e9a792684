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
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tdkt.cache import write_if_changed
from tdkt.site.article import article_markdown
from tdkt.site.listings import (ListingPart, awards_index_markdown, group_records, home_markdown, listing_parts,
                                provinces_index_markdown, years_index_markdown)
from tdkt.site.markup import md_text
from tdkt.site.paths import (AWARDS_DIR, GENERATED_DIRS, HOME, PROVINCES_DIR, YEARS_DIR, assign_article_pages,
                             award_page, province_page, url_of, year_page)
from tdkt.site.related import related_articles, related_html
from tdkt.site.stats import province_summary_markdown
from tdkt.site.units import assign_units, unit_pages_of
from tdkt.site.values import award_totals, sort_newest_first, totals_text, year_label
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


def _shown(record: dict, pages: dict[str, str]) -> str:
    """What an article's entry in another article's related list shows of it (id, headline, date, path)."""
    return "\1".join(map(str, [str(record.get("id")), title_of(record), article_date(record), pages[str(record.get("id"))]]))


def article_inputs_digest(record: dict, related_records: list[dict], page: str, pages: dict[str, str],
                          unit_page: str = "", record_digest: str | None = None,
                          shown_of: Callable[[dict], str] | None = None) -> str:
    """A digest of everything an article page is made from: the record, its path, its unit's page,
    what the related list shows of each related article (id, headline, date, path) and the code.
    `record_digest`: a digest of the whole record (body included) standing for it (tdkt build's
    records come without their bodies: extract.batch.Bodies). `shown_of(record)`: _shown, made once
    per record by the caller (an article is in the related lists of four others)."""
    digest = hashlib.blake2b(_code_version(), digest_size=16)
    if record_digest is not None:  # strings only: joined (json.dumps was a tenth of a one-article build)
        shown_texts = [shown_of(o) if shown_of is not None else _shown(o, pages) for o in related_records]
        digest.update("\0".join([page, unit_page, record_digest, *shown_texts]).encode())
        return digest.hexdigest()
    shown = [[str(o.get("id")), title_of(o), article_date(o), pages[str(o.get("id"))]] for o in related_records]
    try:
        digest.update(json.dumps([page, unit_page, record, shown], sort_keys=True, ensure_ascii=False,
                                 default=repr).encode())
    except (TypeError, ValueError):  # keys json cannot sort: no digest, the page is rendered
        return ""
    return digest.hexdigest()


def _record_digest(record: dict) -> str:
    """A digest of a whole record (when the caller has none of its own)."""
    return hashlib.blake2b(json.dumps(record, sort_keys=True, ensure_ascii=False, default=repr).encode(),
                           digest_size=16).hexdigest()


@functools.cache
def _listing_code() -> bytes:
    """The code a listing page is made by: the page code and the listing and summary modules."""
    digest = hashlib.blake2b(_code_version(), digest_size=16)
    for name in ("site/listings.py", "site/stats.py", "site/sharing.py", "site/unit_pages.py", "site/units.py",
                 "site/officials.py"):
        digest.update((_PACKAGE / name).read_bytes())
    return digest.digest()


def _members_digest(prefix: str, records: list[dict], digest: Callable[[dict], str], pages: dict[str, str]) -> str:
    h = hashlib.blake2b(_listing_code(), digest_size=16)
    h.update(prefix.encode())
    token = getattr(digest, "token", None)
    if token is not None:
        h.update("".join(map(token, records)).encode())
    else:
        h.update("".join([f"\0{digest(record)}\0{pages[str(record.get('id'))]}" for record in records]).encode())
    return h.hexdigest()


class _DigestOnce:
    """A record's digest, asked for once per render whatever number of pages it is on; `token`: its
    digest and page as a listing page's digest takes them (made once too)."""

    def __init__(self, digest: Callable[[dict], str], pages: dict[str, str] | None = None) -> None:
        self.digest, self.pages, self.known, self.tokens = digest, pages, {}, {}

    def __call__(self, record: dict) -> str:
        value = self.known.get(id(record))
        if value is None:
            value = self.known[id(record)] = self.digest(record)
        return value

    def token(self, record: dict) -> str:
        value = self.tokens.get(id(record))
        if value is None:
            value = self.tokens[id(record)] = f"\0{self(record)}\0{self.pages[str(record.get('id'))]}"
        return value


def _unchanged_listing_page(reuse, digest, pages) -> Callable[[ListingPart, str], bool]:
    """Whether a listing page's inputs (its articles, the periods it names, its heading) are those
    of the page on disk, as `reuse` says (render_docs: the last render's digests and stamps)."""
    def same(part: ListingPart, heading: str) -> bool:
        if reuse is None:
            return False
        key = json.dumps([part.page, heading, part.periods], ensure_ascii=False)
        return reuse(part.page, _members_digest(key, part.records, digest, pages))
    return same


def _listing(first_page: str, heading: str, intro: Callable[[], str], records: list[dict], pages: dict[str, str],
             same: Callable[[ListingPart, str], bool], rank: dict[int, int]) -> Iterator[tuple[str, str | None]]:
    ordered = sorted(records, key=lambda r: rank[id(r)])  # newest first (values.sort_newest_first)
    for part in listing_parts(first_page, heading, ordered, pages, ordered=True):
        yield (part.page, None) if same(part, heading) else (part.page, part.make(intro))


def _unit_pages(units: dict, pages: dict[str, str], reuse, digest) -> Iterator[tuple[str, str | None]]:
    """unit_pages.unit_pages(units, pages), one by one: a unit's page is made again only when its
    articles (or what it says of the unit) changed since the last render; the indexes always."""
    from tdkt.site.unit_pages import INDEX, group_index_markdown, unit_markdown, units_index_markdown
    from tdkt.site.units import by_group, group_page

    for unit in units.values():
        if reuse is not None:
            key = json.dumps([unit.page, unit.name, unit.group, unit.level, unit.spellings, list(unit.key)],
                             ensure_ascii=False)
            if reuse(unit.page, _members_digest(key, unit.records, digest, pages)):
                yield unit.page, None
                continue
        yield unit.page, unit_markdown(unit, pages)
    groups = by_group(units)
    for group, members in groups.items():
        yield group_page(group), group_index_markdown(group, members)
    yield INDEX, units_index_markdown(groups)


class _AwardTotals:
    """award_totals of each award type's articles, once per build, and across builds by a digest of
    those articles (the awards index and each type's listing show them)."""

    def __init__(self, groups, digest: Callable[[dict], str], memo: dict | None) -> None:
        self.groups, self.digest = groups, digest
        self.memo = memo if memo is not None else {}
        self.used: dict[str, list] = {}

    def __call__(self, kind: str) -> tuple[int, dict[str, int]]:
        if kind not in self.used:
            items = self.groups.awards[kind]
            key = _members_digest(kind, items, self.digest, {})  # self.digest is a _DigestOnce (its token)
            entry = self.memo.get(kind)
            if not entry or entry[0] != key:
                mentions, counted = award_totals(items, kind)
                entry = [key, mentions, counted]
            self.used[kind] = entry
            self.memo[kind] = entry
        return self.used[kind][1], self.used[kind][2]


def article_page(record: dict, page: str, unit_page: str, related_records: list[dict], pages: dict[str, str],
                 full: Callable[[dict], dict]) -> str:
    """One article's page: its own part (site.article) and the related articles (site.related)."""
    return article_markdown(full(record), page, unit_page, related_html(record, related_records, pages))


def iter_pages(records: list[dict], pages: dict[str, str] | None = None,
               reuse: Callable[[str, str], bool] | None = None, full: Callable[[dict], dict] | None = None,
               digest: Callable[[dict], str] | None = None,
               award_totals_memo: dict | None = None, make_article=None) -> Iterator[tuple[str, str | None]]:
    """Every generated page as (docs/-relative path, Markdown text), one at a time (pure).

    A generator, so that 20,000 article pages are written as they are made instead of held.
    With `reuse(path, inputs digest)`, an article page it says is still on disk as rendered
    comes as (path, None), not rendered again; so does a listing page (paged by date) whose
    articles are those of the last render. Records may come without their bodies: then
    `full(record)` is the whole record (for its page) and `digest(record)` a digest of it.
    `award_totals_memo`: the award totals of each type by a digest of its articles, kept between
    renders (render_docs keeps it with the stamps). `make_article`: what article_page does (render_docs
    hands the pages to worker processes when there are many).
    """
    full = full or (lambda record: record)
    records = sorted(records, key=lambda r: str(r.get("id")))
    pages = pages or assign_article_pages(records)
    groups = group_records(records)
    related, by_id = related_articles(records), {str(r.get("id")): r for r in records}
    units = assign_units(records)
    unit_of = unit_pages_of(units)
    shown: dict[str, str] = {}

    def shown_of(record: dict) -> str:
        key = str(record.get("id"))
        if key not in shown:
            shown[key] = _shown(record, pages)
        return shown[key]

    for r in records:
        page, related_records = pages[str(r.get("id"))], [by_id[i] for i in related[str(r.get("id"))]]
        unit_page = unit_of.get(str(r.get("id")), "")
        if reuse is not None and reuse(page, article_inputs_digest(r, related_records, page, pages, unit_page,
                                                                   digest(r) if digest else None, shown_of)):
            yield page, None
            continue
        yield page, (make_article or article_page)(r, page, unit_page, related_records, pages, full)
    digest_once = _DigestOnce(digest or _record_digest, pages)  # the records are alive all along: ids stay theirs
    newest_first = sort_newest_first(records)
    rank = {id(r): i for i, r in enumerate(newest_first)}  # one sort for every listing
    same = _unchanged_listing_page(reuse, digest_once, pages)
    for name, items in groups.provinces.items():
        yield from _listing(province_page(name), name, lambda n=name, i=items: province_summary_markdown(n, i),
                            items, pages, same, rank)
    for key, items in groups.years.items():
        yield from _listing(year_page(key), year_label(key), lambda: "", items, pages, same, rank)
    totals = _AwardTotals(groups, digest_once, award_totals_memo)
    for kind, items in groups.awards.items():
        def intro(kind: str = kind) -> str:
            mentions, counted = totals(kind)
            return (f"{mentions} lượt khen thưởng" + (f": {md_text(totals_text(counted))}" if any(counted.values()) else "")
                    + ".\n\n")
        yield from _listing(award_page(kind), AWARD_TYPES[kind], intro, items, pages, same, rank)
    yield from _unit_pages(units, pages, reuse, digest_once)
    yield f"{PROVINCES_DIR}/index.md", provinces_index_markdown(groups)
    yield f"{YEARS_DIR}/index.md", years_index_markdown(groups)
    yield f"{AWARDS_DIR}/index.md", awards_index_markdown(groups, totals)
    yield HOME, home_markdown(records, groups, pages, totals, newest_first)


def render_pages(records: list[dict]) -> dict[str, str]:
    """Every generated page: docs/-relative path -> Markdown text (pure; tests and small corpora)."""
    return dict(iter_pages(records))


# docs/ folder -> {article page: [inputs digest, size, mtime_ns]} of the last render in this process
_MEMORY_STAMPS: dict[str, dict] = {}
STAMPS_FILE = "render-pages.json"


def _load_stamps(docs_dir: Path, cache_dir: Path | None) -> dict:
    """{"pages": {page: [inputs digest, size, mtime_ns]}, "award_totals": {kind: [digest, mentions, totals]}}."""
    if cache_dir is None:
        return _MEMORY_STAMPS.get(str(docs_dir.resolve()), {})
    try:
        saved = json.loads((Path(cache_dir) / STAMPS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    ok = isinstance(saved, dict) and saved.get("docs") == str(docs_dir.resolve()) and isinstance(saved.get("pages"), dict)
    return saved if ok else {}


def _save_stamps(docs_dir: Path, cache_dir: Path | None, saved: dict) -> None:
    if cache_dir is None:
        _MEMORY_STAMPS[str(docs_dir.resolve())] = saved
        return
    data = json.dumps({"docs": str(docs_dir.resolve()), **saved}, sort_keys=True).encode()
    write_if_changed(Path(cache_dir) / STAMPS_FILE, data)


def assign_pages(records: list[dict]) -> dict[str, str]:
    """Article id -> docs/ path (paths.assign_article_pages), and record["page"] set to its URL path."""
    ids = assign_article_pages(records)
    for record in records:
        record["page"] = url_of(ids[str(record.get("id"))])
    return ids


def render_docs(records: list[dict], docs_dir: Path, cache_dir: Path | None = None,
                full: Callable[[dict], dict] | None = None, digest: Callable[[dict], str] | None = None,
                ids: dict[str, str] | None = None, jobs: int = 1, after_fork=None,
                workers=None, full_many: Callable[[list[dict]], Iterator[dict]] | None = None) -> RenderResult:
    """Write the generated pages into docs_dir, only those whose bytes changed; drop stale ones.

    Sets record["page"] to each article's URL path (e.g. "bai-viet/2023/slug/").

    An article page whose inputs (article_inputs_digest) are those of the last render, and whose
    file is still the one written then (size and mtime), is not rendered again: most of a build's
    pages, when one article is added. What was rendered is remembered in `cache_dir` when given
    (across processes), else in memory for this process. Many article pages to make (a first build)
    are made on `jobs` forked workers; `after_fork()` runs first in each (to reopen what cannot
    cross a fork: tdkt build's store). Or on `workers` (runtime.EarlyWorkers: forked at the build's
    start), which are sent each page's inputs; `full_many(records)`: the records whole, in order,
    their bodies read a batch at a time (extract.batch.Bodies.iter_full).
    """
    docs_dir = Path(docs_dir)
    result = RenderResult()
    ids = ids or assign_pages(records)  # `ids`: what assign_pages(records) returned
    for record in records:
        record["page"] = url_of(ids[str(record.get("id"))])
        result.pages[str(record.get("id"))] = record["page"]
    docs_root = str(docs_dir)
    saved = _load_stamps(docs_dir, cache_dir)
    previous = saved.get("pages", {})
    totals_memo = dict(saved.get("award_totals", {}))
    stamps: dict[str, list] = {}

    def reuse(rel: str, digest: str) -> bool:
        stamp = previous.get(rel)
        if not digest or not stamp or stamp[0] != digest:
            stamps[rel] = [digest]
            return False
        try:
            stat = os.stat(f"{docs_root}/{rel}")
        except OSError:
            stat = None
        if stat is None or [stat.st_size, stat.st_mtime_ns] != stamp[1:]:
            stamps[rel] = [digest]
            return False
        stamps[rel] = stamp
        return True

    deferred: list[tuple] = []

    def defer(*args) -> _Deferred:
        deferred.append(args)
        return _DEFERRED

    rendered: set[str] = set()
    make_article = defer if jobs > 1 else None
    for rel, text in iter_pages(records, ids, reuse, full, digest, totals_memo, make_article):
        rendered.add(rel)
        if text is _DEFERRED:
            continue
        if text is None:
            result.unchanged += 1
            continue
        _write_page(docs_dir, rel, text, stamps, result)
    if len(deferred) >= PARALLEL_PAGES:
        made = (_render_on(workers, deferred, docs_dir, full_many) if workers is not None
                else _render_in_workers(deferred, docs_dir, jobs, after_fork))
        for rel, written, stamp in made:
            result.written += written
            result.unchanged += not written
            stamps[rel] = [stamps[rel][0], *stamp]
    else:
        for args in deferred:
            _write_page(docs_dir, args[1], article_page(*args), stamps, result)
    _save_stamps(docs_dir, cache_dir, {"pages": stamps, "award_totals": totals_memo})
    result.removed = _remove_stale(docs_dir, rendered)
    return result


# Article pages to make before worker processes pay for themselves (a fork each, ~1-2 ms a page).
PARALLEL_PAGES = 400
# Article pages sent to a worker forked before (_render_on) at a time: this process holds the
# bodies of about three such parts at once (one in flight for each worker, one being read)
EARLY_PART = 256


class _Deferred:
    """An article page iter_pages handed over to be made later (render_docs: in workers)."""


_DEFERRED = _Deferred()
_WORK: list[tuple] = []  # the deferred pages, seen by the forked workers (not pickled)


def _write_page(docs_dir: Path, rel: str, text: str, stamps: dict, result: RenderResult) -> None:
    if write_if_changed(docs_dir / rel, text.encode("utf-8")):
        result.written += 1
    else:
        result.unchanged += 1
    if rel in stamps:  # a page made from a digest: stamp the file as it now is
        stat = (docs_dir / rel).stat()
        stamps[rel] = [stamps[rel][0], stat.st_size, stat.st_mtime_ns]


def _render_range(docs_dir: str, start: int, end: int) -> list[tuple[str, bool, list]]:
    out = []
    for args in _WORK[start:end]:
        rel = args[1]
        written = write_if_changed(Path(docs_dir) / rel, article_page(*args).encode("utf-8"))
        stat = (Path(docs_dir) / rel).stat()
        out.append((rel, written, [stat.st_size, stat.st_mtime_ns]))
    return out


def _render_in_workers(deferred: list[tuple], docs_dir: Path, jobs: int, after_fork) -> list:
    """Make and write the deferred article pages on `jobs` forked workers (a full build's thousands)."""
    from concurrent.futures import ProcessPoolExecutor

    from tdkt.runtime import frozen, worker_context

    global _WORK
    _WORK = deferred
    size = max(50, -(-len(deferred) // (jobs * 8)))
    try:
        with frozen(), ProcessPoolExecutor(max_workers=jobs, mp_context=worker_context(), initializer=after_fork) as pool:
            parts = [pool.submit(_render_range, str(docs_dir), i, i + size) for i in range(0, len(deferred), size)]
            return [item for part in parts for item in part.result()]
    finally:
        _WORK = []


def _render_on(workers, deferred: list[tuple], docs_dir: Path, full_many) -> Iterator:
    """The deferred article pages made and written by workers forked before (runtime.EarlyWorkers),
    which are sent what each page is made of, pickled, instead of reading the build's records in
    its memory: a page of that memory they touched would be copied for them."""
    def parts() -> Iterator[tuple]:
        for start in range(0, len(deferred), EARLY_PART):
            part = deferred[start:start + EARLY_PART]
            records = [args[0] for args in part]
            wholes = full_many(records) if full_many is not None else (args[5](args[0]) for args in part)
            yield str(docs_dir), [(page, whole, unit_page, related_html(record, related_records, pages))
                                  for (record, page, unit_page, related_records, pages, _), whole
                                  in zip(part, wholes)]

    for made in workers.map(_render_part, parts()):
        yield from made


def _render_part(docs_dir: str, items: list[tuple]) -> list[tuple[str, bool, list]]:
    """In a worker: write the article pages of (docs/-relative path, whole record, unit page,
    related articles' HTML); (path, written, [size, mtime]) of each."""
    out = []
    for rel, record, unit_page, related in items:
        written = write_if_changed(Path(docs_dir) / rel, article_markdown(record, rel, unit_page, related).encode("utf-8"))
        stat = (Path(docs_dir) / rel).stat()
        out.append((rel, written, [stat.st_size, stat.st_mtime_ns]))
    return out


def _remove_stale(docs_dir: Path, rendered: set[str]) -> int:
    """Delete the generated pages no page of this render is (and folders left empty); how many went."""
    import os

    removed = 0
    for folder in GENERATED_DIRS:
        base = docs_dir / folder
        if not base.is_dir():
            continue
        for root, dirs, files in os.walk(base, topdown=False):
            rel_root = Path(root).relative_to(docs_dir).as_posix()
            for name in sorted(files):
                if name.endswith(".md") and f"{rel_root}/{name}" not in rendered:
                    os.unlink(os.path.join(root, name))
                    removed += 1
            if root != str(base) and not os.listdir(root):
                os.rmdir(root)
    return removed
