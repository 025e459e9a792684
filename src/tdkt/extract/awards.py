"""Awards: the titles and commendations an article reports, typed by ../shared/domain/awards.md.

Input is cleaned text (paragraphs separated by blank lines, `tdkt.text.normalize`d). Award names
are matched on a folded copy of the text that keeps every character's position, so capitals,
sĩ/sỹ and tone placement never matter while `detail` is still cut from the text as written.

A mention counts only inside a sentence that gives, receives or proposes something ("tặng",
"trao", "được", "đề nghị", ...): the same names also describe who attended ("đại biểu ... Anh
hùng Lực lượng vũ trang, Chiến sĩ thi đua toàn quốc") and that is not an award. Recipient
counts are read after "cho"/"tặng" following the name, or before "được/đạt/nhận" preceding it.
The words all this is found by are in tdkt.extract.award_words.
"""

from __future__ import annotations

import re

from tdkt.extract.award_words import (
    ACTION, ACTION_START, AUTHORITY, AUTHORITY_LABEL, AWARD_NAME, BARE_RECIPIENT, BO_STOP, BO_TAIL, CARE, CLAUSE_MARK,
    COUNT_KEYS, DELEGATED, GIVING, GRADES, HANDED_OVER, JOINT, KIND_LABEL, LDTT_OF_COLLECTIVES, LOCAL_KINDS, NAME_START,
    NOT_AN_AWARD, NUMBER_WORDS, OF_AUTHORITY, PROPOSAL, RECIPIENT, TEST_MARKER, TITLE_BEFORE, TRAILING_NUMBER,
    UPPER_LETTERS, WORD_DIGITS, fold_aligned,
)
from tdkt.extract.scan import finditer_from
from tdkt.taxonomy import AWARD_TYPES
from tdkt.text import fold

__all__ = ["TEST_MARKER", "find_awards", "fold_aligned"]

# --- sentences -------------------------------------------------------------------------------
# A sentence ends at a line break or at . ! ? … followed by a capital, a quote or a digit;
# "TP. Hồ Chí Minh", "T.Ư" and "./." do not end one.
_CAPITAL = f"[{re.escape(UPPER_LETTERS)}]"
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


def _proposed(lower: str, start: int, end: int, carried: bool) -> bool:
    """Whether a mention at `end` is proposed: "đề nghị" before it in the sentence, unless a later
    clause says the award was handed over."""
    proposal = None
    for proposal in PROPOSAL.finditer(lower, start, end):
        pass
    handed = None
    for handed in HANDED_OVER.finditer(lower, proposal.end() if proposal else start, end):
        pass
    if proposal is None and not carried:
        return False
    if handed is None:
        return True
    # "đề nghị Thủ tướng trao tặng Bằng khen": one clause, still a proposal.
    return not CLAUSE_MARK.search(lower, proposal.end() if proposal else start, handed.start())


# --- recipients -------------------------------------------------------------------------------
def _number(text: str, original: str = "") -> int | None:
    text = text.strip()
    if not text[0].isdigit() and not set(original.lower().split()) <= NUMBER_WORDS:
        return None
    if text[0].isdigit():
        return int(text.replace(".", ""))
    parts = text.split()
    if parts[0] == "muoi":
        return 10 + (WORD_DIGITS.get(parts[1], 0) if len(parts) > 1 else 0)
    if len(parts) >= 2 and parts[1] == "muoi":
        return WORD_DIGITS[parts[0]] * 10 + (WORD_DIGITS.get(parts[2], 0) if len(parts) > 2 else 0)
    return WORD_DIGITS.get(parts[0])


def _counts(folded: str, text: str, start: int, end: int) -> dict[str, int | None]:
    counts: dict[str, int | None] = dict.fromkeys(COUNT_KEYS)
    for m in RECIPIENT.finditer(folded, start, end):
        if JOINT.match(folded, m.end(), end):
            continue
        kind = next(k for k in COUNT_KEYS if m.group(k))
        value = _number(m.group("num"), text[m.start("num"):m.end("num")])
        if value is None:
            continue
        counts[kind] = (counts[kind] or 0) + value
    return counts


def _kinds_named(folded: str, start: int, end: int) -> set[str]:
    return {k for m in BARE_RECIPIENT.finditer(folded, start, end) for k in ("collectives", "individuals") if m.group(k)}


