"""The province an article belongs to: from the places its text names, else its outlet, else none.

Evidence, in order: the article's scope (a national body or a cluster of several provinces belongs to
no province: `tdkt.extract.scope`); the place in the unit's own name ("UBND huyện Kiến Xương", "Sở Tư
pháp Long An"); the venue in the lead ("tại thành phố Cao Lãnh, tỉnh Đồng Tháp"); every place the
headline and the text name, weighed together with the publishing outlet's province. A page that names
no place takes its outlet's province; without one the province stays empty, with a warning.

A name is a place when it comes with its place word ("tỉnh Hòa Bình", "TP Hồ Chí Minh", "huyện Châu
Thành"), or alone when nothing makes it part of a longer name: "phong cách Hồ Chí Minh", "Phường
Nguyễn Thái Bình", "Trường Đại học An Giang", "đường Thái Bình" are a person, a ward, a school and a
street. A district name several provinces share ("Châu Thành") goes to the one the article's other
places lie in (communes and towns included); when nothing settles it the province stays empty.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from tdkt import places
from tdkt.extract.scan import by_first_letter, finditer_from
from tdkt.extract.scope import national_scope
from tdkt.text import fold

# Capital letters of Vietnamese place names; names may carry apostrophes (Ea H'leo, Cư M'gar).
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_NAME = "[" + UPPER + r"][\w'’]*"
_TYPED = re.compile(
    r"(?<!\w)(tỉnh|Tỉnh|huyện|Huyện|thị xã|Thị xã|TX\.?|quận|Quận|thành phố|Thành phố|TP\.?|"
    r"[Tt]ỉnh ủy|[Hh]uyện ủy|[Tt]hị ủy|[Tt]hành ủy|[Qq]uận ủy)\s*"
    r"(" + _NAME + r"(?:\s*[-–]\s*" + _NAME + r"|\s+" + _NAME + r"){0,3}|\d{1,2}(?!\d))")
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
    # "Bà Rịa - Vũng Tàu" is written with an en dash as often as with a hyphen
    spelled = (re.escape(n).replace(r"\ \-\ ", r"\s*[-–]\s*").replace(r"\-", r"\s*[-–]\s*") for n in names)
    return re.compile(r"(?<!\w)(" + "|".join(spelled) + r")(?!\w)")


@lru_cache(maxsize=1)
def _bare_name_starts() -> re.Pattern:
    """Where a _bare_names() match can begin: the names themselves, without the lookarounds."""
    return by_first_letter(_bare_names().pattern.removeprefix(r"(?<!\w)(").removesuffix(r")(?!\w)").split("|"))


def _typed_places(text: str):
    return finditer_from(_TYPED, _TYPED_START, text)


def _bare_places(text: str):
    return finditer_from(_bare_names(), _bare_name_starts(), text)


def _resolve_typed(kind: str, name: str) -> list[str]:
    """Provinces a typed place ("huyện Châu Thành") can be in; tries shorter names on failure."""
    return list(_typed_place(kind, name)[0])


@lru_cache(maxsize=16384)
def _typed_place(kind: str, name: str) -> tuple[tuple[str, ...], bool]:
    """(provinces a typed place can be in, whether it is a province itself: "tỉnh Hà Nam", "TP.HCM")."""
    kind = _KIND.get(kind.lower().rstrip("."), kind.lower())
    words = name.split()
    for n in range(len(words), 0, -1):
        candidate = " ".join(words[:n])
        if kind == "tỉnh":
            found = places.find_province(candidate)
            if found:
                return (found,), True
            continue
        districts = places.districts_named(candidate, kind)
        if districts:
            return tuple(sorted({d.province for d in districts})), False
        if kind == "thành phố":
            found = places.find_province(candidate)
            if found:
                return (found,), True
    return (), False


# -- when a bare name is not the province ------------------------------------------------------

# Words after which a province's name is a smaller place's, a street's, a school's or an honour's
# ("xã Hòa Bình", "đường Thái Bình", "Đại học Huế"; a typed district is read by _TYPED).
_NOT_A_PROVINCE_BEFORE = re.compile(
    r"(?<!\w)(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|TP\.?|thôn|ấp|bản|khóm|xóm|làng|khu phố"
    r"|tổ dân phố|đường|phố|ngõ|hẻm|kiệt|cầu|chợ|bến|cảng|sông|núi|đèo|hồ|đảo|quảng trường|công viên"
    r"|đại học|cao đẳng|học viện|trung cấp|tiểu học|mầm non|THPT|THCS|ĐH|CĐ|chủ tịch|bác|lăng|bảo tàng"
    r"|huân chương|giải thưởng|TNCS|TNTP|tư tưởng|phong cách|đạo đức)\s+$", re.IGNORECASE)
# A school earlier in the same phrase: "Trường Cao đẳng Y tế Kiên Giang".
_SCHOOL = re.compile(r"(?i:trường|đại học|cao đẳng|học viện)|THPT|THCS")
_PHRASE_BREAK = re.compile(r"[,;:.()\[\]“”\"\n–]|\s-\s|\bvà\b")
# A capitalised word right before or after a name makes it part of a longer one: a person
# ("Nguyễn Thái Bình", "Trương Hòa Bình"), a ward ("Phường Nguyễn Thái Bình"), an ocean ("Thái Bình
# Dương"). These capitalised words stand before places in ordinary sentences.
_WORD_BEFORE = re.compile(r"(?<!\w)([" + UPPER + r"][" + LOWER + r"]+)\s$")     # not an acronym ("UBND")
_PLACE_HEADS = {"Tại", "Ở", "Về", "Và", "Của", "Cùng", "Với", "Từ", "Đến", "Nguồn", "Báo", "Đài", "Sở",
                "Cục", "Tỉnh", "Thành", "Toàn", "Cả", "Như", "Trong"}
_WORD_AFTER = re.compile(r"\s[" + UPPER + r"][" + LOWER + r"]")


def _bare_is_province(text: str, start: int, end: int) -> bool:
    """Whether the bare province name at text[start:end] stands for the province (see the module docstring)."""
    name = text[start:end]
    if fold(name) == "ho chi minh":
        return False       # the person, unless "TP" or "thành phố" stands before it (read by _TYPED)
    before = text[max(0, start - 20):start]
    if _NOT_A_PROVINCE_BEFORE.search(before):
        return False
    word = _WORD_BEFORE.search(before)
    if word and word.group(1) not in _PLACE_HEADS:
        return False
    if _WORD_AFTER.match(text, end):
        return False
    phrase_start = max(0, start - 60)
    breaks = list(_PHRASE_BREAK.finditer(text, phrase_start, start))
    phrase = text[breaks[-1].end() if breaks else phrase_start:start]
    return not _SCHOOL.search(phrase)


@dataclass(frozen=True)
class Mention:
    """A place the text names: where, the provinces it can be in, and whether its place word came with it."""

    at: int
    provinces: tuple[str, ...]
    typed: bool
    province_itself: bool = True     # "tỉnh Hà Nam", "Hà Nam"; not "huyện Kim Bảng"


def mentions(text: str) -> list[Mention]:
    """Each place the text names, in order; a province's bare name only where it is the province."""
    return list(_mentions(text))


