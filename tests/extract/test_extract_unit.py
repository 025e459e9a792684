"""The organising unit, its level, and the province it gives. Every article text below was written for the tests."""

from __future__ import annotations

import pytest

from tdkt.corpus.clean import clean_article
from tdkt.extract import extract
from tdkt.extract.unit import unit_level
from tdkt.model import RawArticle
from tdkt.text import normalize


def extract_text(text: str, url: str | None = None, overrides: dict | None = None) -> dict:
    raw = RawArticle(source="written-for-the-tests.txt", text=normalize(text), kind="txt", encoding="utf-8",
                     url=url, overrides=overrides or {})
    return extract(clean_article(raw))


@pytest.mark.parametrize("lead, name, level, province", [
    ("Sáng ngày 12/1, Ủy ban nhân dân thị xã Hồng Lĩnh tổ chức Hội nghị tổng kết phong trào thi đua năm 2023.",
     "Ủy ban nhân dân thị xã Hồng Lĩnh", "district", "Hà Tĩnh"),
    ("Chiều 30-3, tại trụ sở UBND huyện Ý Yên, Cụm thi đua các huyện, thành phố tổ chức hội nghị ký kết "
     "giao ước thi đua năm 2023.", "Cụm thi đua các huyện, thành phố", "cluster", "Nam Định"),
    ("Sáng ngày 13/01/2022, tại huyện Triệu Sơn, Cụm thi đua số 2 của tỉnh Thanh Hóa gồm các huyện: Thọ Xuân, "
     "Vĩnh Lộc và Triệu Sơn đã tổ chức Hội nghị tổng kết công tác thi đua năm 2021.",
     "Cụm thi đua số 2 của tỉnh Thanh Hóa", "cluster", "Thanh Hóa"),
    ("Ngày 29/5, Sở Tư pháp Long An tổ chức Hội nghị điển hình tiên tiến.", "Sở Tư pháp Long An", "sector", "Long An"),
    ("Sáng 1/7, UBND thành phố Vinh tổ chức Hội nghị tuyên dương các điển hình tiên tiến.",
     "UBND thành phố Vinh", "district", "Nghệ An"),
    ("Sáng 19/01, UBND thành phố Hải Phòng tổ chức Hội nghị tổng kết công tác thi đua năm 2023.",
     "UBND thành phố Hải Phòng", "province", "Hải Phòng"),
    ("Sáng ngày 18/01/2022, tại Hội trường cơ quan, UBND phường Vĩnh Điện đã tổ chức Hội nghị tổng kết "
     "phong trào thi đua năm 2021 (thị xã Điện Bàn).", "UBND phường Vĩnh Điện", "commune", "Quảng Nam"),
    # A national body and a cluster of several provinces belong to no province, wherever they meet (LABELS.md).
    ("Ngày 9/1, Hội đồng Thi đua, khen thưởng Trung ương đã tổ chức Hội nghị trực tuyến toàn quốc tổng kết công tác "
     "thi đua năm 2018 tại điểm cầu Sơn La.", "Hội đồng Thi đua, khen thưởng Trung ương", "central", None),
    ("Sáng ngày 18/4, tại thành phố Cao Lãnh, tỉnh Đồng Tháp, Cụm thi đua các tỉnh Tây Nam Bộ tổ chức Hội nghị "
     "tổng kết giao ước thi đua năm 2022.", "Cụm thi đua các tỉnh Tây Nam Bộ", "cluster", None),
])
def test_the_subject_of_the_lead(lead, name, level, province):
    record = extract_text("Tổng kết công tác thi đua\n\n" + lead)
    assert record["unit"] == {"name": name, "level": level}
    assert record["province"]["name"] == province


def test_an_unnamed_provincial_committee_takes_the_province_named_elsewhere():
    text = ("Hội nghị tổng kết công tác thi đua năm 2021\n\nSáng ngày 16/3/2022, UBND tỉnh tổ chức hội nghị tổng kết "
            "công tác thi đua, khen thưởng năm 2021. Năm 2021, tỉnh Hà Nam đạt nhiều kết quả.")
    record = extract_text(text)
    assert record["unit"] == {"name": "UBND tỉnh Hà Nam", "level": "province"}
    assert record["province"] == {"name": "Hà Nam", "current": "Ninh Bình"}


