"""The search page in Debian's Chromium, served under /tdkt/ as GitHub Pages serves a project site.

The site here is the search page itself (docs/tim-kiem.md's markup in a bare HTML page), its JS and
CSS, and an index built by tdkt.search.index from the sample articles plus a synthetic corpus made from
them; expected answers come from the records through tdkt.search.index's own reader, never typed in.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tdkt.search.index import IndexReader, build_index
from benchmarks.searchbench import measure_search, sample_records, synthetic_records
from tdkt.text import fold, slugify
from tests.browser import serve_site

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser

# The untoned twin is newer, so only the exact-accent rule can put the toned one first.
ACCENT_PAIR = [
    ("Hội nghị thi đua ở phường Vũng Chùa, Đồ Sơn", "2024-01-10", "bai-viet/2023/vung-chua-toned/"),
    ("Hoi nghi thi dua o phuong Vung Chua, Do Son", "2024-02-10", "bai-viet/2023/vung-chua-untoned/"),
]


def _records() -> list[dict]:
    base = sample_records(ROOT / "corpus")
    records = synthetic_records(base, 150, seed=7)
    for i, record in enumerate(base):
        record["page"] = f"bai-viet/mau/{slugify(record['title'], 50)}-{i}/"
        records.append(record)
    for title, date, page_url in ACCENT_PAIR:
        records.append({**records[0], "id": page_url, "title": title, "body": title + ". " + records[0]["body"],
                        "event_date": date, "published_date": date, "page": page_url})
    return records


def _search_page_html() -> str:
    """docs/tim-kiem.md's markup (front matter and heading dropped) in a bare HTML page."""
    text = (ROOT / "docs" / "tim-kiem.md").read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    body = re.sub(r"^# .*$", "", body, count=1, flags=re.M)
    return f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tìm kiếm</title></head>' \
           f'<body><main><h1>Tìm kiếm</h1>{body}</main></body></html>'


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    (site / "tim-kiem").mkdir()
    (site / "tim-kiem" / "index.html").write_text(_search_page_html(), encoding="utf-8")
    build_index(_records(), site)  # with the browser module it ships (assets/search/)
    return site


@pytest.fixture(scope="module")
def served(search_site):
    with serve_site(search_site) as base:
        yield base


@pytest.fixture(scope="module")
def reader(search_site) -> IndexReader:
    return IndexReader(search_site)


def _wait_done(page, query: str):
    page.wait_for_selector(f"[data-tdkt-results][data-state=done]", timeout=15_000)
    results = page.locator("[data-tdkt-results]")
    assert results.get_attribute("data-query") == query
    return int(results.get_attribute("data-total"))


def _open(page, served, **params) -> int:
    page.goto(served + "tim-kiem/?" + urlencode(params, doseq=True))
    return _wait_done(page, params["q"])


def _wait_for_total(page, total: int):
    page.wait_for_function("(t) => { const r = document.querySelector('[data-tdkt-results]');"
                           " return r.dataset.state === 'done' && r.dataset.total === t; }", arg=str(total))


def _shown_ids(page) -> list[int]:
    return [int(x) for x in page.locator("li.tdkt-result").evaluate_all("els => els.map(e => e.dataset.id)")]


@pytest.mark.parametrize("toned", ["Hồng Lĩnh", "Đồ Sơn", "khen thưởng", "Huân chương Lao động hạng Nhì"])
def test_a_query_without_tone_marks_finds_what_the_toned_one_finds(page, served, reader, toned):
    toneless = fold(toned)
    # by date, so that the exact-accent rule (which only the toned query triggers) leaves the order alone
    total_toned = _open(page, served, q=toned, sort="date")
    ids_toned = _shown_ids(page)
    total_toneless = _open(page, served, q=toneless, sort="date")
    assert total_toned == total_toneless == len(reader.find(toned)) > 0
    assert _shown_ids(page) == ids_toned == reader.find(toned)[: len(ids_toned)]
    # the match is highlighted in the reader's own spelling
    marks = page.locator("li.tdkt-result mark").all_inner_texts()
    assert marks and all(set(fold(m).split()) <= set(toneless.lower().split()) for m in marks)
    assert not page.tdkt_errors and not page.tdkt_external


