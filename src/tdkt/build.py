"""`tdkt build`: the orchestrator. Runs the stages in order, times them, and reports what became of every input.

    scan     corpus.scan            every entry -> an input or a refusal
    extract  extract.batch          inputs -> records (content-hash cache, all cores) -> build/articles/
    edit     corpus.overrides, corpus.syndication
                                    the editor's corrections and drops, syndicated copies merged
    review   extract.review         build/review.csv (in an incremental build, made after MkDocs)
    render   site.render, site.insight          records -> Markdown pages in docs/
    mkdocs   site.mkdocs_run, site.sitemap      docs/ -> a new site beside site/ (unchanged pages reused)
    index    search                 the static search index into the new site
    downloads site.datasets         JSON, CSV, SQLite, the feed (in a thread beside the index)
    swap     site.swap              the new site replaces site/; a failure anywhere leaves the last good one

The syndication merge runs in a forked child (tdkt.beside), so that what it holds is given back when
it ends; in an incremental build the search index and the downloads run in one beside the render and
MkDocs. With more than one core the downloads are made in a thread beside the index (their timings
overlap).

Nothing a stage does is done here: this module only calls them, keeps the report
(build/report.json, byte-stable for the same corpus) and the timings (build/timings.json).
`build(...) -> BuildReport` is the library entry; `run` is the CLI's thin layer over it.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Iterator

from tdkt.beside import finish_merging, index_and_downloads, merge_into, syndication_merges, wait_quietly
from tdkt.cache import Store, write_if_changed
from tdkt.corpus import overrides as editors_overrides
from tdkt.corpus.scan import Refusal, scan_corpus
from tdkt.corpus.syndication import apply_merges
from tdkt.corpus.syndication_state import merge_incremental
from tdkt.extract.batch import SAFE_ID, Bodies, disambiguate_ids, extract_all, write_articles, write_review
from tdkt.extract.evidence import after_overrides
from tdkt.runtime import EarlyWorkers, Forked, Progress, own_peak_rss_mb, peak_rss_mb
from tdkt.search import INDEX_DIR
from tdkt.search.segment import PARALLEL_MIN_DOCS
from tdkt.site.insight import STAMPS_FILE as INSIGHT_STAMPS, render_insight_docs
from tdkt.site.mkdocs_run import SHARD_THRESHOLD, incremental_plugin, no_clock, quiet_mkdocs, render_in_parallel
from tdkt.site.render import STAMPS_FILE, assign_pages, render_docs
from tdkt.site.sitemap import write_sitemap
from tdkt.site.swap import JOURNAL as PUBLISH_JOURNAL
from tdkt.site.swap import (Retirement, plan_publish, publish, read_manifest, recover_interrupted, recover_publish,
                            restage, site_files, swap_in, write_manifest)

SITE_URL_ENV = "TDKT_SITE_URL"


# -- the report --------------------------------------------------------------------------------


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
    published: dict = field(default_factory=dict)   # the site put in place: swapped whole, or files moved/deleted
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


def _apply_overrides(records: list[dict], path: Path, report: BuildReport,
                     bodies: Bodies) -> tuple[list[dict], list[Refusal]]:
    """The editor's corrections, and the articles the editor dropped (as refusals with the reason).

    A broken overrides file is an error of the build (exit status 1, so CI does not publish), but
    the site is still built, without the overrides.
    """
    try:
        overrides = editors_overrides.load_overrides(path)
    except editors_overrides.OverridesError as err:
        report.errors += list(err.errors)
        return records, []
    corrections = overrides.get("articles", {})
    # a correction may be of the body, or compare with it: those records come whole
    records = [bodies.full(r) if str(r.get("id")) in corrections else r for r in records]
    corrected, messages = editors_overrides.apply_overrides(records, overrides)
    for record in corrected:  # a corrected field rests on the editor: its evidence and the province scope say so
        if record.get("corrected"):
            after_overrides(record)
    report.overrides = _plain(messages)
    report.warnings += [str(m) for m in messages]
    kept = {r.get("id") for r in corrected}
    drops = overrides.get("drop", {})
    return corrected, [Refusal(str(r.get("source")), f"dropped by the editor: {drops.get(str(r.get('id'))) or 'no reason given'}")
                       for r in records if r.get("id") not in kept]


# -- the build ---------------------------------------------------------------------------------


def _page_token(bodies: Bodies):
    """A record's digest and page as one string: what a generated page made from it depends on."""
    return lambda record: f"{bodies.digest(record)}\0{record.get('page')}"


