"""Listing pages (one province, year or award type, paged newest first), their indexes and the home page.

Pure: records in, Markdown out. Links are relative .md paths MkDocs resolves (markup.relative).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from tdkt.site.markup import a, front_matter, h, link, md_text, relative, relpath
from tdkt.site.paths import (AWARDS_DIR, HOME, PROVINCES_DIR, UNITS_DIR, YEARS_DIR, award_page,
                             listing_page_path, listing_period_path, province_page, url_of, year_page)
from tdkt.site.sharing import listing_description
from tdkt.site.values import (NO_PROVINCE_GROUPS, NO_PROVINCE_NOTES, NO_YEAR, award_totals, award_types,
                              current_province_name, display_date, province_name, province_order,
                              sort_newest_first, totals_text, year_key, year_label)
from tdkt.taxonomy import AWARD_TYPES, article_date, province_group, title_of
from tdkt.text import one_line, slugify

NEWEST_ON_HOME = 10
# What each index page says of itself to search engines and shared links (<meta name="description">).
INDEX_DESCRIPTIONS = {
    PROVINCES_DIR: "Các bài viết về thi đua, khen thưởng theo tỉnh, thành phố, và các bài không thuộc một tỉnh, thành.",
    YEARS_DIR: "Các bài viết về thi đua, khen thưởng theo năm được tổng kết, mới nhất trước.",
    AWARDS_DIR: "Các bài viết theo hình thức khen thưởng được nêu: số bài, số lượt, số tập thể, cá nhân được khen.",
}
LISTING_PAGE_SIZE = 500  # articles per listing page


def article_list(page: str, records: list[dict], pages: dict[str, str]) -> str:
    """One line per article, newest first: date, linked title, unit."""
    lines = []
    for record in sort_newest_first(records):
        date = display_date(article_date(record)) if article_date(record) else "không rõ ngày"
        unit = one_line((record.get("unit") or {}).get("name"))
        target = relative(page, pages[str(record.get("id"))])
        lines.append(f"- {md_text(date)} · {link(title_of(record), target)}" + (f" — {md_text(unit)}" if unit else ""))
    return "\n".join(lines) + "\n"


def article_list_html(page: str, records: list[dict], pages: dict[str, str]) -> str:
    """article_list of records newest first, as one raw HTML block (the same text and links, as directory URLs): at 50,000
    articles the listings hold 200,000 links, and Python-Markdown's inline patterns over a Markdown
    link cost more than the rest of its page (the MkDocs plugin tdkt-incremental lifts the block
    out of Markdown's way, see incremental.lift_raw_blocks)."""
    start = url_of(page)
    items = []
    for record in records:  # newest first (listing_parts)
        date = display_date(article_date(record)) if article_date(record) else "không rõ ngày"
        unit = one_line((record.get("unit") or {}).get("name"))
        href = relpath(url_of(pages[str(record.get("id"))]), start)
        items.append(f"<li>{h(date)} · {a(title_of(record), href if href.endswith('/') else href + '/')}"
                     + (f" — {h(unit)}" if unit else "") + "</li>")
    return '\n\n<div class="tdkt-list">\n<ul>\n' + "\n".join(items) + "\n</ul>\n</div>\n\n"


def listing_markdown(page: str, heading: str, intro: str, records: list[dict], pages: dict[str, str]) -> str:
    """A listing page (one province, year or award type): heading, count, the articles."""
    return paged_listing(page, heading, intro, records, pages)[page]


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
            front_matter({"description": listing_description(heading, len(records))})
            + f"# {md_text(heading)}\n\n{intro if number == 1 else ''}{len(records)} bài viết, mới nhất trước{shown}.\n\n{pager}"
            + article_list(page, chunk, pages) + (f"\n{pager}" if pager else "")
        )
    return out


UNDATED = "khong-ro-ngay"   # the period of undated articles in a listing paged by date


def _period(date: str, by_month: set[str]) -> str:
    """The period of an article's date (article_date as text) in a listing paged by date."""
    if len(date) < 7 or not date[:4].isdigit():
        return UNDATED
    return date[:7] if date[:4] in by_month else date[:4]


def _period_label(period: str) -> str:
    if period == UNDATED:
        return "không rõ ngày"
    return f"tháng {period[5:7]}/{period[:4]}" if len(period) == 7 else f"năm {period}"


@dataclass
class ListingPart:
    """One page of a listing paged by date: its path, the articles its text depends on, the
    periods its navigation names, and how to make it (given the listing's intro)."""

    page: str
    records: list[dict]
    periods: list[str]
    make: Callable[[Callable[[], str]], str]