def test_a_page_naming_no_place_takes_the_publishing_sites_province():
    text = ("Hội nghị tổng kết thi đua\n\nÔng Lê Văn Ba, Phó Chủ tịch Thường trực UBND tỉnh, tặng cờ thi đua cấp tỉnh "
            "tại hội nghị tổng kết công tác thi đua khen thưởng năm 2020, sáng 22/4/2021.")
    record = extract_text(text, url="https://baovinhlong.com.vn/thoi-su/202104/bai-viet")
    assert record["province"]["name"] == "Vĩnh Long"
    assert record["unit"]["level"] == "province"
    assert record["warnings"]


@pytest.mark.parametrize("name, level", [
    ("Khối thi đua các sở, ngành tổng hợp", "cluster"),
    ("Cụm Thi đua số IV, Bộ Tư pháp", "cluster"),
    ("Sở Nông nghiệp và PTNT", "sector"),
    ("Công an tỉnh Bắc Ninh", "sector"),
    ("UBND tỉnh Lào Cai", "province"),
    ("Huyện ủy Quỳnh Phụ", "district"),
    ("UBND thị trấn Diêm Điền", "commune"),
    ("Hội đồng Thi đua - Khen thưởng Trung ương", "central"),
    ("Hội Nông dân Việt Nam", "central"),           # a national mass organisation (LABELS.md)
    ("Hội Nông dân tỉnh Hòa Bình", "other"),
    ("Liên đoàn Lao động tỉnh Quảng Bình", "other"),
])
def test_unit_levels(name, level):
    assert unit_level(name) == level


def test_editor_overrides_win_and_say_so():
    record = extract_text("Tổng kết thi đua\n\nSáng 5/1, UBND huyện Kiến Xương tổ chức hội nghị tổng kết thi đua năm 2022.",
                          overrides={"province": "Nam Định", "campaign_year": 2023})
    assert record["province"] == {"name": "Nam Định", "current": "Ninh Bình"}
    assert record["campaign_year"] == 2023
    assert record["found_by"]["province"] == record["found_by"]["campaign_year"] == "override"


def test_an_unnamed_district_committee_takes_the_headlines_place():
    record = extract_text("Ba Vì: Tổng kết công tác thi đua năm 2023\n\nSáng 12/1, UBND huyện tổ chức hội nghị "
                          "tổng kết công tác thi đua, khen thưởng năm 2023.")
    assert record["unit"] == {"name": "UBND huyện Ba Vì", "level": "district"}
    assert record["province"]["name"] == "Hà Nội"


def test_an_unnamed_district_committee_takes_the_district_the_text_names():
    record = extract_text("Hội nghị tổng kết thi đua năm 2023\n\nSáng 12/1, UBND huyện tổ chức hội nghị tổng kết "
                          "công tác thi đua năm 2023. Năm 2023, huyện Phú Xuyên đạt nhiều kết quả.")
    assert record["unit"]["name"] == "UBND huyện Phú Xuyên"


def test_a_party_committee_names_its_place():
    record = extract_text("Tổng kết thi đua\n\nSáng 8/1, Huyện ủy Mỹ Lộc tổ chức hội nghị tổng kết công tác năm 2023.")
    assert record["unit"] == {"name": "Huyện ủy Mỹ Lộc", "level": "district"}
    assert record["province"] == {"name": "Nam Định", "current": "Ninh Bình"}


def test_a_bare_district_word_takes_the_headlines_name():
    record = extract_text("Tiền Hải: Tổng kết phong trào thi đua năm 2021\n\nChiều 20/1, huyện tổ chức hội nghị "
                          "tổng kết phong trào thi đua năm 2021, phát động thi đua năm 2022.")
    assert record["unit"] == {"name": "huyện Tiền Hải", "level": "district"}
    assert record["province"]["name"] == "Thái Bình"


def test_the_venue_is_the_first_place_after_tai_not_the_member_list():
    record = extract_text("Cụm thi đua số 4 tổng kết năm 2023\n\nNgày 14/12, tại huyện Krông Pắc, Cụm thi đua số 4 "
                          "gồm các huyện Châu Thành, Phú Tân và Krông Pắc tổ chức hội nghị tổng kết công tác thi đua "
                          "năm 2023.")
    assert record["unit"]["level"] == "cluster"
    assert record["province"]["name"] == "Đắk Lắk"


