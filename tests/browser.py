"""Shared helpers for browser tests: a built site served on 127.0.0.1 under a sub-path, and Chromium.

GitHub Pages serves a project site under /<repo>/ and answers a missing path with the site's
404.html; `serve_site` runs tdkt's own server (`tdkt serve`) that way in-process, so links and
assets are tested as Pages serves them.

The fixtures (`chromium`, `page`) are registered once in conftest.py; a test module just asks:

    @pytest.mark.browser
    def test_home(page, served_site): page.goto(served_site + "index.html") ...

`page` keeps a screenshot in test-artifacts/ when its test fails, aborts any request that leaves
127.0.0.1 and lists it in `page.tdkt_external` (a site that needs the network is a bug).

`axe` checks a loaded page with axe-core (npm `axe-core`, installed by scripts/test.sh into the
git-ignored .cache/npm/): `axe(page)` injects it into the page (the site never loads it) and returns
the WCAG 2.1 A/AA violations as readable lines.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from benchmarks.searchbench import CHROMIUM_ARGS  # one list of flags for tests and benchmark
from tdkt.site.serve import serve_in_thread

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
SUB_PATH = "/tdkt/"


@contextlib.contextmanager
def serve_site(directory: Path, prefix: str = SUB_PATH) -> Iterator[str]:
    """Serve `directory` at http://127.0.0.1:<free port><prefix> with tdkt's own server (what
    `tdkt serve` runs: the sub-path, 404.html for misses, Pages' content types); yields the base URL."""
    server, url = serve_in_thread(directory, prefix)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


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


AXE_SCRIPT = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now: 'rule: target (why)' per node."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("""(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                           resultTypes: ['violations']})""", WCAG_21_AA)
    return [f"{v['id']}: {' '.join(map(str, node['target']))} ({node.get('failureSummary', '').splitlines()[-1].strip()})"
            for v in result["violations"] for node in v["nodes"]]


@pytest.fixture(scope="session")
def axe():
    """`axe(page)` -> the page's WCAG 2.1 A/AA violations (see axe_violations)."""
    if not AXE_SCRIPT.is_file():
        message = f"no axe-core at {AXE_SCRIPT}: scripts/test.sh installs it (npm install axe-core)"
        if os.environ.get("CI"):
            pytest.fail(message)   # CI runs scripts/test.sh: a missing axe is a broken set-up, not a skip
        pytest.skip(message)
    return axe_violations


def site_path_of(url: str, base: str) -> str:
    """The path of `url` inside the served site ('' for the home), for readable assertions."""
    path = unquote(urlsplit(url).path)
    prefix = urlsplit(base).path
    return path[len(prefix):] if path.startswith(prefix) else path
