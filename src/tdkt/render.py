"""Render extracted article records into the Markdown pages of the site (docs/).

The heart is pure: `article_markdown`, `listing_markdown`, the index and home pages take
records and return text. `render_docs` is the I/O edge: it lays the pages out, writes only
files whose bytes changed (so MkDocs' and the search indexer's work stays incremental) and
removes generated pages that no longer have an article behind them.

Everything that came from an article (titles, names, text, URLs) is data. `md_text` turns it
into Markdown that Python-Markdown can only show as the same text: every character that could
start markup becomes an HTML entity, so no raw HTML, link, emphasis, attribute list, admonition,
list, heading or template syntax can come out of it. Paths are built from ASCII slugs only.
"""

from __future__ import annotations

import functools
import hashlib
import html
import itertools
import json
import sys
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

from tdkt.cache import write_if_changed
from tdkt.taxonomy import AWARD_TYPES, STATUS_LABELS, UNIT_LEVEL_LABELS, article_date, article_year
from tdkt.text import fold, slugify

# Sections from the data-and-insight modules (they import this module's escaping helpers lazily).
from tdkt.places_now import current_place_text
from tdkt.related import related_articles, related_markdown
from tdkt.stats import province_summary_markdown

ARTICLES_DIR = "bai-viet"
PROVINCES_DIR = "tinh"
YEARS_DIR = "nam"
AWARDS_DIR = "khen-thuong"
# Folders render_docs owns entirely; it deletes stale pages there and nowhere else.
GENERATED_DIRS = (ARTICLES_DIR, PROVINCES_DIR, YEARS_DIR, AWARDS_DIR)
HOME = "index.md"
SEARCH_PAGE = "tim-kiem.md"
NO_YEAR = "khac"
NEWEST_ON_HOME = 10
LISTING_PAGE_SIZE = 500  # articles per listing page
ARTICLE_SLUG_LENGTH = 48

UNTITLED = "(Không có tiêu đề)"
NO_YEAR_LABEL = "Không rõ năm"

# ---------------------------------------------------------------- escaping

# Characters that can open or close inline markup anywhere in a line (Python-Markdown and the
# usual extensions: emphasis, code, links/images, raw HTML, entities, attribute lists,
# Jinja-style templates, table cells, strike/mark/caret/keys, math). Entities show as the
# character itself in the browser and in the text a search indexer reads.
_INLINE_ENTITIES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "&#92;", "`": "&#96;", "*": "&#42;",
    "_": "&#95;", "[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;", "|": "&#124;",
    "~": "&#126;", "^": "&#94;", "=": "&#61;", "$": "&#36;", "+": "&#43;", "@": "&#64;",
    "#": "&#35;",  # anywhere: a heading drops its trailing #s as closing marks
}
_INLINE = re.compile("[" + re.escape("".join(_INLINE_ENTITIES)) + "]")
# At the start of a paragraph these open a block: heading, quote, list, rule, admonition
# (!!!), details (???), definition (:), blocks (///), fenced code (~~~), ordered list (1. / 1)).
_LEADING_ENTITIES = {"#": "&#35;", "-": "&#45;", "!": "&#33;", "?": "&#63;", ":": "&#58;",
                     "/": "&#47;", "%": "&#37;", ".": "&#46;"}
_ORDERED_MARKER = re.compile(r"^(\d+)([.)])")
_WHITESPACE = re.compile(r"\s+")


# Control characters (Python-Markdown's own placeholders are \x02 and \x03) and lone
# surrogates have no business in a page; whitespace controls (\t \n \r \x0b \x0c \x1c-\x1f
# \x85) and line/paragraph separators are whitespace, collapsed by `one_line`.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff]")


def _printable(text: str) -> str:
    return _CONTROL.sub("", text)


def one_line(text: object) -> str:
    """A value as one line of plain text: controls out, every whitespace run one space."""
    if text is None:
        return ""
    return _one_line(text if isinstance(text, str) else str(text))


@functools.lru_cache(maxsize=1 << 16)
def _one_line(text: str) -> str:
    # Cached: a page asks ~130 times, mostly for the same names (province, unit, award labels).
    # str.split() splits on exactly the characters re's \s matches (checked over every code
    # point), so this is `\s+` -> ' ' and strip, a fifth of the time.
    return " ".join(_printable(text).split())


