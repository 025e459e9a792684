"""Ingest: bytes on disk -> RawArticle (decoded, normalized text plus provenance).

The corpus is scraped from hundreds of portals, so the bytes arrive in every state: UTF-8 with
or without BOM, UTF-16, Windows-1258, the pre-Unicode TCVN3 and VNI font encodings, truncated,
binary, empty. `decode` is the pure heart (bytes in, text and encoding name out); `read_article`
adds the file system, HTML extraction and the provenance (tdkt.provenance: sidecar or front matter). Anything that cannot become an
article raises `InputError` with a one-line reason, so one bad file never stops a build.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from tdkt import legacy_encodings
from tdkt.model import InputError, RawArticle
from tdkt.provenance import is_http, parse_provenance, read_sidecar, split_front_matter
from tdkt.text import normalize

# Real article pages are well under 1 MB of text; 5 MB leaves room for HTML with inline
# scripts while keeping a runaway file (a log, a dump) from eating a build.
MAX_BYTES = 5 * 1024 * 1024
# A paragraph of a news article runs to a few thousand characters; a line far beyond that is
# a dump or minified data, not prose (and would make every later regex slow).
MAX_LINE_CHARS = 50_000
# Fewer letters than this is a stub or an error page, not an article.
MIN_LETTERS = 40

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

_VIET_LETTERS = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]+", re.IGNORECASE
)
_LETTERS = re.compile(r"[^\W\d_]+")

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
    text, encoding = _decode_raw(data, source)
    # cp1258 and VNI produce combining marks; normalize composes them (NFC) and fixes tones.
    return normalize(text), encoding


def _decode_raw(data: bytes, source: str) -> tuple[str, str]:
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


# -- HTML ---------------------------------------------------------------------------------

_HTML_SNIFF = re.compile(r"^\s*(<!doctype html|<html[\s>]|<head[\s>]|<\?xml[^>]*>\s*<html)", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.match(text[:2000])) or (
        "<body" in text[:20000].lower() and "</p>" in text.lower()
    )


def extract_html(html: str, source: str) -> tuple[str, dict, str | None]:
    """HTML -> (main text with paragraphs separated by blank lines, metadata, canonical url)."""
    import trafilatura  # slow to import; only HTML inputs need it

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        favor_recall=True,
        # the file date is "today": it would make two builds of the same corpus differ
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        raise InputError(source, "HTML page without main text (nothing an article could be made of)")
    meta = {}
    for key in ("title", "date", "author", "sitename", "hostname", "description"):
        value = getattr(doc, key, None)
        if isinstance(value, str) and value.strip():
            meta[key] = normalize(value).strip()
    title = _og_or_title(html)
    if title and "title" not in meta:
        meta["title"] = title
    url = getattr(doc, "url", None)
    # trafilatura gives one paragraph per line; the pipeline separates paragraphs by a blank line
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    return "\n\n".join(paragraphs), meta, url if isinstance(url, str) and is_http(url) else None


_OG_TITLE = re.compile(
    r"<meta\s[^>]*property=[\"']og:title[\"'][^>]*content=[\"']([^\"']{1,500})[\"']", re.I
)
_TITLE = re.compile(r"<title[^>]*>([^<]{1,500})</title>", re.I)


def _og_or_title(html: str) -> str | None:
    import html as htmllib

    head = html[:200_000]
    match = _OG_TITLE.search(head) or _TITLE.search(head)
    if not match:
        return None
    return normalize(htmllib.unescape(match.group(1))).strip() or None


# -- the file --------------------------------------------------------------------------------


def _read_bytes(path: Path, source: str) -> bytes:
    if path.is_symlink() and not path.exists():
        raise InputError(source, "broken link: it points to no file")
    if not path.exists():
        raise InputError(source, "no such file")
    if path.is_dir():
        raise InputError(source, "is a directory, not an article file")
    if not path.is_file():
        raise InputError(source, "not a regular file (a device or a pipe)")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(
            source, f"too large: {size / 1024 / 1024:.1f} MB (articles are limited to {MAX_BYTES // 1024 // 1024} MB)"
        )
    try:
        with path.open("rb") as handle:
            # read one byte past the limit: the size may have changed since stat (a growing file).
            # Asked for the limit at once, read() allocates 5 MB per article; stat's size is the
            # first guess, and only a file that grew since reads on.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(MAX_BYTES + 1 - len(data))
    except OSError as err:
        raise InputError(source, f"cannot read: {err.strerror or err}") from None
    if len(data) > MAX_BYTES:
        raise InputError(source, f"too large: over {MAX_BYTES // 1024 // 1024} MB")
    return data


def _enough_vietnamese(text: str) -> bool:
    """Whether the letter checks below surely pass, known from a prefix of the text.

    Vietnamese letters are letters, and there are no more letters than characters: once the
    Vietnamese ones reach MIN_LETTERS, 5 and 3% of the whole text, neither check can fail.
    Counting every letter of an article costs 0.1 µs a character; most articles get there
    within their first lines.
    """
    needed = max(MIN_LETTERS, 5, len(text) * 0.03)
    seen = 0
    for run in _VIET_LETTERS.finditer(text):
        seen += run.end() - run.start()
        if seen >= needed:
            return True
    return False


def check_article_text(text: str, source: str) -> None:
    """Refuse text that cannot be a Vietnamese news article."""
    if not text.strip():
        raise InputError(source, "no text (empty or whitespace only)")
    longest = max((len(line) for line in text.split("\n")), default=0)
    if longest > MAX_LINE_CHARS:
        raise InputError(
            source, f"a line of {longest:,} characters (limit {MAX_LINE_CHARS:,}): not article text"
        )
    if _enough_vietnamese(text):
        return
    # Counted by runs, not one list item per letter (an article has thousands).
    letters = sum(map(len, _LETTERS.findall(text)))
    if letters < MIN_LETTERS:
        raise InputError(source, f"too short to be an article ({letters} letters)")
    viet = sum(map(len, _VIET_LETTERS.findall(text)))
    if viet < 5 or viet < letters * 0.03:
        raise InputError(source, "not a Vietnamese article (no Vietnamese letters)")


def read_article(path: Path, source: str | None = None) -> RawArticle:
    """Read one corpus file (and its provenance) into a RawArticle; InputError when it cannot be one."""
    path = Path(path)
    source = source if source is not None else str(path)
    data = _read_bytes(path, source)
    text, encoding = _decode_raw(data, source)
    if not text.strip():
        raise InputError(source, "no text (whitespace only)")

    kind = "html" if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text) else "txt"
    meta: dict = {}
    url = fetched = None
    overrides: dict = {}
    ignored: list[str] = []
    first_line = 0
    if kind == "html":
        text, meta, url = extract_html(text, source)
    else:
        before = text
        text, front = split_front_matter(text, source)
        # so that `tdkt extract --explain` can give line numbers of the file itself
        first_line = before[: len(before) - len(text)].count("\n")
        if front is not None:
            url, fetched, overrides, ignored = parse_provenance(front, "front matter", source)

    sidecar = read_sidecar(path, source)
    if sidecar is not None:
        s_url, s_fetched, s_overrides, s_ignored = parse_provenance(
            sidecar, f"sidecar {path.with_suffix('.json').name}", source
        )
        url, fetched = s_url or url, s_fetched or fetched
        overrides = {**overrides, **s_overrides}
        ignored += s_ignored
    if ignored:
        meta["ignored_keys"] = ignored

    text = normalize(text)
    if kind == "txt":
        first_line += len(text) - len(text.lstrip("\n"))
        meta["first_line"] = first_line + 1
    text = text.strip("\n")
    check_article_text(text, source)
    return RawArticle(
        source=source, text=text, kind=kind, encoding=encoding,
        url=url, fetched=fetched, meta=meta, overrides=overrides,
    )
