"""The words officials are found by: letters and syllables of a name, family names, honorifics,
the words that open and stop a position, and the places a name must not be.

Vocabulary only (patterns and word lists, the gazetteer check): the scanning is in
tdkt.extract.officials, the bylines in tdkt.extract.author.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tdkt.text import fold

TEST_MARKER = "(Bài viết mẫu soạn cho kiểm thử)"

# Vietnamese letters, by case (Latin letters with any diacritic).
UPPER_LETTERS = "".join(c for c in map(chr, range(0x41, 0x1EFA))
                        if c.isupper() and "LATIN" in unicodedata.name(c, ""))
LOWER_LETTERS = "".join(c for c in map(chr, range(0x61, 0x1EFA))
                        if c.islower() and "LATIN" in unicodedata.name(c, ""))
UPPER_LETTER = f"[{re.escape(UPPER_LETTERS)}]"
LOWER_LETTER = f"[{re.escape(LOWER_LETTERS)}]"
# Central Highlands names carry an apostrophe inside a syllable ("H'Bla", "R'Mah", "Ksor H'Hen").
SYLLABLE = rf"{UPPER_LETTER}(?:['’]{UPPER_LETTER}?)?{LOWER_LETTER}*"
# A run of two or more capitalised syllables one space apart; names are cut out of such runs.
# Single capitalised words (most runs: a sentence's first word, a place, an acronym) are no name.
LONG_RUN = re.compile(rf"(?<![\w'’]){SYLLABLE}(?: {SYLLABLE})+(?![\w'’])")
# Where a LONG_RUN match can begin (it opens with a lookbehind: see tdkt.extract.scan): a syllable,
# a space and a capital (a lone capitalised word, a fifth of a page's words, is not tried).
LONG_RUN_START = re.compile(rf"{SYLLABLE} {UPPER_LETTER}")

# Common family names, lower case WITH marks ("Vũ" is a family, "Vụ Pháp chế" a department;
# "Ông" is written far more often as "Mr" than as a family). Ambiguous ones that are also places
# ("Hà", "Cao", "Đồng") stay: place names are checked against the gazetteer.
FAMILY = set(("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Đinh Lâm Mai Trương
Trịnh Cao Lưu Hà Tạ Triệu Lương Tô Quách Hứa Thái Châu Tăng Kiều Từ La Lò Cầm Lục Nông Vương Phùng Chu
Tôn Khổng Lại Mạc Thân Nghiêm Giang Âu Diệp Doãn Kim Lã Lữ Phí Quan Sầm Thạch Tiêu Tống Trình Ung Vi
Viên Đàm Bế Hầu Giàng Sùng Thào Vàng Lù Mùa Đồng Khúc Ninh Bạch Cù Đới Hàn Khuất Kha Lạc Lăng Mẫn
Thiều Tiết Vy Mã Nhữ Quàng Điêu Lường Danh Ksor Siu Nay Rơ Đậu Khương Cấn Chế Chung Cung Đường Hình
Lều Liễu Luyện Mạch Ngụy Nhâm Quản Tào Thiệu Tiền Trầm Ứng Vạn Ngọ Lãnh Lê Hồng Triệu Tòng Sằm
Bạc Giáp Hoàng Vòng Khiếu Lô Trà Yên Bàn Vì Lầu Vừ Hờ Tẩn Chảo Đèo Ma Nịnh Ngân Mông Ôn Phù Lỗ Y
Sơn A Rah R'Mah R’Mah Rcom Kpă Puih Đàng Tráng Chang Xa
""").lower().split())
# An Ê Đê or Jrai woman's name opens with H' ("H'Bla Êban"), a K'Ho name with K' ("K'Brơi"), a Jrai
# family with R' ("R'Mah"): such a syllable starts a name like a family name.
NAME_OPENING = ("h'", "h’", "k'", "k’", "r'", "r’")
# Honorifics that introduce a person; a capitalised one may open the run of capitals itself ("Bà H'Bla ...").
HONORIFIC_WORDS = ("ông", "bà", "đồng chí", "đ/c")
HONORIFIC_BEFORE = re.compile(r"(?<!\w)(?:ông|bà|đồng chí|đ/c)\s+$", re.IGNORECASE)
# Names that are not officials of the article even next to a title.
NOT_PEOPLE = {fold(n) for n in ("Hồ Chí Minh", "Tôn Đức Thắng", "Võ Nguyên Giáp", "Lê Lợi", "Trần Hưng Đạo")}

