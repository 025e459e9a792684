"""`tdkt fetch`: download article pages into the corpus, politely, with provenance.

Local government portals are small servers run by small teams; the archive asks them for one
page at a time, says who it is, obeys robots.txt and backs off when told to. Each page lands in
the corpus as `<host-and-path slug>_<hash>.html` beside a sidecar `<same>.json` that says where and
when it came from, so a build can always trace an article back to its page.

Stored as UTF-8: the page is decoded here, where the HTTP charset is still known (portals send
Windows-1258 with only a header saying so), and its `<meta charset>` is rewritten to match, so
ingest, trafilatura and a browser all read the stored file the same way. The sha256 in the
sidecar is of the bytes as served.
"""

from __future__ import annotations

import argparse
import codecs
import email.utils
import hashlib
import json
import os
import re
import sys
import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import requests
from requests.structures import CaseInsensitiveDict

from tdkt import __version__
from tdkt.text import slugify

# Where a portal's webmaster can find who is asking; an archive run by someone else says so with --contact.
CONTACT_URL = "https://github.com/tdkt-archive/tdkt"


def user_agent(contact: str = CONTACT_URL) -> str:
    return f"tdkt/{__version__} (+{contact}; archive of thi dua - khen thuong news)"


USER_AGENT = user_agent()

RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_REDIRECTS = 10
MAX_BYTES = 20 * 1024 * 1024  # an article page is far smaller; anything bigger is not one
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class FetchSettings:
    delay: float = 2.0            # seconds between two requests to the same host
    timeout: float = 30.0         # seconds for connecting, and for the whole body
    retries: int = 3              # further tries after a 429/5xx or a network error
    backoff: float = 2.0          # first wait before a retry; doubles each time
    max_wait: float = 120.0       # never sleep longer than this, whatever Retry-After says
    user_agent: str = USER_AGENT


@dataclass
class FetchResult:
    url: str
    outcome: str                  # "fetched" | "skipped" | "failed"
    path: Path | None = None
    reason: str = ""
    redirects: list[dict] = field(default_factory=list)

    def line(self) -> str:
        if self.outcome == "fetched":
            hops = f", {len(self.redirects)} redirect(s)" if self.redirects else ""
            return f"fetched {self.url} -> {self.path}{hops}"
        if self.outcome == "skipped":
            return f"skipped {self.url}: already in the corpus as {self.path}"
        return f"failed {self.url}: {self.reason}"


class FetchError(Exception):
    """Why one page could not be had; the message is one line."""


@dataclass
class Page:
    """One HTTP answer, body read."""

    url: str
    status: int
    reason: str
    headers: CaseInsensitiveDict
    body: bytes

    @property
    def location(self) -> str | None:
        if self.status in (301, 302, 303, 307, 308):
            return self.headers.get("Location")
        return None


# -- names -------------------------------------------------------------------------------------

def corpus_name(url: str) -> str:
    """A stable file stem for a URL: readable host+path slug plus a short hash of the whole URL.

    The hash keeps two URLs apart that slug the same (query strings, case, punctuation).
    """
    parts = urlsplit(url)
    readable = slugify(f"{parts.hostname or ''} {parts.path}", max_length=80)
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    return f"{readable}_{digest}"


def read_url_list(text: str) -> list[str]:
    """URLs from a list file: one a line; blank lines and `#` comments ignored; order kept, repeats dropped."""
    urls: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and line not in urls:
            urls.append(line)
    return urls


# -- decoding ----------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# What a page declares and what it means (WHATWG: latin-1 labels are really Windows-1252).
_LABEL_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                  "ascii": "cp1252", "windows-1258": "cp1258", "x-cp1258": "cp1258"}


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_page(data: bytes, content_type: str | None) -> tuple[str, str]:
    """(text, encoding) of a served page, by the HTML rules: BOM, then HTTP charset, then <meta>.

    A declaration the bytes contradict (a server that says UTF-8 in front of a Windows-1258 page
    it has served for fifteen years) gives way to the next one. Pages that declare nothing are
    tried as UTF-8, then as Windows-1258, the code page of Vietnamese Windows and so of the older
    portals that predate UTF-8.
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name
    header = _HEADER_CHARSET.search(content_type or "")
    meta = _META_CHARSET.search(data[:4096])
    candidates = [_codec(header.group(1) if header else None),
                  _codec(meta.group(1).decode("ascii", "replace") if meta else None), "utf-8", "cp1258"]
    for name in dict.fromkeys(c for c in candidates if c):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    return data.decode("cp1258", errors="replace"), "cp1258"   # cp1258 leaves 5 bytes undefined


_META_CHARSET_TEXT = re.compile(r"""(<meta[^>]+charset\s*=\s*["']?\s*)([A-Za-z0-9_.:-]+)""", re.I)


def as_utf8_html(text: str) -> str:
    """The page re-declared as UTF-8, so that what is stored says what it is."""
    if _META_CHARSET_TEXT.search(text[:4096]):
        return _META_CHARSET_TEXT.sub(lambda m: m.group(1) + "utf-8", text, count=1)
    head = re.search(r"<head[^>]*>", text[:4096], re.I)
    if head:
        return text[: head.end()] + '<meta charset="utf-8">' + text[head.end():]
    return '<meta charset="utf-8">\n' + text


# -- politeness --------------------------------------------------------------------------------

def _retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header: either delay-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - now)


