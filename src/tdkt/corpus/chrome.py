"""Page chrome, line by line: the rules by which the cleaner names a line (or the end of one) chrome.

Each rule looks at one line of a scraped page, folded (lower case, no diacritics, đ -> d), and
says which kind of portal furniture it is: a font-size widget, a skip link, a menu item, a visit
counter, a comment form, a share bar, a banner, the header's clock, the counters after a post
stamp. Whether a line that could be chrome *is* chrome also depends on where it stands (above
the story, inside it, below it): that is `tdkt.corpus.clean`'s part; this module knows only lines.

Every pattern is anchored, bounded and run only on short lines, so a hostile 1 MB line costs
linear time (tests/test_fuzz.py measures it).
"""

from __future__ import annotations

import re

from tdkt.text import fold

# Lines longer than this are article prose whatever they contain; no chrome rule looks at them.
_CHROME_MAX_CHARS = 200

# A portal's section labels (folded): a line of its own above the headline, or glued before it where
# a store flattened the page ("Xã hội Quế Sơn khen thưởng ... (QNO) - Chiều 11/4, ...").
SECTION_LABELS = (r"thi dua\s*(?:-|,)?\s*khen thuong|van hoa\s*-\s*xa hoi|chinh tri\s*-\s*xa hoi"
                  r"|giao duc(?:\s*-\s*dao tao)?|quoc phong\s*-\s*an ninh|an ninh\s*-\s*quoc phong|kinh te"
                  r"|chinh tri|xa hoi|trong nuoc|xay dung dang|thoi su|phap luat|doi song|van hoa")
_SECTION_THEN_CAPITAL = re.compile(rf"^(?:{SECTION_LABELS}) (?=\w)")


def section_label_before(line: str) -> str | None:
    """The section label a flattened page glued before its headline ("Quốc phòng - An ninh Công an
    tỉnh X ký ..." -> "Quốc phòng - An ninh"), when a capitalised word follows it; else None."""
    match = _SECTION_THEN_CAPITAL.match(fold(line[:60]))
    if not match:
        return None
    words = len(match.group(0).split())
    label = " ".join(line.split()[:words])
    rest = line.split()[words:]
    return label if rest and rest[0][:1].isupper() else None


