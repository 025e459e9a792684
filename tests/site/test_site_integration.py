"""The sample site, really built by MkDocs: every article has its page, listings list the right
articles, no link is dead (under the /tdkt/ sub-path), nothing is fetched from elsewhere, pages stay small."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tdkt.site.values import award_types, sort_newest_first, year_key
from tdkt.site.markup import safe_url
from tdkt.text import slugify
from tdkt.taxonomy import province_group, title_of
from tdkt.site.hooks import HEADING_ID_LENGTH
from tests.browser import serve_site  # noqa: F401
from tests.site_fixtures import sitemap_locs

pytestmark = pytest.mark.slow

# HTML bytes of one article page (theme + facts + awards + text); a real article's text is 4-12 KB.
ARTICLE_PAGE_BUDGET = 24_000
THEME_BUDGET = 6_500  # around the content: header (with the search box), nav, footer; the title shows thrice
SHARING_BUDGET = 1_600  # the head's description, Open Graph tags and JSON-LD (tdkt.site.sharing)
_SHARING = re.compile(r'<meta (?:name="description"|property="og:[a-z_]+") content="[^"]*">\n?'
                      r'|<script type="application/ld\+json">.*?</script>\n?', re.S)
# (measured 5.5-5.8 KB on 1,000 synthetic articles; 7.3 KB before the lean nav, head and scripts)


class Links(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.refs.append((tag, name, value))


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def url_path(site: Path, page: Path) -> str:
    """The served path of a built file under the sub-path, e.g. /tdkt/nam/2023/."""
    rel = page.relative_to(site).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return "/tdkt/" + rel


def target_file(site: Path, path: str) -> Path | None:
    """The file a /tdkt/... path serves, or None."""
    if not path.startswith("/tdkt/"):
        return None
    candidate = site / unquote(path[len("/tdkt/"):])
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def test_every_article_has_its_page_with_its_title(sample_site):
    for record in sample_site.records:
        page = sample_site.site / record["page"] / "index.html"
        assert re.fullmatch(r"bai-viet/(\d{4}|khac)/[a-z0-9-]+/", record["page"])
        html_text = page.read_text(encoding="utf-8")
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html_text, re.S).group(1)
        assert html.unescape(re.sub(r"<[^>]+>", "", heading)).strip() == title_of(record)
        # the headline's anchor is the site's slug of it: "đ" is "d" (thi-dua), not dropped (thi-ua)
        anchor = re.search(r'<h1 id="([^"]+)"', html_text).group(1)
        assert anchor == slugify(title_of(record), max_length=HEADING_ID_LENGTH)


def listing_links(site: Path, listing: str) -> list[str]:
    """The article pages a listing page links to, as bai-viet/... paths, in page order."""
    page = site / listing / "index.html"
    base = url_path(site, page)
    links = []
    for tag, _attr, value in Links(page.read_text(encoding="utf-8")).refs:
        path = urlsplit(urljoin(base, value)).path
        if tag == "a" and path.startswith("/tdkt/bai-viet/"):
            links.append(path[len("/tdkt/"):])
    return links


def test_listing_pages_list_exactly_their_articles_newest_first(sample_site):
    records = sample_site.records
    expected = defaultdict(list)
    for record in records:
        # every article is on one province listing: its province's, or a group's (no province)
        expected[f"tinh/{slugify(province_group(record))}/"].append(record)
        expected[f"nam/{year_key(record)}/"].append(record)
        for kind in award_types(record):
            expected[f"khen-thuong/{kind}/"].append(record)
    assert expected
    for listing, items in expected.items():
        want = [r["page"] for r in sort_newest_first(items)]
        assert listing_links(sample_site.site, listing) == want, listing
        text = (sample_site.site / listing / "index.html").read_text(encoding="utf-8")
        assert f"{len(items)} bài viết" in text
    # and no listing page exists for what no article has
    for folder in ("tinh", "nam", "khen-thuong"):
        built = {p.parent.relative_to(sample_site.site).as_posix() + "/"
                 for p in (sample_site.site / folder).glob("*/index.html")}
        assert built == {k for k in expected if k.startswith(folder + "/")}


def test_index_pages_and_home_link_the_listings(sample_site):
    site = sample_site.site
    for folder in ("tinh", "nam", "khen-thuong"):
        index = site / folder / "index.html"
        listed = {urlsplit(urljoin(url_path(site, index), v)).path
                  for t, _a, v in Links(index.read_text(encoding="utf-8")).refs if t == "a"}
        for page in (site / folder).glob("*/index.html"):
            assert url_path(site, page) in listed
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"{len(sample_site.records)} bài viết" in home
    assert 'action="tim-kiem/"' in home


def test_no_page_links_to_a_missing_page_or_leaves_the_site(sample_site):
    site = sample_site.site
    dead, external = [], []
    pages = html_pages(site)
    assert len(pages) > len(sample_site.records)
    sources = {r["url"] for r in sample_site.records if safe_url(r.get("url"))}
    sources |= {s.get("url") for r in sample_site.records for s in r.get("sources") or [] if safe_url(s.get("url"))}
    for page in pages:
        if page.name == "404.html":
            base = "/tdkt/404.html"
        else:
            base = url_path(site, page)
        for tag, attr, value in Links(page.read_text(encoding="utf-8")).refs:
            absolute = urljoin("http://127.0.0.1" + base, value)
            parts = urlsplit(absolute)
            if parts.hostname != "127.0.0.1":
                # the only ways out: an article's source link and Material's credit line
                if not (tag == "a" and (safe_url(value) in {safe_url(s) for s in sources}
                                        or "squidfunk.github.io" in value)):
                    external.append((page.relative_to(site).as_posix(), value))
                continue
            if target_file(site, parts.path) is None:
                dead.append((page.relative_to(site).as_posix(), tag, value))
    assert dead == []
    assert external == []


def test_404_page_loads_its_assets_under_the_sub_path(sample_site, served_site):
    missing = served_site + "khong-co/trang/nay/"
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(missing)
    assert error.value.code == 404
    body = error.value.read().decode("utf-8")
    refs = [v for t, a, v in Links(body).refs if t in ("link", "script") and a in ("href", "src")]
    assert any(v.endswith(".css") for v in refs)
    for value in refs:
        absolute = urljoin(missing, value)
        assert urllib.request.urlopen(absolute).status == 200, absolute


def test_sitemap_lists_every_article(sample_site):
    locs = set(sitemap_locs(sample_site.site))
    for record in sample_site.records:
        assert any(loc.endswith("/" + record["page"]) for loc in locs), record["page"]


def test_the_site_publishes_no_asset_that_no_page_reads(sample_site):
    # Material's lunr, its search worker and source maps: megabytes of the 1 GB budget, read by no page
    assets = sample_site.site / "assets"
    assert (assets / "javascripts").is_dir()
    assert not (assets / "javascripts" / "lunr").exists() and not (assets / "javascripts" / "workers").exists()
    assert list(sample_site.site.rglob("*.map")) == []


def test_every_page_links_one_stylesheet_holding_materials_and_the_archives(sample_site):
    import re as _re

    sheet = (sample_site.site / "assets" / "tdkt-site.css").read_text(encoding="utf-8")
    assert sheet.startswith('@charset "UTF-8";') and ".md-header" in sheet and "[data-md-color-scheme=slate]" in sheet
    assert sheet.rstrip().endswith((sample_site.site / "assets" / "tdkt.css").read_text(encoding="utf-8").rstrip())
    for page in html_pages(sample_site.site):
        sheets = _re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text(encoding="utf-8"))
        assert [s for s in sheets if "tdkt-site.css" in s] and not [s for s in sheets if "/stylesheets/" in s], page


def test_no_third_party_fonts_or_scripts(sample_site):
    for page in html_pages(sample_site.site):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
        for tag, attr, value in Links(text).refs:
            if tag in ("script", "link", "img", "iframe"):
                # the canonical link names the page itself at the site's URL
                assert urlsplit(value).hostname in (None, "127.0.0.1"), (page, value)


def test_article_pages_stay_within_the_byte_budget(sample_site):
    site = sample_site.site
    sizes = {r["page"]: (site / r["page"] / "index.html").stat().st_size for r in sample_site.records}
    assert max(sizes.values()) <= ARTICLE_PAGE_BUDGET, sizes
    # the theme around the content stays small: it is copied into every one of the articles
    for page in sizes:
        text = (site / page / "index.html").read_text(encoding="utf-8")
        content = re.search(r'<article class="md-content__inner md-typeset">.*?</article>', text, re.S).group()
        sharing = "".join(_SHARING.findall(text))
        assert len(sharing.encode()) <= SHARING_BUDGET, page
        assert len(text.encode()) - len(content.encode()) - len(sharing.encode()) <= THEME_BUDGET, page


def test_article_pages_are_not_in_the_nav(sample_site):
    home = (sample_site.site / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'md-sidebar--primary.*?</nav>', home, re.S).group()
    assert "bai-viet/" not in nav
    assert "tinh/" in nav and "nam/" in nav and "khen-thuong/" in nav and "gioi-thieu/" in nav


def test_site_url_comes_from_the_environment(tmp_path):
    from tests.site_fixtures import build_site, handmade_records

    built = build_site(handmade_records(), tmp_path / "project", env={"TDKT_SITE_URL": "https://example.org/kho-tdkt/"})
    page = built.records[0]["page"]
    # the sitemap names each article at the site's URL (article pages carry no canonical link:
    # one URL each, ~100 bytes saved on every one), the home page's canonical link too
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>https://example.org/kho-tdkt/{page}</loc>" in sitemap
    home = (built.site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/kho-tdkt/">' in home
    assert 'rel="canonical"' not in (built.site / page / "index.html").read_text(encoding="utf-8")
    not_found = (built.site / "404.html").read_text(encoding="utf-8")
    assets = [v for t, a, v in Links(not_found).refs if t in ("link", "script") and a in ("href", "src")]
    assert assets and all(v.startswith("/kho-tdkt/") or v.startswith("https://example.org/kho-tdkt/") for v in assets), assets
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>https://example.org/kho-tdkt/{page}</loc>" in sitemap


class Elements(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def test_hostile_corpus_builds_into_pages_with_only_the_theme_s_scripts(tmp_path, sample_site):
    from tests.site_fixtures import build_site
    from tests.site.test_render import ALLOWED_TAGS, HOSTILE, hostile_record

    records = []
    for i, text in enumerate(HOSTILE):
        record = hostile_record(text)
        record["id"] = f"h{i:02d}"
        records.append(record)
    built = build_site(records, tmp_path / "project")

    def scripts(path: Path) -> list[tuple[str, str]]:
        return [(a.get("src", ""), a.get("id", "")) for t, a in Elements(path.read_text(encoding="utf-8")).elements
                if t == "script"]

    theme_scripts = scripts(sample_site.site / sample_site.records[0]["page"] / "index.html")
    pages = html_pages(built.site)
    assert len(pages) > len(records)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', text, re.S)
        if article and any(f"/site/{folder}/" in page.as_posix() for folder in ("bai-viet", "tinh", "nam", "khen-thuong")):
            # what an article or listing shows was made by the renderer: its own elements only
            assert {t for t, _ in Elements(article.group(1)).elements} <= ALLOWED_TAGS | {"thead", "tbody"}, page
        for tag, attrs in Elements(text).elements:
            for name, value in attrs.items():
                assert not name.startswith("on"), (page, tag, name)
                assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), (page, value)
        if "/bai-viet/" in page.as_posix():
            assert len(scripts(page)) == len(theme_scripts), page
    for record in records:  # and every article still has its page, with its title as the headline
        html_text = (built.site / record["page"] / "index.html").read_text(encoding="utf-8")
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html_text, re.S).group(1)
        assert html.unescape(heading).strip() == title_of(record)


def test_a_project_without_src_builds_and_the_site_plugin_is_in_the_page_fingerprint(tmp_path, monkeypatch):
    """mkdocs.yml names the site's plugin by its entry point; the incremental build's page
    fingerprint changes with the plugin's code (a change there must render every page again)."""
    import sys

    from mkdocs.config import load_config

    from tdkt.site.incremental import IncrementalPlugin
    from tests.site_fixtures import make_project

    project = make_project(tmp_path / "project")
    assert not (project / "src").exists()
    config = load_config(config_file=str(project / "mkdocs.yml"))
    assert "tdkt-site" in config.plugins

    def fingerprint() -> str:
        plugin = IncrementalPlugin()
        plugin.load_config({"cache_dir": str(tmp_path / "cache")})
        plugin.on_config(config)
        return plugin.fingerprint

    before = fingerprint()
    assert fingerprint() == before
    module = sys.modules[type(config.plugins["tdkt-site"]).__module__]
    changed = tmp_path / "render_hooks.py"
    changed.write_bytes(Path(module.__file__).read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(module, "__file__", str(changed))
    assert fingerprint() != before


def test_editor_s_corrections_and_merged_copies_show_on_the_built_article_pages(tmp_path):
    """The real `tdkt build` of the samples plus an overrides file and a syndicated copy of one
    sample (another portal's URL in its front matter): the corrected article says what the editor
    changed and why; the merged article's one page names both portals, linked."""
    import shutil

    from tdkt.extract.pipeline import article_id
    from tests.site_fixtures import ROOT, build_corpus

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    samples = sorted(corpus.glob("*.txt"))
    copied, corrected = samples[0], samples[1]
    (corpus / "zz_ban-dang-lai.txt").write_text(
        '---\nurl: "https://baokhac.example.vn/tin/dang-lai-1"\n---\n' + copied.read_text(encoding="utf-8"),
        encoding="utf-8")
    copied.with_suffix(".json").write_text('{"url": "https://cong.example.gov.vn/tin/1"}', encoding="utf-8")
    reason = "Tiêu đề theo trang gốc <b>đã kiểm tra</b>"
    (corpus / "overrides.yaml").write_text(
        f'articles:\n  {article_id(corrected, corpus)}:\n    reason: "{reason}"\n'
        f'    title: "Tổng kết thi đua theo biên tập viên"\n', encoding="utf-8")

    built = build_corpus(corpus, tmp_path / "project")
    report = (built.project / "build" / "report.json").read_text(encoding="utf-8")
    assert article_id(copied, corpus) in report  # the merge is reported

    articles = {p: p.read_text(encoding="utf-8") for p in sorted((built.site / "bai-viet").rglob("index.html"))}
    assert len(articles) == len(samples)  # the copy has no page of its own

    def page_with(text: str) -> str:
        [found] = [page for page in articles.values() if text in page]
        return found

    fixed = page_with("Tổng kết thi đua theo biên tập viên")
    assert re.search(r"<h1[^>]*>Tổng kết thi đua theo biên tập viên</h1>", fixed)
    text = html.unescape(re.sub(r"<[^>]+>", "", fixed))
    assert f"Biên tập viên đã sửa: tiêu đề ({reason})." in text  # the reason is text, not markup
    assert "<b>đã kiểm tra</b>" not in fixed

    merged = page_with("https://baokhac.example.vn/tin/dang-lai-1")
    hrefs = [v for t, _a, v in Links(merged).refs if t == "a" and v.startswith("http")]
    assert "https://cong.example.gov.vn/tin/1" in hrefs and "https://baokhac.example.vn/tin/dang-lai-1" in hrefs
    assert "Nguồn (2 nơi đăng)" in merged
