"""event_date and published_date. Every article text below was written for the tests."""

from __future__ import annotations

import pytest

from tdkt.corpus.clean import clean_article
from tdkt.extract import extract
from tdkt.extract.dates import is_date_stamp, parse_full_date
from tdkt.model import RawArticle
from tdkt.text import normalize


def extract_text(text: str, url: str | None = None) -> dict:
    raw = RawArticle(source="written-for-the-tests.txt", text=normalize(text), kind="txt", encoding="utf-8", url=url)
    return extract(clean_article(raw))


LEAD_2023 = ("UBND huyện Kiến Xương tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 "
             "và phát động phong trào thi đua năm 2024. Dự hội nghị có lãnh đạo các phòng, ban của huyện.")


def test_day_and_month_take_the_year_after_the_reviewed_year_in_january():
    record = extract_text(f"Huyện tổng kết thi đua năm 2023\n\nSáng 25/1, {LEAD_2023}")
    assert record["event_date"] == "2024-01-25"
    assert "reviewed year" in record["found_by"]["event_date"]


def test_a_december_review_is_in_the_reviewed_year():
    text = ("Khối thi đua các sở tổng kết năm 2021\n\nChiều 24/12, Khối thi đua các sở, ngành tổ chức hội nghị "
            "tổng kết công tác thi đua năm 2021, triển khai phương hướng, nhiệm vụ năm 2022.")
    assert extract_text(text)["event_date"] == "2021-12-24"


def test_only_a_campaign_year_gives_the_year_for_a_spring_meeting():
    text = ("Khối thi đua 7 ký kết giao ước thi đua năm 2019\n\nChiều ngày 16/4, tại Tỉnh đoàn, Khối thi đua 7 "
            "tổ chức ký kết giao ước thi đua năm 2019.")
    assert extract_text(text)["event_date"] == "2019-04-16"


@pytest.mark.parametrize("lead, expected", [
    ("Chiều 27.2, UBND thị xã Trảng Bàng tổng kết công tác thi đua năm 2022.", "2023-02-27"),
    ("Ngày 14-1, UBND huyện Nam Trực tổ chức hội nghị tổng kết thi đua năm 2019.", "2020-01-14"),
    ("Sáng ngày 11/01/2023, UBND huyện Quỳnh Phụ tổ chức hội nghị tổng kết thi đua năm 2022.", "2023-01-11"),
    ("Ngày 9 tháng 1 năm 2019, Hội đồng Thi đua, khen thưởng Trung ương tổ chức hội nghị.", "2019-01-09"),
])
def test_date_spellings(lead, expected):
    assert extract_text(f"Tổng kết công tác thi đua\n\n{lead}")["event_date"] == expected


def test_a_document_date_is_not_the_event():
    text = ("Huyện tổng kết thi đua năm 2023\n\nThực hiện Nghị quyết số 66/NQ-HĐND ngày 20/12/2023 của HĐND huyện, "
            "sáng 12/1, UBND huyện tổ chức hội nghị tổng kết công tác thi đua năm 2023.")
    assert extract_text(text)["event_date"] == "2024-01-12"


def test_no_date_gives_null_and_a_warning():
    record = extract_text("Huyện tổng kết thi đua năm 2020\n\nUBND huyện Chư Sê vừa tổ chức hội nghị tổng kết "
                          "công tác thi đua năm 2020 và phát động phong trào thi đua năm 2021.")
    assert record["event_date"] is None
    assert any("event date" in w for w in record["warnings"])


def test_the_post_stamp_under_the_headline_is_the_published_date():
    text = ("Kiến Xương phát động phong trào thi đua năm 2023\n\nThứ 5, 05/01/2023 | 16:31:04\n\n"
            "Sáng ngày 5/1, UBND huyện Kiến Xương tổ chức hội nghị tổng kết công tác thi đua năm 2022.")
    record = extract_text(text)
    assert record["published_date"] == "2023-01-05"
    assert record["event_date"] == "2023-01-05"


def test_labelled_post_date():
    text = ("Phường tổ chức hội nghị tổng kết phong trào thi đua năm 2021\n"
            "Tác giả: Văn Nam .Ngày đăng: 18/01/2022 .Lượt xem: 247 lượt.\n"
            "Sáng ngày 18/01/2022, UBND phường tổ chức Hội nghị tổng kết phong trào thi đua năm 2021.")
    assert extract_text(text)["published_date"] == "2022-01-18"


def test_us_style_timestamp():
    assert parse_full_date("2/23/2023 3:26:39 PM") == "2023-02-23"
    assert parse_full_date("23/02/2023 15:26") == "2023-02-23"
    assert is_date_stamp("2/23/2023 3:26:39 PM")


