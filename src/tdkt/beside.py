"""The stages a build runs in processes of their own (tdkt.build forks them with runtime.Forked): the
syndication merge, and in an incremental build the search index with the downloads, beside the
render and MkDocs. Each opens the build's store again (an SQLite connection cannot cross a fork)
and returns only what the build keeps: its results and its timings. The downloads run in a thread
beside the index when the index forks nothing meanwhile (index_and_downloads).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tdkt.cache import Store
from tdkt.corpus.syndication_state import merge_incremental
from tdkt.extract.batch import Bodies, write_articles
from tdkt.runtime import EarlyWorkers, Forked, Then
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
    # digests: which articles changed is told by the digests the store kept of their records (an
    # article's page is part of its key there), so an unchanged article is neither read nor hashed
    search = (update_index(whole, site, build_root / "search", jobs, digests=[bodies.digest(r)[:25] for r in records])
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


def syndication_merges(records: list[dict], bodies: Bodies, state_path: Path,
                       articles: tuple[list[dict], Path] | None = None) -> Then:
    """The syndication merge's decisions (merge_incremental's merges), in a forked child: sent
    back first; then, while the build goes on (runtime.Then), the merge's state is saved for the
    next build and, when asked, `articles` (the records as extracted, their folder) written as
    build/articles/ (write_articles). At 20,000 articles, of the 0.53 s the merge's child took,
    saving its state was 0.17 s; build/articles/ took 0.18 s more in the build's process.

    finish() returns {"articles": write_articles' (written, removed) or None, "state": None, or why
    the state was not saved (the next build then does more of the merge again: a warning)}."""
    store = bodies.reopen(state_path)  # a connection cannot cross a fork
    saves: list = []
    try:
        merges = merge_incremental(records, bodies.body, bodies.body_digest, store, later=saves.append)[1]
    except BaseException:
        store.close()
        raise

    def finish() -> dict:
        done: dict = {"articles": None, "state": None}
        try:
            try:
                for save in saves:
                    save()
            except Exception as err:  # noqa: BLE001 - reported as a warning by the build
                done["state"] = f"{type(err).__name__}: {err}".splitlines()[0]
            saves.clear()  # the merge's arrays go before build/articles/ is written
            if articles is not None:
                done["articles"] = write_articles(articles[0], articles[1], bodies, store)
        finally:
            store.close()
        return done

    return Then(merges, finish)


def finish_merging(forked: Forked, report, articles: bool) -> None:
    """Wait for the syndication merge's child to end its last work (syndication_merges; `articles`:
    it was asked to write build/articles/): its state not saved is a warning (the next build does
    more of the merge again); build/articles/ not written, an error (the data contract is not
    there). `report`: tdkt.build's BuildReport."""
    try:
        done = forked.wait() or {}
    except RuntimeError as err:
        if articles:
            report.errors.append(f"build/articles/ not written: {err}")
        else:
            report.warnings.append(f"the syndication merge's state was not saved for the next build: {err}")
        return
    if done.get("state"):
        report.warnings.append(f"the syndication merge's state was not saved for the next build: {done['state']}")
    if done.get("articles") is not None:
        report.articles_written, report.articles_removed = done["articles"]


def wait_quietly(forked: Forked) -> None:
    """Wait for a forked stage whose result is not wanted (the build failed): its folder can then go."""
    if forked.process.is_alive() or forked.process.exitcode is None:
        with contextlib.suppress(Exception):
            forked.result()


def merge_into(source: Path, target: Path) -> None:
    """Move everything of `source` into `target` (same file system): a folder `target` does not have
    goes as one (the search index's thousands of files), the others are merged file by file."""
    with os.scandir(source) as entries:
        for entry in entries:
            there = target / entry.name
            if entry.is_dir(follow_symlinks=False) and there.is_dir():
                merge_into(Path(entry.path), there)
            else:
                os.replace(entry.path, there)
    shutil.rmtree(source, ignore_errors=True)
