"""The search index as files: tokens, bigrams, đ, shards, ordering, determinism, the result store,
what a query finds."""

from __future__ import annotations

import json
import random
import zlib
from pathlib import Path

import pytest

from benchmarks.searchbench import sample_records, synthetic_records
from tdkt.search import INDEX_DIR, IndexReader, build_index, index_workers, parse_query
from tdkt.search.segment import SHARD_TARGET_BYTES
from tdkt.search.store import inflate_raw
from tdkt.search.terms import decode_ids, encode_ids, shard_of, syllables, terms_of
from tdkt.taxonomy import CENTRAL_PROVINCE_GROUP, UNKNOWN_PROVINCE_GROUP
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


def _segment(site: Path) -> Path:
    meta = json.loads((site / INDEX_DIR / "meta.json").read_text(encoding="utf-8"))
    return site / INDEX_DIR / meta["segments"][0]["name"]


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
    segment = _segment(site)
    meta = json.loads((site / INDEX_DIR / "meta.json").read_text(encoding="utf-8"))["segments"][0]
    assert meta["shards"] & (meta["shards"] - 1) == 0  # a power of two
    sizes = []
    for shard in sorted((segment / "t").iterdir()):
        text = inflate_raw(shard.read_bytes()).decode("utf-8")
        terms = [line.split("\t")[0] for line in text.splitlines()]
        assert terms == sorted(terms)
        assert all(shard_of(t, meta["shards"]) == int(shard.stem) for t in terms)
        sizes.append(len(text.encode("utf-8")))
    assert len(sizes) == meta["shards"]
    assert sum(sizes) / len(sizes) <= SHARD_TARGET_BYTES


def test_doc_ids_run_newest_first(records, site):
    reader = IndexReader(site)
    dates = [reader.doc(i)[2] for i in reader.order()]
    assert reader.order() == list(range(len(records))) == list(range(reader.meta["docs"]))
    assert dates == sorted(dates, reverse=True)


def test_the_result_store_holds_each_articles_whole_text_and_its_display_headline(tmp_path):
    body = ("Sáng nay, huyện Quỳnh Phụ tổng kết công tác thi đua.\n\n"
            + "Các phong trào thi đua được triển khai rộng khắp trên địa bàn.\n\n" * 80
            + "Dịp này, đồng chí Trần Thị Điết trao Huân chương Lao động hạng Nhì cho 2 tập thể.")
    build_index([{"id": "a", "title": None, "display_title": "Huyện Quỳnh Phụ tổng kết công tác thi đua",
                  "page": "bai-viet/a/", "body": body, "event_date": "2024-01-05",
                  "unit": {"name": "UBND huyện Quỳnh Phụ", "level": "district"},
                  "province": {"name": "Thái Bình", "current": "Hưng Yên"},
                  "officials": [{"name": "Trần Thị Điết", "title": None}]}], tmp_path)
    stored = IndexReader(tmp_path).doc(0)
    assert stored == ["Huyện Quỳnh Phụ tổng kết công tác thi đua", "bai-viet/a/", "2024-01-05",
                      "UBND huyện Quỳnh Phụ", "Thái Bình", ["Trần Thị Điết"], body]


def test_the_result_store_costs_well_under_the_text_it_holds(records, site):
    """Deflate against the corpus's own dictionary: fewer bytes than deflate alone, and a small
    part of the text (the site's budget is 20 KB per article, all pages included)."""
    segment = _segment(site)
    stored = sum(p.stat().st_size for p in (segment / "d").rglob("*.bin"))
    raw = sum(len(r["body"].encode("utf-8")) for r in records)
    alone = sum(len(zlib.compress(r["body"].encode("utf-8"), 9)) - 6 for r in records)
    assert stored < 0.85 * alone
    assert stored / len(records) < 0.35 * raw / len(records)


def test_the_same_records_in_any_order_give_the_same_bytes(records, site, tmp_path):
    shuffled = records[:]
    random.Random(2).shuffle(shuffled)
    stats = build_index(shuffled, tmp_path)
    assert _tree(tmp_path / INDEX_DIR) == _tree(site / INDEX_DIR)
    assert stats["docs"] == len(records) and stats["terms"] > 0 and stats["bytes"] > stats["postings_bytes"] > 0


