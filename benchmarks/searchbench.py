"""Measure search in the browser: tdkt's static index against Material's lunr search, same corpus
(Pagefind, the second baseline, is measured the same way in benchmarks/pagefindbench.py).

Both run in Debian's Chromium (Playwright) against the site served on 127.0.0.1 under a Pages-like
sub-path, by a server that gzips text types as GitHub Pages does and counts the bytes it sends, so
"bytes fetched" is what went over the wire. Times are taken inside the page (performance.now()),
from submitting the query to the first result on screen.

Also here: a synthetic corpus made by varying the sample articles (so a benchmark can run at
N = 1,000 .. 20,000 without real data), which the tests and scripts/bench.py share.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tdkt.model import UNIT_LEVELS
from tdkt.taxonomy import AWARD_TYPES
from tdkt.text import fold, normalize, slugify

# A fixed list of what readers ask: places, awards, officials, common words; each is measured as
# typed with tone marks and again without them (the counts must agree).
DEFAULT_QUERIES = [
    "Hồng Lĩnh",
    "Đồ Sơn",
    "Quỳnh Phụ",
    "Duy Tiên",
    "Minh Long",
    "khen thưởng",
    "thi đua",
    "huyện",
    "Huân chương Lao động hạng Nhì",
    "Bằng khen của Thủ tướng Chính phủ",
    "Cờ thi đua",
    "Chiến sĩ thi đua cơ sở",
    "Tập thể lao động xuất sắc",
    "giấy khen",
    "Nguyễn Huy Hùng",
    "Trần Khắc Kiên",
    "Phạm Thị Thu Hà",
    "Đinh Văn Điết",
    '"phong trào thi đua yêu nước"',
    "năm 2023",
]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_TEXT_TYPES = {".html", ".js", ".css", ".json", ".txt", ".xml", ".svg", ".map", ".csv"}


# ---------------------------------------------------------------- synthetic corpus

def sample_records(corpus_dir: Path) -> list[dict]:
    """Crude article records from the corpus's .txt files: title = first headline-like paragraph.

    Only for benchmarks and tests that need text, before (or without) the extractor: the facet
    fields stay empty, `synthetic_records` fills them.
    """
    records = []
    for path in sorted(Path(corpus_dir).glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8", errors="replace"))
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        title = next((p for p in paragraphs if 8 <= len(p.split()) <= 40), paragraphs[0] if paragraphs else "")
        body = "\n\n".join(p for p in paragraphs if p != title and len(p.split()) >= 4)
        records.append({"id": path.stem, "source": str(path), "title": title, "body": body,
                        "unit": {"name": "", "level": None}, "province": {"name": "", "current": ""},
                        "awards": [], "officials": [], "event_date": None, "published_date": None,
                        "reviewed_year": None, "campaign_year": None})
    return records


@functools.cache
def _districts() -> list[tuple[str, str, str]]:
    """(unit kind, district name, province name) from the gazetteer, e.g. ("huyện", "Quỳnh Phụ", "Thái Bình")."""
    from vietnam_provinces.legacy import District, Province

    provinces = {p.code: re.sub(r"^(Tỉnh|Thành phố)\s+", "", p.name) for p in Province.iter_all()}
    found = []
    for district in District.iter_all():
        match = re.match(r"^(Huyện|Quận|Thị xã|Thành phố)\s+(.+)$", district.name)
        if match and district.province_code in provinces:
            found.append((match.group(1).lower(), match.group(2), provinces[district.province_code]))
    return sorted(found)


_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
             "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Lâm", "Mai", "Trịnh", "Cao", "Tạ", "Lương"]
_MIDDLES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Ngọc", "Thanh", "Xuân", "Kim", "Khắc", "Huy",
            "Trọng", "Thu", "Hồng", "Bá", "Công", "Đình", "Tiến", "Quốc"]
_GIVENS = ["Hùng", "Dũng", "Hà", "Lan", "Sơn", "Tùng", "Hương", "Kiên", "Điết", "Vinh", "Long", "Bình",
           "Tâm", "Thảo", "Nga", "Phúc", "Quyền", "Đông", "Hải", "Yến", "Trang", "Nhiễm", "Xá", "Thắng",
           "Hạnh", "Cường", "Đạt", "Linh", "Phương", "Toàn", "Khoa", "Lộc", "Mạnh", "Nam", "Oanh"]
_TITLES = ["Chủ tịch UBND", "Phó Chủ tịch UBND", "Bí thư", "Phó Bí thư", "Trưởng phòng Nội vụ",
           "Chủ tịch HĐND", "Trưởng Ban Thi đua - Khen thưởng"]


def synthetic_records(base: list[dict], n: int, seed: int = 1) -> list[dict]:
    """N article records made by varying `base`: a generated opening (place, date, officials, awards)
    before a random part of a base article's body. Deterministic for a given seed.

    Place names come from the real gazetteer and people's names from common name parts, so like a
    real archive the common syllables are everywhere and multi-syllable names are rare.
    """
    rng = random.Random(seed)
    districts = _districts()
    award_ids = list(AWARD_TYPES)
    records = []
    for i in range(n):
        source = base[i % len(base)]
        kind, district, province = districts[rng.randrange(len(districts))]
        year = rng.randint(2012, 2025)
        people = [f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLES)} {rng.choice(_GIVENS)}" for _ in range(3)]
        awards = rng.sample(award_ids, rng.randint(1, 4))
        day = rng.randint(5, 28)
        opening = (
            f"Sáng ngày {day}/01/{year + 1}, UBND {kind} {district} tổ chức Hội nghị tổng kết công tác thi đua, "
            f"khen thưởng năm {year}, phát động phong trào thi đua năm {year + 1}. Dự hội nghị có đồng chí "
            f"{people[0]}, {rng.choice(_TITLES)} tỉnh {province}; đồng chí {people[1]}, {rng.choice(_TITLES)} "
            f"{kind} {district} chủ trì hội nghị.\n\n"
            f"Dịp này, {kind} {district} đã trao tặng "
            + ", ".join(AWARD_TYPES[a] for a in awards)
            + f" cho các tập thể, cá nhân có thành tích xuất sắc. Đồng chí {people[2]} phát biểu chỉ đạo."
        )
        paragraphs = source["body"].split("\n\n")
        keep = rng.randint(max(1, len(paragraphs) // 2), len(paragraphs))
        body = opening + "\n\n" + "\n\n".join(paragraphs[:keep])
        title = rng.choice([
            f"{district}: Tổng kết công tác thi đua, khen thưởng năm {year}",
            f"{kind.capitalize()} {district} tổng kết phong trào thi đua yêu nước năm {year}",
            f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {year} của {kind} {district}",
            source["title"],
        ])
        slug = slugify(title, 60)
        records.append({
            "id": f"syn{i:06d}", "source": source.get("source"), "url": None, "title": title,
            "event_date": f"{year + 1}-01-{day:02d}", "published_date": f"{year + 1}-01-{day:02d}",
            "unit": {"name": f"UBND {kind} {district}", "level": rng.choice(UNIT_LEVELS[:5])},
            "province": {"name": province, "current": province},
            "reviewed_year": year, "campaign_year": year + 1,
            "awards": [{"type": a, "label": AWARD_TYPES[a], "detail": None, "grade": None, "authority": None,
                        "status": "given", "collectives": None, "individuals": None, "households": None,
                        "organizations": None} for a in awards],
            "officials": [{"name": p, "title": None} for p in people], "author": None,
            "body": body, "warnings": [], "page": f"bai-viet/{year}/{slug}-{i}/",
        })
    return records


# ---------------------------------------------------------------- serving like GitHub Pages

class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under a sub-path, gzipping text types and caching for 10 minutes as Pages
    does, and logs (path, bytes sent) of every response so a benchmark can add up the wire bytes."""

    protocol_version = "HTTP/1.1"  # keep-alive, as any real static host
    # headers and body go out as two writes: with Nagle's algorithm on, the body of a small
    # response waits for the client's delayed ACK (~40 ms) and the benchmark would time the kernel
    disable_nagle_algorithm = True

    def __init__(self, *args, directory: str, prefix: str, log: list, lock: threading.Lock, cache: dict, **kwargs):
        self.prefix, self.log, self.lock, self.cache = prefix, log, lock, cache
        super().__init__(*args, directory=directory, **kwargs)

    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        file = None
        if path.startswith(self.prefix):
            candidate = Path(self.directory, path[len(self.prefix):])
            if candidate.is_dir():
                candidate = candidate / "index.html"
            root = Path(self.directory).resolve()
            if candidate.is_file() and candidate.resolve().is_relative_to(root):
                file = candidate
        status = 200
        if file is None:
            status, file = 404, Path(self.directory) / "404.html"
        ctype = self.guess_type(str(file))
        gzipped = file.suffix in _TEXT_TYPES and "gzip" in self.headers.get("Accept-Encoding", "")
        key = (str(file), gzipped)
        body = self.cache.get(key)
        if body is None:  # a CDN compresses a file once, not per request
            body = file.read_bytes() if file.is_file() else b"not found"
            if gzipped:
                body = gzip.compress(body, 6, mtime=0)
            self.cache[key] = body
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)
        with self.lock:
            self.log.append((path.removeprefix(self.prefix), len(body)))

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve_pages(site_dir: Path, base: str = "/tdkt/") -> Iterator[tuple[str, list]]:
    """Serve site_dir at http://127.0.0.1:<port><base>; yields (base URL, response log)."""
    log: list[tuple[str, int]] = []
    handler = functools.partial(_PagesHandler, directory=str(site_dir), prefix=base, log=log,
                                lock=threading.Lock(), cache={})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}", log
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# ---------------------------------------------------------------- measuring in Chromium

