"""The gazetteer wrapper, on the real vietnam-provinces data. Article snippets below were written for the tests."""

from __future__ import annotations

import pytest

from tdkt import places
from tdkt.corpus.clean import clean_article
from tdkt.extract import extract
from tdkt.model import RawArticle
from tdkt.text import normalize


def province_of_text(text: str, url: str | None = None) -> dict:
    raw = RawArticle(source="written-for-the-tests.txt", text=normalize(text), kind="txt", encoding="utf-8", url=url)
    return extract(clean_article(raw))["province"]


def test_63_provinces_before_and_34_after_the_reform():
    legacy = places.legacy_province_names()
    assert len(legacy) == 63
    assert {"Thái Bình", "Hà Nội", "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu", "Hòa Bình"} <= set(legacy)
    assert not any(name.startswith(("Tỉnh", "Thành phố")) for name in legacy)
    assert len(places.current_province_names()) == 34


@pytest.mark.parametrize("legacy, current", [
    ("Thái Bình", "Hưng Yên"), ("Quảng Bình", "Quảng Trị"), ("Hà Nội", "Hà Nội"),
    ("Thừa Thiên Huế", "Huế"), ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"), ("Hoà Bình", "Phú Thọ"),
])
def test_province_of(legacy, current):
    assert places.province_of(legacy) == current


def test_lookups_are_exact_not_fuzzy():
    assert places.districts_named("Châu") == []
    assert len({d.province for d in places.districts_named("Châu Thành")}) == 10
    assert [d.province for d in places.districts_named("Hồng Lĩnh", "thị xã")] == ["Hà Tĩnh"]
    assert places.find_province("TP.HCM") == "Hồ Chí Minh"
    assert places.find_province("tỉnh Hoà Bình") == "Hòa Bình"
    assert places.find_province("Bình") is None


@pytest.mark.parametrize("name, province", [("Đồng Hới", "Quảng Bình"), ("Bắc Kạn", "Bắc Kạn")])
def test_a_city_the_gazetteer_styles_thanh_pho_is_found_by_its_bare_name(name, province):
    # The data writes these two "Thành Phố ..." (capital P); the type word comes off all the same.
    found = places.districts_named(name, "thành phố")
    assert [(d.name, d.kind, d.province) for d in found] == [(name, "thanh pho", province)]
    assert not any(key.startswith("thanh pho ") for key in places._tables()[2])


@pytest.mark.parametrize("name, province", [("Trà Lĩnh", "Cao Bằng"), ("Thông Nông", "Cao Bằng"), ("Mỹ Lộc", "Nam Định")])
def test_districts_merged_before_2025_still_resolve(name, province):
    assert [d.province for d in places.districts_named(name)] == [province]


def test_ky_son_is_in_two_provinces():
    assert {d.province for d in places.districts_named("Kỳ Sơn")} == {"Nghệ An", "Hòa Bình"}


@pytest.mark.parametrize("url, province", [
    ("https://baonamdinh.vn/tieu-diem/202303/bai.html", "Nam Định"),
    ("http://namgiang.quangnam.gov.vn/Default.aspx?tabid=1", "Quảng Nam"),
    ("http://snntuyenquang.gov.vn/tin-tuc.html", "Tuyên Quang"),
    ("http://dienban.gov.vn/Default.aspx", "Quảng Nam"),
    ("https://hcmcpv.org.vn/tin-tuc/bai", "Hồ Chí Minh"),               # a short form of the city's name
    ("https://phuongnguyenthaibinh.gov.vn/bai", "Hồ Chí Minh"),        # a ward's own site: the ward, not Thái Bình
    ("https://www.dalat-info.vn/vn/bai", "Lâm Đồng"),                  # a city's name before a hyphen
    ("https://baria-vungtau.gov.vn/bai", "Bà Rịa - Vũng Tàu"),
    ("https://tintuc.example.vn/ha-noi/bai-viet", "Hà Nội"),          # a path segment that is a province
    ("https://tintuc.example.vn/tin/tinh-gia-lai-tong-ket", None),     # an article slug is not the outlet
    ("https://qrt.vn/chinh-tri/bai", None),        # an address that spells no place says nothing
    ("https://thanhnien.vn/bai-viet", None),
    (None, None),
])
def test_province_from_url(url, province):
    assert places.province_from_url(url) == province


