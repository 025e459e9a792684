"""One article's page: its tag chips, facts, awards table, officials and text (pure: record in, Markdown out).

The headline stays Markdown (MkDocs takes the page title from it); the rest is one raw HTML
block, every value escaped by markup.h / markup.a.
"""

from __future__ import annotations

import html
import posixpath
from collections import defaultdict
from urllib.parse import urlsplit

from tdkt.places_now import current_place_text
from tdkt.site.markup import a, body_html, front_matter, h, md_text, safe_url
from tdkt.site.paths import assign_article_pages, award_page, dir_href, province_page, year_page
from tdkt.site.sharing import article_sharing
from tdkt.site.values import (award_detail, award_type_id, award_types, current_province_name, display_date,
                              province_name, recipients_text, year_key, year_label)
from tdkt.taxonomy import AWARD_TYPES, STATUS_LABELS, UNIT_LEVEL_LABELS, province_group, title_of
from tdkt.text import fold, one_line

def _chips(page: str, record: dict) -> str:
    """Tag chips linking to the listing pages (Material's md-tag look, no plugin needed).

    The chips' links carry no class: tdkt.css gives `.tdkt-tags a` Material's .md-tag style once,
    instead of `class="md-tag"` on five links of every article page."""
    # the province's listing, or the listing of articles without one: every article is on one
    chips = [(province_group(record), province_page(province_group(record)))]
    chips.append((year_label(year_key(record)), year_page(year_key(record))))
    chips.extend((AWARD_TYPES[kind], award_page(kind)) for kind in award_types(record))
    if not chips:
        return ""
    # Raw HTML because a chip needs a class; hrefs are our own directory URLs, labels escaped.
    links = "".join(
        f'<a href="{html.escape(dir_href(page, target))}">{h(label)}</a>'
        for label, target in chips
    )
    return f'<nav class="md-tags tdkt-tags" aria-label="Thẻ">{links}</nav>\n\n'


def article_tags(record: dict) -> list[str]:
    tags = [province_group(record)]
    tags.append(year_label(year_key(record)))
    tags.extend(AWARD_TYPES[kind] for kind in award_types(record))
    return tags


# What an editor's correction (corpus/overrides.yaml, record["corrected"] = {field: reason}) is
# called on the page; a field outside this list is named as the data it is.
FIELD_LABELS = {
    "title": "tiêu đề", "url": "nguồn", "event_date": "ngày diễn ra", "published_date": "ngày đăng",
    "unit": "đơn vị tổ chức", "province": "tỉnh, thành", "reviewed_year": "năm tổng kết",
    "campaign_year": "năm phát động", "awards": "khen thưởng", "officials": "đại biểu, lãnh đạo",
    "author": "tác giả", "body": "nội dung",
}
EDITED_MARK = ' <span class="tdkt-edited">(biên tập viên đã sửa)</span>'


def corrections(record: dict) -> dict[str, str]:
    """The editor's corrections of an article: field -> reason (empty when none)."""
    corrected = record.get("corrected")
    if not isinstance(corrected, dict):
        return {}
    return {str(field): one_line(reason) for field, reason in corrected.items()}


def corrections_html(corrected: dict[str, str]) -> str:
    """'Biên tập viên đã sửa: tiêu đề, tỉnh, thành (reason).' - fields that share a reason together."""
    by_reason: dict[str, list[str]] = defaultdict(list)
    for field_name, reason in corrected.items():
        by_reason[reason].append(FIELD_LABELS.get(field_name, field_name))
    parts = [h(", ".join(labels)) + (f" ({h(reason)})" if reason else "") for reason, labels in by_reason.items()]
    return f'<p class="tdkt-corrected"><strong>Biên tập viên đã sửa:</strong> {"; ".join(parts)}.</p>\n'


def sources_html(record: dict) -> str:
    """Where the article was published: its source link, or every portal that carried it when
    syndicated copies were merged into it (record["sources"], itself first). Only http(s) URLs
    are linked; another URL is shown as text, a copy without one by its file name."""
    copies = record.get("sources")
    if not isinstance(copies, list) or len(copies) < 2:
        copies = [{"url": record.get("url")}]
    shown = []
    for entry in copies:
        if not isinstance(entry, dict):
            continue
        url = safe_url(entry.get("url"))
        if url:
            shown.append((urlsplit(url).hostname, url))
        elif one_line(entry.get("url")):
            shown.append((one_line(entry.get("url")), None))
        elif one_line(entry.get("source")):
            shown.append((posixpath.basename(one_line(entry.get("source"))), None))
    hosts = [label for label, url in shown if url]
    return ", ".join(
        h(label) if url is None else a(url if hosts.count(label) > 1 else label, url)  # one portal twice: full URLs
        for label, url in shown
    )


def without_headline(body: object, headline: str) -> str:
    """The text without its first line when that line is the headline, word for word: many portals
    repeat the headline as the text's first paragraph, right under the page's own heading (~0.1 KB
    an article, read twice). The record keeps its text whole (search, downloads)."""
    text = str(body or "")
    first, _, rest = text.lstrip().partition("\n")
    if headline and " ".join(first.split()) == " ".join(headline.split()):
        return rest
    return text


