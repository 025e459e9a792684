"""Organising units: one body under its different spellings is one unit (and one page), different bodies
never are; a unit's page lists its conferences year by year, the awards reported each year with their
counts, and the officials; every article page links to its unit's page. Built for real by MkDocs."""

from __future__ import annotations

import copy
import re
from urllib.parse import urljoin, urlsplit

import pytest

from tdkt.site.units import assign_units, merged_by_spelling, unit_key, unit_name_key, unit_pages_of
from tdkt.site.unit_pages import awards_of_year
from tests.site.test_site_integration import Links, url_path
from tests.site_fixtures import build_site, handmade_records


def _record(id_: str, unit: str, province: str | None = "Thái Bình", level: str = "district", **more) -> dict:
    record = copy.deepcopy(handmade_records()[1])
    record.update(id=id_, unit={"name": unit, "level": level},
                  province={"name": province, "current": "Hưng Yên" if province == "Thái Bình" else province},
                  province_scope="province" if province else "unknown", **more)
    return record


SAME_BODY = [
    "UBND huyện Tiền Hải", "Ủy ban nhân dân huyện Tiền Hải", "Uỷ ban nhân dân huyện Tiền Hải",
    "UỶ BAN NHÂN DÂN HUYỆN TIỀN HẢI", "huyện Tiền Hải", "UBND huyện Tiền Hải, tỉnh Thái Bình",
]


@pytest.mark.parametrize("name", SAME_BODY)
def test_one_body_under_its_spellings_is_one_key(name):
    assert unit_name_key(name, "Thái Bình") == unit_name_key("UBND huyện Tiền Hải", "Thái Bình")


@pytest.mark.parametrize("names", [
    ("Cụm thi đua số 2 tỉnh Gia Lai", "Cụm thi đua số II", "cụm thi đua 02", "Cụm Thi đua số 2"),
    ("Hội đồng Thi đua - Khen thưởng huyện Đông Hưng", "HĐTĐKT huyện Đông Hưng", "Hội đồng thi đua, khen thưởng huyện Đông Hưng"),
    ("UBND TP. Vinh", "Ủy ban nhân dân thành phố Vinh", "TP Vinh"),
    ("Sở Tư pháp Long An", "Sở Tư pháp", "Sở Tư pháp tỉnh Long An"),
])
def test_abbreviations_numbers_and_the_own_province_are_spelling(names):
    province = {"Cụm": "Gia Lai", "Hội": "Thái Bình", "UBN": "Nghệ An", "Sở ": "Long An"}[names[0][:3]]
    assert len({unit_name_key(n, province) for n in names}) == 1, [unit_name_key(n, province) for n in names]


@pytest.mark.parametrize("a, b", [
    ("UBND huyện Hưng Hà", "UBND huyện Hùng Hà"),          # a mark makes another name
    ("UBND huyện Tiền Hải", "Huyện ủy Tiền Hải"),            # the party committee is another body
    ("UBND huyện Tiền Hải", "HĐND huyện Tiền Hải"),
    ("UBND thành phố Thái Bình", "UBND tỉnh Thái Bình"),     # the city is not the province
    ("Cụm thi đua số 2", "Cụm thi đua số 3"),
])
def test_different_bodies_stay_apart(a, b):
    assert unit_name_key(a, "Thái Bình") != unit_name_key(b, "Thái Bình")


def test_the_same_name_in_two_provinces_is_two_units():
    units = assign_units([_record("x1", "UBND huyện Châu Thành", "Tiền Giang"),
                          _record("x2", "UBND huyện Châu Thành", "Bến Tre")])
    assert len(units) == 2 and len({u.page for u in units.values()}) == 2


def test_without_a_province_a_name_joins_only_within_one_outlet():
    a = _record("u1", "UBND huyện Châu Thành", None, url="https://chauthanh.example.gov.vn/tin/1")
    b = _record("u2", "Ủy ban nhân dân huyện Châu Thành", None, url="https://www.chauthanh.example.gov.vn/tin/2")
    c = _record("u3", "UBND huyện Châu Thành", None, url="https://other.example.vn/a")
    d = _record("u4", "UBND huyện Châu Thành", None)
    units = assign_units([a, b, c, d])
    assert sorted(len(u.records) for u in units.values()) == [1, 1, 2]
    assert unit_key(a) == unit_key(b) != unit_key(c)
    # a commune's name is shared by several communes of one province: one outlet, one commune
    e = _record("c1", "UBND xã Tân Phú", "Thái Bình", level="commune", url="https://a.example.vn/1")
    f = _record("c2", "UBND xã Tân Phú", "Thái Bình", level="commune", url="https://b.example.vn/2")
    assert unit_key(e) != unit_key(f)


