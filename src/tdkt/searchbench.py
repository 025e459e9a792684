"""Measure search in the browser: tdkt's static index against Material's lunr search, same corpus.

Both run in Debian's Chromium (Playwright) against the site served on 127.0.0.1 under a Pages-like
sub-path, by a server that gzips text types as GitHub Pages does and counts the bytes it sends, so
"bytes fetched" is what went over the wire. Times are taken inside the page (performance.now()),
from submitting the query to the first result on screen.

Also here: a synthetic corpus made by varying the sample articles (so a benchmark can run at
N = 1,000 .. 20,000 without real data), which the tests and scripts/bench.py share.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from tdkt.model import UNIT_LEVELS
from tdkt.taxonomy import AWARD_TYPES
from tdkt.text import fold, normalize, slugify

# A fixed list of what readers ask: places, awards, officials, common words; each is measured as
# typed with tone marks and again without them (the counts must agree).
DEFAULT_QUERIES = [
    "Hồng Lĩnh",
    "Đồ Sơn",
    "Quỳnh Phụ",
    "Duy Tiên",
    "Minh Long",
    "khen thưởng",
    "thi đua",
    "huyện",
    "Huân chương Lao động hạng Nhì",
    "Bằng khen của Thủ tướng Chính phủ",
    "Cờ thi đua",
    "Chiến sĩ thi đua cơ sở",
    "Tập thể lao động xuất sắc",
    "giấy khen",
    "Nguyễn Huy Hùng",
    "Trần Khắc Kiên",
    "Phạm Thị Thu Hà",
    "Đinh Văn Điết",
    '"phong trào thi đua yêu nước"',
    "năm 2023",
]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_TEXT_TYPES = {".html", ".js", ".css", ".json", ".txt", ".xml", ".svg", ".map", ".csv"}


# ---------------------------------------------------------------- synthetic corpus

def sample_records(corpus_dir: Path) -> list[dict]:
    """Crude article records from the corpus's .txt files: title = first headline-like paragraph.

    Only for benchmarks and tests that need text, before (or without) the extractor: the facet
    fields stay empty, `synthetic_records` fills them.
    """
    records = []
    for path in sorted(Path(corpus_dir).glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8", errors="replace"))
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        title = next((p for p in paragraphs if 8 <= len(p.split()) <= 40), paragraphs[0] if paragraphs else "")
        body = "\n\n".join(p for p in paragraphs if p != title and len(p.split()) >= 4)
        records.append({"id": path.stem, "source": str(path), "title": title, "body": body,
                        "unit": {"name": "", "level": None}, "province": {"name": "", "current": ""},
                        "awards": [], "officials": [], "event_date": None, "published_date": None,
                        "reviewed_year": None, "campaign_year": None})
    return records


@functools.cache
def _districts() -> list[tuple[str, str, str]]:
    """(unit kind, district name, province name) from the gazetteer, e.g. ("huyện", "Quỳnh Phụ", "Thái Bình")."""
    from vietnam_provinces.legacy import District, Province

    provinces = {p.code: re.sub(r"^(Tỉnh|Thành phố)\s+", "", p.name) for p in Province.iter_all()}
    found = []
    for district in District.iter_all():
        match = re.match(r"^(Huyện|Quận|Thị xã|Thành phố)\s+(.+)$", district.name)
        if match and district.province_code in provinces:
            found.append((match.group(1).lower(), match.group(2), provinces[district.province_code]))
    return sorted(found)


_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
             "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Lâm", "Mai", "Trịnh", "Cao", "Tạ", "Lương"]
_MIDDLES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Ngọc", "Thanh", "Xuân", "Kim", "Khắc", "Huy",
            "Trọng", "Thu", "Hồng", "Bá", "Công", "Đình", "Tiến", "Quốc"]
_GIVENS = ["Hùng", "Dũng", "Hà", "Lan", "Sơn", "Tùng", "Hương", "Kiên", "Điết", "Vinh", "Long", "Bình",
           "Tâm", "Thảo", "Nga", "Phúc", "Quyền", "Đông", "Hải", "Yến", "Trang", "Nhiễm", "Xá", "Thắng",
           "Hạnh", "Cường", "Đạt", "Linh", "Phương", "Toàn", "Khoa", "Lộc", "Mạnh", "Nam", "Oanh"]
_TITLES = ["Chủ tịch UBND", "Phó Chủ tịch UBND", "Bí thư", "Phó Bí thư", "Trưởng phòng Nội vụ",
           "Chủ tịch HĐND", "Trưởng Ban Thi đua - Khen thưởng"]


def synthetic_records(base: list[dict], n: int, seed: int = 1) -> list[dict]:
    """N article records made by varying `base`: a generated opening (place, date, officials, awards)
    before a random part of a base article's body. Deterministic for a given seed.

    Place names come from the real gazetteer and people's names from common name parts, so like a
    real archive the common syllables are everywhere and multi-syllable names are rare.
    """
    rng = random.Random(seed)
    districts = _districts()
    award_ids = list(AWARD_TYPES)
    records = []
    for i in range(n):
        source = base[i % len(base)]
        kind, district, province = districts[rng.randrange(len(districts))]
        year = rng.randint(2012, 2025)
        people = [f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLES)} {rng.choice(_GIVENS)}" for _ in range(3)]
        awards = rng.sample(award_ids, rng.randint(1, 4))
        day = rng.randint(5, 28)
        opening = (
            f"Sáng ngày {day}/01/{year + 1}, UBND {kind} {district} tổ chức Hội nghị tổng kết công tác thi đua, "
            f"khen thưởng năm {year}, phát động phong trào thi đua năm {year + 1}. Dự hội nghị có đồng chí "
            f"{people[0]}, {rng.choice(_TITLES)} tỉnh {province}; đồng chí {people[1]}, {rng.choice(_TITLES)} "
            f"{kind} {district} chủ trì hội nghị.\n\n"
            f"Dịp này, {kind} {district} đã trao tặng "
            + ", ".join(AWARD_TYPES[a] for a in awards)
            + f" cho các tập thể, cá nhân có thành tích xuất sắc. Đồng chí {people[2]} phát biểu chỉ đạo."
        )
        paragraphs = source["body"].split("\n\n")
        keep = rng.randint(max(1, len(paragraphs) // 2), len(paragraphs))
        body = opening + "\n\n" + "\n\n".join(paragraphs[:keep])
        title = rng.choice([
            f"{district}: Tổng kết công tác thi đua, khen thưởng năm {year}",
            f"{kind.capitalize()} {district} tổng kết phong trào thi đua yêu nước năm {year}",
            f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {year} của {kind} {district}",
            source["title"],
        ])
        slug = slugify(title, 60)
        records.append({
            "id": f"syn{i:06d}", "source": source.get("source"), "url": None, "title": title,
            "event_date": f"{year + 1}-01-{day:02d}", "published_date": f"{year + 1}-01-{day:02d}",
            "unit": {"name": f"UBND {kind} {district}", "level": rng.choice(UNIT_LEVELS[:5])},
            "province": {"name": province, "current": province},
            "reviewed_year": year, "campaign_year": year + 1,
            "awards": [{"type": a, "label": AWARD_TYPES[a], "detail": None, "grade": None, "authority": None,
                        "status": "given", "collectives": None, "individuals": None, "households": None,
                        "organizations": None} for a in awards],
            "officials": [{"name": p, "title": None} for p in people], "author": None,
            "body": body, "warnings": [], "page": f"bai-viet/{year}/{slug}-{i}/",
        })
    return records
