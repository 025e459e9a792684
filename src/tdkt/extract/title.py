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

from tdkt.corpus.chrome import section_label_before
from tdkt.extract.dates import is_date_stamp, labelled_date
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
    r"Trong (?:\d|hai |ba )|"
    r"(?:Ngay|Sang|Chieu) (?:ngay )?\d|"
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
    return len(line) >= 200 or (len(line) >= 60 and bool(_LEAD_START.match(line) or _is_news_sentence(line)))


def _is_shouting(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


# A headline may open with the deed ("Trao Huân chương Lao động cho ..."), as a photo caption does;
# at the very top of the page, with no full stop, it is the headline.
_DEED_START = re.compile(r"^(?:Trao|Tặng) ")


def looks_like_headline(line: str, top: bool = False) -> bool:
    """Whether a line before the lead reads like a headline; `top`: it is the page's first line."""
    words = [w for w in line.split() if any(c.isalpha() for c in w)]
    return (
        # five words at least: "Thi đua - Khen thưởng" is a section name, not a headline
        5 <= len(words) and len(line) <= 250
        and not line[0].islower()
        and not (line.startswith("(") and line.endswith(")"))
        and not _LEAD_START.match(line)
        and not (_CAPTION_START.match(line) and not (top and _DEED_START.match(line) and line[-1:] != "."))
        and not _CHROME.search(line)
        and not is_date_stamp(line)
        and not line.endswith(":")
        and not _is_news_sentence(line)
        and (bool(_TOPIC.search(fold(line))) or _names_a_unit_at_work(line))
        # a site banner in capitals names no subject; a headline in capitals does
        and not (_is_shouting(line) and not _TOPIC.search(fold(line)[:60]))
    )


# A news sentence tells that something has just happened ("X vừa tổ chức ...", "X đã tổ chức ..."):
# headlines leave the tense out. Closed by a full stop, such a line is the lead, not a headline.
_TENSE_BEFORE_DEED = re.compile(r"\s(?:vừa|đã)\s+[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")


# ... and so does a finished sentence that opens with the day of the event ("Trong 2 ngày 11 và 12/1, ...").
_DATED_OPENING = re.compile(r"^[^,]{0,30}?\b\d{1,2}\s*(?:[/.]\s*\d{1,2}|và\s*\d{1,2}\s*/\s*\d{1,2})\b[^,]{0,20},")


def _is_news_sentence(line: str) -> bool:
    return line[-1:] == "." and bool(_TENSE_BEFORE_DEED.search(line) or _DATED_OPENING.match(line))


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
    """(title, its line index, index of the lead line) for the lines of a page (see opening_lines)."""
    lead_index = next((i for i, line in enumerate(lines) if is_lead(line)), len(lines))
    for i, line in enumerate(lines[:lead_index][:40]):
        candidate = _NULL_PREFIX.sub("", line)
        if not looks_like_headline(candidate, top=i == 0):
            continue
        # A headline cut short ("... giao ước thi đ...", "... ký kết giao ước t") is often
        # printed whole just below.
        stem = _ELLIPSIS.sub("", candidate)
        for j in range(i + 1, min(lead_index, len(lines), i + 8)):
            if lines[j].startswith(stem) and len(lines[j]) > len(stem) and looks_like_headline(lines[j]):
                return lines[j].strip(), j, lead_index
        return _with_kicker_or_deck(lines, i, lead_index, candidate.strip()), i, lead_index
    return None, None, lead_index


# A kicker above the headline names the place or body ("Thị xã Hòa Thành:"): a few capitalised words
# and a colon, no figures, no sentence.
_KICKER = re.compile(r"^[A-ZĐÀ-Ỹ][^.!?;:\d]{2,60}:$")


def _with_kicker_or_deck(lines: list[str], i: int, lead_index: int, headline: str) -> str:
    """The headline with the kicker line just above it ("Thị xã X:" / "Gần 2.400 ..."), or with its
    second deck when the two stand together above the post stamp ("Tổng kết ... giai đoạn 2016-2018" /
    "Phát huy sức mạnh ..." / "Cập nhật ..."), joined with one space as the page shows them together.

    The stamp under the pair is what tells a second deck from a sapo or a caption that runs on
    without a stamp."""
    if i > 0 and _KICKER.match(lines[i - 1]) and len(lines[i - 1].split()) <= 8 and not _CHROME.search(lines[i - 1]):
        headline = f"{lines[i - 1]} {headline}"
    deck = lines[i + 1] if i + 1 < lead_index else None
    below = lines[i + 2] if i + 2 < len(lines) else ""
    if deck and _is_deck(deck, headline) and (is_date_stamp(below) or labelled_date(below)):
        headline = f"{headline} {deck}"
    return headline


def _is_deck(line: str, headline: str) -> bool:
    """A line that can be a headline's second deck: a short phrase, not a stamp, caption, lead or menu."""
    words = [w for w in line.split() if any(c.isalpha() for c in w)]
    return (5 <= len(words) and len(line) <= 150 and line[:1].isupper() and line[-1:] not in ".!?:;…"
            and not is_date_stamp(line) and not labelled_date(line) and not _CAPTION_START.match(line)
            and not _LEAD_START.match(line) and not _CHROME.search(line) and not _is_shouting(line)
            and fold(line) not in fold(headline))


# --- a page flattened onto one line ------------------------------------------------------------
# Some stores keep the page's opening on one line: the section, the headline, the outlet's dateline
# and the lead ("Xã hội Quế Sơn khen thưởng ... (QNO) - Chiều 11/4, UBND huyện ..."), or the headline
# and its post stamp ("Đồng Tháp: Thi đua ... phát triển 24/10/2025 13:11"). They are cut back into
# the lines the page showed before the headline is looked for.
_GLUED_DATELINE = re.compile(
    r"\s\((?:[A-ZĐ&]{2,8}|[\w-]{2,30}\.(?:vn|com|net|org))\)\s*[-–—:]\s*(?=[A-ZĐÀ-Ỹ])")
_STAMP_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
_STAMP_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_STAMP_DAY = r"(?:(?:[Tt]hứ (?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|\d)|[Cc]hủ [Nn]hật|CN|T[2-7])\s*[,-]?\s*)?"
_STAMP = rf"{_STAMP_DAY}(?:{_STAMP_DATE}(?:\s*[-|,]?\s*{_STAMP_TIME})?|{_STAMP_TIME}\s*[-|,]?\s*{_STAMP_DATE})"
_GLUED_STAMP = re.compile(rf"\s+\(?{_STAMP}\)?\s*$")
_LEADING_STAMP = re.compile(rf"^\(?{_STAMP}\)?\s+(?=[A-ZĐÀ-Ỹ])")
# A headline run into its lead with no dateline ("... năm 2023 Sáng 12/1, UBND huyện ..."): the lead
# opens with its time and day.
_GLUED_LEAD = re.compile(r"\s(?=(?:Sáng|Chiều|Tối|Trưa|Ngày)(?: ngày)? \d{1,2}\s*[/.-]\s*\d{1,2}\b[^.]{0,40},)")
_OPENING_LINES = 40


def opening_lines(lines: list[str]) -> list[str]:
    """The page's lines with a flattened opening cut back into its lines (see above); the lines
    after the lead are returned as they are."""
    out: list[str] = []
    for i, line in enumerate(lines):
        if i >= _OPENING_LINES:
            out.extend(lines[i:])
            break
        parts = _unglued(line)
        out.extend(parts)
        if is_lead(parts[-1]):
            out.extend(lines[i + 1:])
            break
    return out


def _unglued(line: str) -> list[str]:
    """One line of the opening as the lines it was: [section, headline, dateline and lead], or
    [headline, stamp]; [line] when it is one line."""
    dateline = _GLUED_DATELINE.search(line, 0, 300)
    if dateline and len(line) - dateline.end() >= 60:
        head, lead = line[:dateline.start()].strip(), line[dateline.start():].strip()
        section = section_label_before(head)
        if section and looks_like_headline(head[len(section):].strip(), top=True):
            return [section, head[len(section):].strip(), lead]
        if looks_like_headline(head, top=True):
            return [head, lead]
        return [line]
    leading = _LEADING_STAMP.match(line) if line[:1].isdigit() or line[:1] in "(TtCc" else None
    if leading and len(line) <= 300 and looks_like_headline(line[leading.end():].strip(), top=True):
        return [line[:leading.end()].strip(), line[leading.end():].strip()]
    stamp = _GLUED_STAMP.search(line) if len(line) <= 300 and line[-1:] in "0123456789)" else None
    if stamp and looks_like_headline(line[:stamp.start()].strip(), top=True):
        return [line[:stamp.start()].strip(), line[stamp.start():].strip()]
    glued = _GLUED_LEAD.search(line, 20, 260)
    if glued and line[glued.start() - 1] not in ".!?:;," and looks_like_headline(line[:glued.start()], top=True):
        return [line[:glued.start()], line[glued.end():]]
    return [line]


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


# --- the display headline ----------------------------------------------------------------------
# A page with no headline still needs one line for listings, search results and its own <title>;
# "(Không có tiêu đề)" on a hundred pages tells a reader nothing. The display headline is the lead's
# main clause as written: who did what ("UBND thị xã Hồng Lĩnh tổng kết công tác thi đua, khen
# thưởng năm 2023"), without the when and where that open the sentence and without what follows
# "nhằm", "với sự tham dự" ... It is the text's own words (only the first letter made a capital),
# never a guess, and it is kept apart from `title`, which stays the page's own headline or null.
# A headline of up to _DISPLAY_TARGET characters is taken whole; a longer one is cut after its first
# year if that comes by DISPLAY_MAX_CHARS ("... tổng kết phong trào thi đua yêu nước năm 2017"),
# else before its next deed or at a word by _DISPLAY_TARGET.
_DISPLAY_TARGET = 120
DISPLAY_MAX_CHARS = 150
_DISPLAY_MIN_WORDS = 5

# A news agency or outlet's dateline before the lead: "(Baotayninh.vn) - ", "NDO - ", "TTXVN:".
_DATELINE = re.compile(
    r"^(?:\([^()\n]{2,40}\)\s*[-–—:]?|[A-ZĐ][\w.&]{1,20}(?:\s[A-ZĐ][\w.&]{1,20})?\s*[-–—:])\s*(?=[A-ZĐÀ-Ỹ])")
# Clauses that open a lead with its time, place or purpose, up to their comma.
# A time ("Sáng 25/1, ", "Chiều ngày 27.2, "), a place ("tại hội trường UBND huyện, ") with no verb
# in it, or a purpose or occasion ("Thực hiện Kế hoạch số 12/KH-UBND, ", "Nhằm ...").
_TIME_OR_PLACE = (r"(?:(?:vào\s+)?(?:sáng|chiều|tối|trưa|đêm|ngày|ngay|hôm nay|hôm qua|vừa qua|mới đây|gần đây|sáng nay"
                  r"|chiều nay|trong (?:hai|ba|2|3) ngày|trong (?:các )?ngày|từ ngày|cuối tuần|đầu tuần|tuần qua|tháng"
                  r"|tại)\b)(?:(?!\s(?-i:diễn ra|tổ chức|khai mạc)\b)(?:[^,.;:!?\n]|(?<=\d)[.:](?=\d))){0,80}")
_PURPOSE = (r"(?:thực hiện|căn cứ|theo kế hoạch|nhằm|để|trong không khí|hướng tới|chào mừng|nhân dịp)\b"
            r"(?:[^,.;:!?\n]|(?<=\d)[.:/](?=\d)){0,200}")
# "Sáng ngày 14/02/2025 Cụm trưởng ...": a dated time with no comma before the subject.
_DATED_TIME = r"(?:sáng|chiều|tối|trưa|ngày)(?: ngày)? \d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?\s+(?=[A-ZĐ])"
_OPENING_ADJUNCT = re.compile(rf"^(?:(?:{_TIME_OR_PLACE}|{_PURPOSE}),\s+|{_DATED_TIME})", re.IGNORECASE)
# The rest of a place after "tại ...,": ", tỉnh Đồng Tháp, ...".
_PLACE_GOES_ON = re.compile(r"^(?:tỉnh|thành phố|TP\.?|huyện|thị xã|quận|xã|phường|thị trấn)\s[^,.;:!?\n]{1,40},\s+")
# "Cụm thi đua số 2 (,) gồm các huyện A, B và C (,) tổ chức ...": the members are left out.
_MEMBERS = re.compile(r",?\s+gồm(?: có)?\s*:?\s[^!?\n]{1,400}?,?\s+(?=(?:đã|vừa|tổ chức|tiến hành|ký|tổng kết|họp)\b)")
# A main clause that opens with its verb ("đã diễn ra Hội nghị ...") says what happened after it.
_HAPPENED = re.compile(r"^(?:tại\s[^,.;:!?\n]{1,80}?\s+)?(?:đã\s+|vừa\s+)?(?-i:diễn ra|tổ chức thành công)\s+(?=\S)",
                       re.IGNORECASE)
# Where a lead's main clause gives way to its purpose, its guests or its circumstances.
_CLAUSE_TAIL = re.compile(
    r"\s+(?:nhằm|để|với sự (?:tham dự|có mặt|chủ trì)|có sự tham dự|dưới sự chủ trì|với (?:sự )?tham dự|qua đó"
    r"|với (?:chủ đề|phương châm|mục tiêu)|theo đó|nhân dịp|nhân kỷ niệm|hướng tới|chào mừng)\b|[;:]\s", re.IGNORECASE)
# A bracketed aside ("(TĐKT)", "(gồm 6 huyện)") is left out of a headline.
_ASIDE = re.compile(r"\s*\([^()\n]{0,80}\)")
# A long clause is best cut after its first year ("... năm 2023", "năm học 2022-2023") ...
_YEAR_END = re.compile(r"\bnăm (?:học )?\d{4}(?:\s*[-–]\s*\d{4})?(?!\d)")
# ... else before the next thing it does ("và phát động ...", ", ký kết ..."), else at a word.
_NEXT_DEED = re.compile(
    r"(?:\s+và|,?\s+đồng thời)\s+(?=(?:phát động|triển khai|ký kết|ký|trao|tặng|tuyên dương|biểu dương"
    r"|tôn vinh|thông qua|bầu|công bố|đề ra)\b)", re.IGNORECASE)
# Words a headline cannot end on.
_DANGLING = frozenset(
    "và của các cho với trong tại để nhằm cùng là đã được những theo về ở từ đến có năm ngày tháng do "
    "một hai ba bởi như thì mà sẽ đang nhất gồm học".split())
_SENTENCE = re.compile(r"(?<=[^\s.]{2}[.!?…])(?<!\bTP\.)(?<!\bTX\.)(?<!\bTT\.)\s+(?=[\"“(]?[A-ZĐÀ-Ỹ])")
# Sentences that list who attended or who spoke are not what happened.
_NOT_THE_EVENT = re.compile(r"^(?:tham dự|dự|về dự|đến dự|tới dự|cùng dự|phát biểu|theo|báo cáo|ảnh|tin)\b",
                            re.IGNORECASE)
# What a conference does, as its headline would say it (folded).
_EVENT_WORD = re.compile(
    r"tong ket|phat dong|ky ket|hoi nghi|dai hoi|\ble\b|\btrao\b|tuyen duong|bieu duong|ton vinh|so ket|dien ra"
    r"|hop xet|binh xet|vinh danh|giao ban|trien khai (?:phuong huong|nhiem vu|ke hoach|cong tac)")
# A paragraph of the story ends with a sentence's end; a caption under a photo often does not.
_PARAGRAPH_END = ".!?…\"”)"
_BYLINE_START = re.compile(r"^(?:tin|bài|ảnh|tin và ảnh|tin, ảnh|tác giả|nguồn|pv|ctv)\s*[:\-–]", re.IGNORECASE)


def _lead_sentences(story: str, paragraphs: int = 3, sentences: int = 6) -> list[str]:
    """The first sentences of the story's first paragraphs, skipping stamps, bylines and captions."""
    found: list[str] = []
    taken = 0
    for paragraph in story.split("\n"):
        paragraph = " ".join(paragraph.split())
        if (len(paragraph.split()) < 6 or is_date_stamp(paragraph) or _BYLINE_START.match(paragraph)
                or (paragraph[-1:] not in _PARAGRAPH_END and len(paragraph.split()) < 25)
                or _CAPTION_START.match(paragraph) or _CHROME.search(paragraph[:80])):
            continue
        found.extend(s.strip() for s in _SENTENCE.split(paragraph) if s.strip())
        taken += 1
        if taken >= paragraphs or len(found) >= sentences:
            break
    return found[:sentences]


def _event_sentence(story: str) -> str | None:
    """The first lead sentence that says what happened (an event word, not who attended), else the first."""
    candidates = _lead_sentences(story)
    told = [s for s in candidates if not _NOT_THE_EVENT.match(_DATELINE.sub("", s, count=1))]
    for sentence in told:
        # the event named in the main clause itself, not only in the plan or body a sentence cites
        if _EVENT_WORD.search(fold(_main_clause(sentence))):
            return sentence
    return (told or candidates or [None])[0]


def _main_clause(sentence: str) -> str:
    """The lead sentence without its dateline, opening time/place/purpose clauses, asides and tail."""
    sentence = _DATELINE.sub("", sentence, count=1)
    for _ in range(4):
        opening = _OPENING_ADJUNCT.match(sentence)
        if not opening or len(sentence[opening.end():].split()) < _DISPLAY_MIN_WORDS:
            break
        sentence = sentence[opening.end():]
        while opening.group(0)[:3].lower() == "tại" and (more := _PLACE_GOES_ON.match(sentence)) \
                and len(sentence[more.end():].split()) >= _DISPLAY_MIN_WORDS:
            sentence = sentence[more.end():]
    sentence = _ASIDE.sub("", sentence)
    sentence = _MEMBERS.sub(" ", sentence, count=1)
    happened = _HAPPENED.match(sentence)
    if happened and len(sentence[happened.end():].split()) >= _DISPLAY_MIN_WORDS:
        sentence = sentence[happened.end():]
    tail = _CLAUSE_TAIL.search(sentence)
    if tail and len(sentence[:tail.start()].split()) >= _DISPLAY_MIN_WORDS:
        sentence = sentence[:tail.start()]
    return sentence.strip()


def _shortened(clause: str) -> str:
    """A clause longer than a headline, cut after its first year, before its next deed, or at a word."""
    if len(clause) <= _DISPLAY_TARGET:
        return clause
    for pattern, reach in ((_YEAR_END, DISPLAY_MAX_CHARS), (_NEXT_DEED, _DISPLAY_TARGET)):
        for match in pattern.finditer(clause, 0, reach + 1):
            cut = match.end() if pattern is _YEAR_END else match.start()
            if len(clause[:cut].split()) >= _DISPLAY_MIN_WORDS + 1 and cut <= reach:
                return clause[:cut]
    cut = clause.rfind(" ", 0, _DISPLAY_TARGET + 1)
    return clause[:cut if cut > 0 else _DISPLAY_TARGET]


def _tidy_end(text: str) -> str:
    """No trailing punctuation, dangling word or unbalanced bracket or quote."""
    for _ in range(8):
        before = text
        text = text.rstrip(" ,;:.-–—…!?\"“'(")
        words = text.rsplit(None, 1)
        if len(words) == 2 and words[1].lower() in _DANGLING:
            text = words[0]
        for opening, closing in (("(", ")"), ("“", "”")):
            if text.count(opening) > text.count(closing):
                text = text[:text.rfind(opening)]
        if text.count('"') % 2:
            text = text[:text.rfind('"')]
        if text == before:
            break
    return text.strip()


def display_title(title: str | None, story: str) -> tuple[str, str]:
    """(the headline listings and pages show, the rule that made it): the title when the page has
    one, else the main clause of the lead sentence that says what happened (see above), else the
    first words of the text. Never empty, at most DISPLAY_MAX_CHARS, whole words."""
    if title and title.strip():
        return " ".join(title.split()), "title"
    sentence = _event_sentence(story)
    if sentence:
        clause = _tidy_end(_main_clause(sentence))
        short = _tidy_end(_shortened(clause))
        if len(short.split()) >= 3:
            rule = "lead sentence" if short == clause else "lead sentence, shortened"
            return short[:1].upper() + short[1:], rule
    words = _tidy_end(_shortened(" ".join(story.split()[:20]))) or "Bài viết"
    return words[:1].upper() + words[1:], "first words of the text"