class PoliteClient:
    """One HTTP session that keeps every host's robots.txt and the time of its last request."""

    def __init__(self, settings: FetchSettings, sleep=time.sleep, clock=time.monotonic):
        self.settings = settings
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": settings.user_agent,
                                     "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                                     "Accept-Language": "vi,en;q=0.5"})
        self._robots: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self._last: dict[str, float] = {}
        self._sleep = sleep
        self._clock = clock

    def close(self) -> None:
        self.session.close()

    # One request at a time in all: the command is sequential, so "per host" needs only the wait.
    def _wait_turn(self, origin: str) -> None:
        delay = self.settings.delay
        robots = self._robots.get(origin)
        if isinstance(robots, urllib.robotparser.RobotFileParser):
            crawl_delay = robots.crawl_delay(self.settings.user_agent)
            if crawl_delay:
                delay = max(delay, float(crawl_delay))
        last = self._last.get(origin)
        if last is not None:
            remaining = last + delay - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last[origin] = self._clock()

    def _get(self, url: str, origin: str) -> Page:
        """GET one URL (no redirects followed), retrying 429/5xx and network errors with backoff."""
        settings = self.settings
        wait = settings.backoff
        for attempt in range(settings.retries + 1):
            self._wait_turn(origin)
            try:
                response = self.session.get(url, allow_redirects=False, stream=True,
                                            timeout=(settings.timeout, settings.timeout))
                page = Page(url, response.status_code, response.reason or "", response.headers,
                            self._read_body(response))
            except requests.RequestException as exc:
                if attempt == settings.retries:
                    raise FetchError(_network_reason(exc, settings.timeout)) from None
                self._sleep(min(wait, settings.max_wait))
                wait *= 2
                continue
            if page.status in RETRY_STATUSES and attempt < settings.retries:
                told = _retry_after(page.headers.get("Retry-After"), time.time())
                self._sleep(min(told if told is not None else wait, settings.max_wait))
                wait *= 2
                continue
            return page
        raise AssertionError("unreachable")

    def _read_body(self, response: requests.Response) -> bytes:
        # requests' read timeout is per socket read; a server that trickles bytes would evade it,
        # so the whole body gets a deadline too.
        deadline = self._clock() + self.settings.timeout
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(65536):
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_BYTES:
                    raise FetchError(f"page larger than {MAX_BYTES // (1024 * 1024)} MB")
                if self._clock() > deadline:
                    raise requests.Timeout("body took too long")
        finally:
            response.close()
        return b"".join(chunks)

    def check_robots(self, url: str) -> None:
        """Raise FetchError unless robots.txt lets tdkt have this URL.

        RFC 9309: no robots.txt (4xx) allows everything; one that cannot be read (5xx, no
        answer) allows nothing, since the site may be saying "not now".
        """
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        robots = self._robots[origin]
        if robots is None:
            return
        if isinstance(robots, str):
            raise FetchError(f"robots.txt of {parts.netloc} could not be read ({robots}), so nothing is fetched there")
        if not robots.can_fetch(self.settings.user_agent, url):
            raise FetchError(f"robots.txt of {parts.netloc} forbids {parts.path or '/'}")

    def _load_robots(self, origin: str):
        url = origin + "/robots.txt"
        try:
            # RFC 9309 asks for at least five redirects to be followed (http -> https is common).
            for _ in range(6):
                parts = urlsplit(url)
                page = self._get(url, f"{parts.scheme}://{parts.netloc}")
                if not page.location:
                    break
                url = urljoin(url, page.location)
        except FetchError as exc:
            return str(exc)
        if page.status >= 500:
            return f"HTTP {page.status}"
        if page.status >= 300:  # 4xx (none there), or redirected too often: as good as none
            return None
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        text, _ = decode_page(page.body, page.headers.get("Content-Type"))
        parser.parse(text.splitlines())
        return parser

    def fetch(self, url: str) -> tuple[Page, list[dict]]:
        """Follow redirects by hand, so that every hop is asked of robots.txt and recorded."""
        redirects: list[dict] = []
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise FetchError(f"not an http(s) URL: {current!r}")
            self.check_robots(current)
            page = self._get(current, f"{parts.scheme}://{parts.netloc}")
            if page.location:
                target = urljoin(current, page.location)
                redirects.append({"url": current, "status": page.status, "location": target})
                current = target
                continue
            return page, redirects
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def _network_reason(exc: requests.RequestException, timeout: float) -> str:
    if isinstance(exc, requests.Timeout):
        return f"timed out after {timeout:g} s"
    if isinstance(exc, requests.ConnectionError):
        return "could not connect: " + (str(exc.args[0]) if exc.args else "connection error").splitlines()[0][:160]
    return f"{type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}"


