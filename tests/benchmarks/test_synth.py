"""The benchmark's synthetic corpus: deterministic, real extraction work, bodies that are not copies."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import synth
from tdkt.taxonomy import AWARD_TYPES
from tdkt.text import words

N = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return synth.make_corpus(N, tmp_path_factory.mktemp("synth"), seed=7)


@pytest.fixture(scope="module")
def extracted(corpus) -> list[dict]:
    """Every synthetic article through the real `tdkt extract` command."""
    done = subprocess.run([sys.executable, "-m", "tdkt", "extract", *map(str, corpus)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def test_same_n_and_seed_give_byte_identical_files(corpus, tmp_path):
    again = synth.make_corpus(N, tmp_path / "again", seed=7)
    assert [p.name for p in again] == [p.name for p in corpus]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(again, corpus))


def test_another_seed_gives_other_articles(corpus, tmp_path):
    other = synth.make_corpus(3, tmp_path / "other", seed=8)
    assert all(o.read_bytes() != c.read_bytes() for o, c in zip(other, corpus))


def test_one_more_article_leaves_the_others_as_they_were(corpus, tmp_path):
    # the incremental benchmark adds article N to a corpus of N
    bigger = synth.make_corpus(N + 1, tmp_path / "bigger", seed=7)
    assert len(bigger) == N + 1
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(bigger, corpus))
    assert bigger[-1].read_text(encoding="utf-8") == synth.make_article(N, seed=7)


def test_n_files_of_vietnamese_text(corpus):
    assert len(corpus) == N and len({p.name for p in corpus}) == N
    for path in corpus:
        text = path.read_text(encoding="utf-8")
        assert len(text) > 1500
        assert "thi đua" in text


def test_each_article_says_what_compose_made_it_about(corpus):
    for index, path in enumerate(corpus):
        text, facts = synth.compose(index, seed=7)
        assert path.read_text(encoding="utf-8") == text
        assert facts["district"] in text
        assert f"năm {facts['reviewed_year']}" in text
        assert synth.FIRST_REVIEWED_YEAR <= facts["reviewed_year"] <= synth.LAST_REVIEWED_YEAR


def test_places_are_the_gazetteers_and_vary(corpus):
    provinces = {synth.compose(i, seed=7)[1]["province"] for i in range(N)}
    districts = {synth.compose(i, seed=7)[1]["district"] for i in range(N)}
    assert len(provinces) >= 15 and len(districts) >= 30
    known = {p.province for p in synth.places()}
    assert provinces <= known


def test_every_article_yields_a_province_and_a_year(extracted):
    assert len(extracted) == N
    for index, record in enumerate(extracted):
        facts = synth.compose(index, seed=7)[1]
        assert record["province"]["name"], record["source"]
        assert record["reviewed_year"] == facts["reviewed_year"], record["source"]
    # the place it was made about is the place the extractor finds (a few misses allowed: that is
    # the extractor's accuracy, which the benchmark does not measure)
    right = sum(r["province"]["name"] == synth.compose(i, seed=7)[1]["province"] for i, r in enumerate(extracted))
    assert right >= 0.9 * N


def test_awards_vary_across_the_taxonomy(extracted):
    types = {award["type"] for record in extracted for award in record["awards"]}
    assert types <= set(AWARD_TYPES)
    assert len(types) >= 8
    assert all(record["awards"] for record in extracted)


def _shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i:i + k]) for i in range(len(w) - k + 1)}


def test_bodies_are_distinct_not_syndicated_copies(extracted):
    shingles = [_shingles(record["body"]) for record in extracted]
    worst = max(len(a & b) / len(a | b) for a, b in itertools.combinations(shingles, 2))
    assert worst < 0.5, worst
    # the archive's own syndication detector keeps them apart too
    dedupe = pytest.importorskip("tdkt.corpus.syndication")
    kept, merges = dedupe.merge_syndicated([dict(r) for r in extracted])
    assert len(kept) == N and not merges


def test_names_of_people_are_composed_not_the_samples(corpus):
    texts = [p.read_text(encoding="utf-8") for p in corpus]
    # most articles use new names; a few stay with their sample's officials on purpose
    kept = sum("Nguyễn Huy Hùng" in t or "Trần Khắc Kiên" in t or "Ngô Văn Liên" in t for t in texts)
    assert kept <= N // 4
