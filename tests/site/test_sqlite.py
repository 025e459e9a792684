"""Data people can query: /du-lieu/tdkt.sqlite.gz holds every built article, its awards and officials
(foreign keys, indexes), and a full-text index that answers, with or without tone marks; the same
corpus gives the same bytes."""

from __future__ import annotations

import copy
import gzip
import sqlite3

import pytest

from tdkt.site.datasets import downloads
from tdkt.site.sqlite import sqlite_bytes, sqlite_gzip
from tdkt.taxonomy import province_group, title_of
from tdkt.text import fold
from tests.site_fixtures import handmade_records


def _open(tmp_path, data: bytes) -> sqlite3.Connection:
    path = tmp_path / "tdkt.sqlite"
    path.write_bytes(gzip.decompress(data))
    return sqlite3.connect(path)


def test_the_same_corpus_gives_the_same_bytes_in_any_order():
    records = handmade_records()
    first = sqlite_gzip(records)
    assert first == sqlite_gzip(list(reversed(handmade_records())))
    assert gzip.decompress(first) == sqlite_bytes(handmade_records())
    changed = handmade_records()
    changed[0]["body"] += "\nMột câu mới."
    assert sqlite_gzip(changed) != first


def test_tables_rows_keys_and_indexes(tmp_path):
    records = handmade_records()
    db = _open(tmp_path, downloads(records)["du-lieu/tdkt.sqlite.gz"])
    assert db.execute("select count(*) from articles").fetchone() == (len(records),)
    awards = sum(len(r["awards"]) for r in records)
    assert db.execute("select count(*) from awards").fetchone() == (awards,)
    officials = sum(len(r["officials"]) for r in records)
    assert db.execute("select count(*) from officials").fetchone() == (officials,)
    for table in ("awards", "officials"):
        (fk,) = db.execute(f"pragma foreign_key_list({table})").fetchall()
        assert fk[2:5] == ("articles", "article_id", "id")
    assert db.execute("pragma foreign_key_check").fetchall() == []
    indexes = {row[1] for table in ("articles", "awards", "officials")
               for row in db.execute(f"pragma index_list({table})")}
    assert {"articles_province", "articles_year", "articles_unit", "awards_type", "officials_name"} <= indexes
    # awards and officials are stored in their key's order (WITHOUT ROWID): no index repeating the key
    without_rowid = {row[1]: row[4] for row in db.execute("pragma table_list")}  # name -> wr
    assert (without_rowid["awards"], without_rowid["officials"], without_rowid["articles"]) == (1, 1, 0)
    assert db.execute("select article_id, position from awards where article_id = 'a01'").fetchall() == [
        ("a01", n) for n in range(1, len(records[0]["awards"]) + 1)]
    row = db.execute("select title, date, year, unit, province, province_current, province_group, page "
                     "from articles where id = 'a01'").fetchone()
    a01 = records[0]
    assert row[:7] == (title_of(a01), "2024-01-12", 2023, "UBND thị xã Hồng Lĩnh", "Hà Tĩnh", "Hà Tĩnh", "Hà Tĩnh")
    assert row[7].startswith("bai-viet/2023/")
    assert db.execute("select province_group from articles where id = 'a05'").fetchone() == (province_group(records[4]),)
    given = db.execute("select type, collectives, individuals from awards where article_id = 'a01' and position = 2")
    assert given.fetchone() == ("giay-khen", 26, 108)


def test_full_text_search_answers_with_or_without_tone_marks(tmp_path):
    records = handmade_records()
    db = _open(tmp_path, sqlite_gzip(records))
    query = ("select a.id from articles_fts join articles a on a.rowid = articles_fts.rowid "
             "where articles_fts match ? order by a.id")
    assert db.execute(query, ("điển hình",)).fetchall() == [("a05",)]
    assert db.execute(query, ("chi tieu",)).fetchall() == [("a01",)]    # words of the text only
    assert db.execute(query, ("Kiến Xương",)).fetchall() == db.execute(query, ("kien xuong",)).fetchall() == [("a02",)]
    assert db.execute(query, ("phong trao",)).fetchall() == [("a02",), ("a03",)]
    assert db.execute(query, ("title: (phong trao)",)).fetchall() == [("a03",)]   # a02 has it in its text only
    assert db.execute(query, ("phát động",)).fetchall() == db.execute(query, ("phat đong",)).fetchall() == [("a03",)]
    assert db.execute(query, ("khong co tu nay",)).fetchall() == []