_INLINE_TABLE = str.maketrans(_INLINE_ENTITIES)


def md_text(text: object) -> str:
    """Markdown that renders as exactly `text` (collapsed to one line), never as markup."""
    line = one_line(text)
    if _INLINE.search(line):  # most titles, dates and names have nothing to escape
        line = line.translate(_INLINE_TABLE)
    line = _ORDERED_MARKER.sub(lambda m: m.group(1) + ("&#46;" if m.group(2) == "." else "&#41;"), line)
    if line[:1] in _LEADING_ENTITIES:
        line = _LEADING_ENTITIES[line[0]] + line[1:]
    return line


def md_paragraphs(body: object) -> str:
    """The article's text: every non-empty line one paragraph, in one raw HTML block.

    Markdown does not look inside a raw HTML block, so the text needs only HTML escaping,
    and Python-Markdown skips its inline patterns over the longest part of the page (four
    times faster to build; the text is never meant to carry markup anyway).
    """
    paragraphs = body_html(body)
    return f'<div class="tdkt-body">\n{paragraphs}</div>' if paragraphs else ""


def body_html(body: object) -> str:
    """Every non-empty line of the text one HTML-escaped <p>, one per line."""
    # Controls out and HTML-escaped once over the whole text, then split: neither touches a line
    # break or white space, so each line comes out as html.escape(one_line(line)) did, 4x faster.
    text = html.escape(_printable(str(body or "")), quote=False)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "".join(f"<p>{line}</p>\n" for line in lines if line)


def safe_url(url: object) -> str | None:
    """An http(s) URL fit for a Markdown link target, or None (javascript:, data:, junk)."""
    text = one_line(url)
    if not text or " " in text:
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    # Percent-encode whatever could end the link or start markup inside it; keep the rest.
    return quote(text, safe="/:?#&=%;,+@-._!$~")


def link(label: str, target: str) -> str:
    """A Markdown link whose label is data; `target` must be a path this module built."""
    return f"[{md_text(label)}]({target})"


def _relpath(target: str, start_dir: str) -> str:
    # posixpath.relpath for the site's own clean relative paths, without its getcwd per call
    # (tens of thousands of links per build)
    target_parts = [p for p in target.split("/") if p]
    start_parts = [p for p in start_dir.split("/") if p]
    common = 0
    for a, b in zip(target_parts, start_parts):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."


def relative(from_page: str, to_page: str) -> str:
    """Link from one docs/ source file to another, as a relative .md path MkDocs resolves."""
    return _relpath(to_page, posixpath.dirname(from_page))


# libyaml's safe dumper when PyYAML has it (same output, a tenth of the time: one call per article)
_SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict) -> str:
    """YAML front matter: every string double-quoted on one line, so nothing in it can end it."""
    dumped = yaml.dump(meta, Dumper=_SAFE_DUMPER, allow_unicode=True, sort_keys=False, default_style='"',
                       width=1 << 30)
    return f"---\n{dumped}---\n\n"


# ---------------------------------------------------------------- values shown

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def display_date(value: object) -> str:
    """'2024-01-12' -> '12/01/2024'; anything else shown as the text it is."""
    match = _ISO_DATE.match(one_line(value))
    if match:
        return f"{match.group(3)}/{match.group(2)}/{match.group(1)}"
    return one_line(value)


def title_of(record: dict) -> str:
    return one_line(record.get("title")) or UNTITLED


def year_key(record: dict) -> str:
    year = article_year(record)
    return str(year) if year else NO_YEAR


def year_label(key: str) -> str:
    return NO_YEAR_LABEL if key == NO_YEAR else f"Năm {key}"


def province_name(record: dict) -> str:
    return one_line((record.get("province") or {}).get("name"))


def current_province_name(record: dict) -> str:
    return one_line((record.get("province") or {}).get("current"))


def award_type_id(award: dict) -> str:
    """The award's type id, or 'khac' for one outside the taxonomy (never a path from data)."""
    kind = award.get("type")
    return kind if kind in AWARD_TYPES else "khac"


