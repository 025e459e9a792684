"""The headline. Every article text below was written for the tests."""

from __future__ import annotations

from tdkt.corpus.clean import clean_article
from tdkt.extract import extract
from tdkt.extract.title import DISPLAY_MAX_CHARS, display_title, find_opening, looks_like_headline
from tdkt.model import RawArticle
from tdkt.text import normalize


def extract_text(text: str, meta: dict | None = None) -> dict:
    raw = RawArticle(source="written-for-the-tests.txt", text=normalize(text), kind="txt", encoding="utf-8",
                     meta=meta or {})
    return extract(clean_article(raw))


LEAD = "Sáng ngày 5/1, UBND huyện tổ chức hội nghị tổng kết công tác thi đua năm 2022, phát động phong trào thi đua năm 2023."


def test_headline_below_site_chrome():
    text = ("Skip to main content\n\nỦY BAN NHÂN DÂN HUYỆN MINH LONG\n\n"
            "Huyện tổng kết công tác thi đua khen thưởng năm 2022\n\n09/04/2023 14:00 54\n\n" + LEAD)
    record = extract_text(text)
    assert record["title"] == "Huyện tổng kết công tác thi đua khen thưởng năm 2022"
    assert record["found_by"]["title"] == "headline line"


def test_a_page_that_starts_with_its_lead_has_no_headline():
    record = extract_text(LEAD + "\n\nCác đại biểu dự hội nghị tổng kết\n\nNăm 2022, huyện đạt nhiều kết quả.")
    assert record["title"] is None
    assert "no headline in the text" in record["warnings"]


def test_a_photo_caption_is_not_a_headline():
    assert not looks_like_headline("Các đại biểu thực hiện nghi lễ chào cờ tại Đại hội thi đua yêu nước lần thứ I")
    assert not looks_like_headline("(Quang cảnh hội nghị tổng kết thi đua)")
    assert not looks_like_headline("Thứ 7, 28/01/2023, 20:42 [GMT+7]")


def test_a_headline_cut_short_is_taken_whole_from_below():
    lines = ["Khối thi đua 7 ký kết giao ước t", "Khối thi đua 7 ký kết giao ước thi đua năm 2019", LEAD]
    title, index, lead = find_opening(lines)
    assert title == "Khối thi đua 7 ký kết giao ước thi đua năm 2019"
    assert (index, lead) == (1, 2)


def test_page_metadata_title_without_the_site_name():
    record = extract_text(LEAD, meta={"title": "Huyện phát động phong trào thi đua năm 2023 - Báo Nam Định"})
    assert record["title"] == "Huyện phát động phong trào thi đua năm 2023"
    assert record["found_by"]["title"] == "page metadata"


def test_the_texts_headline_beats_a_page_title_that_contains_it():
    text = "Huyện tổng kết công tác thi đua khen thưởng năm 2022\n\n" + LEAD
    record = extract_text(text, meta={"title": "Huyện tổng kết công tác thi đua khen thưởng năm 2022 | Cổng TTĐT"})
    assert record["title"] == "Huyện tổng kết công tác thi đua khen thưởng năm 2022"
    assert record["found_by"]["title"] == "headline line"


def test_a_headline_in_capitals_is_kept_and_a_banner_is_not():
    assert looks_like_headline("HỘI NGHỊ TỔNG KẾT CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2023")
    assert not looks_like_headline("MỪNG ĐẤT NƯỚC ĐỔI MỚI – MỪNG ĐẢNG QUANG VINH – MỪNG XUÂN")


def test_section_names_and_breadcrumbs_are_not_headlines():
    assert not looks_like_headline("Thi đua - Khen thưởng")
    assert not looks_like_headline("Trang chủ > Thi đua khen thưởng > Tin hoạt động")
    lines = ["Thi đua Khen thưởng", "Huyện tổng kết công tác thi đua khen thưởng năm 2023", LEAD]
    assert find_opening(lines)[0] == "Huyện tổng kết công tác thi đua khen thưởng năm 2023"


def test_a_headline_naming_a_unit_at_work_needs_no_topic_word():
    assert looks_like_headline("Xã Tân Lập triển khai nhiệm vụ năm 2025")
    assert looks_like_headline("Ngành Giáo dục Lạng Sơn triển khai nhiệm vụ năm học 2023 - 2024")
    assert looks_like_headline("Sở Tài chính sơ kết 6 tháng đầu năm 2024")
    assert looks_like_headline("Kiến Xương triển khai nhiệm vụ năm 2023")
    text = "Trang chủ | Tin tức\n\nXã Tân Lập triển khai nhiệm vụ năm 2025\n\n" + LEAD
    assert extract_text(text)["title"] == "Xã Tân Lập triển khai nhiệm vụ năm 2025"


