"""The pages of organising units (/don-vi/): one page per unit, one index per province and per group of
articles without a province, and the index of those (pure: units in, Markdown out).

A unit's page lists its conferences year by year (newest first), the awards its articles report each
year (mentions and the recipients counted), and the officials who appeared, with their latest title as
written and the years. Everything shown from an article is data (markup.md_text / link).
"""

from __future__ import annotations

from collections import defaultdict

from tdkt.site.markup import front_matter, link, md_text, relative
from tdkt.site.sharing import shorten
from tdkt.site.paths import UNITS_DIR, province_page
from tdkt.site.units import Unit, by_group, group_page
from tdkt.site.values import (NO_YEAR, award_type_id, count_of, current_province_name, display_date,
                              province_order, recipients_text, sort_newest_first, year_key, year_label)
from tdkt.taxonomy import AWARD_TYPES, UNIT_LEVEL_LABELS, article_date, title_of
from tdkt.text import one_line

INDEX = f"{UNITS_DIR}/index.md"


def _years(records: list[dict]) -> dict[str, list[dict]]:
    """Year key -> the unit's articles of that year, newest year first, no year last."""
    years: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        years[year_key(record)].append(record)
    order = sorted((key for key in years if key != NO_YEAR), reverse=True) + ([NO_YEAR] if NO_YEAR in years else [])
    return {key: years[key] for key in order}


def awards_of_year(records: list[dict]) -> str:
    """'Giấy khen: 2 lượt (26 tập thể, 108 cá nhân); Bằng khen của Thủ tướng Chính phủ: 1 lượt đề nghị
    (1 cá nhân)': mentions and recipients by type, a proposal (đề nghị) never counted as given."""
    mentions: dict[tuple[str, str], int] = defaultdict(int)
    totals: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for record in records:
        for award in record.get("awards") or []:
            if not isinstance(award, dict):
                continue
            key = (award_type_id(award), " đề nghị" if award.get("status") == "proposed" else "")
            mentions[key] += 1
            for field in ("collectives", "individuals", "households", "organizations"):
                totals[key][field] += count_of(award.get(field)) or 0
    parts = []
    for kind in AWARD_TYPES:
        for status in ("", " đề nghị"):
            if mentions.get((kind, status)):
                counted = recipients_text({k: v for k, v in totals[(kind, status)].items() if v})
                parts.append(f"{AWARD_TYPES[kind]}: {mentions[(kind, status)]} lượt{status}"
                             + (f" ({counted})" if counted else ""))
    return "; ".join(parts)


def officials_of(records: list[dict]) -> list[tuple[str, list[str], list[str]]]:
    """(name, titles as written, years) of each official named in the unit's articles, by name."""
    from tdkt.site.officials import name_key

    seen: dict[str, dict] = {}
    for record in sort_newest_first(records):
        for official in record.get("officials") or []:
            if not isinstance(official, dict) or not one_line(official.get("name")):
                continue
            name = one_line(official["name"])
            entry = seen.setdefault(name_key(name), {"names": defaultdict(int), "titles": [], "years": []})
            entry["names"][name] += 1
            title = one_line(official.get("title"))
            if title and title not in entry["titles"]:
                entry["titles"].append(title)
            year = year_key(record)
            if year != NO_YEAR and year not in entry["years"]:
                entry["years"].append(year)
    people = []
    for entry in seen.values():
        name = sorted(entry["names"], key=lambda n: (-entry["names"][n], n))[0]
        people.append((name, entry["titles"], sorted(entry["years"], reverse=True)))
    return sorted(people, key=lambda p: (p[0].split()[-1:], p[0]))


def _place(unit: Unit) -> str:
    current = next((current_province_name(r) for r in unit.records if current_province_name(r)), "")
    if current and current != unit.group:
        return f"{unit.group} (từ 01/07/2025 thuộc {current})"
    return unit.group


def _span(records: list[dict]) -> str:
    years = sorted({year_key(r) for r in records} - {NO_YEAR})
    return "" if not years else years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"


