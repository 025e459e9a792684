"""The two pre-Unicode Vietnamese encodings still found on older portals: TCVN3 (ABC) and VNI.

Both were font encodings: the bytes are whatever the .VnTime / VNI-Times font drew at that code
point, so a page saved in them reads as mojibake ("Th«ng tin", "Vieät Nam") in any standard
code page. TCVN3 puts each precomposed lower-case letter in one byte; VNI writes the base
letter and then one byte for its mark(s). Both leave 0x80-0x9F to Windows-1252 (the Word
"smart quotes"), which is why the decoders fall back to cp1252 there.

`encode_*` are the exact inverses, kept for the tests (and for anyone round-tripping a file).
"""

from __future__ import annotations

import unicodedata

# TCVN 5712:1993 VN3 ("ABC"): upper-case letters with a tone mark have no code of their own
# (headings used a separate all-caps font), so they decode to their lower-case form.
TCVN3_TABLE: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


def decode_tcvn3(data: bytes) -> str:
    return "".join(
        TCVN3_TABLE.get(b) or (chr(b) if b < 0x80 else _cp1252_char(b)) for b in data
    )


_TCVN3_INVERSE = {ch: bytes([code]) for code, ch in TCVN3_TABLE.items()}


def encode_tcvn3(text: str) -> bytes:
    """Unicode -> TCVN3; upper-case toned letters go to their lower-case code, as the font did."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = _TCVN3_INVERSE.get(ch) or _TCVN3_INVERSE.get(ch.lower())
        if code is None:
            code = ch.encode("cp1252")
        out += code
    return bytes(out)


# VNI-Windows: mark bytes (read through cp1252) that follow a vowel, lower- and upper-case.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_VNI_MARKS_LOWER = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK,
    "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
}
_VNI_MARKS = {**_VNI_MARKS_LOWER, **{k.upper(): v for k, v in _VNI_MARKS_LOWER.items()}}
# Letters VNI gives a code of their own (i's, y-dot, the horned vowels, đ).
_VNI_LETTERS = {
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
    "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ",
    "ô": "ơ", "ö": "ư", "Ô": "Ơ", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
}
# Which marks each base vowel can take: a breve only sits on a, a circumflex on a/e/o.
_TONES_ONLY = {_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT}
_VNI_BASES = {
    "a": None, "e": "circ", "o": "circ", "u": "tone", "y": "tone", "ơ": "tone", "ư": "tone",
}


def _mark_fits(base: str, mark: str) -> bool:
    kind = _VNI_BASES.get(base.lower(), "no")
    if kind == "no":
        return False
    if kind is None:
        return True
    if kind == "tone":
        return mark in _TONES_ONLY
    return _BREVE not in mark


def decode_vni(data: bytes) -> str:
    chars = [_cp1252_char(b) if b >= 0x80 else chr(b) for b in data]
    out: list[str] = []
    for ch in chars:
        if ch in _VNI_MARKS and out and _mark_fits(out[-1], _VNI_MARKS[ch]) and not _marked(out[-1]):
            out[-1] = unicodedata.normalize("NFC", out[-1] + _VNI_MARKS[ch])
        elif ch in _VNI_LETTERS:
            out.append(_VNI_LETTERS[ch])
        else:
            out.append(ch)
    return "".join(out)


def _marked(letter: str) -> bool:
    """A letter that already carries a tone or a circumflex/breve (a second VNI mark is text)."""
    decomposed = unicodedata.normalize("NFD", letter)
    return any(m in decomposed for m in (_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT, _CIRC, _BREVE))


_VNI_LETTERS_INVERSE = {v: k for k, v in _VNI_LETTERS.items()}
_VNI_MARKS_INVERSE = {v: k for k, v in _VNI_MARKS_LOWER.items()}


def encode_vni(text: str) -> bytes:
    """Unicode -> VNI-Windows bytes (mark bytes take the case of their letter)."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _VNI_LETTERS_INVERSE:
            out.append(_VNI_LETTERS_INVERSE[ch])
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        if _HORN in marks:  # ơ / ư keep their own code, then a tone byte
            base = unicodedata.normalize("NFC", base + _HORN)
            marks = marks.replace(_HORN, "")
            out.append(_VNI_LETTERS_INVERSE[base])
        else:
            out.append(base)
        if marks:
            quality = "".join(m for m in marks if m in (_CIRC, _BREVE))
            tone = "".join(m for m in marks if m in _TONES_ONLY)
            mark = _VNI_MARKS_INVERSE[quality + tone]
            out.append(mark.upper() if base.isupper() else mark)
    return "".join(out).encode("cp1252")
