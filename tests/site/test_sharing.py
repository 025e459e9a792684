"""Pages describe themselves: every article page carries a description from its lead, the Open Graph
tags and a JSON-LD NewsArticle that parses back to the article's facts; listing pages carry a
description; nothing of an article's text becomes markup or ends the JSON-LD script."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser

import pytest

from tdkt.site.sharing import DESCRIPTION_MAX, ELLIPSIS, article_description, lead_paragraph, script_json, shorten
from tdkt.taxonomy import title_of
from tests.site_fixtures import build_site, handmade_records

OG_PROPERTIES = ("og:type", "og:title", "og:description", "og:url", "og:locale", "og:site_name")


class Head(HTMLParser):
    """The <meta> tags and JSON-LD scripts of a page's head, as a browser's parser sees them."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.ld: list[str] = []
        self._in_ld = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("name") or attrs.get("property")):
            self.meta.setdefault(attrs.get("name") or attrs.get("property"), []).append(attrs.get("content"))
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"
        if self._in_ld:
            self.ld.append("")

    def handle_endtag(self, tag):
        self._in_ld = False if tag == "script" else self._in_ld

    def handle_data(self, data):
        if self._in_ld:
            self.ld[-1] += data


# ------------------------------------------------------------------ pure

def test_shorten_keeps_whole_words_within_160_characters():
    text = "Sáng ngày 12/1, Ủy ban nhân dân thị xã tổ chức hội nghị tổng kết công tác thi đua, khen thưởng " * 3
    short = shorten(text)
    assert len(short) <= DESCRIPTION_MAX and short.endswith(ELLIPSIS)
    assert text.startswith(short[:-1]) and text[len(short) - 1] == " "   # cut before a space: a whole word
    assert shorten("Ngắn gọn.") == "Ngắn gọn."
    assert len(shorten("x" * 400)) == DESCRIPTION_MAX


def test_the_lead_skips_the_headline_again_stamps_and_captions():
    record = dict(handmade_records()[0], title="Hội nghị tổng kết công tác thi đua năm 2023")
    record["body"] = ("Hội nghị tổng kết công tác thi đua năm 2023\n09/04/2024 14:00\nẢnh: Minh Anh\n"
                      "Quang cảnh hội nghị tổng kết công tác thi đua khen thưởng của thị xã năm 2023\n"
                      "Sáng ngày 12/1, thị xã Hồng Lĩnh tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023.\n"
                      "Năm 2023 thị xã hoàn thành 17/21 chỉ tiêu.")
    assert lead_paragraph(record).startswith("Sáng ngày 12/1, thị xã Hồng Lĩnh")
    assert article_description(record) == lead_paragraph(record)
    # no paragraph reads as a lead: the headline, never an empty description
    assert article_description(dict(record, body="Ảnh minh họa")) == title_of(record)


def test_script_json_cannot_end_its_script_and_parses_back():
    value = {"headline": '</script><script>alert(1)</script> & <!-- \u2028'}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


# ------------------------------------------------------------------ built by MkDocs

def test_every_article_page_carries_its_description_open_graph_and_json_ld(sample_site):
    for record in sample_site.records:
        head = Head((sample_site.site / record["page"] / "index.html").read_text(encoding="utf-8"))
        for prop in OG_PROPERTIES:
            assert len(head.meta.get(prop, [])) == 1, (record["page"], prop)
        description = head.meta["description"][0]
        assert description == head.meta["og:description"][0] == article_description(record)
        assert 40 <= len(description) <= DESCRIPTION_MAX
        assert head.meta["og:type"] == ["article"] and head.meta["og:locale"] == ["vi_VN"]
        assert head.meta["og:title"] == [title_of(record)]
        assert head.meta["og:url"][0].endswith("/tdkt/" + record["page"])
        assert head.meta["og:site_name"] == ["Lưu trữ tin thi đua – khen thưởng"]
        (ld,) = head.ld
        data = json.loads(ld)
        assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
        assert data["headline"] == title_of(record)
        assert data.get("datePublished") == record.get("published_date")
        assert data.get("temporalCoverage") == record.get("event_date")
        assert data.get("about", {}).get("name") == (record.get("unit") or {}).get("name")
        assert data.get("contentLocation", {}).get("name") == (record.get("province") or {}).get("name")
        if record.get("url"):
            assert data["isBasedOn"] == record["url"]


def test_listing_and_index_pages_describe_themselves(sample_site):
    site = sample_site.site
    for listing in [*site.glob("tinh/*/index.html"), *site.glob("nam/*/index.html"), site / "tinh" / "index.html"]:
        head = Head(listing.read_text(encoding="utf-8"))
        (description,) = head.meta["description"]
        assert description == head.meta["og:description"][0]
        assert head.meta["og:type"] == ["website"]
        assert description != "Lưu trữ mở, tìm kiếm được, các tin bài về công tác thi đua, khen thưởng ở Việt Nam"
        if listing.parent.parent.name in ("tinh", "nam"):
            count = len(re.findall(r'href="\.\./\.\./bai-viet/', listing.read_text(encoding="utf-8")))
            assert f": {count} bài viết" in description


SCRIPT_TITLE = 'Tổng kết </script><script>window.__pwned=1</script> "năm" 2023 & <b>'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    record = copy.deepcopy(handmade_records()[0])
    record.update(title=SCRIPT_TITLE, body="\n".join([f"Sáng 12/1, {SCRIPT_TITLE} được tổ chức tại hội trường lớn của thị xã."]))
    record["unit"]["name"] = "</script><!--"
    record["province"]["name"] = '"><meta property="og:title" content="x'
    return build_site([record, handmade_records()[1]], tmp_path_factory.mktemp("sharing-hostile")), record


def test_article_text_in_the_head_stays_data(hostile_site):
    built, record = hostile_site
    text = (built.site / record["page"] / "index.html").read_text(encoding="utf-8")
    head_html = text[: text.index("</head>")]
    head = Head(head_html)
    assert head.meta["og:title"] == [SCRIPT_TITLE]           # one og:title: the injected one is text
    assert head.meta["description"][0].startswith("Sáng 12/1, " + SCRIPT_TITLE)
    (ld,) = head.ld
    data = json.loads(ld)
    assert data["headline"] == SCRIPT_TITLE and data["about"]["name"] == "</script><!--"
    assert data["contentLocation"]["name"] == record["province"]["name"]
    assert head_html.count("<script") == head_html.count("</script>") == 2  # JSON-LD and tdkt-md.js