@contextlib.contextmanager
def _browser(browser=None):
    """The given Playwright browser, or Debian's Chromium launched for the measurement."""
    if browser is not None:
        yield browser
        return
    manager, launched = _chromium()
    try:
        yield launched
    finally:
        launched.close()
        manager.stop()


def _chromium():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("TDKT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    manager = sync_playwright().start()
    browser = manager.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
    return manager, browser


# Resolves with [ms since window.__tdktT0, result count, state] once the first result for the query
# is on screen.
_WAIT_TDKT = """(q) => new Promise((resolve) => {
  const list = document.querySelector("[data-tdkt-results]");
  const check = () => {
    // the first result on screen (results are drawn one by one), or the end of a search with none
    const first = list.dataset.total && list.querySelector("li");
    if (window.__tdktT0 != null && list.dataset.query === q && (first || list.dataset.state === "done" || list.dataset.state === "error")) {
      resolve([performance.now() - window.__tdktT0, Number(list.dataset.total || 0), list.dataset.state]);
      return true;
    }
    return false;
  };
  if (!check()) new MutationObserver((_, obs) => { if (check()) obs.disconnect(); })
    .observe(list, { attributes: true, childList: true });
})"""

_WAIT_LUNR = """() => new Promise((resolve) => {
  const words = JSON.parse(document.getElementById("__config").textContent).translations || {};
  const none = words["search.result.none"];
  const check = () => {
    const items = document.querySelectorAll(".md-search-result__item").length;
    const meta = document.querySelector(".md-search-result__meta");
    const text = meta ? meta.textContent.trim() : "";
    const number = /(\\d[\\d.,]*)/.exec(text);
    if (items > 0 && number) {
      resolve([performance.now() - (window.__tdktT0 ?? window.__tdktTyped), Number(number[1].replace(/[.,]/g, "")), "done"]);
      return true;
    }
    if (items === 0 && none && text === none) {
      resolve([performance.now() - (window.__tdktT0 ?? window.__tdktTyped), 0, "done"]);
      return true;
    }
    return false;
  };
  if (!check()) new MutationObserver((_, obs) => { if (check()) obs.disconnect(); })
    .observe(document.body, { subtree: true, childList: true, characterData: true });
})"""


def _is_search_bytes(path: str) -> bool:
    return path.startswith(("tim-kiem/index/", "assets/search/", "search/", "assets/javascripts/workers/",
                            "assets/javascripts/lunr/"))


def _summary(cold: dict, later: list[dict], queries: list[dict]) -> dict:
    times = sorted(q["ms"] for q in later if q["ms"] is not None)

    def pct(p):
        if not times:
            return None
        return round(times[min(len(times) - 1, max(0, round(p / 100 * len(times) + 0.5) - 1))], 1)

    return {
        "first_query_ms": cold["ms"], "first_query_bytes": cold["bytes"],
        "p50_ms": round(statistics.median(times), 1) if times else None, "p95_ms": pct(95),
        "max_ms": times[-1] if times else None,
        "later_bytes_total": sum(q["bytes"] for q in later),
        "queries": queries,
        "recall_equal": all(q["count"] == q["count_toneless"] for q in queries),
    }


def _settle(page, log: list, timeout_s: float, quiet_ms: int = 500) -> None:
    """Wait until the server has sent nothing for `quiet_ms` (the log is written by its thread)."""
    for _ in range(max(1, int(timeout_s * 1000 / quiet_ms))):
        seen = len(log)
        page.wait_for_timeout(quiet_ms)
        if len(log) == seen:
            return


def _run_queries(page, log, queries, ask, timeout_s) -> tuple[dict, list[dict], list[dict]]:
    measured = []
    for query in queries:
        for form in (query, fold(query)):
            mark = len(log)
            ms, count, state = ask(form, timeout_s)
            measured.append({"query": form, "ms": None if ms is None else round(ms, 1), "count": count,
                             "state": state, "bytes": sum(b for p, b in log[mark:]),
                             "search_bytes": sum(b for p, b in log[mark:] if _is_search_bytes(p))})
            if len(measured) == 1:  # the cold query: every search byte since the page was opened
                # including the facet columns the page fetches right after the first results: counted
                # only when they happened to arrive before the sum, the figure varied by their size
                # (at 50,000 articles, 66 KB or 200 KB between two runs of the same build)
                _settle(page, log, timeout_s)
                measured[0]["bytes"] = sum(b for p, b in log if _is_search_bytes(p))
    rows = []
    for i, query in enumerate(queries):
        toned, toneless = measured[2 * i], measured[2 * i + 1]
        rows.append({"query": query, "ms": toned["ms"], "ms_toneless": toneless["ms"], "count": toned["count"],
                     "count_toneless": toneless["count"], "bytes": toned["bytes"] + toneless["bytes"]})
    return measured[0], measured[1:], rows


def measure_search(site_dir: Path, queries: list[str] | None = None, base: str = "/tdkt/",
                   timeout_s: float = 60, browser=None) -> dict:
    """tdkt's search in Chromium: the cold first query on a fresh page, then each query typed with
    and without tone marks. Times from submit to results on screen; bytes as sent on the wire."""
    queries = list(queries or DEFAULT_QUERIES)
    with _browser(browser) as browser, serve_pages(Path(site_dir), base) as (url, log):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "tim-kiem/", wait_until="load")
        page_bytes = sum(b for p, b in log)

        def ask(query, timeout):
            # the clock starts when the form is submitted (Enter), not when Playwright starts typing
            page.evaluate(f"""(q) => {{
                window.__tdktT0 = null;
                window.addEventListener("submit", () => {{ window.__tdktT0 = performance.now(); }},
                                        {{ capture: true, once: true }});
                window.__tdktWait = ({_WAIT_TDKT})(q); }}""", query)
            page.fill("#tdkt-q", query)
            page.press("#tdkt-q", "Enter")
            result = _await(page, timeout)
            return result if result else (None, None, "timeout")

        cold, later, rows = _run_queries(page, log, queries, ask, timeout_s)
        context.close()
    out = _summary(cold, later, rows)
    out.update(engine="tdkt", page_bytes=page_bytes, docs=_doc_count(site_dir))
    return out