def award_types(record: dict) -> list[str]:
    """The distinct award types of an article, in the taxonomy's order."""
    present = {award_type_id(a) for a in record.get("awards") or [] if isinstance(a, dict)}
    return [kind for kind in AWARD_TYPES if kind in present]


_RECIPIENTS = (("collectives", "tập thể"), ("individuals", "cá nhân"),
               ("households", "hộ gia đình"), ("organizations", "tổ chức"))


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def recipients_text(award: dict) -> str:
    """'26 tập thể, 108 cá nhân' from the award's counts."""
    parts = [f"{_count(award.get(key))} {label}" for key, label in _RECIPIENTS if _count(award.get(key)) is not None]
    return ", ".join(parts)


def award_detail(award: dict) -> str:
    """The award's detail, with its grade unless the detail already names it ('hạng Nhì')."""
    detail, grade = one_line(award.get("detail")), one_line(award.get("grade"))
    if grade and fold(grade) not in fold(detail):
        return f"{detail} hạng {grade}" if detail and not fold(grade).startswith("hang") else " ".join(filter(None, (detail, grade)))
    return detail


def sort_newest_first(records: Iterable[dict]) -> list[dict]:
    """Newest first by the article's date; undated last; ties by id (never by file order)."""
    dated = sorted((r for r in records if article_date(r)), key=lambda r: str(r.get("id")))
    dated.sort(key=lambda r: str(article_date(r)), reverse=True)
    undated = sorted((r for r in records if not article_date(r)), key=lambda r: str(r.get("id")))
    return dated + undated


# ---------------------------------------------------------------- page paths

def province_page(name: str) -> str:
    return f"{PROVINCES_DIR}/{slugify(name)}.md"


def year_page(key: str) -> str:
    return f"{YEARS_DIR}/{key}.md"


def award_page(kind: str) -> str:
    return f"{AWARDS_DIR}/{kind}.md"


def url_of(page: str) -> str:
    """The site URL (relative to the site root) MkDocs gives a docs/ page with directory URLs."""
    if page == HOME:
        return ""
    stem = page[: -len(".md")]
    return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


def assign_article_pages(records: list[dict]) -> dict[str, str]:
    """Article id -> its docs/ path `bai-viet/<year>/<slug>.md`, unique and deterministic.

    Articles whose title slug collides within a year all get a suffix from their id, so the
    page of one never depends on which other articles happen to be in the corpus order.
    """
    wanted: dict[tuple[str, str], list[str]] = defaultdict(list)
    for record in sorted(records, key=lambda r: str(r.get("id"))):
        # 48 characters, as the headline's anchor: an article's URL is in every listing, officials
        # line, related list, sitemap entry and download that names it (~20 copies per article).
        slug = slugify(record.get("title") or str(record.get("id")), max_length=ARTICLE_SLUG_LENGTH)
        wanted[(year_key(record), slug)].append(str(record.get("id")))
    pages: dict[str, str] = {}
    taken: set[str] = set()
    for (year, slug), ids in sorted(wanted.items()):
        for article_id in ids:
            id_slug = slugify(article_id)
            name = slug if len(ids) == 1 else f"{slug}-{id_slug[-8:].strip('-')}"
            # A title that happens to end in another article's suffix must not take its page.
            candidates = itertools.chain([name, f"{slug}-{id_slug}"], (f"{slug}-{id_slug}-{n}" for n in itertools.count(2)))
            path = next(p for p in (f"{ARTICLES_DIR}/{year}/{c}.md" for c in candidates) if p not in taken)
            taken.add(path)
            pages[article_id] = path
    return pages


# ---------------------------------------------------------------- pages

def _chips(page: str, record: dict) -> str:
    """Tag chips linking to the listing pages (Material's md-tag look, no plugin needed).

    The chips' links carry no class: tdkt.css gives `.tdkt-tags a` Material's .md-tag style once,
    instead of `class="md-tag"` on five links of every article page."""
    chips = []
    if province_name(record):
        chips.append((province_name(record), province_page(province_name(record))))
    chips.append((year_label(year_key(record)), year_page(year_key(record))))
    chips.extend((AWARD_TYPES[kind], award_page(kind)) for kind in award_types(record))
    if not chips:
        return ""
    # Raw HTML because a chip needs a class; hrefs are our own directory URLs, labels escaped.
    links = "".join(
        f'<a href="{html.escape(_dir_href(page, target))}">{_h(label)}</a>'
        for label, target in chips
    )
    return f'<nav class="md-tags tdkt-tags" aria-label="Thẻ">{links}</nav>\n\n'


