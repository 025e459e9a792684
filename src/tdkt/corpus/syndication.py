"""Syndicated copies: the same article republished by several portals becomes one article.

A district's report is often picked up by the province's portal, the provincial paper and a
sector's site, each with its own chrome, byline and small edits. Copies are found by the
overlap of their cleaned text: shingles of SHINGLE_WORDS folded syllables, less those that more
than 1% of the corpus shares (formulas and templates are no sign of copying), estimated with
MinHash and paired up by LSH banding (so 100,000 articles cost 100,000 sketches, not 5 billion
comparisons), then every candidate pair is checked on its exact shingle sets. The similarity the
report gives is that exact Jaccard.

Why JACCARD_THRESHOLD = 0.5, with 5-syllable shingles (measured; tests/corpus/test_syndication.py re-runs it):
- distinct conference articles share a formula ("tổ chức Hội nghị tổng kết công tác thi đua, khen
  thưởng năm ..., triển khai nhiệm vụ năm ...") but little else: over the 48 real dev openings and
  the 5 samples (1,378 pairs) the median pair scored 0.009 and the highest 0.064; hand-written
  pairs of one unit, one year, one portal's chrome and opening scored 0.15 (another meeting) and
  0.29 (one paragraph of five shared);
- copies with only new chrome and byline score 0.95 or more on full-length articles; with the lead
  rewritten, one paragraph in six dropped and one word in thirty edited, the median is 0.64 and
  23 of 25 are above 0.5 (the lowest: 0.40);
- last year's article reused as a template scores 0.37 (rewritten) to 0.66 (only the figures
  changed): text overlap cannot tell that apart, so the figures do (see `_conflict`).
0.5 sits nearer the copies than the distinct pairs because a missed merge shows two pages, while
a wrong merge hides an article. (Those figures are over whole shingle sets, as in a small corpus;
in a large one the common shingles go first, which lowers distinct pairs and leaves copies alike.)

Scale (measured on the benchmark's synthetic corpus plus 1% copies, one core): 20,200 articles,
all 200 copies merged and nothing else, 30 s of CPU; 101,000 articles, all 1,000 copies merged and
nothing else, 154 s of CPU, 3.2 GB peak for the whole process (bodies included).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Callable

import numpy as np

SHINGLE_WORDS = 5
JACCARD_THRESHOLD = 0.5
# LSH bands: 42 bands of 3 rows make a pair at the threshold a candidate with probability 0.996
# and a typical pair of distinct conference articles (Jaccard 0.01-0.04) with 0.00004-0.003.
LSH_BANDS, LSH_ROWS = 42, 3
NUM_PERM = LSH_BANDS * LSH_ROWS
# The sketch's estimate has a standard error of about 0.045 near the threshold: pairs estimated
# well below it skip the exact check.
ESTIMATE_MARGIN = 0.15
# Bodies with fewer distinct shingles than this (about 40 words), once the corpus's common ones
# are set aside, are too short to tell a copy from a shared formula.
MIN_SHINGLES = 36
# A shingle found in more bodies than this is a formula or a template, not evidence of copying.
COMMON_MIN_DOCS, COMMON_SHARE = 50, 0.01


_WORD = re.compile(r"[a-z0-9]+")    # over folded text, which is ASCII
_NOT_ASCII_OR_MARK = re.compile("[^\x00-\x7f\u0300-\u036f]+")
_TOKEN_HASHES: dict[str, int] = {}   # Vietnamese has a few thousand syllables: hash each once
# Odd 64-bit multipliers that mix SHINGLE_WORDS syllable hashes into one shingle hash.
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
                dtype=np.uint64)


def _fold(text: str) -> str:
    # text.fold() at C speed, since this runs over every body of a 100,000-article corpus: once
    # the marks are split off, what is not ASCII is a mark (or a symbol, which is no word).
    # ð (eth) stands in for đ on some legacy pages
    text = text.replace("đ", "d").replace("Đ", "D").replace("ð", "d").replace("Ð", "D")
    text = unicodedata.normalize("NFD", text)
    text = _NOT_ASCII_OR_MARK.sub(" ", text)   # a no-break space or a dash still parts two words
    return text.encode("ascii", "ignore").decode("ascii").lower()


def shingle_hashes(body: str) -> np.ndarray:
    """The distinct SHINGLE_WORDS-syllable runs of a text, folded (case and tone marks ignored), as
    32-bit hashes, sorted.

    Each syllable is hashed (CRC-32) and each run's hash mixed from its syllables' with
    numpy; two runs of one article colliding is a one-in-millions event that moves a Jaccard
    score by a thousandth.
    """
    tokens = _WORD.findall(_fold(body or ""))
    count = len(tokens) - SHINGLE_WORDS + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint32)
    if len(_TOKEN_HASHES) > 1_000_000:
        _TOKEN_HASHES.clear()
    for token in set(tokens).difference(_TOKEN_HASHES):
        _TOKEN_HASHES[token] = zlib.crc32(token.encode("ascii"))
    token_hashes = np.fromiter(map(_TOKEN_HASHES.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
    mixed = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE_WORDS):  # uint64 arrays wrap around, as a hash should
        mixed += token_hashes[offset:offset + count] * _MIX[offset]
    return np.unique((mixed >> np.uint64(32)).astype(np.uint32))   # half the memory at 100,000 articles


def shingles(body: str) -> set[int]:
    """shingle_hashes as a set, for exact Jaccard checks."""
    return set(shingle_hashes(body).tolist())


def jaccard(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _order_key(record: dict) -> tuple:
    # The original is the earliest published; undated copies come after dated ones.
    return (record.get("published_date") or "9999-99-99", str(record.get("id")))


def figures(body: str) -> set[int]:
    """The numbers of a text from 13 up (below that: days, months, ordinals, shared by everything)."""
    return {int(token) for token in re.findall(r"\d+", body or "") if int(token) >= 13}


def _conflict(a: dict, b: dict, figures_a: set[int], figures_b: set[int]) -> bool:
    """Signs that two alike texts are two events: last year's article reused as a template.

    Copies keep the figures (measured: at least 75% of the shorter copy's numbers are in the
    other); a reused template changes them (30% in the hand-written case). Extracted dates and
    years that disagree say the same when the extractor found them.
    """
    for key in ("event_date", "reviewed_year"):
        if a.get(key) and b.get(key) and a[key] != b[key]:
            return True
    if len(figures_a) >= 4 and len(figures_b) >= 4:
        shared = len(figures_a & figures_b) / min(len(figures_a), len(figures_b))
        if shared < 0.5:
            return True
    return False


def common_shingles(hashes: list[np.ndarray]) -> np.ndarray:
    """Shingles in more than max(COMMON_MIN_DOCS, COMMON_SHARE of all) bodies: sorted.

    They are the archive's formulas and a portal's template ("tổ chức Hội nghị tổng kết công tác
    thi đua, khen thưởng năm"), which every article of a kind shares and which say nothing about
    copying. Left in, they make thousands of distinct articles LSH candidates of each other
    (measured on the benchmark's corpus, made from five skeletons: ~4,000 per article at 100,000).
    """
    if not hashes:
        return np.zeros(0, dtype=np.uint32)
    values, counts = np.unique(np.concatenate(hashes), return_counts=True)
    return common_of(values, counts, len(hashes))


def common_limit(documents: int) -> int:
    return max(COMMON_MIN_DOCS, int(COMMON_SHARE * documents))


def common_of(values: np.ndarray, counts: np.ndarray, documents: int) -> np.ndarray:
    """The common shingles from a table of document frequencies (values sorted)."""
    limit = common_limit(documents)
    if documents <= limit:
        return np.zeros(0, dtype=np.uint32)
    return values[counts > limit].astype(np.uint32)


def without(values: np.ndarray, common: np.ndarray) -> np.ndarray:
    """A body's shingles less the common ones (both sorted)."""
    if not common.size or not values.size:
        return values
    at = np.searchsorted(common, values)
    found = common[np.minimum(at, common.size - 1)] == values
    return values[~found]


# -- MinHash sketches and LSH bands, in numpy ------------------------------------------------------
#
# The sketch is datasketch's MinHash with scheme "affine32", seed 1 and NUM_PERM permutations, fed
# the shingle hashes as they are (tests check the values are datasketch's): each value is mixed by
# MurmurHash3's finaliser, mapped by h -> a*h + b (mod 2^32) and the minimum kept per permutation.
# Computed here for a whole body at once (datasketch hashes value by value in Python), and the LSH
# bands compared by sorting (datasketch keeps a dict per band): 100,000 bodies cost seconds.


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations for seed 1 (its _init_permutations), made here: importing
    datasketch imports scipy, two seconds of a one-article build."""
    generator = np.random.RandomState(1)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(values: np.ndarray) -> np.ndarray:
    h = values.astype(np.uint32)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def sketch(values: np.ndarray) -> np.ndarray:
    """The MinHash sketch (NUM_PERM uint32) of a set of shingle hashes."""
    a, b = _permutations()
    if not values.size:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    out = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    mixed = _fmix32(values)
    for i in range(0, mixed.size, 2048):  # bounded memory for a very long body
        block = mixed[i:i + 2048, None] * a[None, :] + b[None, :]
        np.minimum(out, block.min(axis=0), out=out)
    return out


def band_pairs(matrix: np.ndarray) -> set[tuple[int, int]]:
    """Row pairs (i < j) of a sketch matrix that agree on every row of at least one LSH band."""
    pairs: set[tuple[int, int]] = set()
    if len(matrix) < 2:
        return pairs
    for band in range(LSH_BANDS):
        columns = matrix[:, band * LSH_ROWS:(band + 1) * LSH_ROWS]
        order = np.lexsort(columns.T[::-1])
        ordered = columns[order]
        same = (ordered[1:] == ordered[:-1]).all(axis=1)
        if not same.any():
            continue
        # runs of equal rows: where a run starts and ends in the sorted order
        edges = np.flatnonzero(np.diff(np.concatenate(([0], same.astype(np.int8), [0]))))
        for start, end in zip(edges[::2], edges[1::2]):
            members = sorted(order[start:end + 1].tolist())
            pairs.update(itertools.combinations(members, 2))
    return pairs


def candidate_rows(matrix: np.ndarray) -> list[tuple[int, int]]:
    """Row pairs whose sketches share an LSH band and estimate near the threshold, sorted."""
    pairs = sorted(band_pairs(matrix))
    if not pairs:
        return []
    left, right = np.array(pairs).T
    estimate = (matrix[left] == matrix[right]).mean(axis=1)
    return [pair for pair, e in zip(pairs, estimate) if e >= JACCARD_THRESHOLD - ESTIMATE_MARGIN]


class Memo:
    """Per-body work kept between builds: shingle hashes by the body's digest, MinHash sketch
    values by the digest of the shingles sketched. Adding one article then shingles and sketches
    only that one (5,000 articles: ~2/3 of the syndication step). Pure values of their keys, so
    results are the same with or without it; `used` holds what this run asked for (to save)."""

    def __init__(self, shingles: dict[bytes, np.ndarray] | None = None,
                 sketches: dict[bytes, np.ndarray] | None = None):
        self.shingles = shingles or {}
        self.sketches = sketches or {}
        self.used_shingles: dict[bytes, np.ndarray] = {}
        self.used_sketches: dict[bytes, np.ndarray] = {}

    def shingle_hashes(self, body: str) -> np.ndarray:
        key = hashlib.sha256(body.encode("utf-8", "surrogatepass")).digest()
        values = self.shingles.get(key)
        if values is None:
            values = shingle_hashes(body)
        self.used_shingles[key] = values
        return values

    def sketch(self, values: np.ndarray) -> np.ndarray:
        key = hashlib.sha256(values.tobytes()).digest()
        hashvalues = self.sketches.get(key)
        if hashvalues is None:
            hashvalues = sketch(values)
        self.used_sketches[key] = hashvalues
        return hashvalues


def informative_shingles(bodies: list[str], memo: Memo | None = None) -> list[np.ndarray]:
    """Each body's shingle hashes without the corpus's common ones."""
    hashes = [memo.shingle_hashes(body) if memo else shingle_hashes(body) for body in bodies]
    common = common_shingles(hashes)
    return [without(h, common) for h in hashes]


def candidate_pairs(hashes: list[np.ndarray], memo: Memo | None = None) -> list[tuple[int, int]]:
    """Index pairs (i < j) whose sketches collide in an LSH band and estimate near the threshold."""
    indices = [i for i, values in enumerate(hashes) if len(values) >= MIN_SHINGLES]
    if len(indices) < 2:
        return []
    matrix = np.vstack([memo.sketch(hashes[i]) if memo else sketch(hashes[i]) for i in indices])
    return [(indices[i], indices[j]) for i, j in candidate_rows(matrix)]


class Verifier:
    """The exact checks of a candidate pair, each body's set and figures made once."""

    def __init__(self, records: list[dict], informative: Callable[[int], np.ndarray], body: Callable[[int], str]):
        self.records, self.informative, self.body = records, informative, body
        self.sets: dict[int, set] = {}
        self.numbers: dict[int, set] = {}

    def similarity(self, i: int, j: int) -> float:
        for k in (i, j):
            if k not in self.sets:
                self.sets[k] = set(self.informative(k).tolist())
        return jaccard(self.sets[i], self.sets[j])

    def conflict(self, i: int, j: int) -> bool:
        for k in (i, j):
            if k not in self.numbers:
                self.numbers[k] = figures(self.body(k))
        return _conflict(self.records[i], self.records[j], self.numbers[i], self.numbers[j])

    def copies(self, i: int, j: int) -> bool:
        return not self.conflict(i, j) and self.similarity(i, j) >= JACCARD_THRESHOLD


def merge_syndicated(records: list[dict], memo: Memo | None = None) -> tuple[list[dict], list[dict]]:
    """(records with copies merged, merges).

    Each group of copies becomes its earliest-published record (tie: smallest id), given
    `sources` = [{id, source, url}] of every copy, itself first; the copies leave the list.
    merges = [{kept, merged: [ids], similarity: lowest Jaccard of a copy to the kept text}].
    Input records are not modified; order is kept. `memo` (optional) reuses an earlier build's
    per-body work; it changes no result.
    """
    bodies = [r.get("body") or "" for r in records]
    hashes = informative_shingles(bodies, memo)
    check = Verifier(records, hashes.__getitem__, bodies.__getitem__)
    copies = [(i, j) for i, j in candidate_pairs(hashes, memo) if check.copies(i, j)]
    return merged_groups(records, copies, check)


def apply_merges(records: list[dict], merges: list[dict]) -> list[dict]:
    """The records as merged_groups returns them, from its `merges` alone (by article id: the ids
    must be unique): each kept record a new dict with `sources`, the copies gone, the order kept.
    For a merge found in another process, which sends back only what it decided."""
    position = {str(r.get("id")): i for i, r in enumerate(records)}
    if len(position) != len(records):
        raise ValueError("apply_merges needs unique article ids")
    merged_away: set[int] = set()
    replacement: dict[int, dict] = {}
    for merge in merges:
        kept = position[str(merge["kept"])]
        group = [position[str(c)] for c in merge["merged"]]
        record = dict(records[kept])
        record["sources"] = [{"id": records[i].get("id"), "source": records[i].get("source"),
                              "url": records[i].get("url")} for i in [kept] + group]
        replacement[kept] = record
        merged_away.update(group)
    return [replacement.get(i, record) for i, record in enumerate(records) if i not in merged_away]


def merged_groups(records: list[dict], copies: list[tuple[int, int]], check: Verifier) -> tuple[list[dict], list[dict]]:
    """The merge itself, from the verified pairs of copies (see merge_syndicated)."""
    # Connected pieces of verified pairs, then split around each piece's original (below).
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in copies:
        parent[find(i)] = find(j)

    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        components[find(i)].append(i)

    # A copy merges only into an original it is itself close to: a chain of copies of copies
    # must not carry an article into another one it barely resembles.
    groups: list[tuple[int, list[tuple[int, float]]]] = []
    for members in components.values():
        if len(members) == 1:
            continue
        members.sort(key=lambda i: _order_key(records[i]))
        kept_groups: list[tuple[int, list[tuple[int, float]]]] = []
        for i in members:
            for kept, group in kept_groups:
                score = check.similarity(kept, i)
                if score >= JACCARD_THRESHOLD and not check.conflict(kept, i):
                    group.append((i, score))
                    break
            else:
                kept_groups.append((i, []))
        groups += [(kept, group) for kept, group in kept_groups if group]

    merged_away: set[int] = set()
    replacement: dict[int, dict] = {}
    merges = []
    for kept, group in groups:
        record = dict(records[kept])
        record["sources"] = [{"id": records[i].get("id"), "source": records[i].get("source"),
                              "url": records[i].get("url")} for i in [kept] + [c for c, _ in group]]
        replacement[kept] = record
        merged_away.update(c for c, _ in group)
        merges.append({"kept": records[kept].get("id"),
                       "merged": [records[c].get("id") for c, _ in group],
                       "similarity": round(min(score for _, score in group), 3)})
    merges.sort(key=lambda m: str(m["kept"]))
    result = [replacement.get(i, record) for i, record in enumerate(records) if i not in merged_away]
    return result, merges  # apply_merges(records, merges) gives `result` again (unique ids)