@lru_cache(maxsize=32)      # a story is read for places twice: weighed, then for the province itself
def _mentions(text: str) -> tuple[Mention, ...]:
    found: list[Mention] = []
    spans: list[tuple[int, int]] = []
    for match in _typed_places(text):
        provinces, itself = _typed_place(match.group(1), match.group(2))
        if provinces:
            found.append(Mention(match.start(), provinces, True, itself))
            spans.append((match.start(), match.end()))
    for match in _bare_places(text):
        if any(start <= match.start() < end for start, end in spans):
            continue                      # the name of a typed place, already counted
        if not _bare_is_province(text, match.start(), match.end()):
            continue
        province = places.find_province(match.group(1))
        if province:
            found.append(Mention(match.start(), (province,), False))
    return tuple(sorted(found, key=lambda m: m.at))


def place_mentions(text: str) -> list[list[str]]:
    """Each place the text names, as the list of provinces it can be in (one for most)."""
    return [list(m.provinces) for m in mentions(text)]


def provinces_named(text: str) -> set[str]:
    """The provinces a text names unambiguously (for a cluster's member list)."""
    return {m.provinces[0] for m in mentions(text) if len(m.provinces) == 1}


_TITLE_HEAD = re.compile(r"^(" + _NAME + r"(?:\s+" + _NAME + r"){0,3})\s*(?::|\s+(?:tổng kết|tổ chức|phát động|ký kết|triển khai|khen thưởng|tuyên dương))")