def unit_markdown(unit: Unit, pages: dict[str, str]) -> str:
    """One unit's page."""
    page = unit.page
    level = UNIT_LEVEL_LABELS.get(unit.level or "")
    span = _span(unit.records)
    description = shorten(f"{unit.name} ({unit.group}): {len(unit.records)} bài viết về thi đua, khen thưởng"
                          + (f", {span}." if span else "."))
    out = [front_matter({"description": description}), f"# {md_text(unit.name)}\n\n"]
    facts = [md_text(level)] if level else []
    facts.append(link(_place(unit), relative(page, province_page(unit.group)))
                 + f" ({link('các đơn vị', relative(page, group_page(unit.group)))})")
    facts.append(f"{len(unit.records)} bài viết" + (f", {span}" if span else ""))
    out.append(" · ".join(facts) + ".\n\n")
    if len(unit.spellings) > 1:
        out.append("Cùng đơn vị, cũng viết: " + "; ".join(md_text(s) for s in unit.spellings[1:]) + ".\n\n")
    for year, records in _years(unit.records).items():
        out.append(f"## {md_text(year_label(year))}\n\n")
        for record in sort_newest_first(records):
            date = display_date(article_date(record)) if article_date(record) else "không rõ ngày"
            out.append(f"- {md_text(date)} · {link(title_of(record), relative(page, pages[str(record.get('id'))]))}\n")
        awards = awards_of_year(records)
        if awards:
            out.append(f"\nKhen thưởng được nêu: {md_text(awards)}.\n")
        out.append("\n")
    people = officials_of(unit.records)
    if people:
        out.append("## Đại biểu, lãnh đạo\n\n")
        # the latest title only: a leader's titles over a decade are on the officials index (/can-bo/)
        for name, titles, years in people:
            out.append(f"- {md_text(name)}" + (f", {md_text(titles[0])}" if titles else "")
                       + (f" ({md_text(', '.join(years))})" if years else "") + "\n")
    return "".join(out)


def group_index_markdown(group: str, units: list[Unit]) -> str:
    """The units of one province (or group): name, level, articles, years."""
    page = group_page(group)
    rows = "".join(
        f"| {link(u.name, relative(page, u.page))} | {md_text(UNIT_LEVEL_LABELS.get(u.level or '', ''))} "
        f"| {len(u.records)} | {md_text(_span(u.records))} |\n"
        for u in sorted(units, key=lambda u: (-len(u.records), u.key))
    )
    return (front_matter({"description": shorten(f"Các đơn vị tổ chức hội nghị thi đua, khen thưởng: {group}.")})
            + f"# Đơn vị tổ chức: {md_text(group)}\n\n{len(units)} đơn vị, nhiều bài viết nhất trước. "
            + f"Các bài viết của {link(group, relative(page, province_page(group)))} theo thời gian: trang tỉnh, thành.\n\n"
            + "| Đơn vị | Cấp | Số bài | Năm |\n|---|---|---:|---|\n" + rows)


def units_index_markdown(groups: dict[str, list[Unit]]) -> str:
    """/don-vi/: every province (and group) with its number of units."""
    rows = "".join(f"| {link(group, relative(INDEX, group_page(group)))} | {len(units)} "
                   f"| {sum(len(u.records) for u in units)} |\n"
                   for group, units in sorted(groups.items(), key=lambda item: province_order(item[0])))
    return (front_matter({"description": "Các đơn vị tổ chức hội nghị thi đua, khen thưởng, theo tỉnh, thành."})
            + "# Đơn vị tổ chức\n\nMỗi đơn vị (UBND, sở, ngành, cụm, khối thi đua...) một trang: các hội nghị theo "
            "năm, khen thưởng được nêu, đại biểu có mặt. Các cách viết khác nhau của cùng một đơn vị trong một "
            "tỉnh (viết tắt, chữ hoa, cách đặt dấu) được gộp; cùng tên ở hai tỉnh là hai đơn vị.\n\n"
            "| Tỉnh, thành | Số đơn vị | Số bài |\n|---|---:|---:|\n" + rows)


def unit_pages(units: dict, pages: dict[str, str]) -> dict[str, str]:
    """docs/ path -> Markdown of every unit page and index (pure)."""
    out = {unit.page: unit_markdown(unit, pages) for unit in units.values()}
    groups = by_group(units)
    for group, members in groups.items():
        out[group_page(group)] = group_index_markdown(group, members)
    out[INDEX] = units_index_markdown(groups)
    return out
