"""Statistics of the archive: pure aggregates, bar charts as inline SVG, the /thong-ke/ page.

The charts are drawn here at build time as plain SVG elements (a few rectangles and text per
bar): no script, no charting service, nothing fetched, and they read the same offline. Each
chart sits next to a table of the very numbers it draws, so the figures can be read by a
screen reader and copied. Labels that come from articles (province names) are escaped as XML
text in the SVG and as Markdown text in the tables: data never becomes markup.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from tdkt.taxonomy import AWARD_TYPES, STATUS_LABELS

RECIPIENTS = (("collectives", "Tập thể"), ("individuals", "Cá nhân"),
              ("households", "Hộ gia đình"), ("organizations", "Tổ chức, doanh nghiệp"))
STATUSES = (("given", "Đã trao"), ("proposed", "Đề nghị"), ("unknown", "Không rõ"))
TOP_PROVINCES = 15
PALETTE = ("#c62828", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#4e342e",
           "#558b2f", "#283593", "#f9a825", "#37474f", "#d84315", "#00695c", "#8e24aa", "#0277bd",
           "#9e9d24", "#5d4037")
UNKNOWN_YEAR = "Không rõ"


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _awards(record: dict) -> list[dict]:
    return [a for a in record.get("awards") or [] if isinstance(a, dict)]


def _year(record: dict) -> str:
    from tdkt.taxonomy import article_year

    year = article_year(record)
    return str(year) if year else UNKNOWN_YEAR


def _years_order(keys) -> list[str]:
    return sorted(keys, key=lambda k: (k == UNKNOWN_YEAR, k))


def _province(record: dict) -> str:
    from tdkt.text import one_line

    return one_line((record.get("province") or {}).get("name"))


def _kind(award: dict) -> str:
    return award.get("type") if award.get("type") in AWARD_TYPES else "khac"


@dataclass
class Stats:
    """Every figure the statistics page shows."""

    articles: int = 0
    award_mentions: int = 0
    per_year: dict[str, int] = field(default_factory=dict)                 # year -> articles
    per_province: dict[str, int] = field(default_factory=dict)             # province -> articles, most first
    current_of: dict[str, str] = field(default_factory=dict)               # province -> since 2025
    types_per_year: dict[str, dict[str, int]] = field(default_factory=dict)     # year -> type -> mentions
    status_per_year: dict[str, dict[str, int]] = field(default_factory=dict)    # year -> status -> mentions
    recipients_per_year: dict[str, dict[str, int]] = field(default_factory=dict)  # year -> kind -> people/units given


def compute(records: list[dict]) -> Stats:
    """The aggregates (pure). Award figures count mentions; recipients count given awards only."""
    stats = Stats(articles=len(records))
    per_year: Counter = Counter()
    per_province: Counter = Counter()
    types = defaultdict(Counter)
    statuses = defaultdict(Counter)
    recipients = defaultdict(Counter)
    for record in records:
        year = _year(record)
        per_year[year] += 1
        province = _province(record)
        if province:
            per_province[province] += 1
            current = (record.get("province") or {}).get("current")
            if current:
                stats.current_of.setdefault(province, str(current))
        for award in _awards(record):
            stats.award_mentions += 1
            types[year][_kind(award)] += 1
            status = award.get("status") if award.get("status") in ("given", "proposed") else "unknown"
            statuses[year][status] += 1
            if status == "given":
                for key, _ in RECIPIENTS:
                    recipients[year][key] += _count(award.get(key))
    stats.per_year = {y: per_year[y] for y in _years_order(per_year)}
    from tdkt.text import fold

    stats.per_province = dict(sorted(per_province.items(), key=lambda item: (-item[1], fold(item[0]), item[0])))
    stats.types_per_year = {y: {k: types[y][k] for k in AWARD_TYPES if types[y][k]} for y in _years_order(types)}
    stats.status_per_year = {y: {k: statuses[y][k] for k, _ in STATUSES} for y in _years_order(statuses)}
    stats.recipients_per_year = {y: {k: recipients[y][k] for k, _ in RECIPIENTS} for y in _years_order(recipients)}
    return stats


# ---------------------------------------------------------------- SVG

def _x(text: object) -> str:
    """XML text/attribute content: always character data."""
    from tdkt.text import one_line

    return html.escape(one_line(text), quote=True)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")  # Vietnamese thousands separator


def bar_chart_svg(title: str, rows: list[tuple[str, int]], color: str = PALETTE[0]) -> str:
    """Horizontal bars, one per (label, value), value written at the bar's end."""
    label_w, bar_w, row_h, top = 170, 360, 22, 8
    width, height = label_w + bar_w + 70, top * 2 + row_h * max(1, len(rows))
    peak = max([v for _, v in rows] + [1])
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="tdkt-chart" role="img" viewBox="0 0 {width} {height}" style="max-width:100%;height:auto" '
           f'width="{width}" height="{height}" aria-label="{_x(title)}"><title>{_x(title)}</title>']
    for i, (label, value) in enumerate(rows):
        y = top + i * row_h
        w = round(bar_w * value / peak, 1)
        out.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12">{_x(label)}</text>'
                   f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 6}" fill="{color}"/>'
                   f'<text x="{label_w + w + 4}" y="{y + 15}" font-size="12">{_number(value)}</text>')
    out.append("</svg>")
    return "".join(out)