# -- one page ----------------------------------------------------------------------------------

def fetch_one(client: PoliteClient, url: str, corpus: Path) -> FetchResult:
    url = urldefrag(url.strip()).url   # "#comments" is the same page
    stem = corpus_name(url)
    html_path, sidecar_path = corpus / f"{stem}.html", corpus / f"{stem}.json"
    if html_path.exists() and sidecar_path.exists():
        return FetchResult(url, "skipped", html_path)
    try:
        page, redirects = client.fetch(url)
    except FetchError as exc:
        return FetchResult(url, "failed", reason=str(exc))
    if page.status != 200:
        reason = f"HTTP {page.status} {page.reason}".rstrip()
        if page.url != url:
            reason += f" at {page.url}"
        return FetchResult(url, "failed", reason=reason, redirects=redirects)
    content_type = page.headers.get("Content-Type", "")
    if content_type and content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return FetchResult(url, "failed", reason=f"not an HTML page ({content_type.split(';')[0].strip()})")
    data = page.body
    text, encoding = decode_page(data, content_type)
    sidecar = {
        "url": url,
        "final_url": page.url,
        "fetched": datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "status": page.status,
        "content_type": content_type or None,
        "encoding": encoding,          # as served; the stored file is UTF-8
        "sha256": hashlib.sha256(data).hexdigest(),
        "redirects": redirects,
        "user_agent": client.settings.user_agent,
    }
    corpus.mkdir(parents=True, exist_ok=True)
    # Page first, sidecar last: a page without its sidecar is not "already there" and is fetched again.
    _write_atomic(html_path, as_utf8_html(text).encode("utf-8"))
    _write_atomic(sidecar_path, (json.dumps(sidecar, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return FetchResult(url, "fetched", html_path, redirects=redirects)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def fetch_all(urls: list[str], corpus: Path, settings: FetchSettings | None = None,
              progress=None) -> list[FetchResult]:
    """Fetch every URL in turn into `corpus`; never raises for one bad page."""
    client = PoliteClient(settings or FetchSettings())
    results = []
    try:
        for url in urls:
            results.append(fetch_one(client, url, corpus))
            if progress:
                progress()
    finally:
        client.close()
    return results


# -- CLI ---------------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("urls", nargs="*", metavar="URL", help="article pages to download")
    parser.add_argument("--from", dest="from_file", metavar="FILE",
                        help="read URLs from FILE, one a line ('#' starts a comment; '-' is standard input)")
    parser.add_argument("--corpus", default="corpus", type=Path, help="where pages are stored (default: corpus)")
    parser.add_argument("--delay", type=float, default=FetchSettings.delay,
                        help="seconds between requests to the same host (default: %(default)s; "
                             "a longer Crawl-delay in robots.txt wins)")
    parser.add_argument("--timeout", type=float, default=FetchSettings.timeout,
                        help="seconds before giving up on a connection or a body (default: %(default)s)")
    parser.add_argument("--retries", type=int, default=FetchSettings.retries,
                        help="further tries after 429/5xx or a network error (default: %(default)s)")
    parser.add_argument("--backoff", type=float, default=FetchSettings.backoff,
                        help="first wait before a retry, doubled each time (default: %(default)s)")
    parser.add_argument("--contact", default=os.environ.get("TDKT_CONTACT", CONTACT_URL), metavar="URL",
                        help="the URL or mailto: the User-Agent names, so that a webmaster can reach you "
                             "(default: $TDKT_CONTACT, else %(default)s)")


def run(args: argparse.Namespace) -> int:
    urls = list(args.urls)
    if args.from_file:
        try:
            text = sys.stdin.read() if args.from_file == "-" else Path(args.from_file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"tdkt fetch: {args.from_file}: cannot read the URL list ({exc.__class__.__name__}: {exc})",
                  file=sys.stderr)
            return 2
        urls += [u for u in read_url_list(text) if u not in urls]
    if not urls:
        print("tdkt fetch: no URL given (name some, or use --from FILE)", file=sys.stderr)
        return 2
    settings = FetchSettings(delay=args.delay, timeout=args.timeout, retries=args.retries, backoff=args.backoff,
                             user_agent=user_agent(args.contact))
    if sys.stderr.isatty():
        from rich.progress import Progress
        with Progress(transient=True) as bar:
            task = bar.add_task("fetching", total=len(urls))
            results = fetch_all(urls, args.corpus, settings, progress=lambda: bar.advance(task))
    else:
        results = fetch_all(urls, args.corpus, settings)
    for result in results:
        print(result.line(), file=sys.stderr if result.outcome == "failed" else sys.stdout)
    counts = {k: sum(r.outcome == k for r in results) for k in ("fetched", "skipped", "failed")}
    print(f"{counts['fetched']} fetched, {counts['skipped']} skipped, {counts['failed']} failed")
    return 1 if counts["failed"] else 0
