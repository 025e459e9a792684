"""What the synthetic corpus (benchmarks.synth) is made of: the vocabulary it composes names and
wordings from, the gazetteer's districts, and the sample articles read once into skeletons
(paragraph roles, the entities in them, a pool of prose sentences) and fragments (literal text and
the slots an article fills: dates, years, figures, places, people, unit words, wordings).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from tdkt.text import normalize

FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
                "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Lâm", "Trương", "Mai", "Cao", "Tạ")
# Common families weigh more, as on any list of Vietnamese officials.
FAMILY_WEIGHTS = (38, 11, 9, 7, 5, 3, 4, 4, 3, 3, 3, 2, 2, 2, 2, 1, 2, 2, 1, 1, 1, 1, 1)
MALE_MIDDLE = ("Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành", "Xuân", "Trọng", "Ngọc", "Huy",
               "Tiến", "Thanh", "Đình", "Khắc", "Mạnh", "Anh")
FEMALE_MIDDLE = ("Thị", "Thị Thu", "Thị Thanh", "Thị Minh", "Thị Hồng", "Ngọc", "Thu", "Thanh", "Thị Kim")
MALE_GIVEN = ("Hùng", "Dũng", "Long", "Sơn", "Tuấn", "Thắng", "Bình", "Cường", "Hải", "Phúc", "Toàn",
              "Quyết", "Tâm", "Vinh", "Khánh", "Đông", "Nam", "Trung", "Hiếu", "Lâm", "Thịnh", "Kiên",
              "Hòa", "Lợi", "Tùng", "Điệp", "Quân", "Chiến", "Huy", "Thái")
FEMALE_GIVEN = ("Hà", "Lan", "Hương", "Hằng", "Nga", "Thủy", "Mai", "Hoa", "Linh", "Trang", "Yến",
                "Huyền", "Thảo", "Oanh", "Phương", "Nhung", "Loan", "Vân")
# Family-name look-alikes in the samples that are not people.
NOT_PEOPLE = {"Hồ Chí Minh"}

# Unit words by kind: (lower, capitalised, upper, party committee, abbreviation).
UNIT_WORDS = {
    "huyện": ("huyện", "Huyện", "HUYỆN", "Huyện ủy", None),
    "thị xã": ("thị xã", "Thị xã", "THỊ XÃ", "Thị ủy", "TX"),
    "quận": ("quận", "Quận", "QUẬN", "Quận ủy", None),
    "thành phố": ("thành phố", "Thành phố", "THÀNH PHỐ", "Thành ủy", "TP"),
    "tỉnh": ("tỉnh", "Tỉnh", "TỈNH", "Tỉnh ủy", None),
}
DISTRICT_KINDS = ("huyện", "thị xã", "quận", "thành phố")
# The gazetteer's "pre-2025" list already has Huế as a city (since January 2025) with its new urban
# districts; the articles here are from 2015-2024, when it was Thừa Thiên Huế province.
PROVINCE_BEFORE_2025 = {("thành phố", "Huế"): ("tỉnh", "Thừa Thiên Huế")}
DISTRICTS_SINCE_2025 = {("quận", "Phú Xuân"), ("quận", "Thuận Hóa")}

# Wordings portals use interchangeably; each occurrence takes one at random, so that two articles
# built from the same sentences still differ every few words (none of these names an award).
VARIANTS = (
    ("đẩy mạnh", "tăng cường", "thúc đẩy"),
    ("kinh tế - xã hội", "kinh tế – xã hội", "KT-XH", "kinh tế, xã hội"),
    ("quốc phòng, an ninh", "an ninh, quốc phòng", "quốc phòng - an ninh", "QP-AN"),
    ("quan tâm", "chú trọng", "coi trọng"),
    ("kịp thời", "nhanh chóng", "đúng lúc"),
    ("sâu rộng", "rộng khắp", "sâu sắc"),
    ("biểu dương", "tuyên dương", "khen ngợi"),
    ("cán bộ, đảng viên", "cán bộ, công chức", "đảng viên, cán bộ"),
    ("hiệu quả", "thiết thực", "hiệu quả cao"),
    ("nâng cao", "cải thiện", "từng bước nâng cao"),
    ("trên địa bàn", "trên toàn địa bàn", "tại địa phương"),
    ("góp phần", "góp phần tích cực", "đóng góp"),
    ("khó khăn", "khó khăn, thách thức", "trở ngại"),
    ("thực hiện tốt", "làm tốt", "triển khai tốt"),
)
_VARIANT_OF = {wording: group for group in VARIANTS for wording in group}

_AWARD_MENTION = re.compile(
    r"huân chương|huy chương|bằng khen|giấy khen|cờ thi đua|chiến s[ĩỹ] thi đua|lao động tiên tiến"
    r"|lao động xuất sắc|kỷ niệm chương|danh hiệu", re.IGNORECASE)
_REVIEW = re.compile(r"tổng kết[^.\n]{0,90}?năm (\d{4})", re.IGNORECASE)
_YEAR_WORD = re.compile(r"năm (\d{4})")
_DOMAIN = re.compile(r"(?<![\w.])[a-z0-9-]+\.gov\.vn(?!\w)")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=\S)")
_NAME_WORD = re.compile(r"\w+")

# Dates, then numbers that are not part of a code ("66/NQ", "Covid-19") or a fraction ("17/21").
_FIGURE = re.compile(
    r"(?P<dmy>(?<![\d/])(?P<d1>\d{1,2})/(?P<m1>\d{1,2})/(?P<y1>\d{4})(?![\d/]))"
    r"|(?P<dm>(?<=ngày )(?P<d2>\d{1,2})/(?P<m2>\d{1,2})(?![\d/]))"
    r"|(?P<num>(?<![\w/.,:])(?<![^\W\d_]-)(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w/:]|[.,]\d))"
)
_COUNTED = re.compile(r"\s*(tập thể|cá nhân|hộ|doanh nghiệp|đơn vị|em|xã|dự án)\b")


@dataclass(frozen=True)
class Place:
    """A district as it was before the 2025 reform, with its province and communes."""

    district: str
    district_kind: str          # huyện | thị xã | quận | thành phố
    province: str
    province_kind: str          # tỉnh | thành phố
    communes: tuple[str, ...]
    ambiguous: bool             # another province has a district of the same name, or it is a number


def _split_kind(full_name: str, kinds: tuple[str, ...]) -> tuple[str, str]:
    name = normalize(full_name)
    for kind in sorted(kinds, key=len, reverse=True):
        if name.lower().startswith(kind + " "):
            return kind, name[len(kind) + 1:]
    return kinds[0], name


@functools.cache
def places() -> tuple[Place, ...]:
    """Every pre-2025 district of the gazetteer, in code order."""
    from collections import Counter, defaultdict

    from vietnam_provinces.legacy import District, Province, Ward

    provinces = {p.code: _split_kind(p.name, ("tỉnh", "thành phố")) for p in Province.iter_all()}
    provinces = {code: PROVINCE_BEFORE_2025.get(value, value) for code, value in provinces.items()}
    communes: dict = defaultdict(list)
    for ward in Ward.iter_all():
        communes[ward.district_code].append(_split_kind(ward.name, ("xã", "phường", "thị trấn"))[1])
    districts = list(District.iter_all())
    split = {d.code: _split_kind(d.name, DISTRICT_KINDS) for d in districts}
    name_counts = Counter(name for _, name in split.values())
    result = []
    for d in districts:
        kind, name = split[d.code]
        province_kind, province = provinces[d.province_code]
        if (kind, name) in DISTRICTS_SINCE_2025:
            continue
        result.append(Place(name, kind, province, province_kind, tuple(communes[d.code]),
                            name_counts[name] > 1 or name.isdigit()))
    return tuple(result)


@dataclass
class _Sample:
    paragraphs: list[str]
    lead: int                   # index of the paragraph that says who held what, when
    reviewed: int               # the year the sample's conference reviews
    district_kind: str
    province_kind: str
    awards: set[int]            # indices of award paragraphs
    prose: list[int]            # indices of long body paragraphs
    home: Place | None          # the district the sample is about


@dataclass
class _Entities:
    """Names found in the samples, by role; each is replaced in every synthetic article."""

    roles: dict[str, str] = field(default_factory=dict)   # surface string -> role


def _people_in(text: str, place_names: set[str]) -> set[str]:
    found = set()
    tokens = list(_NAME_WORD.finditer(text))
    for i, token in enumerate(tokens):
        if token.group() not in FAMILY_NAMES:
            continue
        parts, end = [token.group()], token.end()
        for nxt in tokens[i + 1:i + 4]:
            word = nxt.group()
            if text[end:nxt.start()] != " " or not word[0].isupper() or word.isupper():
                break
            parts.append(word)
            end = nxt.end()
        name = " ".join(parts)
        if len(parts) >= 2 and name not in NOT_PEOPLE and name not in place_names:
            found.add(name)
    return found


def _paragraphs(text: str) -> list[str]:
    return [p for p in (block.strip() for block in re.split(r"\n", normalize(text))) if p]


@functools.cache
def _model(samples_dir: Path) -> tuple[tuple[_Sample, ...], _Entities, tuple[tuple[int, str], ...]]:
    """Read the samples once: their structure, the names in them, and the pool of prose sentences."""
    files = sorted(samples_dir.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"{samples_dir}: no sample articles (*.txt) to make a corpus from")
    by_name: dict[str, list[Place]] = {}
    for place in places():
        by_name.setdefault(place.district, []).append(place)
    province_names = {p.province for p in places()}
    commune_names = {c for p in places() for c in p.communes}
    kind_words = "|".join(sorted({w for ws in UNIT_WORDS.values() for w in ws if w}, key=len, reverse=True))
    named_unit = re.compile(rf"(?<!\w)({kind_words}|xã|phường|thị trấn) (\w+(?: \w+){{0,3}})")

    entities = _Entities()
    samples, pool = [], []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        paragraphs = _paragraphs(text)
        districts, provinces = [], []
        for match in named_unit.finditer("\n".join(paragraphs)):
            kind, words = match.group(1), match.group(2).split(" ")
            # the longest run of capitalised words after the unit word that the gazetteer knows
            for size in range(len(words), 0, -1):
                candidate = " ".join(words[:size])
                if not all(w[:1].isupper() for w in words[:size]):
                    continue
                candidate_title = candidate.title() if candidate.isupper() else candidate
                if kind.lower() in ("xã", "phường", "thị trấn"):
                    if candidate_title in commune_names:
                        entities.roles.setdefault(candidate, "commune")
                        break
                elif candidate_title in province_names and kind.lower() in ("tỉnh", "thành phố"):
                    entities.roles.setdefault(candidate, "province")
                    provinces.append(candidate_title)
                    break
                elif candidate_title in by_name:
                    entities.roles.setdefault(candidate, "district")
                    districts.append((kind, candidate_title))
                    break
        for domain in _DOMAIN.findall(text):
            entities.roles.setdefault(domain, "domain")
        if districts:
            kind, name = districts[0]
            kind = {"tx": "thị xã", "tp": "thành phố"}.get(kind.lower(), kind.lower())
            candidates = by_name[name]
            home = next((p for p in candidates if p.province in provinces), candidates[0])
            district_kind, province_kind = kind, home.province_kind
        else:
            district_kind, province_kind, home = "huyện", "tỉnh", None
        place_names = {k for k, role in entities.roles.items() if role != "person"}
        for person in _people_in("\n".join(paragraphs), place_names):
            entities.roles.setdefault(person, "person")

        lead = next((i for i, p in enumerate(paragraphs) if len(p) >= 100 and "tổ chức" in p), 0)
        reviewed_match = _REVIEW.search("\n".join(paragraphs))
        if reviewed_match:
            reviewed = int(reviewed_match.group(1))
        else:
            years = [int(y) for y in _YEAR_WORD.findall(text)]
            reviewed = max(set(years), key=years.count) if years else 2023
        awards = {i for i, p in enumerate(paragraphs) if i > lead and len(p) >= 60 and _AWARD_MENTION.search(p)}
        # whole paragraphs only: a scraped page breaks some mid-sentence, and those stay where they are
        prose = [i for i, p in enumerate(paragraphs)
                 if i > lead and i not in awards and len(p) >= 150 and p[0].isupper()
                 and p.endswith((".", "./.", "…")) and p != paragraphs[lead]]
        sample_index = len(samples)
        samples.append(_Sample(paragraphs, lead, reviewed, district_kind, province_kind, awards, prose,
                               home))
        for i in prose:
            pool.extend((sample_index, s) for s in _SENTENCE_END.split(paragraphs[i])
                        if len(s) >= 60 and s[0].isupper())
    return tuple(samples), entities, tuple(pool)


# A fragment of a sample is parsed once into literal text and slots; each article fills the slots.
Slot = tuple


@functools.cache
def _fragment_pattern(samples_dir: Path) -> re.Pattern:
    names = sorted(_model(samples_dir)[1].roles, key=len, reverse=True)
    units = sorted({w for words in UNIT_WORDS.values() for w in words if w}, key=len, reverse=True)
    return re.compile(
        _FIGURE.pattern
        + r"|(?P<unit>(?<!\w)(?:" + "|".join(map(re.escape, units)) + r")(?!\w))"
        + r"|(?P<entity>(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w))"
        + r"|(?P<variant>(?<!\w)(?:" + "|".join(map(re.escape, sorted(_VARIANT_OF, key=len, reverse=True)))
        + r")(?!\w))"
    )


@functools.cache
def _parse(text: str, samples_dir: Path) -> tuple[str | Slot, ...]:
    roles = _model(samples_dir)[1].roles
    parts: list[str | Slot] = []
    position = 0
    for match in _fragment_pattern(samples_dir).finditer(text):
        parts.append(text[position:match.start()])
        position = match.end()
        if match["dmy"]:
            parts.append(("dmy", match["d1"], match["m1"], int(match["y1"])))
        elif match["dm"]:
            parts.append(("dm", match["d2"], match["m2"]))
        elif match["unit"]:
            parts.append(("unit", match["unit"]))
        elif match["entity"]:
            parts.append(("entity", match["entity"], roles[match["entity"]]))
        elif match["variant"]:
            parts.append(("variant", _VARIANT_OF[match["variant"]]))
        else:
            number = match["num"]
            before, after = text[max(0, match.start() - 6):match.start()], text[match.end():match.end() + 14]
            if re.fullmatch(r"\d{4}", number) and 2000 <= int(number) <= 2035:
                parts.append(("year", int(number)))
            elif re.fullmatch(r"\d{4}", number) and 1990 <= int(number) < 2000:
                parts.append(number)
            elif before.endswith(("tháng ", "khóa ")) or re.match(r", \d{4}| năm", after):
                parts.append(number)  # a month ("19 tháng 1, 2024"), a term, a plan's length ("Kế hoạch 5 năm")
            elif _COUNTED.match(after) and re.fullmatch(r"\d+", number):
                parts.append(("count", number))
            else:
                decimals = len(number.split(",")[1]) if "," in number else 0
                parts.append(("figure", float(number.replace(".", "").replace(",", ".")), decimals))
    parts.append(text[position:])
    return tuple(p for p in parts if p != "")
