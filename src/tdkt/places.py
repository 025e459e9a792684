"""The gazetteer: Vietnam's provinces, districts and communes before 2025, and where they went in 2025.

A thin wrapper over `vietnam-provinces` (`vietnam_provinces.legacy` for the 63 provinces, 696
districts and ~10,000 communes, wards and towns as they were, `Province.search_from_legacy` for the July 2025 mapping). Its own
search is fuzzy ("Châu Thành" also returns "Tân Châu", "Châu Đốc" ...), so the lookups here are
exact on the folded name, optionally with the unit type. The tables are built once per process
(lru_cache): extraction looks places up thousands of times per article batch.

Names are returned in the archive's style: no "Tỉnh"/"Thành phố" prefix ("Thái Bình", "Hà Nội",
"Bà Rịa - Vũng Tàu"); Huế is "Thừa Thiên Huế" before it became a city on 1 January 2025.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from tdkt.text import fold, normalize

HUE_CITY_SINCE = "2025-01-01"
REFORM_DATE = "2025-07-01"   # the 34-province map takes effect

# Districts merged away before the gazetteer's 2025 snapshot (Nghị quyết of the National
# Assembly Standing Committee, 2019-2025): the snapshot no longer knows them, articles still do.
# (Nông Sơn went into Quế Sơn and Yên Dũng into the city of Bắc Giang on 1 January 2025.)
MERGED_DISTRICTS: dict[str, str] = {
    "Trà Lĩnh": "Cao Bằng",
    "Thông Nông": "Cao Bằng",
    "Phục Hòa": "Cao Bằng",
    "Quảng Uyên": "Cao Bằng",
    "Mỹ Lộc": "Nam Định",
    "Kỳ Sơn": "Hòa Bình",          # merged into Hòa Bình city in 2019; Kỳ Sơn (Nghệ An) remains
    "Hoành Bồ": "Quảng Ninh",
    "Nông Sơn": "Quảng Nam",
    "Yên Dũng": "Bắc Giang",
}
# Urban districts merged away (Quận 2 and Quận 9 into the city of Thủ Đức, 2021).
MERGED_URBAN_DISTRICTS: dict[str, str] = {"2": "Hồ Chí Minh", "9": "Hồ Chí Minh"}

# Other spellings of province names that articles use.
PROVINCE_ALIASES: dict[str, str] = {
    "ha tay": "Hà Nội",                 # merged into Hà Nội in 2008
    "sai gon": "Hồ Chí Minh",
    "tp hcm": "Hồ Chí Minh",
    "tphcm": "Hồ Chí Minh",
    "hcm": "Hồ Chí Minh",
    "thanh pho ho chi minh": "Hồ Chí Minh",
    "hue": "Thừa Thiên Huế",
    "thua thien - hue": "Thừa Thiên Huế",
    "thua thien hue": "Thừa Thiên Huế",
    "ba ria vung tau": "Bà Rịa - Vũng Tàu",
    "ba ria-vung tau": "Bà Rịa - Vũng Tàu",
    "dac lac": "Đắk Lắk",
    "dak nong": "Đắk Nông",
}

# Short forms of province names that site addresses use (hcmcpv, tphcm, hochiminhcity).
URL_ABBREVIATIONS: dict[str, str] = {
    "hcm": "Hồ Chí Minh", "hcmc": "Hồ Chí Minh", "tphcm": "Hồ Chí Minh", "hochiminhcity": "Hồ Chí Minh",
    "saigon": "Hồ Chí Minh", "hue": "Thừa Thiên Huế",
}

CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ")


def central_cities_on(date: str | None) -> tuple[str, ...]:
    """The centrally-run cities on an ISO date: Huế is one since 1 January 2025 (a date-less article
    keeps it a provincial city: most of the archive is older)."""
    return CENTRAL_CITIES + (("Huế",) if date and date >= HUE_CITY_SINCE else ())

_PREFIX = re.compile(r"^(Tỉnh|Thành phố)\s+")
_DISTRICT_KINDS = {"huyện": "huyen", "quận": "quan", "thị xã": "thi xa", "thành phố": "thanh pho"}


def _style(name: str) -> str:
    name = normalize(_PREFIX.sub("", name))
    return "Thừa Thiên Huế" if name == "Huế" else name


@dataclass(frozen=True)
class District:
    name: str        # "Kiến Xương"
    kind: str        # folded unit type: "huyen" | "quan" | "thi xa" | "thanh pho"
    province: str    # legacy province, archive style


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, list[District]]]:
    """(folded province -> name, name -> current name, folded district -> districts)."""
    from vietnam_provinces import Province as NewProvince
    from vietnam_provinces.legacy import District as LegacyDistrict, Province as LegacyProvince

    provinces: dict[str, str] = {}
    current: dict[str, str] = {}
    codes: dict[int, str] = {}
    for province in LegacyProvince.iter_all():
        name = _style(province.name)
        codes[int(province.code)] = name
        provinces[fold(name)] = name
        successors = NewProvince.search_from_legacy(code=int(province.code))
        if successors:
            new = _style(successors[0].province.name)
            current[name] = "Huế" if new == "Thừa Thiên Huế" else new
    for alias, name in PROVINCE_ALIASES.items():
        provinces.setdefault(alias, name)

    districts: dict[str, list[District]] = {}
    for district in LegacyDistrict.iter_all():
        kind = fold(str(district.division_type.value))
        label = _bare_district(district.name)
        entry = District(label, kind, codes[int(district.province_code)])
        districts.setdefault(fold(label), []).append(entry)
    for merged, kind in ((MERGED_DISTRICTS, "huyen"), (MERGED_URBAN_DISTRICTS, "quan")):
        for label, province in merged.items():
            if all(d.province != province for d in districts.get(fold(label), [])):
                districts.setdefault(fold(label), []).append(District(label, kind, province))
    return provinces, current, districts


@dataclass(frozen=True)
class Commune:
    name: str        # "Ngã Sáu"
    kind: str        # folded unit type: "xa" | "phuong" | "thi tran"
    district: str    # legacy district, without its type ("Châu Thành")
    province: str    # legacy province, archive style


@lru_cache(maxsize=1)
def _communes() -> dict[str, list[Commune]]:
    """Folded commune / ward / town name -> the communes (before 2025) with that name.

    Built only when an article needs it (a district name several provinces share): the ~10,000
    wards are read once per process. Numbered wards ("Phường 1") are left out: every city has one.
    """
    from vietnam_provinces.legacy import District as LegacyDistrict, Province as LegacyProvince, Ward

    province_names = {int(p.code): _style(p.name) for p in LegacyProvince.iter_all()}
    districts = {int(d.code): (_bare_district(d.name), province_names[int(d.province_code)])
                 for d in LegacyDistrict.iter_all()}
    communes: dict[str, list[Commune]] = {}
    for ward in Ward.iter_all():
        label = _without_type(normalize(ward.name), ("Xã ", "Phường ", "Thị trấn "))
        if not label or label[0].isdigit():
            continue
        district, province = districts[int(ward.district_code)]
        entry = Commune(label, fold(str(ward.division_type.value)), district, province)
        communes.setdefault(fold(label), []).append(entry)
    return communes


def _without_type(label: str, prefixes: tuple[str, ...]) -> str:
    """A place's name without its type word, whatever its capitals: the gazetteer writes a couple of
    names in another style ("Thành Phố Đồng Hới", "Thành Phố Bắc Kạn", "xã Bắc ...")."""
    lowered = label.lower()
    for prefix in prefixes:
        if lowered.startswith(prefix.lower()):
            return label[len(prefix):]
    return label


def _bare_district(name: str) -> str:
    return _without_type(normalize(name), ("Huyện ", "Quận ", "Thị xã ", "Thành phố "))


def load() -> None:
    """Build every table now. A process that forks workers calls it first: the children share the
    parent's tables instead of each reading the gazetteer again (about half a second apiece)."""
    _tables()
    _communes()
    _communes_since_reform()
    _compact_names()