def test_a_cluster_of_several_provinces_has_no_province_wherever_it_meets():
    record = extract_text("Cụm thi đua các tỉnh Tây Nguyên tổng kết năm 2023\n\nNgày 14/12, tại thành phố Buôn Ma "
                          "Thuột, Cụm thi đua các tỉnh Tây Nguyên gồm Kon Tum, Gia Lai, Đắk Lắk, Đắk Nông và Lâm Đồng "
                          "tổ chức hội nghị tổng kết công tác thi đua năm 2023.")
    assert record["unit"]["level"] == "cluster"
    assert record["province"] == {"name": None, "current": None}
    assert record["province_scope"] == "central"


@pytest.mark.parametrize("name, date, level", [
    ("UBND thành phố Huế", "2025-03-02", "province"),      # centrally run since 1 January 2025
    ("UBND thành phố Huế", "2024-11-20", "district"),      # a city of Thừa Thiên Huế before
    ("Thành ủy Huế", "2025-06-10", "province"),
    ("UBND thành phố Hà Nội", None, "province"),
    ("UBND TP. Hồ Chí Minh", None, "province"),
    ("UBND TP.HCM", None, "province"),
    ("Ủy ban nhân dân thành phố Hải Phòng", None, "province"),
    ("UBND thành phố Đà Nẵng", "2019-01-05", "province"),
    ("UBND thành phố Cần Thơ", None, "province"),
    ("UBND thành phố Vinh", "2025-03-02", "district"),
])
def test_centrally_run_cities_are_provinces(name, date, level):
    assert unit_level(name, date) == level


def test_hue_city_committee_in_2025_is_a_province_in_an_article():
    record = extract_text("Huế tổng kết thi đua năm 2024\n\nSáng 20/1/2025, UBND thành phố Huế tổ chức hội nghị tổng "
                          "kết công tác thi đua, khen thưởng năm 2024.")
    assert record["unit"] == {"name": "UBND thành phố Huế", "level": "province"}
    assert record["province"]["name"] == "Huế"


def test_a_cluster_named_in_the_headline_wins_over_its_host_chairing_the_meeting():
    record = extract_text("Khối thi đua các tỉnh Tây Nguyên tổng kết năm 2024\n\nSáng 9/3, tại thành phố Pleiku, UBND "
                          "tỉnh Gia Lai - Khối trưởng năm 2024 chủ trì hội nghị tổng kết công tác thi đua năm 2024.")
    assert record["unit"] == {"name": "Khối thi đua các tỉnh Tây Nguyên", "level": "cluster"}
    assert record["province"]["name"] is None and record["province_scope"] == "central"


def test_a_cluster_named_after_cua_in_the_lead_wins_over_its_host():
    record = extract_text("Tổng kết công tác thi đua\n\nChiều 12/12, UBND tỉnh Bến Tre (Cụm trưởng) chủ trì hội nghị "
                          "tổng kết công tác thi đua năm 2023 của Cụm thi đua các tỉnh Tây Nam Bộ tại thành phố Bến Tre.")
    assert record["unit"] == {"name": "Cụm thi đua các tỉnh Tây Nam Bộ", "level": "cluster"}
    assert record["province"]["name"] is None and record["province_scope"] == "central"


@pytest.mark.parametrize("lead", [
    "Sáng 9/3, UBND tỉnh Gia Lai - Cụm trưởng năm 2024 chủ trì hội nghị tổng kết công tác thi đua năm 2024.",
    "Sáng 9/3, UBND tỉnh Gia Lai chủ trì hội nghị tổng kết công tác thi đua năm 2024.",
    "Sáng 9/3, UBND tỉnh Gia Lai - đơn vị đăng cai tổ chức hội nghị tổng kết công tác thi đua năm 2024.",
])
def test_a_unit_name_stops_at_the_hosts_role_and_verb(lead):
    record = extract_text("Tổng kết công tác thi đua\n\n" + lead)
    assert record["unit"] == {"name": "UBND tỉnh Gia Lai", "level": "province"}


@pytest.mark.parametrize("name", [
    "Ban Thi đua - Khen thưởng Trung ương", "Ủy ban Trung ương MTTQ Việt Nam", "Bộ Tư pháp",
    "Tổng Liên đoàn Lao động Việt Nam", "Ban Tuyên giáo Trung ương",
])
def test_national_bodies_are_central_not_a_sector(name):
    assert unit_level(name) == "central"


