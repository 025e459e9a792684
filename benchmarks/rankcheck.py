"""Does search put the right article first? A ranking check on real articles (issue 13).

    .venv/bin/python -m benchmarks.rankcheck [--shared ../shared] [--out bench-out/rankcheck]
                                             [--engines tdkt pagefind lunr] [--misses]

The site: the real articles of ../shared/corpus/dev and dev2 built with `tdkt build` in a project
under --out (git-ignored; the articles are third-party text and never enter the repository).
The queries: from the hand labels of those articles (gold.jsonl): officials' names, organising
units and award names (the taxonomy's names of the labelled award types, without the parts in
brackets or after a comma), typed the way people type them: without tone marks, no quotes.
An article is relevant when its headline or text holds the query's words in a row (tone marks and
case aside); a query no article holds in a row is left out (its relevance is undefined).
Measured per engine, in Chromium, on the same article pages: the top result is relevant (top-1), a
relevant article is among the first ten (top-10), the first result's snippet shows the words in a
row (snippet; lunr shows Material's result text).

The queries are split by a fixed rule, the parity of the first byte of sha256(query), into a
tuning half (the one a developer looks at, --misses lists its failures) and a reported half (never
looked at query by query). Both halves are printed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.pagefindbench import PagefindPage, build_pagefind
from benchmarks.searchbench import (
    _WAIT_LUNR,
    _await,
    _browser,
    build_lunr_baseline,
    serve_pages,
)
from tdkt.taxonomy import AWARD_TYPES
from tdkt.text import words

ROOT = Path(__file__).resolve().parents[1]
SETS = ("dev", "dev2")
TOP = 10


# ---------------------------------------------------------------- the site and the queries

def real_articles(shared: Path) -> list[Path]:
    return sorted(p for name in SETS for p in (shared / "corpus" / name / "articles").glob("*.txt"))


def _hand_written_docs() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z", "docs"], cwd=ROOT, capture_output=True, check=True)
    return [ROOT / name for name in listed.stdout.decode().split("\0") if name]


def build_real_site(shared: Path, project: Path) -> Path:
    """`tdkt build` of the real articles in a project of its own; returns the built site."""
    from tdkt.build import build

    shutil.rmtree(project, ignore_errors=True)
    (project / "corpus").mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    for path in _hand_written_docs():
        target = project / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    for article in real_articles(shared):
        shutil.copy2(article, project / "corpus" / article.name)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    build("corpus", "site", project_dir=project, progress=False)
    return project / "site"


def award_query(label: str) -> str:
    """'Lao động tiên tiến (cá nhân)' -> 'Lao động tiên tiến'; 'Cờ thi đua cấp bộ, ngành, tỉnh' -> 'Cờ thi đua cấp bộ'."""
    return re.sub(r"\s*\([^)]*\)", "", label).split(",")[0].strip()


def gold_queries(shared: Path) -> list[dict]:
    """{query (typed: no tone marks), kind, set} from the labels, each query once."""
    found: dict[str, dict] = {}
    for name in SETS:
        for line in (shared / "corpus" / name / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            gold = json.loads(line)
            asked = [("official", o.get("name")) for o in gold.get("officials") or ()]
            asked.append(("unit", gold.get("unit")))
            asked += [("award", award_query(AWARD_TYPES[t])) for t in gold.get("award_types") or () if t in AWARD_TYPES]
            for kind, text in asked:
                typed = " ".join(words(text or ""))
                if len(typed.split()) >= 2 and typed not in found:
                    found[typed] = {"query": typed, "kind": kind, "set": name}
    return sorted(found.values(), key=lambda q: q["query"])


def half_of(query: str) -> str:
    """The fixed split: 'tuning' or 'reported', by the parity of sha256(query)'s first byte."""
    return "tuning" if hashlib.sha256(query.encode("utf-8")).digest()[0] % 2 == 0 else "reported"


def in_a_row(text: str, query: str) -> bool:
    return f" {query} " in f" {' '.join(words(text))} "


def relevance(site: Path, queries: list[dict]) -> dict[str, set[str]]:
    """query -> pages (site-relative, 'bai-viet/.../') whose headline or text hold it in a row."""
    from tdkt.search import IndexReader

    reader = IndexReader(site)
    texts = {}
    for doc_id in reader.order():
        title, page, _date, _unit, _province, _officials, body = reader.doc(doc_id)
        texts[page] = " ".join(words(title)) + " | " + " ".join(words(body))
    return {q["query"]: {page for page, text in texts.items() if in_a_row(text, q["query"])} for q in queries}


def _page_of(url: str) -> str:
    """A result's URL as the site-relative page path it names."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url).split("#")[0].split("?")[0]
    at = path.find("bai-viet/")
    return path[at:] if at >= 0 else path.lstrip("/")


# ---------------------------------------------------------------- the engines

def ask_tdkt(site: Path, queries: list[str], browser) -> dict[str, dict]:
    """tdkt's search page: the first ten results' pages and the first result's snippet."""
    answers = {}
    with serve_pages(site) as (url, _log):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "tim-kiem/", wait_until="load")
        for query in queries:
            page.fill("#tdkt-q", query)
            page.press("#tdkt-q", "Enter")
            page.wait_for_function("(q) => { const r = document.querySelector('[data-tdkt-results]');"
                                   " return r.dataset.query === q && ['done', 'error'].includes(r.dataset.state); }",
                                   arg=query, timeout=60_000)
            while page.locator("li.tdkt-result").count() < TOP and page.locator("[data-tdkt-more]").is_visible():
                before = page.locator("li.tdkt-result").count()
                page.locator("[data-tdkt-more]").click()
                page.wait_for_function("(n) => document.querySelectorAll('li.tdkt-result').length > n", arg=before)
            pages = page.locator("li.tdkt-result").evaluate_all("els => els.map(e => e.dataset.page)")[:TOP]
            snippets = page.locator("li.tdkt-result .tdkt-result__snippet").all_inner_texts()
            answers[query] = {"pages": pages, "snippet": snippets[0] if snippets else ""}
        context.close()
    return answers