def _dir_href(from_page: str, to_page: str) -> str:
    """Relative href between the directory URLs of two docs/ pages."""
    href = _relpath(url_of(to_page), url_of(from_page))
    return href if href.endswith("/") else href + "/"


def article_tags(record: dict) -> list[str]:
    tags = [province_name(record)] if province_name(record) else []
    tags.append(year_label(year_key(record)))
    tags.extend(AWARD_TYPES[kind] for kind in award_types(record))
    return tags


def _h(text: object) -> str:
    """Data as HTML text (inside the raw HTML block of an article page)."""
    return html.escape(one_line(text), quote=False)


def _a(label: object, href: str) -> str:
    """A link inside raw HTML; `href` is a directory URL this module built or a safe_url()."""
    return f'<a href="{html.escape(href, quote=True)}">{_h(label)}</a>'


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
    parts = [_h(", ".join(labels)) + (f" ({_h(reason)})" if reason else "") for reason, labels in by_reason.items()]
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
        _h(label) if url is None else _a(url if hosts.count(label) > 1 else label, url)  # one portal twice: full URLs
        for label, url in shown
    )


def article_markdown(record: dict, page: str | None = None) -> str:
    """The article's page: front matter (tags), the headline, then one raw HTML block with the
    tag chips, the facts, the awards table, the officials and the text.

    The headline stays Markdown (MkDocs takes the page title from it). The rest is HTML that
    Markdown leaves alone: Python-Markdown's inline patterns over every table cell and list item
    cost more than the rest of the build's work on the page, times every article. Links in it are
    the directory URLs of use_directory_urls (mkdocs.yml), checked by the site's integration test.
    """
    page = page or assign_article_pages([record])[str(record.get("id"))]
    out = [front_matter({"tags": article_tags(record)}), f"# {md_text(title_of(record))}\n\n",
           '<div class="tdkt-article">\n', _chips(page, record).rstrip("\n") + "\n"]

    corrected = corrections(record)
    facts = []  # (label, HTML value, the fields it shows)
    if record.get("event_date"):
        facts.append(("Ngày diễn ra", _h(display_date(record["event_date"])), ("event_date",)))
    if record.get("published_date"):
        facts.append(("Ngày đăng", _h(display_date(record["published_date"])), ("published_date",)))
    unit = record.get("unit") or {}
    if one_line(unit.get("name")):
        level = UNIT_LEVEL_LABELS.get(unit.get("level"))
        facts.append(("Đơn vị tổ chức", _h(unit["name"]) + (f" ({_h(level)})" if level else ""), ("unit",)))
    if province_name(record):
        # as text: the tag chips just above link the province and the year (one link each per page)
        text = _h(province_name(record))
        current = current_province_name(record)
        if current:
            text += f" (từ 01/07/2025 thuộc {_h(current_place_text(record) or current)})"
        facts.append(("Tỉnh, thành", text, ("province",)))
    year = year_key(record)
    facts.append(("Năm", _h(year_label(year)), ("reviewed_year", "campaign_year")))
    copies = sources_html(record)
    if copies:
        merged = len(record["sources"]) if isinstance(record.get("sources"), list) and len(record["sources"]) > 1 else 0
        facts.append((f"Nguồn ({merged} nơi đăng)" if merged else "Nguồn", copies, ("url",)))
    if one_line(record.get("author")):
        facts.append(("Tác giả", _h(record.get("author")), ("author",)))
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
                f"<tr><td>{_h(AWARD_TYPES[kind])}</td><td>{_h(detail)}</td>"
                f"<td>{_h(award.get('authority'))}</td><td>{_h(status)}</td><td>{_h(recipients_text(award))}</td></tr>\n"
            )
        out.append("</tbody>\n</table>\n")

    officials = [o for o in record.get("officials") or [] if isinstance(o, dict) and one_line(o.get("name"))]
    if officials:
        out.append('<h2 id="dai-bieu">Đại biểu, lãnh đạo</h2>\n<ul>\n' + "".join(
            f"<li><strong>{_h(o['name'])}</strong>" + (f", {_h(o.get('title'))}" if one_line(o.get("title")) else "")
            + "</li>\n" for o in officials
        ) + "</ul>\n")

    body = body_html(record.get("body"))
    if body:
        out.append(f'<h2 id="noi-dung">Nội dung</h2>\n{body}')
    out.append("</div>\n")
    return "".join(out)


