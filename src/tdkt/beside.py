"""The stages a build runs in processes of their own (tdkt.build forks them with runtime.Forked): the
syndication merge, and in an incremental build the search index with the downloads, beside the
render and MkDocs. Each opens the build's store again (an SQLite connection cannot cross a fork)
and returns only what the build keeps: its results and its timings. The downloads run in a thread
beside the index when the index forks nothing meanwhile (index_and_downloads).
"""

from __future__ import annotations

import copy
import functools
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tdkt.cache import Store
from tdkt.corpus.syndication_state import merge_incremental
from tdkt.extract.batch import Bodies
from tdkt.runtime import EarlyWorkers
from tdkt.search import build_index, update_index
from tdkt.search.segment import PARALLEL_MIN_DOCS
from tdkt.site.dataset_parts import FtsWords, dataset_files
from tdkt.site.datasets import write_downloads
from tdkt.site.sqlite import Kept


def index_and_downloads(records: list[dict], bodies: Bodies, site: Path, build_root: Path, site_url: str, jobs: int,
                         incremental: bool, store: Store | None, workers: EarlyWorkers | None = None) -> dict:
    """The search index and the downloads into `site` (with their timings). In a forked child
    (`store` None) it opens the build's store again: a connection cannot cross a fork.

    The downloads are made in a thread beside the index when the index forks nothing meanwhile:
    its workers were forked before (`workers`, search.index_workers: tdkt build forks them at its
    start), or it indexes in this process (fewer than PARALLEL_MIN_DOCS articles). The index's own
    process mostly waits for its workers, and the downloads' SQLite and gzip work lets go of the
    interpreter (at 20,000 synthetic articles the index stage kept 1.5 of 2 cores busy, the
    downloads 1.1). The thread has its own connection to the store."""
    own = store is None
    if own:
        store = bodies.reopen(build_root / "state.sqlite")
    try:
        if jobs < 2 or (workers is None and len(records) >= PARALLEL_MIN_DOCS):
            # one after the other: the index may fork its workers, which must not happen beside a thread
            index, index_s = _index(records, bodies, site, build_root, jobs, incremental)
            downloads, downloads_s = _downloads(records, bodies, site, site_url, store, build_root, incremental)
        else:
            with ThreadPoolExecutor(1) as beside:
                made = beside.submit(_downloads_in_thread, records, bodies, site, site_url, build_root, incremental)
                try:
                    index, index_s = _index(records, bodies, site, build_root, workers or 1, incremental)
                finally:
                    downloads, downloads_s = made.result()  # waited for even when the index failed
        return {"search": index, "downloads": downloads,
                "timings": {"index_s": round(index_s, 3), "downloads_s": round(downloads_s, 3)}}
    finally:
        if own:
            store.close()


def _index(records: list[dict], bodies: Bodies, site: Path, build_root: Path, jobs, incremental: bool):
    since = time.perf_counter()
    # the index's segments are kept in build/search between builds: an added article is
    # written into a small delta segment (search.update_index); --full builds it anew
    whole = bodies.lazy_list(records)  # bodies read as the index asks, never all held
    # body_digest: which articles changed is told by the digests the store kept of their bodies,
    # so an unchanged article's body is never read (each read is a query of the store)
    search = (update_index(whole, site, build_root / "search", jobs, body_digest=bodies.body_digest)
              if incremental else build_index(whole, site, jobs))
    return search, time.perf_counter() - since


def _downloads(records: list[dict], bodies: Bodies, site: Path, site_url: str, store: Store, build_root: Path,
               incremental: bool):
    since = time.perf_counter()
    parts = functools.partial(dataset_files, page_of=lambda r: r.get("page") or "", digest=bodies.digest,
                              store=store)
    # the SQLite download's full-text words of each body, kept between builds (dataset_parts.FtsWords)
    words = FtsWords(bodies.iter_bodies, bodies.body_digest, store)
    # the database is kept in build/cache/ for the next build to copy unchanged articles' rows from
    # (a --full build copies none, and keeps its own)
    kept = Kept(build_root / "cache" / "database", bodies.digest, reuse=incremental)
    downloads = write_downloads(records, site, site_url, bodies.lazy, parts, texts=bodies.iter_bodies, words=words,
                                kept=kept)
    words.forget()
    return downloads, time.perf_counter() - since


def _downloads_in_thread(records: list[dict], bodies: Bodies, site: Path, site_url: str, build_root: Path,
                         incremental: bool):
    """_downloads with a connection to the store of this thread's own (a connection stays in the
    thread that opened it): the same Bodies over it, the index's untouched."""
    own = copy.copy(bodies)
    store = own.reopen(build_root / "state.sqlite")
    try:
        return _downloads(records, own, site, site_url, store, build_root, incremental)
    finally:
        store.close()


def syndication_merges(records: list[dict], bodies: Bodies, state_path: Path) -> list[dict]:
    """The syndication merge's decisions (merge_incremental's merges), in a forked child."""
    store = bodies.reopen(state_path)  # a connection cannot cross a fork
    try:
        return merge_incremental(records, bodies.body, bodies.body_digest, store)[1]
    finally:
        store.close()
