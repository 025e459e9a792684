"""The downloads (articles.json, articles.csv, awards.csv) made of parts kept between builds, gzipped.

Each is the file tdkt.site.datasets' pure builders make, newest first, stored gzipped: GitHub Pages
counts the bytes stored, and these files are most of a text's size again (at 20,000 articles 60 MB,
3 KB an article; gzipped a sixth of that). The gzip file is a series of gzip members, one per month
of articles (newest first, undated last): RFC 1952 allows any number, every gzip reader joins them
into the one file. So an added article costs its own lines and one member compressed again, not the
whole file: each article's lines are kept by the digest of its record and its page, each member by
a digest of what it holds (Store memos). The same records give the same bytes whatever was kept,
because every kept value is a pure function of its key.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path

from tdkt import taxonomy
from tdkt.cache import Store, deterministic_gzip
from tdkt.site import datasets, sqlite
from tdkt.taxonomy import article_date

LINES = "download-lines"      # memo kind: record digest + page -> its lines in the three files
MEMBERS = "download-members"  # memo kind: digest of a member's text -> the member, gzipped
WORDS = "database-words"      # memo kind: body digest -> its distinct words (sqlite.words_text), UTF-8
FILES = ("json", "articles", "awards")


@functools.cache
def _code() -> str:
    """What the lines are made by: datasets and the taxonomy whose dates and years they hold
    (lines another version of either made are not reused)."""
    made_by = Path(datasets.__file__).read_bytes() + Path(taxonomy.__file__).read_bytes()
    return hashlib.sha256(made_by).hexdigest()[:16]


def _csv_line(row: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(row)  # RFC 4180 quoting, CRLF: as datasets._csv writes each row
    return buffer.getvalue()


def record_lines(record: dict, page: str) -> dict[str, str]:
    """One article's part of each file: its articles.json line, its articles.csv row, its awards.csv rows."""
    return {"json": json.dumps(datasets.contract_record(record, page), ensure_ascii=False, separators=(",", ":")),
            "articles": _csv_line(datasets.article_row(record, page)),
            "awards": "".join(_csv_line(row) for row in datasets.award_rows(record))}


def _month(record: dict) -> str:
    date = str(article_date(record) or "")
    return date[:7] if len(date) >= 7 else ""


def _texts(kind: str, chunks: list[list[dict[str, str]]]) -> list[str]:
    """The file's text cut at the chunks: their concatenation is datasets' file, byte for byte."""
    last = len(chunks) - 1
    out = []
    for i, chunk in enumerate(chunks):
        if kind == "json":
            text = ("[\n" if i == 0 else "") + ",\n".join(lines["json"] for lines in chunk)
            text += "\n]\n" if i == last else ",\n"
        else:
            header = datasets.ARTICLE_COLUMNS if kind == "articles" else datasets.AWARD_COLUMNS
            text = (datasets.BOM + _csv_line(list(header)) if i == 0 else "") + "".join(lines[kind] for lines in chunk)
        out.append(text)
    return out


def dataset_files(records: list[dict], page_of: Callable[[dict], str], digest: Callable[[dict], str],
                  store: Store) -> dict[str, bytes]:
    """{"json": articles.json, "articles": articles.csv, "awards": awards.csv}, each gzipped (bytes)."""
    from tdkt.site.values import sort_newest_first

    if not records:  # no member to cut: the pure builders' files
        return {"json": deterministic_gzip(datasets.articles_json([])),
                "articles": deterministic_gzip(datasets.articles_csv([])),
                "awards": deterministic_gzip(datasets.awards_csv([]))}
    ordered = sort_newest_first(records)
    keys = [f"{_code()}:{digest(r)}:{page_of(r)}" for r in ordered]
    months: dict[str, list[int]] = {}
    for i, record in enumerate(ordered):
        months.setdefault(_month(record), []).append(i)
    chunks = list(months.values()) or [[]]
    last = len(chunks) - 1
    member_keys = {kind: [hashlib.sha256(json.dumps([kind, i == 0, i == last, [keys[j] for j in chunk]])
                                         .encode()).hexdigest() for i, chunk in enumerate(chunks)]
                   for kind in FILES}
    wanted = [key for kind in FILES for key in member_keys[kind]]
    members = store.memo(MEMBERS, wanted)
    missing = [(kind, i) for kind in FILES for i, key in enumerate(member_keys[kind]) if key not in members]
    # one member at a time: its articles' lines (kept, or made and kept), its text, gzipped; so a
    # first build of 50,000 articles holds one month of lines, not the three files
    for kind, i in missing:
        chunk = chunks[i]
        lines = {k: json.loads(v) for k, v in store.memo(LINES, [keys[j] for j in chunk]).items()}
        fresh = []
        for j in chunk:
            if keys[j] not in lines:
                lines[keys[j]] = record_lines(ordered[j], page_of(ordered[j]))
                fresh.append((keys[j], json.dumps(lines[keys[j]], ensure_ascii=False).encode()))
        store.put_memo(LINES, fresh)
        full_chunks = [[lines[keys[j]] for j in part] if n == i else [] for n, part in enumerate(chunks)]
        member = deterministic_gzip(_texts(kind, full_chunks)[i].encode("utf-8"))
        members[member_keys[kind][i]] = member
        store.put_memo(MEMBERS, [(member_keys[kind][i], member)])
    store.keep_memo(LINES, keys)
    store.keep_memo(MEMBERS, wanted)
    return {kind: b"".join(members[key] for key in member_keys[kind]) for kind in FILES}


class FtsWords:
    """The database's full-text words of a run of records (sqlite.fill's `words`), kept between builds
    by the digest of each body: an added article's words are made from its body, the others read
    back (a tenth of the database's time at 20,000 articles, against tokenizing every text again).
    Call forget() once the database is made: the words of bodies no longer there go.

    Kept as UTF-8, not compressed: read back at 20,000 synthetic articles, zlib (level 1) made them
    30 MB instead of 40 MB in the store and took 0.33 s of the 0.39 s their reading took, on the
    critical path of a one-article build (the index and downloads' child)."""

    def __init__(self, texts: Callable[[list[dict]], list], body_digest: Callable[[dict], str],
                 store: Store) -> None:
        self.texts, self.body_digest, self.store = texts, body_digest, store
        self.seen: list[str] = []

    def __call__(self, run: list[dict]) -> list[str]:
        keys = [f"{_words_code()}:{self.body_digest(r)}" for r in run]
        self.seen += keys
        kept = self.store.memo(WORDS, keys)
        missing = [i for i, key in enumerate(keys) if key not in kept]
        fresh = []
        if missing:
            for i, body in zip(missing, self.texts([run[i] for i in missing])):
                value = sqlite.words_text(body).encode("utf-8")
                kept[keys[i]] = value
                fresh.append((keys[i], value))
            self.store.put_memo(WORDS, fresh)
        return [kept[key].decode("utf-8") for key in keys]

    def forget(self) -> None:
        self.store.keep_memo(WORDS, self.seen)


@functools.cache
def _words_code() -> str:
    """What a body's words are made by, and how they are kept: words another version of either
    module made (or kept another way) are not reused."""
    return hashlib.sha256(Path(sqlite.__file__).read_bytes() + Path(__file__).read_bytes()).hexdigest()[:16]
