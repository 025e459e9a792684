"""`tdkt review`: what the extractor was unsure of, worst first, for the editor to clear."""

from __future__ import annotations

import csv
import json

import pytest

from conftest import SAMPLES
from tdkt import cli
from tdkt.extract.review import review_items, write_review_csv

BODY = ("Sáng ngày 12/1, UBND thị xã Hồng Lĩnh tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023, "
        "triển khai nhiệm vụ năm 2024. Năm 2023, thị xã đã hoàn thành xuất sắc các nhiệm vụ chính trị được giao; "
        "phong trào thi đua yêu nước được triển khai sâu rộng trong các cơ quan, đơn vị và các phường, xã.")


def record(id_: str, **fields) -> dict:
    base = {
        "id": id_, "source": f"corpus/{id_}.txt", "url": f"https://hongLinh.example.vn/{id_}",
        "title": "Thị xã Hồng Lĩnh tổng kết công tác thi đua, khen thưởng năm 2023",
        "event_date": "2024-01-12", "published_date": "2024-01-13",
        "unit": {"name": "UBND thị xã Hồng Lĩnh", "level": "district"},
        "province": {"name": "Hà Tĩnh", "current": "Hà Tĩnh"},
        "reviewed_year": 2023, "campaign_year": 2024,
        "awards": [{"type": "giay-khen", "label": "Giấy khen", "detail": "Giấy khen", "status": "given"}],
        "officials": [], "author": None, "body": BODY, "warnings": [],
    }
    base.update(fields)
    return base


def test_a_clean_record_needs_no_look():
    assert review_items([record("ok")]) == []


@pytest.mark.parametrize("fields, issue", [
    ({"province": {"name": None, "current": None}}, "no province"),
    ({"province": None}, "no province"),
    ({"event_date": None, "published_date": None}, "no date"),
    ({"event_date": None}, "no event date (filed by the published date)"),
    ({"title": " "}, "no title"),
    ({"unit": {"name": None, "level": None}}, "no organising unit"),
    ({"event_date": "2021-12-20"}, "years disagree: reviews 2023, held 2021-12-20"),
    ({"campaign_year": 2026}, "years disagree: reviews 2023, campaign 2026"),
    ({"published_date": "2024-01-02"}, "published (2024-01-02) before the event (2024-01-12)"),
    ({"awards": [{"type": None, "detail": "Bằng khen của Ban Chấp hành"}]},
     "award not typed: 'Bằng khen của Ban Chấp hành'"),
    ({"warnings": ["place in the unit is in several provinces (An Giang, Bến Tre); chose by the article's other "
                   "place names"]},
     "ambiguous place name: place in the unit is in several provinces (An Giang, Bến Tre); chose by the article's "
     "other place names"),
    ({"body": "Tin ngắn."}, "very short text"),
])
def test_each_doubt_is_named(fields, issue):
    [item] = review_items([record("x", **fields)])
    assert issue in item["issues"]
    assert item["id"] == "x" and item["score"] > 0


def test_worst_first_then_by_id():
    records = [
        record("b-minor", unit={"name": "UBND thị xã", "level": "other"}),
        record("c-no-province-no-date", province=None, event_date=None, published_date=None),
        record("a-minor", unit={"name": "UBND thị xã", "level": "other"}),
        record("d-years", event_date="2021-12-20"),
        record("e-clean"),
    ]
    items = review_items(records)
    assert [i["id"] for i in items] == ["c-no-province-no-date", "d-years", "a-minor", "b-minor"]
    assert items[0]["score"] > items[1]["score"] > items[2]["score"] == items[3]["score"]
    assert items[0]["issues"][:2] == ["no date", "no province"]


def test_a_field_the_editor_corrected_is_not_flagged_again():
    fixed = record("x", province={"name": None, "current": None}, event_date=None,
                   corrected={"province": "Tin của Sở, không thuộc tỉnh nào"})
    [item] = review_items([fixed])
    assert "no province" not in item["issues"]
    assert item["issues"] == ["no event date (filed by the published date)"]


def test_csv_is_excel_ready_and_stable(tmp_path):
    records = [record("b", province=None), record("a", title="", awards=[{"type": "bogus", "detail": "Huy hiệu"}]),
               record("c")]
    path = tmp_path / "build" / "review.csv"
    assert write_review_csv(records, path) == 2
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["score", "id", "issues", "title", "province", "date", "source", "url"]
    assert [r[1] for r in rows[1:]] == ["a", "b"]
    assert rows[1][2] == "award not typed: 'Huy hiệu' | no title"
    write_review_csv(list(reversed(records)), tmp_path / "again.csv")
    assert (tmp_path / "again.csv").read_bytes() == data