def communes_named(name: str, kind: str | None = None) -> list[Commune]:
    """Communes, wards and towns (before 2025) with exactly this name; `kind` ("xã" ...) narrows them."""
    found = _communes().get(fold(normalize(name)).strip(), [])
    if kind:
        wanted = fold(normalize(kind).lower())
        typed = [c for c in found if c.kind == wanted]
        return typed or found
    return list(found)


@lru_cache(maxsize=1)
def _communes_since_reform() -> dict[str, list[tuple[str, str]]]:
    """Folded commune / ward name -> (folded type, province) of the 3,321 communes since 1 July 2025."""
    from vietnam_provinces import Province as NewProvince, Ward as NewWard

    provinces = {int(p.code): _style(p.name) for p in NewProvince.iter_all()}
    communes: dict[str, list[tuple[str, str]]] = {}
    for ward in NewWard.iter_all():
        label = _without_type(normalize(ward.name), ("Xã ", "Phường ", "Thị trấn ", "Đặc khu "))
        if not label or label[0].isdigit():
            continue
        province = provinces[int(ward.province_code)]
        communes.setdefault(fold(label), []).append((fold(str(ward.division_type.value)), province))
    return communes


def provinces_of_commune_since_reform(name: str, kind: str | None = None) -> list[str]:
    """The provinces (34-province map) that have a commune or ward of this name since 1 July 2025.

    The new provinces all kept an old province's name, so each is also a legacy name."""
    found = _communes_since_reform().get(fold(normalize(name)).strip(), [])
    if kind:
        typed = [entry for entry in found if entry[0] == fold(normalize(kind).lower())]
        found = typed or found
    return sorted({province for _, province in found}, key=fold)


