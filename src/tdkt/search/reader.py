"""Reading the index back in Python: the browser module does this in JS; this reader answers the
same question from the same files, for tests, the benchmark's expected counts, and anyone scripting
the archive. It reads every segment of the manifest, skips deleted docs and merges the segments in
the order a full build gives (see segments.py), so its answers do not depend on how the index was
built.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

from tdkt.search.segments import INDEX_DIR
from tdkt.search.store import inflate, inflate_raw
from tdkt.search.terms import decode_ids, shard_of, syllables
from tdkt.text import normalize

_PHRASE = re.compile(r'"([^"]*)"?')


def parse_query(query: str) -> tuple[list[str], list[list[str]]]:
    """(all syllables outside quotes, [syllables of each quoted phrase]) of a query, folded."""
    phrases = []

    def take(match: re.Match) -> str:
        tokens = syllables(normalize(match.group(1)))
        if tokens:
            phrases.append(tokens)
        return " "

    free = _PHRASE.sub(take, query)
    return syllables(normalize(free)), phrases


def holds_run(texts: list[str], run: list[str]) -> bool:
    """Whether one of the texts holds the folded syllables `run` side by side."""
    for text in texts:
        tokens = syllables(text)
        for i in range(len(tokens) - len(run) + 1):
            if tokens[i:i + len(run)] == run:
                return True
    return False


def doc_texts(doc: list) -> list[str]:
    """The searched texts of a stored doc, each its own run: headline, body, unit, province, officials."""
    title, _page, _date, unit, province, officials, body = doc
    return [title, body, unit, province, *officials]


class IndexReader:
    """The index under site_dir/tim-kiem/index/, segment files read on demand."""

    def __init__(self, site_dir: Path):
        self.dir = Path(site_dir) / INDEX_DIR
        self.meta = json.loads((self.dir / "meta.json").read_text(encoding="utf-8"))
        self.segments = []
        offset = 0
        for segment in self.meta["segments"]:
            self.segments.append({**segment, "offset": offset, "deleted": set(segment.get("deleted") or ())})
            offset += segment["docs"]
        self._shards: dict[tuple[int, int], dict[str, tuple[str, str]]] = {}
        self._prefixes: dict[str, bytes] = {}

    def _lines(self, s: int, n: int) -> dict[str, tuple[str, str]]:
        if (s, n) not in self._shards:
            path = self.dir / self.segments[s]["name"] / "t" / f"{n}.bin"
            lines = inflate_raw(path.read_bytes()).decode("utf-8").splitlines()
            self._shards[s, n] = {t: (ids, held) for t, ids, held in (line.split("\t") for line in lines)}
        return self._shards[s, n]

    def postings(self, term: str) -> tuple[set[int], set[int]]:
        """(live doc ids holding the term, those holding it in headline, unit or officials).
        Ids count through the segments in manifest order."""
        found, held = set(), set()
        for s, segment in enumerate(self.segments):
            ids, in_fields = self._lines(s, shard_of(term, segment["shards"])).get(term, ("", ""))
            gone, offset = segment["deleted"], segment["offset"]
            found.update(offset + i for i in decode_ids(ids) if i not in gone)
            held.update(offset + i for i in decode_ids(in_fields) if i not in gone)
        return found, held

    def order(self) -> list[int]:
        """Live doc ids newest first: the base's order with each delta doc at its place in it."""
        if not hasattr(self, "_order"):
            base = self.segments[0]
            # a delta doc placed at `at` comes before the base's doc number `at` (bisect_left)
            placed: list[tuple[int, int, int]] = [(i, 1, i) for i in range(base["docs"]) if i not in base["deleted"]]
            for segment in self.segments[1:]:
                placed += [(at, 0, segment["offset"] + i) for i, at in enumerate(segment.get("insertAt") or ())
                           if i not in segment["deleted"]]
            self._order = [doc_id for _, _, doc_id in sorted(placed)]
        return self._order

    def doc(self, doc_id: int) -> list:
        """[headline, page, date, unit, province, officials, body] of a doc."""
        for segment in reversed(self.segments):
            if doc_id >= segment["offset"]:
                break
        local = doc_id - segment["offset"]
        if segment["dict"] not in self._prefixes:
            self._prefixes[segment["dict"]] = (self.dir / segment["name"] / "dict.bin").read_bytes()
        path = self.dir / segment["name"] / "d" / str(local // self.meta["docsPerDir"]) / f"{local}.bin"
        data = inflate(self._prefixes[segment["dict"]], path.read_bytes(), segment["dictBytes"])
        return json.loads(data)

    def page(self, doc_id: int) -> str:
        return self.doc(doc_id)[1]

    def matching_ids(self, query: str) -> list[int]:
        """Doc ids (newest first) matching the query as the search page matches it: every syllable
        present, and every quoted phrase present with its syllables side by side."""
        free, phrases = parse_query(query)
        required = set(free) | {t for p in phrases for t in p}
        required |= {f"{a} {b}" for p in phrases for a, b in pairwise(p)}
        if not required:
            return []
        found: set[int] | None = None
        for term in sorted(required):
            ids = self.postings(term)[0]
            found = ids if found is None else found & ids
            if not found:
                return []
        long_phrases = [p for p in phrases if len(p) > 2]  # shorter ones: the pair postings are exact
        if long_phrases:
            found = {i for i in found if all(holds_run(doc_texts(self.doc(i)), p) for p in long_phrases)}
        return [i for i in self.order() if i in found]

    def find(self, query: str) -> list[str]:
        """Pages of the articles matching the query, newest first."""
        return [self.page(i) for i in self.matching_ids(query)]

    def in_a_row(self, query: str) -> list[str]:
        """Pages of the matching articles that hold the query's words outside quotes side by side."""
        free, _ = parse_query(query)
        return [page for i in self.matching_ids(query)
                if (page := self.page(i)) and (len(free) < 2 or holds_run(doc_texts(self.doc(i)), free))]
