"""What the index is made of: folded syllables, pairs of adjacent syllables, and what one article
contributes (its entry). Pure functions; the browser module (assets/search-core.js) tokenizes the same way.

Vietnamese syllables are words to a search engine, and the common ones (thi, đua, khen, huyện) sit
in nearly every article, while what a reader types is usually several syllables ("Đồ Sơn",
"Huân chương Lao động"). So the index keeps, for every folded syllable (unigram) and every folded
pair of adjacent syllables (bigram), the documents holding it. Bigrams answer "are the words in a
row" for two syllables exactly and for longer runs as a chain (the browser checks the text of the
results it shows: "Lao động hạng Ba ... Chiến công hạng Nhì" holds the chain of "lao động hạng nhì").
"""

from __future__ import annotations

import hashlib
import re
from itertools import pairwise

from tdkt.taxonomy import article_date, article_year, province_group, title_of
from tdkt.text import fold, one_line

_WORD = re.compile(r"\w+")


class _FoldedSyllables(dict):
    """Raw syllable -> folded syllable, filled on first sight.

    The index reads hundreds of megabytes of text at 20,000 articles, but the language has only
    some thousands of distinct syllables: folding each distinct one once (and looking the rest up
    in C) is ~20x faster than folding the whole text.
    """

    def __missing__(self, syllable: str) -> str:
        if len(self) > 1_000_000:  # numbers and codes are unbounded; keep memory bounded
            self.clear()
        folded = self[syllable] = fold(syllable)
        return folded


_FOLDED = _FoldedSyllables()


def syllables(text: str) -> list[str]:
    """Folded syllables of an NFC text, in order (the tokens of the index): "Đồ Sơn" -> ["do", "son"]."""
    return list(map(_FOLDED.__getitem__, _WORD.findall(text)))


def terms_of(tokens: list[str]) -> set[str]:
    """Unigrams and adjacent bigrams ("do son") of one run of syllables."""
    found = set(tokens)
    found.update(map(" ".join, pairwise(tokens)))
    return found


def shard_of(term: str, shards: int) -> int:
    """FNV-1a 32-bit of the term's UTF-8 bytes, modulo the shard count (the JS does the same)."""
    h = 0x811C9DC5
    for byte in term.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % shards


def encode_ids(ids: list[int]) -> str:
    """Ascending doc ids as comma-separated deltas: [3, 4, 9] -> "3,1,5"."""
    if not ids:
        return ""
    return ",".join(map(str, [ids[0], *[b - a for a, b in pairwise(ids)]]))


def decode_ids(text: str) -> list[int]:
    """Inverse of encode_ids (the JS has its own)."""
    ids, total = [], 0
    for part in text.split(",") if text else ():
        total += int(part)
        ids.append(total)
    return ids


# ---------------------------------------------------------------- one article's entry

def _name(value) -> str:
    if isinstance(value, dict):
        return one_line(value.get("name"))
    return one_line(value)


def entry_of(record: dict, body: bool = True) -> dict:
    """What the index keeps of an article (a record of the data contract with record["page"]):
    the texts it searches, the facet values, what a result shows. Plain data, so it can be sent
    to worker processes. body=False leaves the body out (None): it is read when it is needed."""
    return {
        "id": str(record.get("id") or ""),
        "page": record.get("page") or "",
        "date": article_date(record) or "",
        "title": title_of(record),              # the display headline, as the article's page shows it
        "unit": _name(record.get("unit")),
        "province": _name(record.get("province")),
        "group": province_group(record),        # the facet value: a province, or one of the two groups
        "year": article_year(record),
        "level": unit.get("level") if isinstance(unit := record.get("unit"), dict) else None,
        "awards": sorted({a.get("type") for a in record.get("awards") or () if isinstance(a, dict) and a.get("type")}),
        "officials": [n for o in record.get("officials") or () if isinstance(o, dict) and (n := one_line(o.get("name")))],
        "body": (record.get("body") or "") if body else None,
    }


# The record's fields entry_of reads (besides body, unit, province, awards, officials).
_READ = ("id", "page", "title", "display_title", "event_date", "published_date", "reviewed_year", "campaign_year",
         "province_scope")


def record_digest(record: dict, body_digest=None) -> str:
    """Changes whenever anything entry_of reads of the record changes (the raw fields, so that an
    unchanged article costs a hash of its text and no more: ~13 us for 5,000 characters). With
    `body_digest(record)` (the caller's digest of the body), the body itself is not read."""
    unit, province = record.get("unit"), record.get("province")
    head = [record.get(k) for k in _READ]
    head.append([unit.get("name"), unit.get("level")] if isinstance(unit, dict) else unit)
    head.append(province.get("name") if isinstance(province, dict) else province)
    head.append([a.get("type") if isinstance(a, dict) else a for a in record.get("awards") or ()])
    head.append([o.get("name") if isinstance(o, dict) else o for o in record.get("officials") or ()])
    if body_digest is not None:
        head.append(body_digest(record))
    digest = hashlib.sha1(repr(head).encode("utf-8", "surrogatepass"), usedforsecurity=False)
    if body_digest is None:
        # UTF-16 is the cheapest encoding of Vietnamese text in CPython (4 us for 5,000 characters,
        # UTF-8 12 us): at 50,000 articles the digests of an unchanged corpus cost ~0.6 s in all
        digest.update((record.get("body") or "").encode("utf-16-le", "surrogatepass"))
    return digest.hexdigest()[:24]


def record_key(record: dict) -> str:
    """An article's identity across builds: its page and id (two articles never share both)."""
    return (record.get("page") or "") + "\x00" + str(record.get("id") or "")


def entry_key(entry: dict) -> str:
    return entry["page"] + "\x00" + entry["id"]


def order_key(entry: dict) -> tuple:
    """Ascending = newest first, then by page and id: doc ids follow this order, so "sort by date"
    is id order and equal scores break by date. An article without a date comes last."""
    return (tuple(-ord(c) for c in entry["date"]) + (1,), entry["page"], entry["id"])


def searched_texts(entry: dict) -> list[str]:
    """The texts an article is found by, each its own run of syllables (no pair spans two)."""
    return [entry["title"], entry["body"], entry["unit"], entry["province"], *entry["officials"]]


def field_texts(entry: dict) -> list[str]:
    """Where a match ranks higher: the headline, the organising unit, the officials' names."""
    return [entry["title"], entry["unit"], *entry["officials"]]


def entry_terms(entry: dict) -> tuple[set[str], set[str]]:
    """(every term of the article, the terms of its headline, unit and officials)."""
    fields: set[str] = set()
    for text in field_texts(entry):
        fields |= terms_of(syllables(text))
    found = set(fields)
    for text in (entry["body"], entry["province"]):
        found |= terms_of(syllables(text))
    return found, fields


def stored_doc(entry: dict) -> list:
    """What a result shows and the browser checks: [headline, page, date, unit, province,
    officials, body]. The browser finds the best passage in these texts, each apart as above."""
    return [entry["title"], entry["page"], entry["date"], entry["unit"], entry["province"],
            entry["officials"], entry["body"]]
