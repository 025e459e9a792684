"""The words awards are found by (../shared/domain/awards.md): award names on folded text, grades,
granting authorities, what a sentence does (gives, receives, proposes; or only describes), and
recipients and their counts. Vocabulary only: the reading is tdkt.extract.awards.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

from tdkt.extract.scan import by_first_letter
from tdkt.text import fold

# Lines starting with this marker are the test corpus' own note, not article text.
TEST_MARKER = "(Bài viết mẫu soạn cho kiểm thử)"


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    folded = fold(ch)
    return folded if len(folded) == 1 else ch.lower() if len(ch.lower()) == 1 else ch


class _AlignedFolds(dict):
    """str.translate table for fold_aligned, filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = fold_char(chr(code))
        return folded


_ALIGNED_FOLDS = _AlignedFolds()


def fold_aligned(text: str) -> str:
    """`fold` that keeps length: position i of the result is character i of the text."""
    # Each character's fold looked up in a table indexed by code point, the whole text at once
    # (str.translate, a dictionary lookup per character, took 0.2 ms of a 9 KB article; the
    # whole text's fold, when it keeps positions, is no faster: deleting marks by regex costs more).
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if codes.size == 0 or codes.max() >= len(_FOLDED_CODES):
        return text.translate(_ALIGNED_FOLDS)        # beyond the Basic Multilingual Plane: rare
    folded = _FOLDED_CODES[codes]
    unseen = folded == _UNSEEN
    if unseen.any():
        for code in np.unique(codes[unseen]).tolist():
            _FOLDED_CODES[code] = ord(fold_char(chr(code)))
        folded = _FOLDED_CODES[codes]
    return folded.tobytes().decode("utf-32-le", "surrogatepass")


# fold_char of each code point of the Basic Multilingual Plane, filled on first sight.
_UNSEEN = np.uint32(0xFFFFFFFF)
_FOLDED_CODES = np.full(0x10000, _UNSEEN, dtype=np.uint32)


# Vietnamese letters, by case (Latin letters with any diacritic).
UPPER_LETTERS = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper() and "LATIN" in unicodedata.name(c, ""))
LOWER_LETTERS = "".join(c for c in map(chr, range(0x61, 0x1EFA)) if c.islower() and "LATIN" in unicodedata.name(c, ""))


# --- award names (on folded text) ------------------------------------------------------------
SI = r"s[iy]"
GRADE = r"(?:\s+hang\s+(?P<g1>nhat|nhi|ba|i{1,3})\b(?:\s*(?:,|va)\s*(?:hang\s+)?(?P<g2>nhat|nhi|ba|i{1,3})\b)?)?"
# The titles the law knows (and a rating that is no title), as a quoted name after "danh hiệu" opens.
_LEGAL_TITLES = (rf"chien {SI} (?:thi dua|tien tien)|cstd|lao dong tien tien|tap the lao dong|don vi (?:tien tien|quyet thang)"
                 r"|anh hung|(?:ba )?me viet nam|nha giao|thay thuoc|nghe {0}|nghe nhan|co thi dua|hoan thanh".format(SI))
