"""Decode: the bytes of an article file -> text and the name of the encoding it was in (pure).

The corpus is scraped from hundreds of portals, so the bytes arrive in every state: UTF-8 with or
without BOM, UTF-16, Windows-1258, the pre-Unicode TCVN3 and VNI font encodings (legacy_encodings
converts those), mojibake of them, binary. `decode` settles which by how Vietnamese the result
reads, and refuses (InputError, one line) what it cannot settle, naming the encodings it saw.
"""

from __future__ import annotations

import re
import unicodedata

from tdkt.corpus import legacy_encodings
from tdkt.model import InputError
from tdkt.text import normalize

VIETNAMESE_LETTERS = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]+", re.IGNORECASE
)
LETTERS = re.compile(r"[^\W\d_]+")

# Syllables frequent in any Vietnamese news text, used to tell which legacy decoding is right.
_COMMON_SYLLABLES = frozenset(
    "của và các được năm thi đua khen thưởng trong người nhân dân tỉnh huyện đồng chí tổ chức "
    "hội nghị công tác phong trào với những cho có là đã này một không thành phát triển tại "
    "động kết tổng việc xã thị ủy ban đơn vị tập thể cá hiện thực cấp về đạt nhiệm vụ "
    "tiến quả từ theo lãnh đạo chủ tịch giấy bằng cờ xuất sắc lao "
    "đến cũng như nhiều để trên khi đó sự bộ nước thể hơn nhất đề mới sẽ vào làm đi ra "
    "những rất cao lên lại nữa việt tế xây dựng đảm bảo chính trị quốc phòng an ninh giáo dục "
    "y văn hóa hội nông thôn kinh tế môi trường quản lý cán đảng viên tuyên truyền ký ước "
    "giao chỉ tiêu kế hoạch triển khai phó giám đốc sở ngành cụm khối trưởng điển hình "
    "gương tiêu biểu tích cực hiệu quả sáng tạo đoàn kết đổi thắng lợi hoàn toàn diện "
    "biểu dương tôn vinh trao tặng danh hiệu huân chương quyết định công nhận số lượng "
    "mặt trận hội đồng phụ nữ cựu chiến binh thanh niên học sinh trường ngày tháng".split()
)

# Share of accented syllables that must be common words for a legacy decoding to be trusted.
# Measured on the samples and dev excerpts encoded each way: the right decoding scores well
# above 0.3, the wrong ones under 0.15; other 8-bit text (French, German) scores 0.
_CONVERT_FROM = 0.2
# ... or a clear lead over the other decodings when the vocabulary is unusual.
_CONVERT_LEAD = 3.0
_UNKNOWN_BELOW = 0.05
# Single-encoded texts: the runner-up decoding scores under half the best one. Close scores mean
# parts in two encodings (text pasted from two sources): no one decoding is right.
_MIXED_RATIO = 0.7
_LEGACY_NAMES = {"windows-1258": "Windows-1258", "tcvn3": "TCVN3 (ABC)", "vni": "VNI"}

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x7fELF", "an executable"),
)


_TAG = re.compile(r"<[^<>]{0,2000}>")


# Control characters (category Cc) that never occur in text: all but \t \n \f \r.
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

def _vietnamese_score(text: str) -> float:
    """Share of the accented syllables that are common Vietnamese words (0..1).

    Only syllables with a non-ASCII letter count: the ASCII ones read the same in every
    decoding (and in markup or script), so they cannot tell a right decoding from a wrong one.
    """
    syllables = re.findall(r"\w+", unicodedata.normalize("NFC", _TAG.sub(" ", text)).lower())
    accented = [s for s in syllables if not s.isascii()]
    if not accented:
        return 0.0
    return sum(s in _COMMON_SYLLABLES for s in accented) / len(accented)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the bytes look like BOM-less UTF-16, else None.

    Vietnamese text is mostly ASCII letters and spaces, so every other byte is NUL.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.02:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.02:
        return "utf-16-be"
    return None


