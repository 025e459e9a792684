"""The Atom feed: valid for a real feed parser, the elements RFC 4287 requires, the newest articles
with dates from the articles (never the clock), and article text that stays text."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser

from tdkt.site.feed import NEWEST, atom_feed
from tests.site_fixtures import handmade_records

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://example.github.io/tdkt/"


def many(n: int) -> list[dict]:
    base = handmade_records()[0]
    return [dict(base, id=f"n{i:03d}", title=f"Bài số {i}", event_date=f"20{10 + i // 12:02d}-{i % 12 + 1:02d}-05",
                 published_date=None) for i in range(n)]


def test_a_feed_parser_reads_it_without_complaint():
    records = handmade_records()
    parsed = feedparser.parse(atom_feed(records, SITE))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    dated = [r for r in records if r.get("event_date") or r.get("published_date")]
    assert len(parsed.entries) == len(dated)
    titles = {e.title for e in parsed.entries}
    assert titles == {r["title"] for r in dated}
    for entry in parsed.entries:
        assert entry.link.startswith(SITE + "bai-viet/") and entry.link.endswith("/")
        assert entry.id == entry.link


def test_required_atom_elements_are_there():
    feed = ET.fromstring(atom_feed(handmade_records(), SITE))
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{tag}") is not None, tag
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == SITE + "feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert (entry.find(f"{ATOM}{tag}").text or "").strip(), tag
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href")


def test_newest_fifty_and_updated_from_the_articles_not_the_clock():
    records = many(80)
    feed = ET.fromstring(atom_feed(records, SITE))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == NEWEST
    dates = [e.find(f"{ATOM}updated").text for e in entries]
    assert dates == sorted(dates, reverse=True)
    newest = max(r["event_date"] for r in records)
    assert feed.find(f"{ATOM}updated").text == dates[0] == f"{newest}T00:00:00Z"
    oldest_in = min(dates)[:10]
    assert all(r["event_date"] <= oldest_in for r in records if r["title"] not in
               {e.find(f"{ATOM}title").text for e in entries})


def test_same_bytes_whatever_the_order():
    records = many(30) + handmade_records()
    shuffled = list(records)
    random.Random(2).shuffle(shuffled)
    assert atom_feed(shuffled, SITE) == atom_feed(records, SITE)


def test_hostile_text_stays_text():
    title = "<script>alert(1)</script> ]]> &amp; \x00\x0b\ufffe end"
    record = dict(handmade_records()[0], title=title, author="<b>x</b>",
                  province={"name": '" onload="x', "current": None})
    text = atom_feed([record], SITE)
    parsed = feedparser.parse(text)
    assert not parsed.bozo
    feed = ET.fromstring(text)
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "<script>alert(1)</script> ]]> &amp; end"
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "<b>x</b>"
    assert entry.find(f"{ATOM}category").get("term") == '" onload="x'
    assert "<script>" not in text


def test_no_dated_article_still_gives_a_valid_feed():
    parsed = feedparser.parse(atom_feed([handmade_records()[4]], SITE))
    assert not parsed.bozo and parsed.entries == []


def test_built_site_has_the_feed_linked_from_every_page(sample_site):  # noqa: F811
    site = sample_site.site
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    parsed = feedparser.parse(feed)
    assert not parsed.bozo and parsed.entries
    for entry in parsed.entries:  # each entry is a page of the site
        path = urlsplit(entry.link).path
        assert path.startswith("/tdkt/")
        assert (site / path[len("/tdkt/"):] / "index.html").is_file(), entry.link
    for page in [site / "index.html", site / "thong-ke" / "index.html",
                 site / (sample_site.records[0]["page"] + "index.html"), site / "404.html"]:
        text = page.read_text(encoding="utf-8")
        assert 'type="application/atom+xml"' in text, page
        href = text.split('type="application/atom+xml" href="')[1].split('"')[0]
        base = page.parent if page.name == "index.html" else site
        resolved = (base / href).resolve() if not href.startswith("/") else site / href[len("/tdkt/"):]
        assert resolved == (site / "feed.xml").resolve(), (page, href)
