"""Clean: chrome goes, every sentence of the article stays, and what went is listed with a reason.

The sample articles (and, when present, ../shared's dev excerpts) are checked for behaviour, not
against stored outputs: no line of page chrome is left, every sentence of every line the cleaner
did not list as removed is still in the output, removals point at real input lines.
The small texts below are written for these tests.
"""

from __future__ import annotations

import json
import re

import pytest

from tdkt.corpus.clean import clean, clean_article, explain
from tdkt.corpus.ingest import read_article
from tdkt.model import RawArticle
from tdkt.text import fold, normalize, words

from conftest import SAMPLES, SHARED_DEV

DEV_ARTICLES = sorted((SHARED_DEV / "articles").glob("*.txt")) if SHARED_DEV.is_dir() else []

# Chrome as it shows on Vietnamese portals (folded): no cleaned paragraph may be one of these.
CHROME = re.compile(
    r"^(a- a a\+|skip (to main content|ribbon commands)|truy cap noi dung luon|online\s*:|dang truy cap"
    r"|hom (nay|qua)\s*:|thong ke( truy cap)?\s*:?|so luot truy cap|tong so luot xem|danh gia\s*:"
    r"|luot danh gia|tong so diem cua bai viet|click de danh gia|ma xac (thuc|nhan)|gui binh luan"
    r"|lien ket website|thoi tiet|binh chon|tham do y kien|y kien tham do|chia se bai nay|tags?$|luu tru$"
    r"|tin lien quan$|reset captcha|select the search type|\.$|[\w-]+\.(jpe?g|png)$)"
)

# Removals of a line's end rather than of the line.
TAIL_REASONS = {"view counter after the post stamp", "counters after the post stamp", "photo number after a caption"}

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+")


def sentences(text: str) -> list[str]:
    return [s for line in text.split("\n") for s in _SENTENCE_SPLIT.split(line.strip()) if s]


def squash(text: str) -> str:
    return " ".join(text.split())


def assert_nothing_of_the_article_lost(raw: str, cleaned: str, removed) -> None:
    """Each sentence of each line not removed as chrome is in the output (joins only add spaces)."""
    lines = normalize(raw).split("\n")
    # A tail trimmed off a line (counters after a stamp, a caption's photo number): the rest is checked.
    for r in removed:
        if r.reason in TAIL_REASONS:
            line = lines[r.line - 1].strip()
            lines[r.line - 1] = line[:line.rindex(r.text)]
    removed_lines = {r.line for r in removed if r.reason not in TAIL_REASONS}
    output = squash(cleaned)
    folded_output = " ".join(words(cleaned))
    for r in removed:
        if r.reason.startswith("repeated"):  # the same words are kept at their first place
            assert " ".join(words(r.text)) in folded_output
    for number, line in enumerate(lines, 1):
        if number in removed_lines:
            continue
        for sentence in sentences(line):
            assert squash(sentence) in output, f"line {number} lost: {sentence!r}"


def assert_removals_point_at_input(raw: str, removed) -> None:
    lines = normalize(raw).split("\n")
    for r in removed:
        line = lines[r.line - 1].strip()
        if r.reason in TAIL_REASONS:
            assert line.endswith(r.text) and line != r.text, r
        else:
            assert line == r.text, r


def assert_paragraph_shape(cleaned: str) -> None:
    assert cleaned == cleaned.strip()
    assert "\n\n\n" not in cleaned
    for paragraph in cleaned.split("\n\n"):
        assert paragraph and "\n" not in paragraph and paragraph == paragraph.strip()


