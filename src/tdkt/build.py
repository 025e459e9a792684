"""`tdkt build`: the whole pipeline, corpus/ -> build/articles/*.json -> docs/ -> site/ (+ search index).

Stages: scan the corpus (every entry becomes an input, built or refused with a reason), extract
through a content-hash cache on all cores, give clashing ids distinct ones, apply the editor's
overrides and merge syndicated copies (when those modules are installed), render Markdown into
docs/, `mkdocs build` into a temporary directory (the incremental plugin reuses unchanged article
pages), search index, downloads, sitemap, then swap the new site in. A failure anywhere leaves the
last good site/ in place.

`build(...) -> BuildReport` is the library entry; the CLI is a thin layer over it.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib
import importlib.util
import io
import json
import logging
import os
import re
import resource
import shutil
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Callable, Iterator
from xml.sax.saxutils import escape as xml_escape

from tdkt.cache import JsonCache, extractor_version, file_digest, input_key, write_if_changed

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
SIDECAR_SUFFIX = ".json"
OVERRIDES_FILE = "overrides.yaml"
SITE_URL_ENV = "TDKT_SITE_URL"
# An id becomes a file name and a URL part: anything else is refused rather than trusted.
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
# Fewer misses than this are extracted in-process: starting workers costs more than it saves.
PARALLEL_THRESHOLD = 16
CHUNK = 32
# Article pages to render before parallel helper builds pay for their start-up (about a second each).
SHARD_THRESHOLD = 200
# No article takes this long; one that does is refused (a runaway regex), not waited for.
EXTRACT_TIME_LIMIT_S = 60


# -- the report --------------------------------------------------------------------------------


@dataclass
class Refusal:
    source: str
    reason: str


@dataclass
class BuildReport:
    """What a build did. `as_json()` is byte-stable for the same corpus; timings are kept apart."""

    inputs: int = 0
    built: int = 0
    refused: list[Refusal] = field(default_factory=list)
    merged: int = 0                     # syndicated copies folded into another article
    errors: list[str] = field(default_factory=list)     # the build went through but must not be published
    warnings: list[str] = field(default_factory=list)   # build-level: MkDocs, clashes
    article_warnings: int = 0           # flags the extractor raised on articles (see build/articles)
    cache_hits: int = 0
    cache_misses: int = 0
    articles_written: int = 0           # build/articles/*.json that changed
    articles_removed: int = 0
    renamed_ids: list[dict] = field(default_factory=list)
    pages: dict = field(default_factory=dict)       # from the renderer: written, unchanged, removed
    html: dict = field(default_factory=dict)        # from MkDocs: pages rendered, articles reused
    search: dict = field(default_factory=dict)
    downloads: dict = field(default_factory=dict)
    overrides: object = None
    merges: object = None
    sitemap_urls: int = 0
    skipped_steps: list[str] = field(default_factory=list)
    timings: dict = field(default_factory=dict)     # stage -> seconds; also peak_rss_mb
    site_dir: str = ""
    # the records as published (overrides applied, copies merged, "page" set); not in report.json
    records: list = field(default_factory=list, repr=False)

    @property
    def accounted(self) -> int:
        return self.built + len(self.refused) + self.merged

    def summary(self) -> str:
        line = f"{self.inputs} inputs: {self.built} built, {len(self.refused)} refused"
        if self.merged:
            line += f", {self.merged} merged into another article"
        if self.accounted != self.inputs:
            line += f" - {self.inputs - self.accounted} UNACCOUNTED FOR"
        return line

    def as_json(self) -> dict:
        # no timings (they differ every run), no site_dir (an absolute path), no records (big)
        data = {f.name: _plain(getattr(self, f.name)) for f in fields(self)
                if f.name not in ("timings", "records", "site_dir")}
        data["summary"] = self.summary()
        return data

    def __getattr__(self, name: str):
        # report.extract_s, report.total_s, report.peak_rss_mb ... for the benchmark
        timings = self.__dict__.get("timings", {})
        if name in timings:
            return timings[name]
        raise AttributeError(name)


class BuildError(Exception):
    """The build could not finish; the last good site is still in place."""


# -- 1. scan -----------------------------------------------------------------------------------


@dataclass
class Input:
    source: str            # POSIX path relative to the corpus root: how the article names its origin
    path: Path
    sidecar: Path | None


def scan_corpus(corpus: Path) -> tuple[list[Input], list[Refusal], Path | None]:
    """Every entry of the corpus, sorted: article inputs, refused entries (with why), the overrides file.

    Sidecars (NAME.json beside NAME.txt/.html) are provenance, not inputs of their own.
    """
    inputs: list[Input] = []
    refused: list[Refusal] = []
    overrides: Path | None = None
    entries: list[Path] = []

    def walk(folder: Path) -> None:
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if entry.is_dir() and not entry.is_symlink() and entry.suffix.lower() not in ARTICLE_SUFFIXES:
                walk(entry)
            else:
                entries.append(entry)

    walk(corpus)
    names = {e.relative_to(corpus).as_posix() for e in entries}

    def has_article(stem_path: Path) -> bool:
        rel = stem_path.relative_to(corpus)
        return any(rel.with_suffix(s).as_posix() in names for s in ARTICLE_SUFFIXES)

    for entry in entries:
        source = entry.relative_to(corpus).as_posix()
        suffix = entry.suffix.lower()
        if source == OVERRIDES_FILE:
            overrides = entry
        elif entry.name.startswith("."):
            refused.append(Refusal(source, "hidden file, not an article"))
        elif suffix in ARTICLE_SUFFIXES:
            if entry.is_dir():
                refused.append(Refusal(source, "is a directory, not an article file"))
                continue
            sidecar = entry.with_suffix(SIDECAR_SUFFIX)
            inputs.append(Input(source, entry, sidecar if sidecar.exists() else None))
        elif suffix == SIDECAR_SUFFIX and has_article(entry):
            continue  # provenance of its article
        elif suffix == SIDECAR_SUFFIX:
            refused.append(Refusal(source, "sidecar without an article file of the same name (.txt/.html)"))
        else:
            refused.append(Refusal(source, f"not an article file (expected .txt, .html or .htm, got {suffix or 'no extension'})"))
    return inputs, refused, overrides


# -- 2. extract --------------------------------------------------------------------------------


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
    from tdkt.pipeline import extract_file

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


def _worker_context():
    """Fork on Linux: a spawned or forkserver worker re-runs the caller's __main__ script, which
    breaks any script that calls build() without an `if __name__ == "__main__"` guard. Forking is
    safe here because the build process runs no other thread (the retired site is deleted by a
    child process, the progress bars refresh without a thread)."""
    import multiprocessing

    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


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
        from tdkt.pipeline import warm_up

        warm_up()  # built once here and shared by the forked workers (a cold one pays ~0.4 s CPU)
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_worker_context()) as pool:
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


# -- optional stages: modules other people own, used when they are installed -------------------


def _optional(module: str, report: BuildReport, what: str):
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name != module:
            raise
        report.skipped_steps.append(f"{what}: skipped ({module} is not installed yet)")
        return None


def _plain(value):
    """Something JSON can hold, for the parts of other stages' results the report keeps."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=json.dumps) if isinstance(value, (set, frozenset)) else items
    if hasattr(value, "__dataclass_fields__"):
        return _plain(asdict(value))
    if isinstance(value, Path):
        return value.as_posix()
    return str(value)


