"""Syndicated copies merge into one article; distinct articles of one unit and year never do.

The texts are written for these tests in the shape of real portal articles: the same chrome,
the same formulaic opening, different content.
"""

from __future__ import annotations

import itertools
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLES, SHARED_DEV
from tdkt.corpus.syndication import JACCARD_THRESHOLD, apply_merges, jaccard, merge_syndicated, shingles

CHROME_TOP = "Cỡ chữ: A- A A+ | In bài viết | Gửi email\nTrang chủ » Tin tức - Sự kiện » Thi đua - Khen thưởng"
CHROME_BOTTOM = "Chia sẻ: Facebook Zalo Twitter\nLượt xem: 1.204\nCác tin khác"
OPENING = ("Chiều 16/01/2025, UBND huyện Yên Khánh tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng "
           "năm 2024, triển khai nhiệm vụ năm 2025. Dự hội nghị có lãnh đạo Ban Thi đua - Khen thưởng tỉnh; "
           "Thường trực Huyện ủy, HĐND, UBND huyện; lãnh đạo các phòng, ban, ngành, đoàn thể và Chủ tịch UBND "
           "các xã, thị trấn.")

CONFERENCE = [
    "Năm 2024, phong trào thi đua yêu nước trên địa bàn huyện được triển khai sâu rộng, gắn với thực hiện "
    "các nhiệm vụ phát triển kinh tế - xã hội. Tổng giá trị sản xuất ước đạt 9.860 tỷ đồng, tăng 8,2% so với "
    "năm trước; toàn huyện có thêm 3 xã đạt chuẩn nông thôn mới nâng cao và 2 xã đạt chuẩn nông thôn mới kiểu mẫu.",
    "Công tác khen thưởng được thực hiện kịp thời, đúng đối tượng. Trong năm, UBND huyện đã đề nghị cấp trên "
    "khen thưởng cho 14 tập thể và 37 cá nhân; Chủ tịch UBND huyện tặng Giấy khen cho 126 tập thể, 412 cá nhân "
    "và 58 hộ gia đình có thành tích xuất sắc trong các phong trào thi đua.",
    "Tại hội nghị, các đại biểu đã thảo luận, chỉ ra những hạn chế như một số phong trào còn hình thức, việc "
    "phát hiện, nhân rộng điển hình tiên tiến ở cơ sở chưa thường xuyên, chế độ báo cáo của một số đơn vị chưa "
    "đúng thời gian quy định.",
    "Phát biểu chỉ đạo, đồng chí Đinh Thị Hoa, Chủ tịch UBND huyện đề nghị các đơn vị tiếp tục đổi mới nội "
    "dung, hình thức tổ chức phong trào thi đua, chú trọng khen thưởng người lao động trực tiếp, thi đua hoàn "
    "thành thắng lợi các mục tiêu năm 2025.",
    "Dịp này, Chủ tịch UBND tỉnh tặng Cờ thi đua cho 2 tập thể có thành tích dẫn đầu phong trào thi đua năm "
    "2024; Chủ tịch UBND huyện tặng Giấy khen cho 15 tập thể và 30 cá nhân. Các cụm thi đua đã ký kết giao ước "
    "thi đua năm 2025.",
]

# Same unit, same year, same portal, same opening: the district's meeting of its advanced models.
MODELS = [
    "Trong 5 năm qua, các phong trào thi đua trên địa bàn huyện đã xuất hiện nhiều gương điển hình tiên tiến "
    "trên các lĩnh vực sản xuất nông nghiệp, xây dựng nông thôn mới, giáo dục và bảo đảm an ninh trật tự. "
    "Nhiều mô hình trồng lúa chất lượng cao, nuôi trồng thủy sản theo hướng hữu cơ mang lại thu nhập ổn định.",
    "Hội nghị đã nghe 6 tham luận của các điển hình, trong đó có câu chuyện của ông Vũ Văn Hải, xã Khánh Thủy, "
    "người đã hiến hơn 300 mét vuông đất để mở rộng đường liên thôn, và của cô giáo Trần Thị Mai, Trường tiểu "
    "học Khánh Hội, nhiều năm liền có học sinh đạt giải cấp tỉnh.",
    "Ban Tổ chức đã lựa chọn 45 tập thể, 96 cá nhân tiêu biểu để biểu dương; 12 gương điển hình được đề nghị "
    "Chủ tịch UBND tỉnh tặng Bằng khen. Các đại biểu đề xuất tăng cường tuyên truyền trên hệ thống truyền "
    "thanh cơ sở để những cách làm hay được nhân rộng.",
    "Kết luận hội nghị, đồng chí Bí thư Huyện ủy yêu cầu các cấp ủy đảng quan tâm bồi dưỡng, phát hiện nhân tố "
    "mới, bảo đảm mỗi xã, thị trấn có ít nhất một mô hình tiêu biểu được xây dựng và nhân rộng trong năm tới.",
]