def test_article_text_stays_data(tmp_path):
    record = copy.deepcopy(handmade_records()[0])
    record.update(title="x'); drop table articles; --", body="Robert'); DROP TABLE awards;-- được khen thưởng")
    db = _open(tmp_path, sqlite_gzip([record]))
    assert db.execute("select title from articles").fetchone() == ("x'); drop table articles; --",)
    assert db.execute("select count(*) from awards").fetchone() == (len(record["awards"]),)
    assert db.execute("select rowid from articles_fts where articles_fts match 'robert'").fetchall() == [(1,)]


@pytest.mark.slow
def test_the_built_site_s_database_holds_every_article_built(sample_site, tmp_path):
    db = _open(tmp_path, (sample_site.site / "du-lieu" / "tdkt.sqlite.gz").read_bytes())
    assert db.execute("select count(*) from articles").fetchone() == (len(sample_site.records),)
    pages = {r["id"]: r["page"] for r in sample_site.records}
    assert dict(db.execute("select id, page from articles")) == pages
    query = "select a.id from articles_fts join articles a on a.rowid = articles_fts.rowid where articles_fts match ?"
    hits = db.execute(query, ("khen thuong",)).fetchall()
    assert hits and {h[0] for h in hits} <= set(pages)
    # the text is indexed, not only the titles: a word of one article's text that no title has
    titles = " ".join(fold(title_of(r)) for r in sample_site.records).split()
    for record in sample_site.records:
        words = [w for w in (record.get("body") or "").lower().split()
                 if w.isalpha() and len(w) > 4 and fold(w) not in titles]
        assert words, record["id"]
        assert (record["id"],) in db.execute(query, (words[-1],)).fetchall(), (record["id"], words[-1])
    # the data page documents it and links it
    data_page = (sample_site.site / "du-lieu" / "index.html").read_text(encoding="utf-8")
    assert 'href="tdkt.sqlite.gz"' in data_page and "articles_fts match" in data_page and "Datasette" in data_page


def test_the_index_fed_distinct_words_finds_what_the_whole_text_finds():
    """words_text keeps every token of the text (an index without positions holds the same entries)."""
    from tdkt.site.sqlite import words_text

    text = ("Khen thưởng, khen   thưởng: Huân chương Lao động hạng Nhì; huân-chương\u00a0đồng chí "
            "Đồng Văn An (UBND) 2023/2024 ubnd\n\tTP.HCM tp.hcm 'x' «x»")
    db = sqlite3.connect(":memory:")
    for name in ("whole", "words"):
        db.execute(f"CREATE VIRTUAL TABLE {name} USING fts5(t, content='', detail=column, "
                   "tokenize='unicode61 remove_diacritics 2')")
    db.execute("INSERT INTO whole(rowid, t) VALUES (1, ?)", (text,))
    db.execute("INSERT INTO words(rowid, t) VALUES (1, ?)", (words_text(text),))
    assert len(words_text(text)) < len(text)
    for table in ("whole", "words"):
        db.execute(f"CREATE VIRTUAL TABLE {table}_v USING fts5vocab({table}, 'row')")
    vocab = [sorted(db.execute(f"SELECT term, doc FROM {t}_v")) for t in ("whole", "words")]
    assert vocab[0] == vocab[1] and len(vocab[0]) > 15
    # "dong" is not "đồng" to this tokenizer (đ is a letter of its own): found by neither
    for query, hits in (("khen thuong", [(1,)]), ("đồng", [(1,)]), ("tp hcm", [(1,)]), ("2024", [(1,)]),
                        ("huan chuong lao đong nhi", [(1,)]), ("dong", []), ("khen NOT ubnd", [])):
        found = [db.execute(f"SELECT rowid FROM {t} WHERE {t} MATCH ?", (query,)).fetchall() for t in ("whole", "words")]
        assert found[0] == found[1] == hits, query