def legacy_province_names() -> list[str]:
    """The 63 provinces and centrally-run cities before July 2025, archive style, sorted by folded name."""
    return sorted(set(_tables()[1]), key=fold)


def current_province_names() -> list[str]:
    """The 34 provinces and cities since 1 July 2025."""
    return sorted(set(_tables()[1].values()), key=fold)


# Lookups are cached per name: an article names its places again and again, and a batch of
# articles names the same few hundred; normalising and folding each time cost a millisecond an article.
@lru_cache(maxsize=16384)
def find_province(name: str) -> str | None:
    """The legacy province a written name means ("Hoà Bình", "TP.HCM", "tỉnh Hà Nam"), exactly, or None."""
    key = fold(normalize(name)).replace("–", "-").replace("—", "-").strip(" .,;:()")
    key = re.sub(r"^(tinh|thanh pho|tp\.?)\s+", "", key)
    key = re.sub(r"[.\s]+", " ", key).strip()
    return _tables()[0].get(key) or _tables()[0].get(key.replace(" - ", " ").replace("-", " "))


def province_of(legacy_name: str) -> str | None:
    """The province a pre-2025 province belongs to since 1 July 2025: "Thái Bình" -> "Hưng Yên"."""
    name = find_province(legacy_name) or legacy_name
    return _tables()[1].get(name)


def province_name_on(legacy_name: str, date: str | None) -> str:
    """How the province is named on an ISO date: the legacy name, the new one from July 2025."""
    if date and date >= REFORM_DATE:
        return province_of(legacy_name) or legacy_name
    if legacy_name == "Thừa Thiên Huế" and date and date >= HUE_CITY_SINCE:
        return "Huế"
    return legacy_name


def districts_named(name: str, kind: str | None = None) -> list[District]:
    """Districts (before 2025) with exactly this name; `kind` ("huyện", "thị xã" ...) narrows them."""
    return list(_districts_named(name, kind))


@lru_cache(maxsize=16384)
def _districts_named(name: str, kind: str | None) -> tuple[District, ...]:
    found = _tables()[2].get(fold(normalize(name)).strip(), [])
    if kind:
        wanted = _DISTRICT_KINDS.get(normalize(kind).lower(), fold(kind))
        typed = [d for d in found if d.kind == wanted]
        # Articles call towns that became cities by their old type (and the reverse); the name
        # is what identifies the place, the type only narrows it when it can.
        return tuple(typed or found)
    return tuple(found)


