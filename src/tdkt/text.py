"""Vietnamese text primitives shared by every stage: one spelling, folding, slugs.

Scraped portals write the same word in several byte sequences (decomposed marks,
"hoà" beside "hòa", "thuỷ" beside "thủy"); everything downstream compares strings,
so every stage goes through `normalize` first and compares through `fold`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Combining tone marks (the five tones other than level); the vowel-quality marks
# (circumflex, breve, horn) stay with their letter.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# Old-style placement puts the tone on the second vowel of an open "oa/oe/uy"
# ("hoà", "khoẻ", "thuỷ"); the archive's one spelling puts it on the first
# ("hòa", "khỏe", "thủy"), which is what most portals and dictionaries use.
# "qu" + y keeps the tone on y ("quý"): there the u is part of the consonant.
# Matched loosely (o/u, a/e/y, tone: a character class first, which sre scans fast) and settled
# in _move_tone: o+a/e or u+y, not after q. A loose match that is not one covers no start of one.
_OLD_STYLE = re.compile(r"([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![\w\u0300-\u036f])")

# Control characters (Unicode category Cc) other than newline and tab.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Invisible format characters that only steer display: bidi embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069), the direction marks (U+200E, U+200F), zero-width space, joiners
# and word joiner (U+200B-U+200D, U+2060) and the byte-order mark inside text (U+FEFF). Pasted
# from office documents and CMS editors, they split words a reader sees as one ("khen\u200bthưởng"
# would not match "khen thưởng"), and a right-to-left override turns a headline around on every
# page and listing that shows it. Dropped, not made spaces: they stand inside words as often as
# between them.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")

# Spaces other than the plain one that normalize makes plain (runs of them: one space).
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(r"  +")


def _move_tone(match: re.Match) -> str:
    first, second, tone = match.group(1), match.group(2), match.group(3)
    at = match.start()
    if (second in "yY") != (first in "uU") or match.string[at - 1:at] in ("q", "Q"):
        return match.group(0)
    return first + tone + second


def normalize_tones(text: str) -> str:
    """NFC with one tone-mark placement: 'hoà' -> 'hòa', 'thuỷ' -> 'thủy'."""
    if unicodedata.is_normalized("NFC", text) and not _old_style_in_nfc(text):
        return text                       # what most pages are: no decomposing and composing again
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _OLD_STYLE.sub(_move_tone, decomposed))


# Anything `normalize` would change in an NFC text: controls (\r too), whitespace other than a
# plain space or a newline (what _ODD_SPACE finds and str.strip takes, U+2028 and friends included:
# those merely take the long way), two spaces, a space at a line's ends, and an old-style tone
# ("hoà", "thuỷ": in NFC, o/u then a/e/y carrying only a tone, then no letter or mark, not after
# q). A text with none of these is its own normal form, so every stage after ingest can call
# `normalize` as insurance for some microseconds instead of a millisecond. Each test starts with
# a character class or is a plain substring search: sre scans those fast, an alternation of
# lookarounds it tries at every position.
_UNSETTLED_CHARS = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202a-\u202f\u205f\u2060"
    "\u2066-\u2069\u3000\ufeff]"
)
_TONED_A_E = "àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ"
_TONED_Y = "ỳýỷỹỵỲÝỶỸỴ"
_OLD_STYLE_NFC = re.compile(rf"[oOuU][{_TONED_A_E}{_TONED_Y}](?![\w\u0300-\u036f])")


def _settled(text: str) -> bool:
    """normalize(text) == text, by sufficient checks that are cheap on article-sized text."""
    if not unicodedata.is_normalized("NFC", text) or _UNSETTLED_CHARS.search(text):
        return False
    if "  " in text or " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " ":
        return False
    return not _old_style_in_nfc(text)


def _old_style_in_nfc(text: str) -> bool:
    """Whether an NFC text holds an old-style tone placement (what _OLD_STYLE moves in its NFD)."""
    for match in _OLD_STYLE_NFC.finditer(text):
        at = match.start()
        first, second = text[at], text[at + 1]
        if (second in _TONED_A_E if first in "oO" else second in _TONED_Y) and text[at - 1:at] not in ("q", "Q"):
            return True
    return False


def normalize(text: str) -> str:
    """One spelling of a text: NFC, one tone placement, plain spaces, no stray controls, no bidi or
    zero-width format characters."""
    if text is _memo[1]:
        return text                       # known normalized: ingest's article, the cleaner's text
    normal = _normal(text)
    _memo[0] = normal
    return normal


def strip_newlines(text: str) -> str:
    """text.strip("\n"); when `text` is what normalize() returned last, the result is remembered as
    normalized too, and normalize() gives it back at once (ingest strips an article's normalized
    text, the cleaner normalizes it again as insurance: a tenth of a millisecond for 9 KB).

    Stripping newlines keeps a normalized text normalized: its lines hold no spaces at their ends,
    and the tone and spacing checks see a text's end as they see a newline."""
    stripped = text.strip("\n")
    if text is _memo[0]:
        _memo[1] = stripped
    return stripped


