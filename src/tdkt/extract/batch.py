"""Extract a whole corpus: through the content-hash cache, on all cores, one bad article never stops the rest.

Inputs come from corpus.scan; each miss goes through `extract.pipeline.extract_file` in a worker
(forked, chunks of CHUNK), with a time limit; the outcome (record or refusal) is cached under the
input's key, so the next build extracts only what changed. Then ids are made distinct and the
records written to build/articles/<id>.json (the data contract), only the files that changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import signal
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from tdkt.cache import Store, extractor_version, file_digest, input_key, text_digest, write_if_changed
from tdkt.corpus.scan import Input, Refusal
from tdkt.corpus.syndication_state import SHINGLES
from tdkt.runtime import frozen, worker_context

# An id becomes a file name and a URL part: anything else is refused rather than trusted.
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
# Fewer misses than this are extracted in-process: starting workers costs more than it saves.
PARALLEL_THRESHOLD = 16
CHUNK = 32
# No article takes this long; one that does is refused (a runaway regex), not waited for.
EXTRACT_TIME_LIMIT_S = 60


class _TooSlow(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Raise _TooSlow after `seconds` (SIGALRM; only where signals can be used: a main thread)."""
    def expire(signum, frame):
        raise _TooSlow

    try:
        previous = signal.signal(signal.SIGALRM, expire)
    except ValueError:  # not the main thread: no limit rather than no build
        yield
        return
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _extract_one(path: str, corpus: str) -> tuple[dict | None, str | None, bool]:
    """(record, refusal reason, cacheable). A crash is reported, not cached: the next build retries."""
    from tdkt.model import InputError
    from tdkt.extract.pipeline import extract_file

    try:
        with _time_limit(EXTRACT_TIME_LIMIT_S):
            return extract_file(Path(path), Path(corpus)), None, True
    except InputError as err:
        return None, err.reason, True
    except _TooSlow:
        return None, f"extractor gave up after {EXTRACT_TIME_LIMIT_S} s", False
    except RecursionError:
        return None, "extractor gave up: input nested too deeply", False
    except Exception as err:  # noqa: BLE001 - one bad article must not stop the archive
        return None, f"extractor crashed: {type(err).__name__}: {err}".splitlines()[0], False


def outcome_row(key: str, record: dict | None, reason: str | None) -> tuple:
    """What the store keeps of one outcome: (key, the record without its body as JSON, the body,
    the body's place among the keys, the digest of the record's article JSON, the body's digest,
    refusal reason)."""
    if record is None:
        return key, None, None, -1, "", "", reason
    keys = list(record)
    body_at = keys.index("body") if "body" in record else -1
    summary = {k: v for k, v in record.items() if k != "body"}
    digest = hashlib.sha256(article_json(record)).hexdigest()
    return (key, json.dumps(summary, ensure_ascii=False), record.get("body"), body_at, digest,
            text_digest(record.get("body")), None)


def _extract_chunk(chunk: list[tuple[str, str, str, str]]) -> list[tuple[str, tuple, bytes | None, bool]]:
    """Extract (source, path, corpus, cache key) items: [(source, outcome row, the body's shingles,
    cacheable)]. The rows are encoded here, in the worker, so that the parent (which shares the two
    cores) does not encode every record itself; it only stores them. The shingles the syndication
    merge needs of each body are made here too, on all cores (a millisecond or more per body)."""
    from tdkt.corpus.syndication import shingle_hashes

    done = []
    for source, path, corpus, key in chunk:
        record, reason, cacheable = _extract_one(path, corpus)
        shingles = shingle_hashes(record.get("body") or "").tobytes() if record is not None else None
        done.append((source, outcome_row(key, record, reason), shingles, cacheable))
    return done


def with_body(summary: dict, body: str | None, body_at: int) -> dict:
    """The whole record again: the body back in its place among the keys."""
    if body_at < 0:
        return dict(summary)
    items = list(summary.items())
    items.insert(body_at, ("body", body))
    return dict(items)


