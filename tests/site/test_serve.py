"""`tdkt serve`: a real threaded server on 127.0.0.1, asked over HTTP as a browser would."""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tdkt.site.serve import normalize_base, serve_in_thread


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "bai-viet" / "2024" / "hoi-nghi").mkdir(parents=True)
    (site / "pagefind").mkdir()
    (site / "assets").mkdir()
    (site / "index.html").write_text("<h1>Trang chủ</h1>", encoding="utf-8")
    (site / "404.html").write_text("<h1>Không tìm thấy trang</h1>", encoding="utf-8")
    (site / "bai-viet" / "2024" / "hoi-nghi" / "index.html").write_text("<h1>Hội nghị</h1>", encoding="utf-8")
    (site / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    (site / "du-lieu.json").write_text("[]", encoding="utf-8")
    (site / "assets" / "app.js").write_text("1", encoding="utf-8")
    (site / "assets" / "app.css").write_text("a{}", encoding="utf-8")
    (site / "pagefind" / "wasm.vi.pagefind").write_bytes(b"\0")
    (site / "pagefind" / "pagefind.wasm").write_bytes(b"\0asm")
    (site / "pagefind" / "pagefind-entry.pf_meta").write_bytes(b"\1")
    return site


def get(url: str, method: str = "GET") -> tuple[int, dict, bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request(method, parts.path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.fixture
def served(site: Path):
    server, url = serve_in_thread(site, base="/tdkt/")
    yield url
    server.shutdown()
    server.server_close()


def test_pages_are_served_under_the_sub_path_only(served: str):
    assert urlsplit(served).hostname == "127.0.0.1"
    assert served.endswith("/tdkt/")
    status, headers, body = get(served)
    assert status == 200 and "Trang chủ" in body.decode()
    assert headers["content-type"].startswith("text/html")
    status, _, body = get(served + "bai-viet/2024/hoi-nghi/")
    assert status == 200 and "Hội nghị" in body.decode()
    # the same page at the server root is not the site: Pages answers 404 there too
    root = served[: -len("tdkt/")]
    status, _, body = get(root + "bai-viet/2024/hoi-nghi/")
    assert status == 404 and "Không tìm thấy" in body.decode()


def test_missing_pages_get_the_sites_404_page(served: str):
    status, headers, body = get(served + "khong-co/")
    assert status == 404
    assert "Không tìm thấy trang" in body.decode()
    assert headers["content-type"].startswith("text/html")


def test_sub_path_without_slash_redirects(served: str):
    status, headers, _ = get(served.rstrip("/"))
    assert status == 301 and headers["location"] == "/tdkt/"


def test_no_directory_listing_and_no_escape(served: str, site: Path):
    (site / "empty").mkdir()
    assert get(served + "empty/")[0] == 404
    assert get(served + "../../etc/passwd")[0] == 404
    assert get(served + "%2e%2e/%2e%2e/etc/passwd")[0] == 404


@pytest.mark.parametrize("path, expected", [
    ("sitemap.xml", "application/xml"),
    ("du-lieu.json", "application/json"),
    ("assets/app.js", "text/javascript"),
    ("assets/app.css", "text/css"),
    ("pagefind/pagefind.wasm", "application/wasm"),
    ("pagefind/pagefind-entry.pf_meta", "application/octet-stream"),
])
def test_content_types(served: str, path: str, expected: str):
    status, headers, _ = get(served + path)
    assert status == 200
    assert headers["content-type"].split(";")[0] == expected


def test_root_base(site: Path):
    server, url = serve_in_thread(site, base="/")
    try:
        assert url.endswith(":%d/" % server.server_address[1])
        assert get(url + "bai-viet/2024/hoi-nghi/")[0] == 200
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("given, base", [("", "/"), ("/", "/"), ("tdkt", "/tdkt/"), ("/tdkt", "/tdkt/"),
                                         ("/a/b/", "/a/b/")])
def test_normalize_base(given: str, base: str):
    assert normalize_base(given) == base


def test_cli_says_where_and_refuses_a_missing_site(tmp_path: Path, capsys):
    from tdkt.cli import main

    assert main(["serve", "--site", str(tmp_path / "nowhere")]) == 1
    assert "no built site" in capsys.readouterr().err


def test_default_base_is_the_path_the_site_was_built_for(site: Path):
    from tdkt.site.serve import built_base

    assert built_base(site) == "/"  # a sitemap without absolute URLs
    # a plain urlset (an older build's): its first URL is the home page's
    (site / "sitemap.xml").write_text('<urlset><url><loc>https://u.github.io/tdkt/</loc></url></urlset>')
    assert built_base(site) == "/tdkt/"
    # a sitemap index (what tdkt build writes): its first URL is a part's, at the site's root
    (site / "sitemap.xml").write_text('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                      '<sitemap><loc>https://u.github.io/kho/tdkt/sitemap-1.xml.gz</loc></sitemap>'
                                      '</sitemapindex>')
    assert built_base(site) == "/kho/tdkt/"
    (site / "sitemap.xml").write_text('<sitemapindex><sitemap><loc>https://u.github.io/sitemap-1.xml.gz</loc>'
                                      '</sitemap></sitemapindex>')
    assert built_base(site) == "/"
    assert built_base(site / "nowhere") == "/"


def test_the_command_prints_a_url_that_serves_the_site(site: Path):
    import subprocess
    import sys

    (site / "sitemap.xml").write_text('<urlset><url><loc>https://u.github.io/tdkt/</loc></url></urlset>')
    process = subprocess.Popen([sys.executable, "-m", "tdkt", "serve", "--site", str(site), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        url = next(word for word in line.split() if word.startswith("http://127.0.0.1:"))
        assert url.endswith("/tdkt/")
        status, _, body = get(url)
        assert status == 200 and "Trang chủ" in body.decode()
    finally:
        process.terminate()
        process.wait(timeout=10)
