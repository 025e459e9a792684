"""Officials (people named with a position) and the article's author line, from cleaned text.

Title patterns, not statistical NER (DESIGN.md "Officials"): a person is a Vietnamese name (2-5
capitalised syllables starting with a known family name) standing next to a title, either after
it ("Chủ tịch UBND tỉnh Trần Ngọc Tam") or before it ("Lê Thành Đông, Bí thư Thị ủy"), or both
("Chủ tịch UBND huyện Mỹ Đức, Lại Văn Toàn; Trưởng cụm thi đua số 4"). A prefix shared by a
list ("các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: A, ...; B, ...") goes to every person in it.
Bylines, photo credits and the closing signature are the author's, never officials.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tdkt.extract.scan import finditer_from
from tdkt.text import fold

TEST_MARKER = "(Bài viết mẫu soạn cho kiểm thử)"

# Vietnamese letters, by case (Latin letters with any diacritic).
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA))
                 if c.isupper() and "LATIN" in unicodedata.name(c, ""))
_LOWER = "".join(c for c in map(chr, range(0x61, 0x1EFA))
                 if c.islower() and "LATIN" in unicodedata.name(c, ""))
_U = f"[{re.escape(_UPPER)}]"
_L = f"[{re.escape(_LOWER)}]"
# Central Highlands names carry an apostrophe inside a syllable ("H'Bla", "R'Mah", "Ksor H'Hen").
_SYLLABLE = rf"{_U}(?:['’]{_U}?)?{_L}*"
# A run of two or more capitalised syllables one space apart; names are cut out of such runs.
# Single capitalised words (most runs: a sentence's first word, a place, an acronym) are no name.
_LONG_RUN = re.compile(rf"(?<![\w'’]){_SYLLABLE}(?: {_SYLLABLE})+(?![\w'’])")

# Common family names, lower case WITH marks ("Vũ" is a family, "Vụ Pháp chế" a department;
# "Ông" is written far more often as "Mr" than as a family). Ambiguous ones that are also places
# ("Hà", "Cao", "Đồng") stay: place names are checked against the gazetteer.
_FAMILY = set(("""
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
_NAME_OPENING = ("h'", "h’", "k'", "k’", "r'", "r’")
# Honorifics that introduce a person; a capitalised one may open the run of capitals itself ("Bà H'Bla ...").
_HONORIFIC_WORDS = ("ông", "bà", "đồng chí", "đ/c")
_HONORIFIC_BEFORE = re.compile(r"(?<!\w)(?:ông|bà|đồng chí|đ/c)\s+$", re.IGNORECASE)
# Names that are not officials of the article even next to a title.
_NOT_PEOPLE = {fold(n) for n in ("Hồ Chí Minh", "Tôn Đức Thắng", "Võ Nguyên Giáp", "Lê Lợi", "Trần Hưng Đạo")}

