"""runtime.Forked: a stage run in a forked child, its result (or its exception) sent back."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import pytest

from tdkt.runtime import Forked


def _sum_in_a_pool() -> int:
    with ProcessPoolExecutor(max_workers=2) as pool:  # the search index starts workers to merge
        return sum(pool.map(abs, [-1, -2, -3]))


def test_the_child_sees_the_parents_memory_and_sends_back_its_result():
    big = list(range(100_000))  # not pickled on the way in: the child has it from the fork
    assert Forked(lambda: sum(big)).result() == sum(big)


def test_the_child_may_start_workers_of_its_own():
    assert Forked(_sum_in_a_pool).result() == 6


def test_an_exception_in_the_child_is_raised_in_the_parent():
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        Forked(lambda: 1 / 0).result()
