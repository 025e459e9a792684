"""The officials index: spellings of one name group within a province, the same name in two
provinces never does, names differing in a mark stay apart, titles are kept as written."""

from __future__ import annotations

import markdown

from tdkt.site.officials import ARTICLES_SHOWN, name_key, officials_index, officials_pages


def article(id_, province, officials, date="2024-01-10"):
    return {"id": id_, "title": f"Hội nghị {id_}", "event_date": date, "reviewed_year": int(date[:4]) - 1,
            "unit": {"name": "UBND huyện X", "level": "district"}, "province": {"name": province, "current": province},
            "officials": [{"name": n, "title": t} for n, t in officials], "awards": []}


def people(records):
    return {(o.province, o.name): o for o in officials_index(records)}


def test_spelling_variants_in_one_province_are_one_person():
    records = [
        article("a1", "Hà Tĩnh", [("Nguyễn Văn Sỹ", "Chủ tịch UBND huyện")], "2024-01-10"),
        article("a2", "Hà Tĩnh", [("NGUYỄN  VĂN SĨ", "Chủ tịch UBND huyện Can Lộc")], "2023-01-10"),
        article("a3", "Hà Tĩnh", [("Nguyễn Văn Sĩ", "Bí thư Huyện ủy")], "2022-01-10"),
        article("a4", "Hà Tĩnh", [("Lê Thị Hoà", "Phó Chủ tịch")]),
        article("a5", "Hà Tĩnh", [("Lê Thị Hòa", "Phó Chủ tịch UBND")]),
    ]
    found = officials_index(records)
    assert len(found) == 2
    si = next(o for o in found if o.articles[0] in ("a1", "a2", "a3"))
    assert si.articles == ["a1", "a2", "a3"]                       # newest first
    assert si.titles == ["Chủ tịch UBND huyện", "Chủ tịch UBND huyện Can Lộc", "Bí thư Huyện ủy"]
    assert set(si.spellings) == {"Nguyễn Văn Sỹ", "NGUYỄN VĂN SĨ", "Nguyễn Văn Sĩ"}
    hoa = next(o for o in found if o.articles[0] in ("a4", "a5"))
    assert hoa.name == "Lê Thị Hòa" and hoa.articles == ["a4", "a5"]


def test_the_same_name_in_two_provinces_is_two_people():
    records = [article("a1", "Hà Tĩnh", [("Nguyễn Văn Hùng", "Chủ tịch UBND huyện")]),
               article("a2", "Nghệ An", [("Nguyễn Văn Hùng", "Chủ tịch UBND huyện")]),
               article("a3", None, [("Nguyễn Văn Hùng", "Bí thư")])]
    found = people(records)
    assert set(found) == {("Hà Tĩnh", "Nguyễn Văn Hùng"), ("Nghệ An", "Nguyễn Văn Hùng"), ("", "Nguyễn Văn Hùng")}
    assert all(len(o.articles) == 1 for o in found.values())


def test_names_that_differ_in_a_mark_are_different_names():
    records = [article("a1", "Hà Tĩnh", [("Nguyễn Văn Hùng", "")]), article("a2", "Hà Tĩnh", [("Nguyễn Văn Hưng", "")]),
               article("a3", "Hà Tĩnh", [("Trần Thủy", "")]), article("a4", "Hà Tĩnh", [("Trần Thúy", "")])]
    assert len(officials_index(records)) == 4
    assert name_key("Thủy") != name_key("Thúy") and name_key("Quý") == "quý" and name_key("Lý") == name_key("Lí")


def test_a_name_without_marks_joins_the_one_accented_name_it_folds_to():
    records = [article("a1", "Hà Tĩnh", [("Nguyễn Văn Hùng", "Chủ tịch")]),
               article("a2", "Hà Tĩnh", [("Nguyen Van Hung", "Chu tich")]),
               article("b1", "Nghệ An", [("Trần Văn Hùng", "")]), article("b2", "Nghệ An", [("Trần Văn Hưng", "")]),
               article("b3", "Nghệ An", [("Tran Van Hung", "")])]
    found = people(records)
    assert sorted(found[("Hà Tĩnh", "Nguyễn Văn Hùng")].articles) == ["a1", "a2"]
    assert ("Hà Tĩnh", "Nguyen Van Hung") not in found
    # two accented candidates: the unaccented spelling stays on its own
    assert ("Nghệ An", "Tran Van Hung") in found and len([k for k in found if k[0] == "Nghệ An"]) == 3


