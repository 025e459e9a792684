"""Same output every time: two builds of the same corpus, in two different folders, give byte-identical
build/articles, build/report.json and site/ (no clock, no absolute path, no file-system order)."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from tdkt.build import build

from test_build import SAMPLES, SITE_URL, make_project, needs_extractor, tree_digest

pytestmark = [needs_extractor, pytest.mark.slow]


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    first = make_project(tmp_path_factory.mktemp("det-a") / "one")
    # the second checkout lives at another depth, and its corpus files are created in reverse order
    second = make_project(tmp_path_factory.mktemp("det-b") / "x" / "two", articles=[])
    for sample in reversed(SAMPLES):
        (second / "corpus" / sample.name).write_bytes(sample.read_bytes())
    build("corpus", "site", project_dir=first, site_url=SITE_URL, progress=False)
    build("corpus", "site", project_dir=second, site_url=SITE_URL, progress=False, jobs=1)
    return first, second


def test_the_workers_forked_at_the_start_and_the_downloads_thread_change_no_byte(two_builds, tmp_path):
    """A build of 2,000 articles and more forks workers before it extracts (runtime.EarlyWorkers):
    they make the article pages (from 400 on) and the search index, and the downloads are made in a
    thread beside the index (tdkt.beside); here with the thresholds at 1."""
    import tdkt.beside
    import tdkt.build
    import tdkt.search.segment
    import tdkt.site.render

    def forked_late(*args):
        raise AssertionError("the article pages were made by a pool forked at the render")

    first, _ = two_builds
    third = make_project(tmp_path / "three")
    with pytest.MonkeyPatch.context() as patch:
        for module in (tdkt.build, tdkt.beside, tdkt.search.segment):
            patch.setattr(module, "PARALLEL_MIN_DOCS", 1)
        patch.setattr(tdkt.site.render, "PARALLEL_PAGES", 1)
        patch.setattr(tdkt.site.render, "_render_in_workers", forked_late)
        report = build("corpus", "site", project_dir=third, site_url=SITE_URL, progress=False, jobs=2)
    assert report.downloads["bytes"] and report.search["docs"] == len(SAMPLES)
    assert report.pages["written"] >= len(SAMPLES)
    assert _differences(first / "site", third / "site") == []


def _differences(a: Path, b: Path) -> list[str]:
    one, two = tree_digest(a), tree_digest(b)
    return sorted(p for p in set(one) | set(two) if one.get(p) != two.get(p))


def test_site_is_byte_identical(two_builds):
    first, second = two_builds
    assert (first / "site" / "index.html").is_file()
    assert _differences(first / "site", second / "site") == []


def test_article_json_and_report_are_byte_identical(two_builds):
    first, second = two_builds
    assert len(list((first / "build" / "articles").glob("*.json"))) == len(SAMPLES)
    assert _differences(first / "build" / "articles", second / "build" / "articles") == []
    assert (first / "build" / "report.json").read_bytes() == (second / "build" / "report.json").read_bytes()


def test_no_build_path_or_clock_in_the_output(two_builds):
    first, _ = two_builds
    site = first / "site"
    needle = str(first).encode()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".js", ".txt"}:
            assert needle not in path.read_bytes(), path
    index = (site / "sitemap.xml").read_bytes()
    assert b"<sitemapindex" in index and b"lastmod" not in index
    parts = sorted(site.glob("sitemap-*.xml.gz"))
    assert parts and not (site / "sitemap.xml.gz").exists()
    for part in parts:
        gz = part.read_bytes()
        assert gz[4:8] == b"\0\0\0\0"  # gzip header mtime
        assert gz[3] & 0x08 == 0          # no file name in the header (FNAME flag)
        assert b"lastmod" not in gzip.decompress(gz)
    assert os.path.getsize(first / "build" / "report.json") > 0
