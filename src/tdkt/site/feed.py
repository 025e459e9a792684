"""The Atom feed (RFC 4287) of the newest articles: /feed.xml.

`atom_feed(records, site_url)` is pure. Every date in it comes from the articles (the feed's
`updated` is its newest entry's date), never from the clock, so two builds of the same corpus
give the same bytes and a reader is not told that nothing new is new. Undated articles are left
out: the feed is "what is new", and they have no place in that order.

The XML is built with ElementTree, so article text is always character data; characters XML 1.0
cannot carry at all (controls, lone surrogates, U+FFFE/U+FFFF) are dropped first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from tdkt.taxonomy import AWARD_TYPES, article_date

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
NEWEST = 50
SITE_TITLE = "Lưu trữ tin thi đua – khen thưởng"
AUTHOR = "Lưu trữ tin thi đua – khen thưởng"
EPOCH = "1970-01-01T00:00:00Z"   # a feed with no dated article still needs an `updated`
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def xml_text(value: object) -> str:
    """One line of text that XML 1.0 can carry."""
    return " ".join(_NOT_XML.sub("", str(value or "")).split())


def timestamp(date: str | None) -> str | None:
    """'2024-01-12' -> '2024-01-12T00:00:00Z' (RFC 3339, as Atom wants); None when not a date."""
    return f"{date}T00:00:00Z" if date and _ISO_DATE.match(str(date)) else None


def newest_dated(records: list[dict], limit: int = NEWEST) -> list[dict]:
    from tdkt.site.values import sort_newest_first

    return [r for r in sort_newest_first(records) if timestamp(article_date(r))][:limit]


def _summary(record: dict) -> str:
    unit = xml_text((record.get("unit") or {}).get("name"))
    province = xml_text((record.get("province") or {}).get("name"))
    kinds = {a.get("type") for a in record.get("awards") or [] if isinstance(a, dict)}
    awards = ", ".join(label for kind, label in AWARD_TYPES.items() if kind in kinds)
    parts = [p for p in (unit, province) if p]
    text = " – ".join(parts)
    if awards:
        text += (". " if text else "") + f"Khen thưởng: {awards}"
    return text


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def atom_feed(records: list[dict], site_url: str, limit: int = NEWEST) -> str:
    """The feed as an XML document (str). `site_url` is the site's public root URL."""
    from tdkt.site.paths import assign_article_pages, url_of
    from tdkt.taxonomy import title_of

    base = (site_url or "http://localhost/").rstrip("/") + "/"
    entries = newest_dated(records, limit)
    pages = ({key: url_of(path) for key, path in assign_article_pages(records).items()}
             if any(not r.get("page") for r in entries) else {})

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})
    _sub(feed, "id", base)
    _sub(feed, "title", SITE_TITLE)
    _sub(feed, "subtitle", "Các bài viết mới nhất của lưu trữ")
    _sub(feed, "updated", timestamp(article_date(entries[0])) if entries else EPOCH)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=urljoin(base, FEED_PATH))
    _sub(feed, "link", rel="alternate", type="text/html", href=base)
    author = _sub(feed, "author")
    _sub(author, "name", AUTHOR)
    _sub(feed, "generator", "tdkt")

    for record in entries:
        page = record.get("page") or pages[str(record.get("id"))]
        url = urljoin(base, page)
        entry = _sub(feed, "entry")
        _sub(entry, "id", url)
        _sub(entry, "title", xml_text(title_of(record)))
        _sub(entry, "updated", timestamp(article_date(record)))
        published = timestamp(record.get("published_date"))
        if published:
            _sub(entry, "published", published)
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        if xml_text(record.get("author")):
            _sub(_sub(entry, "author"), "name", xml_text(record.get("author")))
        province = xml_text((record.get("province") or {}).get("name"))
        if province:
            _sub(entry, "category", term=province)
        summary = _summary(record)
        if summary:
            _sub(entry, "summary", summary, type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
