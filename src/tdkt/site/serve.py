"""`tdkt serve`: the built site on 127.0.0.1, optionally under a sub-path as GitHub Pages serves it.

A project site on Pages lives at https://USER.github.io/REPO/, so `--base /REPO/` checks that every
link and asset works there too (build with a matching --site-url). Missing paths get the site's
404.html with status 404, as Pages does.
"""

from __future__ import annotations

import functools
import html
import http.server
import mimetypes
import os
import re
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

# What Python's table lacks or gets wrong for a static search site.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".gz": "application/gzip",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".atom": "application/atom+xml",
    ".rss": "application/rss+xml",
    ".woff2": "font/woff2",
    # Pagefind's index chunks: binary, fetched and decoded by its own script
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
}


def normalize_base(base: str) -> str:
    """'/tdkt', 'tdkt/' and '/tdkt/' all mean '/tdkt/'; '' and '/' mean the root."""
    parts = [p for p in base.strip().split("/") if p]
    return "/" + "".join(f"{p}/" for p in parts)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under `base`; outside it, or for a missing file, the site's 404.html."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}

    def __init__(self, *args, directory: str, base: str = "/", quiet: bool = False, **kwargs):
        self.base = base
        self.quiet = quiet
        super().__init__(*args, directory=directory, **kwargs)

    def _site_path(self, request_path: str) -> str | None:
        """The request path inside the site ('/...', still URL-quoted), or None when outside `base`."""
        path = urlsplit(request_path).path
        if path + "/" == self.base:
            return ""  # /tdkt -> redirected to /tdkt/
        if not path.startswith(self.base):
            return None
        return path[len(self.base) - 1:]

    def send_head(self):
        inside = self._site_path(self.path)
        if inside is None:
            self.send_error(404)
            return None
        if inside == "":
            self.send_response(301)
            self.send_header("Location", self.base)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        inside = self._site_path(path)
        if not inside:
            return os.path.join(self.directory, ".tdkt-outside-the-site")  # never exists: 404
        return super().translate_path(inside)

    def list_directory(self, path):
        self.send_error(404)  # no directory listings: Pages has none either
        return None

    def guess_type(self, path) -> str:
        suffix = Path(str(path)).suffix.lower()
        return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(str(path))[0] or "application/octet-stream"

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)


def built_base(site: str | Path) -> str:
    """The sub-path the site was built for, read from its sitemap's first URL; else '/'. In a sitemap
    index (site.sitemap) that URL is a part's, at the site's root: its folder. In a plain urlset (an
    older build's) it is the first page's: the home page."""
    try:
        head = (Path(site) / "sitemap.xml").read_text(encoding="utf-8", errors="replace")[:4096]
    except OSError:
        return "/"
    match = re.search(r"<loc>([^<]+)</loc>", head)
    if not match or "://" not in match.group(1):
        return "/"
    path = urlsplit(html.unescape(match.group(1))).path
    if "<sitemapindex" in head:
        path = path.rsplit("/", 1)[0] + "/"
    return normalize_base(path)


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # a browser that navigates away mid-download closes the socket: not a failure of the site
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def make_server(site: str | Path, port: int = 8000, base: str = "/", host: str = "127.0.0.1",
                quiet: bool = False) -> http.server.ThreadingHTTPServer:
    """A threaded server for `site` (not yet serving: call serve_forever, or use `serving`)."""
    site = Path(site).resolve()
    if not site.is_dir():
        raise FileNotFoundError(f"{site}: no built site here (run `tdkt build` first)")
    handler = functools.partial(SiteHandler, directory=str(site), base=normalize_base(base), quiet=quiet)
    return SiteServer((host, port), handler)


def site_address(server: http.server.ThreadingHTTPServer, base: str = "/") -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}{normalize_base(base)}"


def serve_in_thread(site: str | Path, base: str = "/", port: int = 0):
    """Start serving in a daemon thread; returns (server, url). Call server.shutdown() when done."""
    server = make_server(site, port=port, base=base, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, site_address(server, base)


def add_arguments(parser) -> None:
    parser.add_argument("--site", default="site", help="the built site (default: site)")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    parser.add_argument("--base", default=None,
                        help="serve under this sub-path, as GitHub Pages does for /REPO/ "
                             "(default: the path of the site URL the site was built for)")


def run(args) -> int:
    base = args.base if args.base is not None else built_base(args.site)
    try:
        server = make_server(args.site, port=args.port, base=base)
    except FileNotFoundError as err:
        print(f"tdkt serve: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"tdkt serve: cannot listen on 127.0.0.1:{args.port}: {err.strerror or err}", file=sys.stderr)
        return 1
    print(f"Serving {os.path.relpath(Path(args.site).resolve())}/ at {site_address(server, base)}  (Ctrl-C stops)",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
