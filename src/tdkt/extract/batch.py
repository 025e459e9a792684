"""Extract a whole corpus: through the content-hash cache, on all cores, one bad article never stops the rest.

Inputs come from corpus.scan; each miss goes through `extract.pipeline.extract_file` in a worker
(forked, chunks of CHUNK), with a time limit; the outcome (record or refusal) is cached under the
input's key, so the next build extracts only what changed. Then ids are made distinct and the
records written to build/articles/<id>.json (the data contract), only the files that changed.
"""

from __future__ import annotations

import contextlib
import json
import re
import signal
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from tdkt.cache import JsonCache, extractor_version, file_digest, input_key, write_if_changed
from tdkt.corpus.scan import Input, Refusal
from tdkt.runtime import worker_context

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


def _extract_chunk(chunk: list[tuple[str, str, str, str]], cache_root: str) -> list[tuple[str, dict | None, str | None]]:
    """Extract (source, path, corpus, cache key) items and store the cacheable outcomes. The
    entries are written here, in the worker, so that the parent (which shares the two cores)
    does not encode and write every record itself."""
    cache = JsonCache(Path(cache_root))
    done = []
    for source, path, corpus, key in chunk:
        record, reason, cacheable = _extract_one(path, corpus)
        if cacheable:
            cache.put(key, {"record": record} if record is not None else {"refused": reason})
        done.append((source, record, reason))
    return done


@dataclass
class Extraction:
    records: list[dict]
    refused: list[Refusal]
    hits: int
    misses: int


def extract_all(inputs: list[Input], corpus: Path, cache: JsonCache, jobs: int,
                advance: Callable[[int], None] = lambda n: None,
                parallel_threshold: int = PARALLEL_THRESHOLD) -> Extraction:
    version = extractor_version()
    results: dict[str, tuple[dict | None, str | None]] = {}
    keys: dict[str, str] = {}
    misses: list[Input] = []
    for item in inputs:
        try:
            sidecar = file_digest(item.sidecar) if item.sidecar and item.sidecar.is_file() else None
            key = input_key(item.source, file_digest(item.path), sidecar, version)
        except OSError as err:
            results[item.source] = (None, f"cannot read: {err.strerror or err}")
            advance(1)
            continue
        keys[item.source] = key
        entry = cache.get(key)
        if entry is None:
            misses.append(item)
            continue
        results[item.source] = (entry.get("record"), entry.get("refused"))
        advance(1)
    hits = len(inputs) - len(misses) - sum(1 for s in results if s not in keys)

    def store(source: str, record: dict | None, reason: str | None) -> None:
        results[source] = (record, reason)

    work = [(i.source, str(i.path), str(corpus), keys[i.source]) for i in misses]
    if jobs > 1 and len(work) >= parallel_threshold:
        chunks = [work[i:i + CHUNK] for i in range(0, len(work), CHUNK)]
        from tdkt.extract.pipeline import warm_up

        warm_up()  # built once here and shared by the forked workers (a cold one pays ~0.4 s CPU)
        with ProcessPoolExecutor(max_workers=jobs, mp_context=worker_context()) as pool:
            futures = {pool.submit(_extract_chunk, c, str(cache.root)): c for c in chunks}
            for future in as_completed(futures):
                try:
                    done = future.result()
                except Exception:  # a worker died (out of memory, a crash in C): redo its chunk here
                    done = _extract_chunk(futures[future], str(cache.root))
                for result in done:
                    store(*result)
                advance(len(done))
    else:
        for item in work:
            store(*_extract_chunk([item], str(cache.root))[0])
            advance(1)

    cache.prune(set(keys.values()))
    records, refused = [], []
    for item in inputs:  # input order (sorted paths), whatever order the workers finished in
        record, reason = results[item.source]
        if record is not None:
            records.append(record)
        else:
            refused.append(Refusal(item.source, reason or "refused"))
    return Extraction(records, refused, hits, len(misses))


def disambiguate_ids(records: list[dict]) -> list[dict]:
    """Give every record a distinct id: the first by source path keeps it, later ones get -2, -3 ...

    Returns the renames. Records must be in source order, so the outcome does not depend on timing.
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
        seen.add(record["id"])
        record.setdefault("warnings", []).append(f"id {original} was already taken; this article is {record['id']}")
        renames.append({"source": record.get("source"), "from": original, "to": record["id"]})
    return renames


def article_json(record: dict) -> bytes:
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_articles(records: list[dict], articles_dir: Path) -> tuple[int, int]:
    """build/articles/<id>.json for each record; only changed files are written, stale ones removed."""
    articles_dir.mkdir(parents=True, exist_ok=True)
    wanted = set()
    written = 0
    for record in records:
        name = f"{record['id']}.json"
        wanted.add(name)
        written += write_if_changed(articles_dir / name, article_json(record))
    removed = 0
    for stale in sorted(articles_dir.glob("*.json")):
        if stale.name not in wanted:
            stale.unlink()
            removed += 1
    return written, removed