class Bodies:
    """The records of a build hold everything but their body, which stays in the store until a
    stage needs it (an article's page, its JSON, its shingles, its search entry): at 50,000 articles
    the bodies are most of the corpus's memory.

    `full(record)` is the whole record; `digest(record)` the digest of its article JSON, read
    from the store for a record as extracted (its summary object, unchanged), computed for one a
    stage made anew (an editor's correction, a syndicated copy's sources, a renamed id).
    A stage that changes a record makes a new dict; only `page` is set in place (and left out).
    """

    def __init__(self, store: Store | None):
        self.store = store
        self.where: dict[str, tuple[str, int]] = {}        # source -> (store key, body's place)
        self.pristine: dict[int, tuple[dict, str]] = {}    # id(summary) -> (summary, digest)

        self.body_digests: dict[str, str] = {}              # source -> the extracted body's digest

    def reopen(self, path: Path) -> Store:
        """A connection of its own to the store at `path`, in a forked child (one cannot cross a fork)."""
        self.store = Store(path)
        return self.store

    def add(self, source: str, key: str, record: dict, body_at: int, digest: str, body_digest: str) -> None:
        self.where[source] = (key, body_at)
        self.pristine[id(record)] = (record, digest)
        self.body_digests[source] = body_digest

    def changed(self, record: dict) -> None:
        """`record` was changed in place: its digest must be computed."""
        self.pristine.pop(id(record), None)

    def body_digest(self, record: dict) -> str:
        """The digest of the record's body (text_digest), without reading it when it is the extracted one."""
        if "body" in record:
            return text_digest(record["body"])
        return self.body_digests.get(str(record.get("source"))) or text_digest(self.body(record))

    def body(self, record: dict) -> str | None:
        if "body" in record:
            return record["body"]
        where = self.where.get(str(record.get("source")))
        if where is None or self.store is None:
            return None
        return self.store.bodies([where[0]]).get(where[0])

    def full(self, record: dict) -> dict:
        if "body" in record or str(record.get("source")) not in self.where:
            return record
        key, body_at = self.where[str(record.get("source"))]
        return with_body(record, self.body(record), body_at)

    def lazy(self, record: dict) -> dict:
        """The record, its body read from the store each time `get("body")` asks for it: for a
        stage that reads every body once, so that the bodies are not all in memory at once."""
        if "body" in record or str(record.get("source")) not in self.where:
            return record
        return _LazyBody(self, record)

    def lazy_list(self, records: list[dict]) -> list[dict]:
        """Every record with its body read when asked for (Bodies.lazy), in batches when asked for
        in order: for a stage that reads each body once or twice without keeping them (the search
        index), so that the corpus's bodies are never all in memory."""
        window = _Window(self, records)
        return [record if "body" in record or str(record.get("source")) not in self.where
                else _LazyBody(self, record, window, i) for i, record in enumerate(records)]

    def iter_bodies(self, records: list[dict]) -> list[str | None]:
        """The bodies of `records`, in order, read in one query."""
        wanted = [self.where[str(r.get("source"))][0] for r in records
                  if "body" not in r and str(r.get("source")) in self.where]
        found = self.store.bodies(wanted) if self.store is not None else {}
        return [r["body"] if "body" in r else found.get(self.where[str(r.get("source"))][0])
                if str(r.get("source")) in self.where else None for r in records]

    def iter_full(self, records: list[dict], batch: int = 256) -> Iterator[dict]:
        """Every record whole, in order, its body read in batches: memory for `batch` bodies."""
        for i in range(0, len(records), batch):
            chunk = records[i:i + batch]
            wanted = [self.where[str(r.get("source"))][0] for r in chunk
                      if "body" not in r and str(r.get("source")) in self.where]
            found = self.store.bodies(wanted) if self.store is not None else {}
            for record in chunk:
                source = str(record.get("source"))
                if "body" in record or source not in self.where:
                    yield record
                else:
                    key, body_at = self.where[source]
                    yield with_body(record, found.get(key), body_at)

    def digest(self, record: dict) -> str:
        entry = self.pristine.get(id(record))
        if entry is not None and entry[0] is record:
            return entry[1]
        full = self.full(record)
        if "page" in full:
            full = {k: v for k, v in full.items() if k != "page"}
        return "c" + hashlib.sha256(article_json(full)).hexdigest()


class _LazyBody(dict):
    """A record without its body whose `get("body")` and `["body"]` read it (Bodies.lazy)."""

    def __init__(self, bodies: Bodies, record: dict, window: "_Window | None" = None, index: int = 0) -> None:
        super().__init__(record)
        self._bodies, self._record, self._window, self._index = bodies, record, window, index

    def _body(self) -> str | None:
        if self._window is not None:
            return self._window.body(self._index)
        return self._bodies.body(self._record)

    def get(self, key, default=None):
        if key == "body":
            body = self._body()
            return default if body is None else body
        return super().get(key, default)

    def __getitem__(self, key):
        if key == "body":
            return self._body()
        return super().__getitem__(key)


class _Window:
    """Bodies of a list of records read from the store a batch at a time when they are asked for in
    the list's order (one at a time otherwise); only the last batch is held."""

    def __init__(self, bodies: Bodies, records: list[dict], batch: int = 256) -> None:
        self.bodies, self.records, self.batch = bodies, records, batch
        self.held: dict[int, str | None] = {}
        self.last = -2

    def body(self, index: int) -> str | None:
        if index not in self.held:
            if index == self.last + 1 or index == 0:
                chunk = self.records[index:index + self.batch]
                self.held = dict(zip(range(index, index + len(chunk)), self.bodies.iter_bodies(chunk)))
            else:
                self.held = {index: self.bodies.body(self.records[index])}
        self.last = index
        return self.held[index]