def test_units_and_their_pages_do_not_depend_on_the_corpus_order():
    records = [_record(f"t{i}", name) for i, name in enumerate(SAME_BODY)] + handmade_records()
    forward = {k: (u.name, u.page, [r["id"] for r in u.records]) for k, u in assign_units(records).items()}
    backward = {k: (u.name, u.page, [r["id"] for r in u.records]) for k, u in assign_units(records[::-1]).items()}
    assert forward == backward
    (tien_hai,) = [u for u in assign_units(records).values() if len(u.records) == len(SAME_BODY)]
    assert tien_hai.page == "don-vi/thai-binh/huyen-tien-hai.md"
    assert set(tien_hai.spellings) == set(SAME_BODY) and merged_by_spelling({1: tien_hai}) == (1, len(SAME_BODY) - 1)


def test_awards_of_a_year_count_given_and_proposed_apart():
    text = awards_of_year([handmade_records()[0]])
    assert "Giấy khen: 1 lượt (26 tập thể, 108 cá nhân)" in text
    assert "Bằng khen của Thủ tướng Chính phủ: 1 lượt đề nghị (1 cá nhân)" in text


# ------------------------------------------------------------------ built by MkDocs

def _corpus() -> list[dict]:
    records = handmade_records()
    earlier = copy.deepcopy(records[0])
    earlier.update(id="a11", title="Tổng kết công tác thi đua năm 2022", event_date="2023-01-10", reviewed_year=2022,
                   unit={"name": "Ủy ban nhân dân thị xã Hồng Lĩnh", "level": "district"},
                   officials=[{"name": "Nguyễn Văn An", "title": "Phó Chủ tịch UBND thị xã"},
                              {"name": "Trần Thị Bình", "title": "Trưởng phòng Nội vụ"}],
                   awards=[{"type": "giay-khen", "status": "given", "collectives": 12, "individuals": 40}])
    return [*records, earlier]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_site(_corpus(), tmp_path_factory.mktemp("units"))


def _links(site, rel: str) -> list[str]:
    page = site / rel / "index.html"
    base = url_path(site, page)
    return [urlsplit(urljoin(base, v)).path[len("/tdkt/"):] for t, _a, v in Links(page.read_text(encoding="utf-8")).refs
            if t == "a"]


@pytest.mark.slow
def test_a_unit_page_shows_its_conferences_awards_and_officials_year_by_year(built):
    units = assign_units(built.records)
    unit = next(u for u in units.values() if len(u.records) == 2)
    rel = unit.page[: -len(".md")] + "/"
    assert rel == "don-vi/ha-tinh/thi-xa-hong-linh/"
    html_text = (built.site / rel / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html_text)
    assert "UBND thị xã Hồng Lĩnh" in text and "cũng viết: Ủy ban nhân dân thị xã Hồng Lĩnh" in text
    assert text.index("Năm 2023") < text.index("Năm 2022")          # newest year first
    year_2022 = text[text.index("Năm 2022"):]
    assert "Giấy khen: 1 lượt (12 tập thể, 40 cá nhân)" in year_2022
    assert "Cờ thi đua cấp bộ, ngành, tỉnh: 1 lượt (2 tập thể)" in text[text.index("Năm 2023"):text.index("Năm 2022")]
    assert "Nguyễn Văn An, Chủ tịch UBND thị xã (2023, 2022)" in text     # the latest title, every year
    assert "Trần Thị Bình, Trưởng phòng Nội vụ (2022)" in text
    articles = [p for p in _links(built.site, rel) if p.startswith("bai-viet/")]
    by_id = {r["id"]: r for r in built.records}
    assert articles == [by_id["a01"]["page"], by_id["a11"]["page"]]
    assert f'<meta name="description" content="UBND thị xã Hồng Lĩnh (Hà Tĩnh): 2 bài viết' in html_text


@pytest.mark.slow
def test_every_article_links_to_its_unit_page_and_the_indexes_reach_every_unit(built):
    units = assign_units(built.records)
    unit_of = unit_pages_of(units)
    reached = set()
    index = _links(built.site, "don-vi/")
    for group in (p for p in index if re.fullmatch(r"don-vi/[a-z0-9-]+/", p)):
        reached |= {p for p in _links(built.site, group) if p.count("/") == 3}
    assert reached == {u.page[: -len(".md")] + "/" for u in units.values()}
    for record in built.records:
        links = _links(built.site, record["page"])
        if str(record["id"]) in unit_of:
            assert unit_of[record["id"]][: -len(".md")] + "/" in links, record["id"]
        else:
            assert not any(p.startswith("don-vi/") for p in links)   # no unit named: no unit link
    # the province's listing leads to its units, the home to the index
    assert "don-vi/ha-tinh/" in _links(built.site, "tinh/ha-tinh/")
    assert "don-vi/" in _links(built.site, "")