@pytest.mark.parametrize("path", SAMPLES + DEV_ARTICLES, ids=lambda p: p.name)
def test_real_article_loses_chrome_but_no_sentence(path):
    raw = read_article(path).text
    cleaned, removed = clean(raw)
    assert_paragraph_shape(cleaned)
    assert_removals_point_at_input(raw, removed)
    assert_nothing_of_the_article_lost(raw, cleaned, removed)
    for paragraph in cleaned.split("\n\n"):
        assert not CHROME.match(fold(paragraph)), f"chrome left: {paragraph!r}"
    assert clean(cleaned)[0] == cleaned


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_bylines_and_their_article_text_stay(path):
    raw = read_article(path).text
    cleaned, removed = clean(raw)
    paragraphs = cleaned.split("\n\n")
    for line in raw.split("\n"):
        if re.match(r"^(Tin|Ảnh|Tác giả|Nguồn)\s*:\s", line):
            assert line in paragraphs
    assert len(cleaned) > 0.75 * len(raw)  # chrome is a small share of these pages
    assert removed, "every sample carries some chrome"


def _dev_gold() -> dict:
    if not DEV_ARTICLES:
        return {}
    gold = {}
    for line in (SHARED_DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold[record["file"].rsplit("/", 1)[-1]] = record
    return gold


@pytest.mark.skipif(not DEV_ARTICLES, reason="../shared/corpus/dev is absent")
def test_dev_titles_and_published_dates_survive_cleaning():
    """The extractor needs the headline and the article's date; the cleaner must leave both."""
    gold = _dev_gold()
    for path in DEV_ARTICLES:
        record = gold.get(path.name)
        if not record:
            continue
        cleaned = squash(clean(read_article(path).text)[0])
        if record.get("title"):
            assert squash(normalize(record["title"])) in cleaned, path.name
        if record.get("published_date"):
            year, month, day = record["published_date"].split("-")
            raw = read_article(path).text
            forms = [f"{int(day)}/{int(month)}/{year}", f"{day}/{month}/{year}"]
            present = [f for f in forms if f in raw]
            if present:
                assert any(f in cleaned for f in present), f"{path.name}: date {present} lost"


# -- behaviours, on texts written for these tests ------------------------------------------------

LEDE = ("Sáng ngày 5/1, UBND huyện Hòa Phong tổ chức hội nghị tổng kết công tác thi đua, "
        "khen thưởng năm 2023 và phát động phong trào thi đua năm 2024.")
BODY = ("Năm 2023, các phong trào thi đua được triển khai sâu rộng, gắn với nhiệm vụ chính trị "
        "của từng cơ quan, đơn vị.")
TITLE = "Hòa Phong tổng kết công tác thi đua, khen thưởng năm 2023"


def test_header_clock_goes_when_the_article_date_follows():
    text = f"Thứ Bảy, 28/01/2024, 20:42 [GMT+7]\n\n{TITLE}\n\nThứ Sáu, 05/01/2024 | 16:31\n\n{LEDE}"
    cleaned, removed = clean(text)
    assert "28/01/2024" not in cleaned
    assert "05/01/2024" in cleaned
    assert removed[0].line == 1 and "header" in removed[0].reason


def test_a_lone_date_above_the_headline_is_the_articles_and_stays():
    text = f"17/03/2023 20:00\n{TITLE}\n{LEDE}"
    assert clean(text)[0].startswith("17/03/2023 20:00\n\n")


@pytest.mark.parametrize("line", [
    "date 2023-03 " + TITLE, "Ngày đăng: 18/01/2024", "Cập nhật: 02/12/2022 9:18:04 SA",
    "Tác giả: Minh Anh .Ngày đăng: 18/01/2024", "Thứ Năm - 18/01/2024 09:15",
])
def test_date_lines_the_extractor_reads_stay(line):
    cleaned, removed = clean(f"{line}\n\n{LEDE}\n\n{BODY}")
    assert cleaned.split("\n\n")[0] == line
    assert not removed


@pytest.mark.parametrize("byline", [
    "Tin: Hoàng Hồng", "Ảnh: Quang Huy", "Tin, ảnh: Minh Anh", "Tác giả: Hoài Thương", "PV",
    "Phương Thảo", "Nguồn: baohaiphong.vn", "Theo Báo Nam Định",
])
def test_bylines_and_signatures_stay_even_among_footer_chrome(byline):
    text = f"{LEDE}\n\n{BODY}\n\n{byline}\n\nChia sẻ bài này\nTin liên quan\nThống kê truy cập\nOnline: 66"
    cleaned, removed = clean(text)
    assert cleaned.split("\n\n")[-1] == byline
    assert [r.reason for r in removed] and all(r.text != byline for r in removed)


def test_repeated_lede_and_caption_keep_the_first():
    caption = "Đồng chí Chủ tịch UBND huyện trao Cờ thi đua cho các tập thể xuất sắc"
    text = f"{TITLE}\n\n{LEDE}\n\n{LEDE}\n\n{caption}\n{caption}\n\n{BODY}"
    cleaned, removed = clean(text)
    assert cleaned.split("\n\n") == [TITLE, LEDE, caption, BODY]
    assert [r.reason for r in removed] == ["repeated paragraph (first at line 3)",
                                          "repeated paragraph (first at line 7)"]


def test_lines_broken_mid_sentence_are_joined():
    text = ("Tham dự hội\nnghị có Ban Thường trực Ủy ban MTTQ các huyện trong cụm thi đua số II.\n\n"
            "Hội nghị bầu cụm trưởng và cụm phó năm\n2023.\n\n"
            "Đẩy mạnh phát triển kinh tế gắn với củng cố quốc phòng\n\n \n\n- an ninh vững chắc.")
    cleaned, _ = clean(text)
    assert cleaned.split("\n\n") == [
        "Tham dự hội nghị có Ban Thường trực Ủy ban MTTQ các huyện trong cụm thi đua số II.",
        "Hội nghị bầu cụm trưởng và cụm phó năm 2023.",
        "Đẩy mạnh phát triển kinh tế gắn với củng cố quốc phòng - an ninh vững chắc.",
    ]


def test_a_headline_is_not_glued_to_the_date_below_it():
    cleaned, _ = clean(f"Hội nghị tổng kết thi đua\n09/04/2024 14:00\n{LEDE}")
    assert cleaned.split("\n\n")[:2] == ["Hội nghị tổng kết thi đua", "09/04/2024 14:00"]


def test_a_list_of_short_lines_inside_the_body_is_article():
    units = ["Phòng Nội vụ", "Phòng Giáo dục", "xã An Bình", "Trường THCS Lê Lợi"]
    text = f"{LEDE}\n\nCác tập thể được tặng Cờ thi đua:\n" + "\n".join(units) + f"\n\n{BODY}"
    cleaned, removed = clean(text)
    assert not removed
    for unit in units:
        assert unit in cleaned


def test_page_chrome_of_each_kind_goes_with_its_reason():
    chrome = {
        "A- A A+ | Tăng tương phản Giảm tương phản": "font-size or contrast widget",
        "Cỡ chữ": "font-size or contrast widget",
        "Skip to main content": "skip link",
        "Truy cập nội dung luôn": "skip link",
        "Đang truy cập: 120": "visit counter",
        "Online: 66": "visit counter",
        "Đánh giá:": "rating or comment form",
        "Gửi bình luận": "rating or comment form",
        "Họ tên": "rating or comment form",
        "Mã xác nhận không đúng, vui lòng nhập lại": "captcha",
        "Liên kết website": "links, map, weather or poll box",
        "Thời tiết": "links, map, weather or poll box",
        "Thăm dò ý kiến": "links, map, weather or poll box",
        "In bài": "font-size or contrast widget",
        "Tags: thi đua, khen thưởng, Hòa Phong": "share, tag or archive footer",
        "Từ khóa: thi đua": "share, tag or archive footer",
        "Tin cùng chuyên mục": "share, tag or archive footer",
        "Các tin khác": "share, tag or archive footer",
        "Tin đã đưa": "share, tag or archive footer",
        "IMG_6193.jpeg": "image file name",
        "HOI NGHI TONG KET CUM 3 (4).jpg": "image file name",
        "Sự kiện - Doanh nghiệp Thông cáo báo chí Rao vặt": "site navigation",
        "Các đơn vị thông tin của Thông tấn xã": "site navigation",
        ".": "punctuation only",
        "mic": "stray marker",
    }
    text = "\n\n".join([TITLE, LEDE] + [f"{line}\n\n{BODY}" for line in chrome])
    cleaned, removed = clean(text)
    assert {r.text: r.reason for r in removed if not r.reason.startswith("repeated")} == chrome
    assert cleaned.split("\n\n") == [TITLE, LEDE, BODY]  # BODY repeated: kept once


def test_chrome_words_inside_article_sentences_stay():
    text = (f"{LEDE}\n\nHội nghị đánh giá cao kết quả phong trào thi đua.\n\n"
            "Bình luận viên Nguyễn Văn A tham dự.\n\nThống kê cho thấy 95% hộ dân đạt chuẩn văn hóa.\n\n"
            "Online: hệ thống dịch vụ công trực tuyến đã phục vụ 12.000 hồ sơ.")
    cleaned, removed = clean(text)
    assert not removed
    assert cleaned == text


def test_explain_prints_one_removal_per_line():
    cleaned, removed = clean(f"Skip to main content\n{TITLE}\n\n{LEDE}\n\nOnline:\t66")
    assert explain(removed) == "1\tskip link\tSkip to main content\n6\tvisit counter\tOnline: 66"


def test_clean_article_wraps_clean(samples):
    raw = read_article(samples[0])
    article = clean_article(raw)
    assert article.raw is raw
    assert (article.text, article.removed) == clean(raw.text)


def test_clean_is_pure():
    raw = RawArticle(source="x.txt", text=f"Skip to main content\n{LEDE}", kind="txt", encoding="utf-8")
    before = raw.text
    assert clean_article(raw).text == clean_article(raw).text == LEDE
    assert raw.text == before


def test_poll_box_goes_with_its_question_but_questions_in_the_article_stay():
    text = (f"Thăm dò ý kiến\n\nBạn quan tâm đến chuyên mục nào trên trang?\n\nTin tức\n\n{TITLE}\n\n{LEDE}\n\n"
            "Thăm dò ý kiến\nLàm thế nào để phong trào thi đua đi vào thực chất?")
    cleaned, removed = clean(text)
    assert [(r.line, r.reason) for r in removed] == [
        (1, "links, map, weather or poll box"), (3, "poll question"), (5, "site navigation"),
        (11, "links, map, weather or poll box")]
    assert cleaned.endswith("Làm thế nào để phong trào thi đua đi vào thực chất?")


def test_a_portal_error_sentence_goes_whatever_its_length():
    error = ("Cannot retrieve the URL specified in the Content Link property. "
             "For more assistance, contact your site administrator.")
    cleaned, removed = clean(f"{error}\n\n{TITLE}\n\n{LEDE}")
    assert cleaned == f"{TITLE}\n\n{LEDE}"
    assert removed[0].reason == "portal error message"


def test_removals_are_numbered_as_lines_of_the_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"---\nurl: https://example.gov.vn/a\n---\n\n\nSkip to main content\n{TITLE}\n\n{LEDE}\n",
                    encoding="utf-8")
    article = clean_article(read_article(path))
    assert [(r.line, r.text) for r in article.removed] == [(6, "Skip to main content")]
    assert path.read_text(encoding="utf-8").split("\n")[5] == "Skip to main content"


