"""Issue 12, the site's part: articles without a province stay browsable (two listings reachable from
the province index and from the article's own tag chip), and an article whose page had no headline
shows the one derived from its lead (display_title) everywhere a headline is shown, never
"(Không có tiêu đề)". Built for real by MkDocs, from invented records."""

from __future__ import annotations

import copy
import csv
import gzip
import io
import json
import re
from urllib.parse import urljoin, urlsplit

import pytest

from tdkt.site.datasets import downloads
from tdkt.taxonomy import CENTRAL_PROVINCE_GROUP, UNKNOWN_PROVINCE_GROUP, UNTITLED, title_of
from tdkt.text import slugify
from tests.site.test_site_integration import Links, url_path
from tests.site_fixtures import build_site, handmade_records

pytestmark = pytest.mark.slow

DERIVED = "Cụm thi đua các tỉnh miền núi tổng kết công tác thi đua năm 2023"


def _records() -> list[dict]:
    records = handmade_records()
    central = copy.deepcopy(records[3])
    central.update(id="a06", title=None, display_title=DERIVED, province={"name": None, "current": None},
                   province_scope="central", unit={"name": "Cụm thi đua các tỉnh miền núi", "level": "cluster"},
                   body="Ngày 9/1, Cụm thi đua các tỉnh miền núi tổng kết công tác thi đua năm 2023.")
    unknown = records[4]  # no province, no scope: unknown
    unknown.update(title=None, display_title="Gặp mặt điển hình tiên tiến của xã", province_scope="unknown")
    return [*records, central]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_site(_records(), tmp_path_factory.mktemp("no-province"))


def _links(site, rel: str) -> set[str]:
    page = site / rel / "index.html"
    base = url_path(site, page)
    return {urlsplit(urljoin(base, value)).path[len("/tdkt/"):]
            for tag, _attr, value in Links(page.read_text(encoding="utf-8")).refs if tag == "a"}


def test_every_article_is_reachable_from_the_province_index(built):
    index = _links(built.site, "tinh/")
    assert f"tinh/{slugify(CENTRAL_PROVINCE_GROUP)}/" in index
    assert f"tinh/{slugify(UNKNOWN_PROVINCE_GROUP)}/" in index
    reached = set()
    for listing in (p for p in index if re.fullmatch(r"tinh/[a-z0-9-]+/", p)):
        reached |= {p for p in _links(built.site, listing) if p.startswith("bai-viet/")}
    assert reached == {r["page"] for r in built.records}


def test_the_group_listings_say_what_they_hold_and_the_article_chip_leads_there(built):
    central = next(r for r in built.records if r["id"] == "a06")
    listing = (built.site / "tinh" / slugify(CENTRAL_PROVINCE_GROUP) / "index.html").read_text(encoding="utf-8")
    assert f"<h1" in listing and CENTRAL_PROVINCE_GROUP in listing
    assert "1 bài viết" in listing and "nhiều tỉnh, thành" in listing
    assert f"tinh/{slugify(CENTRAL_PROVINCE_GROUP)}/" in _links(built.site, central["page"])
    unknown = next(r for r in built.records if r["id"] == "a05")
    assert f"tinh/{slugify(UNKNOWN_PROVINCE_GROUP)}/" in _links(built.site, unknown["page"])
    # the home counts provinces, not the two groups
    home = (built.site / "index.html").read_text(encoding="utf-8")
    assert "2 tỉnh, thành" in home


def test_no_page_or_download_calls_an_article_untitled_when_it_has_a_display_title(built):
    central = next(r for r in built.records if r["id"] == "a06")
    for page in built.site.rglob("*.html"):
        assert UNTITLED not in page.read_text(encoding="utf-8"), page
    article = (built.site / central["page"] / "index.html").read_text(encoding="utf-8")
    assert f"<title>{DERIVED}</title>" in article
    assert re.search(r"<h1[^>]*>" + re.escape(DERIVED) + "<", article)
    # its URL comes from the derived headline too, not from its id
    assert central["page"].startswith("bai-viet/2021/cum-thi-dua-cac-tinh-mien-nui")
    # the downloads are stored gzipped: what a reader gets after unpacking them
    files = {name.removesuffix(".gz"): gzip.decompress(data) if name.endswith(".gz") else data
             for name, data in downloads(built.records, "https://example.org/tdkt/").items()}
    assert {"du-lieu/articles.json", "du-lieu/articles.csv", "feed.xml"} <= set(files)
    for name, data in files.items():
        assert UNTITLED.encode() not in data, name
    assert DERIVED in files["feed.xml"].decode()
    shown = {r["id"]: r for r in json.loads(files["du-lieu/articles.json"])}
    assert shown["a06"]["title"] is None and shown["a06"]["display_title"] == DERIVED
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(files["du-lieu/articles.csv"].decode("utf-8-sig")))}
    assert (rows["a06"]["title"], rows["a06"]["title_derived"]) == (DERIVED, "1")
    assert (rows["a01"]["title"], rows["a01"]["title_derived"]) == (title_of(built.records[0]), "")


def test_title_of_falls_back_to_the_placeholder_only_without_any_headline():
    assert title_of({"title": None, "display_title": DERIVED}) == DERIVED
    assert title_of({"title": " ", "display_title": None}) == UNTITLED


def test_the_statistics_count_the_articles_without_a_province_apart():
    from tdkt.site.stats import stats_markdown

    text = stats_markdown(_records())
    assert f"{CENTRAL_PROVINCE_GROUP} 1 bài; {UNKNOWN_PROVINCE_GROUP} 1 bài" in text
    assert "Lưu trữ có 6 bài viết của 2 tỉnh, thành" in text
