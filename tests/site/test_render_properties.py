"""Property tests: whatever text an article holds, the built page shows that text and nothing more."""

from __future__ import annotations

import copy
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.taxonomy import UNTITLED
from tdkt.site.article import article_markdown
from tdkt.site.paths import assign_article_pages
from tdkt.site.markup import md_paragraphs, md_text
from tdkt.text import one_line
from tests.site_fixtures import handmade_records
from tests.site.test_render import ALLOWED_TAGS, Page, to_html

# Markup characters much more often than chance would give them, plus Vietnamese letters,
# whitespace of every kind and control characters.
MARKUP = list("\\`*_{}[]()#+-.!|<>&=~^$@:;%?/\"'") + ["---", "!!!", "{{", "{%", "{:", "](", "<script>", "&#60;",
                                                         "javascript:", "\n", "\t", "    ", "1. ", "\x02", "\x03"]
text_strategy = st.lists(
    st.one_of(st.sampled_from(MARKUP), st.text(alphabet="aăâđeêoôơuưyAĐÊƠƯ hồngĩnhỵẫ0123456789", max_size=4),
              st.characters()),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text_strategy)
def test_inline_text_comes_back_as_the_same_visible_text(text):
    page = Page(to_html(md_text(text)))
    assert page.text == " ".join(one_line(text).split())
    assert {tag for tag, _ in page.tags} <= {"p"}


@settings(max_examples=200, deadline=None)
@given(st.lists(text_strategy, max_size=6))
def test_every_line_of_the_body_is_one_paragraph_of_the_same_text(lines):
    html_text = to_html(md_paragraphs("\n".join(lines)))
    paragraphs = [" ".join(Page(p).text.split()) for p in re.findall(r"<p>(.*?)</p>", html_text, re.S)]
    body_lines = "\n".join(lines).split("\n")
    expected = [" ".join(one_line(line).split()) for line in body_lines if one_line(line)]
    assert paragraphs == expected
    assert {tag for tag, _ in Page(html_text).tags} <= {"div", "p"}


@settings(max_examples=150, deadline=None)
@given(title=text_strategy, name=text_strategy, url=text_strategy, body=text_strategy)
def test_article_page_shows_random_fields_as_text_and_only_our_markup(title, name, url, body):
    record = copy.deepcopy(handmade_records()[0])
    record.update(title=title, author=name, url=url, body=body)
    record["officials"] = [{"name": name or "x", "title": title}]
    record["unit"]["name"] = name
    page_path = assign_article_pages([record])["a01"]
    assert re.fullmatch(r"bai-viet/2023/[a-z0-9-]+\.md", page_path)
    html_text = to_html(article_markdown(record, page_path))
    page = Page(html_text)
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    heading = Page(re.search(r"<h1[^>]*>(.*?)</h1>", html_text, re.S).group(1)).text
    assert heading == " ".join((one_line(title) or UNTITLED).split())
    for href in page.hrefs():
        assert href.startswith(("../", "http://", "https://", "HTTP")), href
    visible = page.text
    for value in (name, body):
        if one_line(value):
            assert " ".join(one_line(value).split()) in visible