# --- chrome found by a second held-out set (every line below written for the tests) --------------
@pytest.mark.parametrize("line, reason", [
    ("Cỡ chữ A- A A+", "font-size"),
    ("Cỡ chữ: A- A A+ | In bài | Chia sẻ", "font-size"),
    ("Trang chủ > Tin tức > Thi đua - Khen thưởng", "breadcrumb"),
    ("Trang chủ » Tin hoạt động » Thi đua", "breadcrumb"),
    ("Chia sẻ: Facebook | Zalo | In trang", "bar"),
    ("Chia sẻ Facebook | In bài | Gửi email", "bar"),
    ("Lượt xem: 1.027 | Bình luận (0)", "bar"),
    ("Bình luận | Gửi bài viết cho bạn bè", "bar"),
    ("CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN ĐÀ BẮC", "banner"),
    ("(Bài viết mẫu soạn cho kiểm thử)", "marker"),
])
def test_widgets_bars_breadcrumbs_and_banners_go(line, reason):
    cleaned, removed = clean(f"{TITLE}\n{LEDE}\n{line}\nTin, ảnh: Minh Anh")
    assert line not in cleaned and LEDE in cleaned and "Tin, ảnh: Minh Anh" in cleaned
    assert any(r.text == normalize(line) and reason in r.reason for r in removed)