# --- authority --------------------------------------------------------------------------------
def _authority_label(m: re.Match, text: str) -> tuple[str, int] | None:
    """A normalised authority name and where it ends in the text; None when the match is not one."""
    kind = next(k for k in ("ttg", "cp", "ctn", "ubnd", "btv", "mttq", "bo", "hd", "so") if m.group(k))
    if kind == "ubnd":
        chair = "Chủ tịch " if "chu tich" in m.group(kind) else ""
        return f"{chair}UBND {KIND_LABEL[m.group('ubnd_kind').rstrip('.')]}", m.end()
    if kind == "mttq":
        return f"Ủy ban MTTQ Việt Nam {KIND_LABEL[m.group('mttq_kind').rstrip('.')]}", m.end()
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
        stop = BO_STOP.search(rest.lower())
        name = rest[:stop.start()] if stop else rest
        name = BO_TAIL.sub("", name).strip(" ,")
        if not name:
            return None
        return f"{head.strip()} {name}", m.end() + len(rest[:len(name)])
    if kind == "hd":
        scope = "Trung ương" if m.group(kind).endswith("trung uong") else KIND_LABEL[m.group(kind).rsplit(" ", 1)[-1]]
        return f"Hội đồng Thi đua - Khen thưởng {scope}", m.end()
    return AUTHORITY_LABEL[kind], m.end()