@pytest.mark.parametrize("jobs", [1, 2, "forked before"])
def test_runs_of_any_size_in_any_number_of_processes_write_the_same_bytes(records, tmp_path, monkeypatch, jobs):
    import tdkt.search.segment

    monkeypatch.setattr(tdkt.search.segment, "PARALLEL_MIN_DOCS", 0)
    monkeypatch.setattr(tdkt.search.segment, "RUN_DOCS", 7)  # 18 runs, joined in order
    monkeypatch.setattr(tdkt.search.segment, "SHARD_TARGET_BYTES", 500)  # shards deflated on threads, in batches
    if jobs == "forked before":  # the workers the build forks before it starts the downloads' thread
        with index_workers(2) as workers:
            build_index(records, tmp_path, jobs=workers)
    else:
        build_index(records, tmp_path, jobs=jobs)
    expected = tmp_path / "expected"
    build_index(records, expected, jobs=1)
    assert len(list((expected / INDEX_DIR).rglob("t/*.bin"))) > 64
    assert _tree(tmp_path / INDEX_DIR) == _tree(expected / INDEX_DIR)


def test_a_query_finds_exactly_the_articles_holding_all_its_syllables(records, site):
    reader = IndexReader(site)
    by_page = {r["page"]: r for r in records}
    for query in ["Đồ Sơn", "huan chuong lao dong", "Nguyễn Văn", "2019"]:
        wanted = set(syllables(query))
        expected = {page for page, r in by_page.items()
                    if wanted <= set(syllables(" ".join([r["title"], r["body"], r["unit"]["name"], r["province"]["name"],
                                                         *[o["name"] for o in r["officials"]]])))}
        found = reader.find(query)
        assert set(found) == expected and len(found) == len(expected), query


def _article(i: int, body: str, **more) -> dict:
    return {"id": f"x{i}", "title": f"Hội nghị số {i}", "page": f"bai-viet/x{i}/", "body": body,
            "event_date": f"2024-01-{10 + i:02d}", **more}


def test_a_quoted_phrase_needs_its_syllables_side_by_side_even_when_every_pair_is_there(tmp_path):
    """'Lao động hạng Ba' and 'Chiến công hạng Nhì' hold every pair of 'lao động hạng nhì':
    the chain is there, the phrase is not."""
    build_index([
        _article(1, "Trao Huân chương Lao động hạng Nhì cho Công ty Điện lực."),
        _article(2, "Trao Huân chương Lao động hạng Ba và Huân chương Chiến công hạng Nhì."),
        _article(3, "Lao động, hạng Nhì: tập thể xuất sắc."),  # punctuation between is still side by side
    ], tmp_path)
    reader = IndexReader(tmp_path)
    assert reader.find('"lao động hạng nhì"') == ["bai-viet/x3/", "bai-viet/x1/"]
    assert sorted(reader.find("lao dong hang nhi")) == ["bai-viet/x1/", "bai-viet/x2/", "bai-viet/x3/"]
    assert sorted(reader.in_a_row("lao dong hang nhi")) == ["bai-viet/x1/", "bai-viet/x3/"]
    assert reader.find('"hang nhi"') == reader.find('"hạng nhì"') == ["bai-viet/x3/", "bai-viet/x2/", "bai-viet/x1/"]


def test_the_province_facet_lists_the_articles_without_a_province_as_their_own_values(tmp_path):
    build_index([
        _article(1, "Thi đua.", province={"name": "Thái Bình", "current": "Hưng Yên"}, province_scope="province"),
        _article(2, "Thi đua.", province={"name": None, "current": None}, province_scope="central"),
        _article(3, "Thi đua.", province=None, province_scope="unknown"),
    ], tmp_path)
    facet = IndexReader(tmp_path).meta["facets"]["tinh"]
    assert sorted(facet["labels"]) == sorted(["Thái Bình", CENTRAL_PROVINCE_GROUP, UNKNOWN_PROVINCE_GROUP])
    assert len(set(facet["slugs"])) == 3


def test_articles_without_facets_or_body_still_index(tmp_path):
    stats = build_index([{"title": "Đồ Sơn", "page": "bai-viet/x/"}, {"page": "bai-viet/y/", "body": None}], tmp_path)
    assert stats["docs"] == 2
    reader = IndexReader(tmp_path)
    assert reader.find("do son") == reader.find("Đồ Sơn") == ["bai-viet/x/"]
