"""`tdkt fetch` against a real HTTP server on 127.0.0.1 serving portal pages written for these tests."""

from __future__ import annotations

import hashlib
import json
import threading
import time
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tdkt import __version__, cli
from tdkt.corpus.fetch import (FetchSettings, corpus_name, decode_page, fetch_all, read_url_list)

FIXTURES = Path(__file__).parent / "fixtures" / "fetch"
ARTICLE = (FIXTURES / "bai-viet.html").read_bytes()
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_windows_1258(text: str) -> bytes:
    """Encode as Vietnamese Windows does: base letter (with its circumflex/breve/horn) + a combining tone byte."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        tone = "".join(c for c in parts if c in TONES)
        out.append(base.encode("cp1258") + tone.encode("cp1258"))
    return b"".join(out)


LEGACY = to_windows_1258((FIXTURES / "bai-viet-1258.utf8.html").read_text(encoding="utf-8"))
ROBOTS = b"User-agent: *\nDisallow: /noi-bo/\n"


class Portal(BaseHTTPRequestHandler):
    """A district portal with the habits of real ones: moved pages, a flaky page, a slow one."""

    hits: list[tuple[str, str, float]]   # (path, user agent, time)
    counts: dict[str, int]

    def log_message(self, *args):  # keep pytest's output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 (http.server's name)
        path = self.path
        self.hits.append((path, self.headers.get("User-Agent", ""), time.monotonic()))
        self.counts[path] = self.counts.get(path, 0) + 1
        if path == "/robots.txt":
            self._send(301, b"", Location="/static/robots.txt")   # moved, as on many portals
        elif path == "/static/robots.txt":
            self._send(200, ROBOTS, "text/plain")
        elif path == "/tin-tuc/tong-ket-thi-dua-2024.html":
            self._send(200, ARTICLE)
        elif path == "/Default.aspx?tabid=57&ItemID=2231":  # the old address of the same article
            self._send(301, b"", Location="/tin-tuc/tong-ket-thi-dua-2024.html")
        elif path == "/tin-cu/2231":
            self._send(302, b"", Location="/Default.aspx?tabid=57&ItemID=2231")
        elif path == "/tin-tuc/tam-loi.html":
            if self.counts[path] == 1:
                self._send(500, b"<h1>Server Error in '/' Application.</h1>")
            else:
                self._send(200, ARTICLE)
        elif path == "/tin-tuc/qua-tai.html":
            if self.counts[path] == 1:
                self._send(429, b"Too many requests", Retry_After="1")
            else:
                self._send(200, ARTICLE)
        elif path == "/tin-tuc/cham.html":
            time.sleep(1.5)
            self._send(200, ARTICLE)
        elif path == "/tin-tuc/so-gd-2009.html":  # an old page: charset only in its <meta>
            self._send(200, LEGACY, "text/html")
        elif path == "/tin-tuc/so-gd-2009-header.html":  # charset only in the HTTP header
            self._send(200, LEGACY.replace(b"; charset=windows-1258", b""), "text/html; charset=windows-1258")
        elif path == "/tin-tuc/tcvn3.html":  # a .VnTime page: TCVN3 bytes, declared as Latin-1
            from tdkt.corpus.legacy_encodings import encode_tcvn3
            page = (FIXTURES / "bai-viet-1258.utf8.html").read_text(encoding="utf-8").replace(
                '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">', "")
            self._send(200, encode_tcvn3(unicodedata.normalize("NFC", page)), "text/html; charset=iso-8859-1")
        elif path == "/van-ban/quyet-dinh.pdf":
            self._send(200, b"%PDF-1.4", "application/pdf")
        elif path.startswith("/noi-bo/"):
            self._send(200, ARTICLE)
        else:
            self._send(404, "<h1>Không tìm thấy trang</h1>".encode())


@pytest.fixture
def portal():
    handler = type("PortalHandler", (Portal,), {"hits": [], "counts": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield base, handler
    server.shutdown()
    server.server_close()


FAST = FetchSettings(delay=0, timeout=0.5, retries=2, backoff=0.01)


def sidecar_of(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def test_page_is_stored_with_its_provenance(portal, tmp_path):
    base, handler = portal
    url = base + "/tin-tuc/tong-ket-thi-dua-2024.html"
    [result] = fetch_all([url], tmp_path, FAST)
    assert result.outcome == "fetched", result.line()
    assert result.path.name == corpus_name(url) + ".html"
    assert result.path.name.startswith("127-0-0-1-tin-tuc-tong-ket-thi-dua-2024-html_")
    assert result.path.read_bytes() == ARTICLE   # already UTF-8: stored as served
    meta = sidecar_of(result.path)
    assert meta["url"] == meta["final_url"] == url
    assert meta["status"] == 200
    assert meta["content_type"] == "text/html; charset=utf-8"
    assert meta["sha256"] == hashlib.sha256(ARTICLE).hexdigest()
    assert meta["fetched"].endswith("Z") and meta["fetched"][:2] == "20"
    assert meta["redirects"] == []
    # the server was told who is asking and where to complain
    agents = {agent for _, agent, _ in handler.hits}
    assert len(agents) == 1 and "tdkt/" in agents.pop()


def test_redirects_are_followed_and_recorded(portal, tmp_path):
    base, _ = portal
    url = base + "/tin-cu/2231"
    [result] = fetch_all([url], tmp_path, FAST)
    assert result.outcome == "fetched"
    meta = sidecar_of(result.path)
    assert meta["url"] == url
    assert meta["final_url"] == base + "/tin-tuc/tong-ket-thi-dua-2024.html"
    assert [(hop["status"], hop["location"]) for hop in meta["redirects"]] == [
        (302, base + "/Default.aspx?tabid=57&ItemID=2231"),
        (301, base + "/tin-tuc/tong-ket-thi-dua-2024.html"),
    ]


def test_server_error_is_retried_and_then_succeeds(portal, tmp_path):
    base, handler = portal
    [result] = fetch_all([base + "/tin-tuc/tam-loi.html"], tmp_path, FAST)
    assert result.outcome == "fetched"
    assert handler.counts["/tin-tuc/tam-loi.html"] == 2


def test_retry_after_is_honoured(portal, tmp_path):
    base, handler = portal
    started = time.monotonic()
    [result] = fetch_all([base + "/tin-tuc/qua-tai.html"], tmp_path, FAST)
    assert result.outcome == "fetched"
    times = [t for path, _, t in handler.hits if path == "/tin-tuc/qua-tai.html"]
    assert len(times) == 2 and times[1] - times[0] >= 0.95   # Retry-After: 1, not the 0.01 s backoff
    assert time.monotonic() - started < 5


def test_failures_say_why_and_nothing_is_stored(portal, tmp_path):
    base, handler = portal
    urls = [base + "/tin-tuc/khong-co.html", base + "/tin-tuc/cham.html", base + "/noi-bo/bao-cao.html",
            base + "/van-ban/quyet-dinh.pdf", "ftp://127.0.0.1/tin.html"]
    results = fetch_all(urls, tmp_path, FetchSettings(delay=0, timeout=0.4, retries=1, backoff=0.01))
    reasons = [r.reason for r in results]
    assert [r.outcome for r in results] == ["failed"] * 5
    assert reasons[0] == "HTTP 404 Not Found"
    assert reasons[1] == "timed out after 0.4 s"
    assert reasons[2] == "robots.txt of " + base.split("//")[1] + " forbids /noi-bo/bao-cao.html"
    assert reasons[3] == "not an HTML page (application/pdf)"
    assert reasons[4].startswith("not an http(s) URL")
    assert all("\n" not in line for line in reasons)
    assert not any(p for p, _, _ in handler.hits if p.startswith("/noi-bo/"))   # robots.txt obeyed
    assert handler.counts["/tin-tuc/cham.html"] == 2                           # one retry after the timeout
    assert handler.counts["/robots.txt"] == 1                                  # asked once per host
    assert handler.counts["/static/robots.txt"] == 1                           # and its redirect followed
    assert list(tmp_path.iterdir()) == []


def test_what_is_already_there_is_skipped(portal, tmp_path):
    base, handler = portal
    url = base + "/tin-tuc/tong-ket-thi-dua-2024.html"
    fetch_all([url], tmp_path, FAST)
    before = handler.counts[url.removeprefix(base)]
    [again] = fetch_all([url + "#binh-luan"], tmp_path, FAST)
    assert again.outcome == "skipped"
    assert handler.counts[url.removeprefix(base)] == before


def test_requests_to_one_host_are_spaced(portal, tmp_path):
    base, handler = portal
    urls = [base + p for p in ("/tin-tuc/tong-ket-thi-dua-2024.html", "/tin-tuc/so-gd-2009.html",
                               "/tin-tuc/so-gd-2009-header.html")]
    fetch_all(urls, tmp_path, FetchSettings(delay=0.3, timeout=2, retries=0))
    times = [t for _, _, t in handler.hits]       # robots.txt (moved) + three pages, one at a time
    assert len(times) == 5
    assert all(b - a >= 0.28 for a, b in zip(times, times[1:]))


@pytest.mark.parametrize("path", ["/tin-tuc/so-gd-2009.html", "/tin-tuc/so-gd-2009-header.html"])
def test_windows_1258_page_is_stored_as_utf8(portal, tmp_path, path):
    base, _ = portal
    with pytest.raises(UnicodeDecodeError):
        LEGACY.decode("utf-8")          # the page really is in the legacy code page
    [result] = fetch_all([base + path], tmp_path, FAST)
    stored = result.path.read_text(encoding="utf-8")
    stored = unicodedata.normalize("NFC", stored)
    assert "Sở Giáo dục và Đào tạo tổng kết phong trào thi đua năm học 2008-2009" in stored
    assert "Bằng khen cho 9 tập thể và 21 cá nhân" in stored
    assert "windows-1258" not in stored.lower()     # the stored file does not claim the old code page
    meta = sidecar_of(result.path)
    assert meta["encoding"] == "cp1258"
    served = LEGACY if path.endswith("2009.html") else LEGACY.replace(b"; charset=windows-1258", b"")
    assert meta["sha256"] == hashlib.sha256(served).hexdigest()   # of the bytes as served


def test_decode_page_follows_the_html_order():
    utf8 = "<meta charset='windows-1258'>Thi đua".encode("utf-8")
    # an HTTP charset beats a <meta>; a BOM beats both
    assert decode_page(utf8, "text/html; charset=utf-8") == ("<meta charset='windows-1258'>Thi đua", "utf-8")
    assert decode_page(b"\xef\xbb\xbf" + utf8, "text/html; charset=windows-1258")[1] == "utf-8"
    # nothing declared, not UTF-8: the Vietnamese Windows code page
    assert decode_page(to_windows_1258("Khen thưởng"), "text/html")[1] == "cp1258"
    # a server that claims UTF-8 for a Windows-1258 page: the bytes win
    text, encoding = decode_page(LEGACY, "text/html; charset=utf-8")
    assert encoding == "cp1258" and "Bằng khen cho 9 tập thể" in unicodedata.normalize("NFC", text)


def test_url_list_file():
    text = "# danh sách bài cần tải\nhttps://a.vn/1.html\n\n  https://b.vn/2.html  \nhttps://a.vn/1.html\n"
    assert read_url_list(text) == ["https://a.vn/1.html", "https://b.vn/2.html"]


def test_cli_reports_failures_one_line_each_and_exits_non_zero(portal, tmp_path, capsys):
    base, handler = portal
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# hai bài\n{base}/tin-tuc/tong-ket-thi-dua-2024.html\n{base}/tin-tuc/khong-co.html\n",
                       encoding="utf-8")
    corpus = tmp_path / "corpus"
    code = cli.main(["fetch", "--from", str(listing), "--corpus", str(corpus), "--delay", "0",
                     "--retries", "0", "--timeout", "2", "--contact", "mailto:bientap@example.vn"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.strip() == f"failed {base}/tin-tuc/khong-co.html: HTTP 404 Not Found"
    assert "1 fetched, 0 skipped, 1 failed" in out
    assert len(list(corpus.glob("*.html"))) == 1
    assert {agent for _, agent, _ in handler.hits} == {
        f"tdkt/{__version__} (+mailto:bientap@example.vn; archive of thi dua - khen thuong news)"}
    code = cli.main(["fetch", f"{base}/tin-tuc/tong-ket-thi-dua-2024.html", "--corpus", str(corpus),
                     "--delay", "0"])
    assert code == 0
    assert "0 fetched, 1 skipped, 0 failed" in capsys.readouterr().out


def test_fetched_page_yields_its_article_not_the_portal(portal, tmp_path):
    """What trafilatura (the extractor's HTML reader) makes of the stored page: the article, no chrome."""
    import trafilatura

    base, _ = portal
    [result] = fetch_all([base + "/tin-tuc/tong-ket-thi-dua-2024.html"], tmp_path, FAST)
    doc = trafilatura.bare_extraction(result.path.read_bytes(), with_metadata=True)
    assert doc.title == "Huyện Yên Khánh tổng kết công tác thi đua, khen thưởng năm 2024"
    assert "tặng Giấy khen cho 126 tập thể, 412 cá nhân và 58 hộ gia đình" in doc.text
    assert "Lượt truy cập" not in doc.text and "Tìm kiếm" not in doc.text


def test_fetched_pages_go_through_tdkt_extract(portal, tmp_path):
    pipeline = pytest.importorskip("tdkt.extract.pipeline")
    base, _ = portal
    results = fetch_all([base + "/tin-tuc/tong-ket-thi-dua-2024.html", base + "/tin-tuc/so-gd-2009.html"],
                        tmp_path, FAST)
    modern = pipeline.extract_file(results[0].path, tmp_path)
    assert modern["title"] == "Huyện Yên Khánh tổng kết công tác thi đua, khen thưởng năm 2024"
    assert "126 tập thể, 412 cá nhân" in modern["body"]
    assert "Lượt truy cập" not in modern["body"]
    assert modern["url"] == base + "/tin-tuc/tong-ket-thi-dua-2024.html"
    legacy = pipeline.extract_file(results[1].path, tmp_path)
    assert "tổng kết phong trào thi đua năm học 2008-2009" in legacy["title"]
    assert "Bằng khen cho 9 tập thể và 21 cá nhân" in legacy["body"]


def test_a_tcvn3_page_still_reads_as_vietnamese_after_fetch(portal, tmp_path):
    """Stored as UTF-8 from Latin-1, as its header says; ingest still recognises the font encoding."""
    pipeline = pytest.importorskip("tdkt.extract.pipeline")
    base, _ = portal
    [result] = fetch_all([base + "/tin-tuc/tcvn3.html"], tmp_path, FAST)
    assert sidecar_of(result.path)["encoding"] == "cp1252"
    record = pipeline.extract_file(result.path, tmp_path)
    assert "Bằng khen cho 9 tập thể và 21 cá nhân" in record["body"]