NAMES: list[tuple[str, str]] = [
    # (group name, pattern); leftmost match wins, then the order below
    ("la_co_dau", r"\bla co dau\b|\bco dau\b"),
    ("cstd", rf"\b(?:chien {SI} thi dua|cstd(?!cs|\w))"
             r"(?P<cstd_lvl>\s+(?:cap\s+)?(?:toan quoc|co so|tinh|thanh pho|tp|bo|nganh|quan doi|cong an|"
             r"trung uong|bo,? nganh|cap bo|cap nganh|quoc gia)\b)?"),
    ("cstdcs", r"\bcstdcs\b|\bcstd\s+cs\b"),
    ("ttlddt", r"\btap the lao dong tien tien\b|\bttld ?tt\b|\bdon vi tien tien\b"),
    ("ttldxs", r"\btap the lao dong xuat sac\b|\bttld ?xs\b|\bdon vi quyet thang\b"),
    ("ldtt", rf"\blao dong tien tien\b|\bldtt\b|\bchien {SI} tien tien\b"),
    ("co", r"\bco thi dua(?: xuat sac)?\b|\bco\s+(?:[\"“”'][^\"“”'\n]{3,80}[\"“”']|(?:don vi\s+)?(?:dan dau|xuat sac)\b"
           r"(?: (?:trong )?phong trao thi dua)?)"),
    ("hcld", r"(?:\bhuan chuong lao dong|\bhcld)\b" + GRADE.replace("g1", "hg1").replace("g2", "hg2")),
    ("hc_khac", r"\bhuan chuong (?:sao vang|ho chi minh|doc lap|quan cong|bao ve to quoc|chien cong|dung cam"
                r"|dai doan ket dan toc|huu nghi|chien thang|khang chien|chien {0})\b".format(r"s[iy] ve vang")
                + GRADE.replace("g1", "kg1").replace("g2", "kg2")),
    ("huy_chuong", rf"\bhuy chuong (?:chien {SI} ve vang|quan k[iy] quyet thang|vi an ninh to quoc|huu nghi"
                   rf"|khang chien|chien {SI} giai phong|vi the he tre"
                   r"|vi su nghiep [a-z ]{3,40}?(?=[,;.\"”)]|$| cho | cua ))"
                   + GRADE.replace("g1", "yg1").replace("g2", "yg2")),
    ("vinh_du", r"\banh hung (?:lao dong|luc luong vu trang(?: nhan dan)?|llvt(?: ?nd)?)\b"
                r"|\b(?:ba )?me viet nam anh hung\b"
                rf"|\b(?:nha giao|thay thuoc|nghe {SI}|nghe nhan) (?:nhan dan|uu tu)\b"),
    ("giai_thuong", r"\bgiai thuong (?:ho chi minh|nha nuoc)\b"),
    # "kỉ niệm chương" is written with i as often as with y
    ("knc", r"\bk[iy] niem chuong\b(?:\s+[\"“]?\s*vi (?:su nghiep )?[a-z]+(?:[ ,]+[a-z]+){0,6}?(?=\s*(?:[\"”;.()]|cho\b|duoc\b|cua\b|nam\b|$)))?"),
    ("bang_khen", r"\bbang khen\b"),
    ("giay_khen", r"\bgiay khen\b"),
    ("khac", r"\bchinh quyen (?:co so )?vung manh\b|\bdanh hieu\s+[\"“]?\s*(?:gia dinh|thon|khu dan cu|to dan pho|ap|ban|khu pho) van hoa\b"
             r"|\bdon vi (?:xuat sac )?(?:tieu bieu )?dan dau\b"
             # a title in quotes that the law does not know ("danh hiệu “Người tốt, việc tốt”")
             r"|\bdanh hieu\s*[\"“](?!\s*(?:" + _LEGAL_TITLES + r"))[^\"“”\n]{3,60}[\"”]"
             # a place in a cluster's ranking ("Nhất cụm: xã A", "xếp thứ nhì", "Giải Ba khối")
             r"|\b(?:nhat|nhi|ba) (?:cum|khoi)(?=\s*:)|\bxep (?:thu|hang) (?:nhat|nhi|ba)\b|\bgiai (?:nhat|nhi|ba) (?:cum|khoi)\b"),
]
AWARD_NAME = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in NAMES))
# How every alternative of NAMES begins (keep in step when adding one): AWARD_NAME, `\b`-led,
# is tried only where one of these starts (see tdkt.extract.scan).
# Common words ("có", "tập thể", "lao động", "đơn vị") start a name only with what follows them here.
NAME_START = by_first_letter([
    "la co ", r"co(?: dau| thi dua|\s+[\"“”']|\s+don vi|\s+dan dau|\s+xuat sac)", "chien s", "cstd",
    "tap the lao dong", "ttld", "don vi (?:tien tien|quyet thang|xuat sac|tieu bieu|dan dau)", "lao dong tien tien",
    "ldtt", "huan chuong", "hcld", "huy chuong", "anh hung", "ba me", "me viet nam", "nha giao", "thay thuoc",
    "nghe s", "nghe nhan", "giai thuong", "k[iy] niem", "bang khen", "giay khen", "chinh quyen", "danh hieu",
    "nhat (?:cum|khoi)", "nhi (?:cum|khoi)", "ba (?:cum|khoi)", "xep (?:thu|hang)", "giai (?:nhat|nhi|ba)",
])

