"""What a page says about itself to search engines and to the apps a link is shared in (Zalo,
Facebook): a description, and for an article a JSON-LD NewsArticle (pure: record in, text out).

The values travel in the page's front matter (`description`, `ld`); overrides/main.html writes them
into the head with the Open Graph tags (og:title, og:description, og:type, og:url, og:locale,
og:site_name). Everything in them is data:
- the description is plain text that the template escapes as an attribute value;
- the JSON-LD is JSON whose `<`, `>` and `&` are written as \\u escapes, so no text of an article
  (a `</script>` in a headline) can end the script block or open markup, and JSON parsers read the
  same characters back.

Bytes matter (the head is on every one of tens of thousands of article pages): the description is
at most 160 characters; the JSON-LD carries only what a card or a search result uses and what the
page does not say elsewhere in the head (headline, dates, organiser, place, source), no defaults.
"""

from __future__ import annotations

import json
import re

from tdkt.site.markup import safe_url
from tdkt.text import fold, one_line

DESCRIPTION_MAX = 160
ELLIPSIS = "…"
# A paragraph of the story reads as a sentence: enough words and a sentence's end (a photo caption,
# a date stamp, a byline or a menu line usually has neither).
_LEAD_MIN_WORDS = 12
_SENTENCE_END = ".!?…\"”)"
_BYLINE = re.compile(r"^(?:tin|bài|ảnh|tin và ảnh|tin, ảnh|tác giả|nguồn|pv|ctv)\s*[:\-–]", re.IGNORECASE)
_DANGLING_PUNCTUATION = " ,;:-–—(“\"'"


def lead_paragraph(record: dict) -> str:
    """The story's first paragraph that reads as a sentence and is not the headline again; '' if none."""
    from tdkt.taxonomy import title_of

    headline = fold(title_of(record))
    for paragraph in str(record.get("body") or "").split("\n"):
        paragraph = one_line(paragraph)
        words = paragraph.split()
        if len(words) < _LEAD_MIN_WORDS or _BYLINE.match(paragraph) or fold(paragraph) == headline:
            continue
        if paragraph[-1] in _SENTENCE_END or len(words) >= 2 * _LEAD_MIN_WORDS:
            return paragraph
    return ""


def shorten(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """`text` on one line, at most `limit` characters, cut after a whole word with an ellipsis."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - len(ELLIPSIS) + 1)
    head = text[:cut] if cut > 0 else text[: limit - len(ELLIPSIS)]
    return head.rstrip(_DANGLING_PUNCTUATION) + ELLIPSIS


def article_description(record: dict) -> str:
    """The article's description: its lead, shortened; else its headline."""
    from tdkt.taxonomy import title_of

    return shorten(lead_paragraph(record) or title_of(record))


def script_json(value: object) -> str:
    """JSON for inside a <script> element: `<`, `>`, `&` (and the line separators JavaScript
    once refused) escaped, so no string in it can close the element or start markup."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _source_urls(record: dict) -> list[str]:
    copies = record.get("sources")
    entries = copies if isinstance(copies, list) and len(copies) > 1 else [{"url": record.get("url")}]
    urls = [safe_url(entry.get("url")) for entry in entries if isinstance(entry, dict)]
    return list(dict.fromkeys(url for url in urls if url))


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def news_article(record: dict) -> dict:
    """The schema.org NewsArticle of an article: only the facts the record has (no default)."""
    from tdkt.taxonomy import title_of

    data: dict = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title_of(record)}
    if _ISO_DATE.match(str(record.get("published_date") or "")):
        data["datePublished"] = record["published_date"]
    if _ISO_DATE.match(str(record.get("event_date") or "")):
        data["temporalCoverage"] = record["event_date"]   # when the conference took place
    unit = one_line((record.get("unit") or {}).get("name"))
    if unit:
        data["about"] = {"@type": "Organization", "name": unit}
    province = one_line((record.get("province") or {}).get("name"))
    if province:
        data["contentLocation"] = {"@type": "Place", "name": province}
    sources = _source_urls(record)
    if sources:
        data["isBasedOn"] = sources[0] if len(sources) == 1 else sources
    return data


def article_sharing(record: dict) -> dict[str, str]:
    """The front matter keys of an article page: its description and its JSON-LD."""
    return {"description": article_description(record), "ld": script_json(news_article(record))}


def listing_description(heading: str, count: int) -> str:
    """A listing page's description: what it lists and how many."""
    return shorten(f"{heading}: {count} bài viết về thi đua, khen thưởng, mới nhất trước.")