# Rules over the folded line (lower case, no diacritics, đ -> d), whole line, leading bullets off.
_RULES: list[tuple[str, re.Pattern]] = [
    ("font-size or contrast widget", re.compile(
        r"^(a-\s*a\s*a\+|a\+\s*a\s*a-|a\s*a\s*a)(?!\w).{0,80}$"
        r"|^(co chu|kich thuoc chu|tang tuong phan|giam tuong phan|tuong phan|phong to|thu nho"
        r"|nghe doc bai|nghe bai viet|doc bai|in bai( viet| nay)?|ban in|print|gui email|email bai viet"
        r"|gui cho ban be|gui bai( viet)?( nay)?( cho ban be)?|luu bai viet|in trang)\b[\w\s|:/+-]{0,60}$")),
    ("skip link", re.compile(
        r"^((skip (to (main )?content|ribbon commands|to navigation|navigation|links)|truy cap noi dung luon"
        r"|bo qua (noi dung|dieu huong|menu)|chuyen den noi dung chinh|go to top|ve dau trang|len dau trang)\s*){1,4}$")),
    ("site navigation", re.compile(
        r"^(dang nhap|dang ky|dang xuat|select the search type|search|tim kiem|tim kiem nang cao|site|web"
        r"|trang chu|chi tiet tin|chi tiet bai viet|trang chu chi tiet bai viet|xuat ban thong tin"
        r"|doc bao in|tai ung dung|google news|theo doi .{1,40} tren|xem them|xem tiep|quay lai|tro ve"
        r"|so do (trang|site|cong)|lien he|gioi thieu|english|tieng viet|menu|rss"
        r"|thong tin can biet|tin tuc( - su kien| su kien| va su kien)?|su kien|tin hoat dong|tin noi bat"
        r"|tin moi( nhat)?|tin doc nhieu|tin xem nhieu|doc nhieu|xem nhieu|tin dia phuong|thoi su"
        r"|hoat dong|tin tuc tong hop|tin trong nuoc|van ban moi|van ban chi dao dieu hanh"
        r"|lich cong tac|hoi dap|thu vien anh|thu vien video|video|podcast|emagazine|infographic"
        r"|trong tin tuc|trong .{1,30} tin tuc"
        # a news portal's footer: its classifieds and press-release sections, its sister outlets
        r"|.{0,80}\b(?:thong cao bao chi|rao vat)|cac don vi thong tin(?: cua .{1,30})?"
        # a portal's section label above the headline ("Văn hóa - Xã hội", "Thi đua - Khen thưởng")
        r"|" + SECTION_LABELS + r"|tin hoat dong .{1,30})$"
        # a top bar of single-word links run together ("English RSS", "Sitemap English")
        r"|^(?:(?:english|tieng anh|rss|sitemap|site map|home|login|mobile|en|vn|eng)(?:\s+|$)){2,6}$")),
    ("visit counter", re.compile(
        r"^(online|dang online|dang truy cap|dang xem|hom nay|hom qua|tuan nay|tuan truoc|thang nay"
        r"|thang truoc|nam nay|tat ca|tong( so)?( luot)?( truy cap| xem| luot truy cap)|so luot (truy cap|xem)"
        r"|luot truy cap|luot xem|thong ke( truy cap| luot truy cap)?|truy cap|da truy cap"
        r"|khach|thanh vien|may chu|bot|visitors?|hits?)\s*[:.]?\s*[\d.,\s]*$"
        r"|^[\d.,]+\s*(luot xem|luot truy cap|nguoi dang xem|views?)$")),
    ("rating or comment form", re.compile(
        r"^(danh gia|danh gia bai viet|binh luan|cac binh luan|gui binh luan|viet binh luan"
        r"|y kien ban doc|y kien cua ban|gui y kien|chua co binh luan|ho (va )?ten|email|e-mail"
        r"|dien thoai|so dien thoai|noi dung|tieu de|dia chi|gui|gui di|nhap lai|lam lai|huy)\s*[:*]?\s*$"
        r"|^(y kien ban doc|gui (y kien|binh luan)|viet binh luan)\b.{0,60}$|^binh luan\s*(\(\d+\))?\s*:?\s*$"
        r"|^(tra loi|thich|bao cao vi pham)$"
        r"|luot danh gia|^tong so diem (cua )?bai viet|^click de danh gia|^bam de danh gia"
        r"|^(danh gia|binh chon)\s*:.{0,40}(sao|diem|\d).{0,20}$|^\d(\.\d)?\s*/\s*5\s*(sao)?$")),
    ("captcha", re.compile(
        r"(ma xac (nhan|thuc)|captcha|ma bao ve|nhap ma|ky tu trong hinh|not a robot)")),
    ("links, map, weather or poll box", re.compile(
        r"^(lien ket (website|web)|website lien ket|lien ket|cac trang lien ket|lien ket nhanh"
        r"|thoi tiet|thoi tiet cac vung|du bao thoi tiet|tham do y kien|y kien tham do|ket qua tham do"
        r"|binh chon|ban do( hanh chinh)?|vi tri dia ly|gia vang|ty gia|lich van nien|quang cao)$"
        r"|^(dien tich|dan so)\s*:\s*[\d.,]+.{0,20}$")),
    ("share, tag or archive footer", re.compile(
        r"^chia se( bai nay| bai viet)?\s*:?\s*((facebook|twitter|zalo|email|linkedin|messenger)[\s,|]*)+$"
        r"|^(chia se( bai nay| bai viet| len .{1,20})?|share|like|tweet|facebook|twitter|zalo"
        r"|tags?|the|tu khoa|luu tru|tin cung chuyen muc|tin cung loai|cac tin (khac|da dua|lien quan|moi|cu hon|truoc)"
        r"|tin (lien quan|da dua|khac)|bai viet lien quan|bai lien quan|cac bai viet khac"
        r"|tin moi hon|tin cu hon|xem cac tin khac)\s*[:.]?\s*$"
        r"|^(tags?|tu khoa|the)\s*:.{0,200}$")),
    ("portal error message", re.compile(
        r"^(cannot retrieve the url|an error occurred|javascript (is )?(required|disabled)"
        r"|ban can bat javascript|trinh duyet cua ban khong ho tro)")),
    ("breadcrumb", re.compile(r"^trang chu\s*[>»/|›]\s*\S.{0,150}$")),
    ("site banner", re.compile(
        r"^((cong|trang) thong tin dien tu|bao dien tu|tap chi dien tu|website)\b.{0,80}$")),
    ("corpus test marker", re.compile(r"^\(?bai viet mau soan cho kiem thu\)?$")),
    # a picture's file name where the picture was, with a copy's number too ("HOI NGHI (2).jpg")
    ("image file name", re.compile(r"^[\w.\-() ]{1,80}\.(jpe?g|png|gif|webp|bmp|tiff?)$")),
    # an image's alt text or a gallery's numbering where the picture was ("Responsive image", "Ảnh 2")
    ("image placeholder", re.compile(r"^(responsive image|image|photo|no image|anh\s*\d{1,2}\s*\.?)$")),
    # the portal's hotline or switchboard: a label and a telephone number, nothing else
    ("hotline or switchboard", re.compile(
        r"^(hotline|duong day nong|tong dai|fax)(\s+[a-z]+){0,3}\s*[:.]?\s*[\d\s.()+-]{0,20}$"
        r"|^(dien thoai|dt|tel)\s*[:.]\s*[\d\s.()+-]{8,20}$")),
]

