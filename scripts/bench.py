#!/usr/bin/env python3
"""The scale benchmark (issue 5): build a synthetic corpus of N articles and measure `tdkt build` on it.

    .venv/bin/python scripts/bench.py --n 1000 [--out bench-out/] [--json FILE] [--skip-lunr]
                                      [--queries Q ...] [--no-budget] [--seed 0] [--jobs J]

1. makes (or reuses, cached by n + seed) a deterministic synthetic corpus (benchmarks.synth);
2. builds it with `tdkt build` in a fresh project copy (mkdocs.yml, overrides/, the hand-written docs),
   in a child process: per-stage seconds from the build's report, peak memory of the build process
   tree, site bytes and bytes per article;
3. adds ONE new article and builds again: the incremental time;
4. measures search in Chromium: tdkt's index (searchbench.measure_search) and, unless --skip-lunr,
   Material's lunr search on the same docs (searchbench.build_lunr_baseline + measure_lunr), and unless
   --skip-pagefind, Pagefind on the same article pages (benchmarks.pagefindbench); with each engine's
   index bytes;
5. prints a table and writes JSON; exits non-zero (FAIL) when the site exceeds the per-article
   byte budget, unless --no-budget.

Peak memory: the build runs in a child process. `peak_rss_mb` is the largest resident set of any one
process of the build (the child and the extraction workers it waited for), read with
resource.getrusage(RUSAGE_CHILDREN).ru_maxrss; `peak_tree_mb` is the peak of the sum over the whole
process tree at once (proportional set sizes, so pages forked workers share count once), sampled
from /proc every 0.1 s (psutil is not a dependency).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The package's code: a child build runs on the project's frozen copy (see fresh_project).
SRC_ENV = "TDKT_BENCH_SRC"
sys.path.insert(0, os.environ.get(SRC_ENV) or str(ROOT / "src"))
sys.path.append(str(ROOT))  # the benchmark library (benchmarks/) beside the package

from benchmarks.buildmeasure import STAGES, fmt as _fmt, table, tree_bytes, tree_memory_bytes  # noqa: E402

# GitHub Pages serves up to 1 GB: 50,000 articles at 20 KB each (issue 14).
BUDGET_BYTES_PER_ARTICLE = 20 * 1024
SEARCH_KEYS = ("first_query_ms", "first_query_bytes", "p50_ms", "p95_ms")
# What a project needs besides its corpus; docs/ contributes only the hand-written pages (in git).
PROJECT_FILES = ("mkdocs.yml", "overrides")
FALLBACK_QUERIES = ["khen thưởng", "khen thuong", "Huân chương Lao động hạng Nhì", "huan chuong lao dong",
                    "Cờ thi đua", "giấy khen", "Chiến sĩ thi đua cơ sở", "Hồng Lĩnh", "hong linh", "Đồ Sơn",
                    "do son", "Nguyễn Huy Hùng", '"phong trào thi đua yêu nước"', "năm 2023"]


# -- the corpus --------------------------------------------------------------------------------


def cached_corpus(n: int, seed: int, out: Path) -> tuple[Path, float]:
    """The synthetic corpus for (n, seed), made once; (folder, seconds it took to make, 0 if cached)."""
    from benchmarks.synth import SYNTH_VERSION, make_corpus

    folder = out / f"corpus-n{n}-s{seed}-v{SYNTH_VERSION}"
    stamp = folder / ".complete"
    if stamp.exists():
        return folder, 0.0
    started = time.perf_counter()
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    make_corpus(n, partial, seed=seed)
    (partial / ".complete").write_text(f"{n} {seed} {SYNTH_VERSION}\n")
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return folder, time.perf_counter() - started


def hand_written_docs() -> list[Path]:
    """docs/ files in git (the generated pages are not); every file when git is not there."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "docs"], cwd=ROOT, capture_output=True, check=True)
        files = [ROOT / name for name in listed.stdout.decode().split("\0") if name]
        if files:
            return files
    except (OSError, subprocess.CalledProcessError):
        pass
    return [p for p in (ROOT / "docs").rglob("*") if p.is_file()]


