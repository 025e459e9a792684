"""Awards: the titles and commendations an article reports, typed by ../shared/domain/awards.md.

Input is cleaned text (paragraphs separated by blank lines, `tdkt.text.normalize`d). Award names
are matched on a folded copy of the text that keeps every character's position, so capitals,
sĩ/sỹ and tone placement never matter while `detail` is still cut from the text as written.

A mention counts only inside a sentence that gives, receives or proposes something ("tặng",
"trao", "được", "đề nghị", ...): the same names also describe who attended ("đại biểu ... Anh
hùng Lực lượng vũ trang, Chiến sĩ thi đua toàn quốc") and that is not an award. Recipient
counts are read after "cho"/"tặng" following the name, or before "được/đạt/nhận" preceding it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tdkt.extract.scan import finditer_from
from tdkt.taxonomy import AWARD_TYPES
from tdkt.text import fold

# Lines starting with this marker are the test corpus' own note, not article text.
TEST_MARKER = "(Bài viết mẫu soạn cho kiểm thử)"


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = fold(ch)
    return folded if len(folded) == 1 else ch.lower() if len(ch.lower()) == 1 else ch


class _AlignedFolds(dict):
    """str.translate table for fold_aligned, filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_ALIGNED_FOLDS = _AlignedFolds()


def fold_aligned(text: str) -> str:
    """`fold` that keeps length: position i of the result is character i of the text."""
    # One C-level pass over the text instead of a Python call per character (the whole text's
    # fold, when it keeps positions, is no faster: deleting a thousand marks by regex costs more).
    return text.translate(_ALIGNED_FOLDS)


# --- sentences -------------------------------------------------------------------------------
# A sentence ends at a line break or at . ! ? … followed by a capital, a quote or a digit;
# "TP. Hồ Chí Minh", "T.Ư" and "./." do not end one.
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper() and "LATIN" in unicodedata.name(c, ""))
_LOWER = "".join(c for c in map(chr, range(0x61, 0x1EFA)) if c.islower() and "LATIN" in unicodedata.name(c, ""))
_CAPITAL = f"[{re.escape(_UPPER)}]"
_SENTENCE_BREAK = re.compile(
    rf"\n+|\.{{3,}}(?={_CAPITAL})"
    rf"|(?<![A-ZĐ]\.)(?<!\bTP\.)(?<!\bTX\.)(?<!\bTT\.)(?<=[.!?…])(?:/\.)?\s+(?=[\"“'(\[]?{_CAPITAL}|\d)"
)


# Where a break can begin: at a newline or a full stop (the first two alternatives), or right after
# . ! ? … (the third). sre tries a pattern that opens with lookbehinds at every position; this
# character class it scans in C, and the break is then tried only at those places.
_BREAK_PUNCTUATION = re.compile(r"[\n.!?…]")