def test_menu_bars_above_the_article_go_but_a_dated_stamp_bar_stays():
    text = (f"Trang chủ | Giới thiệu | Tin tức - Sự kiện | Văn bản | Liên hệ\n"
            f"Trang chủ Giới thiệu Tin tức Liên hệ\n{TITLE}\n05/01/2024 16:31 | Lượt xem: 2.418\n{LEDE}")
    cleaned, removed = clean(text)
    assert [r.reason for r in removed] == ["site menu", "site menu", "view counter after the post stamp"]
    assert cleaned.startswith(TITLE) and "\n\n05/01/2024 16:31\n\n" in cleaned


def test_a_sentence_written_with_bars_stays():
    line = "Kết quả bình chọn | Hội | Online | đều được công bố công khai trên trang của huyện."
    assert line in clean(f"{TITLE}\n{LEDE}\n{line}")[0]


def test_a_weekday_clock_above_the_headline_is_the_pages_today():
    cleaned, removed = clean(f"Thứ Hai, 15/01/2024, 20:42 (GMT+7)\n{TITLE}\n{LEDE}")
    assert "15/01/2024" not in cleaned and "header" in removed[0].reason
    # under the headline it is the article's stamp
    assert "Thứ Hai, 15/01/2024" in clean(f"{TITLE}\nThứ Hai, 15/01/2024 - 11:25\n{LEDE}")[0]


