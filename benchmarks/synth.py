"""A deterministic synthetic corpus for the benchmark, made from the sample articles in corpus/.

Each synthetic article takes one sample as its skeleton (page chrome, lead, body, footer) and
rewrites it so that extraction has real work and no two bodies are near-duplicates:
- places: the sample's district, province, communes and portal domain become a real district of
  `vietnam_provinces.legacy`, its province and its communes (unit words follow: "thị xã" -> "huyện");
- people: every official's name becomes a composed Vietnamese name, consistently within an article;
- years: every year shifts so the article reviews a year in 2015-2024 (campaign year <= 2025), dates
  and ranges staying consistent; event days vary;
- awards: award paragraphs are rewritten from the taxonomy with other types, grades, counts and status;
- body: prose sentences are kept, dropped or swapped for sentences of other samples, prose paragraphs
  are reordered, dropped or (rarely) repeated, and figures are varied.
Same (n, seed) -> byte-identical files; article i depends only on (seed, i), so a corpus of n + 1
articles is the corpus of n plus one new article (what the incremental benchmark adds).
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from tdkt.taxonomy import AWARD_TYPES
from tdkt.text import normalize, slugify

# Bump when the generator's output changes, so cached corpora are remade.
SYNTH_VERSION = 2

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "corpus"

FIRST_REVIEWED_YEAR, LAST_REVIEWED_YEAR = 2015, 2024
KEEP_SAMPLE_PLACE = 0.08

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


@dataclass
class _Article:
    """What one synthetic article is about, and the names chosen so far (kept consistent)."""

    rng: random.Random
    place: Place
    reviewed: int
    names: dict[str, str] = field(default_factory=dict)
    days: dict[tuple[str, str], int] = field(default_factory=dict)
    used_names: set[str] = field(default_factory=set)
    keep_people: bool = False

    def person(self, original: str) -> str:
        if self.keep_people:
            return original
        if original not in self.names:
            female = " Thị " in f" {original} " or original.split(" ")[-1] in FEMALE_GIVEN
            middle, given = (FEMALE_MIDDLE, FEMALE_GIVEN) if female else (MALE_MIDDLE, MALE_GIVEN)
            while True:
                family = self.rng.choices(FAMILY_NAMES, FAMILY_WEIGHTS)[0]
                name = f"{family} {self.rng.choice(middle)} {self.rng.choice(given)}"
                if name not in self.used_names:
                    break
            self.used_names.add(name)
            self.names[original] = name
        return self.names[original]

    def commune(self, original: str) -> str:
        if original not in self.names:
            pool = self.place.communes or (original,)
            self.names[original] = self.rng.choice(pool)
        return self.names[original]


def _vn_number(value: float, decimals: int) -> str:
    """Vietnamese figures: '.' between thousands, ',' before decimals."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


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


@functools.cache
def _unit_words(district_kind: str, province_kind: str, new_district: str, new_province: str) -> dict[str, str]:
    """How a sample's unit words read in an article about another kind of unit ("thị xã" -> "huyện")."""
    mapping: dict[str, str] = {}
    pairs = [(district_kind, new_district)]
    if province_kind != district_kind:
        pairs.append((province_kind, new_province))
    for old, new in pairs:
        for old_word, new_word in zip(UNIT_WORDS[old], UNIT_WORDS[new]):
            if old_word:
                mapping[old_word] = new_word or UNIT_WORDS[new][0]
    return mapping