def test_cli_prints_the_list_and_names_broken_records(tmp_path, capsys):
    articles = tmp_path / "build" / "articles"
    articles.mkdir(parents=True)
    for rec in (record("a", province=None), record("b"), record("c", event_date=None)):
        (articles / f"{rec['id']}.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    (articles / "broken.json").write_text("{not json", encoding="utf-8")
    code = cli.main(["review", "--build", str(tmp_path / "build"), "--csv", str(tmp_path / "review.csv"),
                     "--overrides", str(tmp_path / "none.yaml")])
    out, err = capsys.readouterr()
    assert code == 0
    assert err.strip().startswith(f"{articles / 'broken.json'}: cannot read the record")
    lines = out.strip().splitlines()
    assert lines[0] == "score\tid\tissues\ttitle"
    assert lines[1].startswith("5\ta\tno province\t")
    assert lines[2].startswith("2\tc\tno event date")
    assert lines[-1] == f"2 of 3 articles need a look; list written to {tmp_path / 'review.csv'}"
    assert (tmp_path / "review.csv").exists()


def test_cli_applies_the_editors_overrides_first(tmp_path, capsys):
    articles = tmp_path / "build" / "articles"
    articles.mkdir(parents=True)
    for rec in (record("a", province=None), record("b", title=None), record("c", event_date=None)):
        (articles / f"{rec['id']}.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text("articles:\n  a: {province: Hà Tĩnh, reason: Tin của thị xã Hồng Lĩnh}\n"
                         "drop:\n  b: Bài trùng\n", encoding="utf-8")
    assert cli.main(["review", "--build", str(tmp_path / "build"), "--overrides", str(overrides)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert [line.split("\t")[1] for line in out[1:-1]] == ["c"]
    assert out[-1] == "1 of 2 articles need a look"
    overrides.write_text("articles:\n  a: {province: Hà Tây Mới, reason: x}\n", encoding="utf-8")
    assert cli.main(["review", "--build", str(tmp_path / "build"), "--overrides", str(overrides)]) == 2
    assert "unknown province 'Hà Tây Mới'" in capsys.readouterr().err


def test_cli_without_a_build_says_what_to_do(tmp_path, capsys):
    assert cli.main(["review", "--build", str(tmp_path / "none")]) == 2
    assert "run 'tdkt build' first" in capsys.readouterr().err


def test_review_of_the_extracted_samples():
    """End to end when the extractor is there: every flag points at a real gap in a real record."""
    pipeline = pytest.importorskip("tdkt.extract.pipeline")
    records = [pipeline.extract_file(path, path.parent.parent) for path in SAMPLES]
    items = {item["id"]: item for item in review_items(records)}
    for rec in records:
        item = items.get(str(rec["id"]))
        if not rec.get("title"):
            assert item and "no title" in item["issues"]
        if not (rec.get("province") or {}).get("name"):
            assert item and "no province" in item["issues"]
        if item is None:
            assert rec.get("title") and rec.get("event_date") and (rec.get("province") or {}).get("name")


def test_a_national_bodys_empty_province_is_no_doubt_but_an_unknown_one_is():
    central = record("central", province={"name": None, "current": None}, province_scope="central",
                     unit={"name": "Hội đồng Thi đua - Khen thưởng Trung ương", "level": "central"})
    unknown = record("unknown", province={"name": None, "current": None}, province_scope="unknown")
    assert [i["id"] for i in review_items([central, unknown])] == ["unknown"]


def test_inferred_and_unsure_fields_from_the_evidence_rank_before_clean_ones():
    evidence = {"title": {"source": "text", "confidence": "high"},
                "unit": {"source": "inferred", "confidence": "medium"},
                "event_date": {"source": "inferred", "confidence": "low"},
                "province": {"source": "text", "confidence": "high"}}
    inferred = record("inferred", evidence=evidence,
                      found_by={"unit": "no organiser named: the province the text speaks of",
                                "event_date": "day-month date, year from the latest year named"})
    clean = record("clean", evidence={k: {"source": "text", "confidence": "high"} for k in evidence})
    [item] = review_items([clean, inferred])
    assert item["id"] == "inferred"
    assert item["issues"] == ["event_date unsure (day-month date, year from the latest year named)",
                              "unit inferred (no organiser named: the province the text speaks of)"]
    assert item["score"] == 2 + 2
