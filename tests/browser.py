"""Shared helpers for browser tests: a built site served on 127.0.0.1 under a sub-path, and Chromium.

GitHub Pages serves a project site under /<repo>/ and answers a missing path with the site's
404.html; `serve_site` does the same in-process, so links and assets are tested as Pages serves them.

Use from a test module:

    from tests.browser import serve_site, chromium, page  # noqa: F401  (fixtures)

    @pytest.mark.browser
    def test_home(page, served_site): page.goto(served_site + "index.html") ...

`page` keeps a screenshot in test-artifacts/ when its test fails, aborts any request that leaves
127.0.0.1 and lists it in `page.tdkt_external` (a site that needs the network is a bug).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
SUB_PATH = "/tdkt/"
from tdkt.searchbench import CHROMIUM_ARGS  # noqa: E402  (one list of flags for tests and benchmark)


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under `prefix`; anything else, or a missing file, gets 404.html with 404."""

    prefix = SUB_PATH

    def __init__(self, *args, directory: str, prefix: str, **kwargs):
        self.prefix = prefix
        super().__init__(*args, directory=directory, **kwargs)

    def translate_path(self, path: str) -> str:
        raw = urlsplit(path).path
        if not raw.startswith(self.prefix) and raw + "/" != self.prefix:
            return os.path.join(self.directory, "..", ".tdkt-outside-the-site", "missing")
        return super().translate_path("/" + raw[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # keep test output clean


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # a browser that navigates away mid-download closes the socket: not a failure of the site
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_site(directory: Path, prefix: str = SUB_PATH) -> Iterator[str]:
    """Serve `directory` at http://127.0.0.1:<free port><prefix>; yields that base URL (ends with /)."""
    handler = functools.partial(_SubPathHandler, directory=str(directory), prefix=prefix)
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def chromium_path() -> str | None:
    """Debian's Chromium (or $TDKT_CHROMIUM); None when the machine has none."""
    candidate = os.environ.get("TDKT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if candidate and Path(candidate).is_file() else None


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session (Playwright drives it)."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium: install Debian's chromium (scripts/test.sh does) or set TDKT_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in ("127.0.0.1", "localhost")


@pytest.fixture
def page(chromium, request):
    """A fresh browser page; screenshot to test-artifacts/<test>.png if the test fails.

    Requests that would leave the machine are aborted and recorded in `page.tdkt_external`;
    uncaught page errors (JavaScript exceptions) in `page.tdkt_errors`.
    """
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.tdkt_external = []
    page.tdkt_errors = []

    def route(route_request):
        if _is_local(route_request.request.url):
            route_request.continue_()
        else:
            page.tdkt_external.append(route_request.request.url)
            route_request.abort()

    context.route("**/*", route)
    page.on("pageerror", lambda error: page.tdkt_errors.append(str(error)))
    failed_before = request.session.testsfailed
    try:
        yield page
    finally:
        # the call phase's report is logged before teardown, so a failure shows up here
        if request.session.testsfailed > failed_before:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
            with contextlib.suppress(Exception):
                page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        context.close()


def site_path_of(url: str, base: str) -> str:
    """The path of `url` inside the served site ('' for the home), for readable assertions."""
    path = unquote(urlsplit(url).path)
    prefix = urlsplit(base).path
    return path[len(prefix):] if path.startswith(prefix) else path