def title_place(title: str | None) -> tuple[str, list]:
    """A headline opening with a bare district name ("Duy Tiên: ...", "Chư Sê tổng kết ..."): (name, districts)."""
    match = _TITLE_HEAD.match(title or "")
    if not match:
        return "", []
    name = match.group(1)
    return name, places.districts_named(name)


# -- communes, wards and towns -----------------------------------------------------------------

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


# -- weighing the evidence ---------------------------------------------------------------------

_HOST = re.compile(r"(?i:đăng cai|cụm trưởng|khối trưởng)")
# Where a _HOST match can begin, in the lower-cased text: sre scans a case-insensitive alternation
# at 50 ns a character. (None of these letters has a case-insensitive twin that lower() keeps
# apart, as dotless ı is i's; the Kelvin sign lowers to k.)
_HOST_START = re.compile("đăng|cụm|khối")


def _weigh(found: list[Mention], score: Counter, factor: float = 1.0) -> None:
    for mention in found:
        weight = 2 if mention.typed else 1.5
        for province in mention.provinces:
            score[province] += factor * (weight if len(mention.provinces) == 1 else 0.5 / len(mention.provinces))


# The sentence of the lead that states the event: its venue is the event's ("Sáng 14/11, tại tỉnh X
# diễn ra ..."); a "tại" in the next sentence may be a study tour or last year's congress.
_EVENT_STATED = re.compile(r"(?i:tổ chức|diễn ra|hội nghị|đại hội|ký kết|tổng kết|phát động|sơ kết|buổi lễ|lễ )")
_LEAD_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐ(“\"])|\n+")


def _event_sentence(lead: str) -> str:
    sentences = [s for s in _LEAD_SENTENCE.split(lead) if s.strip()]
    return next((s for s in sentences if _EVENT_STATED.search(s)), sentences[0] if sentences else "")


# A place named as where a delegation went or came from ("đoàn học tập kinh nghiệm tại tỉnh X",
# "Đoàn công tác tỉnh Y đến thăm") is another province's, no evidence for the article's own.
_VISIT_BEFORE = re.compile(
    r"(?i:học tập kinh nghiệm|trao đổi kinh nghiệm|tham quan|đoàn công tác|đoàn đại biểu|thăm và làm việc|kết nghĩa)"
    r"[^.;:\n]{0,25}$")


def _at_home(text: str, found: list[Mention]) -> list[Mention]:
    return [m for m in found if not _VISIT_BEFORE.search(text, max(0, m.at - 60), m.at)]


def _evidence(text: str, title: str | None = None) -> Counter:
    """Provinces weighed by the places the headline and the text name (the outlet is weighed apart)."""
    score: Counter = Counter()
    _, districts = title_place(title)
    for district in districts:
        score[district.province] += 2 if len(districts) == 1 else 0.5
    _weigh(mentions(title or ""), score)
    _weigh(_at_home(text, mentions(text)), score)
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


def _pooled(evidence: Counter) -> Counter:
    """Evidence for the provinces of the 34-province map (each keeps one old province's name)."""
    pooled: Counter = Counter()
    for province, weight in evidence.items():
        pooled[places.province_of(province) or province] += weight
    return pooled


def _settle(candidates: list[str], evidence: Counter, text: str, url: str | None,
            district: str | None = None, date: str | None = None,
            own: frozenset[str] = frozenset()) -> tuple[str | None, list[str]]:
    """The province of a place name several provinces share, or None and a warning when nothing settles it.

    Each candidate scores the article's other place names that lie in it: districts and provinces
    (`evidence`) and communes, wards and towns, a commune of the named district itself counting
    most; a name many provinces share counts little (the unit's own commune, `own`, not at all).
    On a real tie the outlet decides.
    """
    merged = bool(date and date >= places.REFORM_DATE)
    def new(province: str) -> str:
        return (places.province_of(province) or province) if merged else province

    candidates = list(dict.fromkeys(new(p) for p in candidates))
    if len(candidates) == 1:
        return candidates[0], []
    score = {p: float(evidence.get(p, 0)) for p in candidates}
    folded_district = fold(district) if district else None
    for name, communes in commune_mentions(text).items():
        if name in own:
            continue                  # the unit's own commune is not evidence for itself
        provinces = {new(c.province) for c in communes}
        for province in candidates:
            if province in provinces:
                score[province] += 1 / len(provinces)
                if any(new(c.province) == province and fold(c.district) == folded_district for c in communes):
                    score[province] += 1
    top = max(score.values())
    tied = [p for p in candidates if abs(score[p] - top) < 1e-9]
    if len(tied) == 1:
        return tied[0], []
    site = places.province_from_url(url)
    if site and new(site) in tied:
        return new(site), []
    name = f"'{district}' " if district else ""
    shown = ", ".join(tied[:6]) + (", ..." if len(tied) > 6 else "")
    return None, [f"ambiguous place name {name}(in {shown}); province left empty"]


