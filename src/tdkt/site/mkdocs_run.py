"""Run MkDocs on the rendered docs/: quietly (its log goes into the build report), without the clock,
with the tdkt-incremental plugin reusing unchanged pages, and - when many pages must be rendered -
helper builds rendering shards of them on all cores first.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterator

from tdkt.runtime import frozen, worker_context

# Pages to render before parallel helper builds pay for their start-up (about a second each).
SHARD_THRESHOLD = 200
# Pages one helper build renders at most (its memory: MkDocs holds every page it renders until the end).
SHARD_PAGES = 6000


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().splitlines()[0])


@contextlib.contextmanager
def quiet_mkdocs() -> Iterator[_WarningCollector]:
    """MkDocs' own log goes into the report (warnings) instead of the terminal."""
    logger = logging.getLogger("mkdocs")
    collector = _WarningCollector()
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(collector)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


@contextlib.contextmanager
def no_clock() -> Iterator[None]:
    """Pin MkDocs' "build date" (SOURCE_DATE_EPOCH) so that no output carries the clock.

    A constant, not the newest article's date: reused article pages must not depend on which
    articles came later.
    """
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def incremental_plugin(config, cache_dir: Path, enabled: bool):
    """The config's tdkt-incremental plugin, added when mkdocs.yml does not list it."""
    from tdkt.site.incremental import IncrementalPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, IncrementalPlugin):
            plugin.config.cache_dir = str(cache_dir)
            plugin.config.enabled = plugin.config.enabled and enabled
            return plugin
    plugin = IncrementalPlugin()
    errors, _ = plugin.load_config({"cache_dir": str(cache_dir), "enabled": enabled})
    if errors:
        raise ValueError(f"tdkt-incremental plugin config: {errors}")
    config.plugins["tdkt-incremental"] = plugin
    return plugin


def _pages_to_render(config_kwargs: dict, cache_dir: Path) -> int:
    """How many pages the coming build must render (not in the page cache): a dry run of the
    plugins' config step and the incremental plugin's file step on a throwaway config."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    with quiet_mkdocs():
        config = load_config(**config_kwargs)
        plugin = incremental_plugin(config, cache_dir, True)
        config = config.plugins.on_config(config)
        plugin.on_files(get_files(config), config)
    return 0 if plugin.disabled_reason else len(plugin.missing_pages())


def _same_fingerprint(config_kwargs: dict, cache_dir: Path) -> bool:
    """Whether what every page shares (theme, config, nav) is what the page cache was made with."""
    from mkdocs.config import load_config

    with quiet_mkdocs():
        config = load_config(**config_kwargs)
        plugin = incremental_plugin(config, cache_dir, True)
        config = config.plugins.on_config(config)
    current = plugin.quick_fingerprint(config)
    return bool(current) and not plugin.disabled_reason and current == plugin.last_fingerprint()


def _render_shard(config_kwargs: dict, cache_dir: str, shard: str) -> tuple[int, int, list[str]]:
    """A helper build in a worker: render shard "k/K" of the missing pages into the cache.
    Returns (pages rendered into the cache, articles among them, warnings)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site_dir = f"{config_kwargs['site_dir']}-shard{shard.replace('/', '-')}"
    try:
        with quiet_mkdocs() as collector, no_clock():
            config = load_config(**{**config_kwargs, "site_dir": site_dir})
            plugin = incremental_plugin(config, Path(cache_dir), True)
            plugin.config.shard = shard
            mkdocs_build(config)
        articles = sum(1 for src in plugin.rendered if plugin._is_article(src))
        return len(plugin.rendered), articles, collector.messages
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def render_in_parallel(config_kwargs: dict, cache_dir: Path, jobs: int,
                       changed: int | None = None) -> tuple[int, int, list[str]]:
    """MkDocs renders on one core. When many article pages are missing from the page cache, K
    helper builds render a K-th of them each into the cache first; the real build then reuses them.
    `changed`: how many pages the renderer wrote this build; fewer than SHARD_THRESHOLD, with a
    page cache there, and the count of missing pages (a dry run of the plugin, a second or more
    at 20,000 pages) is not worth asking.
    Returns (pages rendered by the helpers, articles among them, their warnings)."""
    if changed is not None and changed < SHARD_THRESHOLD and _same_fingerprint(config_kwargs, cache_dir):
        return 0, 0, []
    missing = _pages_to_render(config_kwargs, cache_dir)
    if missing < SHARD_THRESHOLD or (jobs < 2 and missing <= SHARD_PAGES):
        return 0, 0, []
    # MkDocs converts every page it renders before it writes the first, and holds them all: a
    # shard of SHARD_PAGES at most bounds a helper's memory (each shard pays MkDocs' start-up).
    # as many shards for each helper, so that none renders the last one alone while the other
    # cores wait (at 50,000 articles: 9 shards on 2 cores left a ninth of the pages to one core)
    count = jobs * -(-missing // (SHARD_PAGES * jobs))
    rendered, articles, warnings = 0, 0, []
    with frozen():  # the forked helpers' collector leaves the parent's objects (and their pages) alone
        with ProcessPoolExecutor(max_workers=min(jobs, count), mp_context=worker_context()) as pool:
            shards = [pool.submit(_render_shard, config_kwargs, str(cache_dir), f"{k}/{count}") for k in range(count)]
            for future in shards:
                pages, shard_articles, messages = future.result()
                rendered += pages
                articles += shard_articles
                warnings += messages
    return rendered, articles, warnings