BYLINE = re.compile(
    r"^(tin|anh|bai|tin va anh|tin, anh|tin anh|bai va anh|bai, anh|tin/anh|tin - anh|video|clip"
    r"|tac gia|nguon|thuc hien|trinh bay|do hoa|bien tap|phong vien)\s*[:\-–]"
    r"|^(theo(?! doi\b)|nguon)\s+\S|^(pv|ctv|btv|nhom pv|nhom phong vien)(?!\w)"
)
DATE_MARK = re.compile(r"^date \d{4}-\d{2}")
_KEPT_DATE_LABEL = re.compile(r"(ngay dang|dang ngay|cap nhat|ngay cap nhat|ngay xuat ban|dang luc)")
_DATE = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}"
_TIME = r"\d{1,2}\s*:\s*\d{2}(\s*:\s*\d{2})?\s*(am|pm|sa|ch)?"
_WEEKDAY = r"(thu (hai|ba|tu|nam|sau|bay|2|3|4|5|6|7)|chu nhat|cn|t[2-7])"
# The page header's clock: only a weekday, a date, a time and a zone, in any order.
_CLOCK = re.compile(
    rf"^(({_WEEKDAY}|{_DATE}|{_TIME}|ngay|luc|gio|\[?\(?gmt\s*\+?\s*\d{{0,2}}\)?\]?|\(?utc\s*\+?\s*\d{{0,2}}\)?)[\s,|\-:]*){{1,6}}$"
)
WEEKDAY_FIRST = re.compile(rf"^{_WEEKDAY}\b")
_HAS_DATE = re.compile(_DATE)
_HAS_DATE_OR_TIME = re.compile(_DATE + "|" + _TIME)
NUMBER_REASON = "number without text (counter)"
_PUNCT_ONLY = re.compile(r"^[\W_]{1,40}$")
_NUMBER_ONLY = re.compile(r"^[\d.,:/\s]{1,20}$")
_STRAY_TOKEN = re.compile(r"^[a-z]{1,4}$")
BULLETS = re.compile(r"^[\s•·*»>+|\-–—]+")