def _unit_places(unit: str, date: str | None = None) -> tuple[list[str], str | None, bool]:
    """Provinces the unit's own place can be in, that place's name when several provinces share it,
    and whether the unit names the province itself (not only a district or commune of it).

    From 1 July 2025 a commune or ward is one of the new map's ("phường Buôn Ma Thuột"), looked up there."""
    typed = [(m.group(1), m.group(2)) for m in _TYPED.finditer(unit)]
    resolved = [(kind, name, _resolve_typed(kind, name)) for kind, name in typed]
    resolved = [item for item in resolved if item[2]]
    for kind, name, provinces in resolved:
        if len(provinces) == 1:
            return provinces, None, _typed_place(kind, name)[1]
    for bare in _bare_names().finditer(unit):
        if not _bare_is_province(unit, bare.start(), bare.end()):
            continue
        province = places.find_province(bare.group(1))
        if province:
            return [province], None, True
    if resolved:
        kind, name, provinces = resolved[0]
        return provinces, _district_name(kind, name), False
    if date and date >= places.REFORM_DATE:
        for match in _COMMUNE.finditer(unit):
            words = match.group(2).split()
            for n in range(len(words), 0, -1):
                provinces = places.provinces_of_commune_since_reform(" ".join(words[:n]), match.group(1).lower())
                if provinces:
                    return provinces, None, False
    communes = commune_mentions(unit)
    if communes:
        found = next(iter(communes.values()))
        return sorted({c.province for c in found}), None, False
    return [], None, False


def _district_name(kind: str, name: str) -> str | None:
    kind = _KIND.get(kind.lower().rstrip("."), kind.lower())
    words = name.split()
    for n in range(len(words), 0, -1):
        if places.districts_named(" ".join(words[:n]), kind):
            return " ".join(words[:n])
    return None


@dataclass
class ProvinceFinding:
    """The province of an article and what it rests on.

    `scope`: "province" (a province is named), "central" (a national body, a cluster above the
    provinces: no province by convention), "unknown" (no evidence). `source`: "text" (the text names
    the province), "gazetteer" (the text names a district or commune, the gazetteer its province),
    "outlet" (the publishing site's address), "none". `confidence`: "high" | "medium" | "low" | "none".
    """

    name: str | None
    scope: str
    rule: str | None
    source: str
    confidence: str
    warnings: list[str] = field(default_factory=list)


def _named_directly(province: str, title: str | None, text: str) -> bool:
    """Whether the headline or the text names the province itself, not only a place in it."""
    for found in (mentions(title or ""), mentions(text)):
        for mention in found:
            if mention.province_itself and mention.provinces == (province,):
                return True
    return False


def _found(province: str, rule: str, site: str | None, direct: bool, strong: bool,
           warnings: list[str] | None = None) -> ProvinceFinding:
    source = "text" if direct else "gazetteer"
    confidence = "high" if strong or site == province else "medium"
    return ProvinceFinding(province, "province", rule, source, confidence, warnings or [])