def as_normal(text: str) -> str:
    """`text`, remembered as normalized: the caller knows it is (the cleaner's text is whole lines
    of a normalized text, joined by spaces and blank lines), and normalize() gives it back at once."""
    _memo[1] = text
    return text


# [the text normalize() returned last, a text known to be normalized: strip_newlines', as_normal's]
_memo: list[str | None] = [None, None]


def _normal(text: str) -> str:
    if _settled(text):
        return text
    # Controls go before the tones are placed: dropping one can bring a letter and a mark together
    # ("O\x08È"), which must then be composed and placed like any other.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    text = normalize_tones(text)
    # Every run of spaces, tabs, no-break and zero-width spaces becomes one plain space: the odd
    # ones made plain, then runs of plain ones made one. Same text as one sub of a pattern for
    # runs, which matches at every single space (a fifth of a page's characters) and costs 5x.
    if _ODD_SPACE.search(text):
        text = _ODD_SPACE.sub(" ", text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


# Within Latin, Vietnamese and general punctuation, NFD yields only characters of these blocks and
# the only combining ones are U+0300-U+036F (U+034F, the grapheme joiner, is not combining): one
# regex sub there does what the per-character test does, some twenty times faster. Other scripts
# take the per-character way.
_BEYOND_LATIN = re.compile(r"[^\x00-\u036f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20c0]")
_LATIN_MARKS = re.compile(r"[\u0300-\u034e\u0350-\u036f]+")


def fold(text: str) -> str:
    """Lower case without any diacritic, đ included: 'Đồ Sơn' -> 'do son'.

    đ is a letter of its own, not d plus a mark, so NFD alone leaves it alone.
    """
    # Short texts are mostly names, folded over and over (places, people, titles: seven of ten
    # folds while extracting an article repeat an earlier one): their folds are kept.
    return _fold_short(text) if len(text) <= 80 else _fold(text)


@functools.lru_cache(maxsize=16384)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    if not _BEYOND_LATIN.search(text):
        return _LATIN_MARKS.sub("", decomposed).lower()
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 80) -> str:
    """ASCII slug for URLs and file names; never empty, never a path."""
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-") or "x"


_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Folded syllables of a text, in order."""
    return _WORD.findall(fold(text))


# -- text shown on a page (titles, names, labels): the site and the search index both use it

# Control characters (Python-Markdown's own placeholders are \x02 and \x03) and lone
# surrogates have no business in a page; whitespace controls (\t \n \r \x0b \x0c \x1c-\x1f
# \x85) and line/paragraph separators are whitespace, collapsed by `one_line`.
_SHOWN_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` without control characters or lone surrogates (white space kept)."""
    return _SHOWN_CONTROL.sub("", text)


def one_line(text: object) -> str:
    """A value as one line of plain text: controls out, every whitespace run one space."""
    if text is None:
        return ""
    return _one_line(text if isinstance(text, str) else str(text))


@functools.lru_cache(maxsize=1 << 16)
def _one_line(text: str) -> str:
    # Cached: a page asks ~130 times, mostly for the same names (province, unit, award labels).
    # str.split() splits on exactly the characters re's \s matches (checked over every code
    # point), so this is `\s+` -> ' ' and strip, a fifth of the time.
    return " ".join(printable(text).split())