def listing_parts(first_page: str, heading: str, records: list[dict], pages: dict[str, str],
                  per_page: int | None = None, ordered: bool = False) -> list[ListingPart]:
    """A listing paged by date: at most `per_page` articles fit on one page as they are; a longer
    one gets a page per year (a year of more than `per_page`: a page per month), newest first. The
    first page has the heading, the intro, the count and the newest period; each other period a page
    of its own. So an added article changes the first page and its period's page, not every page
    after it (the pages of a listing paged by count all shift). Pure; see dated_listing.
    """
    per_page = per_page or LISTING_PAGE_SIZE
    # `ordered`: the records come newest first already (the renderer sorts the corpus once)
    ordered = records if ordered else sort_newest_first(records)
    description = front_matter({"description": listing_description(heading, len(records))})
    if len(ordered) <= per_page:
        def single(intro: Callable[[], str]) -> str:
            return (description + f"# {md_text(heading)}\n\n{intro()}{len(records)} bài viết, mới nhất trước.\n\n"
                    + article_list_html(first_page, ordered, pages))
        return [ListingPart(first_page, ordered, [], single)]
    dates = [str(article_date(record) or "") for record in ordered]
    years: dict[str, int] = defaultdict(int)
    for date in dates:
        years[_period(date, set())] += 1
    by_month = {year for year, count in years.items() if count > per_page and year != UNDATED}
    periods: dict[str, list[dict]] = {}
    for record, date in zip(ordered, dates):  # newest first, so periods come newest first, undated last
        periods.setdefault(_period(date, by_month), []).append(record)
    names = list(periods)
    paths = {name: first_page if i == 0 else listing_period_path(first_page, name) for i, name in enumerate(names)}

    def nav(page: str, current: str, counts: bool) -> str:
        return "Theo ngày của bài: " + " · ".join(
            (f"**{_period_label(name)}**" if name == current else link(_period_label(name), relative(page, paths[name])))
            + (f" ({len(periods[name])})" if counts else "") for name in names) + "\n\n"

    def first(intro: Callable[[], str]) -> str:
        newest = names[0]
        return (description + f"# {md_text(heading)}\n\n{intro()}{len(records)} bài viết, mới nhất trước.\n\n"
                + nav(first_page, newest, True) + f"## {md_text(_period_label(newest).capitalize())}\n\n"
                + article_list_html(first_page, periods[newest], pages))

    def other(name: str) -> Callable[[Callable[[], str]], str]:
        def make(intro: Callable[[], str]) -> str:
            page, label = paths[name], _period_label(name)
            return (front_matter({"description": listing_description(f"{heading}, {label}", len(periods[name]))})
                    + f"# {md_text(heading)}: {md_text(label)}\n\n{len(periods[name])} bài viết, mới nhất trước. "
                    + f"Tất cả các bài: {link(heading, relative(page, first_page))}.\n\n" + nav(page, name, False)
                    + article_list_html(page, periods[name], pages))
        return make

    return ([ListingPart(first_page, ordered, names, first)]
            + [ListingPart(paths[name], periods[name], names, other(name)) for name in names[1:]])


def dated_listing(first_page: str, heading: str, intro: str, records: list[dict], pages: dict[str, str],
                  per_page: int | None = None) -> dict[str, str]:
    """Every page of a listing paged by date (listing_parts): docs/ path -> Markdown."""
    return {part.page: part.make(lambda: intro) for part in listing_parts(first_page, heading, records, pages, per_page)}


@dataclass
class Groups:
    """The articles grouped the three ways the site lists them."""

    # province name (or one of the two groups of articles without a province, last) -> records
    provinces: dict[str, list[dict]] = field(default_factory=dict)
    current: dict[str, str] = field(default_factory=dict)            # province name -> since 2025
    years: dict[str, list[dict]] = field(default_factory=dict)       # year key -> records
    awards: dict[str, list[dict]] = field(default_factory=dict)      # award type id -> records

    def real_provinces(self) -> dict[str, list[dict]]:
        """The provinces alone, without the groups of articles that have none."""
        return {name: items for name, items in self.provinces.items() if name not in NO_PROVINCE_GROUPS}


def group_records(records: list[dict]) -> Groups:
    groups = Groups()
    provinces, years, awards = defaultdict(list), defaultdict(list), defaultdict(list)
    for record in sorted(records, key=lambda r: str(r.get("id"))):
        # every article is on one province listing: its province's, or one of the two groups
        name = province_group(record)
        provinces[name].append(record)
        if province_name(record) and current_province_name(record):
            groups.current.setdefault(name, current_province_name(record))
        years[year_key(record)].append(record)
        for kind in award_types(record):
            awards[kind].append(record)
    groups.provinces = dict(sorted(provinces.items(), key=lambda item: province_order(item[0])))
    groups.years = dict(sorted(years.items(), key=lambda item: (item[0] == NO_YEAR, item[0]), reverse=False))
    groups.awards = {kind: awards[kind] for kind in AWARD_TYPES if kind in awards}
    return groups


