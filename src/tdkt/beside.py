"""The stages a build runs in processes of their own (tdkt.build forks them with runtime.Forked): the
syndication merge, and in an incremental build the search index with the downloads, beside the
render and MkDocs. Each opens the build's store again (an SQLite connection cannot cross a fork)
and returns only what the build keeps: its results and its timings.
"""

from __future__ import annotations

import functools
import time
from pathlib import Path

from tdkt.cache import Store
from tdkt.corpus.syndication_state import merge_incremental
from tdkt.extract.batch import Bodies
from tdkt.search import build_index, update_index
from tdkt.site.dataset_parts import FtsWords, dataset_files
from tdkt.site.datasets import write_downloads


def index_and_downloads(records: list[dict], bodies: Bodies, site: Path, build_root: Path, site_url: str, jobs: int,
                         incremental: bool, store: Store | None) -> dict:
    """The search index and the downloads into `site` (with their timings). In a forked child
    (`store` None) it opens the build's store again: a connection cannot cross a fork."""
    own = store is None
    if own:
        store = bodies.reopen(build_root / "state.sqlite")
    try:
        since = time.perf_counter()
        # the index's segments are kept in build/search between builds: an added article is
        # written into a small delta segment (search.update_index); --full builds it anew
        whole = bodies.lazy_list(records)  # bodies read as the index asks, never all held
        # body_digest: which articles changed is told by the digests the store kept of their bodies,
        # so an unchanged article's body is never read (each read is a query of the store)
        search = (update_index(whole, site, build_root / "search", jobs, body_digest=bodies.body_digest)
                  if incremental else build_index(whole, site, jobs))
        index_s = time.perf_counter() - since
        parts = functools.partial(dataset_files, page_of=lambda r: r.get("page") or "", digest=bodies.digest,
                                  store=store)
        # the SQLite download's full-text words of each body, kept between builds (dataset_parts.FtsWords)
        words = FtsWords(bodies.iter_bodies, bodies.body_digest, store)
        downloads = write_downloads(records, site, site_url, bodies.lazy, parts, texts=bodies.iter_bodies, words=words)
        words.forget()
        return {"search": search, "downloads": downloads,
                "timings": {"index_s": round(index_s, 3), "downloads_s": round(time.perf_counter() - since - index_s, 3)}}
    finally:
        if own:
            store.close()


def syndication_merges(records: list[dict], bodies: Bodies, state_path: Path) -> list[dict]:
    """The syndication merge's decisions (merge_incremental's merges), in a forked child."""
    store = bodies.reopen(state_path)  # a connection cannot cross a fork
    try:
        return merge_incremental(records, bodies.body, bodies.body_digest, store)[1]
    finally:
        store.close()