# All rules in one alternation: one scan of the line instead of one per rule.
_CHROME = re.compile("|".join(f"(?P<r{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(_RULES)))
_REASONS = {f"r{i}": reason for i, (reason, _) in enumerate(_RULES)}


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex source (outside groups and character classes)."""
    parts, depth, class_start, escaped, start = [], 0, None, False, 0
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif class_start is not None:
            # "]" first in a class ("[]...]", "[^]...]") is a member, not the end
            if ch == "]" and i > class_start + 1 and pattern[class_start + 1:i] != "^":
                class_start = None
        elif ch == "[":
            class_start = i
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    return parts + [pattern[start:]]


# Most rules hold only at the start of the line ("^..."). A search of the whole alternation tries
# every rule at every position of the line; trying all of them at position 0 and, after it, only
# the rules that can match further on finds the same leftmost match, in a tenth of the time.
_CHROME_ANYWHERE = re.compile("|".join(
    f"(?P<r{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(_RULES)
    if not all(alternative.startswith("^") for alternative in _alternatives(pattern.pattern))
))


# What each alternative of _CHROME_ANYWHERE that is not anchored at the line's start holds (a test
# checks these alternatives are still the ones below): a line without any of these words has no
# match past its start, and is not searched (sre tries the alternation at every character).
_ANYWHERE_WORDS = ("luot danh gia", "ma xac nhan", "ma xac thuc", "captcha", "ma bao ve", "nhap ma",
                   "ky tu trong hinh", "not a robot")


def _chrome_match(bare: str) -> re.Match | None:
    """_CHROME.search(bare): the rules' leftmost match in a line, the first rule on a tie."""
    match = _CHROME.match(bare)
    if match is None and any(word in bare for word in _ANYWHERE_WORDS):
        match = _CHROME_ANYWHERE.search(bare, 1)
    return match


# Rules anchored on a label, whatever follows it ("Tags: ...", the portal's error sentence).
_ANY_LENGTH = {"share, tag or archive footer", "portal error message"}


def fold_short(line: str) -> str:
    """fold(line) for lines short enough to be chrome, '' for the rest (never looked at)."""
    if len(line) > _CHROME_MAX_CHARS:
        return ""
    return line.lower() if line.isascii() else fold(line)


def rule_for(line: str, folded: str) -> str | None:
    """The chrome rule a single line matches, or None. Lines that may be content return None.

    `folded` is fold(line) (empty for lines too long to be chrome).
    """
    if not folded:
        return None
    if DATE_MARK.match(folded) or _KEPT_DATE_LABEL.search(folded):
        return None
    if BYLINE.match(folded):
        return None
    if _PUNCT_ONLY.match(line):
        return "punctuation only"
    if _NUMBER_ONLY.match(line) and not _HAS_DATE.search(line):
        return NUMBER_REASON
    if _STRAY_TOKEN.match(line):
        return "stray marker"
    bare = BULLETS.sub("", folded)
    match = _chrome_match(bare)
    if not match:
        return None
    reason = _REASONS[match.lastgroup]
    # rating/captcha rules look for a phrase anywhere; keep them to short lines
    if len(bare.split()) > 14 and reason not in _ANY_LENGTH:
        return None
    return reason


# --- chrome at the end of a line the article needs ------------------------------------------
# A post stamp or a byline carries the portal's counters after it ("Thứ ba - 28/02/2023 15:56 169
# 0", "Đăng ngày: 08/01/2025 - Lượt xem: 50"), a caption the gallery's numbering ("Quang cảnh hội
# nghị - Ảnh 1."). The line stays (the extractor reads the stamp and the byline; the caption is the
# article's) and only the tail goes, listed like a removed line.
_VIEW_TAIL = re.compile(
    r"[\s\-–|.,(\[]*(?:(?:luot xem|luot doc|luot truy cap|so lan xem|so lan doc|views?)\s*:?\s*[\d.,]+(?:\s*luot)?"
    r"|[\d.,]+\s+(?:luot xem|luot doc|views?))\s*[.)\]]?\s*$")
_VIEW_WORD = re.compile(r"luot |so lan |view")
# The numbers after a stamp: views, comments, likes (one to three plain counts).
_COUNTER_TAIL = re.compile(r"(?:\s+\d{1,7}){1,3}$")
_CAPTION_NUMBER_TAIL = re.compile(r"\s*[-–—]\s*Ảnh\s*\d{1,2}\s*\.?$", re.IGNORECASE)
_STAMP_MAX_CHARS = 110


def _is_stamp(line: str, folded: str) -> bool:
    """A post stamp or a byline, what the tail trims keep: a date or time with a weekday or a label,
    or a credit line."""
    if not line or len(line) > _STAMP_MAX_CHARS:
        return False
    return bool(BYLINE.match(folded) or (_HAS_DATE_OR_TIME.search(folded)
                                          and (_CLOCK.match(folded) or _KEPT_DATE_LABEL.search(folded))))


def chrome_tail(line: str, folded: str | None = None) -> tuple[str, str, str] | None:
    """(the line kept, the tail that goes, why) when a kept line ends in chrome; None otherwise.

    `folded` is fold(line) when the caller has it (fold_short's, for a line short enough)."""
    if len(line) > _CHROME_MAX_CHARS:
        return None
    last = line[-1:]
    if last.isdigit() or last in ".)]":
        caption = _CAPTION_NUMBER_TAIL.search(line) if "nh" in line[-8:] else None
        if caption and caption.start() > 0:
            kept = line[:caption.start()].rstrip()
            return kept, line[len(kept):].strip(), "photo number after a caption"
        if folded is None:
            folded = fold(line)
        if len(folded) == len(line):
            # _VIEW_TAIL opens with an optional class, so sre tries it at every character: only a
            # line holding one of its words can end in a view counter.
            view = _VIEW_TAIL.search(folded) if _VIEW_WORD.search(folded) else None
            if view and view.start() > 0:
                kept = line[:view.start()].rstrip(" -–|.,([")
                if _is_stamp(kept, folded[:len(kept)]):
                    return kept, line[len(kept):].strip(), "view counter after the post stamp"
            counters = _COUNTER_TAIL.search(folded) if last.isdigit() else None
            if counters and counters.start() > 0:
                kept = line[:counters.start()].rstrip()
                kept_folded = folded[:len(kept)]
                if _HAS_DATE.search(kept_folded) and _is_stamp(kept, kept_folded) and not _HAS_DATE.search(
                        folded[counters.start() - 1:]):
                    return kept, line[len(kept):].strip(), "counters after the post stamp"
    return None


_BAR_SPLIT = re.compile(r"\s*[|»›]\s*|\s+>\s+")
_BAR_REASON = "share, menu or widget bar"


def bar_rule(line: str, folded: str) -> str | None:
    """A bar of items ("Lượt xem: 1.027 | Bình luận (0)", "Chia sẻ Facebook | In bài | Gửi email")
    each of which is chrome by itself. A bar holding a date keeps it (the post date may be there)."""
    if not folded or _HAS_DATE_OR_TIME.search(folded) or line[-1:] in ".!?…":
        return None
    items = [item for item in _BAR_SPLIT.split(folded) if item]
    if len(items) < 2:
        return None
    # Each item named by a chrome rule (not merely short: "a", "Hội" are no chrome by themselves).
    if all(_chrome_match(item) and not BYLINE.match(item) for item in items):
        return _BAR_REASON
    return None


def is_menu_bar(line: str, folded: str) -> bool:
    """"Trang chủ | Giới thiệu | Tin tức - Sự kiện | Liên hệ": three short capitalised items or more."""
    if not folded or _HAS_DATE_OR_TIME.search(folded) or line[-1:] in ".!?…:;":
        return False
    if _MENU_START.match(folded) and len(line.split()) <= 12 and "," not in line:
        return True                       # "Trang chủ Giới thiệu Tin tức Liên hệ": items run together
    if not any(bar in line for bar in "|»›>"):
        return False                      # no _BAR_SPLIT separator: one item
    items = [item for item in _BAR_SPLIT.split(line) if item]
    return len(items) >= 3 and all(len(item.split()) <= 5 and item[:1].isupper() for item in items)


_MENU_START = re.compile(r"^trang chu (gioi thieu|tin tuc|lien he|van ban)\b")


_BANNER_OWNER = re.compile(
    r"^(uy ban nhan dan|ubnd|hoi dong nhan dan|huyen|tinh|thanh pho|thi xa|quan|xa|phuong|so|bao hiem xa hoi"
    r"|thanh tra|cong an|bo|dang bo|tinh uy|huyen uy|thanh uy)\b")
_BANNER_EVENT = re.compile(r"\b(tong ket|phat dong|ky ket|hoi nghi|dai hoi|thi dua|khen thuong|trao|to chuc"
                           r"|don nhan|so ket|ton vinh|bieu duong|nam \d|\d{4})")


def is_banner(line: str, folded: str) -> bool:
    return (bool(folded) and line.isupper() and len(line.split()) <= 9 and not any(c in line for c in ".!?:;")
            and bool(_BANNER_OWNER.match(folded)) and not _BANNER_EVENT.search(folded))


def is_clock(line: str, folded: str) -> bool:
    return (
        len(line) <= 60 and bool(folded) and bool(_HAS_DATE_OR_TIME.search(folded))
        and bool(_CLOCK.match(folded))
    )
