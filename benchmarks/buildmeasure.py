"""What the benchmark (scripts/bench.py) measures of a build besides its own report, and its table:
the memory of a build's whole process tree (proportional set sizes from /proc, so the pages forked
workers share count once), a folder's bytes by top-level entry, and the table of the full and the
one-article build side by side.
"""

from __future__ import annotations

import os
from pathlib import Path

STAGES = ("extract_s", "render_s", "mkdocs_s", "index_s", "total_s")
ALL_STAGES = ("scan_s", "extract_s", "edit_s", "review_s", "render_s", "mkdocs_s", "index_s", "downloads_s", "swap_s", "total_s")


def _proportional_bytes(pid: int, rss: int) -> int:
    """A process's proportional set size (shared pages split among their users); its RSS only where
    /proc does not let us read its PSS; 0 when it has gone.

    Forked workers share most pages with their parent: summing RSS would count those pages twice.
    A process that exits between the reading of its stat and of its smaps_rollup has given its pages
    back: counting its RSS then counted every page it shared with the build process a second time
    (scripts/bench.py --n 50000: one sample of 2,742 MB, as two MkDocs helpers of 1.1 GB RSS exited,
    between samples of 1,621 and 1,015 MB)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except PermissionError:
        return rss  # another user's process: only its RSS is readable
    except (OSError, ValueError):
        return 0  # gone (or exiting: its memory is being unmapped)
    return 0  # no mapping left: a zombie, or a process past the release of its memory


def tree_pids(root_pid: int) -> list[int]:
    """A process and all its descendants, from /proc (the root first)."""
    parents: dict[int, int] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read().decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()  # the command name may hold spaces
        parents[int(entry)] = int(fields[1])
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    found, stack = [], [root_pid]
    while stack:
        pid = stack.pop()
        if pid in parents:
            found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read().decode(errors="replace")
    except OSError:
        return 0
    return int(stat[stat.rfind(")") + 2:].split()[21]) * os.sysconf("SC_PAGE_SIZE")


def tree_memory_bytes(root_pid: int) -> int:
    """Memory of a process and all its descendants at this moment, from /proc (0 where there is none).
    Each process's PSS is read when its turn comes, not from a list read before: see _proportional_bytes."""
    return sum(_proportional_bytes(pid, _rss(pid)) for pid in tree_pids(root_pid))


def tree_bytes(folder: Path) -> tuple[int, dict[str, int]]:
    """Total bytes of the files under a folder, and per top-level entry."""
    total, by_entry = 0, {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            size = path.stat().st_size
            total += size
            top = path.relative_to(folder).parts[0]
            by_entry[top] = by_entry.get(top, 0) + size
    return total, dict(sorted(by_entry.items(), key=lambda kv: -kv[1]))


def fmt(value, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "not available"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{unit}"
    return f"{value:,}{unit}"


def table(result: dict):
    from rich.table import Table

    t = Table(title=f"tdkt benchmark, N = {result['articles']:,} articles", header_style="bold")
    t.add_column("measure")
    t.add_column("full build", justify="right")
    t.add_column("+1 article", justify="right")
    full, plus = result.get("timings") or {}, result.get("incremental_timings") or {}
    for stage in ALL_STAGES:
        label = stage if stage in STAGES else stage
        t.add_row(label, fmt(full.get(stage), " s"), fmt(plus.get(stage), " s"))
    ratio = result.get("incremental_ratio")
    t.add_row("incremental_s (+1 article)", "", fmt(result["incremental_s"], " s")
              + (f"  ({ratio:.0%} of full)" if ratio is not None else ""))
    t.add_row("one article edited / removed", "", f"{fmt(result.get('edit_s'), ' s')} / {fmt(result.get('remove_s'), ' s')}")
    t.add_row("one more added, memory not sampled", "", fmt(result.get("incremental_unsampled_s"), " s"))
    same = result.get("incremental_identical")
    check = result.get("identical_check") or {}
    t.add_row("incremental_identical", "", "not checked" if same is None else
              f"{str(same).lower()} ({check.get('files', 0):,} files, {check.get('queries', 0)} queries)")
    t.add_row("peak_rss_mb (largest process)", fmt(result["peak_rss_mb"], " MB"), "")
    t.add_row("peak memory, whole process tree (PSS)", fmt(result.get("peak_tree_mb"), " MB"),
              fmt(result.get("incremental_peak_tree_mb"), " MB"))
    t.add_row("site_bytes", fmt(result["site_bytes"] / 2**20 if result["site_bytes"] else None, " MB"), "")
    budget = result["budget"]
    verdict = "ok" if budget["ok"] else "OVER BUDGET"
    per = result["site_bytes_per_article"]
    t.add_row("site_bytes_per_article", f"{fmt(per / 1024 if per else None, ' KB')}  "
              f"(budget {budget['site_bytes_per_article_max'] / 1024:g} KB: {verdict})", "")
    for entry, value in list((result.get("site_bytes_per_article_by_entry") or {}).items())[:8]:
        t.add_row(f"  of which {entry}/", fmt(value / 1024, " KB"), "")
    for name, label in (("search", "tdkt search"), ("baseline_lunr", "Material lunr"), ("baseline_pagefind", "Pagefind")):
        s = result[name]
        if not s.get("available"):
            t.add_row(label, s.get("reason", "not available"), "")
            continue
        t.add_row(f"{label}: first query", f"{fmt(s['first_query_ms'], ' ms', 0)}, "
                  f"{fmt(s['first_query_bytes'] / 1024 if s['first_query_bytes'] is not None else None, ' KB')}", "")
        t.add_row(f"{label}: p50 / p95", f"{fmt(s['p50_ms'], ' ms', 0)} / {fmt(s['p95_ms'], ' ms', 0)}", "")
        if s.get("index_bytes") is not None:
            t.add_row(f"{label}: index bytes", fmt(s["index_bytes"] / 2**20, " MB", 2), "")
        rows = s.get("details", {}).get("queries") or []
        if rows and all("count" in r and "count_toneless" in r for r in rows):
            same = sum(r["count"] == r["count_toneless"] for r in rows)
            t.add_row(f"{label}: same results without tone marks", f"{same} of {len(rows)} queries", "")
    return t