def article_markdown(record: dict, page: str | None = None, unit_page: str = "", related: str = "") -> str:
    """The article's page: front matter (tags), the headline, then one raw HTML block with the
    tag chips, the facts (the unit linked to `unit_page`, its page, when given), the awards table,
    the officials, the text and, last, `related` (HTML: related.related_html).

    The headline stays Markdown (MkDocs takes the page title from it). The rest is HTML that
    Markdown leaves alone: Python-Markdown's inline patterns over every table cell and list item
    cost more than the rest of the build's work on the page, times every article. Links in it are
    the directory URLs of use_directory_urls (mkdocs.yml), checked by the site's integration test.
    """
    page = page or assign_article_pages([record])[str(record.get("id"))]
    out = [front_matter({"tags": article_tags(record), **article_sharing(record)}), f"# {md_text(title_of(record))}\n\n",
           '<div class="tdkt-article">\n', _chips(page, record).rstrip("\n") + "\n"]

    corrected = corrections(record)
    facts = []  # (label, HTML value, the fields it shows)
    if record.get("event_date"):
        facts.append(("Ngày diễn ra", h(display_date(record["event_date"])), ("event_date",)))
    if record.get("published_date"):
        facts.append(("Ngày đăng", h(display_date(record["published_date"])), ("published_date",)))
    unit = record.get("unit") or {}
    if one_line(unit.get("name")):
        level = UNIT_LEVEL_LABELS.get(unit.get("level"))
        # linked to the unit's page (its conferences over the years), when it has one (site/units.py)
        name = a(unit["name"], dir_href(page, unit_page)) if unit_page else h(unit["name"])
        facts.append(("Đơn vị tổ chức", name + (f" ({h(level)})" if level else ""), ("unit",)))
    if province_name(record):
        # as text: the tag chips just above link the province and the year (one link each per page)
        text = h(province_name(record))
        current = current_province_name(record)
        place_now = current and (current_place_text(record) or current)
        if place_now and place_now != province_name(record):  # as the unit pages: "Hà Tĩnh (... thuộc Hà Tĩnh)" says nothing
            text += f" (từ 01/07/2025 thuộc {h(place_now)})"
        facts.append(("Tỉnh, thành", text, ("province",)))
    year = year_key(record)
    facts.append(("Năm", h(year_label(year)), ("reviewed_year", "campaign_year")))
    copies = sources_html(record)
    if copies:
        merged = len(record["sources"]) if isinstance(record.get("sources"), list) and len(record["sources"]) > 1 else 0
        facts.append((f"Nguồn ({merged} nơi đăng)" if merged else "Nguồn", copies, ("url",)))
    if one_line(record.get("author")):
        facts.append(("Tác giả", h(record.get("author")), ("author",)))
    out.append('<ul>\n' + "".join(
        f"<li><strong>{label}:</strong> {value}{EDITED_MARK if any(f in corrected for f in fields) else ''}</li>\n"
        for label, value, fields in facts) + "</ul>\n")
    if corrected:
        out.append(corrections_html(corrected))

    awards = [a for a in record.get("awards") or [] if isinstance(a, dict)]
    if awards:
        out.append('<h2 id="khen-thuong">Khen thưởng</h2>\n<table>\n<thead><tr><th>Hình thức</th><th>Chi tiết</th>'
                   "<th>Cơ quan</th><th>Tình trạng</th><th>Số lượng</th></tr></thead>\n<tbody>\n")
        for award in awards:
            kind = award_type_id(award)
            detail = award_detail(award)
            if fold(detail) == fold(AWARD_TYPES[kind]):
                detail = ""  # the type's name, already in the first column
            status = STATUS_LABELS.get(award.get("status"), one_line(award.get("status")))
            out.append(
                # the type as text: its tag chip above links its listing (one link per type per page)
                f"<tr><td>{h(AWARD_TYPES[kind])}</td><td>{h(detail)}</td>"
                f"<td>{h(award.get('authority'))}</td><td>{h(status)}</td><td>{h(recipients_text(award))}</td></tr>\n"
            )
        out.append("</tbody>\n</table>\n")

    officials = [o for o in record.get("officials") or [] if isinstance(o, dict) and one_line(o.get("name"))]
    if officials:
        out.append('<h2 id="dai-bieu">Đại biểu, lãnh đạo</h2>\n<ul>\n' + "".join(
            f"<li><strong>{h(o['name'])}</strong>" + (f", {h(o.get('title'))}" if one_line(o.get("title")) else "")
            + "</li>\n" for o in officials
        ) + "</ul>\n")

    body = body_html(without_headline(record.get("body"), title_of(record)))
    if body:
        out.append(f'<h2 id="noi-dung">Nội dung</h2>\n{body}')
    out.append(related)
    out.append("</div>\n")
    return "".join(out)
