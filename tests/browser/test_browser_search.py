"""The search page in Debian's Chromium, served under /tdkt/ as GitHub Pages serves a project site.

The site here is the search page itself (docs/tim-kiem.md's markup in a bare HTML page), its JS and
CSS, and an index built by tdkt.search from the sample articles, a synthetic corpus made from them
and a few invented articles written for one behaviour each; expected answers come from the records
through tdkt.search's own reader, never typed in. The real site (`tdkt build` of corpus/) is at the end.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest

from benchmarks.searchbench import measure_search, sample_records, synthetic_records
from tdkt.search import IndexReader, build_index
from tdkt.taxonomy import CENTRAL_PROVINCE_GROUP
from tdkt.text import fold, slugify, words
from tests.browser import serve_site

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser

# The untoned twin is newer, so only the exact-accent rule can put the toned one first.
ACCENT_PAIR = [
    ("Hội nghị thi đua ở phường Vũng Chùa, Đồ Sơn", "2024-01-10", "bai-viet/2023/vung-chua-toned/"),
    ("Hoi nghi thi dua o phuong Vung Chua, Do Son", "2024-02-10", "bai-viet/2023/vung-chua-untoned/"),
]
FILLER = "Các phong trào thi đua được triển khai rộng khắp, tạo khí thế sôi nổi trong cán bộ và nhân dân.\n\n"


def _invented(key: str, title: str | None, body: str, date: str, **more) -> dict:
    return {"id": key, "source": None, "url": None, "title": title, "event_date": date, "published_date": date,
            "unit": {"name": "UBND huyện Phù Mỹ", "level": "district"}, "province": {"name": "Bình Định", "current": "Gia Lai"},
            "province_scope": "province", "reviewed_year": int(date[:4]) - 1, "campaign_year": int(date[:4]),
            "awards": [], "officials": [], "author": None, "warnings": [], "body": body,
            "page": f"bai-viet/moi/{key}/", **more}


# Invented articles, one behaviour each (names and places chosen to occur nowhere else).
INVENTED = [
    # the phrase only far down the body: the snippet must come from there
    _invented("sau", "Hội nghị tổng kết năm 2023 của huyện Phù Mỹ",
              FILLER * 60 + "Dịp này, Chủ tịch nước tặng Huân chương Độc lập hạng Ba cho Hợp tác xã Tân Phước Khánh.",
              "2024-01-20"),
    # a name in a row, in the officials' list too (C), in a row only in the text (A), the three
    # syllables apart but close (D), apart and far, once in the headline (B, E)
    _invented("ten-c", "Huyện Phù Mỹ trao thưởng năm 2022", "Đồng chí Phùng Khắc Tráng phát biểu chỉ đạo hội nghị.",
              "2023-01-05", officials=[{"name": "Phùng Khắc Tráng", "title": "Chủ tịch UBND huyện"}]),
    _invented("ten-a", "Huyện Phù Mỹ tổng kết năm 2021", "Ông Phùng Khắc Tráng trao Giấy khen cho 12 tập thể.",
              "2022-01-05"),
    _invented("ten-d", "Xã Mỹ Đức tổng kết năm 2023", "Ông Tráng, ông Khắc và ông Phùng dự hội nghị.", "2024-02-01"),
    _invented("ten-b", "Tráng lệ hội nghị của ông Phùng", FILLER * 3 + "Ông Khắc phát biểu." + FILLER, "2024-02-02"),
    _invented("ten-e", "Xã Mỹ Thọ tổng kết năm 2023", "Ông Phùng đến dự." + FILLER * 4 + "Ông Khắc Tráng phát biểu.",
              "2024-02-03"),
    # a place whose folded name is also two common words elsewhere in the article
    _invented("tien-hai", "Huyện Tiền Hải tổng kết phong trào thi đua",
              "Huyện có 120 lao động tiên tiến và 35 chiến sĩ thi đua. " * 3 + "Huyện Tiền Hải đề ra 12 chỉ tiêu.",
              "2024-01-25", unit={"name": "UBND huyện Tiền Hải", "level": "district"},
              province={"name": "Thái Bình", "current": "Hưng Yên"}),
    # no headline on the page: results show the one derived from the lead
    _invented("khong-tieu-de", None, "Sáng 9/1, xã Quỳnh Bảo Lạc tổng kết phong trào thi đua năm 2023.",
              "2024-01-09", display_title="Xã Quỳnh Bảo Lạc tổng kết phong trào thi đua năm 2023"),
    # a central body: no province, its own facet value
    _invented("trung-uong", "Hội đồng Thi đua - Khen thưởng Trung ương họp phiên thứ nhất",
              "Hội đồng Thi đua - Khen thưởng Trung ương họp phiên thứ nhất năm 2024.", "2024-03-01",
              unit={"name": "Hội đồng Thi đua - Khen thưởng Trung ương", "level": "central"},
              province={"name": None, "current": None}, province_scope="central"),
]


# Twelve articles name "Hà Quang Mẫn"; three newer ones hold every pair of the name ("Hà Quang",
# "Quang Mẫn") but not the name: the chain of pairs is not a row.
NAMESAKES = [_invented(f"man-{i}", f"Xã Mỹ Hiệp tổng kết năm {2010 + i}", f"Ông Hà Quang Mẫn trao {i + 3} Giấy khen.",
                       f"{2011 + i}-01-15") for i in range(12)] + \
            [_invented(f"chuoi-{i}", f"Xã Mỹ Lộc tổng kết năm {2023 + i}", "Ông Hà Quang Vinh và ông Lê Quang Mẫn dự.",
                       f"{2024 + i}-02-15") for i in range(3)]


def _records() -> list[dict]:
    base = sample_records(ROOT / "corpus")
    records = synthetic_records(base, 150, seed=7)
    for i, record in enumerate(base):
        record["page"] = f"bai-viet/mau/{slugify(record['title'], 50)}-{i}/"
        records.append(record)
    for title, date, page_url in ACCENT_PAIR:
        records.append({**records[0], "id": page_url, "title": title, "body": title + ". " + records[0]["body"],
                        "event_date": date, "published_date": date, "page": page_url})
    return records + INVENTED + NAMESAKES


def _search_page_html() -> str:
    """docs/tim-kiem.md's markup (front matter and heading dropped) in a bare HTML page."""
    text = (ROOT / "docs" / "tim-kiem.md").read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    body = re.sub(r"^# .*$", "", body, count=1, flags=re.MULTILINE)
    return f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tìm kiếm</title></head>' \
           f'<body><main><h1>Tìm kiếm</h1>{body}</main></body></html>'