@pytest.mark.parametrize("label", ["Giáo dục", "Văn hóa - Xã hội", "Thi đua - Khen thưởng", "Tin hoạt động xã, thị trấn"])
def test_a_portals_section_label_goes_but_the_same_words_in_a_sentence_stay(label):
    cleaned, removed = clean(f"{label}\n{TITLE}\n{LEDE}")
    assert cleaned.startswith(TITLE) and removed[0].text == label
    sentence = f"Công tác {label.lower()} của huyện được đánh giá cao trong năm 2023."
    assert sentence in clean(f"{TITLE}\n{LEDE}\n{sentence}")[0]


def test_a_weekday_stamp_straight_above_the_lead_with_no_headline_stays():
    assert clean(f"Thứ Hai, 15/01/2024\n{LEDE}")[0].startswith("Thứ Hai, 15/01/2024")


def test_the_portal_owners_name_in_capitals_goes_but_an_upper_case_headline_stays():
    cleaned, removed = clean(f"ỦY BAN NHÂN DÂN HUYỆN HÒA PHONG\n{TITLE}\n{LEDE}")
    assert cleaned.startswith(TITLE) and removed[0].reason == "site banner"
    headline = "HUYỆN HÒA PHONG TỔNG KẾT CÔNG TÁC THI ĐUA NĂM 2023"
    assert clean(f"{headline}\n{LEDE}")[0].startswith(headline)