def fresh_project(corpus: Path, project: Path, like: Path | None = None, link: bool = True) -> None:
    """A project directory of its own, so the repository's docs/, build/ and site/ stay untouched.
    `like`: another benchmark project whose code, config and hand-written pages to copy (the same
    snapshot, whatever happened to the working tree since). `link` False: the articles are copied,
    not hard-linked (see _identical)."""
    origin = like or ROOT
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = origin / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        elif source.is_file():
            shutil.copy2(source, project / name)
    # Both builds run on this copy of the code: an edit to the working tree during the benchmark
    # would change the extractor's version and turn the incremental build into a full one. (mkdocs.yml
    # also names its hooks by relative path, src/tdkt/...)
    shutil.copytree(origin / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for path in hand_written_docs():
        source = origin / path.relative_to(ROOT)
        if source.is_file():
            target = project / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    (project / "corpus").mkdir()
    for article in sorted(corpus.glob("*.txt")):
        try:  # hard links: 20,000 copies would cost more than the build's first stage
            if not link:
                raise OSError("copy asked for")
            os.link(article, project / "corpus" / article.name)
        except OSError:
            shutil.copy2(article, project / "corpus" / article.name)


# -- running a build in a child process ------------------------------------------------------------


def run_build(project: Path, jobs: int | None, profile: Path | None = None, sample: bool = True) -> dict:
    """Build the project in a child process; its report's timings plus wall time and peak memory.
    `sample` False: the tree's memory is not sampled (peak_tree_mb None). Sampling reads each
    process's smaps_rollup ten times a second, which walks its page tables on the build's cores:
    six one-article builds (+1, -1) of the 20,000 benchmark's project took 6.0 to 7.2 s sampled,
    mean 6.64 s, and 5.8 to 6.5 s not, mean 6.17 s, run alternately."""
    report_file = project / "bench-build.json"
    report_file.unlink(missing_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--child-build", str(project)]
    if jobs:
        command += ["--jobs", str(jobs)]
    if profile:
        command += ["--profile", str(profile)]
    peak_tree = 0
    started = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=str(project / "src"), **{SRC_ENV: str(project / "src")})
    child = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    done = threading.Event()

    def sample_tree() -> None:
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, tree_memory_bytes(child.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample_tree, daemon=True)
    if sample:
        sampler.start()
    stdout, stderr = child.communicate()
    done.set()
    if sample:
        sampler.join()
    wall = time.perf_counter() - started
    if child.returncode != 0 or not report_file.exists():
        tail = (stderr or stdout).decode(errors="replace").strip().splitlines()[-15:]
        raise SystemExit("bench: the build failed:\n  " + "\n  ".join(tail))
    result = json.loads(report_file.read_text())
    result["wall_s"] = round(wall, 3)
    result["peak_tree_mb"] = round(peak_tree / 2**20, 1) if sample else None
    return result


def child_build(project: Path, jobs: int | None, profile: Path | None = None) -> int:
    """In the child: run the library's build and leave its report where the parent reads it."""
    import tdkt
    from tdkt.build import build

    if not Path(tdkt.__file__).resolve().is_relative_to(project.resolve()):
        raise SystemExit(f"bench: the build would run on {tdkt.__file__}, not on the project's copy of the code")
    if profile:
        # the build process itself (MkDocs, render, index); extraction workers are other processes
        import cProfile

        profiler = cProfile.Profile()
        report = profiler.runcall(build, "corpus", "site", project_dir=project, jobs=jobs, progress=False)
        profiler.dump_stats(profile)
    else:
        report = build("corpus", "site", project_dir=project, jobs=jobs, progress=False)
    data = {"timings": report.timings, "report": report.as_json()}
    (project / "bench-build.json").write_text(json.dumps(data, ensure_ascii=False, indent=2))
    return 0


# -- measuring ---------------------------------------------------------------------------------


def not_available(reason: str) -> dict:
    return {key: None for key in SEARCH_KEYS} | {"available": False, "reason": reason}


def _search_result(raw) -> dict:
    """Whatever measure_* returned, as the benchmark's keys plus everything else it said."""
    data = raw if isinstance(raw, dict) else getattr(raw, "__dict__", {}) or {}
    if hasattr(raw, "__dataclass_fields__"):
        from dataclasses import asdict

        data = asdict(raw)
    result = {key: data.get(key) for key in SEARCH_KEYS}
    result["available"] = True
    result["details"] = {k: v for k, v in data.items() if k not in SEARCH_KEYS}
    return result


def measure_searches(project: Path, queries: list[str] | None, skip_lunr: bool, work: Path) -> tuple[dict, dict]:
    try:
        import benchmarks.searchbench as searchbench
    except ModuleNotFoundError as err:
        reason = f"not available ({err.name} is not installed yet)"
        return not_available(reason), not_available(reason)
    queries = queries or list(getattr(searchbench, "DEFAULT_QUERIES", FALLBACK_QUERIES))
    site = project / "site"
    if hasattr(searchbench, "measure_search"):
        try:
            search = _search_result(searchbench.measure_search(site, queries, "/tdkt/"))
        except Exception as err:  # noqa: BLE001 - a broken search measurement must not lose the build figures
            search = not_available(f"failed: {type(err).__name__}: {err}".splitlines()[0])
    else:
        search = not_available("not available (searchbench.measure_search is not there yet)")
    if skip_lunr:
        lunr = not_available("skipped (--skip-lunr)")
    elif hasattr(searchbench, "build_lunr_baseline") and hasattr(searchbench, "measure_lunr"):
        try:
            lunr_site = work / "lunr-site"
            shutil.rmtree(lunr_site, ignore_errors=True)
            started = time.perf_counter()
            built = searchbench.build_lunr_baseline(project, lunr_site)
            lunr_build_s = round(time.perf_counter() - started, 3)
            lunr = _search_result(searchbench.measure_lunr(built if isinstance(built, Path) else lunr_site, queries))
            lunr["build_s"] = lunr_build_s
            lunr_index = lunr_site / "search" / "search_index.json"
            lunr["index_bytes"] = lunr_index.stat().st_size if lunr_index.is_file() else None
        except Exception as err:  # noqa: BLE001
            lunr = not_available(f"failed: {type(err).__name__}: {err}".splitlines()[0])
    else:
        lunr = not_available("not available (searchbench.build_lunr_baseline/measure_lunr are not there yet)")
    return search, lunr


def measure_pagefind_baseline(project: Path, queries: list[str] | None, skip: bool, work: Path) -> dict:
    """Pagefind on the same article pages (the second baseline beside lunr)."""
    if skip:
        return not_available("skipped (--skip-pagefind)")
    try:
        from benchmarks import searchbench
        from benchmarks.pagefindbench import pagefind_baseline

        measured = pagefind_baseline(project / "site", queries or list(searchbench.DEFAULT_QUERIES), work)
    except Exception as err:  # noqa: BLE001 - a broken baseline must not lose the build figures
        return not_available(f"failed: {type(err).__name__}: {err}".splitlines()[0])
    result = _search_result(measured)
    result["index_bytes"] = measured.get("index_bytes")
    return result


def _edit(path: Path) -> None:
    """An editor's change to an article: one more sentence at its end. Written as a new file: the
    project's articles are hard links of the cached corpus, which must stay as made."""
    text = path.read_text(encoding="utf-8").rstrip()
    edited = path.with_name(path.name + ".edited")
    edited.write_text(text + "\nHội nghị cũng biểu dương 12 tập thể, 25 cá nhân tiêu biểu.\n", encoding="utf-8", newline="\n")
    os.replace(edited, path)


def _identical(project: Path, out: Path, n: int, seed: int, jobs: int | None, queries: list[str]) -> dict:
    """Build the incremental project's corpus from nothing in another project; compare the sites."""
    from benchmarks.identical import compare_sites

    reference = out / f"project-n{n}-s{seed}-full"
    # copies, not hard links: a new link to a file changes its ctime, which the build's store
    # keys each input's digest by (with size, mtime and inode), so the next build of `project`
    # (the edit step) hashed every article again (at 20,000, 1.62 s instead of 0.22 s for the
    # inputs' keys, once 20,001 links were made beside the corpus)
    fresh_project(project / "corpus", reference, like=project, link=False)
    built = run_build(reference, jobs)
    result = compare_sites(project / "site", reference / "site", queries)
    result["reference_timings"] = built["timings"]
    result["reference_project"] = str(reference)
    return result


def benchmark(n: int, seed: int, out: Path, queries: list[str] | None, skip_lunr: bool,
              budget: int, jobs: int | None, say=print, profile: Path | None = None,
              skip_pagefind: bool = False, identical: bool = True, profile_incremental: Path | None = None) -> dict:
    from benchmarks.synth import article_name, make_article

    out.mkdir(parents=True, exist_ok=True)
    say(f"corpus: {n} synthetic articles (seed {seed}) ...")
    corpus, corpus_s = cached_corpus(n, seed, out)
    project = out / f"project-n{n}-s{seed}"
    fresh_project(corpus, project)

    say("full build ...")
    full = run_build(project, jobs, profile)
    # the largest single process of the build, as the kernel kept it for the children waited for
    peak_rss_mb = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    timings = full["timings"]
    site_bytes, site_by_entry = tree_bytes(project / "site")
    built = full["report"].get("built") or 0

    say("incremental build (one new article) ...")
    (project / "corpus" / article_name(n)).write_text(make_article(n, seed), encoding="utf-8", newline="\n")
    incremental = run_build(project, jobs, profile_incremental)
    incremental_s = incremental["timings"].get("total_s")

    check = {"identical": None, "reason": "skipped (--no-identical)"}
    if identical:
        say("full build of the same corpus from nothing, to compare ...")
        check = _identical(project, out, n, seed, jobs, queries or _default_queries())

    say("incremental builds (one edited article, one removed) ...")
    _edit(project / "corpus" / article_name(min(1, n - 1)))
    edited = run_build(project, jobs)
    (project / "corpus" / article_name(min(2, n))).unlink()
    removed = run_build(project, jobs)

    say("search ...")
    search, lunr = measure_searches(project, queries, skip_lunr, out)
    search["index_bytes"] = (full["report"].get("search") or {}).get("bytes")
    pagefind = measure_pagefind_baseline(project, queries, skip_pagefind, out)

    # the time of a one-article build with nothing else running: the sampler above costs it (run_build)
    say("one more added article, its build's memory not sampled ...")
    (project / "corpus" / article_name(n + 1)).write_text(make_article(n + 1, seed), encoding="utf-8", newline="\n")
    unsampled = run_build(project, jobs, sample=False)

    per_article = round(site_bytes / built) if built else None
    return {
        "articles": built,
        **{stage: timings.get(stage) for stage in STAGES},
        "incremental_s": incremental_s,
        "incremental_identical": check.get("identical"),
        "peak_rss_mb": peak_rss_mb,
        "site_bytes": site_bytes,
        "site_bytes_per_article": per_article,
        "search": search,
        "baseline_lunr": lunr,
        "baseline_pagefind": pagefind,
        "budget": {"site_bytes_per_article_max": budget,
                   "ok": per_article is not None and per_article <= budget},
        # extras
        "n": n,
        "seed": seed,
        "inputs": full["report"].get("inputs"),
        "refused": len(full["report"].get("refused") or []),
        "merged": full["report"].get("merged"),
        "incremental_ratio": round(incremental_s / timings["total_s"], 3) if incremental_s and timings.get("total_s") else None,
        "incremental_timings": incremental["timings"],
        "incremental_html": incremental["report"].get("html"),
        "incremental_search": incremental["report"].get("search"),
        "incremental_published": incremental["report"].get("published"),
        "incremental_wall_s": incremental["wall_s"],
        "incremental_peak_tree_mb": incremental["peak_tree_mb"],
        "identical_check": check,
        "edit_s": edited["timings"].get("total_s"),
        "edit_timings": edited["timings"],
        "remove_s": removed["timings"].get("total_s"),
        "remove_timings": removed["timings"],
        "incremental_unsampled_s": unsampled["timings"].get("total_s"),
        "incremental_unsampled_timings": unsampled["timings"],
        "peak_tree_mb": full["peak_tree_mb"],
        "build_peak_rss_mb": timings.get("peak_rss_mb"),
        "peak_rss_method": "getrusage(RUSAGE_CHILDREN).ru_maxrss (largest single process); "
                           "peak_tree_mb: sum of PSS (RSS where PSS is unreadable) over the build's process tree, "
                           "sampled from /proc every 0.1 s",
        "timings": timings,
        "build_wall_s": full["wall_s"],
        "corpus_s": round(corpus_s, 3),
        "site_bytes_by_entry": site_by_entry,
        "site_bytes_per_article_by_entry": {k: round(v / built) for k, v in site_by_entry.items()} if built else {},
        "skipped_steps": full["report"].get("skipped_steps"),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "project_dir": str(project),
    }


def _default_queries() -> list[str]:
    try:
        import benchmarks.searchbench as searchbench
    except ModuleNotFoundError:
        return FALLBACK_QUERIES
    return list(getattr(searchbench, "DEFAULT_QUERIES", FALLBACK_QUERIES))


# -- output ------------------------------------------------------------------------------------


def search_table(result: dict):
    """The engines side by side: tdkt's index, Material's lunr, Pagefind, on the same pages."""
    from rich.table import Table

    engines = [("tdkt", result["search"]), ("lunr (Material)", result["baseline_lunr"]),
               ("Pagefind", result.get("baseline_pagefind") or not_available("not measured"))]
    t = Table(title=f"search, N = {result['articles']:,} articles (Chromium, bytes as sent)", header_style="bold")
    t.add_column("measure")
    for name, _ in engines:
        t.add_column(name, justify="right")

    def cell(s: dict, key: str) -> str:
        if not s.get("available"):
            return "-"
        value = s.get(key)
        if value is None:
            return "not available"
        return _fmt(value / 1024, " KB") if key.endswith("bytes") else _fmt(value, " ms", 0)

    for label, key in (("first query", "first_query_ms"), ("first query bytes", "first_query_bytes"),
                       ("p50", "p50_ms"), ("p95", "p95_ms"), ("index bytes", "index_bytes")):
        t.add_row(label, *(cell(s, key) for _, s in engines))
    return t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles in the synthetic corpus (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out",
                        help="work folder: cached corpora, the project copy (default bench-out/)")
    parser.add_argument("--json", type=Path, default=None, help="also write the result as JSON here")
    parser.add_argument("--skip-lunr", action="store_true", help="do not build and measure Material's lunr baseline")
    parser.add_argument("--skip-pagefind", action="store_true", help="do not build and measure the Pagefind baseline")
    parser.add_argument("--queries", nargs="+", default=None, help="search queries (default: searchbench's fixed list)")
    parser.add_argument("--no-budget", action="store_true", help="report the per-article byte budget, do not enforce it")
    parser.add_argument("--budget-bytes", type=int, default=BUDGET_BYTES_PER_ARTICLE,
                        help=f"site bytes allowed per article (default {BUDGET_BYTES_PER_ARTICLE})")
    parser.add_argument("--jobs", type=int, default=None, help="build worker processes (default: all cores)")
    parser.add_argument("--profile", type=Path, default=None,
                        help="profile the full build's main process with cProfile: stats to this file, "
                             "the top functions printed (slower; the timings then include the profiler)")
    parser.add_argument("--profile-incremental", type=Path, default=None,
                        help="the same for the build after one article was added")
    parser.add_argument("--no-identical", action="store_true",
                        help="do not build the n + 1 articles from nothing to compare with the incremental build")
    parser.add_argument("--child-build", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child_build:
        return child_build(args.child_build, args.jobs, args.profile)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice, printed by every MkDocs run
    if args.n < 1:
        parser.error("--n must be at least 1")

    from rich.console import Console

    console = Console()
    if not console.is_terminal:
        console = Console(width=120)  # a log or a pipe: wide enough that no label wraps
    say = (lambda message: console.print(message, style="dim")) if console.is_terminal else (lambda message: None)
    profile = args.profile.resolve() if args.profile else None
    profile_incremental = args.profile_incremental.resolve() if args.profile_incremental else None
    result = benchmark(args.n, args.seed, args.out.resolve(), args.queries, args.skip_lunr,
                       args.budget_bytes, args.jobs, say, profile, skip_pagefind=args.skip_pagefind,
                       identical=not args.no_identical, profile_incremental=profile_incremental)
    if profile:
        import pstats

        console.print(f"profile of the full build (main process), top 25 by cumulative time: {profile}")
        pstats.Stats(str(profile), stream=sys.stdout).sort_stats("cumulative").print_stats(25)
    if profile_incremental:
        import pstats

        console.print(f"profile of the one-article build (main process), top 25 by cumulative time: {profile_incremental}")
        pstats.Stats(str(profile_incremental), stream=sys.stdout).sort_stats("cumulative").print_stats(25)
    console.print(table(result))
    if result.get("incremental_identical") is False:
        check = result["identical_check"]
        console.print(f"NOT IDENTICAL: files {check['file_differences'][:10]}, queries {check['search_differences'][:10]}")
    console.print(search_table(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        console.print(f"JSON: {args.json}")
    if not result["budget"]["ok"]:
        per = result["site_bytes_per_article"]
        message = (f"site bytes per article {per:,} > budget {args.budget_bytes:,}" if per is not None
                   else "no article was built, so the per-article budget cannot be met")
        if args.no_budget:
            console.print(f"over budget (not enforced, --no-budget): {message}")
        else:
            console.print(f"FAIL: {message}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