def write_search_site(records: list[dict], site: Path, build=build_index) -> Path:
    """A bare site: the search page and the index of `records` (with the browser module it ships)."""
    (site / "tim-kiem").mkdir(parents=True, exist_ok=True)
    (site / "tim-kiem" / "index.html").write_text(_search_page_html(), encoding="utf-8")
    build(records, site)
    return site


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> Path:
    return write_search_site(_records(), tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def served(search_site):
    with serve_site(search_site) as base:
        yield base


@pytest.fixture(scope="module")
def reader(search_site) -> IndexReader:
    return IndexReader(search_site)


def wait_done(page, query: str) -> int:
    page.wait_for_selector("[data-tdkt-results][data-state=done]", timeout=20_000)
    results = page.locator("[data-tdkt-results]")
    assert results.get_attribute("data-query") == query
    return int(results.get_attribute("data-total"))


def open_search(page, served, **params) -> int:
    page.goto(served + "tim-kiem/?" + urlencode(params, doseq=True))
    return wait_done(page, params["q"])


def _wait_for_total(page, total: int):
    page.wait_for_function("(t) => { const r = document.querySelector('[data-tdkt-results]');"
                           " return r.dataset.state === 'done' && r.dataset.total === t; }", arg=str(total))


def shown_pages(page) -> list[str]:
    return page.locator("li.tdkt-result").evaluate_all("els => els.map(e => e.dataset.page)")


def _marks(page, selector: str = "li.tdkt-result .tdkt-result__snippet") -> list[list[str]]:
    """Per result, the highlighted pieces of its snippet."""
    return page.locator(selector).evaluate_all("els => els.map(e => [...e.querySelectorAll('mark')].map(m => m.textContent))")


def _folded(text: str) -> str:
    return " ".join(words(text))


@pytest.mark.parametrize("toned", ["Hồng Lĩnh", "Đồ Sơn", "khen thưởng", "Huân chương Lao động hạng Nhì"])
def test_a_query_without_tone_marks_finds_what_the_toned_one_finds(page, served, reader, toned):
    toneless = fold(toned)
    # by date, so that the exact-accent rule (which only the toned query triggers) leaves the order alone
    total_toned = open_search(page, served, q=toned, sort="date")
    pages_toned = shown_pages(page)
    total_toneless = open_search(page, served, q=toneless, sort="date")
    assert total_toned == total_toneless == len(reader.find(toned)) > 0
    assert shown_pages(page) == pages_toned == reader.find(toned)[: len(pages_toned)]
    # the match is highlighted in the reader's own spelling
    marks = [m for ms in _marks(page) for m in ms]
    assert marks and all(set(words(m)) <= set(toneless.split()) for m in marks)
    assert not page.tdkt_errors and not page.tdkt_external


def test_typing_a_query_and_pressing_enter_shows_results_and_announces_them(page, served):
    page.goto(served + "tim-kiem/")
    box = page.get_by_label(re.compile("Tìm trong các bài viết"))
    box.fill("do son")
    box.press("Enter")
    total = wait_done(page, "do son")
    assert total > 0
    status = page.locator("[data-tdkt-status]")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    assert f"{total:,}".replace(",", ".") in status.inner_text()
    assert "q=do+son" in page.url


def test_the_snippet_comes_from_the_passage_that_holds_the_phrase_highlighted_as_one(page, served):
    open_search(page, served, q="huan chuong doc lap hang ba")
    first = page.locator("li.tdkt-result").first
    assert first.get_attribute("data-page") == "bai-viet/moi/sau/"
    assert _marks(page)[0] == ["Huân chương Độc lập hạng Ba"]
    assert "Hợp tác xã Tân Phước Khánh" in first.locator(".tdkt-result__snippet").inner_text()


@pytest.mark.parametrize(("query", "phrase"), [("thi dua", "thi dua"), ("tien hai", "tien hai"),
                                               ("Nguyễn Văn", "nguyen van")])
def test_only_the_phrase_is_highlighted_when_the_article_has_it(page, served, reader, query, phrase):
    """'thi dua' must not light up 'Thị' in a name, 'tien hai' not 'tiên tiến'."""
    open_search(page, served, q=query)
    snippets = page.locator("li.tdkt-result .tdkt-result__snippet").all_inner_texts()
    holding = [i for i, text in enumerate(snippets) if f" {phrase} " in f" {_folded(text)} "]
    assert holding, "no snippet shows the phrase"
    marks = _marks(page)
    for i in holding:
        assert marks[i] and all(_folded(m) == phrase for m in marks[i]), (snippets[i], marks[i])
    if query == "tien hai":
        assert page.locator("li.tdkt-result").first.get_attribute("data-page") == "bai-viet/moi/tien-hai/"


def test_words_in_a_row_rank_first_then_in_the_officials_list_then_close_together(page, served, reader):
    total = open_search(page, served, q="phung khac trang")
    pages = shown_pages(page)
    assert pages[:3] == ["bai-viet/moi/ten-c/", "bai-viet/moi/ten-a/", "bai-viet/moi/ten-d/"]
    assert set(pages[3:5]) == {"bai-viet/moi/ten-b/", "bai-viet/moi/ten-e/"}
    in_row = len(reader.in_a_row("phung khac trang"))
    assert in_row == 2 and total == len(reader.find("phung khac trang")) == 5
    assert "2 bài có đúng cụm từ; 3 bài có các từ rời" in page.locator("[data-tdkt-status]").inner_text()


def test_the_status_line_counts_articles_with_the_words_in_a_row_and_only_apart(page, served, reader):
    for query in ["lao dong hang nhi", "Nguyễn Văn Hùng", "do son"]:
        total = open_search(page, served, q=query)
        results = page.locator("[data-tdkt-results]")
        in_row, apart = int(results.get_attribute("data-in-row")), int(results.get_attribute("data-apart"))
        assert results.get_attribute("data-exact") == "true"
        assert in_row == len(reader.in_a_row(query)) and in_row + apart == total == len(reader.find(query))
        status = page.locator("[data-tdkt-status]").inner_text()
        if apart and in_row:
            assert f"{in_row} bài có đúng cụm từ; {apart} bài có các từ rời" in status
        # every article with the words in a row comes before every one with them apart
        shown = shown_pages(page)
        rows = set(reader.in_a_row(query))
        flags = [p in rows for p in shown]
        assert flags == sorted(flags, reverse=True), query


def test_a_chain_of_pairs_that_is_not_the_phrase_goes_below_every_article_with_the_phrase(page, served, reader):
    total = open_search(page, served, q="ha quang man")
    more = page.get_by_role("button", name="Xem thêm kết quả")
    more.click()
    page.wait_for_function("() => document.querySelectorAll('li.tdkt-result').length === 15")
    pages = shown_pages(page)
    assert total == 15 and len(set(pages)) == 15
    assert set(pages[:12]) == {f"bai-viet/moi/man-{i}/" for i in range(12)} == set(reader.in_a_row("ha quang man"))
    assert set(pages[12:]) == {f"bai-viet/moi/chuoi-{i}/" for i in range(3)}
    assert "12 bài có đúng cụm từ; 3 bài có các từ rời" in page.locator("[data-tdkt-status]").inner_text()
    assert not page.tdkt_errors


def test_counts_bounded_at_first_are_made_exact_while_the_reader_looks(page, served, reader):
    """More chains of pairs than are read before the first results: the status line first gives
    bounds ('tối đa ... bài có đúng cụm từ'), then the articles are read and it gives the counts."""
    query = "khen thuong nam 2019"
    # every text the status line takes, in order
    page.add_init_script("""document.addEventListener('DOMContentLoaded', () => {
        const status = document.querySelector('[data-tdkt-status]');
        window.__said = [];
        new MutationObserver(() => window.__said.push(status.textContent))
          .observe(status, {childList: true, characterData: true, subtree: true}); });""")
    page.goto(served + "tim-kiem/?" + urlencode({"q": query}))
    page.wait_for_selector("[data-tdkt-results][data-exact=true]")
    said = page.evaluate("window.__said")
    first = next(text for text in said if text.startswith("Tìm thấy"))
    in_row = len(reader.in_a_row(query))
    apart = len(reader.find(query)) - in_row
    assert "tối đa" in first
    assert f"{in_row} bài có đúng cụm từ; {apart} bài có các từ rời" in page.locator("[data-tdkt-status]").inner_text()
    results = page.locator("[data-tdkt-results]")
    assert (results.get_attribute("data-in-row"), results.get_attribute("data-apart")) == (str(in_row), str(apart))


def test_a_quoted_phrase_finds_only_articles_holding_it_in_a_row(page, served, reader):
    loose = open_search(page, served, q="lao dong hang nhi")
    phrase = open_search(page, served, q='"lao động hạng nhì"')
    assert phrase == len(reader.find('"lao dong hang nhi"')) > 0
    assert phrase <= loose
    for snippet_text in page.locator("li.tdkt-result .tdkt-result__snippet").all_inner_texts():
        assert "lao dong hang nhi" in _folded(snippet_text)


def test_an_exact_accent_match_ranks_first(page, served):
    open_search(page, served, q="Vũng Chùa Đồ Sơn")
    titles = page.locator("li.tdkt-result h2").all_inner_texts()
    assert titles[:2] == [ACCENT_PAIR[0][0], ACCENT_PAIR[1][0]]
    open_search(page, served, q="vung chua do son")  # no tone marks typed: the newer one first
    assert page.locator("li.tdkt-result h2").all_inner_texts()[:2] == [ACCENT_PAIR[1][0], ACCENT_PAIR[0][0]]


def test_an_article_without_a_headline_shows_the_one_derived_from_its_lead(page, served):
    open_search(page, served, q="Quỳnh Bảo Lạc")
    assert page.locator("li.tdkt-result h2").first.inner_text() == "Xã Quỳnh Bảo Lạc tổng kết phong trào thi đua năm 2023"


def test_a_province_facet_narrows_the_results_to_its_count(page, served):
    total = open_search(page, served, q="khen thuong")
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


def test_articles_without_a_province_are_a_value_of_the_province_facet(page, served):
    open_search(page, served, q="hoi dong thi dua khen thuong trung uong")
    option = page.locator("[data-facet=tinh] label", has_text=CENTRAL_PROVINCE_GROUP)
    assert re.fullmatch(rf"{CENTRAL_PROVINCE_GROUP} \(1\)", option.inner_text().strip())
    option.locator("input").check()
    _wait_for_total(page, 1)
    assert shown_pages(page) == ["bai-viet/moi/trung-uong/"]


def test_the_url_holds_the_search_so_it_can_be_shared(page, served, chromium):
    total = open_search(page, served, q="khen thuong", sort="date")
    option = page.locator("[data-facet=nam] input").first
    year = option.get_attribute("value")
    option.check()
    page.wait_for_function("(t) => { const r = document.querySelector('[data-tdkt-results]');"
                           " return r.dataset.state === 'done' && r.dataset.total !== t; }", arg=str(total))
    shared_url, pages = page.url, shown_pages(page)
    assert f"nam={year}" in shared_url and "sort=date" in shared_url
    other = chromium.new_context().new_page()
    try:
        other.goto(shared_url)
        wait_done(other, "khen thuong")
        assert shown_pages(other) == pages
        assert other.locator(f"[data-facet=nam] input[value='{year}']").is_checked()
        assert other.locator("select[name=sort]").input_value() == "date"
    finally:
        other.context.close()


def test_more_results_come_ten_at_a_time_and_are_announced(page, served, reader):
    total = open_search(page, served, q="khen thuong")
    assert total > 20 and page.locator("li.tdkt-result").count() == 10
    more = page.get_by_role("button", name="Xem thêm kết quả")
    more.click()
    page.wait_for_function("() => document.querySelectorAll('li.tdkt-result').length === 20")
    pages = shown_pages(page)
    assert len(set(pages)) == 20 and set(pages) <= set(reader.find("khen thuong"))
    # the first new result takes the focus; the new count is said aloud
    assert page.evaluate("document.activeElement.closest('li').dataset.page") == pages[10]
    shown = page.locator("[data-tdkt-shown]")
    assert shown.get_attribute("aria-live") == "polite"
    assert shown.inner_text() == f"Đang hiện 20 trên {total} bài." or shown.inner_text() == \
        f"Đang hiện 20 trên {total:,} bài.".replace(",", ".")
    # an impatient double click never shows a result twice
    more.dblclick()
    page.wait_for_function("() => document.querySelectorAll('li.tdkt-result').length >= 30")
    page.wait_for_timeout(300)
    pages = shown_pages(page)
    assert len(pages) in (30, 40) and len(set(pages)) == len(pages)


def test_arrow_keys_move_through_the_results(page, served):
    open_search(page, served, q="do son")
    page.locator("#tdkt-q").focus()
    page.keyboard.press("ArrowDown")
    links = page.locator("li.tdkt-result h2 a")
    focused = "document.activeElement.getAttribute('href')"
    assert page.evaluate(focused) == links.nth(0).get_attribute("href")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links.nth(2).get_attribute("href")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focused) == links.nth(1).get_attribute("href")