# Where a title starts. Case-insensitive: "Phó chủ tịch" and "Phó Chủ tịch" are both written.
# A former holder is named by the same words after "nguyên" ("nguyên Ủy viên Trung ương Đảng").
HEAD = (
    r"(?:nguyên\s+)?(?:"
    r"(?:phó\s+)?(?:chủ\s+tịch|bí\s+thư|giám\s+đốc|tổng\s+giám\s+đốc|trưởng\s+ban|trưởng\s+phòng|trưởng\s+khối"
    r"|trưởng\s+cụm|trưởng\s+đoàn|trưởng\s+công\s+an|chánh\s+văn\s+phòng|chánh\s+án|chánh\s+thanh\s+tra"
    r"|viện\s+trưởng|hiệu\s+trưởng|cục\s+trưởng|tổng\s+cục\s+trưởng|vụ\s+trưởng|bộ\s+trưởng|thứ\s+trưởng"
    r"|thủ\s+tướng|chủ\s+nhiệm|tổng\s+thư\s+ký|chỉ\s+huy\s+trưởng|chính\s+ủy|chính\s+trị\s+viên"
    r"|trưởng(?=\s+" + UPPER_LETTER + r")|khối\s+trưởng|cụm\s+trưởng|tổng\s+biên\s+tập|đại\s+biểu\s+quốc\s+hội"
    r"|tổng\s+kiểm\s+toán|kiểm\s+toán\s+trưởng|tổng\s+thanh\s+tra|thống\s+đốc|tư\s+lệnh)"
    r"|(?:ủy|uỷ)\s+viên|(?:tỉnh|thành|huyện|thị|quận|đảng)\s+(?:ủy|uỷ)\s+viên"
    r"|uv\s*btv(?:tu|hu|tw)?|uvbtv(?:tu|hu|tw)?|uvtv|uvbch|tuv|huv|thuv|quv|(?:đại|thượng|trung|thiếu)\s+(?:tá|tướng|úy|uý)"
    r"|đại\s+tướng)"
)
# Positions several people hold at once ("Phó Chủ tịch UBND tỉnh", "Ủy viên Ban Thường vụ", a
# rank): only such a title can be shared by a list of names ("Phó Chủ tịch UBND tỉnh A, B").
# A chair, a secretary, a director is one person.
SHAREABLE_TITLE = re.compile(
    r"(?:các\s+)?(?:nguyên\s+)?(?:phó\s|(?:ủy|uỷ)\s+viên|(?:tỉnh|thành|huyện|thị|quận|đảng)\s+(?:ủy|uỷ)\s+viên"
    r"|uv|tuv|huv|thuv|quv|thành\s+viên|đại\s+biểu|(?:đại|thượng|trung|thiếu)\s+(?:tá|tướng|úy|uý))",
    re.IGNORECASE)
