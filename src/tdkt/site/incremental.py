"""An MkDocs plugin that makes `mkdocs build` incremental.

MkDocs renders every page on every build; with tens of thousands of articles that is most of the
build. A page's HTML depends only on its own Markdown and on what is shared by every page (config,
theme, templates, hooks, nav and its titles, site_url, library versions). So when that shared part -
the fingerprint - is unchanged and a page's Markdown bytes are unchanged, the page is marked
excluded (links to it still resolve: MkDocs keeps the file and logs such links at info level) and
its HTML from the last build is hard-linked into the output after the build. Adding one article
changes its own page and the few listing pages it appears on; everything else is reused.

What this relies on: no template reads other pages than the nav (Material's do not; MkDocs'
`pages` context is not used), and no plugin builds pages from other pages' content (Material's
tags and blog plugins would, and Lunr search indexes only rendered pages: with any of those
the cache turns itself off).

Use: `plugins: [tdkt-incremental]` in mkdocs.yml, or let `tdkt build` add it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Callable

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.utils import meta as mkdocs_meta

log = logging.getLogger("mkdocs.plugins.tdkt-incremental")

LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")
# Lunr's index is built from the pages MkDocs renders: with pages skipped it would be partial.
SEARCH_PLUGINS = ("search", "material/search")
# Plugins that make pages out of other pages: a reused page would miss what they add.
CROSS_PAGE_PLUGINS = ("tags", "material/tags", "blog", "material/blog")


def _link_or_copy(source: Path, target: Path, made: set[Path] | None = None) -> None:
    """Make `target` the same file as `source` (a hard link; a copy across file systems), atomically.
    `made`: folders known to exist (a mkdir per page was a quarter of linking 5,000 pages)."""
    if made is None or target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        if made is not None:
            made.add(target.parent)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def _inode(path: Path | str) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


SOURCES_FILE = "sources.json"
FINGERPRINT_FILE = "fingerprint.txt"
# dest_uri -> [cache key, inode] of every page the live site holds as a cache file (publishing in place)
PLACED_FILE = "placed.json"


class _SourceDigests:
    """sha256 of each Markdown source, read again only when its size or mtime changed since the
    last build (a file per page: at 20,000 pages, reading them all was most of this plugin's time)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.known: dict[str, list] = {}
        self.used: dict[str, list] = {}
        if path is not None:
            try:
                self.known = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.known = {}

    def digest(self, source: str) -> bytes:
        st = os.stat(source)
        stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        entry = self.known.get(source)
        if entry is None or entry[:3] != stamp:
            entry = stamp + [hashlib.sha256(Path(source).read_bytes()).hexdigest()]
        self.used[source] = entry
        return bytes.fromhex(entry[3])

    def save(self) -> None:
        if self.path is not None and self.used != self.known:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.tmp-{os.getpid()}")
            tmp.write_text(json.dumps(self.used, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path)


class IncrementalConfig(Config):
    enabled = config_options.Type(bool, default=True)
    articles_dir = config_options.Type(str, default="bai-viet/")
    # "all": any page whose Markdown is unchanged is reused; "articles": only pages under articles_dir
    reuse = config_options.Choice(("all", "articles"), default="all")
    # "k/K": a helper build that only renders into the cache the k-th of every K article pages not
    # cached yet (tdkt build runs K of them in parallel, then the real build reuses them all)
    shard = config_options.Type(str, default="")
    cache_dir = config_options.Type(str, default="build/html-cache")
    # The site as last published, when the new one will be put in place of it file by file (tdkt
    # build's incremental publishing, site.swap.publish): a reused page that is already there, as
    # the same file as its cached copy, is not linked into the new site folder at all.
    live_dir = config_options.Type(str, default="")


def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "-"


def _tree_digest(digest, root: Path) -> None:
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")


def _nav_paths(nav) -> list[str]:
    """The Markdown paths an explicit `nav:` refers to, in order."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_paths(item)]
    return []


# The renderer puts everything under an article's headline in one raw HTML block, and the lists of
# articles on listing pages in raw HTML blocks too. Python-Markdown and MkDocs each run an HTML
# parser over a raw block (to stash it, and to collect anchor ids): measured with cProfile at 5,000
# articles, 27 of the 64 s a helper build spent; and a list of links written in Markdown costs
# Python-Markdown's inline patterns per link (most of a helper build's time at 5,000 articles). The
# blocks are passed through verbatim anyway, so each is lifted out before Markdown sees the page and
# put back into the converted HTML where its placeholder paragraph came out.
RAW_BLOCK_START = '\n\n<div class="tdkt-article">\n'
RAW_BLOCK_END = "\n</div>\n"
_RAW_STARTS = ('\n\n<div class="tdkt-article">\n', '\n\n<div class="tdkt-list">\n')


def lift_raw_block(markdown: str) -> tuple[str, str | None, str]:
    """(Markdown with the article's raw block replaced by a placeholder paragraph, the block, the
    placeholder). Untouched (block None) unless the block is exactly one flat <div> standing alone
    between blank lines. The placeholder is the block's own digest: page text cannot contain it."""
    lifted, blocks = lift_raw_blocks(markdown, (RAW_BLOCK_START,))
    if not blocks:
        return markdown, None, ""
    (placeholder, block), = blocks
    return lifted, block, placeholder


def lift_raw_blocks(markdown: str, starts: tuple[str, ...] = _RAW_STARTS) -> tuple[str, list[tuple[str, str]]]:
    """(Markdown with each raw block that opens with one of `starts` replaced by a placeholder
    paragraph, [(placeholder, block)]). A block is lifted only when it is exactly one flat <div>
    standing alone between blank lines; the placeholder is its own digest."""
    blocks = []
    position = 0
    while True:
        found = [(at, start) for start in starts if (at := markdown.find(start, position)) >= 0]
        if not found:
            return markdown, blocks
        start_at, start = min(found)
        end = markdown.find(RAW_BLOCK_END, start_at + len(start))
        if end < 0:
            return markdown, blocks
        block = markdown[start_at + 2:end + len(RAW_BLOCK_END) - 1]
        rest = markdown[end + len(RAW_BLOCK_END):]
        if block.count("<div") != 1 or "</div>" in block[:-len("</div>")] or not (rest == "" or rest.startswith("\n")):
            position = start_at + len(start)
            continue
        placeholder = "tdktraw" + hashlib.sha256(block.encode()).hexdigest()
        markdown = markdown[:start_at + 2] + placeholder + "\n" + markdown[end + len(RAW_BLOCK_END) - 1:]
        blocks.append((placeholder, block))
        position = start_at + 2 + len(placeholder)


def _title_hint(markdown: str) -> str:
    """What MkDocs will take as the page title: front-matter title, else the first H1."""
    body, meta = mkdocs_meta.get_data(markdown)
    if isinstance(meta, dict) and meta.get("title"):
        return str(meta["title"])
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


class IncrementalPlugin(BasePlugin[IncrementalConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.page_done_hook: Callable[[str], None] | None = None  # progress hook set by `tdkt build`
        self._reset()

    def _reset(self) -> None:
        self.fingerprint = ""
        self.cache_root: Path | None = None
        self.keys: dict[str, str] = {}          # src_uri of a reusable page -> cache key
        self.dest_uris: dict[str, str] = {}     # article src_uri -> its HTML file in the site
        self.reused: dict[str, tuple[str, str]] = {}  # src_uri -> (key, dest_uri), pages taken from the cache
        self.rendered: list[str] = []           # src_uris of reusable pages rendered this build
        self.pages_rendered = 0                 # every page MkDocs rendered, articles or not
        self.disabled_reason = ""
        self.lifted: dict[str, list[tuple[str, str]]] = {}  # src_uri -> [(placeholder, raw block)] of the page being built
        self.kept: set[str] = set()             # dest_uris the live site already holds as they must be
        self.known_in_place: set[str] = set()   # src_uris whose live page is known to be the cached one
        self.pages_fingerprint = ""

    # --- config: what every page shares -------------------------------------------------

    def on_config(self, config):
        self._reset()
        config_dir = Path(config.config_file_path or ".").resolve().parent
        cache = Path(self.config.cache_dir)
        self.cache_root = cache if cache.is_absolute() else config_dir / cache
        search = [name for name in SEARCH_PLUGINS if name in config.plugins]
        if not self.config.enabled:
            self.disabled_reason = "disabled in the config"
        elif search:
            self.disabled_reason = f"the {search[0]!r} plugin indexes only the pages MkDocs renders"
        elif cross := [name for name in CROSS_PAGE_PLUGINS if name in config.plugins]:
            self.disabled_reason = f"the {cross[0]!r} plugin makes pages out of other pages"
        digest = hashlib.sha256()
        for library in LIBRARIES:
            digest.update(f"{library}=={_version(library)}\0".encode())
        digest.update(Path(__file__).read_bytes())
        if config.config_file_path and os.path.isfile(config.config_file_path):
            digest.update(Path(config.config_file_path).read_bytes())
        digest.update(f"\0{config.site_url or ''}\0{config.use_directory_urls}\0".encode())
        for plugin in config.plugins.values():  # plugins (hooks are modules among them) can change any page
            module = plugin if isinstance(plugin, ModuleType) else sys.modules.get(type(plugin).__module__)
            source = getattr(module, "__file__", None)
            if source and os.path.isfile(source):
                digest.update(Path(source).read_bytes())
        custom_dir = config.theme.custom_dir
        if custom_dir and os.path.isdir(custom_dir):
            _tree_digest(digest, Path(custom_dir))
        self.fingerprint = digest.hexdigest()
        return config

    # --- files: decide which article pages can be reused ------------------------------------

    def _is_article(self, src_uri: str) -> bool:
        return src_uri.startswith(self.config.articles_dir) and src_uri.endswith(".md")

    def counts(self) -> dict:
        """What this build rendered and what it took from the cache, articles apart."""
        articles_rendered = sum(1 for src in self.rendered if self._is_article(src))
        articles_reused = sum(1 for src in self.reused if self._is_article(src))
        counts = {"pages_rendered": self.pages_rendered, "pages_reused": len(self.reused),
                  "articles_rendered": articles_rendered, "articles_reused": articles_reused}
        if self.config.live_dir:
            counts["pages_in_place"] = len(self.kept)  # reused pages the live site holds already
        return counts

    @event_priority(-100)  # after any plugin that adds or removes files
    def _pages_fingerprint(self, config, nav_files: list) -> str:
        """The fingerprint of what every page shares: the config's (on_config) and the nav's
        entries with their titles (the nav is on every page)."""
        digest = hashlib.sha256(self.fingerprint.encode())
        if config.nav is not None:
            digest.update(json.dumps(config.nav, sort_keys=True, ensure_ascii=False, default=str).encode())
        for src_uri, abs_src_path in nav_files:
            digest.update(f"\0{src_uri}\0".encode())
            if not src_uri.endswith(".md") or abs_src_path is None:
                continue
            digest.update(_title_hint(Path(abs_src_path).read_text(encoding="utf-8-sig")).encode())
        return digest.hexdigest()

    def quick_fingerprint(self, config) -> str | None:
        """The pages' fingerprint on_files will find, without listing the docs (after on_config):
        only for an explicit nav (else None). tdkt build asks it to know, cheaply, whether every page
        must be rendered again (a theme or config change) before deciding on helper builds."""
        if config.nav is None:
            return None
        docs_dir = Path(config.docs_dir)
        nav = [(p, str(docs_dir / p) if (docs_dir / p).is_file() else None) for p in _nav_paths(config.nav)]
        return self._pages_fingerprint(config, [(p, f) for p, f in nav if f is not None])

    def last_fingerprint(self) -> str:
        """The pages' fingerprint of the last build that filled the cache ('' if none)."""
        try:
            return (self.cache_root / FINGERPRINT_FILE).read_text(encoding="utf-8").strip() if self.cache_root else ""
        except OSError:
            return ""

    def on_files(self, files: Files, config):
        pages = files.documentation_pages()
        if config.nav is not None:
            nav_files = [files.get_file_from_path(p) for p in _nav_paths(config.nav)]
        else:
            nav_files = [f for f in pages if f.inclusion.is_in_nav()]
        fingerprint = self._pages_fingerprint(config, [(f.src_uri, f.abs_src_path) for f in nav_files if f is not None])
        self.pages_fingerprint = fingerprint
        # Pages in the nav always render: an excluded page would lend the nav no title of its own.
        in_nav = {f.src_uri for f in nav_files if f is not None}

        sources = _SourceDigests(self.cache_root / SOURCES_FILE if self.cache_root else None)
        live = Path(self.config.live_dir) if self.config.live_dir else None
        placed = self._placed() if live is not None and not self.config.shard else {}
        # strings, not Paths, in this loop: it runs once per page (20,000 and more), and making
        # Path objects was most of its time
        live_root, cache_root = f"{live}/", f"{self.cache_root}/"
        all_reusable = self.config.reuse == "all"
        for file in pages:
            src_uri, source = file.src_uri, file.abs_src_path
            if not (all_reusable or self._is_article(src_uri)) or src_uri in in_nav or source is None:
                continue
            key = hashlib.sha256(f"{fingerprint}\0{src_uri}\0".encode() + sources.digest(source)).hexdigest()
            dest_uri = file.dest_uri
            self.keys[src_uri] = key
            self.dest_uris[src_uri] = dest_uri
            if self.disabled_reason:
                continue
            was = placed.get(dest_uri)
            if was is not None and was[0] == key and _inode(live_root + dest_uri) == was[1]:
                self.known_in_place.add(src_uri)  # the live site's file is the cached page: one stat
            elif not os.path.isfile(f"{cache_root}{key[:2]}/{key}.html"):  # self._cached(key)
                continue
            file.inclusion = InclusionLevel.EXCLUDED
            self.reused[src_uri] = (key, dest_uri)
        if not self.disabled_reason:
            sources.save()
        if self.config.shard and not self.disabled_reason:
            self._keep_only_shard(pages, in_nav)
        if self.disabled_reason:
            log.info(f"tdkt-incremental: every page is rendered: {self.disabled_reason}")
        return files

    def missing_articles(self) -> list[str]:
        """Article pages this build has to render (after on_files), sorted."""
        return sorted(src for src in self.keys if self._is_article(src) and src not in self.reused)

    def missing_pages(self) -> list[str]:
        """Reusable pages (articles, listings ...) this build has to render (after on_files), sorted."""
        return sorted(src for src in self.keys if src not in self.reused)

    def _keep_only_shard(self, pages, in_nav: set[str]) -> None:
        """A shard build renders its share of the missing pages (and the nav pages, so that
        the nav is built as in the real build); everything else is excluded and not copied."""
        k, count = (int(n) for n in self.config.shard.split("/"))
        # Listing pages too, not only articles: a listing of 500 linked titles costs as much as
        # dozens of articles, and the real build would render them all on one core after the helpers.
        # Shares of all the reusable pages, not of the missing ones: with more shards than workers,
        # a later shard finds an earlier one's pages in the cache, and a share of what is missing
        # then would not be the share the other shards took.
        mine = {src for src in sorted(self.keys)[k::count] if src not in self.reused}
        for file in pages:
            if file.src_uri not in mine and file.src_uri not in in_nav:
                file.inclusion = InclusionLevel.EXCLUDED
        self.reused.clear()

    def _cached(self, key: str) -> Path:
        assert self.cache_root is not None
        return self.cache_root / key[:2] / f"{key}.html"

    def on_env(self, env, config, files):
        """Compiled templates kept between builds (Jinja's bytecode cache, checked against each
        template's source): compiling Material's templates is a few tenths of a second per build."""
        if self.cache_root is not None and not self.disabled_reason and env.bytecode_cache is None:
            from jinja2 import FileSystemBytecodeCache

            folder = self.cache_root / "jinja"
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    # --- pages: raw blocks around Markdown, keep what was rendered ---------------------------

    @event_priority(-100)  # the Markdown as other plugins leave it
    def on_page_markdown(self, markdown: str, page, config, files):
        lifted, blocks = lift_raw_blocks(markdown)
        if not blocks:
            return markdown
        self.lifted[page.file.src_uri] = blocks
        return lifted

    @event_priority(100)  # before any other plugin reads the page's HTML
    def on_page_content(self, html: str, page, config, files):
        for placeholder, block in self.lifted.pop(page.file.src_uri, []):
            paragraph = f"<p>{placeholder}</p>"
            if html.count(paragraph) != 1:
                raise ValueError(f"{page.file.src_uri}: the lifted raw HTML block's place was lost")
            html = html.replace(paragraph, block)
        return html

    @event_priority(-100)  # the HTML as written, after every other plugin had its say
    def on_post_page(self, output: str, page, config):
        self.pages_rendered += 1
        src_uri = page.file.src_uri
        if src_uri in self.keys:
            self.rendered.append(src_uri)
        if self.page_done_hook is not None:
            self.page_done_hook(src_uri)
        return output

    @event_priority(100)  # before other post-build steps read the site
    def on_post_build(self, config):
        """Rendered article pages go into the cache, reused ones come out of it.

        Hard links, not copies: this disk's deletes are slow (ext4 with discard frees blocks
        synchronously), and deleting the previous site is then only dropping links. Nothing may
        edit a site file in place after this (stages write their own files), or the cache changes
        with it; the incremental test compares against a full build's bytes to catch that.
        """
        site_dir = Path(config.site_dir)
        made: set[Path] = set()
        if not self.disabled_reason:
            for src_uri in self.rendered:
                page = site_dir / self.dest_uris[src_uri]
                if page.is_file():
                    _link_or_copy(page, self._cached(self.keys[src_uri]), made)
        if self.config.shard:
            return  # a helper build: its site is thrown away, and the cache is pruned by the real one
        live = Path(self.config.live_dir) if self.config.live_dir else None
        previous = self._placed() if live is not None else {}
        placed: dict[str, list] = {}
        for src_uri, (key, dest_uri) in self.reused.items():
            cached = self._cached(key)
            if src_uri in self.known_in_place or (live is not None and _same_file(live / dest_uri, cached)):
                self.kept.add(dest_uri)
                placed[dest_uri] = [key, previous[dest_uri][1] if src_uri in self.known_in_place else _inode(cached)]
            else:
                _link_or_copy(cached, site_dir / dest_uri, made)
                placed[dest_uri] = [key, _inode(cached)]
            if self.page_done_hook is not None:
                self.page_done_hook(dest_uri)
        if self.disabled_reason or self.cache_root is None:
            return
        for src_uri in self.rendered:  # now the cache's files, staged to be put in place
            if src_uri in self.keys:
                placed[self.dest_uris[src_uri]] = [self.keys[src_uri], _inode(self._cached(self.keys[src_uri]))]
        if live is not None:
            # what the site held before and holds no longer: only those cache entries go
            gone = {entry[0] for dest, entry in previous.items() if placed.get(dest, [None])[0] != entry[0]}
            self._forget(gone - set(self.keys.values()))
        else:
            self._prune(set(self.keys.values()))
        self._save_placed(placed)
        if self.cache_root is not None and not self.disabled_reason and self.pages_fingerprint:
            (self.cache_root / FINGERPRINT_FILE).write_text(self.pages_fingerprint + "\n", encoding="utf-8")

    def _placed(self) -> dict[str, list]:
        """dest_uri -> [cache key, inode] of the pages the live site holds as cache files (last build)."""
        try:
            return json.loads((self.cache_root / PLACED_FILE).read_text(encoding="utf-8")) if self.cache_root else {}
        except (OSError, ValueError):
            return {}

    def _save_placed(self, placed: dict[str, list]) -> None:
        tmp = self.cache_root / f".{PLACED_FILE}.tmp-{os.getpid()}"
        tmp.write_text(json.dumps(placed, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.cache_root / PLACED_FILE)

    def _forget(self, keys: set[str]) -> None:
        for key in keys:
            self._cached(key).unlink(missing_ok=True)

    def _prune(self, keep: set[str]) -> None:
        """Forget pages that no longer exist or changed, so the cache does not grow without end."""
        root = self.cache_root
        if root is None or not root.is_dir() or self.disabled_reason:
            return
        for folder in sorted(root.iterdir()):
            if not folder.is_dir() or len(folder.name) != 2:
                continue  # sources.json, the templates' bytecode (jinja/)
            for entry in sorted(folder.iterdir()):
                if entry.name.startswith(".") or entry.stem not in keep:
                    entry.unlink()
            if not any(folder.iterdir()):
                folder.rmdir()