def _sentence_breaks(text: str):
    """What _SENTENCE_BREAK.finditer(text) finds, tried only where a break can begin."""
    pos = 0
    while True:
        m = _SENTENCE_BREAK.match(text, pos) if pos and text[pos - 1] in ".!?…" else None
        if m is None:
            c = _BREAK_PUNCTUATION.search(text, pos)
            if c is None:
                return
            m = _SENTENCE_BREAK.match(text, c.start())
            if m is None:
                pos = c.start() + 1       # then right after it, when it is . ! ? …
                continue
        yield m
        pos = m.end()


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _sentence_breaks(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# --- award names (on folded text) ------------------------------------------------------------
_SI = r"s[iy]"
_GRADE = r"(?:\s+hang\s+(?P<g1>nhat|nhi|ba|i{1,3})\b(?:\s*(?:,|va)\s*(?:hang\s+)?(?P<g2>nhat|nhi|ba|i{1,3})\b)?)?"
_NAMES: list[tuple[str, str]] = [
    # (group name, pattern); leftmost match wins, then the order below
    ("la_co_dau", r"\bla co dau\b|\bco dau\b"),
    ("cstd", rf"\b(?:chien {_SI} thi dua|cstd(?!cs|\w))"
             r"(?P<cstd_lvl>\s+(?:cap\s+)?(?:toan quoc|co so|tinh|thanh pho|tp|bo|nganh|quan doi|cong an|"
             r"trung uong|bo,? nganh|cap bo|cap nganh|quoc gia)\b)?"),
    ("cstdcs", r"\bcstdcs\b|\bcstd\s+cs\b"),
    ("ttlddt", r"\btap the lao dong tien tien\b|\bttld ?tt\b|\bdon vi tien tien\b"),
    ("ttldxs", r"\btap the lao dong xuat sac\b|\bttld ?xs\b|\bdon vi quyet thang\b"),
    ("ldtt", rf"\blao dong tien tien\b|\bldtt\b|\bchien {_SI} tien tien\b"),
    ("co", r"\bco thi dua(?: xuat sac)?\b|\bco\s+(?:[\"“”'][^\"“”'\n]{3,80}[\"“”']|(?:don vi\s+)?(?:dan dau|xuat sac)\b"
           r"(?: (?:trong )?phong trao thi dua)?)"),
    ("hcld", r"(?:\bhuan chuong lao dong|\bhcld)\b" + _GRADE.replace("g1", "hg1").replace("g2", "hg2")),
    ("hc_khac", r"\bhuan chuong (?:sao vang|ho chi minh|doc lap|quan cong|bao ve to quoc|chien cong|dung cam"
                r"|dai doan ket dan toc|huu nghi|chien thang|khang chien|chien {0})\b".format(r"s[iy] ve vang")
                + _GRADE.replace("g1", "kg1").replace("g2", "kg2")),
    ("huy_chuong", rf"\bhuy chuong (?:chien {_SI} ve vang|quan ky quyet thang|vi an ninh to quoc|huu nghi"
                   r"|vi the he tre|vi su nghiep [a-z ]{3,40}?(?=[,;.\"”)]|$| cho | cua ))"
                   + _GRADE.replace("g1", "yg1").replace("g2", "yg2")),
    ("vinh_du", r"\banh hung (?:lao dong|luc luong vu trang(?: nhan dan)?|llvt(?: ?nd)?)\b"
                r"|\bba me viet nam anh hung\b"
                rf"|\b(?:nha giao|thay thuoc|nghe {_SI}|nghe nhan) (?:nhan dan|uu tu)\b"),
    ("giai_thuong", r"\bgiai thuong (?:ho chi minh|nha nuoc)\b"),
    ("knc", r"\bky niem chuong\b(?:\s+[\"“]?\s*vi (?:su nghiep )?[a-z]+(?:[ ,]+[a-z]+){0,6}?(?=\s*(?:[\"”;.()]|cho\b|duoc\b|cua\b|nam\b|$)))?"),
    ("bang_khen", r"\bbang khen\b"),
    ("giay_khen", r"\bgiay khen\b"),
    ("khac", r"\bchinh quyen (?:co so )?vung manh\b|\bdanh hieu\s+[\"“]?\s*(?:gia dinh|thon|khu dan cu|to dan pho|ap|ban|khu pho) van hoa\b"
             r"|\bdon vi (?:xuat sac )?(?:tieu bieu )?dan dau\b"),
]
_AWARD_NAME = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _NAMES))
# How every alternative of _NAMES begins (keep in step when adding one): _AWARD_NAME, `\b`-led,
# is tried only where one of these starts (see tdkt.extract.scan).
# Common words ("có", "tập thể", "lao động", "đơn vị") start a name only with what follows them here.
_NAME_START = re.compile(
    r"la co |co(?: dau| thi dua|\s+[\"“”']|\s+don vi|\s+dan dau|\s+xuat sac)|chien s|cstd"
    r"|tap the lao dong|ttld|don vi (?:tien tien|quyet thang|xuat sac|tieu bieu|dan dau)|lao dong tien tien|ldtt"
    r"|huan chuong|hcld|huy chuong|anh hung|ba me|nha giao|thay thuoc|nghe s|nghe nhan|giai thuong|ky niem"
    r"|bang khen|giay khen|chinh quyen|danh hieu"
)

_GRADES = {"nhat": "Nhất", "nhi": "Nhì", "ba": "Ba", "i": "Nhất", "ii": "Nhì", "iii": "Ba"}

