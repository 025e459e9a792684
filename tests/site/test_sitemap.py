"""The sitemap: an index (sitemap.xml) of gzipped urlset parts, each within the protocol's limits
(50,000 URLs, 50 MB uncompressed), the same bytes for the same pages, and what `tdkt serve` reads."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

from tdkt.site.serve import built_base
from tdkt.site.sitemap import (BYTES_PER_PART, URLS_PER_PART, pages_of, sitemap_files, split_parts,
                               write_sitemap)
from tests.site_fixtures import sitemap_locs

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE_URL = "https://u.github.io/tdkt/"
PAGES = ["", "bai-viet/2024/hoi-nghi/", "bai-viet/2024/le-tuyen-duong/", "khen-thuong/", "nam/2024/",
         "tinh/ha-tinh/", "tinh/nghe-an/"]


def test_the_limits_are_the_protocols():
    assert URLS_PER_PART == 50_000 and BYTES_PER_PART == 52_428_800


def test_seven_pages_at_three_a_part_make_three_parts_the_index_lists_in_order(tmp_path: Path):
    written = write_sitemap(tmp_path, SITE_URL, files={p + "index.html" for p in PAGES}, urls_per_part=3)
    assert written.urls == len(PAGES)
    assert written.files == ("sitemap.xml", "sitemap-1.xml.gz", "sitemap-2.xml.gz", "sitemap-3.xml.gz")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(written.files)

    index = ET.fromstring((tmp_path / "sitemap.xml").read_bytes())
    assert index.tag == "{%s}sitemapindex" % NS["s"]
    assert [loc.text for loc in index.findall("s:sitemap/s:loc", NS)] == [
        f"{SITE_URL}sitemap-{n}.xml.gz" for n in (1, 2, 3)]
    assert index.find("s:sitemap/s:lastmod", NS) is None

    seen = []
    for n, size in ((1, 3), (2, 3), (3, 1)):
        urlset = ET.fromstring(gzip.decompress((tmp_path / f"sitemap-{n}.xml.gz").read_bytes()))
        assert urlset.tag == "{%s}urlset" % NS["s"]
        locs = [loc.text for loc in urlset.findall("s:url/s:loc", NS)]
        assert len(locs) == size and urlset.find("s:url/s:lastmod", NS) is None
        seen += locs
    assert seen == [SITE_URL + page for page in PAGES]  # every page in exactly one part, in order
    assert sitemap_locs(tmp_path) == seen
    assert built_base(tmp_path) == "/tdkt/"  # tdkt serve reads the index


def test_the_same_pages_give_the_same_bytes_and_a_site_without_a_url_still_has_a_sitemap():
    assert sitemap_files(PAGES, SITE_URL, 3) == sitemap_files(list(PAGES), SITE_URL, 3)
    files = sitemap_files([], "")
    assert list(files) == ["sitemap.xml", "sitemap-1.xml.gz"]  # an index names at least one sitemap
    assert b"<loc>/sitemap-1.xml.gz</loc>" in files["sitemap.xml"]
    assert b"<url>" not in gzip.decompress(files["sitemap-1.xml.gz"])


def test_a_part_never_exceeds_the_byte_limit():
    files = sitemap_files(PAGES, SITE_URL, urls_per_part=100, bytes_per_part=300)
    parts = [gzip.decompress(data) for name, data in files.items() if name != "sitemap.xml"]
    assert len(parts) > 1
    assert all(len(part) <= 300 for part in parts)
    assert sum(part.count(b"<loc>") for part in parts) == len(PAGES)
    entries = [b"x" * 10] * 5
    assert split_parts(entries, 2, 10_000) == [entries[:2], entries[2:4], entries[4:]]


def test_pages_leave_out_the_404_page_and_the_search_tools_files():
    files = {"index.html", "404.html", "assets/javascripts/x.html", "search/index.html", "pagefind/a.html",
             "tinh/ha-tinh/index.html", "du-lieu/bai-viet.json.gz"}
    assert pages_of(files) == ["", "search/", "tinh/ha-tinh/"]