# From this many records, the records' short strings (levels, evidence sources, found_by rules,
# dates, province names ...) are shared between records: at 50,000 articles the records held in
# memory take 7 KB each instead of 12 (0.3 s at 20,000, not worth it below).
INTERN_FROM = 30_000
_SHORT = 40


def share_values(records: list[dict]) -> None:
    """Make equal short strings of the records one object (in place; values unchanged)."""
    shared: dict[str, str] = {}

    def walk(container) -> None:
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for key, value in items:
            kind = type(value)
            if kind is str:
                if len(value) < _SHORT:
                    container[key] = shared.setdefault(value, value)
            elif kind is dict or kind is list:
                walk(value)

    for record in records:
        walk(record)


@dataclass
class Extraction:
    records: list[dict]      # as extracted, without their bodies (see Bodies)
    refused: list[Refusal]
    hits: int
    misses: int
    bodies: Bodies


def _input_keys(inputs: list[Input], store: Store) -> tuple[dict[str, str], dict[str, str]]:
    """(source -> cache key, source -> why it cannot be read)."""
    version = extractor_version()
    digests = store.file_digests(p for item in inputs for p in (item.path, item.sidecar) if p is not None)
    keys, unreadable = {}, {}
    for item in inputs:
        try:
            article = digests.get(item.path) or file_digest(item.path)  # not there: say why
            sidecar = None
            if item.sidecar is not None and item.sidecar.is_file():
                sidecar = digests.get(item.sidecar) or file_digest(item.sidecar)
        except OSError as err:
            unreadable[item.source] = f"cannot read: {err.strerror or err}"
            continue
        keys[item.source] = input_key(item.source, article, sidecar, version)
    return keys, unreadable


def extract_all(inputs: list[Input], corpus: Path, store: Store, jobs: int,
                advance: Callable[[int], None] = lambda n: None,
                parallel_threshold: int = PARALLEL_THRESHOLD) -> Extraction:
    """Every input's record (or refusal), from the store when its content key is known there,
    else extracted (on `jobs` cores when there are many) and stored."""
    keys, unreadable = _input_keys(inputs, store)
    known = store.outcomes(keys.values())
    bodies = Bodies(store)
    results: dict[str, tuple[dict | None, str | None]] = {s: (None, r) for s, r in unreadable.items()}
    advance(len(unreadable))
    misses: list[Input] = []
    for item in inputs:
        key = keys.get(item.source)
        if key is None:
            continue
        if key not in known:
            misses.append(item)
            continue
        summary, refused, body_at, digest, body_digest = known.pop(key)  # its text freed once parsed
        record = json.loads(summary) if summary is not None else None
        if record is not None:
            bodies.add(item.source, key, record, body_at, digest, body_digest)
        results[item.source] = (record, refused)
        advance(1)
    hits = len(inputs) - len(misses) - len(unreadable)
    if len(inputs) >= INTERN_FROM:
        share_values([r for r, _ in results.values() if r is not None])

    fresh: list[tuple] = []
    shingles: list[tuple[str, bytes]] = []

    def store_outcome(source: str, row: tuple, body_shingles: bytes | None, cacheable: bool) -> None:
        key, summary, body, body_at, digest, body_digest, reason = row
        record = json.loads(summary) if summary is not None else None
        if record is not None:
            bodies.add(source, key, record, body_at, digest, body_digest)
        results[source] = (record, reason)
        if cacheable:
            fresh.append(row)
        if body_shingles is not None:
            shingles.append((body_digest, body_shingles))

    def flush() -> None:
        store.put_outcomes(fresh)
        store.put_memo(SHINGLES, shingles)
        fresh.clear()
        shingles.clear()

    work = [(i.source, str(i.path), str(corpus), keys[i.source]) for i in misses]
    if jobs > 1 and len(work) >= parallel_threshold:
        chunks = [work[i:i + CHUNK] for i in range(0, len(work), CHUNK)]
        from tdkt.extract.pipeline import warm_up

        warm_up()  # built once here and shared by the forked workers (a cold one pays ~0.4 s CPU)
        with frozen():  # the workers' collector leaves the parent's objects, and so their memory pages, alone
            with ProcessPoolExecutor(max_workers=jobs, mp_context=worker_context()) as pool:
                futures = {pool.submit(_extract_chunk, c): c for c in chunks}
                for future in as_completed(futures):
                    chunk = futures.pop(future)  # its result (bodies, shingles) goes once stored
                    try:
                        done = future.result()
                    except Exception:  # a worker died (out of memory, a crash in C): redo its chunk here
                        done = _extract_chunk(chunk)
                    for result in done:
                        store_outcome(*result)
                    advance(len(done))
                    if len(fresh) >= 1024:
                        flush()
    else:
        for item in work:
            store_outcome(*_extract_chunk([item])[0])
            advance(1)
    flush()
    store.keep_outcomes(keys.values())

    records, refused = [], []
    for item in inputs:  # input order (sorted paths), whatever order the workers finished in
        record, reason = results[item.source]
        if record is not None:
            records.append(record)
        else:
            refused.append(Refusal(item.source, reason or "refused"))
    return Extraction(records, refused, hits, len(misses), bodies)