# --- authorities ------------------------------------------------------------------------------
_PLACE_KIND = r"(?:tinh|thanh pho|tp\.?|huyen|thi xa|tx\.?|quan|xa|phuong|thi tran)"
_AUTHORITY = re.compile(
    r"\b(?:(?P<ttg>thu tuong(?: chinh phu)?)"
    r"|(?P<cp>chinh phu)"
    r"|(?P<ctn>chu tich nuoc)"
    rf"|(?P<ubnd>(?:(?:pho )?chu tich\s+)?(?:ubnd|uy ban nhan dan)\s+(?P<ubnd_kind>{_PLACE_KIND}))(?!\w)"
    r"|(?P<btv>(?:ban thuong vu|btv)\s+(?P<btv_kind>tinh uy|thanh uy|huyen uy|thi uy|quan uy))"
    rf"|(?P<mttq>(?:uy ban\s+)?(?:mttq|mat tran to quoc|ubmttq)(?:\s*(?:viet nam|vn))?\s+(?P<mttq_kind>{_PLACE_KIND}))(?!\w)"
    r"|(?P<bo>(?:bo truong\s+)?bo\s+(?=[^\W\d_]))"
    r"|(?P<hd>hoi dong thi dua[ ,\-–]*khen thuong (?:tinh|trung uong|thanh pho))"
    r"|(?P<so>giam doc so\b))"
)
_DELEGATED = re.compile(r"\bthua uy quyen\s+(?:cua\s+)?")
# A title that contains an authority ("Ủy viên Ban Thường vụ Thành ủy") names a presenter, not a grantor.
_TITLE_BEFORE = re.compile(r"\b(?:uy vien|uv|truong|pho|thu ky|chanh van phong|thanh vien)\s*$")
_BO_STOP = re.compile(r"(?<!\w)(?:cho|tặng|trao|năm|về|vì|đã|được|các|nhiều|theo|tại|trong|và các|cùng"
                      r"|và (?:cờ|bằng khen|giấy khen|huân chương|huy chương|danh hiệu|kỷ niệm chương))(?!\w)|[;.:()\n]")
# After a ministry's name: ", lower-case words" or a number are the sentence going on.
_BO_TAIL = re.compile(rf"(,\s*[{re.escape(_LOWER)}].*|\s+\d.*)$")
_GIVING = re.compile(r"(?<!\w)(tặng|công nhận|khen thưởng|quyết định)(?!\w)")
_AUTHORITY_LABEL = {"ttg": "Thủ tướng Chính phủ", "cp": "Chính phủ", "ctn": "Chủ tịch nước", "so": "Giám đốc Sở"}
_KIND_LABEL = {"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố", "tp.": "thành phố",
               "huyen": "huyện", "thi xa": "thị xã", "tx": "thị xã", "tx.": "thị xã", "quan": "quận",
               "xa": "xã", "phuong": "phường", "thi tran": "thị trấn"}
_LOCAL_KINDS = {"huyện", "thị xã", "quận", "xã", "phường", "thị trấn"}

# What an award sentence does: give, receive or propose. Matched on lower-case text WITH marks
# ("nhân dân" must not read as "nhận").
_ACTION = re.compile(
    r"(?<!\w)(tặng|trao|nhận|được|đạt|công nhận|đề nghị|đề xuất|bình xét|bình bầu|bình chọn|suy tôn"
    r"|khen thưởng|phong tặng|truy tặng|vinh danh|quyết định|xét|trình|giành|đoạt|đón|tôn vinh|khen|cho)(?!\w)"
)
_PROPOSAL = re.compile(
    r"(?<!\w)(đề nghị|đề xuất|bình xét|bình bầu|bình chọn|suy tôn|trình(?! bày)|xét tặng|xét đề nghị"
    r"|cấp trên khen thưởng|cấp có thẩm quyền)(?!\w)"
)
# A later clause saying the award was handed over ends what "đề nghị" proposed earlier in the sentence
# ("đề nghị ... tặng Cờ thi đua cho xã X; đã trao Giấy khen cho ..."). Bare "tặng" does not: a list of
# proposals goes on with it.
_HANDED_OVER = re.compile(r"(?<!\w)(đã trao|đã tặng|trao tặng|được tặng|được trao|đã được|vinh dự nhận|trao)(?!\w)")
# "đề nghị ... xem xét, trao tặng ...": the comma after "xét" goes on with the proposal.
_CLAUSE_MARK = re.compile(r"(?<!xét)[;,]|(?<!\w)đồng thời(?!\w)")