# --- chrome left by real portals (issue 12): every line below written for the tests ------------
@pytest.mark.parametrize("line, kept, tail, reason", [
    ("Thứ hai - 15/01/2024 09:12 231 0", "Thứ hai - 15/01/2024 09:12", "231 0", "counters after the post stamp"),
    ("15/01/2024 09:12    87", "15/01/2024 09:12", "87", "counters after the post stamp"),
    ("Ngày đăng: 15/01/2024 - Lượt xem: 312", "Ngày đăng: 15/01/2024", "- Lượt xem: 312",
     "view counter after the post stamp"),
    ("Cập nhật lúc 10:05:12 15/01/2024 (Lượt xem: 2.075)", "Cập nhật lúc 10:05:12 15/01/2024",
     "(Lượt xem: 2.075)", "view counter after the post stamp"),
    ("Tác giả: Minh Anh .Ngày đăng: 15/01/2024 .Lượt xem: 99 lượt.", "Tác giả: Minh Anh .Ngày đăng: 15/01/2024",
     ".Lượt xem: 99 lượt.", "view counter after the post stamp"),
    ("Người đăng: Quản trị Ngày đăng: 15/01/2024 Lượt xem: 39", "Người đăng: Quản trị Ngày đăng: 15/01/2024",
     "Lượt xem: 39", "view counter after the post stamp"),
    ("Đồng chí Chủ tịch UBND huyện trao Cờ thi đua cho xã Hòa Phong - Ảnh 1.",
     "Đồng chí Chủ tịch UBND huyện trao Cờ thi đua cho xã Hòa Phong", "- Ảnh 1.", "photo number after a caption"),
])
def test_chrome_at_the_end_of_a_stamp_or_caption_goes_and_the_rest_stays(line, kept, tail, reason):
    cleaned, removed = clean(f"{TITLE}\n{line}\n{LEDE}")
    assert cleaned.split("\n\n") == [TITLE, kept, LEDE]
    assert [(r.line, r.text, r.reason) for r in removed] == [(2, tail, reason)]
    assert clean(cleaned) == (cleaned, [])          # idempotent: the trimmed line is its own clean form


@pytest.mark.parametrize("line", [
    # counts in sentences and figures in the story are the article's
    "Năm 2023, toàn huyện có 15 xã đạt chuẩn nông thôn mới, tăng 3 xã so với 2022",
    "Kết quả, 12/15 đơn vị hoàn thành xuất sắc nhiệm vụ 2023",
    "Trang thông tin của huyện đạt 120.000 lượt xem trong năm.",
    "Ngày 15/01/2024, huyện trao 54",
])
def test_numbers_at_the_end_of_article_lines_stay(line):
    cleaned, removed = clean(f"{TITLE}\n{LEDE}\n{line}")
    assert line in cleaned.split("\n\n") and not removed


@pytest.mark.parametrize("line, reason", [
    ("Lượt xem: 45", "visit counter"),
    ("English RSS", "site navigation"),
    ("Sitemap English", "site navigation"),
    ("Hotline tư vấn", "hotline or switchboard"),
    ("Đường dây nóng: 0236 3891 234", "hotline or switchboard"),
    ("Hotline: 0912.345.678", "hotline or switchboard"),
    ("Responsive image", "image placeholder"),
    ("Ảnh 2", "image placeholder"),
    ("Skip to content Skip to navigation", "skip link"),
    ("Trả lời", "rating or comment form"),
    ("Theo dõi Báo Hòa Phong trên", "site navigation"),
    ("Xây dựng Đảng", "site navigation"),
])
def test_leftover_chrome_lines_go_with_their_reason(line, reason):
    cleaned, removed = clean(f"{TITLE}\n{LEDE}\n{BODY}\n{line}")
    assert cleaned.split("\n\n") == [TITLE, LEDE, BODY]
    assert [(r.text, r.reason) for r in removed] == [(line, reason)]