def article_list(page: str, records: list[dict], pages: dict[str, str]) -> str:
    """One line per article, newest first: date, linked title, unit."""
    lines = []
    for record in sort_newest_first(records):
        date = display_date(article_date(record)) if article_date(record) else "không rõ ngày"
        unit = one_line((record.get("unit") or {}).get("name"))
        target = relative(page, pages[str(record.get("id"))])
        lines.append(f"- {md_text(date)} · {link(title_of(record), target)}" + (f" — {md_text(unit)}" if unit else ""))
    return "\n".join(lines) + "\n"


def listing_markdown(page: str, heading: str, intro: str, records: list[dict], pages: dict[str, str]) -> str:
    """A listing page (one province, year or award type): heading, count, the articles."""
    return paged_listing(page, heading, intro, records, pages)[page]


def listing_page_path(first_page: str, number: int) -> str:
    """Page `number` (1-based) of a listing whose first page is `first_page` (tinh/ha-tinh.md)."""
    # in a folder named after the listing: no slug of another listing can take that path
    return first_page if number == 1 else f"{first_page[: -len('.md')]}/trang-{number}.md"


def paged_listing(first_page: str, heading: str, intro: str, records: list[dict], pages: dict[str, str],
                  per_page: int | None = None) -> dict[str, str]:
    """A listing split into pages of `per_page` articles, newest first, with a pager.

    At 20,000 articles one award type can gather most of them: one page would weigh megabytes.
    """
    per_page = per_page or LISTING_PAGE_SIZE
    ordered = sort_newest_first(records)
    chunks = [ordered[i:i + per_page] for i in range(0, len(ordered), per_page)] or [[]]
    out = {}
    for number, chunk in enumerate(chunks, start=1):
        page = listing_page_path(first_page, number)
        pager = ""
        if len(chunks) > 1:
            pager = "Trang: " + " · ".join(
                f"**{n}**" if n == number else f"[{n}]({relative(page, listing_page_path(first_page, n))})"
                for n in range(1, len(chunks) + 1)
            ) + "\n\n"
        shown = f" (từ {(number - 1) * per_page + 1} đến {(number - 1) * per_page + len(chunk)})" if len(chunks) > 1 else ""
        out[page] = (
            f"# {md_text(heading)}\n\n{intro if number == 1 else ''}{len(records)} bài viết, mới nhất trước{shown}.\n\n{pager}"
            + article_list(page, chunk, pages) + (f"\n{pager}" if pager else "")
        )
    return out


@dataclass
class Groups:
    """The articles grouped the three ways the site lists them."""

    provinces: dict[str, list[dict]] = field(default_factory=dict)   # province name -> records
    current: dict[str, str] = field(default_factory=dict)            # province name -> since 2025
    years: dict[str, list[dict]] = field(default_factory=dict)       # year key -> records
    awards: dict[str, list[dict]] = field(default_factory=dict)      # award type id -> records


def group_records(records: list[dict]) -> Groups:
    groups = Groups()
    provinces, years, awards = defaultdict(list), defaultdict(list), defaultdict(list)
    for record in sorted(records, key=lambda r: str(r.get("id"))):
        name = province_name(record)
        if name:
            provinces[name].append(record)
            if current_province_name(record):
                groups.current.setdefault(name, current_province_name(record))
        years[year_key(record)].append(record)
        for kind in award_types(record):
            awards[kind].append(record)
    groups.provinces = dict(sorted(provinces.items(), key=lambda item: slugify(item[0])))
    groups.years = dict(sorted(years.items(), key=lambda item: (item[0] == NO_YEAR, item[0]), reverse=False))
    groups.awards = {kind: awards[kind] for kind in AWARD_TYPES if kind in awards}
    return groups