def _authority_after(folded: str, text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """'… của Chủ tịch UBND tỉnh', 'Bằng khen Thủ tướng Chính phủ': authority right after a name."""
    m = OF_AUTHORITY.match(folded, pos, limit)
    at = m.end() if m else pos + (1 if folded[pos:pos + 1] == " " else 0)
    a = AUTHORITY.match(folded, at, limit)
    if a and (m or a.group("ttg") or a.group("cp") or a.group("ubnd") or a.group("ctn")):
        label = _authority_label(a, text)
        if label:
            return label
    return None, pos


def _authority_before(folded: str, text: str, start: int, end: int, own_grantors: set[int]) -> str | None:
    """The last authority in the sentence before a name that is followed by a giving verb."""
    found = None
    delegated = DELEGATED.search(folded, start, end)
    if delegated:
        # "Thừa ủy quyền (của) Chủ tịch nước, Phó Thủ tướng trao ...": the grantor is named, not the presenter.
        a = AUTHORITY.match(folded, delegated.end(), end)
        label = _authority_label(a, text) if a else None
        if label:
            return label[0]
    for a in AUTHORITY.finditer(folded, start, end):
        if TITLE_BEFORE.search(folded, max(start, a.start() - 20), a.start()):
            continue
        if a.start() in own_grantors:
            continue                      # "Bằng khen của UBND tỉnh": an earlier award's own grantor
        label = _authority_label(a, text)
        between = text[a.end():end].lower()
        if label and (GIVING.search(between) or between.strip(" :") == ""):
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
    if authority.split()[-1] in LOCAL_KINDS:
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
    # A sentence that gives or proposes and ends with a colon introduces a list ("Tại hội nghị, UBND
    # huyện đã trao các hình thức khen thưởng sau:" / "- Cờ thi đua của UBND tỉnh: 02 tập thể"): its
    # items say what was given without a verb of their own, and are proposals if it proposes.
    introduced: bool | None = None        # None: no list open; else whether its intro proposes
    for s_start, s_end in _sentences(text):
        acts = next(finditer_from(ACTION, ACTION_START, lower, s_start, s_end), None) is not None
        item = introduced is not None and _is_list_item(text, folded, lower, s_start, s_end)
        if not acts and not item:
            introduced = None
            continue
        mentions = list(finditer_from(AWARD_NAME, NAME_START, folded, s_start, s_end))
        # What the sentence said before a mention (its grantor, "đề nghị", "phấn đấu") carries to
        # the mentions after it, so each mention only reads the text since the previous one: a
        # run-on "sentence" of a megabyte stays linear.
        carry = {"authority": None, "proposed": bool(item and not acts and introduced), "not_award": False,
                 "own_grantors": set()}
        if acts and text[s_start:s_end].rstrip().endswith(":"):
            introduced = _proposed(lower, s_start, s_end, False)
        elif not item:
            introduced = None
        for i, m in enumerate(mentions):
            look_from = max(mentions[i - 1].end() if i else s_start, m.start() - _REACH)
            next_start = mentions[i + 1].start() if i + 1 < len(mentions) else s_end
            if not _keep(m, text, folded, look_from, carry):
                continue
            found.extend(_read_mention(m, text, folded, lower, look_from, s_end, next_start, carry, context))
    return _merge(found)


_ITEM_MARK = re.compile(r"[-+•*–]\s*|\d{1,2}[.)/]\s|[a-zđ][.)]\s")
_ITEM_MAX_WORDS = 40


def _is_list_item(text: str, folded: str, lower: str, start: int, end: int) -> bool:
    """An item of an award list: a line of its own, short, that opens with an award's name (after
    its bullet, if any), and introduces no list of its own."""
    if (start and text[start - 1] != "\n") or text.count(" ", start, end) >= _ITEM_MAX_WORDS:
        return False
    if text[start:end].rstrip().endswith(":") and not ACTION.search(lower, start, end):
        return False                      # "Các đại biểu dự hội nghị gồm:": another list
    mark = _ITEM_MARK.match(text, start)
    return bool(NAME_START.match(folded, mark.end() if mark else start))


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether nothing but a bullet or a quote stands between a sentence's start and `pos`."""
    before = text[max(0, pos - 12):pos].rstrip(" \"“'(-–•*+")
    return not before or before[-1] in "\n.!?:;…"


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
    if NOT_AN_AWARD.search(text[max(look_from, clause_start):m.start()].lower()):
        carry["not_award"] = True
    if carry["not_award"]:
        return False
    if kind == "vinh_du" and CARE.search(text[max(look_from, clause_start):m.start()].lower()):
        return False                      # "tặng quà các Bà mẹ Việt Nam anh hùng" honours a person, awards nothing
    if kind == "cstd" and not m.group("cstd_lvl") and original.startswith("chiến s"):
        # "cán bộ, chiến sĩ thi đua lập thành tích": soldiers competing, not the title, which is
        # written capitalised inside a sentence, abbreviated, with its level or after "danh hiệu".
        titled = text[m.start()] == "C" and not _opens_sentence(text, m.start())
        if not titled and not re.search(r"danh hiệu\s*[\"“]?\s*$", text[max(0, m.start() - 15):m.start()].lower()):
            return False
    if kind == "khac" and "dan dau" in m.group(0):
        # "đơn vị dẫn đầu" is an award only as the thing given ("được tặng đơn vị dẫn đầu",
        # "suy tôn là đơn vị dẫn đầu Khối"); "cho 3 đơn vị dẫn đầu" names recipients,
        # "Cờ đơn vị dẫn đầu" is a banner.
        before = folded[max(0, m.start() - 25):m.start()].rstrip(" \"“")
        return bool(re.search(r"(?:\btang|\bton|\bbau|\bchon|\bdat|cong nhan|danh hieu|\bla)$", before))
    return True




def _read_mention(m, text, folded, lower, look_from, s_end, next_start, carry, context) -> list[dict]:
    kind = m.lastgroup
    end = m.end()
    grade = None
    for g in ("hg1", "kg1", "yg1"):
        if m.group(g):
            grade = GRADES[m.group(g)] if not m.group(g.replace("1", "2")) else None
    # Authority written right after the name ("của Chủ tịch UBND tỉnh"), else in the sentence before.
    authority, auth_end = _authority_after(folded, text, end, min(s_end, next_start + 1))
    detail_end = end
    if authority and kind in ("co", "bang_khen", "giay_khen", "cstd", "knc"):
        detail_end = auth_end
    if authority:
        carry["own_grantors"].add(OF_AUTHORITY.match(folded, end).end() if OF_AUTHORITY.match(folded, end) else end + 1)
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
    counts = dict.fromkeys(COUNT_KEYS)
    kinds: set[str] = set()
    if intro:
        counts = _counts(folded, text, end + intro.end(), post_end)
        kinds = _kinds_named(folded, end + intro.end(), post_end)
    if not any(v is not None for v in counts.values()):
        pre = folded[clause_start:m.start()]
        if re.search(r"\b(?:duoc|dat|nhan|cong nhan)\b", pre) or kind in ("ttldxs", "ttlddt"):
            counts = _counts(folded, text, clause_start, m.start())
            # "57 tập thể lao động xuất sắc", "5 đơn vị quyết thắng": the number names the collectives.
            lead = TRAILING_NUMBER.search(folded[clause_start:m.start()])
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
        if LDTT_OF_COLLECTIVES.search(folded[max(0, m.start() - 12):m.start()]):
            return [_entry("tap-the-lao-dong-tien-tien", detail, None, authority, status, counts, rule)]
        out = []
        if "collectives" in kinds:
            only = dict.fromkeys(COUNT_KEYS)
            only["collectives"] = counts["collectives"]
            out.append(_entry("tap-the-lao-dong-tien-tien", detail, None, authority, status, only,
                              rule + "+collectives"))
        if "individuals" in kinds or not out:
            only = dict.fromkeys(COUNT_KEYS)
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
            for field in COUNT_KEYS:
                a, b = kept[field], award[field]
                # The same count twice is one mention repeated (a caption and its paragraph).
                kept[field] = b if a is None else a if b is None or a == b else a + b
            break
        else:
            merged.append(dict(award))
            keys.append(key)
    return merged