def _result_counts(result) -> dict:
    """The renderer's {written, unchanged, removed, pages} as counts, whatever container it uses."""
    counts = {}
    for name in ("written", "unchanged", "removed", "pages"):
        value = result.get(name) if isinstance(result, dict) else getattr(result, name, None)
        if value is None:
            continue
        counts[name] = value if isinstance(value, int) else len(value)
    return counts


def _load_arrays(path: Path) -> dict[bytes, "object"]:
    """{key: array} saved by _save_arrays; empty when missing or unreadable (a cache miss)."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as saved:
            keys, offsets, data = saved["keys"], saved["offsets"], saved["data"]
    except (OSError, ValueError, KeyError):
        return {}
    return {bytes(key): data[offsets[i]:offsets[i + 1]] for i, key in enumerate(keys)}


def _save_arrays(path: Path, arrays: dict[bytes, "object"], dtype) -> None:
    """One file for thousands of small arrays (one file each would be thousands of writes),
    sorted by key so that the same arrays give the same bytes."""
    import io

    import numpy as np

    keys = sorted(arrays)
    lengths = [len(arrays[k]) for k in keys]
    offsets = np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)]).astype(np.int64)
    data = np.concatenate([np.asarray(arrays[k]) for k in keys]) if keys else np.zeros(0, dtype=dtype)
    buffer = io.BytesIO()
    np.savez(buffer, keys=np.array(keys, dtype="S32"), offsets=offsets, data=data)
    write_if_changed(path, buffer.getvalue())


def _merge_syndicated(mod, records: list[dict], cache_dir: Path):
    """The syndication merge with its per-body work (shingles, sketches) kept in build/cache/dedupe."""
    memo = mod.Memo(_load_arrays(cache_dir / "shingles.npz"), _load_arrays(cache_dir / "sketches.npz"))
    result = mod.merge_syndicated(records, memo)
    _save_arrays(cache_dir / "shingles.npz", memo.used_shingles, "uint32")
    _save_arrays(cache_dir / "sketches.npz", memo.used_sketches, "uint32")
    return result


def _apply_overrides(mod, records: list[dict], path: Path, report: BuildReport) -> tuple[list[dict], list[Refusal]]:
    """The editor's corrections, and the articles the editor dropped (as refusals with the reason).

    A broken overrides file is an error of the build (exit status 1, so CI does not publish), but
    the site is still built, without the overrides.
    """
    try:
        overrides = mod.load_overrides(path)
    except mod.OverridesError as err:
        report.errors += list(err.errors)
        return records, []
    corrected, messages = mod.apply_overrides(records, overrides)
    report.overrides = _plain(messages)
    report.warnings += [str(m) for m in messages]
    kept = {r.get("id") for r in corrected}
    drops = overrides.get("drop", {})
    return corrected, [Refusal(str(r.get("source")), f"dropped by the editor: {drops.get(str(r.get('id'))) or 'no reason given'}")
                       for r in records if r.get("id") not in kept]


# -- 4. mkdocs ---------------------------------------------------------------------------------


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().splitlines()[0])


@contextlib.contextmanager
def _quiet_mkdocs() -> Iterator[_WarningCollector]:
    """MkDocs' own log goes into the report (warnings) instead of the terminal."""
    logger = logging.getLogger("mkdocs")
    collector = _WarningCollector()
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(collector)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


