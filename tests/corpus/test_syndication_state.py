"""The syndication merge's state between builds: which bodies hold a shingle that crossed the
common limit (their sketches are made again)."""

from __future__ import annotations

import numpy as np

from tdkt.corpus.syndication_state import _holding


def test_the_bodies_holding_a_crossed_shingle_are_exactly_those_found():
    rng = np.random.default_rng(7)
    for _ in range(300):
        # small value ranges and values 65,536 apart: the low-bits table lets through values that
        # are not wanted, which must not be taken for hits
        base = rng.integers(0, 40, size=rng.integers(0, 25))
        bodies = [np.unique((base[rng.random(base.size) < 0.5] * 65_536 + rng.integers(0, 3)).astype(np.uint32))
                  for _ in range(rng.integers(1, 12))]
        bodies.insert(int(rng.integers(0, len(bodies) + 1)), np.zeros(0, dtype=np.uint32))  # a body too short
        wanted = np.unique((rng.integers(0, 40, size=rng.integers(1, 6)) * 65_536 + rng.integers(0, 3)).astype(np.uint32))
        expected = [i for i, body in enumerate(bodies) if set(body.tolist()) & set(wanted.tolist())]
        assert _holding(wanted, bodies) == expected


def test_nothing_wanted_or_no_bodies_holds_nothing():
    assert _holding(np.zeros(0, dtype=np.uint32), [np.arange(5, dtype=np.uint32)]) == []
    assert _holding(np.arange(3, dtype=np.uint32), []) == []
