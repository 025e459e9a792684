"""Properties of the cleaner (hypothesis): on article-like text mixed with page chrome it never
loses a sentence, is idempotent, and never produces text (markup included) it was not given."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.corpus.clean import clean
from tdkt.text import normalize

# Words of these articles, including ones that also occur in chrome ("đánh giá", "bình luận",
# "thống kê", "truy cập", "chia sẻ", "online"): inside a sentence they are article.
WORDS = (
    "hội nghị tổng kết công tác thi đua khen thưởng năm phong trào huyện xã tỉnh đồng chí chủ tịch "
    "ủy ban nhân dân trao tặng cờ bằng khen giấy cho tập thể cá nhân đạt thành tích xuất sắc đánh "
    "giá bình luận thống kê truy cập chia sẻ online kết quả các đơn vị phát động giao ước lao động "
    "tiên tiến chiến sĩ cơ sở huân chương hạng nhì ba quyết định công nhận Hòa Phong Minh Long "
    "UBND HĐND MTTQ 2023 2024 15/01/2024 12,5% 30"
).split()
CHROME_LINES = [
    "A- A A+", "Cỡ chữ", "Skip to main content", "Truy cập nội dung luôn", "Online: 66",
    "Đang truy cập: 12", "Hôm nay : 1.157", "Thống kê truy cập", "Đánh giá:", "Gửi bình luận",
    "Họ tên", "Mã xác nhận", "Liên kết website", "Thời tiết", "Thăm dò ý kiến", "Chia sẻ",
    "In bài", "Tags: thi đua", "Từ khóa: khen thưởng", "Tin cùng chuyên mục", "Các tin khác",
    "Tin đã đưa", "IMG_0001.jpg", ".", "mic",
]
# Text an attacker might put in an article: it must come out as the same characters, no more.
HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[link](javascript:alert(1))",
    "![x](http://e.vn/a.png)", "{{ config }}", "{% include 'x' %}", "---", "!!! note", "{: .cls }",
    "<!-- c -->", "`code`", "| a | b |", "# Tiêu đề", "&lt;b&gt;",
]


@st.composite
def sentence(draw):
    words = draw(st.lists(st.sampled_from(WORDS + HOSTILE), min_size=3, max_size=18))
    words[0] = words[0][:1].upper() + words[0][1:]
    # No questions: a question under "Thăm dò ý kiến" with options below is a poll box by
    # design (tests/corpus/test_clean.py checks that questions in the body stay).
    return " ".join(words) + draw(st.sampled_from([".", ".", "!", "…"]))


@st.composite
def document(draw):
    """Article paragraphs (each one to three sentences) among chrome lines, as scraped."""
    items = draw(st.lists(
        st.one_of(
            st.lists(sentence(), min_size=1, max_size=3).map(lambda s: ("p", " ".join(s))),
            st.sampled_from(CHROME_LINES).map(lambda c: ("c", c)),
        ),
        min_size=1, max_size=25,
    ))
    separators = draw(st.lists(st.sampled_from(["\n", "\n\n", "\n \n", "\n\u00a0\n\n"]),
                               min_size=len(items), max_size=len(items)))
    text = "".join(item + sep for (_, item), sep in zip(items, separators))
    paragraphs = [item for kind, item in items if kind == "p"]
    return text, paragraphs


_SPLIT = re.compile(r"(?<=[.!?…])\s+")


def tokens_are_a_subsequence(output: str, source: str) -> bool:
    """Every token of the output appears in the source, in order: nothing invented, nothing moved."""
    remaining = iter(source.split())
    return all(any(token == other for other in remaining) for token in output.split())


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(document())
def test_never_loses_a_sentence(doc):
    text, paragraphs = doc
    cleaned, _ = clean(text)
    flat = " ".join(cleaned.split())
    for paragraph in paragraphs:
        for piece in _SPLIT.split(normalize(paragraph)):
            assert " ".join(piece.split()) in flat


@SETTINGS
@given(document())
def test_idempotent_on_scraped_pages(doc):
    cleaned, _ = clean(doc[0])
    again, removed_again = clean(cleaned)
    assert again == cleaned
    assert removed_again == []


@SETTINGS
@given(st.text(max_size=400))
def test_idempotent_on_any_text(text):
    cleaned, _ = clean(text)
    assert clean(cleaned)[0] == cleaned


@SETTINGS
@given(st.one_of(document().map(lambda d: d[0]), st.text(max_size=400)))
def test_produces_only_text_it_was_given(text):
    cleaned, removed = clean(text)
    source = normalize(text)
    assert tokens_are_a_subsequence(cleaned, source)
    assert set(cleaned) <= set(source) | {" ", "\n"}
    lines = source.split("\n")
    for r in removed:
        line = lines[r.line - 1].strip()
        # a whole line, or the chrome at its end (counters after a stamp, a photo number)
        assert line == r.text or (line.endswith(r.text) and "after" in r.reason)
