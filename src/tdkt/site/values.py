"""Values as the site shows them: dates, years, provinces, award types and counts, newest first.

Pure functions of a record (or records); no markup here (see markup.py), no paths (paths.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tdkt.taxonomy import AWARD_TYPES, CENTRAL_PROVINCE_GROUP, UNKNOWN_PROVINCE_GROUP, article_date, article_year
from tdkt.text import fold, one_line, slugify

NO_YEAR = "khac"            # the year key (and listing slug) of articles with no year
NO_YEAR_LABEL = "Không rõ năm"

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def display_date(value: object) -> str:
    """'2024-01-12' -> '12/01/2024'; anything else shown as the text it is."""
    match = _ISO_DATE.match(one_line(value))
    if match:
        return f"{match.group(3)}/{match.group(2)}/{match.group(1)}"
    return one_line(value)


def year_key(record: dict) -> str:
    year = article_year(record)
    return str(year) if year else NO_YEAR


def year_label(key: str) -> str:
    return NO_YEAR_LABEL if key == NO_YEAR else f"Năm {key}"


def province_name(record: dict) -> str:
    return one_line((record.get("province") or {}).get("name"))


# The listings of articles without a province (tdkt.taxonomy.province_group), in the order the
# province index shows them (after the provinces), and what each holds.
NO_PROVINCE_GROUPS = (CENTRAL_PROVINCE_GROUP, UNKNOWN_PROVINCE_GROUP)
NO_PROVINCE_NOTES = {
    CENTRAL_PROVINCE_GROUP: "Cơ quan trung ương, cụm, khối thi đua gồm nhiều tỉnh, thành.",
    UNKNOWN_PROVINCE_GROUP: "Bài viết chưa xác định được tỉnh, thành: không đoán khi không có căn cứ.",
}


def province_order(name: str) -> tuple[int, str]:
    """Provinces by their slug, then the two groups of articles without a province."""
    return (NO_PROVINCE_GROUPS.index(name) + 1 if name in NO_PROVINCE_GROUPS else 0, slugify(name))


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


def count_of(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def recipients_text(award: dict) -> str:
    """'26 tập thể, 108 cá nhân' from the award's counts."""
    parts = [f"{count_of(award.get(key))} {label}" for key, label in _RECIPIENTS if count_of(award.get(key)) is not None]
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


def award_totals(records: list[dict], kind: str | None = None) -> tuple[int, dict[str, int]]:
    """How many award mentions (of one type, or all) and their recipients by kind."""
    mentions, totals = 0, {key: 0 for key, _ in _RECIPIENTS}
    for record in records:
        for award in record.get("awards") or []:
            if not isinstance(award, dict) or (kind and award_type_id(award) != kind):
                continue
            mentions += 1
            for key, _ in _RECIPIENTS:
                totals[key] += count_of(award.get(key)) or 0
    return mentions, totals


def totals_text(totals: dict[str, int]) -> str:
    return ", ".join(f"{totals[key]} {label}" for key, label in _RECIPIENTS if totals[key])
