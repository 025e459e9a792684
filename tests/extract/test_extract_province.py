"""Province: evidence or nothing (issue 12, LABELS.md). Every article text below was written for the tests."""

from __future__ import annotations

import pytest

from tdkt.corpus.clean import clean_article
from tdkt.extract import extract
from tdkt.extract.evidence import CONFIDENCES, EVIDENCE_FIELDS, PROVINCE_SCOPES, SOURCES
from tdkt.extract.province import place_mentions
from tdkt.model import RawArticle
from tdkt.text import normalize


def extract_text(text: str, url: str | None = None, overrides: dict | None = None) -> dict:
    raw = RawArticle(source="written-for-the-tests.txt", text=normalize(text), kind="txt", encoding="utf-8",
                     url=url, overrides=overrides or {})
    return extract(clean_article(raw))


# -- a person's name is not a place ------------------------------------------------------------

@pytest.mark.parametrize("phrase", [
    "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh",
    "Đoàn TNCS Hồ Chí Minh của cơ quan",
    "được tặng Huân chương Hồ Chí Minh",
    "đồng chí Nguyễn Thái Bình, Phó Trưởng phòng",
    "đồng chí Trương Hòa Bình dự hội nghị",
    "Phường Nguyễn Thái Bình",
    "sinh viên Trường Đại học An Giang",
    "Trường Cao đẳng Y tế Kiên Giang",
    "trụ sở trên đường Thái Bình",
    "bờ biển Thái Bình Dương",
])
def test_a_name_inside_a_longer_name_is_not_a_province(phrase):
    assert place_mentions(phrase) == []


@pytest.mark.parametrize("phrase, province", [
    ("Ủy ban nhân dân TP Hồ Chí Minh", "Hồ Chí Minh"),
    ("UBND thành phố Hồ Chí Minh", "Hồ Chí Minh"),
    ("các quận của TP.HCM", "Hồ Chí Minh"),
    ("Sở Tư pháp Long An", "Long An"),
    ("Tại Lâm Đồng, hội nghị diễn ra", "Lâm Đồng"),
    ("tỉnh Thái Bình", "Thái Bình"),
    ("UBND Quận 1", "Hồ Chí Minh"),
    ("Đài PT-TH Nam Định đưa tin", "Nam Định"),         # an acronym before a name is no person's name
    ("Hội LHPN Hòa Bình", "Hòa Bình"),
])
def test_a_place_with_its_place_word_or_in_a_place_context_is_a_province(phrase, province):
    assert place_mentions(phrase) == [[province]]


def test_a_lead_naming_only_a_person_leaves_the_province_empty_with_a_warning():
    text = ("Khối thi đua các cơ quan Đảng tổng kết năm 2023\n\nSáng 20/12, Khối thi đua các cơ quan Đảng tổ chức "
            "hội nghị tổng kết công tác thi đua năm 2023. Các đơn vị trong Khối đẩy mạnh học tập và làm theo tư tưởng, "
            "đạo đức, phong cách Hồ Chí Minh.")
    record = extract_text(text)
    assert record["province"] == {"name": None, "current": None}
    assert record["province_scope"] == "unknown"
    assert record["evidence"]["province"] == {"source": "none", "confidence": "none"}
    assert any(w.startswith("no province") for w in record["warnings"])


def test_a_ward_named_after_a_person_is_the_ward_of_its_city():
    text = ("Phường tổng kết thi đua năm 2019\n\nChiều 7/1/2020, Ủy ban nhân dân Phường Nguyễn Thái Bình tổ chức "
            "Hội nghị tổng kết phong trào thi đua năm 2019. Dự có Phó Chủ tịch UBND Quận 1.")
    record = extract_text(text)
    assert record["unit"]["level"] == "commune"
    assert record["province"]["name"] == "Hồ Chí Minh"
    assert record["evidence"]["province"]["source"] == "gazetteer"


# -- no default that guesses -------------------------------------------------------------------

def test_trung_uong_says_nothing_about_where_the_event_is():
    text = ("Tổng kết công tác thi đua năm 2022\n\nChiều 17/1, UBND tỉnh tổ chức Hội nghị tổng kết công tác thi đua, "
            "khen thưởng năm 2022. Các phong trào do tỉnh và Trung ương phát động được hưởng ứng; Bộ Nội vụ ghi nhận.")
    record = extract_text(text)
    assert record["province"]["name"] is None
    assert record["unit"] == {"name": "UBND tỉnh", "level": "province"}     # as the text says it, no place added
    assert not any("Hà Nội" in w for w in record["warnings"])