# Same unit, same template a year earlier: the portal reused last year's article.
LAST_YEAR = [
    "Năm 2023, phong trào thi đua yêu nước trên địa bàn huyện được triển khai sâu rộng, gắn với thực hiện "
    "các nhiệm vụ phát triển kinh tế - xã hội. Tổng giá trị sản xuất ước đạt 9.112 tỷ đồng, tăng 7,4% so với "
    "năm trước; toàn huyện có thêm 4 xã đạt chuẩn nông thôn mới nâng cao và 1 xã đạt chuẩn nông thôn mới kiểu mẫu.",
    "Công tác khen thưởng được thực hiện kịp thời, đúng đối tượng. Trong năm, UBND huyện đã đề nghị cấp trên "
    "khen thưởng cho 11 tập thể và 29 cá nhân; Chủ tịch UBND huyện tặng Giấy khen cho 118 tập thể, 387 cá nhân "
    "và 44 hộ gia đình có thành tích xuất sắc trong các phong trào thi đua.",
    "Tại hội nghị, các đại biểu đã thảo luận về giải pháp khắc phục tình trạng chấm điểm thi đua còn nể nang, "
    "một số đơn vị đăng ký thi đua muộn, hồ sơ đề nghị khen thưởng chưa đầy đủ.",
    "Phát biểu chỉ đạo, đồng chí Phạm Quang Ngọc, Chủ tịch UBND huyện đề nghị các đơn vị bám sát chủ đề năm, "
    "chủ động đăng ký thi đua từ đầu năm, thi đua hoàn thành thắng lợi các mục tiêu năm 2024.",
    "Dịp này, Chủ tịch UBND tỉnh tặng Cờ thi đua cho 1 tập thể có thành tích dẫn đầu phong trào thi đua năm "
    "2023; Chủ tịch UBND huyện tặng Giấy khen cho 12 tập thể và 26 cá nhân.",
]


def page(paragraphs: list[str], opening: str = OPENING, byline: str = "Minh Anh") -> str:
    return "\n\n".join([CHROME_TOP, opening, *paragraphs, byline, CHROME_BOTTOM])


def record(id_: str, body: str, published: str | None = "2025-01-17", **extra) -> dict:
    return {"id": id_, "source": f"corpus/{id_}.html", "url": f"https://{id_}.example.vn/tin/{id_}.html",
            "published_date": published, "body": body, **extra}


def syndicated_copy(paragraphs: list[str]) -> str:
    """The provincial paper's copy: its own chrome and lead, a dropped paragraph, a few edits, its byline."""
    edited = [p.replace("Chủ tịch UBND huyện tặng", "Chủ tịch UBND huyện đã tặng").replace("Tại hội nghị", "Tại Hội nghị")
              for p in paragraphs[:-1]]
    lead = ("(Báo Ninh Bình) - Ngày 16/1, huyện Yên Khánh tổng kết công tác thi đua, khen thưởng năm 2024, "
            "triển khai nhiệm vụ năm 2025.")
    return "\n\n".join(["Trang chủ | Thời sự | Kinh tế | Văn hóa - Xã hội", lead, *edited,
                        "Hoàng Nam - Báo Ninh Bình", "Bình luận (0)"])


