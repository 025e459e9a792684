"""`tdkt build`: the whole pipeline on a project copied into a temp dir (never the repo's docs/ or site/).

Every input ends up built or refused with its reason, the counts add up, the site is there, the
per-article JSON is what `tdkt extract` prints, and a build that fails leaves the last good site.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tdkt import build as build_module
from tdkt.build import BuildError, build
from tdkt.cache import deterministic_gzip
from tdkt.corpus.scan import scan_corpus
from tdkt.extract.batch import disambiguate_ids
from tdkt.site.sitemap import sitemap_files, sitemap_xml
from tdkt.site.swap import recover_interrupted, swap_in
from tests.site_fixtures import sitemap_locs

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "corpus").glob("*.txt"))
SITE_URL = "https://example.github.io/tdkt/"
HAS_EXTRACTOR = importlib.util.find_spec("tdkt.extract.pipeline") is not None
needs_extractor = pytest.mark.skipif(not HAS_EXTRACTOR, reason="tdkt.extract.pipeline (extraction) is not in the tree yet")
# The generated parts of docs/ (see .gitignore): a test project starts from the hand-written pages only.
GENERATED = ("bai-viet", "tinh", "nam", "khen-thuong", "thong-ke", "du-lieu", "can-bo", "index.md", "data")


def _hand_written(root: Path) -> list[str]:
    """The repo's mkdocs.yml, hand-written docs/ and theme overrides, as git knows them."""
    try:
        listed = subprocess.run(["git", "ls-files", "mkdocs.yml", "docs", "overrides"], cwd=root, check=True,
                                capture_output=True, text=True).stdout.split()
        if listed:
            return listed
    except (OSError, subprocess.CalledProcessError):
        pass
    paths = ["mkdocs.yml"] + [p.relative_to(root).as_posix() for d in ("docs", "overrides")
                              for p in sorted((root / d).rglob("*")) if p.is_file()]
    return [p for p in paths if not any(part in GENERATED for part in Path(p).parts[1:2])]


def make_project(where: Path, articles: list[Path] = SAMPLES) -> Path:
    """A project folder like a fresh checkout: mkdocs.yml, hand-written docs/, overrides/, a corpus."""
    where.mkdir(parents=True, exist_ok=True)
    for rel in _hand_written(ROOT):
        if (ROOT / rel).is_file():
            (where / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / rel, where / rel)
    (where / "src").symlink_to(ROOT / "src")  # mkdocs.yml names its hooks by a path under src/
    corpus = where / "corpus"
    corpus.mkdir()
    for article in articles:
        shutil.copyfile(article, corpus / article.name)
    return where


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under `folder`."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# -- pure parts --------------------------------------------------------------------------------


def test_scan_accounts_for_every_entry(tmp_path: Path):
    corpus = tmp_path / "corpus"
    (corpus / "tinh-a").mkdir(parents=True)
    for name in ("b.txt", "a.html", "c.htm", "tinh-a/d.txt", "x.pdf", "README", ".hidden", "orphan.json"):
        (corpus / name).write_text("x", encoding="utf-8")
    (corpus / "b.json").write_text("{}", encoding="utf-8")  # sidecar of b.txt
    (corpus / "overrides.yaml").write_text("{}", encoding="utf-8")
    (corpus / "folder.txt").mkdir()

    inputs, refused, overrides = scan_corpus(corpus)

    assert [i.source for i in inputs] == ["a.html", "b.txt", "c.htm", "tinh-a/d.txt"]
    assert next(i for i in inputs if i.source == "b.txt").sidecar == corpus / "b.json"
    assert overrides == corpus / "overrides.yaml"
    reasons = {r.source: r.reason for r in refused}
    assert set(reasons) == {".hidden", "README", "folder.txt", "orphan.json", "x.pdf"}
    assert "directory" in reasons["folder.txt"]
    assert ".pdf" in reasons["x.pdf"]
    assert "sidecar" in reasons["orphan.json"]
    # nothing silently skipped: every entry but the sidecar and the editor's file is counted
    assert len(inputs) + len(refused) == 9