def _await(page, timeout_s):
    """What window.__tdktWait resolves to, or None after timeout_s."""
    try:
        return page.evaluate(f"""() => Promise.race([window.__tdktWait, new Promise(r => setTimeout(() => r(null),
                                 {int(timeout_s * 1000)}))])""")
    except Exception:  # noqa: BLE001 - a crashed tab is a result too
        return None


def _doc_count(site_dir: Path) -> int | None:
    meta = Path(site_dir) / "tim-kiem" / "index" / "meta.json"
    if meta.is_file():
        return json.loads(meta.read_text(encoding="utf-8"))["docs"]
    return None


def measure_lunr(site_dir: Path, queries: list[str] | None = None, base: str = "/tdkt/",
                 timeout_s: float = 120, browser=None) -> dict:
    """Material's lunr search on a site built by build_lunr_baseline, measured like measure_search:
    the query is typed into Material's search box as soon as the home page is interactive."""
    queries = list(queries or DEFAULT_QUERIES)
    with _browser(browser) as browser, serve_pages(Path(site_dir), base) as (url, log):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url, wait_until="domcontentloaded")
        box = ".md-search__input"

        def ask(query, timeout):
            # clear first, so that the last query's results are not taken for this one's
            page.fill(box, "")
            page.press(box, "End")
            page.wait_for_function("() => !document.querySelector('.md-search-result__item')", timeout=30_000)
            # the clock starts at the keyup Material searches on, not when Playwright starts typing.
            # Material may also search before that keyup (on focus, or when its worker becomes ready
            # with the query already typed); then the clock starts when the typing began
            page.evaluate(f"""() => {{
                window.__tdktT0 = null;
                window.__tdktTyped = performance.now();
                window.addEventListener("keyup", () => {{ if (window.__tdktT0 == null) window.__tdktT0 = performance.now(); }},
                                        {{ capture: true, once: true }});
                window.__tdktWait = ({_WAIT_LUNR})(); }}""")
            page.fill(box, query)
            page.press(box, "End")  # Material searches on keyup
            result = _await(page, timeout)
            return result if result else (None, None, "timeout")

        page.wait_for_selector(box, state="attached")
        page.click(box)
        cold, later, rows = _run_queries(page, log, queries, ask, timeout_s)
        page_bytes = sum(b for p, b in log if not _is_search_bytes(p))
        context.close()
    out = _summary(cold, later, rows)
    out.update(engine="lunr (Material)", page_bytes=page_bytes)
    return out


