"""The syndication merge from one build to the next: what it needs of every body is kept in the
build's store, so that one added article costs its own shingles and a few array operations, not the
corpus's. The merges are those `syndication.merge_syndicated` finds over the same records (the
incremental test checks it against a full build), because every value kept is a pure function of
its key:

- each body's shingles, by the body's digest (memo SHINGLES; the extraction workers make them);
- how many bodies hold each shingle (the document frequencies the common shingles come from),
  updated by the bodies that came and went since the last build;
- each body's MinHash sketch over its informative shingles, valid while the common shingles are
  the same for that body: when a shingle crosses the limit (an added body tips it over, or the
  limit moves with the corpus's size), the bodies holding it are sketched again;
- the verdict on each candidate pair (copies or not), by the two articles' identities (body,
  event date, reviewed year), dropped when either body's sketch was made again.

The candidate pairs themselves are found again on every build from the sketches (sorting each LSH
band: a tenth of a second at 20,000 articles), so no pair is ever missed or kept stale.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Callable

import numpy as np

from tdkt.cache import Store
from tdkt.corpus.syndication import (MIN_SHINGLES, NUM_PERM, Verifier, candidate_rows, common_of, merged_groups,
                                     shingle_hashes, sketch, without)

SHINGLES = "shingles"       # memo kind: body digest -> uint32 shingle hashes (bytes)
STATE = "syndication"       # the store's value holding the rest (see _State)
FORMAT = 1


class _State:
    """What one build leaves the next: document frequencies, the common shingles, sketches, verdicts."""

    def __init__(self) -> None:
        self.bodies: Counter[str] = Counter()           # body digests counted in the frequencies
        self.values = np.zeros(0, dtype=np.uint32)      # shingles, sorted
        self.counts = np.zeros(0, dtype=np.int64)       # how many bodies hold each
        self.common = np.zeros(0, dtype=np.uint32)
        self.sketched: dict[str, int] = {}              # body digest -> row of `sketches` (-1: too short)
        self.sketches = np.zeros((0, NUM_PERM), dtype=np.uint32)
        self.verdicts: dict[str, bool] = {}             # "identity|identity" -> copies or not

    def dump(self) -> bytes:
        meta = {"format": FORMAT, "bodies": dict(sorted(self.bodies.items())), "sketched": self.sketched,
                "verdicts": self.verdicts}
        buffer = io.BytesIO()
        np.savez(buffer, meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8), values=self.values,
                 counts=self.counts, common=self.common, sketches=self.sketches)
        return buffer.getvalue()

    @classmethod
    def load(cls, data: bytes | None) -> "_State | None":
        if not data:
            return None
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as saved:
                meta = json.loads(saved["meta"].tobytes())
                if meta.get("format") != FORMAT:
                    return None
                state = cls()
                state.bodies = Counter(meta["bodies"])
                state.sketched, state.verdicts = meta["sketched"], meta["verdicts"]
                state.values, state.counts = saved["values"], saved["counts"]
                state.common, state.sketches = saved["common"], saved["sketches"]
        except (OSError, ValueError, KeyError):
            return None
        return state


def _frequencies(state: _State, wanted: Counter[str], shingles_of: Callable[[list[str]], dict[str, np.ndarray]]) -> None:
    """Bring the document frequencies from the bodies of the last build to those of this one."""
    delta = Counter(wanted)
    delta.subtract(state.bodies)
    delta = Counter({k: v for k, v in delta.items() if v})
    if not delta:
        return
    if len(delta) > len(wanted) // 2:  # most of the corpus changed: count afresh
        arrays = shingles_of(list(wanted))
        data = [arrays[d] for d, n in wanted.items() for _ in range(n)]
        values, counts = np.unique(np.concatenate(data), return_counts=True) if data else (
            np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64))
        state.values, state.counts = values.astype(np.uint32), counts.astype(np.int64)
    else:
        arrays = shingles_of(list(delta))
        changes = [(arrays[d], n) for d, n in delta.items()]
        moved = np.concatenate([a for a, _ in changes])
        weights = np.concatenate([np.full(a.size, n, dtype=np.int64) for a, n in changes])
        values, inverse = np.unique(np.concatenate([state.values, moved]), return_inverse=True)
        counts = np.bincount(inverse, weights=np.concatenate([state.counts, weights]), minlength=values.size)
        keep = counts > 0
        state.values, state.counts = values[keep].astype(np.uint32), counts[keep].astype(np.int64)
    state.bodies = Counter(wanted)


def _holding(wanted: np.ndarray, arrays: list[np.ndarray]) -> list[int]:
    """The positions of the arrays holding any of the `wanted` values (sorted, few): every body's
    shingles are looked through when the common ones change, so a 64 Ki-bit table of the wanted
    values' low bits sifts them first (one gather over all the values), and only the few that pass
    are searched for."""
    if not arrays or not wanted.size:
        return []
    values = np.concatenate(arrays)
    table = np.zeros(1 << 16, dtype=bool)
    table[wanted & 0xFFFF] = True
    maybe = np.flatnonzero(table[values & 0xFFFF])
    candidates = values[maybe]
    at = np.minimum(np.searchsorted(wanted, candidates), wanted.size - 1)
    hits = maybe[wanted[at] == candidates]
    starts = np.cumsum([0] + [a.size for a in arrays[:-1]])
    return np.unique(np.searchsorted(starts, hits, side="right") - 1).tolist()


def merge_incremental(records: list[dict], body_of: Callable[[dict], str | None],
                      body_digest_of: Callable[[dict], str], store: Store,
                      later: Callable[[Callable[[], None]], None] | None = None) -> tuple[list[dict], list[dict]]:
    """merge_syndicated(records with their bodies), from what the store kept of the last build.

    `later(save)`: where to hand the saving of the state for the next build, when the caller does
    it after it has passed the result on (a forked child: runtime.Then); else it is saved here.

    `body_of(record)` reads a body (only new bodies and candidate pairs need it);
    `body_digest_of(record)` is its text_digest without reading it.
    """
    digests = [body_digest_of(r) for r in records]
    first_record = {}
    for record, digest in zip(records, digests):
        first_record.setdefault(digest, record)
    loaded: dict[str, np.ndarray] = {}

    def shingles_of(wanted: list[str]) -> dict[str, np.ndarray]:
        missing = [d for d in wanted if d not in loaded]
        for key, value in store.memo(SHINGLES, missing).items():
            loaded[key] = np.frombuffer(value, dtype=np.uint32)
        made = []
        for digest in missing:
            if digest not in loaded:  # a body not extracted by this store (an editor's correction)
                loaded[digest] = shingle_hashes(body_of(first_record[digest]) or "")
                made.append((digest, loaded[digest].tobytes()))
        if made:
            store.put_memo(SHINGLES, made)
        return {d: loaded[d] for d in wanted}

    state = _State.load(store.value(STATE)) or _State()
    wanted = Counter(digests)
    _frequencies(state, wanted, shingles_of)
    common = common_of(state.values, state.counts, len(records))

    # bodies whose informative shingles changed with the common ones: sketched again
    crossed = np.setxor1d(common, state.common)
    stale: set[str] = set()
    if crossed.size and state.sketched:
        known = [d for d in wanted if d in state.sketched]
        arrays = shingles_of(known)
        stale = {known[i] for i in _holding(crossed, [arrays[d] for d in known])}
    rows = {d: state.sketched[d] for d in wanted if d in state.sketched and d not in stale}
    kept = sorted({r for r in rows.values() if r >= 0})
    renumber = {old: new for new, old in enumerate(kept)}
    matrix = [state.sketches[kept]] if kept else []
    rows = {d: renumber.get(r, -1) for d, r in rows.items()}
    fresh = [d for d in wanted if d not in rows]
    if fresh:
        arrays = shingles_of(fresh)
        made = []
        for digest in fresh:
            informative = without(arrays[digest], common)
            if informative.size >= MIN_SHINGLES:
                rows[digest] = len(kept) + len(made)
                made.append(sketch(informative))
            else:
                rows[digest] = -1
        if made:
            matrix.append(np.vstack(made))
    sketches = np.vstack(matrix) if matrix else np.zeros((0, NUM_PERM), dtype=np.uint32)

    # candidate pairs over the records (a body several records share is a row for each)
    eligible = [i for i, d in enumerate(digests) if rows[d] >= 0]
    pairs = [(eligible[a], eligible[b]) for a, b in
             candidate_rows(sketches[[rows[digests[i]] for i in eligible]])] if len(eligible) > 1 else []

    def informative(i: int) -> np.ndarray:
        return without(shingles_of([digests[i]])[digests[i]], common)

    def body(i: int) -> str:
        return body_of(records[i]) or ""

    check = Verifier(records, informative, body)
    redone = stale | set(fresh)

    def identity(i: int) -> str:
        return json.dumps([digests[i], records[i].get("event_date"), records[i].get("reviewed_year")])

    verdicts, copies = {}, []
    for i, j in pairs:
        key = f"{identity(i)}|{identity(j)}"
        verdict = state.verdicts.get(key) if digests[i] not in redone and digests[j] not in redone else None
        if verdict is None:
            verdict = check.copies(i, j)
        verdicts[key] = verdict
        if verdict:
            copies.append((i, j))
    result = merged_groups(records, copies, check)

    state.common, state.sketches, state.verdicts = common, sketches, verdicts
    state.sketched = rows

    def save() -> None:
        store.set_value(STATE, state.dump())
        store.keep_memo(SHINGLES, wanted)

    if later is None:
        save()
    else:
        later(save)
    return result