def test_task_words_alone_do_not_make_a_headline():
    assert not looks_like_headline("Thứ Hai, 15/01/2024 triển khai nhiệm vụ")           # header date
    assert not looks_like_headline("Cổng thông tin điện tử xã Tân Lập")                  # site name
    assert not looks_like_headline("Đồng chí Lê Văn Ba triển khai nhiệm vụ năm 2025")   # caption
    assert not looks_like_headline("Tin hoạt động - Triển khai nhiệm vụ")               # section names
    assert not looks_like_headline("Kế hoạch triển khai nhiệm vụ năm 2025 của các đơn vị trực thuộc")  # no unit
    assert not looks_like_headline("XÃ TÂN LẬP TRIỂN KHAI NHIỆM VỤ")                      # banner


# --- the display headline: every text below written for the tests -----------------------------
def test_a_page_with_a_headline_shows_it():
    text = "Hòa Phong tổng kết công tác thi đua, khen thưởng năm 2023\n\n" + LEAD
    record = extract_text(text)
    assert record["display_title"] == record["title"] == "Hòa Phong tổng kết công tác thi đua, khen thưởng năm 2023"
    assert record["found_by"]["display_title"] == "title"
    assert list(record)[:5] == ["url", "title", "display_title", "event_date", "published_date"]


def test_a_page_without_a_headline_shows_the_leads_main_clause():
    text = ("Sáng 12/1, tại hội trường UBND thị xã, UBND thị xã Hòa Phong tổ chức hội nghị tổng kết công tác thi đua,"
            " khen thưởng năm 2023 nhằm đánh giá kết quả các phong trào thi đua yêu nước.\n\n"
            "Năm 2023, thị xã có 12 tập thể được tặng Giấy khen.")
    record = extract_text(text)
    assert record["title"] is None and "no headline in the text" in record["warnings"]
    assert record["display_title"] == ("UBND thị xã Hòa Phong tổ chức hội nghị tổng kết công tác thi đua, "
                                       "khen thưởng năm 2023")
    assert record["found_by"]["display_title"] == "lead sentence"


def test_the_dateline_stamp_and_byline_above_the_lead_are_not_the_headline():
    story = ("15/01/2024 09:12\n\nTin, ảnh: Minh Anh\n\n(HPO) - Chiều 14.1, Cụm thi đua số 3 gồm các xã An Phú, "
             "Bình Hòa và Tân Lập tổ chức hội nghị ký kết giao ước thi đua năm 2024 với sự tham dự của lãnh đạo huyện.")
    assert display_title(None, story) == ("Cụm thi đua số 3 tổ chức hội nghị ký kết giao ước thi đua năm 2024", "lead sentence")


def test_the_sentence_that_tells_the_event_is_chosen_over_who_attended():
    story = ("Tham dự hội nghị có đồng chí Trần Văn Lâm, Phó Chủ tịch UBND huyện.\n\n"
             "Ngày 20/12, tại huyện Tân Lập diễn ra Hội nghị tổng kết phong trào thi đua Khối các cơ quan Đảng năm 2023.")
    assert display_title(None, story)[0] == "Hội nghị tổng kết phong trào thi đua Khối các cơ quan Đảng năm 2023"


def test_a_long_lead_is_cut_after_its_year_or_at_a_whole_word():
    story = ("Chiều ngày 27.2, UBND huyện Tân Lập tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023, "
             "triển khai phương hướng, nhiệm vụ năm 2024 và trao tặng danh hiệu Tập thể lao động xuất sắc cho 12 "
             "tập thể, Giấy khen của Chủ tịch UBND huyện cho 58 tập thể, cá nhân.")
    shown, rule = display_title(None, story)
    assert shown == "UBND huyện Tân Lập tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023"
    assert rule == "lead sentence, shortened"
    wordy = ("Sáng 3/3, Ban Chấp hành Công đoàn cơ sở các trường học thuộc Phòng Giáo dục và Đào tạo huyện Tân "
             "Lập cùng toàn thể đoàn viên công đoàn của các trường mầm non, tiểu học và trung học cơ sở trên địa bàn "
             "huyện Tân Lập tổ chức hội nghị sơ kết công tác thi đua.")
    shown, _ = display_title(None, wordy)
    assert len(shown) <= DISPLAY_MAX_CHARS and wordy.find(shown) >= 0
    assert shown.split()[-1] not in ("và", "của", "các", "cho", "trên") and shown[-1:].isalnum()