def test_a_lone_number_between_headline_and_lead_is_a_counter():
    long_title = "Huyện Hòa Phong tổng kết công tác thi đua, khen thưởng năm 2023 và phát động phong trào thi đua năm 2024"
    cleaned, removed = clean(f"{long_title}\n\n311\n\n{LEDE}\n\n{BODY}\n\n4")
    assert cleaned.split("\n\n") == [long_title, LEDE, BODY]
    assert [(r.text, r.reason) for r in removed] == [("311", "number without text (counter)"),
                                                     ("4", "number without text (counter)")]


def test_a_number_that_finishes_a_broken_sentence_or_stands_in_the_story_stays():
    broken = "Huyện Hòa Phong đã hoàn thành các chỉ tiêu kinh tế - xã hội của năm"
    cleaned, _ = clean(f"{TITLE}\n{broken}\n2023.\n{LEDE}")
    assert f"{broken} 2023." in cleaned
    table = f"{TITLE}\n{LEDE}\nSố tập thể được khen thưởng\n48\n{BODY}"
    assert "\n\n48\n\n" in clean(table)[0]
    assert clean("30 30 30.\n")[0] == "30 30 30."      # closed by a full stop: a sentence, no counter


def test_hard_wrapped_lines_are_joined_even_where_the_next_line_opens_with_a_capital():
    wrapped = ("Sáng 10/1, UBND huyện Hòa Phong tổ chức hội nghị tổng kết công tác thi đua năm\n"
               "2023. Dự hội nghị có các ông: Trần Văn Lâm - Phó Bí thư Thường trực Huyện ủy, Chủ tịch\n"
               "HĐND huyện; Lê Quang Minh - Phó Bí thư Huyện ủy, Chủ tịch UBND huyện, Chủ tịch\n"
               "Hội đồng Thi đua - Khen thưởng huyện; Phạm Thị Hoa - Ủy viên Ban Thường vụ Huyện\n"
               "ủy, Trưởng Ban Tuyên giáo Huyện ủy.\n"
               "Năm 2023, huyện có 12 tập thể được tặng Giấy khen.")
    cleaned, removed = clean(wrapped)
    assert not removed
    assert cleaned.split("\n\n") == [" ".join(wrapped.split("\n")[:5]), "Năm 2023, huyện có 12 tập thể được tặng Giấy khen."]
    assert "Chủ tịch HĐND huyện; Lê Quang Minh" in cleaned and "Chủ tịch Hội đồng Thi đua" in cleaned


def test_a_headline_standing_on_a_wrapped_lead_stays_apart():
    headline = "Huyện Hòa Phong tổng kết công tác thi đua, khen thưởng năm 2023 và phát động thi đua"
    lead = ("Sáng 10/1, UBND huyện Hòa Phong tổ chức hội nghị tổng kết công tác thi đua, khen\n"
            "thưởng năm 2023. Dự hội nghị có ông Trần Văn Lâm, Phó Chủ tịch UBND huyện và đại\n"
            "diện lãnh đạo các xã, thị trấn trên địa bàn huyện.")
    assert clean(f"{headline}\n{lead}")[0].split("\n\n")[0] == headline


def test_lines_of_a_list_are_not_taken_for_wrapped_text():
    items = ["- Trường Trung học cơ sở Nguyễn Du, xã Hòa Phong, huyện Tân Lập", "- Trường Tiểu học Kim Đồng, "
             "thị trấn Tân Lập, huyện Tân Lập tỉnh", "- Trạm Y tế xã An Phú, huyện Tân Lập, tỉnh Hòa Bình mới"]
    cleaned = clean(f"{TITLE}\n{LEDE}\n" + "\n".join(items))[0]
    assert cleaned.split("\n\n")[2:] == items


def test_a_line_ending_on_a_word_that_cannot_end_a_sentence_goes_on():
    cleaned = clean(f"{TITLE}\n\nHội nghị bầu cụm trưởng năm 2024 là\nUBND xã An Phú và cụm phó là UBND xã Tân Lập.")[0]
    assert cleaned.endswith("Hội nghị bầu cụm trưởng năm 2024 là UBND xã An Phú và cụm phó là UBND xã Tân Lập.")