def _award_totals(records: list[dict], kind: str | None = None) -> tuple[int, dict[str, int]]:
    """How many award mentions (of one type, or all) and their recipients by kind."""
    mentions, totals = 0, {key: 0 for key, _ in _RECIPIENTS}
    for record in records:
        for award in record.get("awards") or []:
            if not isinstance(award, dict) or (kind and award_type_id(award) != kind):
                continue
            mentions += 1
            for key, _ in _RECIPIENTS:
                totals[key] += _count(award.get(key)) or 0
    return mentions, totals


def _totals_text(totals: dict[str, int]) -> str:
    return ", ".join(f"{totals[key]} {label}" for key, label in _RECIPIENTS if totals[key])


def provinces_index_markdown(groups: Groups) -> str:
    page = f"{PROVINCES_DIR}/index.md"
    rows = "".join(
        f"| {link(name, relative(page, province_page(name)))} | {md_text(groups.current.get(name, ''))} | {len(items)} |\n"
        for name, items in groups.provinces.items()
    )
    return (
        "# Tỉnh, thành\n\nCác bài viết theo tỉnh, thành phố tại thời điểm diễn ra sự kiện; cột thứ hai cho biết "
        "địa bàn đó thuộc tỉnh, thành nào từ ngày 01/07/2025.\n\n"
        "| Tỉnh, thành | Từ 01/07/2025 thuộc | Số bài |\n|---|---|---:|\n" + rows
    )


def years_index_markdown(groups: Groups) -> str:
    page = f"{YEARS_DIR}/index.md"
    ordered = sorted(groups.years.items(), key=lambda item: (item[0] != NO_YEAR, item[0]), reverse=True)
    rows = "".join(
        f"| {link(year_label(key), relative(page, year_page(key)))} | {len(items)} |\n" for key, items in ordered
    )
    return (
        "# Năm\n\nCác bài viết theo năm được tổng kết (hoặc năm diễn ra sự kiện), mới nhất trước.\n\n"
        "| Năm | Số bài |\n|---|---:|\n" + rows
    )


def awards_index_markdown(groups: Groups) -> str:
    page = f"{AWARDS_DIR}/index.md"
    rows = []
    for kind, items in groups.awards.items():
        mentions, totals = _award_totals(items, kind)
        rows.append(
            f"| {link(AWARD_TYPES[kind], relative(page, award_page(kind)))} | {len(items)} | {mentions} "
            f"| {md_text(_totals_text(totals))} |\n"
        )
    return (
        "# Khen thưởng\n\nCác bài viết theo hình thức khen thưởng được nêu (theo Luật Thi đua, khen thưởng 2022).\n\n"
        "| Hình thức | Số bài | Số lượt | Số lượng được khen |\n|---|---:|---:|---|\n" + "".join(rows)
    )


SEARCH_FORM = (
    '<form class="tdkt-search" action="tim-kiem/" method="get" role="search">'
    '<input type="search" name="q" placeholder="Tìm trong lưu trữ, ví dụ: khen thuong hong linh" '
    'aria-label="Từ khóa tìm kiếm">'
    '<button type="submit">Tìm kiếm</button></form>\n\n'
)


