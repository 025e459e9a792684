"""One segment of the index: a set of articles written once as files that never change afterwards
(the segment's folder is named by a digest of what it holds, as Lucene's and Tantivy's segments are
immutable). A full build is one segment; an incremental build adds a small delta segment beside it
(see segments.py). Inside a segment, doc ids run 0..docs-1 in the order of order_key (newest first).

Files under <segment>/ (binary files are raw deflate; the browser inflates them with
DecompressionStream("deflate-raw"); GitHub Pages stores and sends them as they are):
  t/<n>.bin      postings: one line per term, sorted: "term<TAB>ids<TAB>field ids"; ids are
                 comma-separated deltas of ascending doc ids; field ids: the docs holding the term in
                 the headline, the organising unit or an official's name. The shard of a term is
                 FNV-1a of its UTF-8 bytes modulo the segment's shard count.
  cols.bin       facet columns, JSON: per facet, the segment's values and one code per doc (see _column)
  dict.bin       the result store's dictionary as a deflate stream of its own (store.py)
  d/<k>/<i>.bin  the result store: doc i (k = i // 1000), JSON [headline, page, date, unit,
                 province, officials, body] compressed against the dictionary
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import os
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from tdkt.model import UNIT_LEVELS
from tdkt.search.store import Compressor, deflate, deflate_json
from tdkt.search.terms import encode_ids, entry_terms, shard_of, stored_doc
from tdkt.runtime import EarlyWorkers
from tdkt.taxonomy import AWARD_TYPES
from tdkt.text import slugify

DOCS_PER_DIR = 1_000
# Raw bytes of postings per shard before deflate. A cold query fetches a shard per query term; a
# shard of ~16 KB raw is ~6 KB stored, so a six-syllable query (eleven terms) stays near 70 KB.
SHARD_TARGET_BYTES = 16_000
# Below this many articles, starting worker processes costs more than it saves.
PARALLEL_MIN_DOCS = 2_000
# how many worker processes index runs of docs: a number (None: all cores), or workers already
# forked (index_workers)
Jobs = int | EarlyWorkers | None
# Articles per task: the bodies of (workers + 1) runs are in memory at once (~10 MB a run).
RUN_DOCS = 1_000
# Facet values travel as characters of this alphabet, a fixed number per doc (see _column).
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
FACETS = ("tinh", "nam", "khen", "cap")
AWARD_IDS = tuple(AWARD_TYPES)


def shard_count(raw_bytes: int) -> int:
    """A power of two, so that shards hold about SHARD_TARGET_BYTES each."""
    shards = 1
    while shards * SHARD_TARGET_BYTES < raw_bytes:
        shards *= 2
    return shards


def _column(values: list[int]) -> tuple[int, str]:
    """Small ints as a fixed number of alphabet characters each (width, text)."""
    top = max(values, default=0)
    width = 1
    while top >= 64**width:
        width += 1
    chars = []
    for value in values:
        digits = []
        for _ in range(width):
            digits.append(ALPHABET[value % 64])
            value //= 64
        chars.append("".join(reversed(digits)))
    return width, "".join(chars)


def facet_value(entry: dict, key: str):
    """An article's value of a one-valued facet (None when it has none)."""
    if key == "tinh":
        return entry["group"]
    if key == "nam":
        return str(entry["year"]) if entry["year"] else None
    return entry["level"] if entry["level"] in UNIT_LEVELS else None


def sorted_values(key: str, values) -> list[str]:
    """The order facet values are listed in: provinces by slug, years newest first."""
    if key == "tinh":
        return sorted(set(values), key=lambda v: (slugify(v), v))
    if key == "nam":
        return sorted(set(values), key=int, reverse=True)
    return [v for v in UNIT_LEVELS if v in set(values)]