def test_a_provincial_thi_dua_board_and_a_provincial_military_command_stay_sectors():
    assert unit_level("Ban Thi đua - Khen thưởng tỉnh Lạng Sơn") == "sector"
    assert unit_level("Bộ Chỉ huy Quân sự tỉnh Lạng Sơn") == "sector"


def test_a_bracketed_place_after_the_unit_is_not_its_name():
    article = extract_text("Xã tổng kết thi đua năm 2023\nSáng 5/1/2024, UBND xã Mường Chiềng (huyện Đà Bắc, "
                           "tỉnh Hòa Bình) tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023.")
    assert article["unit"] == {"name": "UBND xã Mường Chiềng", "level": "commune"}
    assert article["province"]["name"] == "Hòa Bình"


def test_a_places_bodies_organising_jointly_are_the_place():
    article = extract_text("Huyện tổng kết thi đua năm 2023\nSáng 5/1/2024, Huyện ủy - HĐND - UBND huyện Đà Bắc "
                           "tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023.")
    assert article["unit"] == {"name": "huyện Đà Bắc", "level": "district"}


@pytest.mark.parametrize("lead, name, level, province", [
    ("Chiều 28/12, LĐLĐ huyện Krông Búk tổ chức hội nghị tổng kết phong trào thi đua năm 2023.",
     "LĐLĐ huyện Krông Búk", "other", "Đắk Lắk"),
    ("Sáng 5/1, Công đoàn ngành Giáo dục tỉnh Lai Châu tổ chức hội nghị tổng kết phong trào thi đua năm 2023.",
     "Công đoàn ngành Giáo dục tỉnh Lai Châu", "other", "Lai Châu"),
    ("(Baonghean.vn) - Sáng 12/1, UBND thị xã Hoàng Mai tổ chức hội nghị tổng kết công tác thi đua năm 2023.",
     "UBND thị xã Hoàng Mai", "district", "Nghệ An"),
])
def test_a_trade_union_or_a_lead_opening_with_its_outlet_names_the_organiser(lead, name, level, province):
    record = extract_text("Hội nghị tổng kết\n\n" + lead)
    assert record["unit"] == {"name": name, "level": level}
    assert record["province"]["name"] == province


# --- a unit is a body's name, found where the text names its organiser (invented sentences) -----

@pytest.mark.parametrize("unit, level", [
    ("Hội đồng Thi đua - Khen thưởng tỉnh", "province"),      # a council, not an association ("Hội")
    ("Hội đồng Thi đua - Khen thưởng huyện Kim Sơn", "district"),
    ("Hội đồng nhân dân xã Tân Lập", "commune"),
    ("Ban Chấp hành Tổng LĐLĐ Việt Nam", "central"),           # an organ is at its body's level
    ("Ban Thường vụ Huyện ủy Lục Yên", "district"),
    ("Tổng LĐLĐ Việt Nam", "central"),
    ("Hội Nông dân tỉnh Sóc Trăng", "other"),
    # a province's agencies, courts and party boards hold their own events: sectors, not the province
    ("Viện Kiểm sát nhân dân tỉnh Cà Mau", "sector"), ("Tòa án nhân dân huyện Kim Sơn", "sector"),
    ("Văn phòng UBND tỉnh Cà Mau", "sector"), ("Thanh tra tỉnh Cà Mau", "sector"),
    ("Ban Tuyên giáo Tỉnh ủy Cà Mau", "sector"), ("Phòng Nội vụ huyện Kim Sơn", "sector"),
    ("Bộ đội Biên phòng tỉnh Cà Mau", "sector"), ("Đoàn Đại biểu Quốc hội tỉnh Cà Mau", "sector"),
    ("Thanh tra Chính phủ", "central"), ("Quân khu 9", "central"),
    # a bloc's union or party committee and a neighbourhood are no emulation cluster
    ("Công đoàn Khối các cơ quan tỉnh", "other"), ("Đảng ủy Khối Doanh nghiệp tỉnh", "other"),
    ("Khối phố Tân Mỹ", "other"), ("Khối thi đua các cơ quan Đảng tỉnh", "cluster"),
    # the Front is a mass organisation at every level, however its name is shortened
    ("Ủy ban MTTQ Việt Nam tỉnh Phú Yên", "other"), ("UBMTTQVN xã Hòa Xuân", "other"),
    ("Ban CHQS huyện Tây Hòa", "sector"),
])
def test_the_level_of_a_council_an_organ_and_a_national_federation(unit, level):
    assert unit_level(unit) == level