def _proposed(lower: str, start: int, end: int, carried: bool) -> bool:
    """Whether a mention at `end` is proposed: "đề nghị" before it in the sentence, unless a later
    clause says the award was handed over."""
    proposal = None
    for proposal in _PROPOSAL.finditer(lower, start, end):
        pass
    handed = None
    for handed in _HANDED_OVER.finditer(lower, proposal.end() if proposal else start, end):
        pass
    if proposal is None and not carried:
        return False
    if handed is None:
        return True
    # "đề nghị Thủ tướng trao tặng Bằng khen": one clause, still a proposal.
    return not _CLAUSE_MARK.search(lower, proposal.end() if proposal else start, handed.start())


# Words after which a name is a goal or a rule, not an award ("phấn đấu đạt Cờ thi đua").
_NOT_AN_AWARD = re.compile(r"(?<!\w)(phấn đấu|tiêu chuẩn|tiêu chí|điều kiện|hồ sơ|thủ tục|quy định về)(?!\w)")

# Visits and gifts to people who hold an honour ("thăm, tặng quà Bà mẹ Việt Nam anh hùng").
_CARE = re.compile(r"(?<!\w)(quà|thăm|viếng|phụng dưỡng|chăm sóc|gặp mặt|tri ân|tưởng niệm|dâng hương)(?!\w)")

# --- recipients -------------------------------------------------------------------------------
_WORD_DIGITS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6, "bay": 7,
                "tam": 8, "chin": 9}
_WORD_NUMBER = (r"(?:(?:mot|hai|ba|bon|nam|sau|bay|tam|chin)\s+muoi|muoi)(?:\s+(?:mot|hai|ba|bon|tu|lam|nam|sau|bay|tam|chin))?"
                r"|mot|hai|ba|bon|nam|sau|bay|tam|chin")
_NUMBER = rf"(?P<num>(?<![\d.,/])\d{{1,3}}(?:\.\d{{3}})+(?![\d.,])|(?<![\d.,/])\d+(?![\d/%]|[.,]\d)|\b(?:{_WORD_NUMBER})\b)"
_NOUNS = {
    "households": r"ho gia dinh|ho|gia dinh",
    "organizations": r"doanh nghiep|cong ty|co so san xuat",
    "individuals": (r"ca nhan|nguoi|dong chi|em hoc sinh|hoc sinh|em|giao vien|nha giao|can bo|dang vien|hoi vien"
                    r"|cong chuc|vien chuc|nguoi lao dong|doan vien|doanh nhan|guong|chien s[iy](?! thi dua| tien tien)"
                    r"|bac s[iy]|y bac s[iy]|nhan vien"),
    # A cooperative (hợp tác xã) is honoured as a collective, like a school, a team or a cell.
    "collectives": (r"tap the|don vi|co quan|dia phuong|xa|phuong|thi tran|thon|to dan pho|khu dan cu"
                    r"|toc ho|chi bo|truong hoc|truong|khoi|cum|huyen|phong|ban nganh|nganh|lang|hop tac xa|htx"
                    r"|to(?! chuc)|doi|ban"),
}
_RECIPIENT = re.compile(
    _NUMBER + r"\s+(?:" + "|".join(f"(?P<{kind}>(?:{nouns})\\b)" for kind, nouns in _NOUNS.items()) + r")"
)
_TRAILING_NUMBER = re.compile(_NUMBER + r"\s*$")
_BARE_RECIPIENT = re.compile(r"\b(?P<collectives>tap the|don vi)\b|\b(?P<individuals>ca nhan)\b")
# "58 tập thể, cá nhân": one number for two kinds, so neither count is known.
_JOINT = re.compile(r"\s*(?:,|va|và)\s*(?:tap the|ca nhan)\b(?!\s*\d)")
_COUNT_KEYS = ("collectives", "individuals", "households", "organizations")


