"""The article's author line (byline, photo credit, closing signature), and where in the text
names are the author's rather than officials'.
"""

from __future__ import annotations

import re

from tdkt.extract.official_words import (
    HEAD_AT, LOWER_LETTER, SYLLABLE, UPPER_LETTER, UPPER_LETTERS, strip_marker,
)
from tdkt.extract.scan import finditer_from

# Bylines and credits: a line starting with a label, or an inline "Ảnh: Name".
_BYLINE_LINE = re.compile(
    r"^(?:tin|bài|ảnh|tin và ảnh|tin, ảnh|tin ảnh|bài và ảnh|bài, ảnh|tin/ảnh|tin - ảnh|bài/ảnh|video|clip"
    r"|tác giả|nguồn|thực hiện|người viết|phóng viên|nhóm phóng viên)\s*[:\-–]\s*(?P<who>.+)$"
    r"|^(?:theo(?! dõi)|nguồn)\s+(?P<source>\S.{0,80})$|^(?:pv|ctv|btv|nhóm pv)(?:\s*[:\-–].*)?$",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(rf"(?:Ảnh|ẢNH|Nguồn|Video)\s*:\s*{SYLLABLE}(?:\s+{SYLLABLE}){{0,4}}|ẢNH:\s*[{re.escape(UPPER_LETTERS)} ]+")
# Where a _PHOTO_CREDIT match can begin (both alternatives open with a label; see tdkt.extract.scan).
_PHOTO_CREDIT_START = re.compile(r"Ảnh|ẢNH|Nguồn|Video")
# "19 tháng 1, 2024 bởi" + the poster on the next line, or "Đăng bởi: X".
_POSTED_BY = re.compile(r"(?:^|\s)(?:[Đđ]ăng bởi|bởi|Người đăng|Posted by)\s*:?\s*\n*\s*(?P<who>[^\W\d][^\n\d]{1,60})$",
                        re.MULTILINE)
_AFTER_BYLINE = re.compile(r"\s*(?:\.\s*|\|\s*|\s)(?:Ngày đăng|Ngày|Cập nhật|Lượt xem|Đăng lúc|\d{1,2}[/:]).*$")


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """Bylines, photo credits and the closing signature: names there are authors, not officials."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        m = _BYLINE_LINE.match(_bare(line))
        # "Ảnh: Đồng chí X, Bí thư ... trao ..." is a caption; a labelled byline is the author's.
        caption = bool(m and re.match(r"(?i)ảnh\b", line.strip()) and len((m.group("who") or "").split()) > 6)
        if m and not caption:
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    spans.extend(m.span() for m in finditer_from(_PHOTO_CREDIT, _PHOTO_CREDIT_START, text))
    signature = _signature(text)
    if signature:
        spans.append(signature)
    return spans


def _signature_line(line: str) -> bool:
    """'Thị Thoang', 'Trần Nông - Huỳnh Ấn', 'Ngọc Mai (Sở Nội vụ)', 'Thu Hà - Trung tâm VHTT', 'PV'."""
    line = line.strip()
    if not line or len(line) > 90 or any(ch.isdigit() for ch in line) or line[-1:] in ".!?:;,…\"”":
        return False
    if line in ("PV", "CTV", "BTV", "Nhóm PV") or _INITIALS.fullmatch(line):
        return True
    if HEAD_AT.match(line) or line.split()[0].lower() in _NOT_A_SIGNATURE:
        return False
    # The writer's name first; an affiliation after " - " or in brackets may be written any way.
    person = _AFFILIATION.split(line, maxsplit=1)[0].split()
    return (1 <= len(person) <= 5 and len(line.split()) <= 14
            and all(w[:1].isupper() and w.replace("'", "").replace("’", "").isalpha() for w in person))


# "Name - Affiliation", "Name (Affiliation)", "Name, Báo / Đài / Trung tâm ..." ("H'Yim Kđoh" is a name).
_AFFILIATION = re.compile(r"\s+[-–]\s+|\s*\(|,\s*(?=(?:Báo|Đài|Trung tâm|Cổng|Tạp chí|Phòng|Văn phòng|Sở|Ban|Hội"
                          r"|UBND|Huyện ủy|Tỉnh ủy|Thành ủy|TTXVN|VOV|VTV)\b)")
# A writer signing with initials: "V.T", "N.H.Q", "T.Lan".
_INITIALS = re.compile(rf"{UPPER_LETTER}\.(?:{UPPER_LETTER}\.)*(?:{UPPER_LETTER}{LOWER_LETTER}*)")
_NOT_A_SIGNATURE = {"các", "quang", "toàn", "đại", "ảnh", "đồng", "ông", "bà", "lãnh"}


def _signature(text: str) -> tuple[int, int] | None:
    """Span of a closing signature line, if the text ends with one."""
    stripped = text.rstrip()
    if "\n" not in stripped:
        return None
    start = stripped.rfind("\n") + 1
    line = stripped[start:]
    return (start, len(stripped)) if _signature_line(line) else None


def _bare(line: str) -> str:
    """A line without its surrounding spaces and brackets: "(Theo baochinhphu.vn)" -> "Theo baochinhphu.vn"."""
    line = line.strip()
    if line.startswith("(") and line.endswith(")"):
        line = line[1:-1].strip()
    return line


def find_author(text: str) -> str | None:
    """The byline or source line: "Tin, ảnh: Minh Anh", "Thu Hà - Trung tâm VHTT", a closing signature."""
    text = strip_marker(text)
    credits, sources, photos = [], [], []
    for line in text.split("\n"):
        line = _bare(line)
        m = _BYLINE_LINE.match(line)
        if not m:
            continue
        label = line.split(":")[0].strip().lower() if ":" in line else ""
        who = m.group("who")
        if who is not None:
            who = _AFTER_BYLINE.sub("", who).strip(" .")
            if label in ("ảnh", "video", "clip") and len(who.split()) > 6:
                continue                  # "Ảnh: Các đại biểu dự hội nghị": a caption
            if label in ("tác giả", "người viết"):
                credits.append(who)
            elif label in ("ảnh", "video", "clip"):
                photos.append(f"{line.split(':')[0].strip()}: {who}")
            elif label == "nguồn":
                sources.append(line)
            else:
                credits.append(f"{line.split(':')[0].strip()}: {who}" if ":" in line else line)
        else:
            sources.append(line)
    # Looked for only when no byline credits anyone (a scan of the whole text).
    posted_by = _POSTED_BY.search(text) if not credits else None
    if posted_by:
        credits.append(posted_by.group("who").strip())
    signature = _signature(text)
    if credits:
        return ", ".join(credits + [p for p in photos if text.rstrip().endswith(p.split(": ", 1)[1])])
    if signature:
        return text[signature[0]:signature[1]].strip()
    if sources:
        return sources[-1]
    if photos and text.rstrip().endswith(photos[-1].split(": ", 1)[1]):
        return photos[-1]
    return None