def _render(parts: tuple[str | Slot, ...], sample: _Sample, article: _Article) -> str:
    rng, place = article.rng, article.place
    shift = article.reviewed - sample.reviewed
    units = _unit_words(sample.district_kind, sample.province_kind, place.district_kind, place.province_kind)

    def day(d: str, m: str) -> str:
        if (d, m) not in article.days:
            article.days[(d, m)] = rng.randint(2, 28)
        return f"{article.days[(d, m)]:0{len(d)}d}"

    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        kind = part[0]
        if kind == "year":
            out.append(str(part[1] + shift))
        elif kind == "dmy":
            out.append(f"{day(part[1], part[2])}/{part[2]}/{part[3] + shift}")
        elif kind == "dm":
            out.append(f"{day(part[1], part[2])}/{part[2]}")
        elif kind == "count":
            number = part[1]
            count = rng.randint(max(1, int(number) // 2), int(number) * 2 + 3)
            out.append(f"{count:0{len(number)}d}" if number.startswith("0") else str(count))
        elif kind == "figure":
            out.append(_vn_number(max(part[1] * rng.uniform(0.6, 1.5), 1), part[2]))
        elif kind == "unit":
            out.append(units.get(part[1], part[1]))
        elif kind == "variant":
            out.append(rng.choice(part[1]))
        else:
            original, role = part[1], part[2]
            if role == "district":
                new = place.district
            elif role == "province":
                new = place.province
            elif role == "commune":
                new = article.commune(original)
            elif role == "domain":
                new = slugify(place.province).replace("-", "") + ".gov.vn"
            else:
                new = article.person(original)
            out.append(new.upper() if original.isupper() else new)
    return "".join(out)


def _award_paragraph(article: _Article) -> str:
    """One to three award sentences drawn from the taxonomy, with counts, grades and status."""
    rng, place, year = article.rng, article.place, article.reviewed
    district = f"{place.district_kind} {place.district}"
    province = f"{place.province_kind} {place.province}"
    grade = lambda: rng.choice(("Nhất", "Nhì", "Ba"))  # noqa: E731
    # type id -> (how articles write it, who receives it: "c" collectives, "i" individuals, "ci" both)
    phrases = {
        "huan-chuong-lao-dong": (lambda: f"Huân chương Lao động hạng {grade()} của Chủ tịch nước", "ci"),
        "huan-chuong-khac": (lambda: f"Huân chương {rng.choice(('Bảo vệ Tổ quốc', 'Chiến công', 'Đại đoàn kết dân tộc'))} hạng {grade()}", "ci"),
        "huy-chuong": (lambda: "Huy chương Chiến sĩ vẻ vang", "i"),
        "bang-khen-thu-tuong": (lambda: "Bằng khen của Thủ tướng Chính phủ", "ci"),
        "bang-khen-cap-tinh": (lambda: f"Bằng khen của Chủ tịch UBND {province}", "ci"),
        "giay-khen": (lambda: f"Giấy khen của Chủ tịch UBND {district}", "ci"),
        "co-thi-dua-chinh-phu": (lambda: "Cờ thi đua của Chính phủ", "c"),
        "co-thi-dua-cap-tinh": (lambda: f"Cờ thi đua của UBND {province}", "c"),
        "chien-si-thi-dua-toan-quoc": (lambda: "danh hiệu “Chiến sĩ thi đua toàn quốc”", "i"),
        "chien-si-thi-dua-cap-tinh": (lambda: f"danh hiệu “{rng.choice(('Chiến sĩ', 'Chiến sỹ'))} thi đua cấp tỉnh”", "i"),
        "chien-si-thi-dua-co-so": (lambda: f"danh hiệu “{rng.choice(('Chiến sĩ', 'Chiến sỹ'))} thi đua cơ sở”", "i"),
        "lao-dong-tien-tien": (lambda: "danh hiệu “Lao động tiên tiến”", "i"),
        "tap-the-lao-dong-tien-tien": (lambda: "danh hiệu “Tập thể lao động tiên tiến”", "c"),
        "tap-the-lao-dong-xuat-sac": (lambda: "danh hiệu “Tập thể lao động xuất sắc”", "c"),
        "ky-niem-chuong": (lambda: "Kỷ niệm chương “Vì sự nghiệp Thi đua – Khen thưởng”", "i"),
        "danh-hieu-vinh-du": (lambda: f"danh hiệu {rng.choice(('Nhà giáo ưu tú', 'Thầy thuốc ưu tú', 'Nghệ nhân ưu tú'))}", "i"),
    }
    assert set(phrases) <= set(AWARD_TYPES), "award phrases must use taxonomy ids"
    givers = (f"Lãnh đạo {district}", f"Chủ tịch UBND {district}", f"Lãnh đạo {province}",
              f"Thay mặt Ban Thường vụ {UNIT_WORDS[place.district_kind][3]}, đồng chí Bí thư")
    sentences = []
    for type_id in rng.sample(sorted(phrases), rng.randint(1, 3)):
        phrase, who = phrases[type_id]
        parts = []
        if "c" in who and (who == "c" or rng.random() < 0.7):
            parts.append(f"{rng.randint(1, 40):0{rng.choice((1, 2))}d} tập thể")
        if "i" in who and (who == "i" or not parts or rng.random() < 0.7):
            parts.append(f"{rng.randint(1, 150):0{rng.choice((1, 2))}d} cá nhân")
        if rng.random() < 0.15:
            parts.append(f"{rng.randint(1, 9)} hộ gia đình")
        recipients = ", ".join(parts)
        merit = rng.choice(("có thành tích xuất sắc trong phong trào thi đua yêu nước",
                            "đã hoàn thành xuất sắc nhiệm vụ", "có nhiều đóng góp trong phong trào thi đua"))
        if rng.random() < 0.25:
            sentences.append(f"Đề nghị cấp trên tặng {phrase()} cho {recipients} {merit} năm {year}.")
        else:
            giver = rng.choice(givers)
            sentences.append(f"{giver} đã trao {phrase()} cho {recipients} {merit} năm {year}.")
    opener = rng.choice(("Tại hội nghị, ", "Nhân dịp này, ", "Dịp này, ", ""))
    first = sentences[0]
    return opener + (first[0].lower() + first[1:] if opener else first) + "".join(" " + s for s in sentences[1:])


def make_article(index: int, seed: int = 0, samples_dir: Path = SAMPLES_DIR) -> str:
    """The text of synthetic article `index`: a pure function of (index, seed, the samples)."""
    return compose(index, seed, samples_dir)[0]


def compose(index: int, seed: int = 0, samples_dir: Path = SAMPLES_DIR) -> tuple[str, dict]:
    """Synthetic article `index` and what it was made to say: district, province, reviewed year."""
    samples, _, pool = _model(samples_dir)
    rng = random.Random(f"tdkt-synth:{SYNTH_VERSION}:{seed}:{index}")
    sample = samples[rng.randrange(len(samples))]
    place = rng.choice(places())
    # A few articles stay in their sample's district with its officials, as a district's articles
    # of other years would: queries for the samples' places and people then find a handful.
    keep = sample.home is not None and rng.random() < KEEP_SAMPLE_PLACE
    if keep:
        place = sample.home
    article = _Article(rng, place, rng.randint(FIRST_REVIEWED_YEAR, LAST_REVIEWED_YEAR), keep_people=keep)

    def rewrite(text: str, source: _Sample = sample) -> str:
        return _render(_parse(text, samples_dir), source, article)

    def mix(sentences: list[str]) -> str:
        """Keep, drop, or swap each sentence for one of another sample's."""
        kept = []
        for sentence in sentences:
            roll = rng.random()
            if roll < 0.15:
                continue
            if roll < 0.6 and pool:
                source, other = pool[rng.randrange(len(pool))]
                kept.append(rewrite(other, samples[source]))
            else:
                kept.append(rewrite(sentence))
        return " ".join(kept)

    # prose paragraphs keep their slots but trade contents; their sentences mix with other samples'
    prose_contents = list(sample.prose)
    rng.shuffle(prose_contents)
    slot_content = dict(zip(sample.prose, prose_contents))
    out: list[str] = []
    award_written = False
    for i, paragraph in enumerate(sample.paragraphs):
        if i == sample.lead:
            lead = rewrite(paragraph)
            named = f"{place.district_kind} {place.district}"
            if place.ambiguous or rng.random() < 0.6:
                lead = lead.replace(named, f"{named}, {place.province_kind} {place.province}", 1)
            out.append(lead)
        elif i in sample.awards:
            if not award_written or rng.random() < 0.4:
                out.append(_award_paragraph(article))
                award_written = True
            elif rng.random() < 0.5:
                out.append(rewrite(paragraph))
        elif i in slot_content:
            if rng.random() < 0.12:
                continue
            mixed = mix(_SENTENCE_END.split(sample.paragraphs[slot_content[i]]))
            if mixed:
                out.append(mixed)
                if rng.random() < 0.05:
                    out.append(out[-1])  # a repeated paragraph, as scraped pages have; the cleaner drops it
        elif len(paragraph) >= 150:
            # a paragraph the page broke mid-sentence: the broken ends stay, so the cleaner can join them
            sentences = _SENTENCE_END.split(paragraph)
            head = [] if paragraph[0].isupper() else sentences[:1]
            tail = [] if paragraph.endswith((".", "…", ";")) or len(sentences) == len(head) else sentences[-1:]
            middle = sentences[len(head):len(sentences) - len(tail)]
            out.append(" ".join(filter(None, [*map(rewrite, head), mix(middle), *map(rewrite, tail)])))
        else:
            out.append(rewrite(paragraph))
    if not award_written:
        out.insert(min(len(out), sample.lead + 2), _award_paragraph(article))
    facts = {"district": place.district, "district_kind": place.district_kind, "province": place.province,
             "reviewed_year": article.reviewed, "campaign_year": article.reviewed + 1}
    return "\n\n".join(out) + "\n", facts


def article_name(index: int) -> str:
    return f"synth_{index:06d}.txt"


def make_corpus(n: int, out_dir: Path, seed: int = 0, samples_dir: Path = SAMPLES_DIR) -> list[Path]:
    """Write N synthetic articles into out_dir (made if missing); returns their paths in order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        path = out_dir / article_name(index)
        path.write_text(make_article(index, seed, samples_dir), encoding="utf-8", newline="\n")
        paths.append(path)
    return paths
