"""Then and now below the province: which new commune or ward (since 1 July 2025) a commune-level
unit of an article became, from the gazetteer's own 2025 conversion table (vietnam-provinces).

Only where the gazetteer gives one clear answer: the unit is a commune, ward or township
(xã, phường, thị trấn) whose exact name and type match exactly one legacy ward of the article's
province, and that ward went whole into exactly one new ward. Anything else (a district, which
the reform abolished; a name several communes of the province share; a commune split between
new ones) gets no name here, and the site says only the province.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tdkt.text import fold, normalize

_COMMUNE = re.compile(r"\b(xã|phường|thị trấn)\s+(.+)$", re.IGNORECASE)
_KINDS = {"xa": "xã", "phuong": "phường", "thi tran": "thị trấn"}


@lru_cache(maxsize=1)
def _legacy_wards() -> dict[tuple[str, str, str], list[int]]:
    """(legacy province, folded kind, folded name) -> legacy ward codes."""
    from vietnam_provinces.legacy import District, Ward

    from tdkt.places import _tables  # the province names in the archive's style

    provinces_by_code = {}
    from vietnam_provinces.legacy import Province

    styled = _tables()[0]
    for province in Province.iter_all():
        name = re.sub(r"^(Tỉnh|Thành phố)\s+", "", normalize(province.name))
        provinces_by_code[int(province.code)] = styled.get(fold(name), name)
    district_province = {int(d.code): int(d.province_code) for d in District.iter_all()}
    table: dict[tuple[str, str, str], list[int]] = {}
    for ward in Ward.iter_all():
        kind = fold(str(ward.division_type.value))
        name = normalize(ward.name)
        for prefix in ("Xã ", "Phường ", "Thị trấn "):
            if name.startswith(prefix):
                name = name[len(prefix):]
                break
        province = provinces_by_code.get(district_province.get(int(ward.district_code), -1))
        if province:
            table.setdefault((province, kind, fold(name)), []).append(int(ward.code))
    return table


@lru_cache(maxsize=16384)
def new_commune(province: str, kind: str, name: str) -> str | None:
    """'Phường Hồng Hà' for a legacy commune that went whole into one new one; else None."""
    from vietnam_provinces import Ward

    codes = _legacy_wards().get((province, fold(kind), fold(normalize(name)).strip()), [])
    if len(codes) != 1:
        return None
    successors = Ward.search_from_legacy(code=codes[0])
    if len(successors) != 1:
        return None
    return normalize(successors[0].ward.name)


def new_commune_of(record: dict) -> str | None:
    """The new commune/ward of an article's commune-level unit, when the gazetteer says clearly."""
    unit = record.get("unit") or {}
    province = (record.get("province") or {}).get("name")
    if unit.get("level") != "commune" or not province or not unit.get("name"):
        return None
    match = _COMMUNE.search(normalize(str(unit["name"])))
    if not match:
        return None
    kind = _KINDS.get(fold(match.group(1)))
    return new_commune(str(province), kind, match.group(2).strip(" .,;:")) if kind else None


def current_place_text(record: dict) -> str | None:
    """'Xã Quang Lịch, Hưng Yên' where the new commune is clear, else the new province (or None)."""
    current = (record.get("province") or {}).get("current")
    if not current:
        return None
    ward = new_commune_of(record)
    return f"{ward}, {current}" if ward else str(current)