# Number words as written: folding makes "tấm gương" look like "tám gương".
_NUMBER_WORDS = {"một", "hai", "ba", "bốn", "tư", "năm", "lăm", "sáu", "bảy", "tám", "chín", "mười", "mươi", "mốt"}


def _number(text: str, original: str = "") -> int | None:
    text = text.strip()
    if not text[0].isdigit() and not set(original.lower().split()) <= _NUMBER_WORDS:
        return None
    if text[0].isdigit():
        return int(text.replace(".", ""))
    parts = text.split()
    if parts[0] == "muoi":
        return 10 + (_WORD_DIGITS.get(parts[1], 0) if len(parts) > 1 else 0)
    if len(parts) >= 2 and parts[1] == "muoi":
        return _WORD_DIGITS[parts[0]] * 10 + (_WORD_DIGITS.get(parts[2], 0) if len(parts) > 2 else 0)
    return _WORD_DIGITS.get(parts[0])


def _counts(folded: str, text: str, start: int, end: int) -> dict[str, int | None]:
    counts: dict[str, int | None] = dict.fromkeys(_COUNT_KEYS)
    for m in _RECIPIENT.finditer(folded, start, end):
        if _JOINT.match(folded, m.end(), end):
            continue
        kind = next(k for k in _COUNT_KEYS if m.group(k))
        value = _number(m.group("num"), text[m.start("num"):m.end("num")])
        if value is None:
            continue
        counts[kind] = (counts[kind] or 0) + value
    return counts


def _kinds_named(folded: str, start: int, end: int) -> set[str]:
    return {k for m in _BARE_RECIPIENT.finditer(folded, start, end) for k in ("collectives", "individuals") if m.group(k)}


# --- authority --------------------------------------------------------------------------------
def _authority_label(m: re.Match, text: str) -> tuple[str, int] | None:
    """A normalised authority name and where it ends in the text; None when the match is not one."""
    kind = next(k for k in ("ttg", "cp", "ctn", "ubnd", "btv", "mttq", "bo", "hd", "so") if m.group(k))
    if kind == "ubnd":
        chair = "Chủ tịch " if "chu tich" in m.group(kind) else ""
        return f"{chair}UBND {_KIND_LABEL[m.group('ubnd_kind').rstrip('.')]}", m.end()
    if kind == "mttq":
        return f"Ủy ban MTTQ Việt Nam {_KIND_LABEL[m.group('mttq_kind').rstrip('.')]}", m.end()
    if kind == "btv":
        party = {"tinh uy": "Tỉnh ủy", "thanh uy": "Thành ủy", "huyen uy": "Huyện ủy", "thi uy": "Thị ủy",
                 "quan uy": "Quận ủy"}[m.group("btv_kind")]
        return f"Ban Thường vụ {party}", m.end()
    if kind == "bo":
        head = text[m.start():m.end()]
        if not head.startswith("Bộ"):
            return None                   # "cán bộ xã" is not a ministry
        # The ministry's name as written, up to a verb, a preposition or a clause break.
        rest = text[m.end():m.end() + 60]
        stop = _BO_STOP.search(rest.lower())
        name = rest[:stop.start()] if stop else rest
        name = _BO_TAIL.sub("", name).strip(" ,")
        if not name:
            return None
        return f"{head.strip()} {name}", m.end() + len(rest[:len(name)])
    if kind == "hd":
        scope = "Trung ương" if m.group(kind).endswith("trung uong") else _KIND_LABEL[m.group(kind).rsplit(" ", 1)[-1]]
        return f"Hội đồng Thi đua - Khen thưởng {scope}", m.end()
    return _AUTHORITY_LABEL[kind], m.end()


_OF = re.compile(r"\s*(?:cua|do)\s+")