# Where a title starts. Case-insensitive: "Phó chủ tịch" and "Phó Chủ tịch" are both written.
_HEAD = (
    r"(?:nguyên\s+)?(?:phó\s+)?(?:chủ\s+tịch|bí\s+thư|giám\s+đốc|tổng\s+giám\s+đốc|trưởng\s+ban|trưởng\s+phòng|trưởng\s+khối"
    r"|trưởng\s+cụm|trưởng\s+đoàn|trưởng\s+công\s+an|chánh\s+văn\s+phòng|chánh\s+án|chánh\s+thanh\s+tra"
    r"|viện\s+trưởng|hiệu\s+trưởng|cục\s+trưởng|tổng\s+cục\s+trưởng|vụ\s+trưởng|bộ\s+trưởng|thứ\s+trưởng"
    r"|thủ\s+tướng|chủ\s+nhiệm|tổng\s+thư\s+ký|chỉ\s+huy\s+trưởng|chính\s+ủy|chính\s+trị\s+viên"
    r"|trưởng(?=\s+" + _U + r")|khối\s+trưởng|cụm\s+trưởng|tổng\s+biên\s+tập|đại\s+biểu\s+quốc\s+hội)"
    r"|(?:ủy|uỷ)\s+viên|(?:tỉnh|thành|huyện|thị|quận|đảng)\s+(?:ủy|uỷ)\s+viên"
    r"|uv\s*btv(?:tu|hu|tw)?|uvbtv(?:tu|hu|tw)?|uvtv|uvbch|tuv|huv|thuv|quv|(?:đại|thượng|trung|thiếu)\s+(?:tá|tướng|úy|uý)"
    r"|đại\s+tướng"
)
_HEAD_AT = re.compile(rf"(?:{_HEAD})(?!\w)", re.IGNORECASE)
# Organisation words that may continue a title after a comma ("Trưởng Ban Thi đua - Khen thưởng, Sở Nội vụ").
_ORG_AT = re.compile(
    r"(?:Sở|Ban|Ủy ban|Uỷ ban|UBND|HĐND|UBMTTQ|MTTQ|Hội đồng|Bộ|Vụ|Cục|Tỉnh ủy|Thành ủy|Huyện ủy|Đảng ủy"
    r"|Hội|Trung tâm|Phòng|Liên đoàn|Thường trực|Văn phòng|Đoàn|HĐTĐKT)(?!\w)"
)
# Where a title stops: a verb or a connective in running (lower-case) text, or a clause break.
_TITLE_STOP = re.compile(
    r"\s*[;:\n]|\.(?:\s|$)|\s*$" rf"|\s*\((?!{_U})"
    r"|\s+(?:chủ trì|phát biểu|báo cáo|trao|tặng|cho biết|nhấn mạnh|khẳng định|đề nghị|yêu cầu|đã|dự|tham dự"
    r"|đến dự|tới dự|về dự|phát động|kết luận|khai mạc|chúc mừng|ghi nhận|biểu dương|lên|ký|đọc|công bố"
    r"|trình bày|thay mặt|thừa ủy quyền|thừa uỷ quyền|cũng|là|được|sẽ|đang|tóm tắt|quán triệt|giới thiệu"
    r"|thông qua|điều hành|tham gia|nêu|mong|hoan nghênh|đánh giá|lưu ý|tiếp|đề xuất|nhận|thăm|động viên"
    r"|chia sẻ|gợi ý|bày tỏ|cảm ơn|kêu gọi|nhắc|tuyên dương|chỉ đạo|vinh dự|tại|trong|với|khi|cho"
    r"|cho rằng|gửi|chúc|thông tin|phân tích|đề ra|thống nhất|khen ngợi|giao|trực tiếp|làm việc|tới|đến"
    r"|đồng chí|ông|bà|cùng)(?!\w)" rf"|\s+và(?=\s+{_L}|\s*$)"
    r"|\s+(?i:đề nghị|phát biểu|chủ trì|kết luận|khai mạc|phát động|trao tặng)(?!\w)"
    r"|\s*,\s*(?=(?:các|cùng|và|đồng chí|ông|bà|lãnh đạo|đại diện)(?!\w))"
)
_ASIDE = re.compile(rf"\s*\((?!\s*{_U})[^()\n]{{0,40}}\)")
_OPEN_BRACKET = re.compile(r"\s*\(")
_SPLIT = re.compile(r"\s*([;,])\s*")
_NAME_SEPARATOR = re.compile(r"\s*(?:,|-|–|—)\s*")
_TRAILING_HONORIFIC = re.compile(r"(?:,\s*|(?<=\s)|^)(?:đồng chí|đ/c|ông|bà)\s*$", re.IGNORECASE)
_HONORIFIC_END = re.compile(r"(?:đồng chí|đ/c|ông|bà|chị|anh)\s*$", re.IGNORECASE)
_SHARED_PREFIX = re.compile(
    rf"(?:các\s+)?(?:đồng\s+chí|đ/c)\s+(?P<prefix>(?:{_HEAD})(?!\w)[^:;.\n]{{0,120}}?)\s*:", re.IGNORECASE
)
# Where a _SHARED_PREFIX match can begin, in the lower-cased text (see tdkt.extract.scan).
_SHARED_PREFIX_START = re.compile(r"các|đồng|đ/c")
_CLAUSE_BREAK = re.compile(r"[;:\n()]|\.(?=\s)|\.$")