def home_markdown(records: list[dict], groups: Groups, pages: dict[str, str]) -> str:
    """The home page: what the archive holds, a search box, entry points, the newest articles."""
    mentions, totals = _award_totals(records)
    counted = f"{mentions} lượt khen thưởng" + (f" ({md_text(_totals_text(totals))})" if mentions else "")
    years = [key for key in groups.years if key != NO_YEAR]
    span = f" từ {years[0]} đến {years[-1]}" if len(years) > 1 else ""
    top_provinces = sorted(groups.provinces.items(), key=lambda item: (-len(item[1]), slugify(item[0])))[:12]
    newest = sort_newest_first(records)[:NEWEST_ON_HOME]
    province_links = " · ".join(link(name, province_page(name)) for name, _ in top_provinces)
    year_links = " · ".join(link(key, year_page(key)) for key in sorted(years, reverse=True)[:12])
    award_links = " · ".join(
        link(AWARD_TYPES[kind], award_page(kind))
        for kind, _ in sorted(groups.awards.items(), key=lambda item: -len(item[1]))[:8]
    )
    return (
        "# Lưu trữ tin thi đua – khen thưởng\n\n"
        "Tin bài về hội nghị tổng kết, phát động phong trào thi đua và khen thưởng của các địa phương, "
        "ngành, cụm khối thi đua, được thu thập từ các cổng thông tin và trích xuất thành dữ liệu mở.\n\n"
        + SEARCH_FORM
        + f"Lưu trữ có **{len(records)} bài viết** của **{len(groups.provinces)} tỉnh, thành**, "
        f"**{len(years)} năm**{span}, với {counted}.\n\n"
        "## Duyệt theo\n\n"
        f"- **{link('Tỉnh, thành', 'tinh/index.md')}:** {province_links}\n"
        f"- **{link('Năm', 'nam/index.md')}:** {year_links}\n"
        f"- **{link('Hình thức khen thưởng', 'khen-thuong/index.md')}:** {award_links}\n\n"
        "## Bài viết mới nhất\n\n" + article_list(HOME, newest, pages)
    )


# ---------------------------------------------------------------- the I/O edge

@dataclass
class RenderResult:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    pages: dict[str, str] = field(default_factory=dict)   # article id -> "bai-viet/<year>/<slug>/"

    def __getitem__(self, key: str):
        return getattr(self, key)


# The code an article page is made by (this module, related, places_now, taxonomy, text) and the
# libraries under it: a change to any of them changes every page's inputs digest.
_PAGE_CODE = ("render.py", "related.py", "places_now.py", "taxonomy.py", "text.py")


@functools.cache
def _code_version() -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{sys.version}|{yaml.__version__}".encode())
    for name in _PAGE_CODE:
        digest.update((Path(__file__).with_name(name)).read_bytes())
    return digest.digest()


def article_inputs_digest(record: dict, related_records: list[dict], page: str, pages: dict[str, str]) -> str:
    """A digest of everything an article page is made from: the record, its path, what the related
    list shows of each related article (id, title, date, path) and the code that renders it."""
    digest = hashlib.blake2b(_code_version(), digest_size=16)
    shown = [[str(o.get("id")), o.get("title"), article_date(o), pages[str(o.get("id"))]] for o in related_records]
    try:
        digest.update(json.dumps([page, record, shown], sort_keys=True, ensure_ascii=False, default=repr).encode())
    except (TypeError, ValueError):  # keys json cannot sort: no digest, the page is rendered
        return ""
    return digest.hexdigest()


def iter_pages(records: list[dict], pages: dict[str, str] | None = None,
               reuse: Callable[[str, str], bool] | None = None) -> Iterator[tuple[str, str | None]]:
    """Every generated page as (docs/-relative path, Markdown text), one at a time (pure).

    A generator, so that 20,000 article pages are written as they are made instead of held.
    With `reuse(path, inputs digest)`, an article page it says is still on disk as rendered
    comes as (path, None), not rendered again.
    """
    records = sorted(records, key=lambda r: str(r.get("id")))
    pages = pages or assign_article_pages(records)
    groups = group_records(records)
    related, by_id = related_articles(records), {str(r.get("id")): r for r in records}
    for r in records:
        page, related_records = pages[str(r.get("id"))], [by_id[i] for i in related[str(r.get("id"))]]
        if reuse is not None and reuse(page, article_inputs_digest(r, related_records, page, pages)):
            yield page, None
            continue
        yield page, article_markdown(r, page) + related_markdown(r, related_records, pages)
    for name, items in groups.provinces.items():
        yield from paged_listing(province_page(name), name, province_summary_markdown(name, items), items, pages).items()
    for key, items in groups.years.items():
        yield from paged_listing(year_page(key), year_label(key), "", items, pages).items()
    for kind, items in groups.awards.items():
        mentions, totals = _award_totals(items, kind)
        intro = f"{mentions} lượt khen thưởng" + (f": {md_text(_totals_text(totals))}" if any(totals.values()) else "") + ".\n\n"
        yield from paged_listing(award_page(kind), AWARD_TYPES[kind], intro, items, pages).items()
    yield f"{PROVINCES_DIR}/index.md", provinces_index_markdown(groups)
    yield f"{YEARS_DIR}/index.md", years_index_markdown(groups)
    yield f"{AWARDS_DIR}/index.md", awards_index_markdown(groups)
    yield HOME, home_markdown(records, groups, pages)