def _authority_after(folded: str, text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """'… của Chủ tịch UBND tỉnh', 'Bằng khen Thủ tướng Chính phủ': authority right after a name."""
    m = _OF.match(folded, pos, limit)
    at = m.end() if m else pos + (1 if folded[pos:pos + 1] == " " else 0)
    a = _AUTHORITY.match(folded, at, limit)
    if a and (m or a.group("ttg") or a.group("cp") or a.group("ubnd") or a.group("ctn")):
        label = _authority_label(a, text)
        if label:
            return label
    return None, pos


def _authority_before(folded: str, text: str, start: int, end: int, own_grantors: set[int]) -> str | None:
    """The last authority in the sentence before a name that is followed by a giving verb."""
    found = None
    delegated = _DELEGATED.search(folded, start, end)
    if delegated:
        # "Thừa ủy quyền (của) Chủ tịch nước, Phó Thủ tướng trao ...": the grantor is named, not the presenter.
        a = _AUTHORITY.match(folded, delegated.end(), end)
        label = _authority_label(a, text) if a else None
        if label:
            return label[0]
    for a in _AUTHORITY.finditer(folded, start, end):
        if _TITLE_BEFORE.search(folded, max(start, a.start() - 20), a.start()):
            continue
        if a.start() in own_grantors:
            continue                      # "Bằng khen của UBND tỉnh": an earlier award's own grantor
        label = _authority_label(a, text)
        between = text[a.end():end].lower()
        if label and (_GIVING.search(between) or between.strip(" :") == ""):
            found = label[0]
    return found


# --- details ----------------------------------------------------------------------------------
def _detail(text: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"[\"“”]", "", text)).strip(" '‘’,;:")
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    text = re.sub(r"^(Huân chương|Huy chương|Giải thưởng|Anh hùng)\s+(\w)", lambda m: f"{m.group(1)} {m.group(2).upper()}", text)
    return re.sub(r"(?<=hạng )(nhất|nhì|ba)\b", lambda m: m.group(1).capitalize(), text)


def _entry(type_id: str, detail: str, grade, authority, status, counts, rule) -> dict:
    return {"type": type_id, "label": AWARD_TYPES[type_id], "detail": detail, "grade": grade,
            "authority": authority, "status": status, **counts, "rule": rule}


def _level_of_authority(authority: str | None) -> str | None:
    if not authority:
        return None
    if authority in ("Thủ tướng Chính phủ", "Chính phủ"):
        return "government"
    if authority.split()[-1] in _LOCAL_KINDS:
        return "local"
    return "province"


_REACH = 600


def find_awards(text: str, context: dict | None = None) -> list[dict]:
    """Every award mention in cleaned text, typed, with grade, authority, status and counts."""
    context = context or {}
    if text.startswith(TEST_MARKER):
        text = " " * len(TEST_MARKER) + text[len(TEST_MARKER):]
    folded = fold_aligned(text)
    lower = text.lower()
    found: list[dict] = []
    for s_start, s_end in _sentences(text):
        if not _ACTION.search(lower, s_start, s_end):
            continue
        mentions = list(finditer_from(_AWARD_NAME, _NAME_START, folded, s_start, s_end))
        # What the sentence said before a mention (its grantor, "đề nghị", "phấn đấu") carries to
        # the mentions after it, so each mention only reads the text since the previous one: a
        # run-on "sentence" of a megabyte stays linear.
        carry = {"authority": None, "proposed": False, "not_award": False, "own_grantors": set()}
        for i, m in enumerate(mentions):
            look_from = max(mentions[i - 1].end() if i else s_start, m.start() - _REACH)
            next_start = mentions[i + 1].start() if i + 1 < len(mentions) else s_end
            if not _keep(m, text, folded, look_from, carry):
                continue
            found.extend(_read_mention(m, text, folded, lower, look_from, s_end, next_start, carry, context))
    return _merge(found)