def resolve_province(unit: str | None, level: str | None, lead: str, text: str, url: str | None,
                     title: str | None = None, date: str | None = None) -> ProvinceFinding:
    """The province of an article (see the module docstring); `date` is its ISO date if known."""
    national = national_scope(unit, level, (title or "") + "\n" + lead, provinces_named)
    if national:
        return ProvinceFinding(None, "central", f"no province: {national}", "text", "high")
    site = places.province_from_url(url)
    evidence = _evidence(text, title)
    if date and date >= places.REFORM_DATE:
        # Since 1 July 2025 places of a merged province are one province's: weigh them together.
        evidence = _pooled(evidence)
        site = places.province_of(site) if site else None
    if unit:
        candidates, district, names_province = _unit_places(unit, date)
        if candidates:
            own = frozenset(commune_mentions(unit))
            province, warnings = _settle(candidates, evidence, text, url, district, date, own)
            if province is None:
                return ProvinceFinding(None, "unknown", None, "none", "none", warnings)
            direct = names_province or _named_directly(province, title, text)
            return _found(province, "place in the unit", site, direct, len(candidates) == 1, warnings)
    for venue in _VENUE.finditer(_event_sentence(lead)):
        found = place_mentions(venue.group(1))
        if found:
            province, warnings = _settle(found[0], evidence, text, url, date=date)
            if province is None:
                return ProvinceFinding(None, "unknown", None, "none", "none", warnings)
            direct = _named_directly(province, title, text)
            return _found(province, "venue in the lead", site, direct, len(found[0]) == 1, warnings)
        communes = commune_mentions(venue.group(1))
        if communes:
            # "tại xã Hòa Bình": a commune's name is shared more often than not; it counts when
            # the rest of the article settles it.
            province, warnings = _settle(sorted({c.province for c in next(iter(communes.values()))}),
                                         evidence, text, url, date=date)
            if province and not warnings:
                return _found(province, "venue in the lead", site, _named_directly(province, title, text), False)
    if site:
        evidence[site] += 3
    if not evidence:
        return ProvinceFinding(None, "unknown", None, "none", "none",
                               ["no province: the text names no place and the outlet gives none"])
    top = max(evidence.values())
    tied = [p for p in evidence if evidence[p] == top]     # in the order the text names them
    if len(tied) > 1:
        # Places named alike ("huyện Phú Tân" is in two provinces): the communes may settle it.
        best, _ = _settle(tied, Counter(), text, url, date=date)
        if best is None:
            return ProvinceFinding(None, "unknown", None, "none", "none",
                                   [f"ambiguous place names: {', '.join(tied)} named alike; province left empty"])
        return _found(best, "places named", site, _named_directly(best, title, text), False)
    best = tied[0]
    if best == site and evidence[best] <= 3:
        return ProvinceFinding(best, "province", "publishing site", "outlet", "medium",
                               ["province from the publishing site only"])
    direct = _named_directly(best, title, text)
    runner_up = max((v for p, v in evidence.items() if p != best), default=0)
    return _found(best, "places named", site, direct, top >= 2 * max(runner_up, 1))


_UNNAMED = re.compile(r"^(?:(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+)?(tỉnh|huyện|thị xã|quận|thành phố)$", re.IGNORECASE)


def complete_unit(unit: str, province: str | None, title: str | None = None, text: str = "",
                  date: str | None = None) -> str:
    """A unit written without its place ("UBND tỉnh", "UBND huyện") gets the place the article names.

    `province` is named as on the article's `date`. A province from the resolved province (a "tỉnh"
    never gets a centrally-run city's name: "UBND tỉnh Hà Nội" does not exist); a district from the
    headline's bare name ("Duy Tiên: ...") or the first district of that kind the text names in that
    province.
    """
    match = _UNNAMED.match(unit.strip())
    if not match or not province:
        return unit
    kind = match.group(1).lower()
    if kind == "tỉnh":
        return unit if province in places.central_cities_on(date) else f"{unit} {province}"
    if kind == "thành phố" and province in places.central_cities_on(date):
        return f"{unit} {province}"
    def inside(district: places.District) -> bool:     # the province as named on the date, or before
        return province in (district.province, places.province_name_on(district.province, date))

    name, districts = title_place(title)
    if any(inside(d) for d in districts):
        return f"{unit} {name}"
    for typed in _typed_places(text):
        if _KIND.get(typed.group(1).lower().rstrip("."), typed.group(1).lower()) == kind:
            for n in range(len(typed.group(2).split()), 0, -1):
                candidate = " ".join(typed.group(2).split()[:n])
                if any(inside(d) for d in places.districts_named(candidate, kind)):
                    return f"{unit} {candidate}"
    return unit
