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


# --- classes seen in real articles (issue 12); every text below written for the tests ----------
def test_a_compact_reviewed_with_its_year_after_the_clusters_name():
    text = ("Sáng 15/12, Cụm thi đua các huyện miền núi tổ chức hội nghị tổng kết công tác giao ước thi đua "
            "Cụm thi đua các huyện miền núi phía Tây năm 2023.")
    assert years(text) == (2023, None)
    text = ("Chiều 20/12, tại huyện Tân Lập, các xã trong cụm tổng kết việc thực hiện giao ước thi đua của Cụm "
            "thi đua số 4 năm 2023 và ký kết giao ước thi đua năm 2024.")
    assert years(text) == (2023, 2024)


def test_key_tasks_of_a_year_are_its_campaign():
    text = ("Ngày 10/1, UBND tỉnh tổ chức hội nghị tổng kết phong trào thi đua năm 2023 và bàn các "
            "nhiệm vụ trọng tâm năm 2024.")
    assert years(text) == (2023, 2024)
    text = "Chiều 4/1, Sở Tư pháp tổ chức hội nghị quán triệt chỉ tiêu, nhiệm vụ trọng tâm năm 2024 của ngành."
    assert years(text) == (None, 2024)
    # what was done of a year's key tasks is a review, not a campaign
    text = "Chiều 4/1, Sở Tư pháp tổ chức hội nghị đánh giá kết quả thực hiện nhiệm vụ trọng tâm năm 2023."
    assert years(text) == (2023, None)


def test_a_period_reviewed_launches_a_single_year():
    text = ("Ngày 12/1, UBND huyện tổ chức hội nghị tổng kết phong trào thi đua giai đoạn 2020 - 2025 và "
            "triển khai nhiệm vụ năm 2026.")
    assert years(text) == (None, 2026)
    # ... but a period launched is still no year
    text = ("Sáng 2/10, tỉnh tổ chức Đại hội thi đua yêu nước lần thứ VI và phát động phong trào thi đua "
            "giai đoạn 2025 - 2030.")
    assert years(text) == (None, None)


def test_a_paragraph_opening_with_the_year_before_the_campaign_reviews_it():
    text = ("Chiều 28/2, UBND tỉnh tổ chức hội nghị triển khai công tác thi đua, khen thưởng năm 2024.\n\n"
            "Dự hội nghị có lãnh đạo các sở, ngành.\n\n"
            "Năm 2023 với chủ đề “Đoàn kết, kỷ cương”, tỉnh đã hoàn thành 22/22 chỉ tiêu chủ yếu.")
    assert years(text) == (2023, 2024)
    # a paragraph about another year reviews nothing
    text = ("Chiều 28/2, UBND tỉnh tổ chức hội nghị triển khai công tác thi đua, khen thưởng năm 2024.\n\n"
            "Năm 2020, tỉnh đã phát động nhiều phong trào thi đua.")
    assert years(text) == (None, 2024)


def test_a_review_of_n_years_of_a_law_reviews_no_single_year():
    text = ("Sáng ngày 20/3/2019, UBND tỉnh tổ chức Hội nghị tổng kết 15 năm thi hành Luật Thi đua, khen thưởng và"
            " triển khai công tác thi đua, khen thưởng năm 2019.\n\nTrường Cao đẳng Y tế được trao Cờ dẫn đầu"
            " phong trào thi đua năm 2018.")
    assert years(text) == (None, 2019)


def test_a_sentence_opening_with_next_years_course_gives_the_campaign_year():
    text = ("Sáng 3/12, Khối thi đua các cơ quan Đảng tỉnh tổ chức hội nghị tổng kết công tác thi đua năm 2023.\n\n"
            "Năm 2023, các cơ quan hoàn thành các chỉ tiêu đã đăng ký. Năm 2024, các cơ quan trong Khối tiếp tục"
            " đổi mới nội dung thi đua, chú trọng phát hiện điển hình.")
    assert years(text) == (2023, 2024)
    # a year after it that sets no course is no campaign
    text = ("Sáng 3/12, Khối thi đua các cơ quan Đảng tỉnh tổ chức hội nghị tổng kết công tác thi đua năm 2023.\n\n"
            "Năm 2024, tỉnh đón nhận nhiều dự án mới trên địa bàn.")
    assert years(text) == (2023, None)


def test_the_ways_set_out_for_next_year_give_the_campaign_year():
    text = ("Chiều 14/11, Cụm thi đua số 3 tổ chức hội nghị tổng kết phong trào thi đua năm 2023. Hội nghị thảo luận"
            " và đề ra những giải pháp thực hiện hiệu quả công tác thi đua trong năm 2024.")
    assert years(text) == (2023, 2024)