def stacked_chart_svg(title: str, rows: list[tuple[str, dict[str, int]]], series: list[tuple[str, str]]) -> str:
    """Horizontal stacked bars: one bar per row label, one colour per series key, with a legend."""
    label_w, bar_w, row_h, top = 70, 430, 22, 8
    legend_cols = 2
    legend_rows = (len(series) + legend_cols - 1) // legend_cols
    width = label_w + bar_w + 70
    height = top * 2 + row_h * max(1, len(rows)) + 18 * legend_rows + 6
    peak = max([sum(values.values()) for _, values in rows] + [1])
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="tdkt-chart" role="img" viewBox="0 0 {width} {height}" style="max-width:100%;height:auto" '
           f'width="{width}" height="{height}" aria-label="{_x(title)}"><title>{_x(title)}</title>']
    for i, (label, values) in enumerate(rows):
        y = top + i * row_h
        x = float(label_w)
        out.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12">{_x(label)}</text>')
        for j, (key, name) in enumerate(series):
            value = values.get(key, 0)
            if not value:
                continue
            w = round(bar_w * value / peak, 1)
            out.append(f'<rect x="{round(x, 1)}" y="{y + 3}" width="{w}" height="{row_h - 6}" '
                       f'fill="{PALETTE[j % len(PALETTE)]}"><title>{_x(name)}: {_number(value)}</title></rect>')
            x += w
        out.append(f'<text x="{round(x, 1) + 4}" y="{y + 15}" font-size="12">{_number(sum(values.values()))}</text>')
    legend_top = top * 2 + row_h * max(1, len(rows))
    for j, (_, name) in enumerate(series):
        lx, ly = 8 + (j % legend_cols) * (width // legend_cols), legend_top + (j // legend_cols) * 18
        out.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{PALETTE[j % len(PALETTE)]}"/>'
                   f'<text x="{lx + 16}" y="{ly + 11}" font-size="12">{_x(name)}</text>')
    out.append("</svg>")
    return "".join(out)


def figure(svg: str, caption: str) -> str:
    """The chart as a raw HTML block (no blank line inside, so Markdown leaves it whole)."""
    return f'<figure class="tdkt-figure">\n{svg}\n<figcaption>{_x(caption)}</figcaption>\n</figure>\n\n'


# ---------------------------------------------------------------- Markdown