def test_everything_stays_under_the_sub_path(page, served):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    open_search(page, served, q="Hồng Lĩnh")
    hrefs = page.locator("li.tdkt-result a").evaluate_all("els => els.map(e => e.href)")
    assert hrefs and all(h.startswith(served + "bai-viet/") for h in hrefs)
    assert requested and all(url.startswith(served) for url in requested)
    assert any("/tim-kiem/index/" in url and "/t/" in url for url in requested)
    assert not page.tdkt_external


def test_article_text_is_shown_as_text_never_as_markup(tmp_path, page):
    records = synthetic_records(sample_records(ROOT / "corpus"), 3, seed=3)
    records[0]["title"] = 'Khen thưởng <img src=x onerror="window.pwned=1"> <b>đậm</b>'
    records[0]["body"] = "<script>window.pwned=1</script> khen thưởng " + records[0]["body"]
    write_search_site(records, tmp_path)
    with serve_site(tmp_path) as base:
        page.goto(base + "tim-kiem/?q=img+onerror")
        wait_done(page, "img onerror")
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
    total = wait_done(page, "do son")
    assert total == len(IndexReader(sample_site.site).find("Đồ Sơn")) > 0
    # ↓ from the search box to the first result, Enter opens it
    page.locator("#tdkt-q").focus()
    page.keyboard.press("ArrowDown")
    headline = page.evaluate("document.activeElement.textContent")
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    response = navigation.value
    assert response.status == 200 and response.url.startswith(served_site + "bai-viet/")
    assert page.locator("h1").first.inner_text().strip() == headline.strip()
    assert not page.tdkt_errors and not page.tdkt_external