def test_a_shared_district_name_is_settled_by_the_other_places():
    text = ("Huyện Châu Thành tổng kết thi đua năm 2023\n\nSáng 10/1, UBND huyện Châu Thành tổ chức hội nghị tổng kết "
            "công tác thi đua năm 2023. Dự hội nghị có lãnh đạo tỉnh Bến Tre và thành phố Bến Tre.")
    assert province_of_text(text) == {"name": "Bến Tre", "current": "Vĩnh Long"}


def test_a_shared_district_name_is_settled_by_the_site():
    text = "Huyện Châu Thành tổng kết thi đua năm 2023\n\nSáng 10/1, UBND huyện Châu Thành tổ chức hội nghị tổng kết năm 2023."
    assert province_of_text(text, url="https://baotayninh.vn/bai-viet")["name"] == "Tây Ninh"


def test_after_july_2025_the_name_is_the_new_province():
    text = ("Đại hội Thi đua yêu nước lần thứ I\n\nSáng 28-10, UBND huyện Kiến Xương cũ, nay thuộc tỉnh Hưng Yên, "
            "tổ chức hội nghị. Ngày đăng: 28/10/2025")
    before = places.province_name_on("Thái Bình", "2025-06-30")
    after = places.province_name_on("Thái Bình", "2025-10-28")
    assert (before, after) == ("Thái Bình", "Hưng Yên")
    assert places.province_name_on("Thừa Thiên Huế", "2022-12-02") == "Thừa Thiên Huế"
    assert province_of_text(text)["current"] == "Hưng Yên"


def test_communes_wards_and_towns_are_looked_up_exactly():
    assert [(c.district, c.province) for c in places.communes_named("Song Lộc", "xã")] == [("Châu Thành", "Trà Vinh")]
    assert {c.province for c in places.communes_named("Chợ Vàm", "thị trấn")} == {"An Giang"}
    assert places.communes_named("Song") == []
    assert len({c.province for c in places.communes_named("Tân Phú")}) > 5


@pytest.mark.parametrize("communes, province", [
    ("Xã Song Lộc và xã Nguyệt Hóa về đích nông thôn mới.", "Trà Vinh"),
    ("Thị trấn Ngã Sáu được công nhận đô thị văn minh.", "Hậu Giang"),
    ("Phường Tân Phú và xã Bình Đức dẫn đầu phong trào.", "Tiền Giang"),
])
def test_a_shared_district_name_is_settled_by_the_communes_the_article_names(communes, province):
    text = ("Huyện tổng kết công tác thi đua năm 2023\n\nSáng 9/1, UBND huyện Châu Thành tổ chức hội nghị tổng kết "
            f"công tác thi đua năm 2023. {communes}")
    assert province_of_text(text)["name"] == province


@pytest.mark.parametrize("town, province", [("thị trấn Chợ Vàm", "An Giang"), ("xã Rạch Chèo", "Cà Mau")])
def test_phu_tan_without_a_site_is_settled_by_its_towns(town, province):
    text = ("Phú Tân: Tuyên dương điển hình tiên tiến năm 2022\n\nUBND huyện Phú Tân vừa tổ chức hội nghị tổng kết "
            f"công tác thi đua năm 2022. Dịp này, {town} được tặng Giấy khen.")
    record_province = province_of_text(text)
    assert record_province["name"] == province


def test_a_real_tie_is_settled_by_the_site_or_left_empty_with_a_warning():
    text = "Huyện tổng kết thi đua năm 2022\n\nSáng 5/1, UBND huyện Phú Tân tổ chức hội nghị tổng kết thi đua năm 2022."
    raw = RawArticle(source="written-for-the-tests.txt", text=normalize(text), kind="txt", encoding="utf-8")
    record = extract(clean_article(raw))
    # Nothing settles it: no guess, a warning, and the article is listed under "unknown".
    assert record["province"] == {"name": None, "current": None}
    assert record["province_scope"] == "unknown"
    assert any(w.startswith("ambiguous place name") for w in record["warnings"])
    raw = RawArticle(source="written-for-the-tests.txt", text=normalize(text), kind="txt", encoding="utf-8",
                     url="https://baocamau.vn/bai-viet")
    record = extract(clean_article(raw))
    assert record["province"]["name"] == "Cà Mau"
    assert not any("ambiguous" in w for w in record["warnings"])


def test_a_town_or_a_cooperative_is_not_a_commune():
    from tdkt.extract.province import commune_mentions

    assert commune_mentions("thị xã Hồng Lĩnh và Hợp tác xã Song Lộc") == {}
    assert list(commune_mentions("xã Song Lộc, huyện Châu Thành")) == ["song loc"]