def test_an_abbreviation_the_text_defines_is_no_part_of_the_unit():
    lead = "Sáng 9/1, Bộ Chỉ huy Quân sự (CHQS) tỉnh Yên Bái tổ chức hội nghị tổng kết phong trào thi đua năm 2023."
    assert extract_text(lead)["unit"] == {"name": "Bộ Chỉ huy Quân sự tỉnh Yên Bái", "level": "sector"}


def test_a_sentence_cut_out_before_a_verb_is_not_a_unit():
    from tdkt.extract.unit import is_body_name

    assert is_body_name("Khối thi đua các đơn vị sự nghiệp thuộc Sở Giáo dục và Đào tạo tỉnh Lai Châu")
    assert not is_body_name("Hội đồng thi đua tỉnh họp ngày 3/12/2023, Thường trực Hội đồng đã có ý kiến thống nhất"
                            " công nhận 5 đơn vị dẫn đầu")
    assert not is_body_name("Ban Thi đua cho biết năm nay có nhiều đơn vị đạt danh hiệu")


def test_a_meeting_named_after_the_organ_holding_it_gives_that_organ():
    lead = ("Tại Hội nghị Ban Chấp hành Hội Nông dân Việt Nam lần thứ 8 khóa VIII diễn ra sáng 5/12, ông Trần Văn B"
            " - Trưởng Ban Tổ chức cho biết: theo đề nghị của Hội đồng thi đua họp ngày 1/12/2023, Đoàn Chủ tịch đã"
            " quyết định tặng cờ thi đua cho 6 đơn vị.")
    record = extract_text(lead)
    assert record["unit"] == {"name": "Ban Chấp hành Hội Nông dân Việt Nam", "level": "central"}
    assert record["province"]["name"] is None and record["province_scope"] == "central"


def test_the_meeting_of_a_council_is_that_councils_and_a_meeting_noun_is_no_verb():
    lead = ("Sáng 20/3, Phó Chủ tịch UBND tỉnh Lê Văn C chủ trì cuộc họp của Hội đồng Thi đua – Khen thưởng tỉnh"
            " nhằm đánh giá kết quả năm 2023, triển khai nhiệm vụ năm 2024.")
    record = extract_text("Triển khai nhiệm vụ công tác thi đua, khen thưởng năm 2024\n\n" + lead)
    assert record["unit"] == {"name": "Hội đồng Thi đua – Khen thưởng tỉnh", "level": "province"}


def test_the_agent_of_the_conference_is_its_organiser_a_side_events_is_not():
    text = ("Thành phố Cần Thơ: Phong trào thi đua lan tỏa rộng khắp\n\n"
            "Đó là yêu cầu của Bí thư Thành ủy tại Hội nghị tổng kết phong trào thi đua yêu nước năm 2023 do UBND"
            " thành phố Cần Thơ tổ chức chiều 12/1.")
    assert extract_text(text)["unit"]["name"] == "UBND thành phố Cần Thơ"
    side = ("Cụm thi đua số 5 đẩy mạnh phong trào thi đua Quyết thắng\n\nNăm 2023, các đơn vị trong Cụm thi đua số 5"
            " tham gia hội thao do Bộ CHQS tỉnh tổ chức, đạt kết quả cao; huấn luyện 100% quân số.")
    assert extract_text(side)["unit"]["name"] != "Bộ CHQS tỉnh"


def test_a_cluster_named_right_after_its_venue_is_the_subject():
    lead = ("Ngày 20/12 tại hội trường UBND xã Tân Thành cụm thi đua số IV gồm các xã Tân Thành, Hòa Bình, Minh Hòa"
            " đã tổ chức Hội nghị tổng kết công tác thi đua năm 2023.")
    record = extract_text(lead)
    assert record["unit"] == {"name": "cụm thi đua số IV", "level": "cluster"}
    assert record["found_by"]["unit"] == "subject of the lead"
    several = ("Khối Nội chính, khối Kinh tế họp xét thi đua năm 2023\n\nTại cuộc họp các Khối thi đua đã tổ chức đánh"
               " giá kết quả đạt được của từng đơn vị trong năm 2023 và bình xét thi đua.")
    assert extract_text(several)["unit"]["name"] == "Khối Nội chính, khối Kinh tế"


