"""The province an article belongs to, from its unit, its venue, its other place names and its site.

Order of evidence: the places in the unit's own name ("UBND huyện Kiến Xương", "Sở Tư pháp Long
An"); for a unit that names no place, the venue in the lead ("tại thành phố Cao Lãnh, tỉnh Đồng
Tháp"); then every place the text names, weighed together with the publishing site's province.
A national body with no venue is in Hà Nội. A district name several provinces share
("Châu Thành") goes to the one the article's other place names lie in, communes, wards and towns
included ("thị trấn Ngã Sáu"); on a real tie the publishing site decides, else a warning says so.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from tdkt import places
from tdkt.extract.scan import finditer_from
from tdkt.text import fold

# Capital letters of Vietnamese place names; names may carry apostrophes (Ea H'leo, Cư M'gar).
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_NAME = "[" + UPPER + r"][\w'’]*"
_TYPED = re.compile(
    r"(?<!\w)(tỉnh|Tỉnh|huyện|Huyện|thị xã|Thị xã|TX\.?|quận|Quận|thành phố|Thành phố|TP\.?|"
    r"[Tt]ỉnh ủy|[Hh]uyện ủy|[Tt]hị ủy|[Tt]hành ủy|[Qq]uận ủy)\s*"
    r"(" + _NAME + r"(?:\s*-\s*" + _NAME + r"|\s+" + _NAME + r"){0,3})")
# Where a _TYPED match can begin (it opens with a lookbehind: see tdkt.extract.scan).
_TYPED_START = re.compile(r"tỉnh|Tỉnh|huyện|Huyện|thị|Thị|TX|quận|Quận|thành|Thành|TP")
_VENUE = re.compile(r"(?i:\btại\b)([^.;:]{0,120})")
_KIND = {"tx": "thị xã", "tp": "thành phố", "tỉnh ủy": "tỉnh", "huyện ủy": "huyện", "thị ủy": "thị xã",
         "thành ủy": "thành phố", "quận ủy": "quận"}


# Other spellings of province names written without "tỉnh" / "thành phố".
_BARE_ALIASES = ("Đăk Lăk", "Đắc Lắc", "Đăk Nông", "Đắc Nông", "Kontum", "TP.HCM", "TPHCM", "TP HCM",
                 "Sài Gòn", "Thừa Thiên - Huế", "Thừa Thiên-Huế", "Bà Rịa-Vũng Tàu", "Huế")


@lru_cache(maxsize=1)
def _bare_names() -> re.Pattern:
    names = sorted([*places.legacy_province_names(), *_BARE_ALIASES], key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


@lru_cache(maxsize=1)
def _bare_name_starts() -> re.Pattern:
    """Where a _bare_names() match can begin: the names themselves, without the lookarounds."""
    return re.compile(_bare_names().pattern.removeprefix(r"(?<!\w)").removesuffix(r"(?!\w)"))


def _typed_places(text: str):
    return finditer_from(_TYPED, _TYPED_START, text)


def _bare_places(text: str):
    return finditer_from(_bare_names(), _bare_name_starts(), text)


def _resolve_typed(kind: str, name: str) -> list[str]:
    """Provinces a typed place ("huyện Châu Thành") can be in; tries shorter names on failure."""
    kind = _KIND.get(kind.lower().rstrip("."), kind.lower())
    words = name.split()
    for n in range(len(words), 0, -1):
        candidate = " ".join(words[:n])
        if kind == "tỉnh":
            found = places.find_province(candidate)
            if found:
                return [found]
            continue
        districts = places.districts_named(candidate, kind)
        if districts:
            return sorted({d.province for d in districts})
        if kind == "thành phố":
            found = places.find_province(candidate)
            if found:
                return [found]
    return []


# Words after which a province's name is a smaller place's (a typed district is read by _TYPED).
_SMALLER_PLACE_BEFORE = re.compile(
    r"(?<!\w)(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|TP\.?|thôn|ấp|bản|khóm|xóm|làng|khu phố|tổ dân phố"
    r"|đường|phố)\s+$", re.IGNORECASE)


def place_mentions(text: str) -> list[list[str]]:
    """Each place the text names, as the list of provinces it can be in (one for most)."""
    found: list[tuple[int, list[str]]] = []
    for match in _typed_places(text):
        provinces = _resolve_typed(match.group(1), match.group(2))
        if provinces:
            found.append((match.start(), provinces))
    for match in _bare_places(text):
        if _SMALLER_PLACE_BEFORE.search(text, max(0, match.start() - 14), match.start()):
            continue                      # "xã Hòa Bình", "đường Thái Bình": a commune, a street
        province = places.find_province(match.group(1))
        if province:
            found.append((match.start(), [province]))
    return [provinces for _, provinces in sorted(found, key=lambda item: item[0])]


_TITLE_HEAD = re.compile(r"^(" + _NAME + r"(?:\s+" + _NAME + r"){0,3})\s*(?::|\s+(?:tổng kết|tổ chức|phát động|ký kết|triển khai|khen thưởng|tuyên dương))")


def title_place(title: str | None) -> tuple[str, list]:
    """A headline opening with a bare district name ("Duy Tiên: ...", "Chư Sê tổng kết ..."): (name, districts)."""
    match = _TITLE_HEAD.match(title or "")
    if not match:
        return "", []
    name = match.group(1)
    return name, places.districts_named(name)


_HOST = re.compile(r"(?i:đăng cai|cụm trưởng|khối trưởng)")
# Where a _HOST match can begin, in the lower-cased text: sre scans a case-insensitive alternation
# at 50 ns a character. (None of these letters has a case-insensitive twin that lower() keeps
# apart, as dotless ı is i's; the Kelvin sign lowers to k.)
_HOST_START = re.compile("đăng|cụm|khối")


def _evidence(text: str, title: str | None = None) -> Counter:
    """Provinces weighed by the places the headline and the text name (the site is weighed apart)."""
    score: Counter = Counter()
    _, districts = title_place(title)
    for district in districts:
        score[district.province] += 2 if len(districts) == 1 else 0.5
    for provinces in place_mentions(text):
        for province in provinces:
            score[province] += 2 if len(provinces) == 1 else 0.5 / len(provinces)
    # The host of a cluster's meeting ("... tỉnh Hà Nam, Khối trưởng năm 2023 đăng cai tổ chức").
    # The words cannot straddle a sentence break, so a text without them has no such sentence.
    lowered = text.lower()
    hosts = (finditer_from(_HOST, _HOST_START, text, starts_in=lowered) if len(lowered) == len(text)
             else _HOST.finditer(text))
    if next(hosts, None) is None:
        return score
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if _HOST.search(sentence):
            for provinces in place_mentions(sentence):
                if len(provinces) == 1:
                    score[provinces[0]] += 3
    return score


# Communes, wards and towns ("thị trấn Ngã Sáu", "xã Đông Phú"); "thị xã" and "hợp tác xã" are not.
_COMMUNE = re.compile(
    r"(?<!\w)(?<![Tt]hị )(?<![Tt]ác )(xã|Xã|phường|Phường|thị trấn|Thị trấn)\s+"
    r"(" + _NAME + r"(?:\s*-\s*" + _NAME + r"|\s+" + _NAME + r"){0,3}(?:\s\d{1,2}(?!\d))?)")
_COMMUNE_START = re.compile(r"xã|Xã|phường|Phường|thị trấn|Thị trấn")


def commune_mentions(text: str) -> dict[str, list[places.Commune]]:
    """Each commune the text names (folded name -> the communes it can be), longest known name first."""
    found: dict[str, list[places.Commune]] = {}
    for match in finditer_from(_COMMUNE, _COMMUNE_START, text):
        name, communes = _commune_named(match.group(1).lower(), match.group(2))
        if communes:
            found.setdefault(fold(name), communes)
    return found


@lru_cache(maxsize=16384)
def _commune_named(kind: str, name: str) -> tuple[str, list[places.Commune]]:
    """The longest start of `name` that is a known commune, and its communes (a text repeats its places)."""
    words = name.split()
    for n in range(len(words), 0, -1):
        communes = places.communes_named(" ".join(words[:n]), kind)
        if communes:
            return " ".join(words[:n]), communes
    return name, []


def _settle(candidates: list[str], evidence: Counter, text: str, url: str | None,
            district: str | None = None) -> tuple[str, list[str]]:
    """The province of a place name several provinces share, and a warning when nothing settles it.

    Each candidate scores the article's other place names that lie in it: districts and provinces
    (`evidence`) and communes, wards and towns, a commune of the named district itself counting
    most; a name many provinces share counts little. On a real tie the publishing site decides;
    failing that the first candidate stays, with a warning.
    """
    if len(candidates) == 1:
        return candidates[0], []
    score = {p: float(evidence.get(p, 0)) for p in candidates}
    folded_district = fold(district) if district else None
    for communes in commune_mentions(text).values():
        provinces = {c.province for c in communes}
        for province in candidates:
            if province in provinces:
                score[province] += 1 / len(provinces)
                if any(c.province == province and fold(c.district) == folded_district for c in communes):
                    score[province] += 1
    top = max(score.values())
    tied = [p for p in candidates if abs(score[p] - top) < 1e-9]
    if len(tied) == 1:
        return tied[0], []
    site = places.province_from_url(url)
    if site in tied:
        return site, []
    name = f"'{district}' " if district else ""
    return tied[0], [f"ambiguous place name {name}(in {', '.join(tied)}); chose {tied[0]}"]


def _unit_places(unit: str, date: str | None = None) -> tuple[list[str], str | None]:
    """Provinces the unit's own place can be in, and that place's name when several provinces share it.

    From 1 July 2025 a commune or ward is one of the new map's ("phường Buôn Ma Thuột"), looked up there."""
    typed = [(m.group(1), m.group(2)) for m in _TYPED.finditer(unit)]
    resolved = [(kind, name, _resolve_typed(kind, name)) for kind, name in typed]
    resolved = [item for item in resolved if item[2]]
    for _, _, provinces in resolved:
        if len(provinces) == 1:
            return provinces, None
    for bare in _bare_names().finditer(unit):
        province = places.find_province(bare.group(1))
        if province:
            return [province], None
    if resolved:
        kind, name, provinces = resolved[0]
        return provinces, _district_name(kind, name)
    if date and date >= places.REFORM_DATE:
        for match in _COMMUNE.finditer(unit):
            words = match.group(2).split()
            for n in range(len(words), 0, -1):
                provinces = places.provinces_of_commune_since_reform(" ".join(words[:n]), match.group(1).lower())
                if provinces:
                    return provinces, None
    communes = commune_mentions(unit)
    if communes:
        found = next(iter(communes.values()))
        return sorted({c.province for c in found}), None
    return [], None