def test_places_named_in_two_provinces_alike_are_settled_by_a_town_or_warned_about():
    text = "Hội nghị tổng kết thi đua năm 2022\n\nNăm 2022, huyện Phú Tân đạt nhiều kết quả trong phong trào thi đua."
    raw = RawArticle(source="written-for-the-tests.txt", text=normalize(text), kind="txt", encoding="utf-8")
    record = extract(clean_article(raw))
    assert any(w.startswith("ambiguous place name") for w in record["warnings"])
    text = text.replace("đạt nhiều kết quả", "đạt nhiều kết quả; xã Rạch Chèo dẫn đầu")
    raw = RawArticle(source="written-for-the-tests.txt", text=normalize(text), kind="txt", encoding="utf-8")
    record = extract(clean_article(raw))
    assert record["province"]["name"] == "Cà Mau"
    assert not any("ambiguous" in w for w in record["warnings"])


def test_communes_of_the_new_map_since_july_2025():
    assert places.provinces_of_commune_since_reform("Buôn Ma Thuột", "phường") == ["Đắk Lắk"]
    assert places.provinces_of_commune_since_reform("Hà Giang 1") == ["Tuyên Quang"]
    assert places.provinces_of_commune_since_reform("Không Có Tên") == []


@pytest.mark.parametrize("unit, date, province", [
    ("UBND phường Quy Nhơn Nam", "2025-12-20", "Gia Lai"),       # a ward of the new map
    ("UBND phường Hà Giang 2", "2026-01-05", "Tuyên Quang"),      # a numbered one
])
def test_a_ward_of_the_new_map_names_its_province(unit, date, province):
    day, month, year = date[8:], date[5:7], date[:4]
    text = (f"Phường tổng kết thi đua năm {year}\n\nSáng {day}/{month}/{year}, {unit} tổ chức hội nghị tổng kết "
            "phong trào thi đua.")
    assert province_of_text(text) == {"name": province, "current": province}


def test_a_province_name_after_a_commune_or_street_word_is_not_the_province():
    from tdkt.extract.province import place_mentions

    assert place_mentions("xã Hòa Bình và đường Thái Bình") == []
    assert place_mentions("tỉnh Hòa Bình") and all(p == ["Hòa Bình"] for p in place_mentions("tỉnh Hòa Bình"))
    text = ("Cụm thi đua số 1 tổng kết năm 2023\n\nSáng 28/12/2023, tại xã Hòa Bình, Cụm thi đua số 1 gồm các xã "
            "Hòa Bình, Tân Phong (huyện Vũ Thư) tổ chức hội nghị tổng kết công tác thi đua năm 2023.")
    assert province_of_text(text)["name"] == "Thái Bình"


def test_a_commune_venue_counts_when_the_article_settles_it():
    text = ("Cụm thi đua số 2 tổng kết năm 2023\n\nSáng 28/12/2023, tại xã Song Lộc, Cụm thi đua số 2 tổ chức hội nghị "
            "tổng kết công tác thi đua năm 2023. Xã Nguyệt Hóa dẫn đầu cụm.")
    assert province_of_text(text)["name"] == "Trà Vinh"


@pytest.mark.parametrize("written", ["Bà Rịa – Vũng Tàu", "Bà Rịa–Vũng Tàu", "Bà Rịa - Vũng Tàu", "tỉnh Bà Rịa — Vũng Tàu"])
def test_a_province_written_with_an_en_dash_is_found(written):
    assert places.find_province(written) == "Bà Rịa - Vũng Tàu"


def test_a_units_province_written_with_an_en_dash_is_the_articles_province():
    text = ("Sáng ngày 20/3/2019, UBND tỉnh Bà Rịa – Vũng Tàu tổ chức Hội nghị tổng kết công tác thi đua năm 2018.")
    assert province_of_text(text)["name"] == "Bà Rịa - Vũng Tàu"


@pytest.mark.parametrize("text", ["Sáng 5/1/2019, UBND Quận 2 tổ chức hội nghị tổng kết công tác thi đua năm 2018.",
                                  "Sáng 5/1/2020, UBND quận 9 tổ chức hội nghị tổng kết công tác thi đua năm 2019."])
def test_urban_districts_merged_away_still_resolve(text):
    assert province_of_text(text)["name"] == "Hồ Chí Minh"
