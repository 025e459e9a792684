"""A reader in Chromium on the sample site under /tdkt/: the statistics page draws its charts (no
script needed, no console error, nothing fetched from elsewhere), the numbers in the charts are
the numbers in the tables beside them, and the data page's downloads and the feed are served."""

from __future__ import annotations

import pytest

from tests.browser import site_path_of

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _watch_console(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


def test_statistics_page_draws_its_charts_beside_their_tables(page, served_site, sample_site):
    console = _watch_console(page)
    page.goto(served_site)
    page.get_by_role("link", name="Thống kê", exact=True).first.click()
    assert site_path_of(page.url, served_site) == "thong-ke/"
    assert page.locator("h1").inner_text() == "Thống kê"

    charts = page.locator("article svg.tdkt-chart")
    assert charts.count() == 5
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box and box["width"] > 200 and box["height"] > 20, i
        assert charts.nth(i).locator("rect").count() >= 1
    # the page is no wider than the window: charts scale down instead of overflowing
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # the years chart's numbers are the years table's numbers, and add up to the articles
    drawn = charts.first.locator("text:not([text-anchor=end])").all_text_contents()
    table = page.locator("article table").first
    column = table.locator("tbody tr td:last-child").all_inner_texts()
    assert drawn == column
    assert sum(int(n.replace(".", "")) for n in column) == len(sample_site.records)

    assert page.tdkt_external == [], "the statistics page asked for something outside 127.0.0.1"
    assert page.tdkt_errors == [] and console == []


def test_data_page_downloads_and_feed_are_served(page, served_site):
    console = _watch_console(page)
    page.goto(served_site + "du-lieu/")
    assert page.locator("h1").inner_text() == "Dữ liệu"
    for name in ("articles.json.gz", "articles.csv.gz", "awards.csv.gz", "tdkt.sqlite.gz"):
        href = page.locator(f'article a[href="{name}"]').get_attribute("href")
        response = page.request.get(served_site + "du-lieu/" + href)
        assert response.status == 200 and response.body()[:2] == b"\x1f\x8b", name  # stored gzipped
    feed = page.locator('head link[type="application/atom+xml"]').get_attribute("href")
    response = page.request.get(page.evaluate("href => new URL(href, location.href).href", feed))
    assert response.status == 200 and b"<feed" in response.body()
    page.get_by_role("link", name="Cán bộ", exact=True).first.click()
    assert site_path_of(page.url, served_site) == "can-bo/"
    page.locator("article table a").first.click()
    page.wait_for_url("**/can-bo/*/")
    assert page.locator("h1").inner_text().startswith("Cán bộ được nêu tên: ")
    page.locator("article li a").first.wait_for()     # each person's line links their articles
    assert page.locator("article li a").count() >= 1
    assert page.tdkt_external == [] and page.tdkt_errors == [] and console == []
