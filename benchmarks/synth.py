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
What the samples are read into (skeletons, fragments, the vocabulary): benchmarks.synth_samples.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.synth_samples import (FAMILY_NAMES, FAMILY_WEIGHTS, FEMALE_GIVEN, FEMALE_MIDDLE, MALE_GIVEN,
                                      MALE_MIDDLE, UNIT_WORDS, _SENTENCE_END, Place, Slot, _model, _parse, _Sample,
                                      places)
from tdkt.taxonomy import AWARD_TYPES
from tdkt.text import slugify

__all__ = ["FIRST_REVIEWED_YEAR", "LAST_REVIEWED_YEAR", "SYNTH_VERSION", "Place", "article_name", "compose",
           "make_article", "make_corpus", "places"]

# Bump when the generator's output changes, so cached corpora are remade.
SYNTH_VERSION = 2

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "corpus"

FIRST_REVIEWED_YEAR, LAST_REVIEWED_YEAR = 2015, 2024
KEEP_SAMPLE_PLACE = 0.08

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
