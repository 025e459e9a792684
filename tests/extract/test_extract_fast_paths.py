"""The extractor's shortcuts give what the plain way gives (hypothesis + the sample articles).

Each shortcut exists for speed only (issue 5: 20,000 articles in minutes): `normalize` returning a
text already in its one spelling, `fold` stripping Latin marks with one regex, regex scans tried
only where a match can begin, the cleaner's anchored rules tried at a line's start. If one of
them ever found something else than the slow way, an extracted field would change silently; these
tests compare each with its definition on real articles and on strings built to hit the corners.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.corpus import chrome as chrome_module
from tdkt import text as text_module
from tdkt.corpus.clean import clean
from tdkt.extract import author, award_words, awards, dates, official_words, officials, province, unit
from tdkt.extract.scan import finditer_from
from tdkt.corpus.ingest import read_article
from tdkt.text import fold, normalize

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "corpus").glob("*.txt"))


# normalize as it was written before the shortcuts (strict tone pattern, every step every time).
_STRICT_OLD_STYLE = re.compile(
    r"(?<![qQ])([oO])([aAeE])([\u0300\u0301\u0303\u0309\u0323])(?![\w\u0300-\u036f])"
    r"|(?<![qQ])([uU])([yY])([\u0300\u0301\u0303\u0309\u0323])(?![\w\u0300-\u036f])"
)


def _strict_move_tone(match: re.Match) -> str:
    first, second, tone = (match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6))
    return first + tone + second


def _slow_normalize(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", text)
    text = re.sub(r"[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]", "", text)
    decomposed = unicodedata.normalize("NFD", text)
    text = unicodedata.normalize("NFC", _STRICT_OLD_STYLE.sub(_strict_move_tone, decomposed))
    spaces = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+"
    return "\n".join(line.strip() for line in re.sub(spaces, " ", text).split("\n"))


def _slow_fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)).lower()


# Characters at the corners: old-style tones and what may follow them, q before them, every kind
# of whitespace str.strip takes, controls, loose marks (U+034F is not one), đ, letters that lower
# or decompose oddly (İ, Σ, ǯ), punctuation outside Latin, and another script.
CORNERS = list("oOuUqQaAeEyYàáảãạèéẻẽẹỳýỷỹỵÀÁỲÝặậệ nđĐx1\n\r\t\u00a0\u2028\u3000\u200b\ufeff\u200d\u200e\u202e\u2066\u2069\x01\x85İΣσ“”…ǯ한ﬁ") + [
    "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u034f", "\u1dc4", "\u20d0", "=\u0338",
]
corner_text = st.lists(st.sampled_from(CORNERS), max_size=14).map("".join)


@settings(max_examples=1500, deadline=None)
@given(corner_text)
def test_normalize_is_its_full_path(text):
    assert normalize(text) == _slow_normalize(text)
    normal = _slow_normalize(text)
    assert normalize(normal) == _slow_normalize(normal)


@settings(max_examples=1500, deadline=None)
@given(corner_text)
def test_tone_placement_is_its_full_path(text):
    strict = unicodedata.normalize("NFC", _STRICT_OLD_STYLE.sub(_strict_move_tone, unicodedata.normalize("NFD", text)))
    assert text_module.normalize_tones(text) == strict


@settings(max_examples=1500, deadline=None)
@given(corner_text)
def test_fold_is_its_definition(text):
    assert fold(text) == _slow_fold(text)


def test_fold_by_regex_covers_exactly_the_latin_blocks():
    """The blocks fold's regex handles decompose only into themselves, with U+0300-U+036F (but
    U+034F) as their only combining characters."""
    admitted = [chr(c) for c in range(0x10000) if not text_module._BEYOND_LATIN.match(chr(c))]
    inside = set(admitted)
    assert all(part in inside for ch in admitted for part in unicodedata.normalize("NFD", ch))
    marks = {ch for ch in admitted if unicodedata.combining(ch)}
    assert marks == {chr(c) for c in range(0x300, 0x370)} - {"\u034f"}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_articles_normalize_and_fold_as_before(path):
    raw = path.read_text(encoding="utf-8")
    assert normalize(raw) == _slow_normalize(raw)
    text = read_article(path).text
    assert normalize(text) == text == _slow_normalize(text)
    assert fold(text) == _slow_fold(text)
    cleaned = clean(text)[0]
    assert normalize(cleaned) == _slow_normalize(cleaned)
    assert awards.fold_aligned(cleaned) == "".join(award_words.fold_char(ch) for ch in cleaned)


# Each scan tried only where a match can begin, with the pattern it stands for.
SCANS = {
    "award names": (award_words.AWARD_NAME, award_words.NAME_START, award_words.fold_aligned, None),
    "typed places": (province._TYPED, province._TYPED_START, None, None),
    "province names": (province._bare_names(), province._bare_name_starts(), None, None),
    "communes": (province._COMMUNE, province._COMMUNE_START, None, None),
    "cluster hosts": (province._HOST, province._HOST_START, None, str.lower),
    "photo credits": (author._PHOTO_CREDIT, author._PHOTO_CREDIT_START, None, None),
    "shared title prefixes": (officials._SHARED_PREFIX, officials._SHARED_PREFIX_START, None, str.lower),
    "name runs": (official_words.LONG_RUN, official_words.LONG_RUN_START, None, None),
    "award actions": (award_words.ACTION, award_words.ACTION_START, str.lower, None),
    **{f"event dates {i}": (pattern, dates._EVENT_STARTS[i], None, None) for i, (_, pattern) in enumerate(dates._EVENT_PATTERNS)},
}
# Pieces that open (or nearly open) each pattern, in several cases, next to letters and breaks.
PIECES = [
    "Cờ thi đua", "cờ đầu", "Bằng khen", "chiến sĩ thi đua cơ sở", "CSTĐ", "Tập thể lao động xuất sắc",
    "Huân chương Lao động hạng Nhì", "đơn vị dẫn đầu", "danh hiệu \"Gia đình văn hóa\"", "Kỷ niệm chương",
    "tỉnh Thái Bình", "huyện Châu Thành", "Thị xã Hồng Lĩnh", "TP.HCM", "TP. Hồ Chí Minh", "thành phố Huế",
    "Huyện ủy Kiến Xương", "xã Hòa Bình", "Phường 1", "thị trấn Ngã Sáu", "hợp tác xã", "Hà Nam", "Đắk Lắk",
    "đăng cai", "ĐĂNG CAI", "Cụm trưởng", "\u212ahối trưởng", "Ảnh: Minh Anh", "ẢNH: THU HÀ", "Nguồn:",
    "Các đồng chí Phó Chủ tịch UBND tỉnh:", "ĐỒNG CHÍ Bí thư:", "đ/c Chủ tịch:", "các ", "co ", "la co dau",
    "Cờ \"Đơn vị xuất sắc\"", "Cờ đơn vị dẫn đầu", "Cờ  Xuất sắc", "có ", "Đơn vị tiên tiến", "đơn vị",
    "Lao động tiên tiến", "tập thể", "Nghệ nhân Nhân dân", "Nghệ sĩ Ưu tú", "Nhà giáo Nhân dân", "Đăng Caı",
    "x", "Ab", " ", ", ", ". ", "\n", "(", "“",
    "Sáng 12/1", "sáng ngày 3-4", "Sang 5/6/2023", ", Sang 5/6", "Chieu 1.2", "hôm qua 7/8", "Hôm nay (9/10",
    "Trong 2 ngày 11 và 12/1", "trong hai ngày", "Ngày 11-12/1", "ngày 5 tháng 3 năm 2023", "Ngay 23/1", "xNgày 1/2",
    "H'Bla", "R’Mah", "K'", "Y'", "Nguyễn Văn A", "ÔNG", "x'Ab", "’",
    "được tặng", "trao", "quá trình", "trình bày", "trình Thủ tướng", "Trình", "khen", "cho", "đề nghị", "nhận",
]
piece_text = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


def _same_matches(name: str, text: str, pos: int = 0, endpos: int | None = None) -> None:
    pattern, starts, prepare, starts_view = SCANS[name]
    text = prepare(text) if prepare else text
    end = len(text) if endpos is None else min(endpos, len(text))
    pos = min(pos, end)
    view = starts_view(text) if starts_view else None
    if view is not None and len(view) != len(text):
        return                            # the caller scans the plain way then
    expected = [(m.span(), m.groups()) for m in pattern.finditer(text, pos, end)]
    found = [(m.span(), m.groups()) for m in finditer_from(pattern, starts, text, pos, end, starts_in=view)]
    assert found == expected, name


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(piece_text, st.integers(0, 40), st.integers(0, 400))
def test_scans_from_starts_find_what_finditer_finds(text, pos, endpos):
    for name in SCANS:
        _same_matches(name, text)
        _same_matches(name, text, pos, endpos)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_scans_from_starts_on_sample_articles(path):
    text = clean(read_article(path).text)[0]
    for name in SCANS:
        _same_matches(name, text)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(list("Aa Đ.!?…\n/TPX1“(\"'") + ["TP.", "TX.", "./.", "..."]), max_size=30).map("".join))
def test_sentence_breaks_are_the_pattern_s(text):
    assert [m.span() for m in awards._sentence_breaks(text)] == [m.span() for m in awards._SENTENCE_BREAK.finditer(text)]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(
    "luot danh gia|captcha|ma xac nhan|tin|tags|:|the|1|/|5|sao|binh luan|(3)|a|a+|a-|chia se|trang chu|"
    "online|hom nay|.jpg|anh|ve dau trang|x| |ma xac thuc|nhap ma|ky tu trong hinh".split("|")), min_size=1,
    max_size=8).map(" ".join))
def test_chrome_rules_find_the_leftmost_rule(line):
    slow = chrome_module._CHROME.search(line)
    fast = chrome_module._chrome_match(line)
    assert (fast and (fast.span(), fast.lastgroup)) == (slow and (slow.span(), slow.lastgroup))


def test_only_rules_with_an_unanchored_alternative_are_searched_past_the_start():
    searched = set(chrome_module._CHROME_ANYWHERE.groupindex)
    for i, (_, pattern) in enumerate(chrome_module._RULES):
        anchored = all(a.startswith("^") for a in chrome_module._alternatives(pattern.pattern))
        assert (f"r{i}" in searched) != anchored


def test_lines_without_the_unanchored_rules_words_are_not_searched_past_their_start():
    """_chrome_match searches past a line's start only in lines holding one of _ANYWHERE_WORDS: each
    alternative not anchored at the start must hold one of them (else extend the list)."""
    unanchored = [a for _, pattern in chrome_module._RULES for a in chrome_module._alternatives(pattern.pattern)
                  if not a.startswith("^")]
    assert unanchored == ["luot danh gia", "(ma xac (nhan|thuc)|captcha|ma bao ve|nhap ma|ky tu trong hinh|not a robot)"]
    for word in chrome_module._ANYWHERE_WORDS:
        assert chrome_module._CHROME_ANYWHERE.search("x " + word, 1)


def test_alternatives_split_only_at_top_level_bars():
    # bars inside groups, classes (a "]" first in a class is a member) and escaped ones stay
    assert chrome_module._alternatives(r"^a[]|x]|b[^]|]c|d\|e|(f|^g)") == ["^a[]|x]", "b[^]|]c", "d\\|e", "(f|^g)"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("aĐA .!?\n(“\"x") + ["Hội nghị", "\n\n"]), max_size=30).map("".join),
       st.integers(1, 4))
def test_unit_reads_the_first_sentences_as_a_full_split_would(text, limit):
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZĐ(“\"])|\n+", text)
    assert unit._sentences(text, limit) == [p.strip() for p in parts if p.strip()][:limit]


def test_every_full_date_form_has_a_four_digit_year():
    """parse_full_date skips a line without four digits in a row: a form without them would never be read."""
    for _, pattern in dates._FULL_DATES:
        assert r"(\d{4})" in pattern.pattern
    assert dates.parse_full_date("ngày 5 tháng 3 năm 2023") == "2023-03-05"
    assert dates.parse_full_date("ngày 5 tháng 3") is None


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["Abc", "De", "F", "H'Bla", "R’Mah", " ", "x", "1", "Đồng", "’", "'", "\n",
                                 "Nguyễn", "Văn", "A", "Bí thư"]), max_size=12).map("".join))
def test_name_runs_are_the_capitalised_runs_of_two_syllables_or_more(text):
    syllable = official_words.SYLLABLE
    every_run = re.compile(rf"(?<![\w'’]){syllable}(?: {syllable})*(?![\w'’])")
    expected = [m.span() for m in every_run.finditer(text) if " " in m.group(0)]
    assert [m.span() for m in official_words.LONG_RUN.finditer(text)] == expected


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["Ab", "Đông", "HUV", "a", "x1", "1", "_", " ", "-", "–", "Phó Chủ tịch", "tỉnh ủy viên",
                                 "Bí thư", "Bí thưx", "́", "Ⅻ", "²", "\n"]), max_size=12).map("".join))
def test_glued_dashes_are_parted_as_the_pattern_parts_them(text):
    assert officials._unglue_dashes(text) == officials._GLUED_DASH.sub(officials._unglued, text)


def test_mentions_are_a_fresh_list_each_time():
    """mentions() keeps the last texts' places: a caller changing its list must not change the next's."""
    first = province.mentions("tại tỉnh Hà Nam và huyện Kim Bảng")
    first.clear()
    assert len(province.mentions("tại tỉnh Hà Nam và huyện Kim Bảng")) == 2


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(CORNERS + ["\U0001f600", "\ud800", "\uffff", "\x00", "Ǆ", "ẞ"]), max_size=14).map("".join))
def test_aligned_fold_is_each_character_s_fold(text):
    assert award_words.fold_aligned(text) == "".join(award_words.fold_char(ch) for ch in text)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["lượt xem", "Lượt xem:", "LƯỢT ĐỌC", "lượt truy cập", "số lần xem", "Số lần đọc", "views",
                                 "View", "1.027", "50", " ", "-", "|", "(", ")", ".", "Đăng ngày: 08/01/2025", "lượt",
                                 "luot  xem", "viêws"]), max_size=10).map("".join))
def test_a_view_counter_holds_one_of_its_words(line):
    """chrome_tail looks for a view counter only in lines holding one of its words."""
    folded = fold(line)
    if chrome_module._VIEW_TAIL.search(folded):
        assert chrome_module._VIEW_WORD.search(folded)
    assert chrome_module.chrome_tail(line, chrome_module.fold_short(line) if len(line) <= 200 else None) == \
        chrome_module.chrome_tail(line)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["Trang chủ", "Giới thiệu", "Tin tức", "Liên hệ", " ", "|", "»", "›", ">", " > ", "a", "1",
                                 "\t", "Văn bản", ","]), min_size=1, max_size=10).map("".join))
def test_a_menu_bar_without_separators_is_the_split_s(line):
    folded = fold(line)
    items = [item for item in chrome_module._BAR_SPLIT.split(line) if item]
    split_says = len(items) >= 3 and all(len(item.split()) <= 5 and item[:1].isupper() for item in items)
    if not chrome_module._HAS_DATE_OR_TIME.search(folded) and line[-1:] not in ".!?…:;" and not (
            chrome_module._MENU_START.match(folded) and len(line.split()) <= 12 and "," not in line):
        assert chrome_module.is_menu_bar(line, folded) == split_says


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["Một", "hai", " ", "  ", "\t", "\u00a0", "\u2028", "\x1c", "\x85", "\u3000", "x"]),
                min_size=1, max_size=12).map("".join))
def test_a_paragraph_s_repeat_key_is_its_words_one_space_apart(text):
    from tdkt.corpus import clean as clean_module

    key = clean_module._dedup_key(clean_module._Paragraph(1, text))
    words = " ".join(text.split())
    assert key == (words if words.count(" ") + 1 >= clean_module._DEDUP_WORDS else None)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["co dau", "co", "cờ", "chien si", "bang khen", "ba", "b", " ", "x", "k niem", "ky niem",
                                 "kiniem"]), max_size=10).map("".join))
def test_alternatives_grouped_by_first_letter_match_where_the_alternation_matches(text):
    from tdkt.extract.scan import by_first_letter

    alternatives = ["co dau", r"co\s+x", "chien s", "bang khen", "ba (?:cum|khoi)", "ba", "k[iy] niem"]
    flat = re.compile("|".join(alternatives))
    grouped = by_first_letter(alternatives)
    assert [i for i in range(len(text) + 1) if flat.match(text, i)] == \
        [i for i in range(len(text) + 1) if grouped.match(text, i)]


def test_grouping_by_first_letter_refuses_a_first_character_that_is_not_plain():
    from tdkt.extract.scan import by_first_letter

    for alternative in ("(?:a|b)c", "a*b", "[ab]c", r"\bx", ""):
        with pytest.raises(ValueError):
            by_first_letter(["ok", alternative])


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(CORNERS + ["\n", "\n\n", " \n", "\n ", "qoà", "hoà\n", "\nthuỷ"]), max_size=16).map("".join))
def test_a_normalized_text_stripped_of_newlines_is_normalized(text):
    """normalize() returns strip_newlines' text as it is, without checking it again."""
    stripped = text_module.strip_newlines(normalize(text))
    assert text_module._normal(stripped) == stripped == _slow_normalize(text).strip("\n")
    assert normalize(stripped) is stripped


def test_only_normalize_s_own_text_is_remembered_as_normalized():
    normalize("x")
    stripped = text_module.strip_newlines("\nhoà  bình\n")      # not normalize's: checked as any text
    assert normalize(stripped) == "hòa bình"


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(CORNERS + ["\n", "\n\n", "hoà", "Trang chủ", "Lượt xem: 12", "12/3/2024 10:20 5", "Ảnh 2",
                                 "năm", "2023.", "Tin: A", "- ", "Một hai ba bốn năm sáu.", "x" * 30]),
                max_size=24).map("".join))
def test_the_cleaner_s_text_remembered_as_normalized_is_normalized(text):
    cleaned, _ = clean(text)
    if normalize(cleaned) is cleaned and text_module._memo[1] is cleaned:
        assert text_module._normal(cleaned) == cleaned == _slow_normalize(cleaned)


def test_a_text_with_a_line_cut_short_is_normalized_again():
    """A view counter cut off right after "hoà" leaves an old-style tone at the line's end."""
    cleaned, removed = clean("Đăng ngày 12/3/2024 hoàluot xem 5")
    assert [r.reason for r in removed] == ["view counter after the post stamp"]
    assert normalize(cleaned) == "Đăng ngày 12/3/2024 hòa" != cleaned
