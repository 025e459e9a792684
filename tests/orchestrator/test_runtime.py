"""runtime.Forked: a stage run in a forked child, its result (or its exception) sent back; with
runtime.Then, the result sent first and the child's last work waited for after."""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from tdkt.runtime import Forked, Then


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


def _reply_then_finish(flag: Path, release: Path) -> Then:
    def finish() -> int:
        while not release.exists():  # the parent has the result before this ends
            time.sleep(0.01)
        flag.write_text("finished", encoding="utf-8")
        return os.getpid()

    return Then("merges", finish)


def test_a_child_that_returns_then_sends_its_value_first_and_finishes_after(tmp_path: Path):
    flag, release = tmp_path / "flag", tmp_path / "release"
    forked = Forked(lambda: _reply_then_finish(flag, release))
    assert forked.result() == "merges"
    assert not flag.exists() and forked.process.is_alive()  # still at its last work
    release.touch()
    assert forked.wait() == forked.process.pid  # what finish() returned
    assert flag.read_text(encoding="utf-8") == "finished" and not forked.process.is_alive()
    assert forked.wait() is None  # waited for once


def test_an_exception_in_the_childs_last_work_is_raised_by_wait():
    def fail() -> None:
        raise OSError(28, "No space left on device")

    forked = Forked(lambda: Then(42, fail))
    assert forked.result() == 42
    with pytest.raises(RuntimeError, match="OSError"):
        forked.wait()
