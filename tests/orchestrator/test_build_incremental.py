"""Incremental builds: a second build with nothing changed extracts nothing and renders no article page;
one added article is the only one extracted and rendered; and the site an incremental build leaves is
byte for byte the site a full build makes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tdkt.build import build

from test_build import SAMPLES, SITE_URL, make_project, needs_extractor, tree_digest

pytestmark = [needs_extractor, pytest.mark.slow]


def _added_article(corpus: Path) -> Path:
    """A sixth article unlike the samples: the synthetic generator's first article."""
    from benchmarks.synth import article_name, make_article

    path = corpus / f"them-{article_name(0)}"
    path.write_text(make_article(0), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """A full build, a no-change build, and a build after one article was added."""
    project = make_project(tmp_path_factory.mktemp("incremental") / "p")
    first = build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    again = build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    added = _added_article(project / "corpus")
    third = build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    return project, added, first, again, third


def test_first_build_extracts_and_renders_everything(builds):
    _, _, first, _, _ = builds
    assert first.cache_misses == len(SAMPLES) and first.cache_hits == 0
    assert first.html["articles_rendered"] == first.built
    assert first.html["articles_reused"] == 0


def test_nothing_changed_means_nothing_extracted_and_no_article_page_rendered(builds):
    _, _, first, again, _ = builds
    assert again.cache_misses == 0 and again.cache_hits == len(SAMPLES)
    assert again.articles_written == 0
    assert again.pages.get("written", 0) == 0
    assert again.html["articles_rendered"] == 0
    assert again.html["articles_reused"] == first.built
    # listing pages are reused too (their Markdown did not change); only the few nav pages render
    assert 0 < again.html["pages_rendered"] <= 12 < first.html["pages_rendered"]
    assert again.summary() == first.summary()


def test_one_added_article_is_the_only_one_extracted_and_rendered(builds):
    project, added, first, _, third = builds
    assert third.inputs == len(SAMPLES) + 1
    assert third.accounted == third.inputs
    assert third.cache_misses == 1 and third.cache_hits == len(SAMPLES)
    assert third.built + third.merged == first.built + 1
    # build/articles/ gets the one new record (written by the merge's child after its merges: beside)
    assert (third.articles_written, third.articles_removed) == (1, 0)
    assert len(list((project / "build" / "articles").glob("*.json"))) == len(SAMPLES) + 1
    # the new article's page, and at most the one it was merged with, are rendered; the rest reused
    assert 1 <= third.html["articles_rendered"] <= 2
    assert third.html["articles_reused"] >= first.built - 1
    # and only the listing pages it appears on, not all of them
    assert third.html["pages_reused"] > 0
    assert third.html["pages_rendered"] + third.html["pages_reused"] >= first.html["pages_rendered"]
    assert third.html["pages_rendered"] < first.html["pages_rendered"]
    source = added.relative_to(project / "corpus").as_posix()
    assert source not in {r.source for r in third.refused}


QUERIES = ["khen thưởng", "thi đua", "Hồng Lĩnh", "hong linh", "Đồ Sơn", "giấy khen", "Cờ thi đua",
           '"phong trào thi đua"', "năm 2023", "Huân chương Lao động", "Ban Thi đua", "xã"]


def _full_build_of(project: Path, where: Path) -> Path:
    """A fresh project with the same corpus, built from nothing (no cache, no earlier site)."""
    fresh = make_project(where, articles=[])
    shutil.rmtree(fresh / "corpus")
    shutil.copytree(project / "corpus", fresh / "corpus")
    report = build("corpus", "site", project_dir=fresh, site_url=SITE_URL, progress=False, incremental=False)
    assert report.html["articles_reused"] == 0
    return fresh


def _assert_serves_what_a_full_build_serves(project: Path, where: Path) -> None:
    from benchmarks.identical import compare_sites

    fresh = _full_build_of(project, where)
    result = compare_sites(project / "site", fresh / "site", QUERIES)
    assert result["file_differences"] == [] and result["search_differences"] == [], result
    assert result["results"] > 0  # the queries found something to compare
    for name in ("articles",):
        ours = {p.name: p.read_bytes() for p in (project / "build" / name).glob("*.json")}
        theirs = {p.name: p.read_bytes() for p in (fresh / "build" / name).glob("*.json")}
        assert ours == theirs


def test_the_incremental_site_is_the_full_sites_bytes(builds, tmp_path: Path):
    project, _, _, _, _ = builds
    _assert_serves_what_a_full_build_serves(project, tmp_path / "fresh")


def test_an_edited_removed_or_corrected_article_serves_what_a_full_build_serves(tmp_path: Path):
    """Add, edit, remove, then correct (corpus/overrides.yaml): after each, the incremental build's
    site (pages, downloads, search answers) and build/articles are a full build's."""
    from tdkt.extract.pipeline import article_id

    project = make_project(tmp_path / "p")
    build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    corpus = project / "corpus"
    steps = []

    def added():
        _added_article(corpus)

    def edited():
        path = corpus / SAMPLES[1].name
        path.write_text(path.read_text(encoding="utf-8").rstrip() + "\nHội nghị đã biểu dương 12 tập thể tiêu biểu.\n",
                        encoding="utf-8")

    def removed():
        (corpus / SAMPLES[2].name).unlink()

    def corrected():
        target = article_id(SAMPLES[0].relative_to(SAMPLES[0].parent))
        (corpus / "overrides.yaml").write_text(
            f"articles:\n  {target}:\n    reason: Theo trang gốc\n    title: Hội nghị tổng kết thi đua năm 2023\n"
            "    province: Hà Tĩnh\n", encoding="utf-8")

    # build/articles/ holds the records as extracted: a correction changes none of them
    files = {"added": (1, 0), "edited": (1, 0), "removed": (0, 1), "corrected": (0, 0)}
    for name, change in (("added", added), ("edited", edited), ("removed", removed), ("corrected", corrected)):
        change()
        report = build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
        assert report.accounted == report.inputs and not report.errors, name
        assert (report.articles_written, report.articles_removed) == files[name], name
        assert report.published.get("moved") is not None, name   # put in place, not swapped whole
        steps.append(name)
        _assert_serves_what_a_full_build_serves(project, tmp_path / f"fresh-{name}")
    assert steps == ["added", "edited", "removed", "corrected"]


def test_an_interrupted_publish_is_finished_by_the_next_build(tmp_path: Path, monkeypatch):
    """Killed after the journal was written, in the middle of the moves: the next build carries the
    journal out before anything else, so site/ is whole again (and what a full build serves)."""
    import tdkt.site.swap as swap

    project = make_project(tmp_path / "p")
    build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    _added_article(project / "corpus")
    real = swap._carry_out
    calls = []

    def killed(build_root):  # the journal is on disk; the process dies before carrying it out
        calls.append(build_root)
        raise KeyboardInterrupt

    monkeypatch.setattr(swap, "_carry_out", killed)
    with pytest.raises(KeyboardInterrupt):
        build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    assert calls and (project / "build" / swap.JOURNAL).exists()
    monkeypatch.setattr(swap, "_carry_out", real)
    assert swap.recover_publish(project / "build")   # what the next build does first
    assert not (project / "build" / swap.JOURNAL).exists()
    _assert_serves_what_a_full_build_serves(project, tmp_path / "fresh")
    build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    _assert_serves_what_a_full_build_serves(project, tmp_path / "fresh-again")


def test_pages_rendered_on_all_cores_are_the_pages_one_core_renders(tmp_path: Path, monkeypatch):
    import tdkt.site.mkdocs_run

    one = make_project(tmp_path / "one")
    build("corpus", "site", project_dir=one, site_url=SITE_URL, progress=False, jobs=1)
    import tdkt.site.render

    monkeypatch.setattr(tdkt.site.mkdocs_run, "SHARD_THRESHOLD", 1)  # the samples are too few to be worth it
    monkeypatch.setattr(tdkt.site.mkdocs_run, "SHARD_PAGES", 3)      # and several shards per worker
    monkeypatch.setattr(tdkt.site.render, "PARALLEL_PAGES", 1)       # the article pages made by workers too
    two = make_project(tmp_path / "two")
    report = build("corpus", "site", project_dir=two, site_url=SITE_URL, progress=False, jobs=2)
    assert report.html["rendered_in_parallel"] == report.built
    assert report.html["articles_rendered"] == report.built and report.html["articles_reused"] == 0
    ours, theirs = tree_digest(one / "site"), tree_digest(two / "site")
    assert sorted(ours) == sorted(theirs)
    assert [p for p in ours if ours[p] != theirs[p]] == []
    assert not list(two.glob("site*shard*"))
    docs_one, docs_two = tree_digest(one / "docs"), tree_digest(two / "docs")
    assert docs_one == docs_two


def test_pages_rendered_again_with_the_same_bytes_stay_in_place_afterwards(tmp_path: Path):
    """A change every page shares but that changes no page's bytes (here a comment in mkdocs.yml)
    renders every page again; the build after it finds them all in site/ as they are (the same files
    as the page cache's), instead of staging every page again."""
    project = make_project(tmp_path / "p")
    build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    again = build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    assert again.html["articles_rendered"] == again.built
    _added_article(project / "corpus")
    third = build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    assert third.html["pages_in_place"] >= third.html["pages_reused"] - 2, third.html
    _assert_serves_what_a_full_build_serves(project, tmp_path / "fresh")


def test_a_sitemap_with_fewer_parts_leaves_no_stale_part_behind(tmp_path: Path, monkeypatch):
    """Parts an earlier sitemap had and this one has not (fewer pages, or a larger limit) are deleted
    from site/ by the in-place publish: the site is the full build's, part for part."""
    import tdkt.site.sitemap

    project = make_project(tmp_path / "p")
    first = build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    assert sorted(p.name for p in (project / "site").glob("sitemap*")) == ["sitemap-1.xml.gz", "sitemap.xml"]
    # one URL fewer than the site has to a part: two parts, the second with the last page
    monkeypatch.setattr(tdkt.site.sitemap, "URLS_PER_PART", first.sitemap_urls - 1)
    grown = build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    assert grown.published.get("moved") is not None and (project / "site" / "sitemap-2.xml.gz").is_file()
    (project / "corpus" / SAMPLES[2].name).unlink()  # its page goes: the pages fit in one part again
    shrunk = build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    assert shrunk.published.get("moved") is not None and shrunk.sitemap_urls < first.sitemap_urls
    assert sorted(p.name for p in (project / "site").glob("sitemap*")) == ["sitemap-1.xml.gz", "sitemap.xml"]
    _assert_serves_what_a_full_build_serves(project, tmp_path / "fresh")  # at the same limit


def test_the_merge_childs_last_work_failing_is_reported_not_lost(tmp_path: Path, monkeypatch):
    """In place, the syndication merge's child saves its state and writes build/articles/ after it
    has sent its merges (beside.syndication_merges). build/articles/ not written is an error of the
    build (the data contract is missing: exit status 1); the state not saved, a warning (the next
    build merges from the state before, so it is still right)."""
    import tdkt.beside
    import tdkt.corpus.syndication_state

    project = make_project(tmp_path / "p")
    build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False, jobs=2)
    _added_article(project / "corpus")

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:  # the child is forked with the patch: it fails there
        patched.setattr(tdkt.beside, "write_articles", no_space)
        report = build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False, jobs=2)
    assert report.errors == ["build/articles/ not written: OSError: [Errno 28] No space left on device"]
    assert report.built == len(SAMPLES) + 1  # the site itself was built

    (project / "corpus" / SAMPLES[0].name).unlink()
    with monkeypatch.context() as patched:
        patched.setattr(tdkt.corpus.syndication_state._State, "dump", no_space)
        report = build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False, jobs=2)
    assert not report.errors
    assert [w for w in report.warnings if "syndication" in w] == [
        "the syndication merge's state was not saved for the next build: OSError: [Errno 28] No space left on device"]
    assert len(list((project / "build" / "articles").glob("*.json"))) == len(SAMPLES)  # written all the same
    again = build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False, jobs=2)
    assert not again.errors and not [w for w in again.warnings if "syndication" in w]
    _assert_serves_what_a_full_build_serves(project, tmp_path / "fresh")