@contextlib.contextmanager
def _no_clock() -> Iterator[None]:
    """Pin MkDocs' "build date" (SOURCE_DATE_EPOCH) so that no output carries the clock.

    A constant, not the newest article's date: reused article pages must not depend on which
    articles came later.
    """
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def _incremental_plugin(config, cache_dir: Path, enabled: bool):
    """The config's tdkt-incremental plugin, added when mkdocs.yml does not list it."""
    from tdkt.mkdocs_plugin import IncrementalPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, IncrementalPlugin):
            plugin.config.cache_dir = str(cache_dir)
            plugin.config.enabled = plugin.config.enabled and enabled
            return plugin
    plugin = IncrementalPlugin()
    errors, _ = plugin.load_config({"cache_dir": str(cache_dir), "enabled": enabled})
    if errors:
        raise BuildError(f"tdkt-incremental plugin config: {errors}")
    config.plugins["tdkt-incremental"] = plugin
    return plugin


def _pages_to_render(config_kwargs: dict, cache_dir: Path) -> int:
    """How many article pages the coming build must render (not in the page cache): a dry run of
    the plugins' config step and the incremental plugin's file step on a throwaway config."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    with _quiet_mkdocs():
        config = load_config(**config_kwargs)
        plugin = _incremental_plugin(config, cache_dir, True)
        config = config.plugins.on_config(config)
        plugin.on_files(get_files(config), config)
    return 0 if plugin.disabled_reason else len(plugin.missing_articles())


def _render_shard(config_kwargs: dict, cache_dir: str, shard: str) -> tuple[int, int, list[str]]:
    """A helper build in a worker: render shard "k/K" of the missing pages into the cache.
    Returns (pages rendered into the cache, articles among them, warnings)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site_dir = f"{config_kwargs['site_dir']}-shard{shard.replace('/', '-')}"
    try:
        with _quiet_mkdocs() as collector, _no_clock():
            config = load_config(**{**config_kwargs, "site_dir": site_dir})
            plugin = _incremental_plugin(config, Path(cache_dir), True)
            plugin.config.shard = shard
            mkdocs_build(config)
        articles = sum(1 for src in plugin.rendered if plugin._is_article(src))
        return len(plugin.rendered), articles, collector.messages
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def render_in_parallel(config_kwargs: dict, cache_dir: Path, jobs: int) -> tuple[int, int, list[str]]:
    """MkDocs renders on one core. When many article pages are missing from the page cache, K
    helper builds render a K-th of them each into the cache first; the real build then reuses them.
    Returns (pages rendered by the helpers, articles among them, their warnings)."""
    if jobs < 2 or _pages_to_render(config_kwargs, cache_dir) < SHARD_THRESHOLD:
        return 0, 0, []
    rendered, articles, warnings = 0, 0, []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_worker_context()) as pool:
        shards = [pool.submit(_render_shard, config_kwargs, str(cache_dir), f"{k}/{jobs}") for k in range(jobs)]
        for future in shards:
            pages, shard_articles, messages = future.result()
            rendered += pages
            articles += shard_articles
            warnings += messages
    return rendered, articles, warnings