def test_typing_a_query_and_pressing_enter_shows_results_and_announces_them(page, served):
    page.goto(served + "tim-kiem/")
    box = page.get_by_label(re.compile("Tìm trong các bài viết"))
    box.fill("do son")
    box.press("Enter")
    total = _wait_done(page, "do son")
    assert total > 0
    status = page.locator("[data-tdkt-status]")
    assert status.get_attribute("aria-live") == "polite"
    assert f"{total:,}".replace(",", ".") in status.inner_text()
    assert "q=do+son" in page.url
    # results are reachable by keyboard: the first headline link takes focus on Tab
    first_link = page.locator("li.tdkt-result a").first
    first_link.focus()
    assert page.evaluate("document.activeElement.tagName") == "A"


def test_a_quoted_phrase_matches_as_a_phrase(page, served, reader):
    loose = _open(page, served, q="lao dong hang nhi")
    phrase = _open(page, served, q='"lao động hạng nhì"')
    assert phrase == len(reader.find('"lao dong hang nhi"')) > 0
    assert phrase <= loose
    for snippet_text in page.locator("li.tdkt-result .tdkt-result__snippet").all_inner_texts():
        assert "lao dong hang nhi" in " ".join(re.findall(r"\w+", fold(snippet_text)))


def test_an_exact_accent_match_ranks_first(page, served):
    _open(page, served, q="Vũng Chùa Đồ Sơn")
    titles = page.locator("li.tdkt-result h2").all_inner_texts()
    assert titles[:2] == [ACCENT_PAIR[0][0], ACCENT_PAIR[1][0]]
    _open(page, served, q="vung chua do son")  # no tone marks typed: the newer one first
    assert page.locator("li.tdkt-result h2").all_inner_texts()[:2] == [ACCENT_PAIR[1][0], ACCENT_PAIR[0][0]]


def test_a_province_facet_narrows_the_results_to_its_count(page, served):
    total = _open(page, served, q="khen thuong")
    option = page.locator("[data-facet=tinh] label").first
    label = option.inner_text()
    count = int(re.search(r"\((\d+)\)", label).group(1))
    assert 0 < count < total
    province = re.sub(r"\s*\(\d+\)\s*$", "", label).strip()
    option.locator("input").check()
    _wait_for_total(page, count)
    assert "tinh=" + slugify(province) in page.url
    metas = page.locator("li.tdkt-result .tdkt-result__meta").all_inner_texts()
    assert metas and all(meta.endswith(province) for meta in metas)
    # back goes to the unfiltered search
    page.go_back()
    _wait_for_total(page, total)
    assert "tinh=" not in page.url


def test_the_url_holds_the_search_so_it_can_be_shared(page, served, chromium):
    total = _open(page, served, q="khen thuong", sort="date")
    option = page.locator("[data-facet=nam] input").first
    year = option.get_attribute("value")
    option.check()
    page.wait_for_function("(t) => { const r = document.querySelector('[data-tdkt-results]');"
                           " return r.dataset.state === 'done' && r.dataset.total !== t; }", arg=str(total))
    shared_url, ids = page.url, _shown_ids(page)
    assert f"nam={year}" in shared_url and "sort=date" in shared_url
    assert ids == sorted(ids)  # by date = id order, newest first
    other = chromium.new_context().new_page()
    try:
        other.goto(shared_url)
        _wait_done(other, "khen thuong")
        assert _shown_ids(other) == ids
        assert other.locator(f"[data-facet=nam] input[value='{year}']").is_checked()
        assert other.locator("select[name=sort]").input_value() == "date"
    finally:
        other.context.close()


def test_everything_stays_under_the_sub_path(page, served):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    _open(page, served, q="Hồng Lĩnh")
    hrefs = page.locator("li.tdkt-result a").evaluate_all("els => els.map(e => e.href)")
    assert hrefs and all(h.startswith(served + "bai-viet/") for h in hrefs)
    assert requested and all(url.startswith(served) for url in requested)
    assert any("/tim-kiem/index/t/" in url for url in requested)
    assert not page.tdkt_external