def disambiguate_ids(records: list[dict], changed: Callable[[dict], None] = lambda record: None) -> list[dict]:
    """Give every record a distinct id: the first by source path keeps it, later ones get -2, -3 ...

    Returns the renames (`changed` is told of each record renamed in place). Records must be in
    source order, so the outcome does not depend on timing.
    """
    taken = {r.get("id") for r in records}
    seen: set[str] = set()
    renames = []
    for record in records:
        original = record.get("id")
        if original not in seen:
            seen.add(original)
            continue
        n = 2
        while f"{original}-{n}" in taken or f"{original}-{n}" in seen:
            n += 1
        record["id"] = f"{original}-{n}"
        changed(record)
        seen.add(record["id"])
        record.setdefault("warnings", []).append(f"id {original} was already taken; this article is {record['id']}")
        renames.append({"source": record.get("source"), "from": original, "to": record["id"]})
    return renames


def article_json(record: dict) -> bytes:
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_articles(records: list[dict], articles_dir: Path, bodies: Bodies | None = None,
                   store: Store | None = None) -> tuple[int, int]:
    """build/articles/<id>.json for each record; only changed files are written, stale ones removed.

    With the store, a file whose record has the digest it had when this build last wrote it, and
    that is still the file written then (size, mtime), is not read again.
    """
    bodies = bodies or Bodies(None)
    articles_dir.mkdir(parents=True, exist_ok=True)
    stamps = {k: v.decode() for k, v in store.memo("article").items()} if store is not None else {}
    wanted, fresh = {}, []
    written = 0
    for record in records:
        name = f"{record['id']}.json"
        digest = bodies.digest(record)
        path = articles_dir / name
        try:
            st = os.stat(path)
            on_disk = f"{digest}:{st.st_size}:{st.st_mtime_ns}"
        except OSError:
            on_disk = ""
        if on_disk and stamps.get(name) == on_disk:
            wanted[name] = on_disk
            continue
        written += write_if_changed(path, article_json(bodies.full(record)))
        st = os.stat(path)
        wanted[name] = f"{digest}:{st.st_size}:{st.st_mtime_ns}"
        fresh.append((name, wanted[name].encode()))
    removed = 0
    with os.scandir(articles_dir) as entries:
        stale = sorted(e.name for e in entries if e.name.endswith(".json") and e.name not in wanted)
    for name in stale:
        (articles_dir / name).unlink()
        removed += 1
    if store is not None:
        store.put_memo("article", fresh)
        if len(stamps) + len(fresh) > len(wanted):
            store.keep_memo("article", wanted)
    return written, removed


REVIEW = "review-items"   # memo kind: code + record digest -> the record's review items (JSON; usually [])


def write_review(records: list[dict], bodies: Bodies, store: Store, path: Path) -> int:
    """build/review.csv over `records` (extract.review.write_review_csv's file), each record judged
    once per digest: its review items are kept in the store, so a build reads no body for it (the
    review reads the body's length). Returns its rows."""
    import csv

    from tdkt.extract import review as review_module

    code = hashlib.sha256(Path(review_module.__file__).read_bytes()).hexdigest()[:16]
    keys = [f"{code}:{bodies.digest(r)}" for r in records]
    # most records have no review item: their "[]" is not parsed (a json.loads per record)
    known = {k: [] if v == b"[]" else items for k, v in store.memo(REVIEW, keys).items()
             if v == b"[]" or isinstance(items := json.loads(v), list)}
    fresh = []
    for record, key in zip(records, keys):
        if key not in known:
            known[key] = review_module.review_items([bodies.full(record)])
            fresh.append((key, json.dumps(known[key], ensure_ascii=False).encode()))
    store.put_memo(REVIEW, fresh)
    store.keep_memo(REVIEW, keys)
    items = [item for key in keys for item in known[key]]
    items.sort(key=lambda item: (-item["score"], item["id"]))  # as review_items orders them
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as out:  # as write_review_csv writes them
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(review_module.CSV_COLUMNS)
        for item in items:
            writer.writerow([item["score"], item["id"], " | ".join(item["issues"]), item["title"],
                             item["province"], item["date"], item["source"], item["url"]])
    return len(items)