# -- 5. sitemap --------------------------------------------------------------------------------


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the site as a URL path relative to the site root, sorted."""
    pages = []
    for path in site_dir.rglob("*.html"):
        rel = path.relative_to(site_dir).as_posix()
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


def deterministic_gzip(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as handle:
        handle.write(data)
    return buffer.getvalue()


def write_sitemap(site_dir: Path, site_url: str) -> int:
    pages = site_pages(site_dir)
    data = sitemap_xml(pages, site_url)
    (site_dir / "sitemap.xml").write_bytes(data)
    (site_dir / "sitemap.xml.gz").write_bytes(deterministic_gzip(data))
    return len(pages)


# -- 6. swap -----------------------------------------------------------------------------------


def recover_interrupted(out: Path, retired: Path) -> None:
    """Undo what an interrupted build left: a half-built temp dir beside site/, or - killed between
    the two renames of the swap - no site/ but the previous one retired: that one is put back."""
    for leftover in sorted(out.parent.glob(f"{out.name}.tmp-*")):
        shutil.rmtree(leftover, ignore_errors=True)
    if retired.exists() and not out.exists():
        retired.rename(out)


def swap_in(new: Path, out: Path, retired: Path) -> None:
    """Replace `out` by `new` with two renames; the window without a site/ is two system calls.

    The previous site is moved to `retired` (in build/, same file system) rather than deleted: on
    this kind of disk deleting thousands of files takes seconds, so the next build deletes it in
    the background while it extracts (see `_Retirement`).
    """
    if retired.exists():
        shutil.rmtree(retired)
    moved = False
    if out.exists():
        try:
            out.rename(retired)
            moved = True
        except OSError:  # build/ on another file system: delete the old site the slow way
            shutil.rmtree(out)
    try:
        new.rename(out)
    except BaseException:
        if moved:
            retired.rename(out)
        raise


class _Retirement:
    """Deletes the site the last build retired, in a child process, while this build does CPU work.

    It is renamed first, so that a deletion cut short never leaves a partial site under the name
    `recover_interrupted` restores from. A process rather than a thread: extraction forks workers,
    and forking a process that runs threads can deadlock.
    """

    def __init__(self, retired: Path) -> None:
        doomed = retired.with_name(retired.name + ".deleting")
        if retired.exists():
            if doomed.exists():
                shutil.rmtree(doomed, ignore_errors=True)
            retired.rename(doomed)
        self.process = None
        if doomed.exists():
            import subprocess

            self.process = subprocess.Popen(
                [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                 str(doomed)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait(self) -> None:
        if self.process is not None:
            self.process.wait()
            self.process = None


# -- progress ----------------------------------------------------------------------------------


class _Progress:
    """rich progress bars on a terminal; nothing at all otherwise (CI logs, pipes).

    Refreshed by hand, at most ten times a second: rich's own refresh runs in a thread, and
    extraction forks workers (see _worker_context)."""

    def __init__(self, enabled: bool) -> None:
        self.bar = None
        self.shown = 0.0
        if enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), console=_stderr_console(), transient=True,
                                auto_refresh=False)

    def __enter__(self):
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc):
        if self.bar:
            self.bar.refresh()
            self.bar.stop()

    def task(self, description: str, total: int | None) -> Callable[[int], None]:
        if not self.bar:
            return lambda n=1: None
        task_id = self.bar.add_task(description, total=total)

        def advance(n: int = 1) -> None:
            self.bar.advance(task_id, n)
            now = time.monotonic()
            if now - self.shown >= 0.1:
                self.shown = now
                self.bar.refresh()

        return advance


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, workers) / 1024, 1)  # Linux reports KiB


# -- the build ---------------------------------------------------------------------------------


@contextlib.contextmanager
def _project_lock(build_root: Path) -> Iterator[None]:
    """One build at a time per project: two would write the same docs/ and swap the same site/."""
    import fcntl

    build_root.mkdir(parents=True, exist_ok=True)
    with open(build_root / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another tdkt build is running for {build_root.parent}") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(corpus: str | Path = "corpus", out: str | Path = "site", *, project_dir: str | Path = ".",
          config_file: str | Path | None = None, build_dir: str | Path | None = None,
          site_url: str | None = None, jobs: int | None = None, incremental: bool = True,
          progress: bool | None = None) -> BuildReport:
    """Build the archive. Relative paths are taken from `project_dir`.

    Raises BuildError naming the stage that failed; the last good `out` is then still in place.
    """
    started = time.perf_counter()
    project = Path(project_dir).resolve()
    corpus = (project / corpus).resolve()
    out = (project / out).resolve()
    config_path = (project / (config_file or "mkdocs.yml")).resolve()
    build_root = (project / (build_dir or "build")).resolve()
    site_url = site_url if site_url is not None else os.environ.get(SITE_URL_ENV) or None
    jobs = max(1, jobs or os.cpu_count() or 1)
    show = sys.stderr.isatty() if progress is None else progress
    report = BuildReport(site_dir=str(out))
    timings = report.timings

    @contextlib.contextmanager
    def stage(name: str) -> Iterator[None]:
        since = time.perf_counter()
        try:
            yield
        except BuildError:
            raise
        except Exception as err:
            raise BuildError(f"{name} stage failed: {type(err).__name__}: {err}".splitlines()[0]) from err
        finally:
            timings[f"{name}_s"] = round(time.perf_counter() - since, 3)

    if not corpus.is_dir():
        raise BuildError(f"{corpus}: corpus folder not found")
    if not config_path.is_file():
        raise BuildError(f"{config_path}: MkDocs config not found")
    with _project_lock(build_root), _Progress(show) as bars:
        retired = build_root / "retired-site"
        recover_interrupted(out, retired)
        retirement = _Retirement(retired)
        tmp_site = out.with_name(f"{out.name}.tmp-{os.getpid()}")

        with stage("scan"):
            inputs, refused, overrides_path = scan_corpus(corpus)
            report.inputs = len(inputs) + len(refused)

        with stage("extract"):
            if importlib.util.find_spec("tdkt.pipeline") is None:
                report.skipped_steps.append("extract: skipped (tdkt.pipeline is not installed yet)")
                refused += [Refusal(i.source, "no extractor installed (tdkt.pipeline)") for i in inputs]
                records = []
            else:
                extraction = extract_all(inputs, corpus, JsonCache(build_root / "cache" / "extract"), jobs,
                                         bars.task("extract", len(inputs)))
                records = extraction.records
                refused += extraction.refused
                report.cache_hits, report.cache_misses = extraction.hits, extraction.misses
            for record in list(records):
                if not SAFE_ID.match(str(record.get("id", ""))):
                    records.remove(record)
                    refused.append(Refusal(str(record.get("source")), f"unusable id {record.get('id')!r}"))
            report.renamed_ids = disambiguate_ids(records)
            report.articles_written, report.articles_removed = write_articles(records, build_root / "articles")

        with stage("edit"):  # the editor's overrides, then syndicated copies
            if overrides_path is not None and (mod := _optional("tdkt.overrides", report, "overrides")):
                records, dropped = _apply_overrides(mod, records, overrides_path, report)
                refused += dropped  # what the editor dropped is accounted for
            if records and (mod := _optional("tdkt.dedupe", report, "syndication merge")):
                before = len(records)
                records, merges = _merge_syndicated(mod, records, build_root / "cache" / "dedupe")
                report.merges = _plain(merges)
                report.merged = before - len(records)
            if mod := _optional("tdkt.review", report, "review list"):
                mod.write_review_csv(records, build_root / "review.csv")

        with stage("render"):
            from mkdocs.config import load_config

            config_kwargs = {"config_file": str(config_path), "site_dir": str(tmp_site)}
            if site_url:
                config_kwargs["site_url"] = site_url
            with _quiet_mkdocs() as collector:
                config = load_config(**config_kwargs)
            report.warnings += collector.messages
            docs_dir = Path(config.docs_dir)
            if mod := _optional("tdkt.render", report, "render (built the hand-written pages only)"):
                # the render cache lets a build skip pages whose inputs are unchanged since the last one
                render_cache = build_root / "cache" / "render" if incremental else None
                report.pages = _result_counts(mod.render_docs(records, docs_dir, cache_dir=render_cache))
            if mod := _optional("tdkt.insight", report, "statistics, data and officials pages"):
                report.pages["insight_written"] = len(mod.render_insight_docs(records, docs_dir))
            pages = {r.get("page") for r in records if r.get("page")}
            if pages and len(pages) < len(records):
                report.warnings.append(f"{len(records) - len(pages)} articles share a page with another article")

        try:
            with stage("mkdocs"):
                from mkdocs.commands.build import build as mkdocs_build

                html_cache = build_root / "html-cache"
                in_parallel, articles_in_parallel, shard_warnings = (
                    render_in_parallel(config_kwargs, html_cache, jobs) if incremental else (0, 0, []))
                plugin = _incremental_plugin(config, html_cache, incremental)
                step = bars.task("mkdocs", sum(1 for _ in docs_dir.rglob("*.md")))
                plugin.page_done_hook = lambda _src: step(1)
                with _quiet_mkdocs() as collector, _no_clock():
                    mkdocs_build(config)
                report.warnings += sorted(set(shard_warnings)) + collector.messages
                report.html = plugin.counts()
                if in_parallel:  # rendered by the helper builds of this build, not reused
                    report.html["rendered_in_parallel"] = articles_in_parallel
                    report.html["pages_rendered_in_parallel"] = in_parallel
                    report.html["pages_rendered"] += in_parallel
                    report.html["pages_reused"] -= in_parallel
                    report.html["articles_rendered"] += articles_in_parallel
                    report.html["articles_reused"] -= articles_in_parallel
                if plugin.disabled_reason:
                    report.html["incremental"] = f"off: {plugin.disabled_reason}"
                report.sitemap_urls = write_sitemap(tmp_site, config.site_url or "")
            with stage("index"):
                if mod := _optional("tdkt.search", report, "search index"):
                    report.search = _plain(mod.build_index(records, tmp_site))
            with stage("downloads"):
                if mod := _optional("tdkt.datasets", report, "downloads"):
                    report.downloads = _plain(mod.write_downloads(records, tmp_site, config.site_url or ""))
            with stage("swap"):
                retirement.wait()
                swap_in(tmp_site, out, retired)
        finally:
            retirement.wait()
            shutil.rmtree(tmp_site, ignore_errors=True)  # gone after a swap; a half-built site otherwise

    report.built = len(records)
    report.records = records
    report.article_warnings = sum(len(r.get("warnings") or []) for r in records)
    report.refused = sorted(refused, key=lambda r: r.source)
    timings["total_s"] = round(time.perf_counter() - started, 3)
    timings["peak_rss_mb"] = _peak_rss_mb()
    write_if_changed(build_root / "report.json",
                     (json.dumps(report.as_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode())
    (build_root / "timings.json").write_text(json.dumps(timings, indent=2, sort_keys=True) + "\n")
    return report


# -- the command -------------------------------------------------------------------------------


def add_arguments(parser) -> None:
    parser.add_argument("--corpus", default="corpus", help="folder of articles (default: corpus)")
    parser.add_argument("--out", default="site", help="where the site goes (default: site)")
    parser.add_argument("--site-url", default=None,
                        help=f"the site's public URL, e.g. https://USER.github.io/REPO/ (default: ${SITE_URL_ENV}, then mkdocs.yml)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes for extraction (default: all cores)")
    parser.add_argument("--config", default="mkdocs.yml", help="MkDocs config (default: mkdocs.yml)")
    parser.add_argument("--build-dir", default="build", help="stage output and caches (default: build)")
    parser.add_argument("--full", action="store_true", help="render every page again (ignore the page cache)")


def print_report(report: BuildReport, console) -> None:
    from rich.table import Table

    table = Table(title="tdkt build", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [("inputs read", report.inputs), ("articles built", report.built),
            ("refused", len(report.refused)), ("merged (syndicated copies)", report.merged),
            ("errors", len(report.errors)),
            ("warnings", len(report.warnings)),
            ("extraction cache hits / misses", f"{report.cache_hits} / {report.cache_misses}")]
    if report.pages:
        rows.append(("Markdown pages written / unchanged / removed",
                     f"{report.pages.get('written', 0)} / {report.pages.get('unchanged', 0)} / {report.pages.get('removed', 0)}"))
    if report.html:
        rows.append(("HTML pages rendered / reused",
                     f"{report.html.get('pages_rendered', 0)} / {report.html.get('pages_reused', 0)}"))
    rows.append(("sitemap URLs", report.sitemap_urls))
    for name, value in rows:
        table.add_row(name, str(value))
    stages = ", ".join(f"{k[:-2]} {v:.1f}s" for k, v in report.timings.items() if k.endswith("_s"))
    console.print(table)
    console.print(f"time: {stages}; peak memory {report.timings.get('peak_rss_mb', 0):.0f} MB", highlight=False)
    for note in report.skipped_steps:
        console.print(f"note: {note}")


def run(args) -> int:
    from rich.console import Console

    console = Console(stderr=False)
    try:
        report = build(args.corpus, args.out, project_dir=".", config_file=args.config, build_dir=args.build_dir,
                       site_url=args.site_url, jobs=args.jobs, incremental=not args.full)
    except BuildError as err:
        print(f"tdkt build: {err} (the last good site is untouched)", file=sys.stderr)
        return 1
    for refusal in report.refused:
        print(f"refused: {refusal.source}: {refusal.reason}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    print_report(report, console)
    print(report.summary())
    print(f"site: {args.out}/   report: {args.build_dir}/report.json")
    return 0 if report.accounted == report.inputs and not report.errors else 1