def _some_pages(site: Path) -> list[str]:
    """One page of each kind the site has: home, an article, listings, statistics, the search page
    itself, and a path that does not exist (GitHub Pages answers it with 404.html)."""
    article = next(p for p in sorted((site / "bai-viet").rglob("index.html")))
    chosen = ["", article.parent.relative_to(site).as_posix() + "/", "tim-kiem/", "khong-co-trang-nay/sau/nua/"]
    for listing in ("tinh", "nam", "khen-thuong", "thong-ke", "du-lieu", "can-bo"):
        if (site / listing / "index.html").is_file():
            chosen.append(listing + "/")
    return chosen


def test_enter_in_the_header_box_takes_the_reader_to_the_search_page_from_every_kind_of_page(page, served_site, sample_site):
    for path in _some_pages(sample_site.site):
        page.goto(served_site + path)
        page.fill("#tdkt-header-q", "Hồng Lĩnh")
        with page.expect_navigation():
            page.press("#tdkt-header-q", "Enter")
        assert page.url == served_site + "tim-kiem/?q=H%E1%BB%93ng+L%C4%A9nh", path
        assert wait_done(page, "Hồng Lĩnh") > 0, path
    assert not page.tdkt_errors and not page.tdkt_external


AXE_SCRIPT = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def search_axe(request):
    """tests/browser.py's `axe` fixture (axe-core injected into the page: WCAG 2.1 A/AA violations);
    until that lands, the same check here, on the axe-core scripts/test.sh installs."""
    try:
        return request.getfixturevalue("axe")
    except pytest.FixtureLookupError:
        pass
    if not AXE_SCRIPT.is_file():
        pytest.skip(f"no axe-core at {AXE_SCRIPT} (npm install --prefix .cache/npm axe-core@4)")

    def violations(page) -> list[str]:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE_SCRIPT))
        found = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
                                 values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})""")
        return [f"{v['id']}: {' '.join(map(str, n['target']))}" for v in found["violations"] for n in v["nodes"]]

    return violations


def test_the_search_page_with_results_has_no_wcag_violation(page, served_site, search_axe):
    page.goto(served_site + "tim-kiem/?q=thi+dua")
    wait_done(page, "thi dua")
    assert page.locator("li.tdkt-result").count() > 0 and page.locator("[data-facet]").count() > 0
    assert search_axe(page) == []
    # with the marks of a phrase, a quoted phrase and the facet of a filter in place
    page.goto(served_site + "tim-kiem/?q=" + "%22khen+th%C6%B0%E1%BB%9Fng%22+h%E1%BB%93ng+l%C4%A9nh")
    wait_done(page, '"khen thưởng" hồng lĩnh')
    page.locator("[data-facet] input").first.check()
    page.wait_for_selector("[data-tdkt-results][data-state=done]")
    assert page.locator("li.tdkt-result mark").count() > 0
    assert search_axe(page) == []


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
