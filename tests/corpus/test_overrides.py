"""The editor's overrides file: corrections by article id, drops, and errors that say where and what."""

from __future__ import annotations

import shutil

import copy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

from tdkt.corpus.overrides import OverridesError, apply_overrides, load_overrides


def record(id_: str, **fields) -> dict:
    base = {
        "id": id_, "source": f"corpus/{id_}.txt", "url": None, "title": "Hội nghị tổng kết công tác thi đua",
        "event_date": "2024-01-12", "published_date": None,
        "unit": {"name": "UBND thị xã Hồng Lĩnh", "level": "district"},
        "province": {"name": "Hà Tĩnh", "current": "Hà Tĩnh"},
        "reviewed_year": 2023, "campaign_year": 2024, "awards": [], "officials": [], "author": None,
        "body": "Sáng ngày 12/1, UBND thị xã tổ chức hội nghị.", "warnings": [],
        "found_by": {"province": "place in the unit", "unit": "subject of the lead",
                     "reviewed_year": "review phrase in lead"},
    }
    base.update(fields)
    return base


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "overrides.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
# Sửa lỗi của bộ trích xuất
articles:
  a-1:
    reason: "Hội nghị của tỉnh Thái Bình, đăng lại trên báo Hà Tĩnh"
    province: Thái Bình
    unit: {level: province}
    published_date: 2024-01-13
    title: "Thái Bình tổng kết công tác thi đua, khen thưởng năm 2023"
    awards:
      - {type: co-thi-dua-chinh-phu, collectives: 2}
      - {type: bang-khen-thu-tuong, individuals: 5, status: proposed}
drop:
  b-2: "Bài quảng cáo, không phải tin thi đua"