def _district_name(kind: str, name: str) -> str | None:
    kind = _KIND.get(kind.lower().rstrip("."), kind.lower())
    words = name.split()
    for n in range(len(words), 0, -1):
        if places.districts_named(" ".join(words[:n]), kind):
            return " ".join(words[:n])
    return None


def resolve_province(unit: str | None, level: str | None, lead: str, text: str, url: str | None,
                     title: str | None = None, date: str | None = None) -> tuple[str | None, str | None, list[str]]:
    """(legacy province, rule, warnings) for an article; `date` is the article's ISO date if known."""
    evidence = _evidence(text, title)
    if unit:
        candidates, district = _unit_places(unit, date)
        if candidates:
            province, warnings = _settle(candidates, evidence, text, url, district)
            return province, "place in the unit", warnings
    if level == "central":
        return "Hà Nội", "national body: Hà Nội", []
    for venue in _VENUE.finditer(lead):
        mentions = place_mentions(venue.group(1))
        if mentions:
            province, warnings = _settle(mentions[0], evidence, text, url)
            return province, "venue in the lead", warnings
        communes = commune_mentions(venue.group(1))
        if communes:
            # "tại xã Hòa Bình": a commune's name is shared more often than not; it counts when
            # the rest of the article settles it.
            province, warnings = _settle(sorted({c.province for c in next(iter(communes.values()))}),
                                         evidence, text, url)
            if not warnings:
                return province, "venue in the lead", []
    site = places.province_from_url(url)
    if site:
        evidence[site] += 3
    if evidence:
        top = max(evidence.values())
        tied = [p for p in evidence if evidence[p] == top]     # in the order the text names them
        best, warnings = _settle(tied, Counter(), text, url) if len(tied) > 1 else (tied[0], [])
        return best, ("publishing site" if best == site and evidence[best] <= 3 else "places named"), warnings
    if re.search(r"\b(?:Chính phủ|Trung ương|Bộ [A-ZĐ])", text):
        return "Hà Nội", "national agency: Hà Nội", ["no place named; a national agency's event, filed under Hà Nội"]
    return None, None, ["no province found"]


_UNNAMED = re.compile(r"^(?:(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+)?(tỉnh|huyện|thị xã|quận|thành phố)$", re.IGNORECASE)


def complete_unit(unit: str, province: str | None, title: str | None = None, text: str = "") -> str:
    """A unit written without its place ("UBND tỉnh", "UBND huyện") gets the place the article names.

    A province from the resolved province; a district from the headline's bare name ("Duy Tiên: ...")
    or the first district of that kind the text names in that province.
    """
    match = _UNNAMED.match(unit.strip())
    if not match or not province:
        return unit
    kind = match.group(1).lower()
    if kind == "tỉnh":
        return f"{unit} {province}"
    name, districts = title_place(title)
    if any(d.province == province for d in districts):
        return f"{unit} {name}"
    for typed in _typed_places(text):
        if _KIND.get(typed.group(1).lower().rstrip("."), typed.group(1).lower()) == kind:
            for n in range(len(typed.group(2).split()), 0, -1):
                candidate = " ".join(typed.group(2).split()[:n])
                if any(d.province == province for d in places.districts_named(candidate, kind)):
                    return f"{unit} {candidate}"
    return unit