def _table(header: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    from tdkt.site.markup import md_text

    align = ["---" if i < numeric_from else "---:" for i in range(len(header))]
    lines = ["| " + " | ".join(md_text(h) for h in header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(rows_cell for rows_cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n\n"


def _series_table(first: str, rows: list[tuple[str, dict[str, int]]], series: list[tuple[str, str]]) -> str:
    from tdkt.site.markup import md_text

    header = [first] + [name for _, name in series] + ["Tổng"]
    body = [[md_text(label)] + [_number(values.get(k, 0)) for k, _ in series] + [_number(sum(values.values()))]
            for label, values in rows]
    return _table(header, body)


def stats_markdown(records: list[dict], stats: Stats | None = None) -> str:
    """The statistics page /thong-ke/ (Markdown with inline SVG charts and their tables)."""
    from tdkt.site.markup import md_text

    stats = stats or compute(records)
    out = ["# Thống kê\n\n",
           f"Lưu trữ có {_number(stats.articles)} bài viết của {_number(len(stats.per_province))} tỉnh, thành, "
           f"với {_number(stats.award_mentions)} lượt khen thưởng được nêu. Mỗi biểu đồ có bảng số liệu đi kèm; "
           "toàn bộ dữ liệu có ở trang [Dữ liệu](../du-lieu/index.md).\n\n"]

    years = list(stats.per_year.items())
    out.append("## Số bài viết theo năm\n\n")
    out.append(figure(bar_chart_svg("Số bài viết theo năm", years), "Số bài viết theo năm được tổng kết"))
    out.append(_table(["Năm", "Số bài"], [[md_text(y), _number(n)] for y, n in years]))

    provinces = list(stats.per_province.items())
    out.append(f"## Số bài viết theo tỉnh, thành\n\n{min(TOP_PROVINCES, len(provinces))} tỉnh, thành có nhiều bài nhất "
               "(tên tỉnh tại thời điểm của bài); bảng đầy đủ ở dưới.\n\n")
    without = _without_province(records)
    if without:
        out.append("Không thuộc một tỉnh, thành: " + "; ".join(f"{md_text(name)} {_number(n)} bài"
                                                              for name, n in without.items()) + ".\n\n")
    top = provinces[:TOP_PROVINCES]
    out.append(figure(bar_chart_svg("Số bài viết theo tỉnh, thành", top, PALETTE[1]),
                      f"{len(top)} tỉnh, thành có nhiều bài viết nhất"))
    out.append("### Tất cả tỉnh, thành\n\n")
    out.append(_table(["Tỉnh, thành", "Từ 01/07/2025 thuộc", "Số bài"],
                      [[md_text(p), md_text(stats.current_of.get(p, "")), _number(n)] for p, n in provinces],
                      numeric_from=2))

    kinds = [k for k in AWARD_TYPES if any(k in t for t in stats.types_per_year.values())]
    type_series = [(k, AWARD_TYPES[k]) for k in kinds]
    type_rows = list(stats.types_per_year.items())
    out.append("## Hình thức khen thưởng theo năm\n\nSố lượt mỗi hình thức khen thưởng được nêu trong các bài, theo năm.\n\n")
    if type_rows:
        out.append(figure(stacked_chart_svg("Hình thức khen thưởng theo năm", type_rows, type_series),
                          "Số lượt khen thưởng theo hình thức và năm"))
        # One row per (year, type): a year x 18-type grid would be too wide to read.
        out.append(_table(["Năm", "Hình thức", "Số lượt"],
                          [[md_text(y), md_text(AWARD_TYPES[k]), _number(n)]
                           for y, values in type_rows for k, n in values.items()], numeric_from=2))

    status_rows = list(stats.status_per_year.items())
    status_series = [(k, STATUS_LABELS.get(k, name)) for k, name in STATUSES
                     if any(v.get(k) for _, v in status_rows)]
    out.append("## Đã trao và đề nghị\n\nKhen thưởng trao tại sự kiện và khen thưởng được đề nghị lên cấp trên, "
               "theo năm (số lượt).\n\n")
    if status_rows:
        out.append(figure(stacked_chart_svg("Đã trao và đề nghị", status_rows, status_series),
                          "Số lượt khen thưởng đã trao và đề nghị theo năm"))
        out.append(_series_table("Năm", status_rows, status_series))

    recipient_rows = [(y, v) for y, v in stats.recipients_per_year.items() if any(v.values())]
    recipient_series = [(k, name) for k, name in RECIPIENTS if any(v.get(k) for _, v in recipient_rows)]
    out.append("## Tập thể và cá nhân được khen thưởng\n\nSố tập thể, cá nhân (và hộ gia đình, tổ chức) được khen "
               "thưởng theo năm, cộng từ các khen thưởng đã trao có nêu số lượng.\n\n")
    if recipient_rows:
        out.append(figure(stacked_chart_svg("Tập thể và cá nhân được khen thưởng", recipient_rows, recipient_series),
                          "Số tập thể, cá nhân được khen thưởng theo năm"))
        out.append(_series_table("Năm", recipient_rows, recipient_series))
    return "".join(out).rstrip("\n") + "\n"


def _without_province(records: list[dict]) -> dict[str, int]:
    """Articles on the two listings of articles without a province, by listing."""
    from tdkt.site.values import NO_PROVINCE_GROUPS
    from tdkt.taxonomy import province_group

    counts = Counter(province_group(r) for r in records if not _province(r))
    return {name: counts[name] for name in NO_PROVINCE_GROUPS if counts[name]}


# ---------------------------------------------------------------- province pages

def province_summary_markdown(province: str, records: list[dict]) -> str:
    """What a province page shows above its list: since-2025 province, articles per year, award totals."""
    from tdkt.site.markup import md_text
    from tdkt.site.values import NO_PROVINCE_NOTES
    from tdkt.taxonomy import province_group

    stats = compute([r for r in records if province_group(r) == province] if province else records)
    out = [NO_PROVINCE_NOTES[province] + "\n\n"] if province in NO_PROVINCE_NOTES else []
    out.append(_units_line(province, records))
    current = stats.current_of.get(province)
    if current:
        same = current == province
        out.append(f"Từ 01/07/2025, địa bàn này thuộc {md_text(current)}"
                   + (" (không đổi tên).\n\n" if same else ".\n\n"))
        wards = sorted({w for r in records if _province(r) == province for w in [_new_ward(r)] if w})
        if wards:
            out.append("Đơn vị cấp xã mới (từ 01/07/2025) của các xã, phường trong các bài: "
                       + ", ".join(md_text(w) for w in wards) + ".\n\n")
    if stats.per_year:
        if len(stats.per_year) > 1:
            out.append(figure(bar_chart_svg(f"Số bài viết theo năm: {province}", list(stats.per_year.items())),
                              "Số bài viết theo năm"))
        out.append("**Bài viết theo năm:** " + " · ".join(f"{md_text(y)}: {_number(n)}" for y, n in stats.per_year.items())
                   + "\n\n")
    totals: Counter = Counter()
    for values in stats.types_per_year.values():
        totals.update(values)
    if totals:
        out.append("| Hình thức khen thưởng | Số lượt |\n|---|---:|\n"
                   + "".join(f"| {md_text(AWARD_TYPES[k])} | {_number(totals[k])} |\n" for k in AWARD_TYPES if totals[k])
                   + "\n")
    people = Counter()
    for values in stats.recipients_per_year.values():
        people.update(values)
    given = ", ".join(f"{_number(people[k])} {name.lower()}" for k, name in RECIPIENTS if people[k])
    if given:
        out.append(f"Được khen thưởng (đã trao, có nêu số lượng): {md_text(given)}.\n\n")
    return "".join(out)


def _units_line(province: str, records: list[dict]) -> str:
    """The link to the province's organising units (/don-vi/<province>/), when its articles name any."""
    from tdkt.site.markup import link, relative
    from tdkt.site.paths import province_page
    from tdkt.site.units import group_page, unit_key

    count = len({key for key in map(unit_key, records) if key and key[0] == province})
    if not count:
        return ""
    return f"Đơn vị tổ chức: {link(f'{count} đơn vị', relative(province_page(province), group_page(province)))}.\n\n"


def _new_ward(record: dict) -> str | None:
    from tdkt.places_now import new_commune_of

    return new_commune_of(record)