"""


def test_corrections_replace_fields_and_say_so(tmp_path):
    overrides = load_overrides(write(tmp_path, GOOD))
    records = [record("a-1"), record("b-2"), record("c-3")]
    before = copy.deepcopy(records)
    result, messages = apply_overrides(records, overrides)
    assert messages == []
    assert records == before                         # pure: the input is untouched
    assert [r["id"] for r in result] == ["a-1", "c-3"]
    fixed = result[0]
    assert fixed["province"] == {"name": "Thái Bình", "current": "Hưng Yên"}   # 'current' from the gazetteer
    assert fixed["unit"] == {"name": "UBND thị xã Hồng Lĩnh", "level": "province"}   # only the key given
    assert fixed["published_date"] == "2024-01-13"
    assert fixed["title"] == "Thái Bình tổng kết công tác thi đua, khen thưởng năm 2023"
    assert [(a["type"], a["label"], a["status"], a["collectives"], a["individuals"]) for a in fixed["awards"]] == [
        ("co-thi-dua-chinh-phu", "Cờ thi đua của Chính phủ", "given", 2, None),
        ("bang-khen-thu-tuong", "Bằng khen của Thủ tướng Chính phủ", "proposed", None, 5),
    ]
    reason = "Hội nghị của tỉnh Thái Bình, đăng lại trên báo Hà Tĩnh"
    assert fixed["corrected"] == {f: reason for f in ("province", "unit", "published_date", "title", "awards")}
    assert fixed["found_by"]["province"] == "override" and fixed["found_by"]["unit"] == "override"
    assert fixed["found_by"]["reviewed_year"] == "review phrase in lead"   # untouched fields keep their rule
    assert result[1] is records[2]                   # records without overrides pass through


def test_overrides_for_missing_articles_are_warnings_not_crashes(tmp_path):
    overrides = load_overrides(write(tmp_path, GOOD))
    result, messages = apply_overrides([record("c-3")], overrides)
    source = str(tmp_path / "overrides.yaml")
    assert messages == [f"{source}: article 'a-1' does not exist", f"{source}: article 'b-2' does not exist"]
    assert [r["id"] for r in result] == ["c-3"]


def test_a_correction_the_extractor_now_agrees_with_is_reported_not_marked(tmp_path):
    path = write(tmp_path, "articles:\n  a-1: {reason: 'năm tổng kết', reviewed_year: 2023, campaign_year: 2025}\n")
    [fixed], messages = apply_overrides([record("a-1")], load_overrides(path))
    assert fixed["corrected"] == {"campaign_year": "năm tổng kết"}
    assert fixed["campaign_year"] == 2025
    assert messages == [f"{path}: article 'a-1', field 'reviewed_year': the correction changes nothing "
                        "(the extractor agrees now): it can go"]


def test_no_file_means_no_overrides(tmp_path):
    overrides = load_overrides(tmp_path / "overrides.yaml")
    records = [record("a-1")]
    assert apply_overrides(records, overrides) == (records, [])


@pytest.mark.parametrize("text, expected", [
    ("articles:\n  a-1: {reason: x, headline: Tin}\n",
     "article 'a-1', field 'headline': unknown field (fields that can be corrected: title, url, event_date,"),
    ("articles:\n  a-1: {reason: x, reviewed_year: '2023'}\n",
     "article 'a-1', field 'reviewed_year': must be a year such as 2023, not '2023'"),
    ("articles:\n  a-1: {reason: x, event_date: 2024-13-01}\n",
     "article 'a-1', field 'event_date': bad date '2024-13-01': write YYYY-MM-DD, e.g. 2024-01-12"),
    ("articles:\n  a-1: {reason: x, event_date: 12/01/2024}\n",
     "article 'a-1', field 'event_date': bad date '12/01/2024'"),
    ("articles:\n  a-1: {reason: x, awards: [{type: bang-khen-chu-tich}]}\n",
     "article 'a-1', field 'awards': award 1: unknown award type 'bang-khen-chu-tich'"),
    ("articles:\n  a-1: {reason: x, awards: [{type: giay-khen, individuals: -3}]}\n",
     "article 'a-1', field 'awards': award 1: must be a whole number of recipients, not int -3"),
    ("articles:\n  a-1: {reason: x, unit: {level: huyen}}\n",
     "article 'a-1', field 'unit': unknown unit level 'huyen' (one of: province, district, commune,"),
    ("articles:\n  a-1: {reason: x, province: Hà Tây Mới}\n",
     "article 'a-1', field 'province': unknown province 'Hà Tây Mới'"),
    ("articles:\n  a-1: {reason: x, province: {name: Thái Bình, current: Thái Bình}}\n",
     "article 'a-1', field 'province': unknown province 'Thái Bình' (one of the 34 since July 2025)"),
    ("articles:\n  a-1: {title: Tin mới}\n", "article 'a-1': no reason given"),
    ("articles:\n  a-1: {reason: x}\n", "article 'a-1': nothing to correct"),
    ("drop:\n  a-1:\n", "drop 'a-1': no reason given"),
    ("articles:\n  a-1: {reason: x, title: T}\ndrop:\n  a-1: y\n", "article 'a-1' is both corrected and dropped"),
    ("article:\n  a-1: {reason: x}\n", "unknown section 'article' (known: articles, drop)"),
    ("articles:\n  a-1: {reason: x, title: [T\n", "not valid YAML at line"),
])
def test_mistakes_are_named_in_one_line(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(OverridesError) as caught:
        load_overrides(path)
    [line] = caught.value.errors
    assert line.startswith(f"{path}: ")
    assert expected in line, line
    assert "\n" not in line


def test_every_mistake_is_listed_at_once(tmp_path):
    path = write(tmp_path, "articles:\n  a-1: {reason: x, reviewed_year: 20233}\n"
                           "  b-2: {reason: y, unit: {level: tinh}, event_date: hôm qua}\n")
    with pytest.raises(OverridesError) as caught:
        load_overrides(path)
    assert len(caught.value.errors) == 3
    assert str(caught.value).count("\n") == 2


def test_a_dropped_article_leaves_and_nothing_else_does(tmp_path):
    path = write(tmp_path, "drop:\n  b-2: trùng lặp\n")
    result, messages = apply_overrides([record("a-1"), record("b-2")], load_overrides(path))
    assert [r["id"] for r in result] == ["a-1"] and messages == []


def test_the_corrected_record_is_what_the_site_shows(tmp_path):
    """The renderer reads `corrected`; when it is there, the article page says who changed what."""
    from tdkt.site.article import article_markdown

    [fixed], _ = apply_overrides([record("a-1")], load_overrides(write(tmp_path, GOOD.split("drop:")[0])))
    page = article_markdown(fixed)
    assert "Thái Bình tổng kết công tác thi đua" in page
    unmarked = {k: v for k, v in fixed.items() if k != "corrected"}
    assert page != article_markdown(unmarked)      # the page says the editor changed something


def test_applying_twice_changes_nothing_more(tmp_path):
    overrides = load_overrides(write(tmp_path, GOOD))
    once, _ = apply_overrides([record("a-1", found_by={"province.name": "place in the unit"}), record("c-3")],
                              overrides)
    assert once[0]["found_by"]["province.name"] == "override"   # a nested rule is not left claiming the value
    twice, messages = apply_overrides(once, overrides)
    assert twice == once
    assert all("changes nothing" in m or "does not exist" in m for m in messages)


def test_a_province_the_editor_names_lists_the_article_under_it(tmp_path):
    """An article the extractor could place nowhere ("Chưa rõ tỉnh, thành") that the editor gives a
    province goes to that province's listing, and its evidence says the editor settled it."""
    from tdkt.build import build
    from tdkt.taxonomy import province_group

    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "build", "site", "node_modules",
                                                                  "bench-out", "tests", "src", "*.egg-info"))
    corpus = project / "corpus"
    for old in corpus.iterdir():
        old.unlink()
    (corpus / "cum.txt").write_text(
        "Cụm thi đua số 3 tổng kết công tác thi đua, khen thưởng năm 2023\n\n"
        "Chiều 12/1/2024, Cụm thi đua số 3 tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 "
        "và ký kết giao ước thi đua năm 2024. Các đơn vị trong cụm đã hoàn thành tốt nhiệm vụ được giao.\n",
        encoding="utf-8")
    (corpus / "overrides.yaml").write_text(
        "articles:\n  cum:\n    reason: Cụm thi đua của tỉnh Nam Định\n    province: Nam Định\n", encoding="utf-8")
    report = build("corpus", "site", project_dir=project, progress=False, jobs=1)
    [record] = report.records
    assert record["province"]["name"] == "Nam Định" and province_group(record) == "Nam Định"
    assert record["province_scope"] == "province"
    assert record["evidence"]["province"]["source"] == "override"