def test_an_unnamed_provincial_committee_is_never_a_body_that_does_not_exist():
    text = ("Tổng kết thi đua năm 2023\n\nPhó Chủ tịch UBND thành phố trao cờ thi đua tại hội nghị tổng kết công tác "
            "thi đua năm 2023 của Hà Nội, sáng 10/1/2024.")
    record = extract_text(text)
    assert record["province"]["name"] == "Hà Nội"
    assert record["unit"] == {"name": "UBND thành phố Hà Nội", "level": "province"}
    assert "UBND tỉnh Hà Nội" not in str(record)


@pytest.mark.parametrize("lead, reason", [
    ("Ngày 9/1, Hội đồng Thi đua - Khen thưởng Trung ương tổ chức Hội nghị trực tuyến toàn quốc tổng kết công tác "
     "thi đua năm 2023 tại điểm cầu tỉnh Sơn La.", "a national body"),
    ("Chiều 9/12, Cụm thi đua số III, Bộ Công Thương tổ chức hội nghị tổng kết công tác thi đua năm 2023 tại "
     "thành phố Hạ Long, tỉnh Quảng Ninh.", "a cluster of a national body"),
    ("Ngày 20/1, Cụm thi đua số 2 thuộc Cục Hải quan gồm Hải quan các tỉnh Lạng Sơn, Cao Bằng, Hà Giang tổ chức "
     "hội nghị tổng kết năm 2024.", "a cluster of a national body"),
    ("Sáng 15/3, tại tỉnh Bình Phước, Cụm thi đua các tỉnh, thành phố miền Đông Nam Bộ tổ chức hội nghị ký kết "
     "giao ước thi đua năm 2024.", "a cluster of several provinces"),
    ("Ngày 4/12, tại tỉnh Quảng Bình, Cụm thi đua số 5 gồm 4 tỉnh: Quảng Bình, Quảng Trị, Hà Tĩnh, Nghệ An tổ chức "
     "hội nghị tổng kết phong trào thi đua năm 2023.", "a cluster of several provinces (its members)"),
    ("Ngày 27/12, tại trụ sở Thanh tra Chính phủ, Khối thi đua số II gồm Vụ Tổng hợp, Vụ Pháp chế, Văn phòng tổ "
     "chức hội nghị tổng kết năm 2023.", "a cluster of a national body (its members)"),
])
def test_central_bodies_and_clusters_above_the_provinces_have_no_province(lead, reason):
    record = extract_text("Tổng kết thi đua\n\n" + lead, url="https://baoquangninh.vn/bai-viet")
    assert record["province"] == {"name": None, "current": None}
    assert record["province_scope"] == "central"
    assert record["found_by"]["province"] == f"no province: {reason}"
    assert record["evidence"]["province"] == {"source": "text", "confidence": "high"}


@pytest.mark.parametrize("unit", ["Cụm thi đua số 3 Công an tỉnh Gia Lai", "Cụm thi đua các huyện miền núi tỉnh Bình Định",
                                  "Khối thi đua công an các huyện trung du - miền núi của tỉnh Quảng Nam"])
def test_a_cluster_inside_one_province_keeps_it(unit):
    record = extract_text(f"Tổng kết thi đua\n\nNgày 9/1/2024, {unit} tổ chức hội nghị tổng kết năm 2023.")
    assert record["province_scope"] == "province"
    assert record["province"]["name"] in unit


# -- a name several provinces share ------------------------------------------------------------

def test_a_commune_name_many_provinces_share_is_left_empty_unless_something_settles_it():
    text = ("UBND phường Đồng Tâm tổng kết năm 2018\n\nSáng 25/12/2018, UBND phường Đồng Tâm tổ chức hội nghị "
            "tổng kết công tác thi đua năm 2018.")
    record = extract_text(text)
    assert record["province"]["name"] is None
    assert any(w.startswith("ambiguous place name") for w in record["warnings"])
    assert extract_text(text, url="https://vinhyen.vinhphuc.gov.vn/bai")["province"]["name"] == "Vĩnh Phúc"


# -- the outlet --------------------------------------------------------------------------------