def test_copies_merge_into_the_earliest_and_list_every_source():
    original = record("huyen-yen-khanh", page(CONFERENCE), "2025-01-17")
    copy = record("bao-ninh-binh", syndicated_copy(CONFERENCE), "2025-01-18")
    other = record("so-gd", page(MODELS, opening="Sở Giáo dục tổ chức hội nghị điển hình tiên tiến."))
    merged, merges = merge_syndicated([copy, other, original])
    assert [r["id"] for r in merged] == ["so-gd", "huyen-yen-khanh"]   # input order kept, the copy gone
    kept = merged[1]
    assert kept["body"] == original["body"]
    assert kept["sources"] == [
        {"id": "huyen-yen-khanh", "source": "corpus/huyen-yen-khanh.html",
         "url": "https://huyen-yen-khanh.example.vn/tin/huyen-yen-khanh.html"},
        {"id": "bao-ninh-binh", "source": "corpus/bao-ninh-binh.html",
         "url": "https://bao-ninh-binh.example.vn/tin/bao-ninh-binh.html"},
    ]
    assert "sources" not in merged[0]
    [merge] = merges
    assert merge["kept"] == "huyen-yen-khanh" and merge["merged"] == ["bao-ninh-binh"]
    assert JACCARD_THRESHOLD <= merge["similarity"] < 1
    assert "sources" not in original          # the input is not modified


def test_same_date_ties_go_to_the_smallest_id_and_undated_copies_lose():
    body = page(CONFERENCE)
    records = [record("c", body, None), record("b", body, "2025-01-17"), record("a", syndicated_copy(CONFERENCE),
                                                                                "2025-01-17")]
    merged, merges = merge_syndicated(records)
    assert [r["id"] for r in merged] == ["a"]
    assert merges == [{"kept": "a", "merged": ["b", "c"], "similarity": merges[0]["similarity"]}]


@pytest.mark.parametrize("other", [
    pytest.param(lambda: page(MODELS), id="same unit, year, chrome and opening; other meeting"),
    pytest.param(lambda: page(CONFERENCE[:1] + MODELS[1:]), id="shares one paragraph of five"),
])
def test_distinct_articles_of_one_unit_and_year_never_merge(other):
    records = [record("a", page(CONFERENCE)), record("b", other())]
    merged, merges = merge_syndicated(records)
    assert merges == [] and [r["id"] for r in merged] == ["a", "b"]
    assert jaccard(shingles(records[0]["body"]), shingles(records[1]["body"])) < JACCARD_THRESHOLD


