"""reviewed_year and campaign_year. Every article text below was written for the tests."""

from __future__ import annotations

import pytest

from tdkt.corpus.clean import clean_article
from tdkt.extract import extract
from tdkt.model import RawArticle
from tdkt.text import normalize


def years(text: str) -> tuple[int | None, int | None]:
    raw = RawArticle(source="written-for-the-tests.txt", text=normalize(text), kind="txt", encoding="utf-8")
    record = extract(clean_article(raw))
    return record["reviewed_year"], record["campaign_year"]


@pytest.mark.parametrize("text, expected", [
    ("Sáng 12/1, UBND thị xã tổ chức Hội nghị tổng kết phong trào thi đua, khen thưởng năm 2023, "
     "triển khai nhiệm vụ năm 2024.", (2023, 2024)),
    ("Chiều 8/1, Khối thi đua các sở, ngành tổ chức hội nghị tổng kết công tác thi đua năm 2018, "
     "ký kết giao ước thi đua năm 2019.", (2018, 2019)),
    ("Ngày 22/4, tỉnh tổ chức hội nghị tổng kết công tác thi đua khen thưởng năm 2020 và triển khai "
     "phương hướng, nhiệm vụ năm 2021.", (2020, 2021)),
    ("Ngày 16/4, Khối thi đua 7 tổ chức ký kết giao ước thi đua năm 2019.", (None, 2019)),
])
def test_review_and_campaign_phrases(text, expected):
    assert years(text) == expected


def test_school_year_stores_its_end_year():
    text = ("Tân Châu: Tổng kết năm học 2022-2023\n\nUBND huyện Tân Châu vừa tổ chức tổng kết năm học 2022-2023 "
            "và triển khai phương hướng nhiệm vụ năm học 2023-2024.")
    assert years(text) == (2023, 2024)


def test_five_year_congress_stores_no_year():
    text = ("Đại hội thi đua yêu nước tỉnh lần thứ VI\n\nSáng 2/10, tỉnh tổ chức Đại hội thi đua yêu nước lần thứ VI, "
            "giai đoạn 2020 - 2025. Năm 2020, tỉnh có nhiều điển hình tiên tiến.")
    assert years(text) == (None, None)


def test_reviewing_a_compact_is_not_launching_one():
    text = ("Tổng kết giao ước thi đua năm 2022 Cụm thi đua các tỉnh và ký kết giao ước thi đua năm 2023\n\n"
            "Sáng ngày 18/4, Cụm thi đua các tỉnh tổ chức hội nghị.")
    assert years(text) == (2022, 2023)


def test_electing_next_years_cluster_head_is_not_a_campaign():
    text = ("Khối thi đua các huyện tổng kết công tác thi đua năm 2022\n\nChiều ngày 2/12, khối thi đua các huyện "
            "tiến hành hội nghị tổng kết công tác thi đua năm 2022. Huyện A được bầu làm Trưởng khối năm 2023. "
            "Các huyện đã phát động thi đua thực hiện nhiệm vụ năm 2022.")
    assert years(text) == (2022, None)


def test_a_year_opening_the_lead_is_the_year_reviewed():
    text = "Năm 2022, UBND tỉnh tập trung chỉ đạo đổi mới tổ chức phong trào thi đua, các cụm, khối thi đua hoạt động tốt."
    assert years(text)[0] == 2022


def test_an_anniversary_campaign_has_no_campaign_year():
    text = ("Thành phố khen thưởng 58 tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua năm 2023\n\n"
            "Sáng 11/6, UBND thành phố tổ chức hội nghị tổng kết phong trào thi đua yêu nước năm 2023 và phát động "
            "phong trào thi đua đặc biệt kỷ niệm 50 năm ngày giải phóng thành phố.")
    assert years(text) == (2023, None)