GRADES = {"nhat": "Nhất", "nhi": "Nhì", "ba": "Ba", "i": "Nhất", "ii": "Nhì", "iii": "Ba"}

# --- authorities ------------------------------------------------------------------------------
PLACE_KIND = r"(?:tinh|thanh pho|tp\.?|huyen|thi xa|tx\.?|quan|xa|phuong|thi tran)"
AUTHORITY = re.compile(
    r"\b(?:(?P<ttg>thu tuong(?: chinh phu)?|ttcp|ttg)(?!\w)"
    r"|(?P<cp>chinh phu)"
    r"|(?P<ctn>chu tich nuoc)"
    rf"|(?P<ubnd>(?:(?:pho )?chu tich\s+)?(?:ubnd|uy ban nhan dan)\s+(?P<ubnd_kind>{PLACE_KIND}))(?!\w)"
    r"|(?P<btv>(?:ban thuong vu|btv)\s+(?P<btv_kind>tinh uy|thanh uy|huyen uy|thi uy|quan uy))"
    rf"|(?P<mttq>(?:uy ban\s+)?(?:mttq|mat tran to quoc|ubmttq)(?:\s*(?:viet nam|vn))?\s+(?P<mttq_kind>{PLACE_KIND}))(?!\w)"
    r"|(?P<bo>(?:bo truong\s+)?bo\s+(?=[^\W\d_]))"
    r"|(?P<hd>hoi dong thi dua[ ,\-–]*khen thuong (?:tinh|trung uong|thanh pho))"
    r"|(?P<so>giam doc so\b))"
)
DELEGATED = re.compile(r"\bthua uy quyen\s+(?:cua\s+)?")
# A title that contains an authority ("Ủy viên Ban Thường vụ Thành ủy") names a presenter, not a grantor.
TITLE_BEFORE = re.compile(r"\b(?:uy vien|uv|truong|pho|thu ky|chanh van phong|thanh vien)\s*$")
BO_STOP = re.compile(r"(?<!\w)(?:cho|tặng|trao|năm|về|vì|đã|được|các|nhiều|theo|tại|trong|và các|cùng"
                      r"|và (?:cờ|bằng khen|giấy khen|huân chương|huy chương|danh hiệu|kỷ niệm chương))(?!\w)|[;.:()\n]")
# After a ministry's name: ", lower-case words" or a number are the sentence going on.
BO_TAIL = re.compile(rf"(,\s*[{re.escape(LOWER_LETTERS)}].*|\s+\d.*)$")
GIVING = re.compile(r"(?<!\w)(tặng|công nhận|khen thưởng|quyết định)(?!\w)")
AUTHORITY_LABEL = {"ttg": "Thủ tướng Chính phủ", "cp": "Chính phủ", "ctn": "Chủ tịch nước", "so": "Giám đốc Sở"}
KIND_LABEL = {"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố", "tp.": "thành phố",
               "huyen": "huyện", "thi xa": "thị xã", "tx": "thị xã", "tx.": "thị xã", "quan": "quận",
               "xa": "xã", "phuong": "phường", "thi tran": "thị trấn"}
LOCAL_KINDS = {"huyện", "thị xã", "quận", "xã", "phường", "thị trấn"}

# What an award sentence does: give, receive or propose. Matched on lower-case text WITH marks
# ("nhân dân" must not read as "nhận").
# "trình" submits a proposal; "quá trình", "chương trình", "công trình", "trình bày", "trình độ" do not.
_SUBMIT = r"(?<!quá )(?<!chương )(?<!công )(?<!tiến )(?<!lộ )(?<!hành )(?<!quy )trình(?! bày| độ)"
_ACTION_WORDS = ("tặng|trao|nhận|được|đạt|công nhận|đề nghị|đề xuất|bình xét|bình bầu|bình chọn|suy tôn"
                 "|khen thưởng|phong tặng|truy tặng|vinh danh|quyết định|xét|{submit}|giành|đoạt|đón|tôn vinh|khen|cho")
