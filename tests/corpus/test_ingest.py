"""Ingest: every supported encoding reads back as the same text; every broken input is refused
with one line naming the file and the reason. Encoded and broken files are generated here, from
the shipped sample articles, so no fixture file can drift from what it claims to be."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest

from tdkt.corpus import ingest, legacy_encodings
from tdkt.corpus.decode import decode
from tdkt.corpus.ingest import read_article
from tdkt.model import InputError
from tdkt.text import normalize

from conftest import SAMPLES, SHARED_DEV

SAMPLE = SAMPLES[2]  # a short one: keeps the generated files small
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
EXPECTED = normalize(SAMPLE_TEXT).strip("\n")


def encode_cp1258(text: str) -> bytes:
    """Unicode -> Windows-1258 as Vietnamese Windows wrote it: base letters with their
    circumflex/breve/horn precomposed where cp1258 has them, tones as combining marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        quality = "".join(m for m in decomposed[1:] if m in "\u0302\u0306\u031b")
        tones = "".join(m for m in decomposed[1:] if m not in "\u0302\u0306\u031b")
        out += unicodedata.normalize("NFC", decomposed[0] + quality).encode("cp1258")
        out += tones.encode("cp1258")
    return bytes(out)


def write(tmp_path: Path, data: bytes, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- what works ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_articles_read_as_utf8_text(path):
    article = read_article(path)
    assert article.encoding == "utf-8"
    assert article.kind == "txt"
    assert article.source == str(path)
    assert article.text == normalize(path.read_text(encoding="utf-8")).strip("\n")
    assert unicodedata.is_normalized("NFC", article.text)


def test_source_is_the_name_given_not_the_path(tmp_path):
    path = write(tmp_path, SAMPLE_TEXT.encode())
    assert read_article(path, source="corpus/a.txt").source == "corpus/a.txt"


ENCODINGS = {
    "utf-8 with BOM": (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8-sig"),
    "utf-16 with BOM": (lambda t: t.encode("utf-16"), "utf-16"),
    "utf-16-be with BOM": (lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16"),
    "utf-16-le without BOM": (lambda t: t.encode("utf-16-le"), "utf-16-le"),
    "utf-16-be without BOM": (lambda t: t.encode("utf-16-be"), "utf-16-be"),
    "windows-1258": (encode_cp1258, "windows-1258"),
    "windows-1258 CRLF": (lambda t: encode_cp1258(t.replace("\n", "\r\n")), "windows-1258"),
    "vni": (legacy_encodings.encode_vni, "vni"),
    "vni read as cp1252, saved as utf-8": (
        lambda t: legacy_encodings.encode_vni(t).decode("cp1252").encode("utf-8"),
        "vni (read as cp1252, saved as utf-8)",
    ),
}


@pytest.mark.parametrize("name", ENCODINGS)
def test_each_encoding_reads_back_as_the_same_text(tmp_path, name):
    encoder, encoding = ENCODINGS[name]
    data = encoder(SAMPLE_TEXT)
    assert data != SAMPLE_TEXT.encode("utf-8")
    article = read_article(write(tmp_path, data))
    assert article.encoding == encoding
    assert article.text == EXPECTED


def test_windows_1258_combining_tones_are_composed(tmp_path):
    data = encode_cp1258("Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 của huyện.")
    assert b"\xd2" in data or b"\xf2" in data  # a tone written as a separate combining byte
    text, encoding = decode(data, "x.txt")
    assert encoding == "windows-1258"
    assert text == "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 của huyện."
    assert unicodedata.is_normalized("NFC", text)


def test_tcvn3_converts_with_capital_toned_letters_in_lower_case(tmp_path):
    # TCVN3 has no codes for capital letters with a tone: the font drew them from the
    # lower-case codes, so conversion can only give them back in lower case.
    article = read_article(write(tmp_path, legacy_encodings.encode_tcvn3(SAMPLE_TEXT)))
    assert article.encoding == "tcvn3"
    assert article.text.lower() == EXPECTED.lower()
    assert "huyện Minh Long" in article.text


def test_tcvn3_seen_through_cp1252_and_saved_as_utf8_is_converted(tmp_path):
    mojibake = legacy_encodings.encode_tcvn3(SAMPLE_TEXT).decode("cp1252", errors="replace")
    article = read_article(write(tmp_path, mojibake.encode("utf-8")))
    assert article.encoding.startswith("tcvn3")
    assert "thi đua khen thưởng" in article.text


def test_legacy_decoders_invert_their_encoders():
    text = "Đồng chí Nguyễn Văn Bảy, Phó Chủ tịch UBND huyện, trao Cờ thi đua; ỵ ỷ Ưu Ơn ĂN"
    assert legacy_encodings.decode_vni(legacy_encodings.encode_vni(text)) == text
    assert legacy_encodings.decode_tcvn3(legacy_encodings.encode_tcvn3(text)).lower() == text.lower()


def test_old_style_tone_placement_becomes_one_spelling(tmp_path):
    text = SAMPLE_TEXT + "\n\nHội nghị biểu dương hoà thuận, khoẻ mạnh ở Thuỷ Nguyên.\n"
    article = read_article(write(tmp_path, text.encode()))
    assert "hòa thuận, khỏe mạnh ở Thủy Nguyên" in article.text


def test_nbsp_and_crlf_are_normalized(tmp_path):
    text = SAMPLE_TEXT.replace("\n", "\r\n").replace("Minh Long", "Minh\u00a0Long")
    article = read_article(write(tmp_path, text.encode()))
    assert "\r" not in article.text and "\u00a0" not in article.text
    assert article.text == EXPECTED


# -- HTML -----------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Huyện Minh Long tổng kết thi đua - Cổng thông tin điện tử</title>
<meta property="og:title" content="UBND huyện tổng kết công tác thi đua khen thưởng năm 2023">
<meta name="author" content="Thị Thoang">
<meta property="article:published_time" content="2024-04-09T14:00:00+07:00">
<link rel="canonical" href="https://minhlong.example.gov.vn/tin-tuc/tong-ket-thi-dua.html">
</head><body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li>
<li><a href="/tin-tuc">Tin tức</a></li></ul></nav>
<article><h1>UBND huyện tổng kết công tác thi đua khen thưởng năm 2023</h1>
{paragraphs}
<p>Dòng chữ &lt;script&gt;alert(1)&lt;/script&gt; là văn bản của bài, không phải mã.</p>
</article>
<footer><p>Bản quyền thuộc Cổng thông tin điện tử huyện. Thống kê truy cập: 16449292</p></footer>
<script>document.title = "injected"</script>
</body></html>"""


def _html_page() -> str:
    paragraphs = [p for p in EXPECTED.split("\n\n") if len(p.split()) > 12]
    return HTML_PAGE.format(paragraphs="\n".join(f"<p>{p}</p>" for p in paragraphs)), paragraphs


def test_html_gives_main_text_with_paragraph_breaks_and_metadata(tmp_path):
    page, paragraphs = _html_page()
    article = read_article(write(tmp_path, page.encode("utf-8"), "page.html"))
    assert article.kind == "html"
    for paragraph in paragraphs:
        assert f"\n\n{paragraph}\n\n" in f"\n\n{article.text}\n\n"
    assert "Giới thiệu" not in article.text  # the menu is not main text
    assert "injected" not in article.text
    assert "<script>alert(1)</script>" in article.text  # escaped text stays text
    assert article.meta["title"] == "UBND huyện tổng kết công tác thi đua khen thưởng năm 2023"
    assert article.meta["author"] == "Thị Thoang"
    assert article.meta["date"] == "2024-04-09"
    assert article.url == "https://minhlong.example.gov.vn/tin-tuc/tong-ket-thi-dua.html"


def test_html_in_a_txt_file_is_recognised(tmp_path):
    page, paragraphs = _html_page()
    article = read_article(write(tmp_path, page.encode("utf-8"), "page.txt"))
    assert article.kind == "html"
    assert paragraphs[0] in article.text and "<p>" not in article.text


def test_html_in_windows_1258_is_decoded(tmp_path):
    page, paragraphs = _html_page()
    article = read_article(write(tmp_path, encode_cp1258(page), "page.htm"))
    assert article.encoding == "windows-1258"
    assert paragraphs[-1] in article.text


def test_html_without_main_text_is_refused(tmp_path):
    path = write(tmp_path, b"<html><head><title>x</title></head><body><div></div><script>var a = 1;</script></body></html>", "empty.html")
    with pytest.raises(InputError) as err:
        read_article(path)
    assert "empty.html" in str(err.value) and "main text" in err.value.reason


def test_the_html_path_imports_in_a_fresh_interpreter():
    """trafilatura reads pages through justext, which imports lxml.html.clean: a separate project
    since lxml 5.2. A pip that resolves trafilatura without lxml's html_clean extra installs a
    tdkt whose HTML ingest fails at the first page; so tdkt declares it, and this runs the real
    import chain where nothing else has imported it yet."""
    import subprocess
    import sys

    code = ("import lxml.html.clean, justext\n"
            "from tdkt.corpus.ingest import extract_html\n"
            "page = '<html><body><article><h1>Hội nghị tổng kết</h1>' + '<p>' + 'Huyện tổng kết công tác thi đua, "
            "khen thưởng năm 2024 và trao Giấy khen cho các tập thể. ' * 3 + '</p></article></body></html>'\n"
            "text, meta, url = extract_html(page, 'page.html')\n"
            "assert 'Giấy khen' in text, text\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_the_html_cleaner_is_a_declared_dependency():
    import re
    import tomllib

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    declared = [d for d in dependencies
                if re.match(r"lxml[_-]html[_-]clean\b|lxml\s*\[[^]]*html[_-]clean", d.replace(" ", ""))]
    assert declared, "lxml_html_clean (or lxml[html_clean]) is imported by the HTML path but not declared"
    assert all(re.search(r">=\s*[\d.]+.*<\s*[\d.]+", d) for d in declared), declared  # a version range


def test_a_right_to_left_override_in_a_page_title_is_dropped(tmp_path):
    page, _ = _html_page()
    page = page.replace("<title>Huyện Minh Long", "<title>\u202eHuyện Minh Long").replace(
        'content="UBND huyện tổng kết', 'content="\u2067UBND huyện\u2069 tổng\u200b kết')
    article = read_article(write(tmp_path, page.encode("utf-8"), "page.html"))
    assert article.meta["title"] == "UBND huyện tổng kết công tác thi đua khen thưởng năm 2023"
    assert not any(ch in article.meta["title"] for ch in "\u202e\u2067\u2069\u200b")


def test_an_editors_title_with_bidi_controls_is_normalized(tmp_path):
    path = write(tmp_path, SAMPLE_TEXT.encode())
    path.with_suffix(".json").write_text(json.dumps(
        {"overrides": {"title": "\u202eTiêu đề  đúng\u202c", "author": "Thu\u200b Hà"}}, ensure_ascii=False),
        encoding="utf-8")
    assert read_article(path).overrides == {"title": "Tiêu đề đúng", "author": "Thu Hà"}


# -- provenance -------------------------------------------------------------------------------


def test_sidecar_gives_url_fetched_and_overrides_and_ignores_unknown_keys(tmp_path):
    path = write(tmp_path, SAMPLE_TEXT.encode())
    path.with_suffix(".json").write_text(json.dumps({
        "url": "https://minhlong.example.gov.vn/a.html",
        "fetched": "2024-04-10T08:00:00Z",
        "overrides": {"title": "Tiêu đề đúng", "reviewed_year": 2023, "colour": "blue"},
        "comment": "the editor's note",
    }, ensure_ascii=False), encoding="utf-8")
    article = read_article(path)
    assert article.url == "https://minhlong.example.gov.vn/a.html"
    assert article.fetched == "2024-04-10T08:00:00Z"
    assert article.overrides == {"title": "Tiêu đề đúng", "reviewed_year": 2023}
    assert article.meta["ignored_keys"] == ["comment", "overrides.colour"]
    assert article.text == EXPECTED


def test_front_matter_gives_provenance_and_leaves_the_text(tmp_path):
    text = (
        "---\nurl: https://minhlong.example.gov.vn/a.html\nfetched: 2024-04-10\n"
        "overrides:\n  province: Quảng Ngãi\n  campaign_year: 2024\n---\n" + SAMPLE_TEXT
    )
    article = read_article(write(tmp_path, text.encode()))
    assert article.url == "https://minhlong.example.gov.vn/a.html"
    assert article.fetched == "2024-04-10"
    assert article.overrides == {"province": "Quảng Ngãi", "campaign_year": 2024}
    assert article.text == EXPECTED


def test_a_leading_rule_line_that_is_not_a_mapping_stays_text(tmp_path):
    text = "---\nĐây là một dòng văn bản\n---\n" + SAMPLE_TEXT
    article = read_article(write(tmp_path, text.encode()))
    assert article.text.startswith("---\nĐây là một dòng văn bản\n---")


# -- what is refused ----------------------------------------------------------------------------


def _big_line() -> bytes:
    sentence = "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 của huyện Minh Long. "
    return (sentence * (1024 * 1024 // len(sentence.encode()) + 1)).encode()[: 1024 * 1024].rsplit(b" ", 1)[0]


BROKEN = {
    # name: (file bytes or a maker(tmp_path) -> path, words the reason must hold)
    "empty": (b"", "empty"),
    "whitespace only": (b"  \n\t\n\xc2\xa0 \r\n  ", "no text"),
    "NUL-ridden binary": (bytes(range(256)) * 40, "binary"),
    "PNG image named .txt": (b"\x89PNG\r\n\x1a\n" + os.urandom(2000), "PNG"),
    "PDF named .txt": (b"%PDF-1.7\n" + os.urandom(2000), "PDF"),
    "truncated UTF-8": (SAMPLE_TEXT.encode()[:-2] + "ệ".encode()[:2], "truncated"),
    "invalid byte in UTF-8": (
        SAMPLE_TEXT.encode()[:300] + b"\xff\xfe\xfd" + SAMPLE_TEXT.encode()[300:], "invalid UTF-8"),
    "truncated UTF-16": ("Hội nghị tổng kết".encode("utf-16") + b"\x00", "truncated UTF-16"),
    "unknown 8-bit encoding": (
        ("Café crème brûlée à la française, où l'été est très chaud. " * 20).encode("latin-1"),
        "unknown encoding"),
    "VNI and TCVN3 mixed in one file": (
        legacy_encodings.encode_vni(SAMPLE_TEXT[: len(SAMPLE_TEXT) // 2])
        + legacy_encodings.encode_tcvn3(SAMPLE_TEXT[len(SAMPLE_TEXT) // 2:]),
        "mixes VNI and TCVN3 (ABC) text"),
    "not Vietnamese": (
        ("The district held its annual emulation conference and handed out awards. " * 10).encode(),
        "not a Vietnamese article"),
    "too short": ("Hội nghị".encode(), "too short"),
    "one 1 MB line without newline": (_big_line(), "a line of"),
    "20 MB file": (None, "too large"),
    "invalid JSON sidecar": ('{"url": "https://a.example/x", }', "invalid JSON"),
    "sidecar not an object": ('["https://a.example/x"]', "must be an object"),
    "sidecar url a number": ('{"url": 12}', "url must be an http(s) URL"),
    "sidecar javascript url": ('{"url": "javascript:alert(1)"}', "url must be an http(s) URL"),
    "sidecar fetched not a date": ('{"fetched": "yesterday"}', "fetched must be an ISO date"),
    "sidecar overrides a list": ('{"overrides": ["title"]}', "overrides must be an object"),
    "sidecar year a string": ('{"overrides": {"reviewed_year": "2023"}}', "overrides.reviewed_year"),
    "sidecar bad unit level": ('{"overrides": {"unit": {"name": "X", "level": "planet"}}}', "unit.level"),
    "sidecar bad date": ('{"overrides": {"event_date": "25/1/2024"}}', "overrides.event_date"),
    "sidecar not UTF-8": (b'{"url": "https://a.example/\xff"}', "not UTF-8"),
    "front matter invalid YAML": (
        ("---\nurl: [unclosed\n---\n" + SAMPLE_TEXT).encode(), "front matter is not valid YAML"),
    "front matter url wrong type": (
        ("---\nurl: 42\n---\n" + SAMPLE_TEXT).encode(), "front matter: url"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_input_is_refused_with_one_line_naming_the_file(tmp_path, name):
    data, reason_words = BROKEN[name]
    if "sidecar" in name:
        path = write(tmp_path, SAMPLE_TEXT.encode(), "bai-viet.txt")
        sidecar = path.with_suffix(".json")
        sidecar.write_bytes(data if isinstance(data, bytes) else data.encode())
    elif name == "20 MB file":
        path = tmp_path / "bai-viet.txt"
        with path.open("wb") as handle:
            handle.truncate(20 * 1024 * 1024)  # sparse: 20 MB on paper, no disk used
    else:
        path = write(tmp_path, data, "bai-viet.txt")
    with pytest.raises(InputError) as err:
        read_article(path, source="corpus/bai-viet.txt")
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("corpus/bai-viet.txt: ")
    assert reason_words in err.value.reason
    if "sidecar" in name:
        assert "bai-viet.json" in err.value.reason


def test_directory_named_like_an_article_is_refused(tmp_path):
    (tmp_path / "bai-viet.txt").mkdir()
    with pytest.raises(InputError, match=r"bai-viet\.txt: is a directory"):
        read_article(tmp_path / "bai-viet.txt")


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "missing.txt")


def test_dangling_link_and_fifo_are_refused(tmp_path):
    (tmp_path / "link.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(InputError, match="link.txt: broken link"):
        read_article(tmp_path / "link.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever: must not be opened
    with pytest.raises(InputError, match="pipe.txt: not a regular file"):
        read_article(tmp_path / "pipe.txt")


def test_unreadable_file_is_refused(tmp_path):
    path = write(tmp_path, SAMPLE_TEXT.encode(), "locked.txt")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: permissions cannot make a file unreadable")
        with pytest.raises(InputError, match=r"locked\.txt: cannot read: Permission denied"):
            read_article(path)
    finally:
        path.chmod(0o644)


def test_size_limit_is_stated(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(ingest.MAX_BYTES + 1)
    with pytest.raises(InputError) as err:
        read_article(path)
    assert "limited to 5 MB" in err.value.reason


def test_a_file_just_under_the_limits_is_read(tmp_path):
    paragraph = "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 của huyện Minh Long. " * 50
    text = "\n\n".join([paragraph] * 400)
    assert len(text.encode()) < ingest.MAX_BYTES
    assert read_article(write(tmp_path, text.encode())).text.count("\n\n") == 399


def test_html_page_declaring_windows_1258_is_decoded_as_declared(tmp_path):
    page, paragraphs = _html_page()
    page = page.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">')
    # a page heavy with script: the declaration, not a guess over the markup, decides
    page = page.replace("</head>", "<script>" + "var x = 1;" * 3000 + "</script></head>")
    article = read_article(write(tmp_path, encode_cp1258(page), "page.html"))
    assert article.encoding == "windows-1258"
    assert paragraphs[0] in article.text


DEV_ARTICLES = sorted((SHARED_DEV / "articles").glob("*.txt")) if SHARED_DEV.is_dir() else []


@pytest.mark.skipif(not DEV_ARTICLES, reason="../shared/corpus/dev is absent")
@pytest.mark.parametrize("encoding", ["vni", "tcvn3", "windows-1258"])
def test_legacy_detection_holds_on_every_dev_excerpt(encoding):
    """Measured, not assumed: each real excerpt, encoded the old way, is recognised and converted."""
    encoders = {"vni": legacy_encodings.encode_vni, "tcvn3": legacy_encodings.encode_tcvn3,
                "windows-1258": encode_cp1258}
    wrong = []
    for path in DEV_ARTICLES:
        # U+00D0 (Icelandic eth, pasted for Đ) has no code in the old encodings
        text = path.read_text(encoding="utf-8").replace("\u00d0", "Đ")
        decoded, found = decode(encoders[encoding](text), path.name)
        expected = normalize(text)
        if found != encoding or (decoded.lower() if encoding == "tcvn3" else decoded) != (
            expected.lower() if encoding == "tcvn3" else expected
        ):
            wrong.append(path.name)
    assert not wrong