def test_the_outlet_settles_a_text_that_names_no_place_and_says_so():
    text = ("Khối thi đua các sở tổng kết năm 2023\n\nChiều 8/1/2024, Khối thi đua các sở, ngành tổng hợp tổ chức "
            "hội nghị tổng kết công tác thi đua năm 2023.")
    assert extract_text(text)["province"]["name"] is None
    record = extract_text(text, url="https://baonamdinh.vn/tieu-diem/bai.html")
    assert record["province"]["name"] == "Nam Định"
    assert record["found_by"]["province"] == "publishing site"
    assert record["evidence"]["province"] == {"source": "outlet", "confidence": "medium"}
    assert "province from the publishing site only" in record["warnings"]


def test_the_text_outweighs_an_outlet_of_another_province():
    text = ("Huyện Kiến Xương tổng kết thi đua\n\nSáng 5/1/2024, UBND huyện Kiến Xương tổ chức hội nghị tổng kết "
            "công tác thi đua năm 2023.")
    record = extract_text(text, url="https://baonamdinh.vn/bai")
    assert record["province"]["name"] == "Thái Bình"
    assert record["evidence"]["province"]["source"] == "gazetteer"


# -- the organiser -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hội nghị tổng kết năm 2023\n\nDự hội nghị có đại diện Văn phòng UBND tỉnh Nghệ An; lãnh đạo 06 đơn vị trong "
    "Khối thi đua Nội chính tỉnh. Khối trưởng Khối thi đua chủ trì hội nghị tổng kết năm 2023.",
    "Quang cảnh hội nghị.\n\nNăm 2023, 9 đơn vị thành viên cụm thi đua của Bộ CHQS tỉnh Tây Ninh triển khai "
    "thực hiện phong trào thi đua quyết thắng.",
])
def test_no_provincial_committee_is_invented_where_the_text_speaks_of_a_cluster(text):
    record = extract_text(text)
    assert record["unit"]["level"] == "cluster"
    assert not (record["unit"]["name"] or "").startswith("UBND")


def test_a_member_hosting_a_compact_signing_hosts_its_clusters_event():
    text = ("Các trường ký kết giao ước thi đua\n\nTrường Cao đẳng Sư phạm Gia Lai vừa tổ chức Lễ ký kết giao ước thi "
            "đua năm học 2023 - 2024. Các đơn vị trong Khối thi đua 12 gồm 4 trường cao đẳng trên địa bàn tỉnh Gia Lai.")
    record = extract_text(text)
    assert record["unit"] == {"name": "Khối thi đua 12", "level": "cluster"}
    assert record["province"]["name"] == "Gia Lai"


def test_a_provinces_congress_is_the_provinces():
    text = ("Chuẩn bị đại hội\n\nĐại hội Thi đua yêu nước tỉnh Hải Dương lần thứ V sẽ được tổ chức vào ngày 19/8/2020 "
            "với khoảng 400 đại biểu.")
    record = extract_text(text)
    assert record["unit"] == {"name": "tỉnh Hải Dương", "level": "province"}


def test_since_the_reform_a_former_districts_places_are_its_new_provinces():
    text = ("Tổng kết thi đua năm 2025\n\nSáng 28/10/2025, UBND huyện Kiến Xương cũ, nay thuộc tỉnh Hưng Yên, tổ chức "
            "hội nghị tổng kết công tác thi đua.")
    record = extract_text(text)
    assert record["unit"]["name"] == "UBND huyện Kiến Xương"
    assert record["province"] == {"name": "Hưng Yên", "current": "Hưng Yên"}


# -- the evidence record -----------------------------------------------------------------------

def test_every_record_says_what_each_browsable_field_rests_on():
    text = ("Huyện Kiến Xương tổng kết thi đua năm 2023\n\nSáng 12/1, UBND huyện Kiến Xương tổ chức Hội nghị tổng kết "
            "công tác thi đua, khen thưởng năm 2023, phát động phong trào thi đua năm 2024.")
    record = extract_text(text)
    assert set(record["evidence"]) == set(EVIDENCE_FIELDS)
    for item in record["evidence"].values():
        assert item["source"] in SOURCES and item["confidence"] in CONFIDENCES
    assert record["province_scope"] in PROVINCE_SCOPES
    assert record["evidence"]["event_date"] == {"source": "inferred", "confidence": "medium"}   # year from 2023
    assert record["evidence"]["title"] == {"source": "text", "confidence": "high"}
    assert record["evidence"]["unit"] == {"source": "text", "confidence": "high"}
    assert list(record).index("evidence") == list(record).index("found_by") + 1


