"""Pagefind, the second baseline beside lunr: the best general static search engine, indexing the
same article pages, measured in the same Chromium the same way.

Pagefind (`pagefind[bin]` from PyPI: the binary ships in the wheel) indexes built HTML. Here it
indexes only the article pages (`bai-viet/**/*.html`, what tdkt's index holds), with its defaults
otherwise (it keeps the page's <body>, leaves out nav, header, footer, scripts, forms). Its bundle
is written outside the site (the site's byte count stays tdkt's) and served beside a bare page that
imports pagefind.js on load, as Pagefind's own UI does; each query calls `pagefind.search(q)` and
waits for the first result's data (its URL and excerpt: what a result list shows), timed in the page.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.searchbench import _browser, _summary, serve_pages
from tdkt.text import fold

PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Pagefind</title></head><body>
<p id="state">loading</p>
<script type="module">
  window.__pf = await import("./pagefind/pagefind.js");
  document.getElementById("state").textContent = "ready";
</script></body></html>"""

# [ms, count, [first ten results' {url, excerpt}]] for query q; only the first result's data is
# waited for in the time (what a list shows first); the rest afterwards, outside the clock.
_ASK = """async ([q, top]) => {
  const t0 = performance.now();
  const search = await window.__pf.search(q);
  const results = search ? search.results : [];
  const first = results.length ? await results[0].data() : null;
  const ms = performance.now() - t0;
  const rest = top > 1 ? await Promise.all(results.slice(1, top).map((r) => r.data())) : [];
  const shown = (first ? [first, ...rest] : []).map((d) => ({ url: d.url, excerpt: d.excerpt }));
  return [ms, results.length, shown];
}"""


def pagefind_command() -> list[str]:
    return [sys.executable, "-m", "pagefind"]


def build_pagefind(site_dir: Path, out_dir: Path) -> dict:
    """Index the article pages of a built site with Pagefind into out_dir/pagefind/ (beside the
    bare page that loads it); {"dir", "build_s", "index_bytes", "index_files"}."""
    out_dir = Path(out_dir)
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    started = time.perf_counter()
    subprocess.run([*pagefind_command(), "--site", str(site_dir), "--glob", "bai-viet/**/*.html",
                    "--output-path", str(out_dir / "pagefind")], check=True, capture_output=True)
    build_s = round(time.perf_counter() - started, 3)
    (out_dir / "index.html").write_text(PAGE, encoding="utf-8")
    files = [p for p in (out_dir / "pagefind").rglob("*") if p.is_file()]
    return {"dir": out_dir, "build_s": build_s, "index_bytes": sum(p.stat().st_size for p in files),
            "index_files": len(files)}


class PagefindPage:
    """A page with Pagefind loaded, served under a Pages-like sub-path; ask(q) -> [ms, count, shown]."""

    def __init__(self, bundle_dir: Path, browser, base: str = "/tdkt/"):
        self.bundle_dir, self.browser, self.base = Path(bundle_dir), browser, base

    def __enter__(self):
        self._serving = serve_pages(self.bundle_dir, self.base)
        self.url, self.log = self._serving.__enter__()
        self.context = self.browser.new_context()
        self.page = self.context.new_page()
        self.page.goto(self.url, wait_until="load")
        self.page.wait_for_function("() => document.getElementById('state').textContent === 'ready'", timeout=60_000)
        return self

    def ask(self, query: str, top: int = 1, timeout_s: float = 60):
        try:
            return self.page.evaluate(f"""(args) => Promise.race([({_ASK})(args),
                new Promise((r) => setTimeout(() => r(null), {int(timeout_s * 1000)}))])""", [query, top])
        except Exception:  # noqa: BLE001 - a crashed tab is a result too
            return None

    def __exit__(self, *exc):
        self.context.close()
        self._serving.__exit__(*exc)


def measure_pagefind(bundle_dir: Path, queries: list[str], base: str = "/tdkt/", timeout_s: float = 60,
                     browser=None) -> dict:
    """Pagefind measured like measure_search: the cold first query, then each query with and
    without tone marks; bytes as sent (everything under pagefind/ since the page opened, for the
    first query), times in the page."""
    with _browser(browser) as launched, PagefindPage(bundle_dir, launched, base) as pf:
        measured = []
        for query in queries:
            for form in (query, fold(query)):
                mark = len(pf.log)
                answer = pf.ask(form, 1, timeout_s)
                ms, count = (answer[0], answer[1]) if answer else (None, None)
                measured.append({"query": form, "ms": None if ms is None else round(ms, 1), "count": count,
                                 "bytes": sum(b for _, b in pf.log[mark:])})
                if len(measured) == 1:
                    measured[0]["bytes"] = sum(b for p, b in pf.log if p.startswith("pagefind/"))
        rows = []
        for i, query in enumerate(queries):
            toned, toneless = measured[2 * i], measured[2 * i + 1]
            rows.append({"query": query, "ms": toned["ms"], "ms_toneless": toneless["ms"], "count": toned["count"],
                         "count_toneless": toneless["count"], "bytes": toned["bytes"] + toneless["bytes"]})
    out = _summary(measured[0], measured[1:], rows)
    out["engine"] = "Pagefind"
    return out


def pagefind_baseline(site_dir: Path, queries: list[str], work: Path, browser=None) -> dict:
    """Index the site's article pages with Pagefind and measure it: what scripts/bench.py reports
    (first query ms and bytes, p50, p95, the index's bytes and build seconds)."""
    built = build_pagefind(site_dir, Path(work) / "pagefind-site")
    result = measure_pagefind(built["dir"], queries, browser=browser)
    result.update(index_bytes=built["index_bytes"], index_files=built["index_files"], build_s=built["build_s"])
    return result