# Generic parts of a host name, and the subdivision words a commune's or district's site opens with
# (phuongnguyenthaibinh.gov.vn, tpcaolanh.dongthap.gov.vn).
_HOST_NOISE = {"www", "m", "gov", "vn", "com", "org", "net", "edu", "info", "int"}
_SUBDIVISION_PREFIXES = ("phuong", "xa", "thitran", "huyen", "quan", "thixa", "thanhpho", "tp")


@lru_cache(maxsize=1)
def _compact_names() -> tuple[dict[str, str], dict[str, set[str]], dict[str, set[str]]]:
    """(compact folded province name -> province, compact district name -> provinces,
    compact commune name -> provinces): names as a site address writes them ("namdinh", "caolanh")."""
    provinces, _, districts = _tables()
    compact = {name.replace(" ", "").replace("-", ""): province for name, province in provinces.items()}
    district_names: dict[str, set[str]] = {}
    for key, entries in districts.items():
        district_names.setdefault(key.replace(" ", ""), set()).update(d.province for d in entries)
    commune_names: dict[str, set[str]] = {}
    for key, entries in _communes().items():
        commune_names.setdefault(key.replace(" ", ""), set()).update(c.province for c in entries)
    return compact, district_names, commune_names


def _smaller_place_in(label: str) -> str | None:
    """The province of a commune's or district's own site (phuongnguyenthaibinh, tpcaolanh), if one only."""
    _, district_names, commune_names = _compact_names()
    for prefix in _SUBDIVISION_PREFIXES:
        rest = label.removeprefix(prefix)
        if rest == label or len(rest) < 4:
            continue
        table = commune_names if prefix in ("phuong", "xa", "thitran") else district_names
        found = table.get(rest, set())
        if len(found) == 1:
            return next(iter(found))
    return None


@lru_cache(maxsize=4096)
def province_from_url(url: str | None) -> str | None:
    """The province a site belongs to, from its address, when the address spells it.

    From the host name: a commune's or district's own site (phuongnguyenthaibinh.gov.vn), then the
    longest province name any part of it contains (baonamdinh.vn, namgiang.quangnam.gov.vn,
    snntuyenquang.gov.vn, hcmcpv.org.vn), then a part that is a district's name several provinces do
    not share (dienban.gov.vn). Then a path segment that is a province's name (/ha-noi/). A site
    whose address names no place (national papers, portals with other names) gives None.
    """
    if not url:
        return None
    parts = urlsplit(url if "//" in url else "//" + url)
    host = (parts.hostname or "").lower()
    labels = [label for label in host.split(".") if label not in _HOST_NOISE]
    pieces = [piece for label in labels for piece in {label.replace("-", ""), *label.split("-")} if piece]
    for piece in pieces:
        province = _smaller_place_in(piece)
        if province:
            return province
    compact, district_names, _ = _compact_names()
    names = {**{k: v for k, v in compact.items() if len(k) >= 5}, **{k: v for k, v in URL_ABBREVIATIONS.items() if len(k) >= 4}}
    best: tuple[str, str] | None = None
    for piece in pieces:
        for key, province in names.items():
            if key in piece and (best is None or len(key) > len(best[0])):
                best = (key, province)
        if piece in compact or piece in URL_ABBREVIATIONS:
            exact = compact.get(piece) or URL_ABBREVIATIONS[piece]
            if best is None or len(piece) > len(best[0]):
                best = (piece, exact)
    if best:
        return best[1]
    for piece in reversed(pieces):
        found = district_names.get(piece, set())
        if len(found) == 1:
            return next(iter(found))
    for segment in parts.path.lower().split("/"):
        key = segment.replace("-", "")
        if key in compact and len(key) >= 4:
            return compact[key]
    return None
