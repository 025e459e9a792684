"""Vietnamese text primitives shared by every stage: one spelling, folding, slugs.

Scraped portals write the same word in several byte sequences (decomposed marks,
"hoà" beside "hòa", "thuỷ" beside "thủy"); everything downstream compares strings,
so every stage goes through `normalize` first and compares through `fold`.
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks (the five tones other than level); the vowel-quality marks
# (circumflex, breve, horn) stay with their letter.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# Old-style placement puts the tone on the second vowel of an open "oa/oe/uy"
# ("hoà", "khoẻ", "thuỷ"); the archive's one spelling puts it on the first
# ("hòa", "khỏe", "thủy"), which is what most portals and dictionaries use.
# "qu" + y keeps the tone on y ("quý"): there the u is part of the consonant.
_OLD_STYLE = re.compile(
    r"(?<![qQ])([oO])([aAeE])([\u0300\u0301\u0303\u0309\u0323])(?![\w\u0300-\u036f])"
    r"|(?<![qQ])([uU])([yY])([\u0300\u0301\u0303\u0309\u0323])(?![\w\u0300-\u036f])"
)

# Control characters (Unicode category Cc) other than newline and tab.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")


def _move_tone(match: re.Match) -> str:
    if match.group(1):
        first, second, tone = match.group(1), match.group(2), match.group(3)
    else:
        first, second, tone = match.group(4), match.group(5), match.group(6)
    return first + tone + second


def normalize_tones(text: str) -> str:
    """NFC with one tone-mark placement: 'hoà' -> 'hòa', 'thuỷ' -> 'thủy'."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _OLD_STYLE.sub(_move_tone, decomposed))


def normalize(text: str) -> str:
    """One spelling of a text: NFC, one tone placement, plain spaces, no stray controls."""
    text = normalize_tones(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    return "\n".join(line.strip() for line in _SPACES.sub(" ", text).split("\n"))


def fold(text: str) -> str:
    """Lower case without any diacritic, đ included: 'Đồ Sơn' -> 'do son'.

    đ is a letter of its own, not d plus a mark, so NFD alone leaves it alone.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
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