def provinces_index_markdown(groups: Groups) -> str:
    page = f"{PROVINCES_DIR}/index.md"
    rows = "".join(
        f"| {link(name, relative(page, province_page(name)))} | {md_text(groups.current.get(name, ''))} | {len(items)} |\n"
        for name, items in groups.real_provinces().items()
    )
    without = [(name, groups.provinces[name]) for name in NO_PROVINCE_GROUPS if name in groups.provinces]
    others = ""
    if without:
        others = (
            "\n## Không thuộc một tỉnh, thành\n\n"
            + "".join(f"- {link(name, relative(page, province_page(name)))}: {len(items)} bài viết. "
                      f"{NO_PROVINCE_NOTES[name]}\n" for name, items in without)
        )
    return (
        front_matter({"description": INDEX_DESCRIPTIONS[PROVINCES_DIR]})
        + "# Tỉnh, thành\n\nCác bài viết theo tỉnh, thành phố tại thời điểm diễn ra sự kiện; cột thứ hai cho biết "
        "địa bàn đó thuộc tỉnh, thành nào từ ngày 01/07/2025.\n\n"
        "| Tỉnh, thành | Từ 01/07/2025 thuộc | Số bài |\n|---|---|---:|\n" + rows + others
    )


def years_index_markdown(groups: Groups) -> str:
    page = f"{YEARS_DIR}/index.md"
    ordered = sorted(groups.years.items(), key=lambda item: (item[0] != NO_YEAR, item[0]), reverse=True)
    rows = "".join(
        f"| {link(year_label(key), relative(page, year_page(key)))} | {len(items)} |\n" for key, items in ordered
    )
    return (
        front_matter({"description": INDEX_DESCRIPTIONS[YEARS_DIR]})
        + "# Năm\n\nCác bài viết theo năm được tổng kết (hoặc năm diễn ra sự kiện), mới nhất trước.\n\n"
        "| Năm | Số bài |\n|---|---:|\n" + rows
    )


def awards_index_markdown(groups: Groups, totals_of: Callable[[str], tuple[int, dict[str, int]]] | None = None) -> str:
    """`totals_of(kind)`: award_totals(groups.awards[kind], kind), when the caller has them."""
    page = f"{AWARDS_DIR}/index.md"
    rows = []
    for kind, items in groups.awards.items():
        mentions, totals = totals_of(kind) if totals_of else award_totals(items, kind)
        rows.append(
            f"| {link(AWARD_TYPES[kind], relative(page, award_page(kind)))} | {len(items)} | {mentions} "
            f"| {md_text(totals_text(totals))} |\n"
        )
    return (
        front_matter({"description": INDEX_DESCRIPTIONS[AWARDS_DIR]})
        + "# Khen thưởng\n\nCác bài viết theo hình thức khen thưởng được nêu (theo Luật Thi đua, khen thưởng 2022).\n\n"
        "| Hình thức | Số bài | Số lượt | Số lượng được khen |\n|---|---:|---:|---|\n" + "".join(rows)
    )


SEARCH_FORM = (
    '<form class="tdkt-search" action="tim-kiem/" method="get" role="search">'
    '<input type="search" name="q" placeholder="Tìm trong lưu trữ, ví dụ: khen thuong hong linh" '
    'aria-label="Từ khóa tìm kiếm">'
    '<button type="submit">Tìm kiếm</button></form>\n\n'
)


def home_markdown(records: list[dict], groups: Groups, pages: dict[str, str],
                  totals_of: Callable[[str], tuple[int, dict[str, int]]] | None = None,
                  newest_first: list[dict] | None = None) -> str:
    """The home page: what the archive holds, a search box, entry points, the newest articles.
    `totals_of(kind)`: award_totals(groups.awards[kind], kind), when the caller has them (every award
    is of one kind, and on its article's listing of that kind: their sums are the whole archive's);
    `newest_first`: sort_newest_first(records), when the caller has it."""
    if totals_of is None:
        mentions, totals = award_totals(records)
    else:
        mentions, totals = 0, dict.fromkeys(award_totals([])[1], 0)
        for kind in groups.awards:
            kind_mentions, kind_totals = totals_of(kind)
            mentions += kind_mentions
            for key, count in kind_totals.items():
                totals[key] += count
    counted = f"{mentions} lượt khen thưởng" + (f" ({md_text(totals_text(totals))})" if mentions else "")
    years = [key for key in groups.years if key != NO_YEAR]
    span = f" từ {years[0]} đến {years[-1]}" if len(years) > 1 else ""
    top_provinces = sorted(groups.real_provinces().items(), key=lambda item: (-len(item[1]), slugify(item[0])))[:12]
    newest = (newest_first if newest_first is not None else sort_newest_first(records))[:NEWEST_ON_HOME]
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
        + f"Lưu trữ có **{len(records)} bài viết** của **{len(groups.real_provinces())} tỉnh, thành**, "
        f"**{len(years)} năm**{span}, với {counted}.\n\n"
        "## Duyệt theo\n\n"
        f"- **{link('Tỉnh, thành', 'tinh/index.md')}:** {province_links}\n"
        f"- **{link('Năm', 'nam/index.md')}:** {year_links}\n"
        f"- **{link('Hình thức khen thưởng', 'khen-thuong/index.md')}:** {award_links}\n"
        f"- **{link('Đơn vị tổ chức', f'{UNITS_DIR}/index.md')}:** UBND, sở, ngành, cụm, khối thi đua; "
        "mỗi đơn vị một trang qua các năm\n\n"
        "## Bài viết mới nhất\n\n" + article_list(HOME, newest, pages)
    )