def test_the_editors_province_is_evidence_too():
    text = "Khối thi đua tổng kết\n\nChiều 8/1/2024, Khối thi đua các sở tổ chức hội nghị tổng kết năm 2023."
    record = extract_text(text, overrides={"province": "Nam Định"})
    assert record["province_scope"] == "province"
    assert record["evidence"]["province"] == {"source": "override", "confidence": "high"}


def test_corrections_made_after_extraction_update_the_evidence_and_the_scope():
    from tdkt.extract.evidence import after_overrides

    text = "Khối thi đua tổng kết\n\nChiều 8/1/2024, Khối thi đua các sở tổ chức hội nghị tổng kết năm 2023."
    record = extract_text(text)
    assert record["province_scope"] == "unknown"
    # As tdkt.corpus.overrides corrects a built record: the field replaced, found_by marked.
    record["province"] = {"name": "Nam Định", "current": "Ninh Bình"}
    record["found_by"]["province"] = "override"
    after_overrides(record)
    assert record["province_scope"] == "province"
    assert record["evidence"]["province"] == {"source": "override", "confidence": "high"}


def test_since_the_reform_the_outlet_settles_a_shared_name_by_its_new_province():
    text = ("Tổng kết thi đua năm 2025\n\nSáng 20/12/2025, UBND xã Tân Phú tổ chức hội nghị tổng kết công tác "
            "thi đua năm 2025.")
    record = extract_text(text, url="https://baodongnai.com.vn/bai-viet")
    assert record["province"]["name"] == "Đồng Nai"


# --- a venue, a visit and a national conference (invented sentences) -------------------------

def test_the_venue_is_read_in_the_sentence_that_states_the_event_only():
    text = ("Chiều 20/2, Khối thi đua các sở, ngành văn hóa - xã hội tổ chức hội nghị ký kết giao ước thi đua năm"
            " 2024. Năm 2023, các đơn vị đã tổ chức đoàn học tập kinh nghiệm tại TP Hồ Chí Minh.")
    record = extract_text(text)
    assert record["province"]["name"] is None
    stated = ("Chiều 20/2, tại thành phố Tam Kỳ, Khối thi đua các sở, ngành văn hóa - xã hội tổ chức hội nghị ký kết"
              " giao ước thi đua năm 2024.")
    assert extract_text(stated)["province"]["name"] == "Quảng Nam"


def test_a_place_a_delegation_visits_or_comes_from_is_no_evidence():
    text = ("Sáng 12/1, Hội Nông dân tỉnh tổ chức hội nghị tổng kết phong trào thi đua năm 2023.\n\n"
            "Trong năm, Hội tổ chức đoàn học tập kinh nghiệm tại tỉnh Lâm Đồng; đón đoàn công tác tỉnh Ninh Thuận"
            " đến thăm.")
    assert extract_text(text)["province"]["name"] is None
    home = ("Sáng 12/1, Hội Nông dân tỉnh tổ chức hội nghị tổng kết phong trào thi đua năm 2023.\n\n"
            "Năm 2023, nông dân tỉnh Bình Thuận đóng góp 20 tỷ đồng xây dựng nông thôn mới.")
    assert extract_text(home)["province"]["name"] == "Bình Thuận"


def test_a_national_conference_belongs_to_no_province_wherever_it_is_held():
    text = ("Sáng 12/1, tại Hà Nội, Hội nghị trực tuyến toàn quốc tổng kết công tác thi đua, khen thưởng năm 2023"
            " được tổ chức đến 63 điểm cầu.")
    record = extract_text(text)
    assert record["unit"]["level"] == "central"
    assert record["province"]["name"] is None and record["province_scope"] == "central"
    # a congress looking forward to the national one is the province's own
    ahead = ("Ngày 10/10/2025, tỉnh Gia Lai tổ chức Đại hội Thi đua yêu nước lần thứ I, hướng tới Đại hội Thi đua"
             " yêu nước toàn quốc.")
    assert extract_text(ahead)["province"]["name"] == "Gia Lai"
