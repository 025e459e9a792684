"""Organising units: which articles are one body's, and where its page is (pure: records in, units out).

The same body is written many ways: "UBND huyện Tiền Hải", "Ủy ban nhân dân huyện Tiền Hải", "huyện
Tiền Hải"; "Cụm thi đua số 2 tỉnh Gia Lai" in a Gia Lai article is that article's "Cụm thi đua số 2";
"Cụm thi đua số II", "cụm thi đua 02". `unit_name_key` writes a name one way, by general rules, not a
list of known bodies:
- one spelling: Unicode form and tone placement (tdkt.text.normalize: "Uỷ" = "Ủy"), lower case,
  punctuation as space ("Thi đua - Khen thưởng" = "thi đua, khen thưởng"), asides in brackets out
  ("Bộ Chỉ huy Quân sự (CHQS) tỉnh");
- administrative abbreviations spelled out (UBND, HĐND, TP, TX, MTTQ, LĐLĐ, TĐKT, ...);
- a number after "cụm" / "khối" (thi đua) / "số" is a number: "số II" = "số 02" = "2", "số" optional;
- the people's committee stands for its area: "ủy ban nhân dân huyện X" = "huyện X" (the committee is
  the body that holds the area's conference);
- a closing "(của / ở) tỉnh | thành phố <the article's province>" says nothing the province does not
  ("Cụm thi đua số 2 tỉnh Gia Lai"); a bare closing province name too ("Sở Tư pháp Long An"), unless
  it is the name of a place of that level ("thành phố Hà Tĩnh" is a city, not the province).
Names that differ in a letter or a mark ("Hưng", "Hùng") stay different bodies.

Who is one unit: the same name key within one province (at the article's date), never across
provinces (ten provinces have a "huyện Châu Thành"). In the two groups of articles without a province
(tdkt.taxonomy.province_group) a name does not say which province's body it is; there articles join
only when they also come from the same outlet (the source's host), and a cluster or block named by its
number alone ("Cụm thi đua số 7") is treated the same way among central bodies, and so is a commune
(several communes of a province share a name, and the record names no district).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from tdkt.site.paths import UNITS_DIR
from tdkt.taxonomy import CENTRAL_PROVINCE_GROUP, UNKNOWN_PROVINCE_GROUP, province_group
from tdkt.text import normalize, one_line, slugify

UNIT_SLUG_LENGTH = 60

# Administrative abbreviations as bodies' names use them (lower case, after punctuation is a space).
ABBREVIATIONS = {
    "ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân", "ub": "ủy ban",
    "tp": "thành phố", "tx": "thị xã",
    "mttq": "mặt trận tổ quốc", "mttqvn": "mặt trận tổ quốc việt nam",
    "lđlđ": "liên đoàn lao động", "hđtđkt": "hội đồng thi đua khen thưởng", "tđkt": "thi đua khen thưởng",
    "btđkt": "ban thi đua khen thưởng", "ptnt": "phát triển nông thôn", "chqs": "chỉ huy quân sự",
    "tw": "trung ương", "vn": "việt nam",
}
# The levels of administrative areas, as the word before an area's name.
AREA_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
_PEOPLES_COMMITTEE = "ủy ban nhân dân "
_ASIDE = re.compile(r"\([^()]*\)")
_PUNCTUATION = re.compile(r"[^\w\s&]+")
_ROMAN = re.compile(r"^[ivxl]+$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}
_NUMBERED_AFTER = ("số", "cụm", "khối", "đua")   # "cụm thi đua 3", "khối 3", "số 3"


def _roman(token: str) -> int | None:
    if not _ROMAN.match(token):
        return None
    total = 0
    for i, char in enumerate(token):
        value = _ROMAN_VALUES[char]
        total += -value if i + 1 < len(token) and _ROMAN_VALUES[token[i + 1]] > value else value
    return total


def _numbers(tokens: list[str]) -> list[str]:
    """'số II' / 'số 02' / '2' after cụm, khối, thi đua -> '2'; 'số' before a number dropped."""
    out: list[str] = []
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else ""
        if before in _NUMBERED_AFTER:
            number = int(token) if token.isdigit() else _roman(token)
            if number is not None:
                if out and out[-1] == "số":
                    out.pop()
                out.append(str(number))
                continue
        out.append(token)
    return out


def _drop_province(text: str, province: str) -> str:
    """Without a closing qualifier naming the article's own province (see the module's note)."""
    if not province:
        return text
    name = " ".join(_tokens(province))
    for qualifier in (f" của tỉnh {name}", f" ở tỉnh {name}", f" thuộc tỉnh {name}", f" tỉnh {name}",
                      f" của thành phố {name}", f" thành phố {name}", f" ở {name}", f" của {name}"):
        if text.endswith(qualifier) and len(text) > len(qualifier):
            return text[: -len(qualifier)]
    if text.endswith(" " + name):
        head = text[: -len(name) - 1]
        if head and not any(head == word or head.endswith(" " + word) for word in AREA_WORDS):
            return head
    return text


def _tokens(text: str) -> list[str]:
    text = normalize(text).lower().replace("&", " và ")
    text = _PUNCTUATION.sub(" ", _ASIDE.sub(" ", text))
    tokens = []
    for token in text.split():
        tokens.extend(ABBREVIATIONS.get(token, token).split())
    return tokens


@lru_cache(maxsize=1 << 14)
def unit_name_key(name: str, province: str = "") -> str:
    """A body's name written one way (see the module's note); '' for no name."""
    text = " ".join(_numbers(_tokens(one_line(name))))
    if text.startswith(_PEOPLES_COMMITTEE) and any(text[len(_PEOPLES_COMMITTEE):].startswith(w + " ")
                                                   for w in AREA_WORDS):
        text = text[len(_PEOPLES_COMMITTEE):]
    return _drop_province(text, province).strip()


_GENERIC = re.compile(r"^(?:cụm|khối)(?: thi đua)?(?: \w+)?$")   # "cụm thi đua 7", "khối 3"


def _outlet(record: dict) -> str:
    try:
        return (urlsplit(one_line(record.get("url"))).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def unit_key(record: dict) -> tuple[str, str, str] | None:
    """(province group, name key, the outlet or article when the name alone says too little), or None."""
    name = one_line((record.get("unit") or {}).get("name"))
    group = province_group(record)
    province = "" if group in (CENTRAL_PROVINCE_GROUP, UNKNOWN_PROVINCE_GROUP) else group
    key = unit_name_key(name, province) if name else ""
    if not key:
        return None
    # communes share names within a province (several "xã Tân Phú"), and the record names no district
    alone = (group == UNKNOWN_PROVINCE_GROUP or (group == CENTRAL_PROVINCE_GROUP and _GENERIC.match(key))
             or (record.get("unit") or {}).get("level") == "commune")
    if alone:
        return group, key, _outlet(record) or f"id:{record.get('id')}"
    return group, key, ""


@dataclass
class Unit:
    """One organising body and its articles."""

    key: tuple[str, str, str]
    name: str = ""                                          # the spelling written most often
    group: str = ""                                         # province, or a group without one
    level: str | None = None                                # the level written most often
    spellings: list[str] = field(default_factory=list)      # every spelling, the shown one first
    records: list[dict] = field(default_factory=list)       # by id
    page: str = ""                                          # docs/ path


def group_page(group: str) -> str:
    """The units index of one province (or group): don-vi/<slug>/index.md."""
    return f"{UNITS_DIR}/{slugify(group)}/index.md"


def _unit_slug(key: tuple[str, str, str]) -> str:
    slug = slugify(key[1], max_length=UNIT_SLUG_LENGTH)
    if key[2]:  # an outlet's or an article's own unit: its page says which
        slug += "-" + hashlib.blake2b(key[2].encode(), digest_size=3).hexdigest()
    return slug


def assign_units(records: list[dict]) -> dict[tuple[str, str, str], Unit]:
    """Every unit of the corpus with its articles and page, in a stable order (group, name key)."""
    units: dict[tuple[str, str, str], Unit] = {}
    for record in sorted(records, key=lambda r: str(r.get("id"))):
        key = unit_key(record)
        if key is not None:
            units.setdefault(key, Unit(key, group=key[0])).records.append(record)
    taken: dict[str, tuple] = {}
    for key in sorted(units):
        unit = units[key]
        written = Counter(one_line(r["unit"]["name"]) for r in unit.records)
        unit.spellings = sorted(written, key=lambda s: (-written[s], s))
        unit.name = unit.spellings[0]
        levels = Counter(r["unit"].get("level") for r in unit.records if r["unit"].get("level"))
        unit.level = sorted(levels, key=lambda lv: (-levels[lv], str(lv)))[0] if levels else None
        folder = group_page(key[0])[: -len("index.md")]
        slug = _unit_slug(key)
        # two keys with one slug (names that differ only in a mark): the later one says which it is
        if folder + slug in taken or slug == "index":
            slug += "-" + hashlib.blake2b(key[1].encode(), digest_size=3).hexdigest()
        taken[folder + slug] = key
        unit.page = f"{folder}{slug}.md"
    return units


def unit_pages_of(units: dict[tuple[str, str, str], Unit]) -> dict[str, str]:
    """Article id -> its unit's docs/ page."""
    return {str(r.get("id")): unit.page for unit in units.values() for r in unit.records}


def merged_by_spelling(units: dict[tuple[str, str, str], Unit]) -> tuple[int, int]:
    """(units with more than one spelling, spellings joined into another): what the key merged."""
    several = [u for u in units.values() if len(u.spellings) > 1]
    return len(several), sum(len(u.spellings) - 1 for u in several)


def by_group(units: dict[tuple[str, str, str], Unit]) -> dict[str, list[Unit]]:
    groups: dict[str, list[Unit]] = defaultdict(list)
    for unit in units.values():
        groups[unit.group].append(unit)
    return groups