def test_words_kept_between_builds_give_the_same_bytes(tmp_path):
    from tdkt.cache import Store, text_digest
    from tdkt.site.dataset_parts import FtsWords

    records = handmade_records()
    reads = []

    def texts(run):
        reads.append(len(run))
        return [r["body"] for r in run]

    with Store(tmp_path / "state.sqlite") as store:
        def kept():
            return FtsWords(texts, lambda r: text_digest(r["body"]), store)

        first = kept()
        assert sqlite_gzip(records, words=first) == sqlite_gzip(handmade_records())
        first.forget()
        assert sum(reads) == len(records)
        # a second build reads every text's words back; one changed body is made again, alone
        changed = handmade_records()
        changed[1]["body"] += "\nHội nghị biểu dương 12 tập thể."
        again = kept()
        assert sqlite_gzip(changed, words=again) == sqlite_gzip(copy.deepcopy(changed))
        again.forget()
        assert reads == [len(records), 1]


@pytest.mark.parametrize("size", [1, 3, 6, 7, 100])
def test_the_database_gzipped_in_members_read_from_its_file_unzips_to_the_file(tmp_path, size):
    import io

    from tdkt.site.sqlite import gzip_members

    data = sqlite_bytes(handmade_records())
    member = -(-len(data) // size)  # `size` members (the last may be shorter)
    zipped = gzip_members(io.BytesIO(data), member)
    assert zipped == gzip_members(data, member)
    assert gzip.decompress(zipped) == data
    assert zipped.count(b"\x1f\x8b\x08") >= size
    assert gzip.decompress(gzip_members(b"")) == b""


def _digest(record: dict) -> str:
    import hashlib
    import json

    return hashlib.sha256(json.dumps(record, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def test_rows_copied_from_the_last_database_give_a_fresh_builds_bytes(tmp_path):
    """A build copies unchanged articles' rows from the database the last one kept (sqlite.Kept):
    an edited, an added and a removed article later, the bytes are a fresh database's, and the
    edited article's rows are its new ones."""
    from tdkt.site.sqlite import Kept

    kept = Kept(tmp_path / "kept", _digest)
    records = handmade_records()
    assert sqlite_gzip(records, kept=kept) == sqlite_gzip(handmade_records())
    assert kept.database.is_file() and kept.keys_file.is_file()

    later = handmade_records()[1:]                      # the first removed
    later[0]["awards"][0]["detail"] = "Bằng khen (đã sửa)"  # one edited
    later[0]["officials"] = [{"name": "Nguyễn Văn Mới", "title": "Chủ tịch"}]
    added = copy.deepcopy(later[-1])                    # one added
    added["id"], added["title"] = "zz-bai-moi", "Bài mới thêm"
    later.append(added)
    assert kept.reusable(kept.keys(later, {})) == {str(r["id"]) for r in later[1:-1]}
    copied = sqlite_gzip(later, kept=kept)
    assert copied == sqlite_gzip(copy.deepcopy(later))
    db = _open(tmp_path, copied)
    assert db.execute("select detail from awards where article_id = ? and position = 1",
                      (later[0]["id"],)).fetchone() == ("Bằng khen (đã sửa)",)
    assert db.execute("select name from officials where article_id = ?", (later[0]["id"],)).fetchall() == [
        ("Nguyễn Văn Mới",)]
    assert db.execute("select count(*) from articles where id = ?", (records[0]["id"],)).fetchone() == (0,)


def test_a_damaged_kept_database_or_a_full_build_copies_nothing(tmp_path):
    from tdkt.site.sqlite import Kept

    kept = Kept(tmp_path / "kept", _digest)
    sqlite_gzip(handmade_records(), kept=kept)
    kept.database.write_bytes(b"not a database" * 100)
    assert sqlite_gzip(handmade_records(), kept=kept) == sqlite_gzip(handmade_records())
    assert not kept.keys_file.exists()  # made whole, and nothing kept that could mislead the next build
    full = Kept(tmp_path / "full", _digest, reuse=False)
    sqlite_gzip(handmade_records(), kept=full)
    assert full.reusable(full.keys(handmade_records(), {})) == set()
    assert sqlite_gzip(handmade_records(), kept=full) == sqlite_gzip(handmade_records())


def test_keys_that_do_not_match_the_kept_database_copy_nothing_wrong(tmp_path):
    """The kept keys name an article the kept database lost: the database is made whole."""
    from tdkt.site.sqlite import Kept

    kept = Kept(tmp_path / "kept", _digest)
    records = handmade_records()
    sqlite_gzip(records, kept=kept)
    with sqlite3.connect(kept.database) as db:
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("DELETE FROM articles WHERE id = ?", (records[1]["id"],))
    db.close()
    assert sqlite_gzip(handmade_records(), kept=kept) == sqlite_gzip(handmade_records())