def test_clashing_ids_all_survive_in_source_order():
    records = [{"id": "hoi-nghi", "source": "a.txt", "warnings": []},
               {"id": "hoi-nghi", "source": "b.txt", "warnings": []},
               {"id": "hoi-nghi-2", "source": "c.txt", "warnings": []},
               {"id": "hoi-nghi", "source": "d.txt", "warnings": []}]
    renames = disambiguate_ids(records)
    ids = [r["id"] for r in records]
    assert len(set(ids)) == 4
    assert ids[0] == "hoi-nghi" and ids[2] == "hoi-nghi-2"  # a natural id is never taken from its owner
    assert [r["source"] for r in renames] == ["b.txt", "d.txt"]
    assert "hoi-nghi" in records[1]["warnings"][0]


def test_sitemap_has_no_dates_and_gzip_is_byte_stable():
    pages = ["", "bai-viet/2024/a/", "tinh/ha-tinh/"]
    xml = sitemap_xml(pages, SITE_URL).decode()
    assert f"<loc>{SITE_URL}bai-viet/2024/a/</loc>" in xml
    assert "lastmod" not in xml
    files = sitemap_files(pages, SITE_URL)
    assert list(files) == ["sitemap.xml", "sitemap-1.xml.gz"]
    assert b"lastmod" not in files["sitemap.xml"]
    assert files["sitemap-1.xml.gz"] == deterministic_gzip(xml.encode())
    assert sitemap_files(pages, SITE_URL) == files
    assert deterministic_gzip(b"abc") == deterministic_gzip(b"abc")
    assert deterministic_gzip(b"abc")[4:8] == b"\0\0\0\0"  # gzip mtime field


def test_swap_replaces_the_site_and_recovery_restores_an_interrupted_one(tmp_path: Path):
    out, new, retired = tmp_path / "site", tmp_path / "site.tmp-1", tmp_path / "build" / "retired-site"
    retired.parent.mkdir()
    out.mkdir()
    (out / "old.html").write_text("old")
    new.mkdir()
    (new / "new.html").write_text("new")
    swap_in(new, out, retired)
    assert [p.name for p in out.iterdir()] == ["new.html"] and not new.exists()
    assert [p.name for p in retired.iterdir()] == ["old.html"]  # deleted by the next build, in the background

    # killed between the two renames: no site/, the retired one is the last good site
    out.rename(tmp_path / "gone")
    (tmp_path / "site.tmp-99").mkdir()
    recover_interrupted(out, retired)
    assert (out / "old.html").read_text() == "old"
    assert not (tmp_path / "site.tmp-99").exists() and not retired.exists()


# -- real builds -------------------------------------------------------------------------------