# An honorific written in capitals at the head of a run ("Đồng Chí Nguyễn Duy Hùng", "Ông Lê Văn Ba").
HONORIFIC_RUN_START = ("đồng chí", "đ/c", "ông", "bà", "anh", "chị")
HEAD_AT = re.compile(rf"(?:{HEAD})(?!\w)", re.IGNORECASE)
# Organisation words that may continue a title after a comma ("Trưởng Ban Thi đua - Khen thưởng, Sở Nội vụ").
ORG_AT = re.compile(
    r"(?:Sở|Ban|Ủy ban|Uỷ ban|UBND|HĐND|UBMTTQ|MTTQ|Hội đồng|Bộ|Vụ|Cục|Tỉnh ủy|Thành ủy|Huyện ủy|Đảng ủy"
    r"|Hội|Trung tâm|Phòng|Liên đoàn|Thường trực|Văn phòng|Đoàn|HĐTĐKT)(?!\w)"
)
# Where a title stops: a verb or a connective in running (lower-case) text, or a clause break.
TITLE_STOP = re.compile(
    r"\s*[;:\n]|\.(?:\s|$)|\s*$" rf"|\s*\((?!{UPPER_LETTER})"
    r"|\s+(?:chủ trì|phát biểu|báo cáo|trao|tặng|cho biết|nhấn mạnh|khẳng định|đề nghị|yêu cầu|đã|dự|tham dự"
    r"|đến dự|tới dự|về dự|phát động|kết luận|khai mạc|chúc mừng|ghi nhận|biểu dương|lên|ký|đọc|công bố"
    r"|trình bày|thay mặt|thừa ủy quyền|thừa uỷ quyền|cũng|là|được|sẽ|đang|tóm tắt|quán triệt|giới thiệu"
    r"|thông qua|điều hành|tham gia|nêu|mong|hoan nghênh|đánh giá|lưu ý|tiếp|đề xuất|nhận|thăm|động viên"
    r"|chia sẻ|gợi ý|bày tỏ|cảm ơn|kêu gọi|nhắc|tuyên dương|chỉ đạo|vinh dự|tại|trong|với|khi|cho"
    r"|cho rằng|gửi|chúc|thông tin|phân tích|đề ra|thống nhất|khen ngợi|giao|trực tiếp|làm việc|tới|đến"
    r"|đồng chí|ông|bà|cùng)(?!\w)" rf"|\s+và(?=\s+{LOWER_LETTER}|\s*$)"
    r"|\s+(?i:đề nghị|phát biểu|chủ trì|kết luận|khai mạc|phát động|trao tặng)(?!\w)"
    r"|\s*,\s*(?=(?:các|cùng|và|đồng chí|ông|bà|lãnh đạo|đại diện)(?!\w))"
    # "Chủ tịch Hội X – Đơn vị trưởng Khối": the role after the dash is the body's, not the person's
    r"|\s+[-–—]\s+(?=(?i:đơn vị)(?!\w))"
)
ASIDE = re.compile(rf"\s*\((?!\s*{UPPER_LETTER})[^()\n]{{0,40}}\)")
OPEN_BRACKET = re.compile(r"\s*\(")
SPLIT = re.compile(r"\s*([;,])\s*")
NAME_SEPARATOR = re.compile(r"\s*(?:,|-|–|—)\s*")
TRAILING_HONORIFIC = re.compile(r"(?:,\s*|(?<=\s)|^)(?:đồng chí|đ/c|ông|bà)\s*$", re.IGNORECASE)
HONORIFIC_END = re.compile(r"(?:đồng chí|đ/c|ông|bà|chị|anh)\s*$", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r"[;:\n()]|\.(?=\s)|\.$")
# Middle names common enough that "X Văn Y" after a full title is a person whatever family X is.
MIDDLE_NAMES = frozenset("văn thị đức ngọc hồng minh quang thanh xuân hữu công đình bá kim".split())
SPACES = re.compile(r"\s*")
NOT_A_TITLE = {"ông", "bà", "đồng", "đ/c", "các", "cùng", "lãnh", "đại"}
# "Ông K'Sức", "bà H'Bla": a one-syllable highland name after an honorific (no run of two).
APOSTROPHE_NAME = re.compile(
    rf"(?<!\w)(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí|đ/c)\s+(?P<name>{UPPER_LETTER}['’]{UPPER_LETTER}{LOWER_LETTER}*)(?![\w'’])")
LIST_GAP = re.compile(rf"(?:\s*(?:,|và)\s*|\s+)?(?:{SYLLABLE}(?: {SYLLABLE})*(?:\s*(?:,|và)\s*))*\s*$")
SENTENCE_STOP = re.compile(r"\.(?:\s|$)|\n")


@lru_cache(maxsize=8192)
def is_place(name: str) -> bool:
    from tdkt.places import districts_named, find_province

    return bool(find_province(name) or districts_named(name))


@lru_cache(maxsize=8192)
def is_commune(name: str) -> bool:
    """A commune, ward or town of that name (before or since 2025): "xã Đắk Rơ Ông" is no person."""
    from tdkt.places import communes_named, provinces_of_commune_since_reform

    return bool(communes_named(name) or provinces_of_commune_since_reform(name))


def strip_marker(text: str) -> str:
    if text.startswith(TEST_MARKER):
        return " " * len(TEST_MARKER) + text[len(TEST_MARKER):]
    return text


PLACE_WORD_BEFORE = re.compile(r"(?:\b(?:xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố|TP\.?)|ủy|uỷ)\s*$",
                               re.IGNORECASE)
PARTY_COMMITTEE = re.compile(r"\S+\s+(?:ủy|uỷ)(?!\w)")