def _year_earlier(text: str) -> str:
    """Last year's article on the same template: every year one less, every figure changed."""
    return re.sub(r"\d+", lambda m: str(int(m.group()) - 1 if int(m.group()) > 2000 else int(m.group()) * 7 // 8 + 1),
                  text)


@pytest.mark.parametrize("last_year", [
    pytest.param(lambda: page(LAST_YEAR, opening=_year_earlier(OPENING)), id="rewritten on last year's template"),
    pytest.param(lambda: _year_earlier(page(CONFERENCE)), id="only the figures changed"),
])
def test_last_years_article_on_the_same_template_never_merges(last_year):
    # no extracted dates here: the text alone must tell them apart
    records = [record("a", page(CONFERENCE)), record("b", last_year())]
    assert merge_syndicated(records)[1] == []


def test_two_events_never_merge_however_alike_their_text():
    # A portal that republished last year's text with this year's date is not a copy of last year's article.
    records = [record("a", page(CONFERENCE), event_date="2025-01-16", reviewed_year=2024),
               record("b", page(CONFERENCE), event_date="2024-01-12", reviewed_year=2023)]
    assert merge_syndicated(records)[1] == []


def test_short_bodies_are_left_alone():
    short = "UBND huyện tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2024."
    assert merge_syndicated([record("a", short), record("b", short)])[1] == []


def test_a_chain_of_copies_does_not_drag_in_a_barely_similar_article():
    # b copies most of a, c copies most of b's added text: c must not merge into a.
    a = page(CONFERENCE)
    b = page(CONFERENCE[1:] + MODELS[:2])
    c = page(CONFERENCE[3:] + MODELS[:2] + MODELS[3:])
    records = [record("a", a, "2025-01-01"), record("b", b, "2025-01-02"), record("c", c, "2025-01-03")]
    merged, merges = merge_syndicated(records)
    for merge in merges:
        kept = next(r for r in records if r["id"] == merge["kept"])
        for copy_id in merge["merged"]:
            copy = next(r for r in records if r["id"] == copy_id)
            assert jaccard(shingles(kept["body"]), shingles(copy["body"])) >= JACCARD_THRESHOLD


def test_deterministic_whatever_the_input_order():
    records = [record(f"r{i}", page(CONFERENCE) if i % 3 == 0 else page(MODELS) if i % 3 == 1
                      else syndicated_copy(CONFERENCE), f"2025-01-{10 + i:02d}") for i in range(9)]
    expected = merge_syndicated(records)
    shuffled = records[:]
    random.Random(3).shuffle(shuffled)
    merged, merges = merge_syndicated(shuffled)
    assert merges == expected[1]
    assert sorted(r["id"] for r in merged) == sorted(r["id"] for r in expected[0])
    assert [m["kept"] for m in merges] == ["r0", "r1"]


def _copy_with_edits(text: str, rnd: random.Random) -> str:
    """A republished copy: new chrome and byline, the lead rewritten, one paragraph in six dropped, 1 word in 30 edited."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    paragraphs[0] = "Theo Cổng thông tin điện tử tỉnh, " + paragraphs[0][len(paragraphs[0]) // 2:]
    for i in sorted(rnd.sample(range(1, len(paragraphs)), max(1, len(paragraphs) // 6)), reverse=True):
        del paragraphs[i]
    edited = []
    for paragraph in paragraphs:
        tokens = paragraph.split(" ")
        edited.append(" ".join(t + "x" if rnd.random() < 1 / 30 else t for t in tokens))
    return "\n".join([CHROME_TOP, *edited, "Nguồn: Báo tỉnh điện tử", CHROME_BOTTOM])


def test_threshold_separates_distinct_articles_from_copies():
    """The measurement behind JACCARD_THRESHOLD, re-run: real distinct articles stay far below, copies above."""
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    dev = sorted((SHARED_DEV / "articles").glob("*.txt")) if SHARED_DEV.exists() else []
    texts += [p.read_text(encoding="utf-8") for p in dev]
    sets = [shingles(t) for t in texts]
    distinct = max(jaccard(a, b) for a, b in itertools.combinations(sets, 2))
    assert distinct < JACCARD_THRESHOLD / 4
    rnd = random.Random(11)
    variants = [(i, _copy_with_edits(t, rnd)) for i, t in enumerate(texts[:len(SAMPLES)]) for _ in range(5)]
    copies = [jaccard(sets[i], shingles(v)) for i, v in variants]
    assert sorted(copies)[len(copies) // 2] >= 0.6
    assert sum(c >= JACCARD_THRESHOLD for c in copies) >= 0.8 * len(copies)
    # and the whole path (MinHash, LSH, check) merges each copy above the threshold with its
    # original and nothing else, among all the distinct articles
    firsts = variants[::5]
    records = [record(f"s{i}", t, "2024-01-01") for i, t in enumerate(texts)]
    records += [record(f"z{i}", v, "2024-02-01") for i, v in firsts]
    merged, merges = merge_syndicated(records)
    expected = {f"s{i}": [f"z{i}"] for (i, v), c in zip(firsts, copies[::5]) if c >= JACCARD_THRESHOLD}
    assert {m["kept"]: m["merged"] for m in merges} == expected
    assert len(expected) >= 3
    assert len(merged) == len(records) - len(expected)


def test_in_a_large_templated_corpus_only_the_copy_merges():
    """Hundreds of articles on five skeletons (the benchmark's corpus): their shared template is set
    aside as a formula, and still only the real copy merges."""
    synth = pytest.importorskip("benchmarks.synth")
    background = [record(f"synth-{i:03d}", synth.make_article(i), None) for i in range(240)]
    ours = [record("huyen-yen-khanh", page(CONFERENCE), "2025-01-17"),
            record("bao-ninh-binh", syndicated_copy(CONFERENCE), "2025-01-18"),
            record("hoi-nghi-dien-hinh", page(MODELS), "2025-01-20"),
            record("nam-truoc", _year_earlier(page(CONFERENCE)), "2024-01-15")]
    merged, merges = merge_syndicated(background + ours)
    assert [(m["kept"], m["merged"]) for m in merges] == [("huyen-yen-khanh", ["bao-ninh-binh"])]
    assert len(merged) == len(background) + 3


def test_common_shingles_are_the_ones_most_bodies_share():
    from tdkt.corpus.syndication import COMMON_MIN_DOCS, common_shingles, shingle_hashes

    formula = "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024, triển khai nhiệm vụ năm 2025."
    bodies = [f"{formula} Bài số {i}: nội dung riêng {i * 7919} của đơn vị thứ {i}." for i in range(COMMON_MIN_DOCS + 5)]
    common = set(common_shingles([shingle_hashes(b) for b in bodies]).tolist())
    assert set(shingle_hashes(formula).tolist()) <= common
    assert set(shingle_hashes(f"nội dung riêng {3 * 7919} của đơn vị thứ 3").tolist()).isdisjoint(common)
    assert common_shingles([shingle_hashes(b) for b in bodies[:COMMON_MIN_DOCS]]).size == 0   # small corpora keep all


PARAGRAPHS = CONFERENCE + MODELS + LAST_YEAR


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.lists(st.integers(0, len(PARAGRAPHS) - 1), min_size=1, max_size=6),
                          st.sampled_from([None, "2025-01-17", "2025-01-18"])), min_size=1, max_size=8))
def test_every_article_is_kept_or_merged_exactly_once(drafts):
    records = [record(f"r{i}", page([PARAGRAPHS[k] for k in paras]), published)
               for i, (paras, published) in enumerate(drafts)]
    merged, merges = merge_syndicated(records)
    kept_ids = [r["id"] for r in merged]
    merged_ids = [i for m in merges for i in m["merged"]]
    assert sorted(kept_ids + merged_ids) == sorted(r["id"] for r in records)
    assert {m["kept"] for m in merges} <= set(kept_ids)
    for m in merges:
        kept = next(r for r in merged if r["id"] == m["kept"])
        assert [s["id"] for s in kept["sources"]] == [m["kept"], *m["merged"]]
        assert m["similarity"] >= JACCARD_THRESHOLD
    again, more = merge_syndicated(merged)      # merging is done once and for all
    assert more == [] and again == merged
    # a build merges in a child process, which sends back only `merges`: the same records from them
    rebuilt = apply_merges(records, merges)
    assert rebuilt == merged
    assert all(r is s for r, s in zip(rebuilt, merged) if "sources" not in r)  # the others untouched, as given
    assert not any("sources" in r for r in records)


def test_a_memo_of_an_earlier_run_gives_the_same_merges_and_redoes_only_new_bodies():
    from tdkt.corpus.syndication import Memo

    records = [record(f"r{i}", page(CONFERENCE) if i % 3 == 0 else page(MODELS) if i % 3 == 1
                      else syndicated_copy(CONFERENCE), f"2025-01-{10 + i:02d}") for i in range(9)]
    expected = merge_syndicated(records)
    first = Memo()
    assert merge_syndicated(records, first) == expected
    # the next run starts from what the first one kept, with one article more
    added = records + [record("r9", page(MODELS[1:]), "2025-01-30")]
    remembered = Memo(dict(first.used_shingles), dict(first.used_sketches))
    computed = []
    remembered.shingles = _Counting(remembered.shingles, computed)
    assert merge_syndicated(added, remembered) == merge_syndicated(added)
    assert len(computed) == 1  # only the new body was shingled again


class _Counting(dict):
    """A shingle memo that records each body it does not know."""

    def __init__(self, known: dict, misses: list):
        super().__init__(known)
        self.misses = misses

    def get(self, key, default=None):
        if key not in self:
            self.misses.append(key)
        return super().get(key, default)