def test_a_failed_build_keeps_the_last_good_site(tmp_path: Path, monkeypatch):
    project = make_project(tmp_path / "p")
    build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    before = tree_digest(project / "site")
    assert "index.html" in before

    # the corpus changes, then a late stage fails (here: the disk is full when writing the sitemap)
    (project / "corpus" / SAMPLES[0].name).unlink()
    (project / "docs" / "gioi-thieu.md").write_text("# Đã đổi\n", encoding="utf-8")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "write_sitemap", disk_full)
    with pytest.raises(BuildError, match="swap stage failed: OSError"):
        build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    assert tree_digest(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"]


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    """The five samples plus broken and clashing inputs, built once for the tests below."""
    project = make_project(tmp_path_factory.mktemp("build") / "p")
    corpus = project / "corpus"
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4")
    (corpus / "folder.txt").mkdir()
    (corpus / "folder.txt" / "inside.txt").write_text("x")
    (corpus / "orphan.json").write_text('{"url": "https://example.org/a"}')
    shutil.copyfile(SAMPLES[1], corpus / "bad-sidecar.txt")
    (corpus / "bad-sidecar.json").write_text("{not json")
    # two different articles whose names make the same id ("trung"): both must survive
    from benchmarks.synth import make_article

    for index, name in enumerate(CLASHING):
        (corpus / name).write_text(make_article(index), encoding="utf-8")
    report = build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    return project, report


CLASHING = ("Trùng.txt", "trung.txt")
BROKEN = {"empty.txt": "", "binary.txt": "", "notes.pdf": ".pdf", "folder.txt": "directory",
          "orphan.json": "sidecar", "bad-sidecar.txt": "JSON"}


@needs_extractor
def test_every_input_is_built_or_refused_with_its_reason(sample_build):
    project, report = sample_build
    built = len(SAMPLES) + len(CLASHING)
    assert report.inputs == built + len(BROKEN)
    assert report.built == built and report.merged == 0
    assert report.accounted == report.inputs
    assert report.summary() == f"{report.inputs} inputs: {built} built, {len(BROKEN)} refused"
    reasons = {r.source: r.reason for r in report.refused}
    assert set(reasons) == set(BROKEN)
    for source, word in BROKEN.items():
        assert reasons[source].strip() and word in reasons[source], (source, reasons[source])
    saved = json.loads((project / "build" / "report.json").read_text(encoding="utf-8"))
    assert saved["summary"] == report.summary()
    assert {r["source"] for r in saved["refused"]} == set(BROKEN)
    timings = json.loads((project / "build" / "timings.json").read_text())
    assert {"extract_s", "render_s", "mkdocs_s", "index_s", "total_s", "peak_rss_mb"} <= set(timings)


@needs_extractor
def test_every_article_has_its_page_and_is_in_the_sitemap(sample_build):
    from html import unescape

    from tdkt.taxonomy import title_of

    project, report = sample_build
    site = project / "site"
    assert len(list((project / "build" / "articles").glob("*.json"))) == report.built
    sitemap = sitemap_locs(site)
    pages = set()
    for record in report.records:
        page = record["page"]
        pages.add(page)
        html = (site / page / "index.html").read_text(encoding="utf-8")
        shown = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert unescape(shown).strip() == title_of(record)  # article pages' titles drop the site's name
        assert f"{SITE_URL}{page}" in sitemap
    assert len(pages) == report.built == len(SAMPLES) + len(CLASHING)
    assert report.sitemap_urls == len(sitemap) == len(set(sitemap))
    assert sorted(p.name for p in site.glob("sitemap*")) == ["sitemap-1.xml.gz", "sitemap.xml"]  # no plain urlset
    assert not list(project.glob("site.*"))  # no temp or old site left beside it


@needs_extractor
def test_inputs_with_the_same_id_both_survive(sample_build):
    project, report = sample_build
    sources = {json.loads(p.read_text(encoding="utf-8"))["source"]: p.stem
               for p in (project / "build" / "articles").glob("*.json")}
    assert set(CLASHING) <= set(sources)
    assert {sources[name] for name in CLASHING} == {"trung", "trung-2"}
    assert sources["trung.txt"] == "trung-2"  # the later by source path ("T" < "t") is renamed
    assert report.renamed_ids == [{"source": "trung.txt", "from": "trung", "to": "trung-2"}]


@needs_extractor
def test_article_json_is_what_tdkt_extract_prints(sample_build, monkeypatch, capsys):
    from tdkt.cli import main

    project, _ = sample_build
    monkeypatch.chdir(project / "corpus")
    assert main(["extract", *(p.name for p in SAMPLES)]) == 0
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(printed) == len(SAMPLES)
    for record in printed:
        saved = json.loads((project / "build" / "articles" / f"{record['id']}.json").read_text(encoding="utf-8"))
        assert saved == record


def test_cli_build_says_the_counts_add_up(tmp_path: Path, monkeypatch, capsys):
    from tdkt.cli import main

    project = make_project(tmp_path / "p", SAMPLES[:1])
    (project / "corpus" / "notes.pdf").write_bytes(b"%PDF")
    monkeypatch.chdir(project)
    assert main(["build", "--site-url", SITE_URL]) == 0
    captured = capsys.readouterr()
    built = 1 if HAS_EXTRACTOR else 0
    assert f"2 inputs: {built} built, {2 - built} refused" in captured.out
    assert "refused: notes.pdf: not an article file" in captured.err
    assert (project / "site" / "index.html").is_file()


def test_an_article_that_runs_away_is_stopped():
    import time

    from tdkt.extract.batch import _time_limit, _TooSlow

    started = time.monotonic()
    with pytest.raises(_TooSlow):
        with _time_limit(1):
            while True:  # a catastrophic regex looks like this from outside
                pass
    assert time.monotonic() - started < 5


@needs_extractor
def test_worker_processes_give_the_records_one_process_gives(tmp_path: Path):
    from tdkt.cache import Store
    from tdkt.extract.batch import extract_all
    from tdkt.extract.pipeline import extract_file

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for sample in SAMPLES:
        shutil.copyfile(sample, corpus / sample.name)
    (corpus / "empty.txt").write_bytes(b"")
    inputs, _, _ = scan_corpus(corpus)
    with Store(tmp_path / "c1.sqlite") as one, Store(tmp_path / "c2.sqlite") as two:
        alone = extract_all(inputs, corpus, one, jobs=1)
        pooled = extract_all(inputs, corpus, two, jobs=2, parallel_threshold=1)
        assert pooled.misses == alone.misses == len(inputs)
        whole = [pooled.bodies.full(r) for r in pooled.records]
        assert json.dumps(whole, ensure_ascii=False) == json.dumps([alone.bodies.full(r) for r in alone.records],
                                                                   ensure_ascii=False)
        # the records come without their bodies, which the store gives back in their place
        assert all("body" not in r for r in pooled.records)
        assert whole == [extract_file(corpus / s.name, corpus) for s in SAMPLES]
        assert [(r.source, r.reason) for r in pooled.refused] == [(r.source, r.reason) for r in alone.refused]
        assert [r.source for r in pooled.refused] == ["empty.txt"]
        again = extract_all(inputs, corpus, two, jobs=2, parallel_threshold=1)
        assert (again.hits, again.misses) == (len(inputs), 0)
        assert again.records == pooled.records
        assert [again.bodies.digest(r) for r in again.records] == [pooled.bodies.digest(r) for r in pooled.records]


@needs_extractor
def test_the_editors_overrides_drop_and_warn_and_a_broken_file_stops_publishing(tmp_path: Path, monkeypatch, capsys):
    from tdkt.cli import main
    from tdkt.extract.pipeline import article_id

    project = make_project(tmp_path / "p", SAMPLES[:2])
    dropped = article_id(SAMPLES[0].relative_to(SAMPLES[0].parent))
    overrides = project / "corpus" / "overrides.yaml"
    overrides.write_text(f"drop:\n  {dropped}: bài trùng\n  khong-co-bai-nay: thử\n", encoding="utf-8")
    report = build("corpus", "site", project_dir=project, site_url=SITE_URL, progress=False)
    assert report.summary() == "2 inputs: 1 built, 1 refused"
    assert [(r.source, r.reason) for r in report.refused] == [(SAMPLES[0].name, "dropped by the editor: bài trùng")]
    assert any("khong-co-bai-nay" in w and "does not exist" in w for w in report.warnings)

    overrides.write_text("drop: [unclosed\n", encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["build", "--site-url", SITE_URL]) == 1  # CI must not publish this
    err = capsys.readouterr().err
    assert "error: " in err and "overrides.yaml" in err and "YAML" in err
    assert (project / "site" / "index.html").is_file()


@needs_extractor
def test_the_review_list_from_the_store_is_the_reviews_own(tmp_path: Path):
    """build/review.csv is made from review items kept by record digest; the file is what
    extract.review.write_review_csv writes over the whole records, before and after they are kept."""
    from tdkt.cache import Store
    from tdkt.extract.batch import extract_all, write_review
    from tdkt.extract.review import write_review_csv

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for sample in SAMPLES:
        shutil.copyfile(sample, corpus / sample.name)
    inputs, _, _ = scan_corpus(corpus)
    with Store(tmp_path / "s.sqlite") as store:
        extraction = extract_all(inputs, corpus, store, jobs=1)
        whole = [extraction.bodies.full(r) for r in extraction.records]
        expected = tmp_path / "expected.csv"
        rows = write_review_csv(whole, expected)
        assert rows > 0  # the samples have something to look at
        for _ in range(2):  # judged, then from the store
            assert write_review(extraction.records, extraction.bodies, store, tmp_path / "ours.csv") == rows
            assert (tmp_path / "ours.csv").read_bytes() == expected.read_bytes()


def test_unit_pages_made_one_by_one_are_unit_pages_own():
    """The renderer makes unit pages one by one (render._unit_pages, to skip the unchanged ones);
    without anything to skip they are exactly site.unit_pages.unit_pages'."""
    from tdkt.site import render
    from tdkt.site.paths import assign_article_pages
    from tdkt.site.unit_pages import unit_pages
    from tdkt.site.units import assign_units

    from tests.site_fixtures import handmade_records

    records = handmade_records()
    units, pages = assign_units(records), assign_article_pages(records)
    assert units
    ours = dict(render._unit_pages(units, pages, None, render._record_digest))
    assert ours == unit_pages(units, pages)
