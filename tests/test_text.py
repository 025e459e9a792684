"""The text primitives every stage compares through: one spelling, folding, slugs."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.text import fold, normalize, slugify

VIETNAMESE_ISH = st.text(
    alphabet=st.sampled_from(list("oOuUaAeEyYqQ \n\t\r\x08\x00\u00a0\u0300\u0301\u0303\u0309\u0323àèỳòùhóaòe")),
    max_size=40,
)


def test_one_spelling_for_old_and_new_tone_placement():
    assert normalize("hoà bình, thuỷ lợi, khoẻ") == normalize("hòa bình, thủy lợi, khỏe") == "hòa bình, thủy lợi, khỏe"
    assert normalize("quý") == "quý"          # qu + y keeps the tone on y


def test_a_control_between_a_letter_and_its_mark_does_not_survive_a_second_pass():
    once = normalize("O\x08È")
    assert normalize(once) == once


@settings(max_examples=2000, deadline=None)
@given(VIETNAMESE_ISH)
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


def test_fold_takes_d_stroke_too():
    assert fold("Đồ Sơn, Hồng Lĩnh, khen thưởng") == "do son, hong linh, khen thuong"


@given(st.text(max_size=200))
def test_slugs_are_ascii_and_never_paths(text):
    slug = slugify(text)
    assert slug and slug.isascii() and "/" not in slug and ".." not in slug and not slug.startswith("-")