def ask_pagefind(bundle: Path, queries: list[str], browser) -> dict[str, dict]:
    answers = {}
    with PagefindPage(bundle, browser) as pf:
        for query in queries:
            answer = pf.ask(query, TOP)
            shown = answer[2] if answer else []
            answers[query] = {"pages": [_page_of(r["url"]) for r in shown],
                              "snippet": re.sub(r"<[^>]+>", "", shown[0]["excerpt"]) if shown else ""}
    return answers


def ask_lunr(site: Path, queries: list[str], browser) -> dict[str, dict]:
    """Material's own search box (lunr) on the same pages: its first ten pages and the first one's text."""
    answers = {}
    with serve_pages(site) as (url, _log):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url, wait_until="domcontentloaded")
        box = ".md-search__input"
        page.wait_for_selector(box, state="attached")
        page.click(box)
        for query in queries:
            page.fill(box, "")
            page.press(box, "End")
            page.wait_for_function("() => !document.querySelector('.md-search-result__item')", timeout=30_000)
            page.evaluate(f"() => {{ window.__tdktT0 = 0; window.__tdktWait = ({_WAIT_LUNR})(); }}")
            page.fill(box, query)
            page.press(box, "End")
            _await(page, 60)
            items = page.locator("li.md-search-result__item > a")
            pages = []
            for href in items.evaluate_all("els => els.map(e => e.href)"):
                if _page_of(href) not in pages:
                    pages.append(_page_of(href))
            # the text Material shows under the first result's headline (the page's opening)
            snippet = page.evaluate("""() => { const a = document.querySelector('li.md-search-result__item > a article');
                if (!a) return ''; const c = a.cloneNode(true); c.querySelectorAll('h1, nav').forEach((e) => e.remove());
                return c.textContent; }""")
            answers[query] = {"pages": pages[:TOP], "snippet": snippet}
        context.close()
    return answers


# ---------------------------------------------------------------- scoring and the table

def score(answers: dict[str, dict], relevant: dict[str, set[str]], queries: list[str]) -> dict:
    top1 = top10 = snippet = 0
    misses = []
    for query in queries:
        pages = answers[query]["pages"]
        good = relevant[query]
        hit1 = bool(pages) and pages[0] in good
        hit10 = any(p in good for p in pages[:TOP])
        shown = in_a_row(answers[query]["snippet"], query)
        top1, top10, snippet = top1 + hit1, top10 + hit10, snippet + shown
        if not (hit1 and hit10 and shown):
            misses.append({"query": query, "top1": hit1, "top10": hit10, "snippet": shown, "first": pages[:1]})
    n = len(queries) or 1
    return {"queries": len(queries), "top1": top1 / n, "top10": top10 / n, "snippet": snippet / n, "misses": misses}


def table(results: dict[str, dict[str, dict]]) -> str:
    lines = ["| engine | half | queries | top result relevant | relevant in the first 10 | first snippet shows the words in a row |",
             "|---|---|---:|---:|---:|---:|"]
    for engine, halves in results.items():
        for half in ("tuning", "reported"):
            s = halves[half]
            snippet = f"{s['snippet']:.3f}"
            lines.append(f"| {engine} | {half} | {s['queries']} | {s['top1']:.3f} | {s['top10']:.3f} | {snippet} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out" / "rankcheck")
    parser.add_argument("--engines", nargs="+", default=["tdkt", "pagefind", "lunr"], choices=["tdkt", "pagefind", "lunr"])
    parser.add_argument("--misses", action="store_true", help="list the tuning half's failures (never the reported half's)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    if not (args.shared / "corpus" / "dev" / "gold.jsonl").is_file():
        print(f"rankcheck: no labelled real articles under {args.shared}/corpus (dev, dev2): nothing to check")
        return 0
    out = args.out.resolve()
    site = build_real_site(args.shared, out / "project")
    queries = gold_queries(args.shared)
    relevant = relevance(site, queries)
    queries = [q for q in queries if relevant[q["query"]]]
    halves = {h: [q["query"] for q in queries if half_of(q["query"]) == h] for h in ("tuning", "reported")}
    all_queries = [q["query"] for q in queries]
    results = {}
    with _browser() as browser:
        for engine in args.engines:
            if engine == "tdkt":
                answers = ask_tdkt(site, all_queries, browser)
            elif engine == "pagefind":
                answers = ask_pagefind(build_pagefind(site, out / "pagefind")["dir"], all_queries, browser)
            else:
                answers = ask_lunr(build_lunr_baseline(out / "project", out / "lunr-site"), all_queries, browser)
            results[engine] = {h: score(answers, relevant, qs) for h, qs in halves.items()}
    print(f"{len(real_articles(args.shared))} real articles (dev, dev2), {len(all_queries)} queries with a relevant "
          f"article ({sum(q['kind'] == 'official' for q in queries)} officials, {sum(q['kind'] == 'unit' for q in queries)} units, "
          f"{sum(q['kind'] == 'award' for q in queries)} awards), typed without tone marks")
    print(table(results))
    print("command: .venv/bin/python -m benchmarks.rankcheck " + " ".join(sys.argv[1:] if argv is None else argv))
    if args.misses:
        for engine, halves_scored in results.items():
            for miss in halves_scored["tuning"]["misses"]:
                print(f"tuning miss [{engine}]: {miss}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