# Bylines and credits: a line starting with a label, or an inline "Ảnh: Name".
_BYLINE_LINE = re.compile(
    r"^(?:tin|bài|ảnh|tin và ảnh|tin, ảnh|tin ảnh|bài và ảnh|bài, ảnh|tin/ảnh|tin - ảnh|bài/ảnh|video|clip"
    r"|tác giả|nguồn|thực hiện|người viết|phóng viên|nhóm phóng viên)\s*[:\-–]\s*(?P<who>.+)$"
    r"|^(?:theo(?! dõi)|nguồn)\s+(?P<source>\S.{0,80})$|^(?:pv|ctv|btv|nhóm pv)(?:\s*[:\-–].*)?$",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(rf"(?:Ảnh|ẢNH|Nguồn|Video)\s*:\s*{_SYLLABLE}(?:\s+{_SYLLABLE}){{0,4}}|ẢNH:\s*[{re.escape(_UPPER)} ]+")
# Where a _PHOTO_CREDIT match can begin (both alternatives open with a label; see tdkt.extract.scan).
_PHOTO_CREDIT_START = re.compile(r"Ảnh|ẢNH|Nguồn|Video")
# "19 tháng 1, 2024 bởi" + the poster on the next line, or "Đăng bởi: X".
_POSTED_BY = re.compile(r"(?:^|\s)(?:[Đđ]ăng bởi|bởi|Người đăng|Posted by)\s*:?\s*\n*\s*(?P<who>[^\W\d][^\n\d]{1,60})$",
                        re.MULTILINE)
_AFTER_BYLINE = re.compile(r"\s*(?:\.\s*|\|\s*|\s)(?:Ngày đăng|Ngày|Cập nhật|Lượt xem|Đăng lúc|\d{1,2}[/:]).*$")


@lru_cache(maxsize=8192)
def _is_place(name: str) -> bool:
    from tdkt.places import districts_named, find_province

    return bool(find_province(name) or districts_named(name))


def _strip_marker(text: str) -> str:
    if text.startswith(TEST_MARKER):
        return " " * len(TEST_MARKER) + text[len(TEST_MARKER):]
    return text


_PLACE_WORD_BEFORE = re.compile(r"(?:\b(?:xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố|TP\.?)|ủy|uỷ)\s*$",
                                re.IGNORECASE)
_PARTY_COMMITTEE = re.compile(r"\S+\s+(?:ủy|uỷ)(?!\w)")


def _tokens(run: re.Match) -> list[tuple[int, int]]:
    # A run's syllables are letters and apostrophes one plain space apart (_LONG_RUN): splitting on
    # that space is what a \S+ scan finds, without a regex per run.
    spans, at = [], 0
    for syllable in run.group(0).split(" "):
        spans.append((at, at + len(syllable)))
        at += len(syllable) + 1
    return spans


def _name_in_run(text: str, run: re.Match) -> tuple[int, int] | None:
    """The person's name inside a run of capitalised syllables, or None.

    "Hà Nam Đỗ Minh Khôi" (place + name) gives "Đỗ Minh Khôi"; "Lê Thành Đông Thành" (the
    run ran into "Thành ủy") gives "Lê Thành Đông".
    """
    if " " not in run.group(0):
        return None                       # one syllable: no name has fewer than two (most runs)
    base = run.start()
    tokens = [(base + s, base + e) for s, e in _tokens(run)]
    # Cut where a title starts inside the run ("... Đông Thành ủy viên", "... Hùng Phó Bí thư").
    for j in range(1, len(tokens)):
        if _HEAD_AT.match(text, tokens[j][0]) or _PARTY_COMMITTEE.match(text, tokens[j][0]):
            tokens = tokens[:j]
            break
    words = [text[s:e] for s, e in tokens]
    starts = [i for i, w in enumerate(map(str.lower, words))
              if (w in _FAMILY or w.startswith(_NAME_OPENING)) and 2 <= len(words) - i]
    if not starts:
        return _introduced_name(text, tokens, words) or _unlisted_family_name(text, tokens, words)
    start = starts[0]
    # After a province or district word the gazetteer knows every name (checked below); after a
    # commune's it may not (communes merged over the years): a short prefix is taken as the place.
    place_word = _PLACE_WORD_BEFORE.search(text, max(0, base - 20), base)
    after_place_word = bool(place_word and re.match(r"(?i)xã|phường|thị trấn", place_word.group(0)))
    for later in starts[1:]:
        prefix = " ".join(words[:later])
        # A place name before the person ("tỉnh Đồng Tháp Phạm Văn Tâm", "xã Hoàng Đông Lê Văn Ba"),
        # or a run too long to be one name.
        if _is_place(prefix) or len(words) - start > 5 or (after_place_word and later <= 3):
            start = later
            break
    name_words = words[start:start + 5]
    if len(name_words) < 2 or len(name_words) > 5:
        return None
    name = " ".join(name_words)
    if fold(name) in _NOT_PEOPLE or _is_place(name):
        return None
    return tokens[start][0], tokens[start + len(name_words) - 1][1]


def _introduced_name(text: str, tokens: list[tuple[int, int]], words: list[str]) -> tuple[int, int] | None:
    """A name whose family the list does not know, when "ông/bà/đồng chí" introduces it and a title
    follows ("ông Kpuih Thông, Bí thư Huyện ủy"): 2-5 capitalised syllables, apostrophes allowed."""
    skip = 0
    if words and words[0].lower() in ("ông", "bà"):
        skip = 1
    elif len(words) > 1 and " ".join(words[:2]).lower() == "đồng chí":
        skip = 2
    elif not _HONORIFIC_BEFORE.search(text, max(0, tokens[0][0] - 12), tokens[0][0]):
        return None
    name_tokens = tokens[skip:]
    if not 2 <= len(name_tokens) <= 5:
        return None
    end = name_tokens[-1][1]
    aside = _ASIDE.match(text, end)
    sep = _NAME_SEPARATOR.match(text, aside.end() if aside else end)
    if not sep or not _HEAD_AT.match(text, sep.end()):
        return None
    name = text[name_tokens[0][0]:end]
    if fold(name) in _NOT_PEOPLE or _is_place(name):
        return None
    return name_tokens[0][0], end


# Middle names common enough that "X Văn Y" after a full title is a person whatever family X is.
_MIDDLE_NAMES = frozenset("văn thị đức ngọc hồng minh quang thanh xuân hữu công đình bá kim".split())


def _unlisted_family_name(text: str, tokens: list[tuple[int, int]], words: list[str]) -> tuple[int, int] | None:
    """A name whose family the list does not know: "Phó Chủ tịch UBND tỉnh Thông Văn Bình" (a title
    right before, and a common middle name), or a Khmer name opening with "Thị" ("Thị Mỹ Hạnh, Phó
    Chủ tịch ...", a title right after)."""
    if 3 <= len(words) <= 4 and words[0] == "Thị":
        end = tokens[-1][1]
        sep = _NAME_SEPARATOR.match(text, end)
        if sep and _HEAD_AT.match(text, sep.end()):
            return tokens[0][0], end
        return None
    for i in range(len(words) - 2):
        if words[i + 1].lower() in _MIDDLE_NAMES and 3 <= len(words) - i <= 4:
            if i and not _is_place(" ".join(words[:i])):
                return None
            name = " ".join(words[i:])
            start = tokens[i][0]
            if _is_place(name) or fold(name) in _NOT_PEOPLE:
                return None
            return (start, tokens[-1][1]) if _title_before(text, start, max(0, start - 120), True) else None
    return None


def _title_after(text: str, pos: int) -> tuple[str, int] | None:
    """A title starting at pos ("Phó Bí thư Huyện ủy, Chủ tịch UBND huyện ..."), up to a verb or a break."""
    if not _HEAD_AT.match(text, pos):
        return None
    limit = min(len(text), pos + 300)
    stop = _TITLE_STOP.search(text, pos + 1, limit)
    end = stop.start() if stop else limit
    # A comma continues the title only into another title, an organisation, or a capitalised
    # word that goes on a name ("Hội đồng Thi đua, Khen thưởng"); not into a person
    # ("..., Nguyễn Văn B") nor "ông/bà/các ...".
    comma = text.find(",", pos, end)
    while comma != -1:
        after = _SPACES.match(text, comma + 1).end()
        word = text[after:after + 12].split(" ", 1)[0]
        if not (_HEAD_AT.match(text, after) or _ORG_AT.match(text, after)
                or (word[:1].isupper() and word.lower() not in _FAMILY and word.lower() not in _NOT_A_TITLE)):
            end = comma
            break
        comma = text.find(",", comma + 1, end)
    title = text[pos:end].strip(" ,-–—")
    if len(title) > 220:
        title = title[:220].rsplit(",", 1)[0]
    return (title, pos + len(title)) if title else None


_SPACES = re.compile(r"\s*")
_NOT_A_TITLE = {"ông", "bà", "đồng", "đ/c", "các", "cùng", "lãnh", "đại"}


def _title_before(text: str, name_start: int, floor: int, across_lines: bool = False) -> tuple[str, int] | None:
    """A title written right before the name ("Bí thư Thị ủy Lê Thành Đông"), and where it starts."""
    window_start = floor
    soft = _soft_break_before(text, name_start) if across_lines else None
    for m in _CLAUSE_BREAK.finditer(text, floor, name_start):
        if soft is not None and soft <= m.start():
            break
        window_start = m.end()
    window = text[window_start:name_start]
    if soft is not None and soft >= window_start:
        window = window.replace("\n", " ")   # same length: positions hold
    stripped = window.rstrip()
    # "Phó Chủ tịch UBND tỉnh, đồng chí Lê Văn A": the honorific stands between title and name.
    honorific = _TRAILING_HONORIFIC.search(stripped)
    if honorific:
        stripped = stripped[:honorific.start()].rstrip()
    comma_before_name = stripped.endswith(",") and not honorific
    if comma_before_name:
        stripped = stripped[:-1].rstrip()
    if not stripped or stripped[-1:] in "-–—":
        return None
    # The title is the last stretch of the window that starts with a title word and holds no verb;
    # comma-separated pieces after it must continue a name ("Sở Văn hóa, Thể thao và Du lịch").
    best = None
    piece_end = len(stripped)
    while best is None:
        piece_start = stripped.rfind(",", 0, piece_end) + 1
        piece = stripped[piece_start:piece_end]
        for head in _HEAD_AT.finditer(piece):
            rest = stripped[piece_start + head.start():] + " "
            stop = _TITLE_STOP.search(rest, 1)
            if stop and stop.start() < len(rest.rstrip()):
                continue
            best = piece_start + head.start()
            break
        if best is None:
            if piece_start == 0 or not piece.strip()[:1].isupper():
                return None
            piece_end = piece_start - 1
    if comma_before_name and not _HONORIFIC_END.search(stripped[:best]):
        # "Chủ tịch UBND huyện Mỹ Đức, Lại Văn Toàn" only after "Đồng chí"/"ông"/"bà".
        return None
    # Earlier comma-separated titles belong to the same person ("Phó chủ tịch nước, Phó chủ tịch thứ nhất ...").
    start = best
    while True:
        before = stripped[:start].rstrip()
        if not before.endswith(","):
            break
        prev_comma = before.rfind(",", 0, len(before) - 1)
        piece_start = prev_comma + 1 if prev_comma != -1 else 0
        piece = before[piece_start:-1].strip()
        head = _HEAD_AT.match(piece)
        if not head or _TITLE_STOP.search(piece + " ", 1).start() < len(piece):
            break
        start = piece_start + (len(before[piece_start:]) - len(before[piece_start:].lstrip()))
    title = stripped[start:].strip(" ,")
    return title, window_start + start


def _soft_break_before(text: str, name_start: int) -> int | None:
    """Where a line broken mid-sentence ends, when the name opens the next line.

    "Tại Đại hội, Chủ tịch UBND huyện\nLang Văn C đọc ...": the line before ends on a word, not
    on sentence punctuation, and it is not the page's first line (a headline ends on a word too).
    """
    gap_start = name_start
    while gap_start and text[gap_start - 1] in " \n":
        gap_start -= 1
    if "\n" not in text[gap_start:name_start] or not text[gap_start - 1:gap_start].isalnum():
        return None
    line_start = text.rfind("\n", 0, gap_start) + 1
    if not text[:line_start].strip():
        return None
    return gap_start


def _excluded_spans(text: str) -> list[tuple[int, int]]:
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


def find_officials(text: str) -> list[dict]:
    """[{name, title, rule}] in order of first appearance, one per person (the title naming most positions)."""
    text = _strip_marker(text)
    excluded = _excluded_spans(text)
    lowered = text.lower()
    shared = (finditer_from(_SHARED_PREFIX, _SHARED_PREFIX_START, text, starts_in=lowered)
              if len(lowered) == len(text) else _SHARED_PREFIX.finditer(text))  # else İ etc. grew
    prefixes = [(m.group("prefix").strip(), m.end(), _sentence_end(text, m.end())) for m in shared]
    people: dict[str, dict] = {}
    order: list[str] = []
    previous_name_end = 0
    for start, end in _name_spans(text):
        if any(s <= start < e for s, e in excluded):
            continue
        name = text[start:end]
        floor_for_title = previous_name_end
        after = None
        # "Nguyễn Văn A (thứ hai từ trái sang), Bí thư ...": a bracketed aside before the title.
        aside = _ASIDE.match(text, end)
        sep = _NAME_SEPARATOR.match(text, aside.end() if aside else end)
        if sep:
            after = _title_after(text, sep.end())
        else:
            paren = _OPEN_BRACKET.match(text, end)
            if paren:
                after = _title_after(text, paren.end())
        # A title before this name starts after the previous person ("Bí thư Tỉnh ủy A và Chủ tịch UBND tỉnh B").
        before = _title_before(text, start, max(0, start - 250, floor_for_title))
        joiner = ", "
        split = _SPLIT.match(text, end)
        if before and not after and split:
            # The name split over a title: "Chủ tịch UBND huyện Mỹ Đức, Lại Văn Toàn; Trưởng cụm ..."
            after = _title_after(text, split.end())
            joiner = split.group(1) + " "
            if after and _holds_name(text, split.end(), after[1]):
                # "...; Bí thư Huyện ủy Y Lê Thị F": the next entry is title-then-name, another person.
                after = None
        # The next person's title-before starts after this person's name and title.
        if not before and not after:
            # Only a name with no title of its own reads back over a broken line ("Chủ tịch UBND
            # huyện\nLang Văn C đọc ..."): "Name, Title" opening a paragraph is the paragraph's.
            before = _title_before(text, start, max(0, start - 250, floor_for_title), across_lines=True)
        previous_name_end = after[1] if after else end
        if before and after:
            title, rule = f"{before[0]}{joiner}{after[0]}", "official:title-name-title"
        elif after:
            title, rule = after[0], "official:name-title"
        elif before:
            title, rule = before[0], "official:title-name"
        else:
            listed = _listed_under(text, prefixes, start)
            if listed is None:
                continue
            # "các đồng chí Phó Giám đốc Công an tỉnh: A, B": the list's shared title is each one's.
            title, rule = listed, "official:shared-title-list"
        for prefix, p_start, p_end in prefixes:
            if p_start <= start < p_end and not fold(title).startswith(fold(prefix)):
                title, rule = f"{prefix}, {title}", rule + "+shared-prefix"
        title = re.sub(r"\s+", " ", title).strip(" ,;-–")
        key = fold(name)
        if key not in people:
            people[key] = {"name": name, "title": title, "rule": rule}
            order.append(key)
        elif _positions(title) > _positions(people[key]["title"]):
            # The fullest title names the most positions; on a tie the first wording stays.
            people[key].update(title=title, rule=rule)
    return [people[k] for k in order]


# "Ông K'Sức", "bà H'Bla": a one-syllable highland name after an honorific (no run of two).
_APOSTROPHE_NAME = re.compile(rf"(?<!\w)(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí|đ/c)\s+(?P<name>{_U}['’]{_U}{_L}*)(?![\w'’])")
_LIST_GAP = re.compile(rf"(?:\s*(?:,|và)\s*|\s+)?(?:{_SYLLABLE}(?: {_SYLLABLE})*(?:\s*(?:,|và)\s*))*\s*$")


def _name_spans(text: str):
    """(start, end) of each person's name candidate, in text order."""
    spans = []
    for run in _LONG_RUN.finditer(text):
        span = _name_in_run(text, run)
        if span:
            spans.append(span)
    if "'" in text or "’" in text:
        taken = {s for s, _ in spans}
        spans.extend(m.span("name") for m in _APOSTROPHE_NAME.finditer(text) if m.start("name") not in taken)
        spans.sort()
    return spans


def _holds_name(text: str, start: int, end: int) -> bool:
    return any(_name_in_run(text, run) for run in _LONG_RUN.finditer(text, start, end))


def _listed_under(text: str, prefixes, start: int) -> str | None:
    """The shared title when the name stands in the bare list right after it ("...: A, B và C")."""
    for prefix, p_start, p_end in prefixes:
        if p_start <= start < p_end and _LIST_GAP.fullmatch(text, p_start, start):
            return prefix
    return None


def _positions(title: str) -> int:
    return sum(1 for _ in _HEAD_AT.finditer(title))


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_STOP.search(text, pos, pos + 2000)
    return m.start() if m else min(len(text), pos + 2000)


_SENTENCE_STOP = re.compile(r"\.(?:\s|$)|\n")


# --- author -------------------------------------------------------------------------------------
def _signature_line(line: str) -> bool:
    """'Thị Thoang', 'Trần Nông - Huỳnh Ấn', 'Ngọc Mai (Sở Nội vụ)', 'Thu Hà - Trung tâm VHTT', 'PV'."""
    line = line.strip()
    if not line or len(line) > 90 or any(ch.isdigit() for ch in line) or line[-1:] in ".!?:;,…\"”":
        return False
    if line in ("PV", "CTV", "BTV", "Nhóm PV") or _INITIALS.fullmatch(line):
        return True
    if _HEAD_AT.match(line) or line.split()[0].lower() in _NOT_A_SIGNATURE:
        return False
    # The writer's name first; an affiliation after " - " or in brackets may be written any way.
    person = _AFFILIATION.split(line, maxsplit=1)[0].split()
    return (1 <= len(person) <= 5 and len(line.split()) <= 14
            and all(w[:1].isupper() and w.replace("'", "").replace("’", "").isalpha() for w in person))


# "Name - Affiliation", "Name (Affiliation)", "Name, Báo / Đài / Trung tâm ..." ("H'Yim Kđoh" is a name).
_AFFILIATION = re.compile(r"\s+[-–]\s+|\s*\(|,\s*(?=(?:Báo|Đài|Trung tâm|Cổng|Tạp chí|Phòng|Văn phòng|Sở|Ban|Hội"
                          r"|UBND|Huyện ủy|Tỉnh ủy|Thành ủy|TTXVN|VOV|VTV)\b)")
# A writer signing with initials: "V.T", "N.H.Q", "T.Lan".
_INITIALS = re.compile(rf"{_U}\.(?:{_U}\.)*(?:{_U}{_L}*)")
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
    text = _strip_marker(text)
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