def _strict(data: bytes, codec: str, source: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(source, f"invalid {label}: bad bytes at offset {err.start}") from None


def _legacy_candidates(data: bytes) -> list[tuple[str, str]]:
    candidates = []
    try:
        candidates.append(("windows-1258", data.decode("cp1258")))
    except UnicodeDecodeError:
        pass
    candidates.append(("tcvn3", legacy_encodings.decode_tcvn3(data)))
    candidates.append(("vni", legacy_encodings.decode_vni(data)))
    return candidates


def _best_legacy(data: bytes) -> tuple[str, str, float, tuple[float, str]]:
    """(encoding, text, score, (runner-up's score, its name)) of the likeliest legacy decoding."""
    scored = sorted(
        ((_vietnamese_score(text), name, text) for name, text in _legacy_candidates(data)),
        key=lambda s: s[0], reverse=True,
    )
    score, name, text = scored[0]
    runner_up = (scored[1][0], scored[1][1]) if len(scored) > 1 else (0.0, "")
    return name, text, score, runner_up


_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*(windows-1258|cp1258)""", re.I)


def _declared_charset(data: bytes) -> str | None:
    """'cp1258' when an HTML page declares Windows-1258 (the one declaration worth trusting:
    UTF-8 is tried first anyway, and the legacy font encodings were never declared)."""
    return "cp1258" if _DECLARED_CHARSET.search(data[:8192]) else None


def _mostly_valid_utf8(data: bytes) -> bool:
    """True when most non-ASCII bytes form valid UTF-8 sequences (a damaged UTF-8 file)."""
    high = sum(b >= 0x80 for b in data)
    if not high:
        return True
    valid = sum(len(ch.encode()) for ch in data.decode("utf-8", errors="ignore") if ord(ch) >= 0x80)
    return valid / high > 0.5


def _mojibake_legacy(text: str) -> tuple[str, str] | None:
    """Legacy-encoded text that was later read as cp1252 and saved as UTF-8 ('Vieät Nam').

    Returns (converted text, encoding name) when that reading is clearly more Vietnamese.
    """
    # Real Vietnamese text nearly always holds a letter cp1252 lacks (đ, ư, ơ, ạ ...).
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        return None
    name, converted, score, _ = _best_legacy(data)
    if name != "windows-1258" and score > 0.15 and score > 2 * _vietnamese_score(text):
        return converted, f"{name} (read as cp1252, saved as utf-8)"
    return None


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Bytes -> (normalized text, encoding name); InputError when they are not Vietnamese text."""
    text, encoding = decode_raw(data, source)
    # cp1258 and VNI produce combining marks; normalize composes them (NFC) and fixes tones.
    return normalize(text), encoding


def decode_raw(data: bytes, source: str) -> tuple[str, str]:
    """Bytes -> (text as decoded, encoding name); front matter needs its indentation intact."""
    if not data:
        raise InputError(source, "empty file")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(source, f"binary file ({what}), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = _strict(data[3:], "utf-8", source, "UTF-8"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if len(data) % 2:
            raise InputError(source, "truncated UTF-16: odd number of bytes")
        text, encoding = _strict(data, "utf-16", source, "UTF-16"), "utf-16"
    elif codec := _utf16_without_bom(data):
        text, encoding = _strict(data, codec, source, "UTF-16"), codec
    elif b"\x00" in data:
        raise InputError(source, f"binary data, not text (NUL byte at offset {data.index(0)})")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as err:
            if err.end >= len(data) and err.reason == "unexpected end of data":
                raise InputError(
                    source, f"truncated UTF-8: the file ends inside a character (byte {err.start})"
                ) from None
            if _mostly_valid_utf8(data):
                raise InputError(
                    source, f"invalid UTF-8: byte 0x{data[err.start]:02x} at offset {err.start}"
                ) from None
            declared = _declared_charset(data)
            if declared:
                try:
                    return data.decode(declared).replace("\r\n", "\n").replace("\r", "\n"), "windows-1258"
                except UnicodeDecodeError:
                    pass
            encoding, text, score, (runner_up, second) = _best_legacy(data)
            if score < _UNKNOWN_BELOW:
                raise InputError(
                    source,
                    "unknown encoding: not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI Vietnamese text",
                ) from None
            if score < _CONVERT_FROM and score < _CONVERT_LEAD * runner_up:
                raise InputError(
                    source,
                    f"looks like {_LEGACY_NAMES[encoding]} text but does not convert cleanly "
                    f"({score:.0%} of accented syllables recognised); convert it to UTF-8",
                ) from None
            if runner_up >= _MIXED_RATIO * score and runner_up >= _UNKNOWN_BELOW:
                raise InputError(
                    source,
                    f"mixes {_LEGACY_NAMES[encoding]} and {_LEGACY_NAMES[second]} text; "
                    "convert each part to UTF-8",
                ) from None
        else:
            if converted := _mojibake_legacy(text):
                text, encoding = converted
    if "\x00" in text:
        raise InputError(source, "binary data, not text (NUL characters)")
    controls = len(_BINARY_CONTROLS.findall(text))
    if controls > max(8, len(text) // 100):
        raise InputError(source, f"binary data, not text ({controls} control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