def segment_columns(entries: list[dict]) -> dict:
    """Per facet: the values found here and one code per doc (0: none; i: values[i-1]); award
    types as a bitmask over AWARD_IDS."""
    columns = {}
    for key in ("tinh", "nam", "cap"):
        found = [facet_value(e, key) for e in entries]
        values = sorted_values(key, [v for v in found if v is not None])
        code = {v: i + 1 for i, v in enumerate(values)}
        width, data = _column([code.get(v, 0) for v in found])
        columns[key] = {"values": values, "width": width, "data": data}
    bit = {a: 1 << i for i, a in enumerate(AWARD_IDS)}
    width, data = _column([sum(bit.get(a, 0) for a in e["awards"]) for e in entries])
    columns["khen"] = {"values": list(AWARD_IDS), "width": width, "data": data}
    return columns


# ---------------------------------------------------------------- postings and stored docs

def _write_docs(run: list[dict], first: int, folder: Path, compressor: Compressor) -> int:
    written = 0
    for doc_id, entry in enumerate(run, first):
        target = folder / "d" / str(doc_id // DOCS_PER_DIR)
        target.mkdir(parents=True, exist_ok=True)
        data = json.dumps(stored_doc(entry), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        blob = compressor.compress(data)
        (target / f"{doc_id}.bin").write_bytes(blob)
        written += len(blob)
    return written


_COMPRESSORS: dict[bytes, Compressor] = {}


def index_run(job: tuple) -> tuple[dict[str, tuple[str, int, str, int]], int]:
    """One run of docs (ids from `first` on, with their bodies): write their stored docs, return
    their postings encoded, term -> (ids, last id, field ids, last field id), and the stored docs'
    bytes. Runs in a worker process: text crosses back, not ints."""
    run, first, folder, dictionary = job
    if isinstance(dictionary, Compressor):
        compressor = dictionary
    else:  # a worker primes its compressor once
        compressor = _COMPRESSORS.get(dictionary) or _COMPRESSORS.setdefault(dictionary, Compressor(dictionary))
    postings: dict[str, list[int]] = defaultdict(list)
    fields: dict[str, list[int]] = defaultdict(list)
    for doc_id, entry in enumerate(run, first):
        found, in_fields = entry_terms(entry)
        for term in found:
            postings[term].append(doc_id)
        for term in in_fields:
            fields[term].append(doc_id)
    encoded = {}
    for term, ids in postings.items():
        held = fields.get(term, ())
        encoded[term] = (encode_ids(ids), ids[-1], encode_ids(held), held[-1] if held else -1)
    return encoded, _write_docs(run, first, folder, compressor)


def _append_ids(text: str, last: int, more: str) -> str:
    """Join two encode_ids texts of consecutive doc-id runs: `more` starts with an absolute id."""
    if not more:
        return text
    if not text:
        return more
    head, comma, rest = more.partition(",")
    return f"{text},{int(head) - last}{comma}{rest}"


class _Postings:
    """The runs' postings joined in doc-id order, as they come."""

    def __init__(self):
        self.terms: dict[str, list] = {}

    def add(self, part: dict[str, tuple[str, int, str, int]]) -> None:
        terms = self.terms
        for term, (ids, last, held, held_last) in part.items():
            known = terms.get(term)
            if known is None:
                terms[term] = [ids, last, held, held_last]
                continue
            known[0], known[1] = _append_ids(known[0], known[1], ids), last
            if held:
                known[2], known[3] = _append_ids(known[2], known[3], held), held_last

    def lines(self) -> dict[str, str]:
        return {term: f"{term}\t{v[0]}\t{v[2]}\n" for term, v in sorted(self.terms.items())}


def _runs(entries: list[dict], body_of, size: int):
    """(first id, the run's entries with their bodies), RUN_DOCS at a time: bodies are read as
    the runs are made, so at most a few runs' bodies are in memory at once."""
    for first in range(0, len(entries), size):
        yield first, [dict(e, body=body_of(i) or "") for i, e in enumerate(entries[first:first + size], first)]


def _index_runs(entries: list[dict], body_of, folder: Path, compressor: Compressor,
                jobs: Jobs) -> tuple[dict[str, str], int]:
    """Postings lines (term -> its line in a shard, in term order) and the stored docs' bytes.
    Runs of docs go to worker processes (tokenizing and compressing are the slow part), a few at
    a time; their postings are joined in doc-id order, so the result does not depend on the
    number of workers."""
    workers = jobs if isinstance(jobs, EarlyWorkers) else None
    jobs = _threads(jobs)
    joined = _Postings()
    written = 0
    if jobs == 1 or len(entries) < PARALLEL_MIN_DOCS:
        for first, run in _runs(entries, body_of, RUN_DOCS):
            part, size = index_run((run, first, folder, compressor))
            joined.add(part)
            written += size
        return joined.lines(), written
    with contextlib.nullcontext(workers) if workers is not None else index_workers(jobs) as pool:
        # in order: joined as they were made
        for part, size in pool.map(index_run, (((run, first, folder, compressor.dictionary),)
                                               for first, run in _runs(entries, body_of, RUN_DOCS))):
            joined.add(part)
            written += size
    return joined.lines(), written


def index_workers(jobs: int) -> EarlyWorkers:
    """Worker processes that can index runs of docs, forked now (runtime.EarlyWorkers): a build
    forks them at its start, while its process is small, and passes them as `jobs`; the caller
    closes them."""
    return EarlyWorkers(jobs)


def _threads(jobs: Jobs) -> int:
    if isinstance(jobs, EarlyWorkers):
        return jobs.count
    return max(1, jobs or os.cpu_count() or 1)


def _deflated(buckets: list[list[str]], threads: int, batch: int = 64) -> Iterator[bytes]:
    """Each bucket's lines deflated, in order, on `threads` threads (zlib lets go of the
    interpreter while it compresses), `batch` shards at a time so that few are held at once.
    Compressing the shards was a third of a full index build, on one core (20,000 synthetic
    articles: 11.3 of 30.1 s, cProfile)."""
    def shard(bucket: list[str]) -> bytes:
        return deflate("".join(bucket).encode("utf-8"))

    if threads == 1:
        yield from map(shard, buckets)
        return
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        for start in range(0, len(buckets), batch):
            yield from pool.map(shard, buckets[start:start + batch])


def write_segment(entries: list[dict], folder: Path, compressor: Compressor, jobs: Jobs = None,
                  body_of=None) -> dict:
    """Write the segment of `entries` (already in order_key order) into `folder`; its description
    for the manifest: docs, shards, the dictionary's name and length, and byte counts.
    `body_of(i)` gives the body of entries[i] when the entries were made without (entry_of's
    body=False): bodies are then read a run at a time, never all held."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t").mkdir(exist_ok=True)
    lines, docs_bytes = _index_runs(entries, body_of or (lambda i: entries[i]["body"]), folder, compressor, jobs)
    shards = shard_count(sum(map(len, lines.values())))
    buckets: list[list[str]] = [[] for _ in range(shards)]
    for term, line in lines.items():  # sorted terms -> sorted lines within each shard
        buckets[shard_of(term, shards)].append(line)
    postings_bytes = largest = 0
    for n, data in enumerate(_deflated(buckets, _threads(jobs))):
        (folder / "t" / f"{n}.bin").write_bytes(data)
        postings_bytes += len(data)
        largest = max(largest, len(data))
    columns = deflate_json(segment_columns(entries))
    (folder / "cols.bin").write_bytes(columns)
    (folder / "dict.bin").write_bytes(compressor.prefix)
    return {
        "docs": len(entries),
        "shards": shards,
        "dict": compressor.name,
        "dictBytes": len(compressor.dictionary),
        "stats": {"terms": len(lines), "postings_bytes": postings_bytes, "max_shard_bytes": largest,
                  "docs_bytes": docs_bytes, "columns_bytes": len(columns), "dict_bytes": len(compressor.prefix)},
    }
