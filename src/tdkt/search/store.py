"""The result store: every article's whole text, compressed, one small file each, fetched only for
the results on screen (their snippets come from the best passage anywhere in the text).

Why this shape. GitHub Pages counts stored bytes, and serves a file as it is stored: a text file is
gzipped on the wire but counts whole on disk. So each article is stored deflate-compressed
(`.bin`; the browser inflates it with DecompressionStream("deflate-raw")), and the bytes on disk
are the bytes on the wire. Articles of one archive share much of their wording ("tổng kết công tác
thi đua, khen thưởng năm", "có thành tích xuất sắc trong phong trào thi đua yêu nước"), but one
article alone is too short for deflate to profit from it. A preset dictionary of the corpus's
frequent phrases fixes that (as zstd's trained dictionaries do): measured 36-40% fewer bytes per
article than deflate alone, on real articles (dev/dev2) and on the synthetic corpus.

Browsers' DecompressionStream takes no preset dictionary, so the dictionary travels as a deflate
stream of its own, cut at a byte boundary (Z_SYNC_FLUSH): `prefix`. Every article is compressed
by a copy of the compressor that has just read the dictionary, so `prefix + tail` is one valid
deflate stream whose output is the dictionary followed by the article; the reader drops the first
`len(dictionary)` bytes. The prefix is fetched once per page; each article costs only its tail.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter

# Deflate reaches 32 KiB back: a dictionary a little shorter leaves an article's first kilobytes
# the whole dictionary to refer to.
DICTIONARY_BYTES = 30_000
# Phrases of this many words (measured: 4 beats 6 and 8 by 3-5 points).
SHINGLE_WORDS = 4
# Articles read to find the frequent phrases: spread evenly over the corpus; more costs memory
# (every shingle counted) and finds little more.
SAMPLE_ARTICLES = 600
# Articles: level 9. On 3,000 bodies of 20,000 synthetic articles against their dictionary, level 6
# gave 1,363 bytes an article in 0.185 ms, level 9 1,328 bytes (-2.6%, 36 bytes an article of the
# site's 20 KB) in 0.328 ms: 2.9 s more of one core for a first build of 20,000, spread over the
# index's workers, and nothing to speak of for the few articles of a one-article build's delta.
# Postings and columns, written once per shard: level 9 too.
ARTICLE_LEVEL = 9
LEVEL = 9


def dictionary_sample(count: int) -> range:
    """Which of `count` articles (in order) the dictionary is trained on: SAMPLE_ARTICLES, evenly spread."""
    return range(0, count, max(1, count // SAMPLE_ARTICLES))[:SAMPLE_ARTICLES]


def train_dictionary(sample: list[str]) -> bytes:
    """A preset dictionary for a corpus, from a sample of its texts (dictionary_sample): their
    frequent phrases, most valuable last (nearest to the text that refers to them, so
    back-references are short). Deterministic for the same texts."""
    counts: Counter[str] = Counter()
    for text in sample:
        tokens = text.split()
        counts.update({" ".join(tokens[i:i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)})
    candidates = sorted(((n, s) for s, n in counts.items() if n >= 2), key=lambda c: (-c[0] * len(c[1]), c[1]))
    chosen: list[str] = []
    size = 0
    seen = ""
    for _, phrase in candidates:
        if size > DICTIONARY_BYTES - 2 * SHINGLE_WORDS:
            break
        cost = len(phrase.encode("utf-8")) + 1
        if size + cost > DICTIONARY_BYTES or phrase in seen:  # too long, or inside what is chosen
            continue
        chosen.append(phrase)
        size += cost
        seen += "\n" + phrase
    return "\n".join(reversed(chosen)).encode("utf-8")


class Compressor:
    """Compresses articles against one dictionary: `prefix` is the dictionary's own stream."""

    def __init__(self, dictionary: bytes):
        self.dictionary = dictionary
        self._primed = zlib.compressobj(ARTICLE_LEVEL, zlib.DEFLATED, -15, 9)
        self.prefix = self._primed.compress(dictionary) + self._primed.flush(zlib.Z_SYNC_FLUSH)
        self.name = hashlib.sha256(dictionary).hexdigest()[:12]

    def compress(self, data: bytes) -> bytes:
        worker = self._primed.copy()
        return worker.compress(data) + worker.flush()


def inflate(prefix: bytes, tail: bytes, dictionary_bytes: int) -> bytes:
    """What the browser does: inflate prefix + tail, drop the dictionary."""
    return zlib.decompress(prefix + tail, -15)[dictionary_bytes:]


def deflate(data: bytes) -> bytes:
    """Raw deflate (no header), as DecompressionStream("deflate-raw") reads it: postings, columns."""
    worker = zlib.compressobj(LEVEL, zlib.DEFLATED, -15, 9)
    return worker.compress(data) + worker.flush()


def deflate_json(value) -> bytes:
    return deflate(json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8"))


def inflate_raw(data: bytes) -> bytes:
    return zlib.decompress(data, -15)
