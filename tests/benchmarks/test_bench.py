"""scripts/bench.py runs end to end at a tiny N and says what the scale issue asks (a benchmark, not a
timed test: no thresholds on the figures, only that they are there and make sense)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
N = 20
SEARCH_KEYS = {"first_query_ms", "first_query_bytes", "p50_ms", "p95_ms"}


def _synthetic_outputs() -> list[str]:
    """Anything of a synthetic article in the repository's own docs/, build/ or site/.

    (Other people's edits may touch those folders while the benchmark runs; only the benchmark
    makes synth_* articles, so their traces are what would show it wrote outside its project.)
    """
    return sorted(str(p) for name in ("docs", "build", "site") if (ROOT / name).exists()
                  for p in (ROOT / name).rglob("*synth*"))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One benchmark run at N = 20, lunr baseline included, with a budget of 1 byte so that the
    enforcement path (FAIL, non-zero exit, JSON still written) is exercised in the same run."""
    out = tmp_path_factory.mktemp("bench")
    before = _synthetic_outputs()
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--n", str(N), "--out", str(out / "work"),
         "--json", str(out / "bench.json"), "--budget-bytes", "1",
         "--queries", "khen thưởng", "huan chuong lao dong", "Cờ thi đua"],
        capture_output=True, text=True, timeout=1200, cwd=ROOT)
    after = _synthetic_outputs()
    result = json.loads((out / "bench.json").read_text(encoding="utf-8")) if (out / "bench.json").exists() else None
    return done, result, before, after


def test_over_budget_prints_fail_and_exits_non_zero(run):
    done, result, _, _ = run
    assert result is not None, done.stderr[-3000:]
    assert done.returncode == 1, done.stdout[-2000:] + done.stderr[-2000:]
    assert "FAIL" in done.stdout
    assert result["budget"] == {"site_bytes_per_article_max": 1, "ok": False}


def test_json_has_every_key_with_sane_values(run):
    _, result, _, _ = run
    assert result["articles"] == N
    stages = [result[k] for k in ("extract_s", "render_s", "mkdocs_s", "index_s")]
    assert all(isinstance(s, (int, float)) and s >= 0 for s in stages)
    assert result["total_s"] >= max(stages) and result["total_s"] > 0
    assert result["incremental_s"] > 0
    assert result["peak_rss_mb"] > 10  # a Python process running MkDocs; 0 would mean it measured nothing
    assert result["peak_tree_mb"] > 10
    assert result["site_bytes"] > 0
    assert result["site_bytes_per_article"] == round(result["site_bytes"] / N)
    for engine in ("search", "baseline_lunr"):
        measured = result[engine]
        assert SEARCH_KEYS <= set(measured), engine
        assert measured["available"], measured.get("reason")
        assert measured["first_query_ms"] > 0 and measured["first_query_bytes"] > 0, engine
        assert 0 <= measured["p50_ms"] <= measured["p95_ms"], engine


def test_the_incremental_runs_added_edited_and_removed_an_article(run):
    _, result, _, _ = run
    project = Path(result["project_dir"])
    # one added, then one removed, then one more added (its build's memory not sampled)
    assert len(list((project / "corpus").glob("*.txt"))) == N + 1
    assert result["incremental_unsampled_s"] > 0 and result["incremental_unsampled_timings"]["total_s"] > 0
    assert len(list((project / "build" / "articles").glob("*.json"))) == N + 1
    assert result["incremental_timings"]["total_s"] > 0 and result["edit_s"] > 0 and result["remove_s"] > 0
    assert set(result["incremental_timings"]) >= {"scan_s", "extract_s", "edit_s", "render_s", "mkdocs_s",
                                                   "index_s", "downloads_s", "swap_s", "total_s"}
    # the cached corpus the project links to is as it was made (the edit wrote a new file)
    from benchmarks.synth import make_article

    corpus = next(Path(result["project_dir"]).parent.glob(f"corpus-n{N}-s0-v*"))
    assert (corpus / "synth_000001.txt").read_text(encoding="utf-8") == make_article(1, 0)


def test_the_incremental_build_serves_what_a_full_build_serves(run):
    _, result, _, _ = run
    assert result["incremental_identical"] is True, result["identical_check"]
    check = result["identical_check"]
    assert check["files"] > N and check["queries"] == 3 and check["results"] > 0
    # the reference project copies the articles: a hard link to them would change their ctime, and
    # the edit step's build would then hash every article again (the store keys digests by it)
    reference = Path(check["reference_project"])
    article = sorted((reference / "corpus").glob("*.txt"))[-1]
    assert article.stat().st_nlink == 1
    assert (Path(result["project_dir"]) / "corpus" / "synth_000005.txt").stat().st_nlink == 2  # project + cache


def test_the_repository_docs_site_and_build_are_untouched(run):
    _, result, before, after = run
    assert after == before
    project = Path(result["project_dir"])
    assert not project.resolve().is_relative_to(ROOT / "docs")
    # the project's own docs/ got the generated pages instead
    assert len(list((project / "docs").rglob("*.md"))) > N


def test_the_table_names_each_measure(run):
    done, _, _, _ = run
    for label in ("extract_s", "mkdocs_s", "total_s", "incremental_s", "incremental_identical", "peak_rss_mb",
                  "whole process tree", "site_bytes_per_article", "tdkt search", "Material lunr"):
        assert label in done.stdout, label


def test_site_feature_bytes_counts_sharing_units_and_the_database(tmp_path):
    from benchmarks.sitebytes import site_feature_bytes

    head = ('<meta name="description" content="Hội nghị">'
            '<meta property="og:title" content="T"><script type="application/ld+json">{}</script>')
    for slug in ("a", "b"):
        page = tmp_path / "bai-viet" / "2024" / slug / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<html><head>{head}</head><body>x</body></html>", encoding="utf-8")
    (tmp_path / "don-vi" / "ha-tinh").mkdir(parents=True)
    (tmp_path / "don-vi" / "ha-tinh" / "index.html").write_bytes(b"<html>" + b"u" * 94)
    (tmp_path / "du-lieu").mkdir()
    (tmp_path / "du-lieu" / "tdkt.sqlite.gz").write_bytes(b"\x1f\x8b" + b"0" * 48)
    result = site_feature_bytes(tmp_path)
    assert result["articles"] == 2
    assert result["sharing_bytes"] == 2 * len(head.encode("utf-8"))
    assert result["unit_pages_bytes"] == 100 and result["sqlite_bytes"] == 50
    assert result["per_article"]["unit_pages"] == 50 and result["per_article"]["sqlite"] == 25
