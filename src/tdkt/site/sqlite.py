"""The archive as one SQLite database, /du-lieu/tdkt.sqlite.gz: tables articles, awards, officials
(foreign keys, indexes) and articles_fts, an FTS5 index over each article's title and text (pure:
records in, bytes out).

Built with the standard library's sqlite3: three small tables and one virtual table, a dozen statements;
sqlite-utils would add a dependency and no capability the build needs. Deterministic: rows go in by
article id, the full-text index is optimized into one segment, the file is VACUUMed and gzipped with no
name and no time in its header, so the same corpus (and the same SQLite library) gives the same bytes.
Gzip level 5, not 9 or 6: on the database of 5,000 synthetic articles (13.4 MB) level 9 took 2.46 s
and gave 2,116,855 bytes, level 6 0.29 s and 2,189,973 (+3.5%, 15 bytes an article), level 7 0.44 s;
the nine-level search was most of the download stage's time (2.2 s of 3.9 s, cProfile). On the
database of 20,000 (52.4 MB), on one thread: level 6 0.81 s and 7,321,106 bytes, level 5 0.44 s and
7,671,744 (+4.8%, 17.5 bytes an article), level 4 0.32 s and 8,135,513. The gzip is made again in
every build, on the critical path of a one-article build (the index and downloads' child): level 5
took its downloads from about 2.3 to 2.05 s, which the site's 20 KB an article can spare.

What it costs, measured (bytes per article, gzipped; 1,000 synthetic articles / 111 real openings):
the text stored with a full index 2,623 / 1,210; the text with a column-level index 1,125 / 775; no
text, a contentless full index 1,690 / 681; no text, a contentless column-level index 193 / 249; no
index 72 / 108. The site's budget is 20 KB an article for everything, so the database is the last of
these with an index: no text (every article page publishes it, as the other downloads leave it out),
and articles_fts is contentless with detail=column. A query finds articles by words in their title or
text (rowid = articles.rowid), words AND-ed, OR, NOT, prefixes and column filters; phrase and NEAR
queries need positions, which the column-level index does not keep (the site's search has them).
The tokenizer is unicode61 with remove_diacritics 2, so "khen thuong" finds "khen thưởng" (đ is a
letter of its own: "dong" does not find "đồng"). Served gzipped (about a seventh of the bytes):
`gunzip tdkt.sqlite.gz`, then `sqlite3 tdkt.sqlite` or `datasette tdkt.sqlite` open it as it is.

The index is fed each text's distinct words (words_text), not the text: an index that keeps no
positions (detail=column) holds the same entries either way, and tokenizing the text was most of the
database's time (at 20,000 synthetic articles, 2.1 of 5.5 s; the distinct words, 40% of the text,
1.2 s). What changes is the column sizes bm25 weighs by: distinct words, not words. The distinct
words of a body are kept between builds (dataset_parts.FtsWords), so an added article tokenizes
its own words and the rest are read back.

A build keeps the database it made (Kept, in build/cache/), with each article's key (the digest
of its record and its page): the next build copies the rows of the articles whose key is the same
from it, in SQLite, instead of making them again in Python (at 20,000 synthetic articles, of 3.1 s
for the database: its rows 0.5 s in Python and 0.56 s inserted). The full-text index is made
anew: its rowids are the articles' places in id order, which an added article shifts. The bytes
do not depend on what was copied: VACUUM writes every table and index again in key order.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO
from pathlib import Path

from tdkt.taxonomy import article_date, article_year, province_group


SCHEMA = """
CREATE TABLE articles (
  rowid INTEGER PRIMARY KEY,          -- the full-text index's key (articles_fts.rowid)
  id TEXT NOT NULL UNIQUE,            -- the article's id (articles.json, articles.csv)
  title TEXT,                         -- the headline the site shows
  title_derived INTEGER NOT NULL,     -- 1 when the page had no headline and it comes from the lead
  date TEXT,                          -- the event's date, else the publication's (YYYY-MM-DD)
  event_date TEXT,
  published_date TEXT,
  year INTEGER,                       -- the year the site files the article under
  reviewed_year INTEGER,
  campaign_year INTEGER,
  unit TEXT,
  unit_level TEXT,
  province TEXT,                      -- at the article's date
  province_current TEXT,              -- since 1 July 2025
  province_group TEXT NOT NULL,       -- the province, or 'Trung ương, liên tỉnh' / 'Chưa rõ tỉnh, thành'
  author TEXT,
  url TEXT,
  page TEXT                           -- the article's page in the archive, relative to the site's root
);
CREATE TABLE awards (
  article_id TEXT NOT NULL REFERENCES articles(id),
  position INTEGER NOT NULL,          -- order in the article, from 1
  type TEXT NOT NULL,
  label TEXT, detail TEXT, grade TEXT, authority TEXT,
  status TEXT,                        -- given | proposed
  collectives INTEGER, individuals INTEGER, households INTEGER, organizations INTEGER,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;                      -- the key is the table: no second copy of it as an index
CREATE TABLE officials (
  article_id TEXT NOT NULL REFERENCES articles(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  title TEXT,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX articles_province ON articles(province_group, year);
CREATE INDEX articles_year ON articles(year);
CREATE INDEX articles_unit ON articles(unit);
CREATE INDEX awards_type ON awards(type, status);
CREATE INDEX officials_name ON officials(name);
-- words of the title and the text; rowid = articles.rowid (contentless: it returns rowids, not text)
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content='', detail=column, tokenize='unicode61 remove_diacritics 2'
);
"""

GZIP_LEVEL = 5   # see the module's note
# Bytes of full-text entries FTS5 holds before it writes them out as a segment (its default: 1 MB).
# Written in one or two segments, the index is not merged again and again: at 20,000 synthetic
# articles the inserts and the 'optimize' took 0.53 + 0.04 s, against 0.80 + 0.16 s with 1 MB
# (16 MB: 0.57 + 0.15 s). The setting stays in articles_fts_config; a user's own inserts use it too.
FTS_HASH = 32 * 2**20
GZIP_MEMBER = 8 * 2**20  # bytes of the database each gzip member holds (gzip_members)
TEXT_RUN = 500   # bodies read from the build's store this many articles at a time (not all held)
# the bodies of a run of records, in their order (tdkt build: extract.batch.Bodies.iter_bodies)
Texts = Callable[[list[dict]], list]

_AWARD_KEYS = ("type", "label", "detail", "grade", "authority", "status",
               "collectives", "individuals", "households", "organizations")
_COUNTS = ("collectives", "individuals", "households", "organizations")


def _text(value: object) -> str | None:
    return None if value is None else " ".join(str(value).split()) or None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _article_row(rowid: int, record: dict, page: str) -> tuple:
    unit = record.get("unit") or {}
    province = record.get("province") or {}
    title = _text(record.get("title"))
    return (rowid, str(record.get("id")), title or _text(record.get("display_title")),
            int(not title and bool(_text(record.get("display_title")))), article_date(record),
            record.get("event_date"), record.get("published_date"), article_year(record),
            _int(record.get("reviewed_year")), _int(record.get("campaign_year")), _text(unit.get("name")),
            unit.get("level"), _text(province.get("name")), _text(province.get("current")), province_group(record),
            _text(record.get("author")), _text(record.get("url")), page)


def words_text(text: str | None) -> str:
    """The text's distinct words, in the order they first come, one space apart: what the full-text
    index keeps of it (see the module's note). Words are split at whitespace, which the unicode61
    tokenizer also splits at, so the tokens of the words are exactly the tokens of the text."""
    return " ".join(dict.fromkeys(str(text or "").split()))


def _own_words(records: list[dict]) -> list:
    return [words_text(r.get("body")) for r in records]


def _fts_rows(ordered: list[dict], words: Texts) -> Iterator[tuple]:
    """(rowid, title, words) of each article, its words read with those of its run (TEXT_RUN)."""
    for start in range(0, len(ordered), TEXT_RUN):
        run = ordered[start:start + TEXT_RUN]
        for i, (record, text) in enumerate(zip(run, words(run)), start + 1):
            yield i, _text(record.get("title")) or _text(record.get("display_title")), text


def _words_of(texts: Texts) -> Texts:
    return lambda run: [words_text(body) for body in texts(run)]


def fill(connection: sqlite3.Connection, records: list[dict], pages: dict[str, str],
         texts: Texts | None = None, words: Texts | None = None, copied: set[str] | None = None) -> None:
    """Create the schema and insert every record, by id, in one transaction. `texts`: reads the
    bodies of a run of records (default: each record's own "body"); `words`: their words_text,
    when kept elsewhere (the same values: only faster). `copied`: the ids whose rows are copied
    from the database attached as `kept` (the same rows: only faster; _copy_rows)."""
    connection.executescript(SCHEMA)
    connection.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', ?)", (FTS_HASH,))
    connection.execute("BEGIN")
    ordered = sorted(records, key=lambda r: str(r.get("id")))
    copied = copied or set()
    if copied:
        _copy_rows(connection, ordered, copied)
    made = [(i, r) for i, r in enumerate(ordered, 1) if str(r.get("id")) not in copied]
    connection.executemany("INSERT INTO articles VALUES (" + ",".join("?" * 18) + ")",
                           (_article_row(i, r, pages.get(str(r.get("id")), "")) for i, r in made))
    connection.executemany(
        "INSERT INTO awards VALUES (" + ",".join("?" * 12) + ")",
        ((str(r.get("id")), n, *(
            (_int(a.get(k)) if k in _COUNTS else _text(a.get(k))) for k in _AWARD_KEYS))
         for _, r in made for n, a in enumerate((a for a in r.get("awards") or [] if isinstance(a, dict)), 1)))
    connection.executemany(
        "INSERT INTO officials VALUES (?,?,?,?)",
        ((str(r.get("id")), n, _text(o.get("name")), _text(o.get("title")))
         for _, r in made for n, o in enumerate((o for o in r.get("officials") or []
                                                 if isinstance(o, dict) and _text(o.get("name"))), 1)))
    connection.executemany("INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)",
                           _fts_rows(ordered, words or (_words_of(texts) if texts else _own_words)))
    connection.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    connection.execute("COMMIT")


def _copy_rows(connection: sqlite3.Connection, ordered: list[dict], copied: set[str]) -> None:
    """The rows of the `copied` articles, from the database attached as `kept`, each article at
    its place in `ordered` (its rowid). Awards and officials are copied whole, in their key's
    order, and the rows of the kept database's other articles deleted after: joined row by row,
    they came in the order of an index and took 0.6 s at 20,000 articles, against 0.07 s. The
    connection checks no foreign key meanwhile (the rows of an article not copied are there for
    a moment); _database_file checks them all once the database is filled."""
    connection.execute("CREATE TEMP TABLE copied (id TEXT PRIMARY KEY, place INTEGER NOT NULL) WITHOUT ROWID")
    connection.executemany("INSERT INTO temp.copied VALUES (?, ?)",
                           ((str(r.get("id")), i) for i, r in enumerate(ordered, 1) if str(r.get("id")) in copied))
    columns = [row[1] for row in connection.execute("PRAGMA main.table_info(articles)")][1:]
    found = connection.execute(f"INSERT INTO main.articles SELECT c.place, {', '.join('a.' + c for c in columns)} "
                               "FROM temp.copied c JOIN kept.articles a ON a.id = c.id").rowcount
    if found != len(copied):  # the keys named an article the kept database does not hold
        raise sqlite3.IntegrityError(f"{len(copied) - found} articles to copy are not in the kept database")
    connection.execute("CREATE TEMP TABLE dropped (id TEXT PRIMARY KEY) WITHOUT ROWID")
    connection.execute("INSERT INTO temp.dropped SELECT id FROM kept.articles WHERE id NOT IN (SELECT id FROM temp.copied)")
    for table in ("awards", "officials"):
        connection.execute(f"INSERT INTO main.{table} SELECT * FROM kept.{table}")
        connection.execute(f"DELETE FROM main.{table} WHERE article_id IN (SELECT id FROM temp.dropped)")
    connection.execute("DROP TABLE temp.copied")
    connection.execute("DROP TABLE temp.dropped")


@dataclass
class Kept:
    """Where a build keeps the database it made (`folder`), and each record's digest (`digest`),
    for the next build to copy unchanged articles' rows from (see the module's note)."""
    folder: Path
    digest: Callable[[dict], str]
    reuse: bool = True  # False: copy nothing (a --full build), keep the database made

    @property
    def database(self) -> Path:
        return self.folder / "tdkt.sqlite"

    @property
    def keys_file(self) -> Path:
        return self.folder / "tdkt.sqlite.keys.json"

    def keys(self, records: list[dict], pages: dict[str, str]) -> dict[str, str]:
        return {str(r.get("id")): f"{self.digest(r)}:{pages.get(str(r.get('id')), '')}" for r in records}

    def reusable(self, keys: dict[str, str]) -> set[str]:
        """The ids whose rows the kept database holds as they would be made now."""
        if not self.reuse:
            return set()
        try:
            kept = json.loads(self.keys_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return set()
        if not isinstance(kept, dict) or kept.get("code") != _code() or not self.database.is_file():
            return set()
        rows = kept.get("rows") or {}
        return {key for key, value in keys.items() if rows.get(key) == value}


@functools.cache
def _code() -> str:
    """What the rows are made by: this module and the taxonomy whose dates, years and province
    groups they hold. Rows another version of either made are not copied."""
    import tdkt.taxonomy

    made_by = Path(__file__).read_bytes() + Path(tdkt.taxonomy.__file__).read_bytes()
    return hashlib.sha256(made_by).hexdigest()[:16]


def sqlite_gzip(records: list[dict], pages: dict[str, str] | None = None, texts: Texts | None = None,
                words: Texts | None = None, kept: Kept | None = None) -> bytes:
    """The database gzipped, with no file name or time in the gzip header (the download's bytes):
    gzip_members of sqlite_bytes, read from the file a member at a time (at 50,000 articles the
    database is ~125 MB, which is then never held whole). `kept`: where the last build's database
    is, to copy unchanged articles' rows from; this one is kept there in its place."""
    if kept is None:
        with _database_file(records, pages, texts, words) as path, open(path, "rb") as data:
            return gzip_members(data)
    pages = pages or {str(r.get("id")): r.get("page") or "" for r in records}
    keys = kept.keys(records, pages)
    kept.folder.mkdir(parents=True, exist_ok=True)
    try:
        copied = kept.reusable(keys)
        with _database_file(records, pages, texts, words, copied, kept.database if copied else None,
                            kept.folder) as path:
            with open(path, "rb") as data:
                gzipped = gzip_members(data)
            kept.keys_file.unlink(missing_ok=True)  # no keys beside a database they do not describe
            os.replace(path, kept.database)
    except sqlite3.DatabaseError:  # the kept database is unreadable: made whole, and not kept
        kept.keys_file.unlink(missing_ok=True)
        kept.database.unlink(missing_ok=True)
        return sqlite_gzip(records, pages, texts, words)
    kept.keys_file.write_text(json.dumps({"code": _code(), "rows": keys}, ensure_ascii=False, sort_keys=True),
                              encoding="utf-8")
    return gzipped


def _compress(part: bytes) -> bytes:
    return gzip.compress(part, compresslevel=GZIP_LEVEL, mtime=0)


def gzip_members(data: bytes | BinaryIO, size: int = GZIP_MEMBER) -> bytes:
    """`data` (bytes, or a file read from where it is) gzipped as one gzip member per `size` bytes,
    two members at a time compressed on two threads (zlib lets go of the interpreter while it
    compresses). A gzip file may hold any number of members (RFC 1952) and every reader joins
    them: `gunzip` gives the one file. The cut is fixed, so the bytes do not depend on the machine.
    At 20,000 synthetic articles: 1.05 s on one thread, about half on two, and 0.01% more bytes
    than one member."""
    from concurrent.futures import ThreadPoolExecutor

    source = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    members: list[bytes] = []
    with ThreadPoolExecutor(2) as pool:
        while pair := [part for part in (source.read(size), source.read(size)) if part]:
            members += pool.map(_compress, pair)
    return b"".join(members) if members else _compress(b"")


def sqlite_bytes(records: list[dict], pages: dict[str, str] | None = None, texts: Texts | None = None,
                 words: Texts | None = None) -> bytes:
    """The database file's bytes (see the module's note). `pages`: article id -> its page's URL path;
    `texts`: reads the bodies of a run of records (fill), for records that come without them;
    `words`: their words_text (fill)."""
    with _database_file(records, pages, texts, words) as path:
        return path.read_bytes()


@contextlib.contextmanager
def _database_file(records: list[dict], pages: dict[str, str] | None = None, texts: Texts | None = None,
                   words: Texts | None = None, copied: set[str] | None = None, kept: Path | None = None,
                   folder: Path | None = None) -> Iterator[Path]:
    """The database made in a temporary file (in `folder`), deleted after use unless moved.
    `copied`: ids whose rows are copied from the database at `kept` (fill)."""
    pages = pages or {str(r.get("id")): r.get("page") or "" for r in records}
    handle, name = tempfile.mkstemp(suffix=".sqlite", dir=folder)
    os.close(handle)
    path = Path(name)
    try:
        path.unlink()
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            copying = kept is not None and bool(copied)
            connection.execute(f"PRAGMA foreign_keys = {'OFF' if copying else 'ON'}")  # see _copy_rows
            if copying:
                connection.execute("ATTACH DATABASE ? AS kept", (str(kept),))
            fill(connection, records, pages, texts, words, copied if copying else None)
            if copying:
                connection.execute("DETACH DATABASE kept")
                if connection.execute("PRAGMA foreign_key_check").fetchone() is not None:
                    raise sqlite3.IntegrityError("a copied row names an article the database does not hold")
            connection.execute("VACUUM")
        finally:
            connection.close()
        yield path
    finally:
        path.unlink(missing_ok=True)
