"""The search index as files: tokens, bigrams, đ, shards, ordering, determinism, what a query finds."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tdkt.search.index import (
    INDEX_DIR, SHARD_TARGET_BYTES, IndexReader, build_index, decode_ids, encode_ids, parse_query, shard_of,
    syllables, terms_of,
)
from benchmarks.searchbench import sample_records, synthetic_records
from tdkt.text import words

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def records() -> list[dict]:
    base = sample_records(ROOT / "corpus")
    return synthetic_records(base, 120, seed=5)


@pytest.fixture(scope="module")
def site(records, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    build_index(records, site, jobs=1)
    return site


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_syllables_fold_tone_marks_and_d_bar_like_the_rest_of_the_project(samples):
    assert syllables("Đồ Sơn: Hội nghị ĐỔI MỚI") == ["do", "son", "hoi", "nghi", "doi", "moi"]
    for path in samples:
        text = path.read_text(encoding="utf-8")
        assert syllables(text) == words(text)


def test_terms_are_syllables_and_adjacent_pairs():
    assert terms_of(syllables("quận Đồ Sơn")) == {"quan", "do", "son", "quan do", "do son"}


def test_ids_round_trip_as_deltas():
    assert encode_ids([3, 4, 9]) == "3,1,5"
    ids = sorted(random.Random(1).sample(range(100_000), 500))
    assert decode_ids(encode_ids(ids)) == ids
    assert decode_ids("") == []


def test_quoted_phrases_are_parsed_apart_from_free_words():
    assert parse_query('Đồ Sơn "Huân chương  Lao động" 2023') == (["do", "son", "2023"], [["huan", "chuong", "lao", "dong"]])


def test_every_term_sits_in_the_shard_its_hash_names_and_shards_stay_small(site):
    folder = site / INDEX_DIR
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["shards"] & (meta["shards"] - 1) == 0  # a power of two
    sizes = []
    for shard in sorted((folder / "t").iterdir()):
        lines = shard.read_text(encoding="utf-8").splitlines()
        terms = [line.split("\t")[0] for line in lines]
        assert terms == sorted(terms)
        assert all(shard_of(t, meta["shards"]) == int(shard.stem) for t in terms)
        sizes.append(shard.stat().st_size)
    assert len(sizes) == meta["shards"]
    assert sum(sizes) / len(sizes) <= SHARD_TARGET_BYTES


def test_doc_ids_run_newest_first(records, site):
    reader = IndexReader(site)
    fragments = [json.loads(p.read_text(encoding="utf-8")) for p in
                 sorted((site / INDEX_DIR / "d").rglob("*.json"), key=lambda p: int(p.stem))]
    dates = [f["d"] for f in fragments]
    assert len(fragments) == reader.meta["docs"] == len(records)
    assert dates == sorted(dates, reverse=True)


def test_the_same_records_in_any_order_give_the_same_bytes(records, site, tmp_path):
    shuffled = records[:]
    random.Random(2).shuffle(shuffled)
    stats = build_index(shuffled, tmp_path)
    assert _tree(tmp_path / INDEX_DIR) == _tree(site / INDEX_DIR)
    assert stats["docs"] == len(records) and stats["terms"] > 0 and stats["bytes"] > stats["gzip_bytes"] > 0


def test_worker_processes_write_the_same_bytes_as_one_process(records, site, tmp_path, monkeypatch):
    import tdkt.search.index

    monkeypatch.setattr(tdkt.search.index, "PARALLEL_MIN_DOCS", 0)
    build_index(records, tmp_path, jobs=2)
    assert _tree(tmp_path / INDEX_DIR) == _tree(site / INDEX_DIR)


def test_a_query_finds_exactly_the_articles_holding_all_its_syllables(records, site):
    reader = IndexReader(site)
    fragments = {int(p.stem): json.loads(p.read_text(encoding="utf-8")) for p in (site / INDEX_DIR / "d").rglob("*.json")}
    by_page = {r["page"]: r for r in records}
    for query in ["Đồ Sơn", "huan chuong lao dong", "Nguyễn Văn", "2019"]:
        wanted = set(syllables(query))
        expected = sorted(
            doc_id for doc_id, f in fragments.items()
            if wanted <= set(syllables(" ".join([by_page[f["u"]]["title"], by_page[f["u"]]["body"],
                                                  by_page[f["u"]]["unit"]["name"], by_page[f["u"]]["province"]["name"]])))
        )
        assert reader.find(query) == expected, query


def test_a_quoted_phrase_needs_its_syllables_side_by_side(site):
    reader = IndexReader(site)
    loose = set(reader.find("thi dua hang nhi"))
    phrase = set(reader.find('"thi đua" "hạng nhì"'))
    assert phrase <= loose
    assert set(reader.find('"do son"')) <= set(reader.find("son do"))


def test_facet_columns_hold_one_value_per_doc(records, site):
    meta = IndexReader(site).meta
    columns = json.loads((site / INDEX_DIR / "facets.json").read_text(encoding="utf-8"))
    for key in ("tinh", "nam", "khen", "cap"):
        facet = meta["facets"][key]
        assert len(columns[key]) == facet["width"] * meta["docs"]
        assert len(facet["slugs"]) == len(facet["labels"])
    assert sorted(meta["facets"]["nam"]["slugs"], reverse=True) == meta["facets"]["nam"]["slugs"]
    provinces = {r["province"]["name"] for r in records}
    assert set(meta["facets"]["tinh"]["labels"]) == provinces


def test_articles_without_facets_or_body_still_index(tmp_path):
    stats = build_index([{"title": "Đồ Sơn", "page": "bai-viet/x/"}, {"page": "bai-viet/y/", "body": None}], tmp_path)
    assert stats["docs"] == 2
    reader = IndexReader(tmp_path)
    assert len(reader.find("do son")) == 1 and reader.find("do son") == reader.find("Đồ Sơn")


def test_a_result_fragment_keeps_the_opening_and_the_sentences_about_awards_and_officials(tmp_path):
    filler = "Các phong trào thi đua được triển khai rộng khắp trên địa bàn.\n\n" * 60
    body = ("Sáng nay, huyện Quỳnh Phụ tổng kết công tác thi đua.\n\n" + filler
            + "Đồng chí Trần Thị Điết phát biểu chỉ đạo hội nghị.\n\n" + filler
            + "Dịp này, 12 tập thể được tặng Bằng khen của UBND tỉnh.\n\n" + filler)
    build_index([{"title": "Quỳnh Phụ", "page": "bai-viet/x/", "body": body,
                  "officials": [{"name": "Trần Thị Điết", "title": None}]}], tmp_path)
    snippet = json.loads((tmp_path / INDEX_DIR / "d" / "0" / "0.json").read_text(encoding="utf-8"))["b"]
    assert snippet.startswith("Sáng nay, huyện Quỳnh Phụ tổng kết công tác thi đua. Các phong trào")
    assert "Đồng chí Trần Thị Điết phát biểu chỉ đạo hội nghị." in snippet
    assert "Dịp này, 12 tập thể được tặng Bằng khen của UBND tỉnh." in snippet
    assert snippet.endswith("…") and len(snippet) <= 1_250 and "\n" not in snippet