def test_a_cluster_by_its_number_alone_is_capitalised():
    text = ("Hội nghị đã báo cáo kết quả phong trào thi đua của Khối 6 trong năm 2022, bầu Khối trưởng năm 2023 và"
            " ký kết giao ước thi đua năm 2023, góp phần phát triển kinh tế - xã hội trên địa bàn tỉnh Bình Dương.")
    assert extract_text(text)["unit"] == {"name": "Khối 6", "level": "cluster"}
    grade = ("Nhà trường tổng kết phong trào thi đua năm học 2022 - 2023: học sinh khối 9 đạt kết quả cao trong kỳ"
             " thi, nhiều em đạt giải cấp tỉnh.")
    assert extract_text(grade)["unit"]["name"] != "khối 9"


def test_the_provinces_committee_is_the_organiser_only_when_the_text_names_it_bare():
    bare = ("Hội nghị tổng kết công tác thi đua năm 2023\n\nSáng 5/1, đồng chí Trần Văn D, Chủ tịch UBND tỉnh, đã"
            " dự và phát biểu tại hội nghị tổng kết công tác thi đua năm 2023 ở tỉnh Quảng Trị.")
    assert extract_text(bare)["unit"] == {"name": "UBND tỉnh Quảng Trị", "level": "province"}
    named = ("Trao Huân chương cho các tập thể, cá nhân tỉnh Quảng Trị\n\nSáng 5/1, Phó Chủ tịch nước dự hội nghị"
             " tổng kết phong trào thi đua năm 2023 tại tỉnh Quảng Trị. Chủ tịch UBND tỉnh Quảng Trị Trần Văn D báo"
             " cáo kết quả năm 2023.")
    record = extract_text(named)
    assert record["unit"] == {"name": None, "level": "province"}
    assert record["province"]["name"] == "Quảng Trị"


def test_a_communes_bodies_spoken_of_bare_make_the_commune_the_organiser():
    text = ("Tham dự Hội nghị có đại diện Thành ủy Hội An; đại biểu lãnh đạo Đảng ủy – HĐND – UBND phường; các khối"
            " phố.\n\nNăm 2023, phường Cẩm An đã thực hiện thắng lợi các chỉ tiêu. Tại hội nghị UBND thành phố trao"
            " giấy khen cho 5 tập thể; UBND phường tặng giấy khen cho 12 cá nhân.")
    record = extract_text(text)
    assert record["unit"] == {"name": "phường Cẩm An", "level": "commune"}
    assert record["province"]["name"] == "Quảng Nam"


def test_the_place_whose_conference_a_guest_attends_is_the_organiser():
    lead = ("Sáng 12/1, đồng chí Lê Văn E, Phó Bí thư Tỉnh ủy Hưng Yên dự hội nghị tổng kết công tác thi đua năm 2023"
            " của huyện Văn Giang.")
    record = extract_text(lead)
    assert record["unit"] == {"name": "huyện Văn Giang", "level": "district"}
    assert record["province"]["name"] == "Hưng Yên"


@pytest.mark.parametrize("lead", [
    "Chiều 5/1, Cục Quản lý thị trường tổ chức hội nghị tổng kết công tác thi đua năm 2023 tại Hà Nội.",
    "Chiều 5/1, Tập đoàn Dầu khí Việt Nam tổ chức hội nghị tổng kết thi đua năm 2023 tại Hà Nội.",
    "Sáng 20/3, Khối thi đua 5 thuộc Tổng Liên đoàn Lao động Việt Nam tổ chức hội nghị tại tỉnh Long An.",
    "Sáng 20/3, tại Huế, Cụm thi đua các trường cao đẳng khu vực miền Trung ký kết giao ước thi đua năm 2024.",
])
def test_a_national_body_or_a_cluster_above_the_provinces_gets_no_province_from_its_venue(lead):
    record = extract_text(lead)
    assert record["province"]["name"] is None
    assert record["province_scope"] == "central"


def test_a_national_bodys_branch_in_a_province_is_that_provinces():
    record = extract_text("Chiều 5/1, Cục Quản lý thị trường tỉnh Long An tổ chức hội nghị tổng kết thi đua năm 2023.")
    assert record["unit"]["level"] == "sector" and record["province"]["name"] == "Long An"
    record = extract_text("Sáng 9/1, Cụm thi đua các xã miền Tây huyện Quế Phong tổ chức hội nghị tổng kết năm 2023.")
    assert record["province"]["name"] == "Nghệ An"
