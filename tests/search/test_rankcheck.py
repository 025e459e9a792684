"""The ranking check on real articles (benchmarks.rankcheck): how it makes its queries and scores an
engine, on invented labels and articles; and, where ../shared is present, tdkt on the real ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.rankcheck import (
    award_query,
    gold_queries,
    half_of,
    in_a_row,
    relevance,
    score,
)
from tdkt.search import build_index

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def test_award_names_are_typed_as_the_text_says_them():
    assert award_query("Lao động tiên tiến (cá nhân)") == "Lao động tiên tiến"
    assert award_query("Cờ thi đua cấp bộ, ngành, tỉnh") == "Cờ thi đua cấp bộ"
    assert award_query("Bằng khen của Thủ tướng Chính phủ") == "Bằng khen của Thủ tướng Chính phủ"


def test_queries_come_from_the_labels_typed_without_tone_marks_each_once(tmp_path):
    for name, officials in (("dev", ["Đặng Văn Điết", "Hòa"]), ("dev2", ["Đặng Văn Điết", "Lê Thị Hồng Gấm"])):
        folder = tmp_path / "corpus" / name
        folder.mkdir(parents=True)
        gold = {"unit": "UBND huyện Quỳnh Phụ", "award_types": ["lao-dong-tien-tien", "khong-co"],
                "officials": [{"name": n, "title": None} for n in officials]}
        (folder / "gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    queries = gold_queries(tmp_path)
    assert [(q["query"], q["kind"], q["set"]) for q in queries] == [
        ("dang van diet", "official", "dev"), ("lao dong tien tien", "award", "dev"),
        ("le thi hong gam", "official", "dev2"), ("ubnd huyen quynh phu", "unit", "dev")]  # 'Hòa': one syllable
    halves = {half_of(q["query"]) for q in queries}
    assert halves <= {"tuning", "reported"} and half_of("dang van diet") == half_of("dang van diet")


def test_relevant_means_the_words_in_a_row_in_the_headline_or_the_text(tmp_path):
    build_index([
        {"id": "a", "page": "bai-viet/a/", "title": "Huyện Quỳnh Phụ tổng kết", "body": "Ông Đặng Văn Điết dự."},
        {"id": "b", "page": "bai-viet/b/", "title": "Tổng kết", "body": "Ông Điết, ông Đặng và ông Văn dự."},
        {"id": "c", "page": "bai-viet/c/", "title": "Tổng kết", "body": "Dự có bà Nguyễn Thị Hoa.",
         "officials": [{"name": "Đặng Văn Điết"}]},  # a label alone is no text
    ], tmp_path)
    found = relevance(tmp_path, [{"query": "dang van diet"}, {"query": "quynh phu"}])
    assert found == {"dang van diet": {"bai-viet/a/"}, "quynh phu": {"bai-viet/a/"}}
    assert in_a_row("Đặng Văn, Điết", "dang van diet") and not in_a_row("Đặng Văn Điếtt", "dang van diet")


def test_an_engine_scores_by_its_first_result_its_first_ten_and_its_first_snippet():
    relevant = {"q one": {"p1"}, "q two": {"p2"}}
    answers = {"q one": {"pages": ["p1", "p9"], "snippet": "… Q One …"},
               "q two": {"pages": ["p9"] * 9 + ["p2"], "snippet": "q, two"}}
    scored = score(answers, relevant, ["q one", "q two"])
    assert (scored["top1"], scored["top10"], scored["snippet"]) == (0.5, 1.0, 1.0)
    scored = score({**answers, "q two": {"pages": ["p9"] * 10 + ["p2"], "snippet": "two q"}}, relevant, ["q two"])
    assert (scored["top1"], scored["top10"], scored["snippet"]) == (0.0, 0.0, 0.0)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "corpus" / "dev" / "gold.jsonl").is_file(), reason="no ../shared/corpus (real articles)")
def test_tdkt_puts_a_relevant_real_article_first(tmp_path, chromium):
    """The issue's targets, on the reported half of the queries (never tuned on): top result
    relevant >= 0.97, a relevant one in the first ten >= 0.98, first snippet shows the words >= 0.97."""
    from benchmarks.rankcheck import ask_tdkt, build_real_site

    site = build_real_site(SHARED, tmp_path / "project")
    queries = gold_queries(SHARED)
    relevant = relevance(site, queries)
    reported = [q["query"] for q in queries if relevant[q["query"]] and half_of(q["query"]) == "reported"]
    assert len(reported) >= 50
    scored = score(ask_tdkt(site, reported, chromium), relevant, reported)
    assert scored["top1"] >= 0.97 and scored["top10"] >= 0.98 and scored["snippet"] >= 0.97, \
        {k: scored[k] for k in ("top1", "top10", "snippet")}