def test_article_text_is_shown_as_text_never_as_markup(tmp_path, page):
    records = synthetic_records(sample_records(ROOT / "corpus"), 3, seed=3)
    records[0]["title"] = 'Khen thưởng <img src=x onerror="window.pwned=1"> <b>đậm</b>'
    records[0]["body"] = "<script>window.pwned=1</script> khen thưởng " + records[0]["body"]
    (tmp_path / "tim-kiem").mkdir()
    (tmp_path / "tim-kiem" / "index.html").write_text(_search_page_html(), encoding="utf-8")
    build_index(records, tmp_path)
    with serve_site(tmp_path) as base:
        page.goto(base + "tim-kiem/?q=img+onerror")
        _wait_done(page, "img onerror")
        assert page.locator("li.tdkt-result h2").first.inner_text().startswith("Khen thưởng <img")
        assert page.locator("li.tdkt-result img, li.tdkt-result b, li.tdkt-result script").count() == 0
        assert page.evaluate("window.pwned") is None


# ---------------------------------------------------------------- on the real site (`tdkt build` of corpus/)

def test_the_header_box_leads_to_the_search_page_and_a_result_to_its_article(page, served_site, sample_site):
    page.goto(served_site)
    # the box's styles and magnifier come from the site's stylesheet, not inline in every page
    assert page.locator("header style, .tdkt-header-search svg").count() == 0
    drawn = page.evaluate("""() => {
        const icon = getComputedStyle(document.querySelector('.tdkt-header-search button'), '::before');
        const label = document.querySelector('.tdkt-header-search__label').getBoundingClientRect();
        return [parseFloat(icon.width), icon.maskImage || icon.webkitMaskImage, label.width];
    }""")
    assert drawn[0] > 10 and "svg" in drawn[1] and drawn[2] <= 1
    page.fill("#tdkt-header-q", "do son")
    page.press("#tdkt-header-q", "Enter")
    page.wait_for_url(re.compile(r"/tdkt/tim-kiem/\?q=do\+son$"))
    total = _wait_done(page, "do son")
    assert total == len(IndexReader(sample_site.site).find("Đồ Sơn")) > 0
    link = page.locator("li.tdkt-result a").first
    headline = link.inner_text()
    with page.expect_navigation() as navigation:
        link.click()
    response = navigation.value
    assert response.status == 200 and response.url.startswith(served_site + "bai-viet/")
    assert page.locator("h1").first.inner_text().strip() == headline.strip()
    assert not page.tdkt_errors and not page.tdkt_external


def test_the_benchmark_measures_bytes_time_and_counts_with_and_without_tone_marks(sample_site, chromium):
    result = measure_search(sample_site.site, ["Hồng Lĩnh", "khen thưởng"], timeout_s=20, browser=chromium)
    assert result["first_query_bytes"] > 0 and result["first_query_ms"] > 0
    assert [q["query"] for q in result["queries"]] == ["Hồng Lĩnh", "khen thưởng"]
    assert all(q["count"] == q["count_toneless"] > 0 for q in result["queries"])
    assert result["recall_equal"] and result["p95_ms"] >= result["p50_ms"] > 0


def test_the_lunr_baseline_is_materials_own_search_on_the_same_pages(sample_site, chromium, tmp_path):
    from benchmarks.searchbench import build_lunr_baseline, measure_lunr

    lunr_site = build_lunr_baseline(sample_site.project, tmp_path / "lunr-site")
    assert (lunr_site / "search" / "search_index.json").is_file()
    home = (lunr_site / "index.html").read_text(encoding="utf-8")
    assert "md-search__input" in home and "tdkt-header-q" not in home
    assert not (sample_site.project / ".mkdocs-lunr.yml").exists()  # the config copy is cleaned up
    result = measure_lunr(lunr_site, ["Hồng Lĩnh"], timeout_s=60, browser=chromium)
    row = result["queries"][0]
    assert row["count"] > 0 and result["first_query_bytes"] > 0