def _segment_folder(rel: str) -> bool:
    """A folder of the search index's segments: named by a digest of what it holds and never
    changed once written (tdkt.search.segments), so publishing need not look inside."""
    return rel.startswith(INDEX_DIR + "/") and rel.count("/") == INDEX_DIR.count("/") + 1


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
            timings[f"{name}_max_rss_mb"] = own_peak_rss_mb()  # the build process's peak so far

    if not corpus.is_dir():
        raise BuildError(f"{corpus}: corpus folder not found")
    if not config_path.is_file():
        raise BuildError(f"{config_path}: MkDocs config not found")
    state_path = build_root / "state.sqlite"
    with _project_lock(build_root), Progress(show) as bars, Store(state_path) as store, \
            contextlib.ExitStack() as cleanup:
        retired, leftovers = build_root / "retired-site", build_root / "published-leftovers"
        recover_publish(build_root)  # before recover_interrupted: the journal names its staged folder
        recover_interrupted(out, retired)
        retirement = Retirement(retired, leftovers)
        tmp_site = out.with_name(f"{out.name}.tmp-{os.getpid()}")

        with stage("scan"):
            inputs, refused, overrides_path = scan_corpus(corpus)
            report.inputs = len(inputs) + len(refused)

        # Once a site has been swapped in (and its manifest written), only what changed is put in place.
        in_place = incremental and out.is_dir() and read_manifest(build_root) is not None
        early_workers = None
        if jobs > 1 and not in_place and len(inputs) >= PARALLEL_MIN_DOCS:
            # workers forked now, while this process is small (runtime.EarlyWorkers), make the
            # article pages and the search index: a pool forked from this process later copies
            # the pages of its memory it touches; and the downloads can run in a thread beside
            # the index, which forks nothing then
            early_workers = cleanup.enter_context(EarlyWorkers(jobs))

        with stage("extract"):
            extraction = extract_all(inputs, corpus, store, jobs, bars.task("extract", len(inputs)))
            records, bodies = extraction.records, extraction.bodies
            refused += extraction.refused
            report.cache_hits, report.cache_misses = extraction.hits, extraction.misses
            unusable = [r for r in records if not SAFE_ID.match(str(r.get("id", "")))]
            if unusable:
                records = [r for r in records if SAFE_ID.match(str(r.get("id", "")))]
                refused += [Refusal(str(r.get("source")), f"unusable id {r.get('id')!r}") for r in unusable]
            report.renamed_ids = disambiguate_ids(records, bodies.changed)
            extracted = records  # build/articles/ holds the records as extracted
            # in place, the syndication merge's child writes build/articles/ once it has sent its
            # merges back, while this process goes on (beside.syndication_merges)
            articles_later = in_place and jobs > 1
            if not articles_later:
                report.articles_written, report.articles_removed = write_articles(
                    extracted, build_root / "articles", bodies, store)
            gc.freeze()  # the records live to the end: no collection walks them again (runtime.frozen)
            cleanup.callback(gc.unfreeze)

        with stage("edit"):  # the editor's overrides, then syndicated copies
            if overrides_path is not None:
                records, dropped = _apply_overrides(records, overrides_path, report, bodies)
                refused += dropped  # what the editor dropped is accounted for
            if records:
                before = len(records)
                if jobs > 1 and len({str(r.get("id")) for r in records}) == len(records):
                    # in a child: the merge's arrays (every body's shingles and their frequencies, 0.6 GB
                    # at 50,000 articles) are given back when it exits, not kept by this process,
                    # whose size every later fork (the render's, MkDocs', the index's) starts from;
                    # a build told to use one process (jobs 1) forks nothing. This process waits for
                    # the merges: what it would touch meanwhile (writing build/articles/ walks every
                    # record) would be copied, the child keeping the old pages (scripts/bench.py
                    # --n 50000: the tree's peak 2,459 MB with build/articles/ written beside the
                    # merge). In place, the child's last work (saving its state, then writing
                    # build/articles/ from its own pages) goes on beside this process's next stages,
                    # its arrays small then; in a first build that is waited for too
                    articles = (extracted, build_root / "articles") if articles_later else None
                    merging = Forked(lambda: syndication_merges(records, bodies, state_path, articles))
                    merges = merging.result()
                    if in_place:
                        cleanup.callback(finish_merging, merging, report, articles is not None)
                    else:
                        finish_merging(merging, report, articles is not None)
                    articles_later = False
                    records = apply_merges(records, merges)
                else:
                    records, merges = merge_incremental(records, bodies.body, bodies.body_digest, store)
                report.merges = _plain(merges)
                report.merged = before - len(records)
            if articles_later:  # no child was forked after all
                report.articles_written, report.articles_removed = write_articles(
                    extracted, build_root / "articles", bodies, store)

        # In place, the stages that do not wait for each other run side by side (runtime.Forked).
        overlap = in_place and report.cache_misses < SHARD_THRESHOLD and jobs > 1

        def review() -> None:
            with stage("review"):  # build/review.csv: what the editor should look at
                write_review(records, bodies, store, build_root / "review.csv")

        if not overlap:
            review()
        with stage("render"):
            from mkdocs.config import load_config

            config_kwargs = {"config_file": str(config_path), "site_dir": str(tmp_site)}
            if site_url:
                config_kwargs["site_url"] = site_url
            with quiet_mkdocs() as collector:
                config = load_config(**config_kwargs)
            report.warnings += collector.messages
            docs_dir = Path(config.docs_dir)
            # the render cache lets a build skip pages whose inputs are unchanged since the last one
            render_cache = build_root / "cache" / "render"
            if not incremental:  # --full: nothing reused, every page made again (on all cores, memory bounded)
                (render_cache / STAMPS_FILE).unlink(missing_ok=True)
                (render_cache / INSIGHT_STAMPS).unlink(missing_ok=True)
                shutil.rmtree(build_root / "html-cache", ignore_errors=True)
            ids = assign_pages(records)
            # the search index and the downloads need the records and their pages, not the docs nor
            # MkDocs: in an incremental build they start now, beside the render and then MkDocs
            side_site = tmp_site.with_name(tmp_site.name + "-side")
            side = Forked(lambda: index_and_downloads(records, bodies, side_site, build_root, config.site_url or "",
                                                      jobs, incremental, None)) if overlap else None
            if side is not None:  # a failure before its result is taken: wait for it, then drop its folder
                cleanup.callback(shutil.rmtree, side_site, ignore_errors=True)
                cleanup.callback(wait_quietly, side)

            # The insight pages (site.insight) are rendered here, after the others, not in a child
            # of their own: beside the render they took the second core from the search index and
            # downloads' child, the longer of the two sides, and a third process copied the
            # pages of this one it read (scripts/bench.py --n 50000, one added article: the tree's
            # peak 2,056 MB)
            report.pages = _result_counts(render_docs(records, docs_dir, cache_dir=render_cache,
                                                      full=bodies.full, digest=bodies.digest, ids=ids,
                                                      jobs=jobs, after_fork=lambda: bodies.reopen(state_path),
                                                      workers=early_workers, full_many=bodies.iter_full))
            report.pages["insight_written"] = len(render_insight_docs(records, docs_dir, render_cache,
                                                                      _page_token(bodies), ids))
            pages = {r.get("page") for r in records if r.get("page")}
            if pages and len(pages) < len(records):
                report.warnings.append(f"{len(records) - len(pages)} articles share a page with another article")

        try:
            with stage("mkdocs"):
                from mkdocs.commands.build import build as mkdocs_build

                html_cache = build_root / "html-cache"
                in_parallel, articles_in_parallel, shard_warnings = render_in_parallel(
                    config_kwargs, html_cache, jobs, report.pages.get("written") if incremental else None)
                plugin = incremental_plugin(config, html_cache, True)
                if in_place:
                    plugin.config.live_dir = str(out)
                config.theme.static_templates.discard("sitemap.xml")  # tdkt writes its own (site.sitemap)
                if show:
                    step = bars.task("mkdocs", sum(1 for _ in docs_dir.rglob("*.md")))
                    plugin.page_done_hook = lambda _src: step(1)
                with quiet_mkdocs() as collector, no_clock():
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
            if side is not None:  # built beside MkDocs: their own timings, then into the new site
                # the review's file is not on the site: made while the index and downloads' child,
                # the longer side, finishes, not before it is forked
                review()
                done = side.result()
                merge_into(side_site, tmp_site)
            else:
                done = index_and_downloads(records, bodies, tmp_site, build_root, config.site_url or "", jobs,
                                           incremental, store, early_workers)
                if early_workers is not None:
                    early_workers.close()
            report.search, report.downloads = _plain(done["search"]), _plain(done["downloads"])
            timings.update(done["timings"])
            with stage("swap"):
                if in_place:
                    previous = read_manifest(build_root) or set()
                    plan = plan_publish(tmp_site, out, plugin.kept, previous, _segment_folder)
                    sitemap = write_sitemap(tmp_site, config.site_url or "", files=plan.manifest)
                    report.sitemap_urls = sitemap.urls
                    # into the plan; a part an earlier, bigger sitemap had stays in plan.deletes: deleted
                    restage(plan, tmp_site, out, previous, list(sitemap.files))
                    report.published = publish(tmp_site, out, plan, build_root)
                    # what stayed behind (unchanged files): deleted by the next build, while it extracts
                    tmp_site.rename(leftovers)
                else:
                    report.sitemap_urls = write_sitemap(tmp_site, config.site_url or "").urls
                    retirement.wait()
                    swap_in(tmp_site, out, retired)
                    write_manifest(build_root, site_files(out))
                    report.published = {"swapped": True}
        finally:
            # a half-built site goes; not one a written journal still moves files from (recover_publish)
            if tmp_site.exists() and not (build_root / PUBLISH_JOURNAL).exists():
                retirement.wait()
                shutil.rmtree(tmp_site, ignore_errors=True)
            shutil.rmtree(side_site, ignore_errors=True)

    report.built = len(records)
    report.records = records
    report.article_warnings = sum(len(r.get("warnings") or []) for r in records)
    report.refused = sorted(refused, key=lambda r: r.source)
    timings["total_s"] = round(time.perf_counter() - started, 3)
    timings["peak_rss_mb"] = peak_rss_mb()
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