def build_lunr_baseline(project_dir: Path, out_dir: Path) -> Path:
    """Build the project's docs/ with Material's own search plugin on (lunr) into out_dir.

    A copy of mkdocs.yml with `search` in the plugins and without the theme overrides that replace
    Material's search box; the docs (already rendered by `tdkt build`) are used as they are.
    """
    project_dir = Path(project_dir).resolve()
    out_dir = Path(out_dir).resolve()
    config = (project_dir / "mkdocs.yml").read_text(encoding="utf-8")
    overrides = out_dir.parent / (out_dir.name + "-overrides")
    shutil.rmtree(overrides, ignore_errors=True)
    source = project_dir / "overrides"
    if source.is_dir():
        shutil.copytree(source, overrides)
    else:
        overrides.mkdir(parents=True)
    for name in ("partials/header.html", "main.html"):  # our search box; a config block lunr needs
        (overrides / name).unlink(missing_ok=True)
    config = re.sub(r"(?m)^plugins:\s*\[\]\s*$", "plugins:\n  - search", config)
    if not re.search(r"(?m)^\s+- search\s*$", config):
        config = re.sub(r"(?m)^plugins:\s*$", "plugins:\n  - search", config, count=1)
    config = re.sub(r"(?m)^(\s*)custom_dir:.*$", lambda m: f"{m.group(1)}custom_dir: {overrides}", config)
    lunr_config = project_dir / ".mkdocs-lunr.yml"
    lunr_config.write_text(config, encoding="utf-8")
    try:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(lunr_config), "-d", str(out_dir)],
                       cwd=project_dir, check=True)
    finally:
        lunr_config.unlink(missing_ok=True)
    return out_dir