ACTION = re.compile(r"(?<!\w)(" + _ACTION_WORDS.format(submit=_SUBMIT) + r")(?!\w)")
# Where an ACTION match can begin (it opens with a lookbehind: see tdkt.extract.scan).
ACTION_START = by_first_letter(_ACTION_WORDS.format(submit="trình").split("|"))
PROPOSAL = re.compile(
    rf"(?<!\w)(đề nghị|đề xuất|bình xét|bình bầu|bình chọn|suy tôn|{_SUBMIT}|xét tặng|xét đề nghị"
    r"|cấp trên khen thưởng|cấp có thẩm quyền)(?!\w)"
)
# A later clause saying the award was handed over ends what "đề nghị" proposed earlier in the sentence
# ("đề nghị ... tặng Cờ thi đua cho xã X; đã trao Giấy khen cho ..."). Bare "tặng" does not: a list of
# proposals goes on with it.
HANDED_OVER = re.compile(r"(?<!\w)(đã trao|đã tặng|trao tặng|được tặng|được trao|đã được|vinh dự nhận|trao)(?!\w)")
# "đề nghị ... xem xét, trao tặng ...": the comma after "xét" goes on with the proposal.
CLAUSE_MARK = re.compile(r"(?<!xét)[;,]|(?<!\w)đồng thời(?!\w)")


# Words after which a name is a goal or a rule, not an award ("phấn đấu đạt Cờ thi đua").
# A dossier sent up for one ("hồ sơ trình Hội đồng ... tặng Huân chương") is a proposal, not a rule.
NOT_AN_AWARD = re.compile(r"(?<!\w)(phấn đấu|tiêu chuẩn|tiêu chí|điều kiện|hồ sơ(?!\s+(?:trình|đề nghị|đề xuất)(?!\w))"
                          r"|thủ tục|quy định về)(?!\w)")

# Visits and gifts to people who hold an honour ("thăm, tặng quà Bà mẹ Việt Nam anh hùng").
CARE = re.compile(r"(?<!\w)(quà|thăm|viếng|phụng dưỡng|chăm sóc|gặp mặt|tri ân|tưởng niệm|dâng hương)(?!\w)")

# --- recipients -------------------------------------------------------------------------------
WORD_DIGITS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6, "bay": 7,
                "tam": 8, "chin": 9}
WORD_NUMBER = (r"(?:(?:mot|hai|ba|bon|nam|sau|bay|tam|chin)\s+muoi|muoi)(?:\s+(?:mot|hai|ba|bon|tu|lam|nam|sau|bay|tam|chin))?"
                r"|mot|hai|ba|bon|nam|sau|bay|tam|chin")
NUMBER = rf"(?P<num>(?<![\d.,/])\d{{1,3}}(?:\.\d{{3}})+(?![\d.,])|(?<![\d.,/])\d+(?![\d/%]|[.,]\d)|\b(?:{WORD_NUMBER})\b)"
NOUNS = {
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
RECIPIENT = re.compile(
    NUMBER + r"\s+(?:" + "|".join(f"(?P<{kind}>(?:{nouns})\\b)" for kind, nouns in NOUNS.items()) + r")"
)
TRAILING_NUMBER = re.compile(NUMBER + r"\s*$")
BARE_RECIPIENT = re.compile(r"\b(?P<collectives>tap the|don vi)\b|\b(?P<individuals>ca nhan)\b")
# "58 tập thể, cá nhân": one number for two kinds, so neither count is known.
JOINT = re.compile(r"\s*(?:,|va|và)\s*(?:tap the|ca nhan)\b(?!\s*\d)")
COUNT_KEYS = ("collectives", "individuals", "households", "organizations")


# Number words as written: folding makes "tấm gương" look like "tám gương".
NUMBER_WORDS = {"một", "hai", "ba", "bốn", "tư", "năm", "lăm", "sáu", "bảy", "tám", "chín", "mười", "mươi", "mốt"}


# "… của Chủ tịch UBND tỉnh", "… do Thủ tướng …": the grantor named right after an award.
OF_AUTHORITY = re.compile(r"\s*(?:cua|do)\s+")

# "tập thể Lao động tiên tiến": the title given to collectives.
LDTT_OF_COLLECTIVES = re.compile(r"tap the\s*$")