def test_stored_date_marker_is_the_published_date_and_a_month_marker_is_not():
    lead = "Sáng ngày 12/4, huyện Thăng Bình tổ chức hội nghị tuyên dương, phát động phong trào thi đua năm 2023."
    full = extract_text(f" date 2023-04-13 {lead}")
    assert full["published_date"] == "2023-04-13"
    assert full["body"].startswith("Sáng ngày 12/4")      # the marker is metadata, not the article
    month = extract_text(f" date 2023-04 {lead}")
    assert month["published_date"] is None
    assert month["event_date"] == "2023-04-12"


def test_a_sentence_with_a_date_is_not_a_stamp():
    assert not is_date_stamp("Sáng ngày 11/01/2023, UBND huyện Quỳnh Phụ long trọng tổ chức hội nghị tổng kết.")


def test_iso_timestamps_and_parenthesised_dates():
    assert parse_full_date("2024-01-15T10:30:00+07:00") == "2024-01-15"
    record = extract_text("Huyện tổng kết thi đua năm 2023\n\nSáng nay (16/1), UBND huyện tổ chức hội nghị "
                          "tổng kết công tác thi đua năm 2023.")
    assert record["event_date"] == "2024-01-16"


def test_a_school_year_is_reviewed_in_the_summer_of_its_end_year():
    record = extract_text("Ngành Giáo dục tổng kết năm học 2023-2024\n\nChiều 25/8, Sở Giáo dục và Đào tạo tỉnh "
                          "Lâm Đồng tổ chức hội nghị tổng kết năm học 2023-2024, triển khai nhiệm vụ năm học 2024-2025.")
    assert (record["reviewed_year"], record["campaign_year"]) == (2024, 2025)
    assert record["event_date"] == "2024-08-25"


def test_the_headers_today_above_the_sites_menu_is_not_the_post_date():
    lead = ("Sáng 12/1, UBND huyện Kiến Xương tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 và "
            "phát động phong trào thi đua năm 2024 với sự tham dự của lãnh đạo các phòng, ban, ngành của huyện.")
    header = "Thứ Năm, 07/03/2024\n\nTrang chủ | Giới thiệu | Tin tức | Liên hệ\n\n"
    assert extract_text(header + lead)["published_date"] is None
    # the same stamp with no menu below it is the page's own date
    assert extract_text("Thứ Năm, 07/03/2024\n\n" + lead)["published_date"] == "2024-03-07"


def test_a_lead_typed_without_its_marks_still_gives_the_day():
    text = "Ngay 23/1, Cụm thi đua số 5 tổ chức tổng kết công tác thi đua năm 2025, triển khai nhiệm vụ năm 2026."
    assert extract_text(text)["event_date"] == "2026-01-23"
    text = "Sang 12/1, UBND huyện tổ chức hội nghị tổng kết công tác thi đua năm 2023."
    assert extract_text(text)["event_date"] == "2024-01-12"
    # a lower-case "ngay" inside a sentence is "right away", no date word
    text = ("Huyện tổng kết thi đua năm 2023\n\nHội nghị tổng kết công tác thi đua năm 2023 của huyện được tổ chức "
            "xong ngay 2 ngày sau khi các xã gửi báo cáo, chiều 15/1, tại trụ sở UBND huyện.")
    assert extract_text(text)["event_date"] == "2024-01-15"


@pytest.mark.parametrize("lead, date", [
    ("Sáng 12/7, UBND huyện Kiến Xương tổ chức hội nghị sơ kết công tác thi đua 6 tháng đầu năm 2024.", "2024-07-12"),
    ("Chiều 10/10, Cụm thi đua số 3 tổ chức hội nghị sơ kết công tác thi đua 9 tháng năm 2023.", "2023-10-10"),
    # a whole year reviewed in January is reviewed the year after
    ("Sáng 12/1, UBND huyện Kiến Xương tổ chức hội nghị tổng kết công tác thi đua năm 2023.", "2024-01-12"),
])
def test_part_of_a_year_is_reviewed_within_that_year(lead, date):
    assert extract_text(lead)["event_date"] == date


@pytest.mark.parametrize("lead", [
    "Trong 2 ngày 16 và 17/1, UBND tỉnh Kon Tum tổ chức hội nghị tổng kết công tác thi đua năm 2023.",
    "Ngày 16-17/1, UBND tỉnh Kon Tum tổ chức hội nghị tổng kết công tác thi đua năm 2023.",
])
def test_an_event_over_two_days_is_dated_by_its_first_day_and_is_a_lead_not_a_headline(lead):
    record = extract_text(lead)
    assert record["event_date"] == "2024-01-16"
    assert record["title"] is None