def test_pages_by_province_with_links_and_hostile_text_as_text():
    hostile = "<script>alert(1)</script> *x* [y](javascript:z)"
    records = [article(f"a{i:02d}", "Hà Tĩnh", [("Nguyễn Văn An", "Chủ tịch")], f"20{10 + i}-01-10") for i in range(12)]
    records.append(article("h", "Thái Bình", [(hostile, "{{ config }} | <b>")]))
    pages = officials_pages(records)
    assert set(pages) == {"can-bo/index.md", "can-bo/ha-tinh.md", "can-bo/thai-binh.md"}
    index = markdown.markdown(pages["can-bo/index.md"], extensions=["tables"])
    assert '<a href="ha-tinh.md">Hà Tĩnh</a>' in index and '<a href="thai-binh.md">Thái Bình</a>' in index
    html = markdown.markdown(pages["can-bo/thai-binh.md"], extensions=["tables"])
    assert "<script" not in html and "<b>" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "{{ config }}" not in pages["can-bo/thai-binh.md"]
    ha_tinh = markdown.markdown(pages["can-bo/ha-tinh.md"], extensions=["tables"])
    assert ha_tinh.count('href="../bai-viet/') == ARTICLES_SHOWN
    assert f"và {12 - ARTICLES_SHOWN} bài khác" in ha_tinh


def test_pages_made_again_only_for_the_changed_province_are_those_made_from_nothing(tmp_path, monkeypatch):
    """render_insight_docs keeps each province page's inputs digest: after one added article only
    its province's page is made again, and every insight page is byte for byte a fresh render's."""
    import json

    from tdkt.site.insight import insight_pages, render_insight_docs

    def token(record):
        return json.dumps(record, sort_keys=True, ensure_ascii=False)

    records = [article(f"a{i:02d}", province, [(name, "Chủ tịch")], f"20{12 + i % 9}-0{1 + i % 8}-10")
               for i, (province, name) in enumerate([("Hà Tĩnh", "Nguyễn Văn An"), ("Nghệ An", "Trần Văn Bình"),
                                                     ("Hà Tĩnh", "Nguyen Van An"), ("Thái Bình", "Lê Thị Hòa"),
                                                     ("Nghệ An", "Trần Văn Binh"), ("Hà Tĩnh", "Phạm Sỹ Lý")])]
    docs, cache = tmp_path / "docs", tmp_path / "cache"
    render_insight_docs(records, docs, cache, token)
    stamps = json.loads((cache / "insight-pages.json").read_text(encoding="utf-8"))
    assert stamps["pages"]["can-bo/nghe-an.md"][0]
    records.append(article("b01", "Hà Tĩnh", [("Nguyễn Văn Án", "Bí thư")], "2025-01-10"))
    from tdkt.site import officials

    grouped = []  # the provinces whose officials were grouped again (the real function runs)
    real = officials.officials_index
    monkeypatch.setattr(officials, "officials_index", lambda items: grouped.append(items[0]["province"]["name"]) or real(items))
    written = {p.relative_to(docs).as_posix() for p in render_insight_docs(records, docs, cache, token)}
    assert grouped == ["Hà Tĩnh"] and "can-bo/ha-tinh.md" in written
    monkeypatch.setattr(officials, "officials_index", real)
    made = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    assert made == insight_pages(records)
    # a page edited by hand since is made again, whatever its inputs
    (docs / "can-bo/thai-binh.md").write_text("edited", encoding="utf-8")
    render_insight_docs(records, docs, cache, token)
    assert (docs / "can-bo/thai-binh.md").read_text(encoding="utf-8") == insight_pages(records)["can-bo/thai-binh.md"]