def test_a_display_headline_is_never_empty():
    assert display_title(None, "Giấy khen")[0] == "Giấy khen"
    assert display_title(None, "năm 2023 huyện đạt nhiều kết quả trong công tác thi đua")[0] == (
        "Năm 2023 huyện đạt nhiều kết quả trong công tác thi đua")
    assert display_title("  ", "Khen thưởng 12 tập thể.")[0]


def test_the_editors_headline_is_the_one_shown():
    raw = RawArticle(source="written-for-the-tests.txt", text=normalize(LEAD), kind="txt", encoding="utf-8",
                     overrides={"title": "Huyện Hòa Phong tổng kết thi đua năm 2022"})
    record = extract(clean_article(raw))
    assert record["display_title"] == record["title"] == "Huyện Hòa Phong tổng kết thi đua năm 2022"
    assert record["found_by"]["display_title"] == "override"


def test_a_headline_opening_with_the_deed_at_the_top_of_the_page():
    text = ("Trao Huân chương Lao động tặng các tập thể, cá nhân huyện Hòa Phong\n\nHPO -\n\n"
            "Sáng 8/4, tại huyện Hòa Phong, Phó Chủ tịch UBND tỉnh trao Huân chương Lao động hạng Ba cho 2 tập thể.\n\n"
            "Trao Bằng khen cho các tập thể có thành tích xuất sắc")
    record = extract_text(text)
    assert record["title"] == "Trao Huân chương Lao động tặng các tập thể, cá nhân huyện Hòa Phong"
    # below the top, the same words are a photo caption
    assert extract_text(LEAD + "\n\nTrao Bằng khen cho các tập thể có thành tích xuất sắc")["title"] is None
    assert not looks_like_headline("Trao Bằng khen cho các tập thể có thành tích xuất sắc")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = ("Sáng 12/1, ngày tại UBND huyện Hòa Phong tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm "
          "2023 và phát động nhằm với sự tham dự của đồng chí Trần Văn Lâm (TĐKT) “Vì an ninh” gồm: các xã; "
          "- . , ! ? … \" ( ) Tin: Ảnh Quang cảnh 15/01/2024 09:12").split(" ")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS + ["\n", "\n\n"]), max_size=80).map(" ".join))
def test_a_display_headline_is_short_whole_words_of_the_text_and_never_empty(story):
    shown, rule = display_title(None, story)
    assert shown and shown == shown.strip() and len(shown) <= DISPLAY_MAX_CHARS
    assert rule in ("lead sentence", "lead sentence, shortened", "first words of the text")
    source = " ".join(story.split()).lower()
    assert all(word.lower() in source for word in shown.split()) or shown == "Bài viết"
    assert shown[-1:] not in ",;:-–—(" and "\n" not in shown


# --- a flattened opening, kickers and second decks (invented pages) ---------------------------

def test_a_flattened_opening_gives_its_headline_without_the_section_label():
    text = (" date 2023-05 Kinh tế Huyện Phước Lâm biểu dương 40 tập thể, cá nhân điển hình trong phong trào thi đua"
            " (PLO) - Chiều 9/5, UBND huyện Phước Lâm tổ chức hội nghị biểu dương điển hình tiên tiến năm 2023."
            "\n\nNăm qua, huyện có nhiều mô hình hay trong phong trào thi đua yêu nước.")
    record = extract_text(text)
    assert record["title"] == "Huyện Phước Lâm biểu dương 40 tập thể, cá nhân điển hình trong phong trào thi đua"
    assert record["event_date"] == "2023-05-09"


def test_a_flattened_line_whose_head_is_no_headline_stays_a_lead():
    text = ("Ngày 3/3 vừa qua, các đại biểu đã thảo luận sôi nổi (PLO) - Chiều 9/5, UBND huyện Phước Lâm tổ chức"
            " hội nghị biểu dương điển hình tiên tiến năm 2023 với nhiều nội dung quan trọng.")
    assert extract_text(text)["title"] is None


def test_a_post_stamp_glued_to_the_headline_is_the_stamp_not_the_headline():
    text = ("Sở Công Thương tổng kết phong trào thi đua năm 2022 12/01/2023 08:45\n\n"
            "Sáng 11/1, Sở Công Thương tổ chức hội nghị tổng kết phong trào thi đua năm 2022.")
    record = extract_text(text)
    assert record["title"] == "Sở Công Thương tổng kết phong trào thi đua năm 2022"
    assert record["published_date"] == "2023-01-12"


def test_a_kicker_line_is_joined_to_the_headline():
    lines = ["Huyện Đông Lâm:", "Hơn 300 tập thể, cá nhân được khen thưởng trong phong trào thi đua", LEAD]
    assert find_opening(lines)[0] == ("Huyện Đông Lâm: Hơn 300 tập thể, cá nhân được khen thưởng trong phong trào"
                                      " thi đua")