def _keep(m: re.Match, text: str, folded: str, look_from: int, carry: dict) -> bool:
    kind = m.lastgroup
    original = text[m.start():m.end()].lower()
    if kind == "co" and not original.startswith("cờ"):
        return False                      # "có thi đua" folds like "cờ thi đua"
    if kind == "la_co_dau" and "cờ" not in original:
        return False
    clause_start = folded.rfind(";", look_from, m.start()) + 1
    if clause_start:
        carry["not_award"] = False
    if _NOT_AN_AWARD.search(text[max(look_from, clause_start):m.start()].lower()):
        carry["not_award"] = True
    if carry["not_award"]:
        return False
    if kind == "vinh_du" and _CARE.search(text[max(look_from, clause_start):m.start()].lower()):
        return False                      # "tặng quà các Bà mẹ Việt Nam anh hùng" honours a person, awards nothing
    if kind == "cstd" and not m.group("cstd_lvl") and original.startswith("chiến s"):
        # "cán bộ, chiến sĩ thi đua lập thành tích": soldiers competing, not the title, which is
        # written capitalised, abbreviated, with its level or after "danh hiệu".
        if not re.search(r"danh hiệu\s*[\"“]?\s*$", text[max(0, m.start() - 15):m.start()].lower()):
            return False
    if kind == "khac" and "dan dau" in m.group(0):
        # "đơn vị dẫn đầu" is an award only as the thing given ("được tặng đơn vị dẫn đầu",
        # "suy tôn là đơn vị dẫn đầu Khối"); "cho 3 đơn vị dẫn đầu" names recipients,
        # "Cờ đơn vị dẫn đầu" is a banner.
        before = folded[max(0, m.start() - 25):m.start()].rstrip(" \"“")
        return bool(re.search(r"(?:\btang|\bton|\bbau|\bchon|\bdat|cong nhan|danh hieu|\bla)$", before))
    return True


_LDTT_OF_COLLECTIVES = re.compile(r"tap the\s*$")


def _read_mention(m, text, folded, lower, look_from, s_end, next_start, carry, context) -> list[dict]:
    kind = m.lastgroup
    end = m.end()
    grade = None
    for g in ("hg1", "kg1", "yg1"):
        if m.group(g):
            grade = _GRADES[m.group(g)] if not m.group(g.replace("1", "2")) else None
    # Authority written right after the name ("của Chủ tịch UBND tỉnh"), else in the sentence before.
    authority, auth_end = _authority_after(folded, text, end, min(s_end, next_start + 1))
    detail_end = end
    if authority and kind in ("co", "bang_khen", "giay_khen", "cstd", "knc"):
        detail_end = auth_end
    if authority:
        carry["own_grantors"].add(_OF.match(folded, end).end() if _OF.match(folded, end) else end + 1)
    before_auth = _authority_before(folded, text, look_from, m.start(), carry["own_grantors"]) or carry["authority"]
    carry["authority"] = before_auth
    if not authority and before_auth:
        level = _level_of_authority(before_auth)
        # A district presents banners and certificates it cannot grant; a deputy presents for the chair.
        if not (kind in ("co", "bang_khen") and level == "local"):
            authority = before_auth.replace("Phó Chủ tịch", "Chủ tịch")
    detail = _detail(text[m.start():detail_end])
    if authority and detail_end == end and kind in ("co", "bang_khen", "giay_khen") and "của" not in detail:
        detail = f"{detail} của {authority}"

    carry["proposed"] = _proposed(lower, look_from, m.start(), carry["proposed"])
    status = "proposed" if carry["proposed"] else "given"

    # Recipients: "… cho 26 tập thể, 108 cá nhân" after; "3 tập thể được tặng …" before.
    clause_start = max(look_from, folded.rfind(";", look_from, m.start()) + 1)
    post_end = next_start
    semicolon = folded.find(";", end, post_end)
    if semicolon != -1:
        post_end = semicolon
    intro = re.search(r"\b(?:cho|tang)\b|:", folded[end:post_end])
    counts = dict.fromkeys(_COUNT_KEYS)
    kinds: set[str] = set()
    if intro:
        counts = _counts(folded, text, end + intro.end(), post_end)
        kinds = _kinds_named(folded, end + intro.end(), post_end)
    if not any(v is not None for v in counts.values()):
        pre = folded[clause_start:m.start()]
        if re.search(r"\b(?:duoc|dat|nhan|cong nhan)\b", pre) or kind in ("ttldxs", "ttlddt"):
            counts = _counts(folded, text, clause_start, m.start())
            # "57 tập thể lao động xuất sắc", "5 đơn vị quyết thắng": the number names the collectives.
            lead = _TRAILING_NUMBER.search(folded[clause_start:m.start()])
            if lead and kind in ("ttldxs", "ttlddt") and m.group(0).startswith(("tap the", "don vi", "ttld")):
                counts["collectives"] = _number(lead.group("num"), text[clause_start + lead.start("num"):clause_start + lead.end("num")])
            if not any(v is not None for v in counts.values()):
                kinds = _kinds_named(folded, clause_start, m.start())
    for k, v in counts.items():
        if v is not None:
            kinds.add(k)

    rule = f"award:{kind}"
    if kind == "ldtt":
        # "Lao động tiên tiến" is a collective's title when tập thể receive it, a person's otherwise.
        if _LDTT_OF_COLLECTIVES.search(folded[max(0, m.start() - 12):m.start()]):
            return [_entry("tap-the-lao-dong-tien-tien", detail, None, authority, status, counts, rule)]
        out = []
        if "collectives" in kinds:
            only = dict.fromkeys(_COUNT_KEYS)
            only["collectives"] = counts["collectives"]
            out.append(_entry("tap-the-lao-dong-tien-tien", detail, None, authority, status, only,
                              rule + "+collectives"))
        if "individuals" in kinds or not out:
            only = dict.fromkeys(_COUNT_KEYS)
            only["individuals"] = counts["individuals"]
            out.append(_entry("lao-dong-tien-tien", detail, None, authority, status, only, rule))
        return out
    type_id = _type_of(kind, m, authority, context)
    if type_id is None:
        return []
    return [_entry(type_id, detail, grade, authority, status, counts, rule)]


