"""Properties of search over random Vietnamese text: tone marks never change what is found."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.search import IndexReader, build_index
from tdkt.search.terms import syllables
from tdkt.text import fold, words

# Syllables that differ only in tone marks or đ, so folding really merges things.
SYLLABLES = ["đồ", "đỗ", "do", "sơn", "son", "sớn", "hồng", "hông", "lĩnh", "linh", "khen", "thưởng", "thuong",
             "huân", "huấn", "chương", "lao", "động", "đông", "dòng", "hạng", "nhì", "nhi", "Đông", "ĐỒNG"]
syllable = st.sampled_from(SYLLABLES)
text = st.lists(syllable, min_size=1, max_size=12).map(" ".join)


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạầấẩẫậềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐÀÁ ,.-\n",
               max_size=200))
def test_index_tokens_are_the_projects_folded_words(sample):
    assert syllables(sample) == words(sample)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=st.lists(text, min_size=1, max_size=8), query=st.lists(syllable, min_size=1, max_size=3),
       quoted=st.booleans())
def test_a_query_without_tone_marks_finds_the_same_articles(tmp_path_factory, docs, query, quoted):
    site = tmp_path_factory.mktemp("prop")
    build_index([{"title": f"t{i}", "body": body, "page": f"p/{i}/"} for i, body in enumerate(docs)], site)
    reader = IndexReader(site)
    toned = " ".join(query)
    if quoted:
        toned = f'"{toned}"'
    found = reader.find(toned)
    assert found == reader.find(fold(toned))
    # and it is exactly the articles holding the folded syllables (side by side, when quoted)
    texts = {f"p/{i}/": words(body) for i, body in enumerate(docs)}
    want = words(" ".join(query))
    if quoted:
        expected = {page for page, w in texts.items() if any(w[k:k + len(want)] == want for k in range(len(w)))}
    else:
        expected = {page for page, w in texts.items() if set(want) <= set(w)}
    assert set(found) == expected and len(found) == len(expected)