def test_a_second_deck_above_the_post_stamp_is_part_of_the_headline():
    lines = ["Sơ kết phong trào thi đua yêu nước giai đoạn 2020 - 2022", "Lan tỏa những cách làm hay ở cơ sở",
             "Cập nhật: 08:10, 12/05/2022", LEAD]
    assert find_opening(lines)[0] == ("Sơ kết phong trào thi đua yêu nước giai đoạn 2020 - 2022 Lan tỏa những cách"
                                      " làm hay ở cơ sở")


def test_a_line_under_the_headline_with_no_stamp_below_is_not_a_deck():
    lines = ["Lan tỏa phong trào thi đua ở cơ sở",
             "Khối thi đua số 4 tổ chức hội nghị tổng kết công tác thi đua năm 2022", LEAD]
    assert find_opening(lines)[0] == "Lan tỏa phong trào thi đua ở cơ sở"


def test_a_news_sentence_closed_by_a_full_stop_is_the_lead_not_a_headline():
    assert not looks_like_headline("Khối thi đua số 6 vừa tổ chức hội nghị tổng kết công tác thi đua năm 2024.")
    assert not looks_like_headline("Hội Nông dân huyện đã tổ chức ký kết giao ước thi đua năm 2023.")
    # a headline in the same words, without the tense and the full stop, is one
    assert looks_like_headline("Khối thi đua số 6 tổ chức hội nghị tổng kết công tác thi đua năm 2024")


def test_a_photo_file_name_is_never_the_headline():
    text = ("HOI NGHI KHOI 4 (3).jpg\n\nHội nghị đã đánh giá kết quả phong trào thi đua của Khối 4 trong năm 2022,"
            " bầu Khối trưởng năm 2023 và ký kết giao ước thi đua năm 2023 với nhiều nội dung thiết thực, cụ thể.")
    assert extract_text(text)["title"] is None


def test_a_stamp_with_its_weekday_glued_after_or_before_the_headline():
    lead = "\n\nSáng 15/1, UBND huyện Yên Thành tổ chức hội nghị tổng kết công tác thi đua năm 2023."
    for first in ("Huyện Yên Thành tổng kết công tác thi đua năm 2023 Thứ Ba, 16/01/2024 - 10:30",
                  "16/01/2024 10:30 Huyện Yên Thành tổng kết công tác thi đua năm 2023",
                  "Huyện Yên Thành tổng kết công tác thi đua năm 2023 (16/01/2024)"):
        record = extract_text(first + lead)
        assert record["title"] == "Huyện Yên Thành tổng kết công tác thi đua năm 2023", first
        assert record["published_date"] == "2024-01-16", first


def test_a_headline_run_into_its_lead_without_a_dateline():
    text = ("Huyện Yên Thành tổng kết công tác thi đua năm 2023 Sáng 15/1, UBND huyện Yên Thành tổ chức hội nghị tổng"
            " kết công tác thi đua năm 2023 và phát động phong trào thi đua năm 2024.")
    record = extract_text(text)
    assert record["title"] == "Huyện Yên Thành tổng kết công tác thi đua năm 2023"
    assert record["unit"]["name"] == "UBND huyện Yên Thành"
    # a lead that opens the page is never cut at its second date
    lead = ("Sáng 15/1, UBND huyện Yên Thành tổ chức hội nghị tổng kết công tác thi đua năm 2023. Ngày 16/1, huyện"
            " tiếp tục tổ chức hội nghị khen thưởng.")
    assert extract_text(lead)["title"] is None


def test_a_news_sentence_opening_the_page_is_where_the_story_starts():
    text = ("Khối thi đua 9 Bộ Tài chính vừa tổ chức hội nghị tổng kết công tác thi đua năm 2023, đồng thời ký giao"
            " ước thi đua năm 2024.\n\nĐại diện các đơn vị trong Khối ký giao ước thi đua. Ảnh: PV\n\n"
            "Theo báo cáo tại hội nghị, trong năm 2023 các đơn vị thành viên đã triển khai nhiều phong trào thi đua"
            " thiết thực, gắn với nhiệm vụ chuyên môn, góp phần hoàn thành các chỉ tiêu được giao.")
    record = extract_text(text)
    assert record["title"] is None
    assert record["display_title"].startswith("Khối thi đua 9 Bộ Tài chính vừa tổ chức hội nghị tổng kết")
    assert record["unit"]["name"] == "Khối thi đua 9 Bộ Tài chính"