def _type_of(kind: str, m: re.Match, authority: str | None, context: dict) -> str | None:
    level = _level_of_authority(authority)
    if kind == "cstd":
        lvl = (m.group("cstd_lvl") or "").strip()
        if "toan quoc" in lvl or "quoc gia" in lvl:
            return "chien-si-thi-dua-toan-quoc"
        if "co so" in lvl:
            return "chien-si-thi-dua-co-so"
        if lvl or level in ("province", "government"):
            return "chien-si-thi-dua-cap-tinh"
        return "chien-si-thi-dua-co-so"
    if kind == "co":
        if level == "government":
            return "co-thi-dua-chinh-phu"
        # The banner's level is its grantor's; a district cannot grant one, so with no
        # grantor named it is the province's, unless the event itself is national.
        if authority is None and context.get("unit_level") == "central":
            return "co-thi-dua-chinh-phu"
        return "co-thi-dua-cap-tinh"
    if kind == "bang_khen":
        return "bang-khen-thu-tuong" if authority == "Thủ tướng Chính phủ" else "bang-khen-cap-tinh"
    return {
        "cstdcs": "chien-si-thi-dua-co-so",
        "ttlddt": "tap-the-lao-dong-tien-tien",
        "ttldxs": "tap-the-lao-dong-xuat-sac",
        "hcld": "huan-chuong-lao-dong",
        "hc_khac": "huan-chuong-khac",
        "huy_chuong": "huy-chuong",
        "vinh_du": "danh-hieu-vinh-du",
        "giai_thuong": "giai-thuong",
        "knc": "ky-niem-chuong",
        "giay_khen": "giay-khen",
        "khac": "khac",
        "la_co_dau": "khac",
    }.get(kind)


def _merge(found: list[dict]) -> list[dict]:
    """One entry per type + status + detail; a shorter detail that begins a longer one is the same award."""
    merged: list[dict] = []
    keys: list[str] = []
    for award in found:
        key = fold(award["detail"])
        for n, kept in enumerate(merged):
            kept_key = keys[n]
            if (kept["type"], kept["status"]) != (award["type"], award["status"]):
                continue
            if not (key.startswith(kept_key) or kept_key.startswith(key)):
                continue
            if len(key) > len(kept_key):
                kept["detail"], keys[n] = award["detail"], key
            for field in ("grade", "authority"):
                kept[field] = kept[field] or award[field]
            for field in _COUNT_KEYS:
                a, b = kept[field], award[field]
                # The same count twice is one mention repeated (a caption and its paragraph).
                kept[field] = b if a is None else a if b is None or a == b else a + b
            break
        else:
            merged.append(dict(award))
            keys.append(key)
    return merged
