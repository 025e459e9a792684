"""The headline, and where the article's opening ends.

A headline is a line before the lead that reads like one: a few words to a couple of hundred
characters, about the subject (thi đua, khen thưởng, tổng kết, hội nghị ...), not a date stamp,
not a menu or site banner (all capitals, "|" separators), not a photo caption ("Các đại biểu ...",
"Quang cảnh ...", "Đồng chí X trao ..."), not the lead itself ("Sáng 25/1, UBND huyện ...").
A page that starts with its lead or a caption has no headline in the text: null, and the
extractor says so in `warnings`; the URL slug is never used.
"""

from __future__ import annotations

import re

from tdkt.extract.dates import is_date_stamp
from tdkt.extract.province import title_place
from tdkt.extract.unit import _PLACE_HEAD, _STRONG_HEAD
from tdkt.text import fold

_TOPIC = re.compile(
    r"thi dua|khen thuong|tong ket|giao uoc|dien hinh|tuyen duong|hoi nghi|dai hoi|phat dong|"
    r"bieu duong|danh hieu|huan chuong|bang khen|co thi dua|vinh danh|ton vinh")
# A headline may name no topic word when it names a unit and what it does ("Phường X triển khai
# nhiệm vụ năm 2024", "Ngành Y tế X triển khai nhiệm vụ năm 2022").
_TASK = re.compile(r"\b(?:trien khai|phat dong|ky ket|tong ket|so ket|dai hoi|bieu duong|ton vinh|khen thuong|nhiem vu)\b")
_LEAD_START = re.compile(
    r"^\(?[A-ZĐ&]{2,8}\)?\s*[-–:]|^\([A-ZĐ&]{2,8}\)|^(?:Sáng|Chiều|Tối|Trưa|Ngày|Hôm|Vừa qua|Mới đây|Năm \d{4},|Dự |Tham dự|"
    r"Về dự|Đến dự|Tới dự|Trong (?:năm|những năm)|Thực hiện|Nhằm|Theo )")
_CAPTION_START = re.compile(
    r"^\(?\s*(?:Các đại biểu|Đại biểu|Đại diện|Quang cảnh|Toàn cảnh|Ảnh|\(Ảnh|Đồng chí|Đ/c|Ông |Bà |Lãnh đạo|"
    r"Các đồng chí|Các đơn vị|Các tập thể|Trao |Tặng )")
_CHROME = re.compile(r"\||\s>\s|»|lượt xem|đăng nhập|google news|skip to|truy cập|trang chủ|chi tiết|tin liên quan",
                     re.IGNORECASE)
_NULL_PREFIX = re.compile(r"^null\s+")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)$")


def is_lead(line: str) -> bool:
    """The first paragraph of the story: long, or opening with a time, a place or a dateline."""
    return len(line) >= 200 or (len(line) >= 60 and bool(_LEAD_START.match(line)))


def _is_shouting(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def looks_like_headline(line: str) -> bool:
    words = [w for w in line.split() if any(c.isalpha() for c in w)]
    return (
        # five words at least: "Thi đua - Khen thưởng" is a section name, not a headline
        5 <= len(words) and len(line) <= 250
        and not line[0].islower()
        and not (line.startswith("(") and line.endswith(")"))
        and not _LEAD_START.match(line)
        and not _CAPTION_START.match(line)
        and not _CHROME.search(line)
        and not is_date_stamp(line)
        and not line.endswith(":")
        and (bool(_TOPIC.search(fold(line))) or _names_a_unit_at_work(line))
        # a site banner in capitals names no subject; a headline in capitals does
        and not (_is_shouting(line) and not _TOPIC.search(fold(line)[:60]))
    )


def _names_a_unit_at_work(line: str) -> bool:
    """A unit ("Phường X", "Ngành Y tế X", "Sở ...", a known place) as the subject of a task word."""
    folded = fold(line)
    task = _TASK.search(folded)
    if not task or _is_shouting(line):
        return False
    words = len(folded[:task.start()].split())
    if not 1 <= words <= 8:
        return False
    subject = " ".join(line.split()[:words])
    return bool(_STRONG_HEAD.match(subject) or _PLACE_HEAD.match(subject) or title_place(line)[1])


def find_opening(lines: list[str]) -> tuple[str | None, int | None, int]:
    """(title, its line index, index of the lead line) for the lines of a page."""
    lead_index = next((i for i, line in enumerate(lines) if is_lead(line)), len(lines))
    for i, line in enumerate(lines[:lead_index][:40]):
        candidate = _NULL_PREFIX.sub("", line)
        if not looks_like_headline(candidate):
            continue
        # A headline cut short ("... giao ước thi đ...", "... ký kết giao ước t") is often
        # printed whole just below.
        stem = _ELLIPSIS.sub("", candidate)
        for j in range(i + 1, min(lead_index, len(lines), i + 8)):
            if lines[j].startswith(stem) and len(lines[j]) > len(stem) and looks_like_headline(lines[j]):
                return lines[j].strip(), j, lead_index
        return candidate.strip(), i, lead_index
    return None, None, lead_index


_SITE_SUFFIX = re.compile(r"\s+[|\-–—]\s+([^|\-–—]+)$")


def page_title(meta_title: str | None, text_title: str | None) -> str | None:
    """The HTML page's title as a headline: the text's own headline when it is the same one,
    else the page title without a trailing site name ("... - Báo Nam Định")."""
    if not meta_title:
        return None
    meta_title = " ".join(meta_title.split())
    if text_title and fold(text_title) in fold(meta_title):
        return text_title
    suffix = _SITE_SUFFIX.search(meta_title)
    if suffix and len(suffix.group(1).split()) <= 6 and not _TOPIC.search(fold(suffix.group(1))):
        meta_title = meta_title[:suffix.start()].strip()
    return meta_title or None
