"""Hostile input for ingest and clean: nothing crashes, nothing hangs.

Adversarial long lines (repeated fragments of the very patterns the cleaner's regexes look for)
must be cleaned in linear time; random text and random bytes must either come out as text or be
refused with InputError, never anything else. CPU time (not wall time) is measured, so the
budgets hold on a busy machine; the fuzzers print how many examples they ran and how long.
"""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.corpus.clean import clean
from tdkt.corpus.decode import decode
from tdkt.corpus.ingest import read_article
from tdkt.model import InputError

MB = 1024 * 1024
# CPU seconds allowed per megabyte of input text (measured: 0.2-1.5 s/MB on the build machine).
BUDGET_PER_MB = 2.0


def _repeat(fragment: str, size: int = MB) -> str:
    """`fragment` repeated to about `size` bytes of UTF-8."""
    return fragment * (size // len(fragment.encode()) + 1)


ADVERSARIAL = {
    # one 1 MB line each: nothing to split on, everything for a backtracking regex to chew
    "letters": "a" * MB,
    "font widget": _repeat("A- A A+ "),
    "dates": _repeat("12/01/2024 "),
    "date-ish digits": _repeat("1/"),
    "times": _repeat("1:"),
    "weekday clock": _repeat("Thứ 2, 12/01/2024 08:30 [GMT+7] "),
    "captcha words": _repeat("mã xác nhận "),
    "counter words": _repeat("Hôm nay : 1.157 "),
    "byline words": _repeat("Tin: "),
    "toned vowels": _repeat("ạ"),
    "combining marks": "a" + "\u0301" * (MB // 2),
    "old tone placement": _repeat("hoà "),
    "spaces then a letter": " " * MB + "x",
    "no-break spaces": _repeat("\u00a0"),
    "bullets": _repeat("• "),
    "dots": "." * MB,
    "image name": _repeat("IMG_") + ".jpg",
    "markup": _repeat("<script>alert(1)</script>{{ x }}[a](javascript:b) "),
    # many lines: the per-line work and the joining must stay linear too
    "lines of counters": _repeat("Online: 66\n"),
    "lines broken mid-sentence": _repeat("và các đơn vị\n"),
    "list-dash continuations": _repeat("- a\n"),
    "lines of punctuation": _repeat(".\n"),
    "a repeated paragraph": _repeat("Hội nghị tổng kết công tác thi đua khen thưởng năm 2023 của huyện\n\n"),
    "duplicates between continuations": _repeat("Hội nghị tổng kết công tác thi đua năm\nHội nghị tổng kết công tác thi đua năm.\nvà\n"),
}


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_adversarial_text_is_cleaned_in_linear_time(name):
    text = ADVERSARIAL[name]
    megabytes = len(text.encode()) / MB
    start = time.process_time()
    cleaned, removed = clean(text)
    elapsed = time.process_time() - start
    print(f"clean {name!r}: {megabytes:.2f} MB in {elapsed:.2f} s CPU, {len(removed)} removals")
    assert elapsed < BUDGET_PER_MB * max(1.0, megabytes), f"{elapsed:.2f} s for {megabytes:.2f} MB"
    assert len(cleaned) <= len(text)


def test_one_megabyte_line_file_is_refused_quickly(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_text(_repeat("Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023. "), encoding="utf-8")
    start = time.process_time()
    with pytest.raises(InputError, match="one-line.txt: a line of"):
        read_article(path)
    assert time.process_time() - start < BUDGET_PER_MB


# TDKT_FUZZ_EXAMPLES=5000 for a longer run; the suite's default keeps it under a minute.
FUZZ_EXAMPLES = int(os.environ.get("TDKT_FUZZ_EXAMPLES", "400"))

# Characters that matter to the cleaner and to the renderer downstream, plus anything at all.
_ALPHABET = st.one_of(
    st.sampled_from(list("aAđĐơưạảẫ0123456789 \n\n\t\u00a0\u0301\u0323.,:;!?-–•|/<>[](){}#*_`'\"&=+")),
    st.characters(codec="utf-8"),
)
_CHUNKS = st.sampled_from([
    "Skip to main content", "A- A A+", "Online: ", "Thứ Hai, 15/01/2024 08:30", "Tin: ", "Ảnh: ",
    "date 2023-03 ", "Đánh giá:", "Mã xác nhận", "Tags: ", "---", "<script>", "{{", "{%", "\n\n",
    "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023.", "và các đơn vị", "năm\n2023.",
])
_HOSTILE_TEXT = st.lists(st.one_of(st.text(_ALPHABET, max_size=60), _CHUNKS), max_size=60).map("".join)


def _fuzz(strategy, check, examples: int) -> tuple[int, float, float]:
    """Run `check` over `examples` generated inputs; (count, total CPU s, slowest CPU s)."""
    stats = {"count": 0, "total": 0.0, "slowest": 0.0}

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(strategy)
    def run(value):
        start = time.process_time()
        check(value)
        elapsed = time.process_time() - start
        stats["count"] += 1
        stats["total"] += elapsed
        stats["slowest"] = max(stats["slowest"], elapsed)
        assert elapsed < 1.0, f"one small input took {elapsed:.2f} s"

    run()
    return stats["count"], stats["total"], stats["slowest"]


def test_fuzz_clean(record_property):
    def check(text):
        cleaned, removed = clean(text)
        assert isinstance(cleaned, str) and all(r.line >= 1 for r in removed)

    count, total, slowest = _fuzz(_HOSTILE_TEXT, check, FUZZ_EXAMPLES)
    print(f"fuzz clean: {count} inputs, {total:.2f} s CPU, slowest {slowest * 1000:.1f} ms")
    record_property("fuzz_clean", f"{count} inputs, {total:.2f} s")
    assert count >= FUZZ_EXAMPLES // 2


def test_fuzz_decode(record_property):
    def check(data):
        try:
            text, encoding = decode(data, "fuzz.txt")
        except InputError as err:
            assert "\n" not in str(err) and str(err).startswith("fuzz.txt: ")
        else:
            assert isinstance(text, str) and encoding

    bytes_like_text = _HOSTILE_TEXT.flatmap(lambda t: st.sampled_from([
        t.encode("utf-8"), t.encode("utf-16"), t.encode("utf-8")[:-1], t.encode("utf-16-le"),
    ]))
    count, total, slowest = _fuzz(st.one_of(st.binary(max_size=4096), bytes_like_text), check, FUZZ_EXAMPLES)
    print(f"fuzz decode: {count} inputs, {total:.2f} s CPU, slowest {slowest * 1000:.1f} ms")
    record_property("fuzz_decode", f"{count} inputs, {total:.2f} s")
    assert count >= FUZZ_EXAMPLES // 2


def test_fuzz_read_article(tmp_path, record_property):
    path = tmp_path / "fuzz.txt"

    def check(data):
        path.write_bytes(data)
        try:
            article = read_article(path, source="corpus/fuzz.txt")
        except InputError as err:
            assert "\n" not in str(err) and str(err).startswith("corpus/fuzz.txt: ")
        else:
            assert article.text.strip() and clean(article.text)

    strategy = st.one_of(st.binary(max_size=2048), _HOSTILE_TEXT.map(lambda t: t.encode("utf-8")))
    count, total, slowest = _fuzz(strategy, check, FUZZ_EXAMPLES // 2)
    print(f"fuzz read_article: {count} inputs, {total:.2f} s CPU, slowest {slowest * 1000:.1f} ms")
    record_property("fuzz_read_article", f"{count} inputs, {total:.2f} s")
    assert count >= FUZZ_EXAMPLES // 4