def render_pages(records: list[dict]) -> dict[str, str]:
    """Every generated page: docs/-relative path -> Markdown text (pure; tests and small corpora)."""
    return dict(iter_pages(records))


# docs/ folder -> {article page: [inputs digest, size, mtime_ns]} of the last render in this process
_MEMORY_STAMPS: dict[str, dict[str, list]] = {}
STAMPS_FILE = "render-pages.json"


def _load_stamps(docs_dir: Path, cache_dir: Path | None) -> dict[str, list]:
    if cache_dir is None:
        return _MEMORY_STAMPS.get(str(docs_dir.resolve()), {})
    try:
        saved = json.loads((Path(cache_dir) / STAMPS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    ok = isinstance(saved, dict) and saved.get("docs") == str(docs_dir.resolve()) and isinstance(saved.get("pages"), dict)
    return saved["pages"] if ok else {}


def _save_stamps(docs_dir: Path, cache_dir: Path | None, stamps: dict[str, list]) -> None:
    if cache_dir is None:
        _MEMORY_STAMPS[str(docs_dir.resolve())] = stamps
        return
    data = json.dumps({"docs": str(docs_dir.resolve()), "pages": stamps}, sort_keys=True).encode()
    write_if_changed(Path(cache_dir) / STAMPS_FILE, data)


def render_docs(records: list[dict], docs_dir: Path, cache_dir: Path | None = None) -> RenderResult:
    """Write the generated pages into docs_dir, only those whose bytes changed; drop stale ones.

    Sets record["page"] to each article's URL path (e.g. "bai-viet/2023/slug/").

    An article page whose inputs (article_inputs_digest) are those of the last render, and whose
    file is still the one written then (size and mtime), is not rendered again: most of a build's
    pages, when one article is added. What was rendered is remembered in `cache_dir` when given
    (across processes), else in memory for this process.
    """
    docs_dir = Path(docs_dir)
    result = RenderResult()
    ids = assign_article_pages(records)
    for record in records:
        record["page"] = url_of(ids[str(record.get("id"))])
        result.pages[str(record.get("id"))] = record["page"]
    previous = _load_stamps(docs_dir, cache_dir)
    stamps: dict[str, list] = {}

    def reuse(rel: str, digest: str) -> bool:
        stamp = previous.get(rel)
        if not digest or not stamp or stamp[0] != digest:
            stamps[rel] = [digest]
            return False
        try:
            stat = (docs_dir / rel).stat()
        except OSError:
            stat = None
        if stat is None or [stat.st_size, stat.st_mtime_ns] != stamp[1:]:
            stamps[rel] = [digest]
            return False
        stamps[rel] = stamp
        return True

    rendered: set[str] = set()
    for rel, text in iter_pages(records, ids, reuse):
        rendered.add(rel)
        if text is None:
            result.unchanged += 1
            continue
        if write_if_changed(docs_dir / rel, text.encode("utf-8")):
            result.written += 1
        else:
            result.unchanged += 1
        if rel in stamps:  # an article page: stamp the file as it now is
            stat = (docs_dir / rel).stat()
            stamps[rel] = [stamps[rel][0], stat.st_size, stat.st_mtime_ns]
    _save_stamps(docs_dir, cache_dir, stamps)
    for folder in GENERATED_DIRS:
        base = docs_dir / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.md"), reverse=True):
            if path.relative_to(docs_dir).as_posix() not in rendered:
                path.unlink()
                result.removed += 1
        for directory in sorted((d for d in base.rglob("*") if d.is_dir()), reverse=True):
            if not any(directory.iterdir()):
                directory.rmdir()
    return result
