"""The downloads: articles.json (no bodies), articles.csv and awards.csv parse with the
standard library, hold every article and every award mention, and are the same bytes whatever
order the records come in."""

from __future__ import annotations

import csv
import io
import gzip
import json
import random
from collections import Counter
from pathlib import Path

import pytest

from tdkt.site.datasets import (ARTICLE_COLUMNS, AWARD_COLUMNS, DATA_DIR, articles_csv, articles_json, awards_csv,
                           write_downloads)
from tests.site_fixtures import extracted_records, handmade_records

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return (extracted_records() or []) + handmade_records()


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(BOM)
    return list(csv.DictReader(io.StringIO(data[len(BOM):].decode("utf-8"), newline="")))


def test_articles_json_is_the_contract_without_the_body(records):
    data = json.loads(articles_json(records))
    assert len(data) == len(records)
    assert sorted(r["id"] for r in data) == sorted(r["id"] for r in records)
    by_id = {r["id"]: r for r in records}
    for row in data:
        assert "body" not in row
        original = by_id[row["id"]]
        for key in ("title", "event_date", "unit", "province", "reviewed_year", "officials"):
            if key == "officials":
                assert [o["name"] for o in row[key]] == [o["name"] for o in original.get(key) or []]
            else:
                assert row[key] == original.get(key)
        assert len(row["awards"]) == len(original.get("awards") or [])
        assert row["page"].startswith("bai-viet/") and row["page"].endswith("/")


def test_articles_csv_one_row_per_article_with_a_bom_and_documented_columns(records):
    rows = read_csv(articles_csv(records))
    assert len(rows) == len(records)
    assert list(rows[0]) == list(ARTICLE_COLUMNS)
    by_id = {r["id"]: r for r in records}
    for row in rows:
        original = by_id[row["id"]]
        assert row["province"] == ((original.get("province") or {}).get("name") or "")
        assert int(row["award_mentions"]) == len(original.get("awards") or [])
    # newest first, undated last
    dates = [row["date"] for row in rows if row["date"]]
    assert dates == sorted(dates, reverse=True)
    assert all(row["date"] for row in rows[: len(dates)])


def test_awards_csv_rows_are_the_records_awards(records):
    rows = read_csv(awards_csv(records))
    assert list(rows[0]) == list(AWARD_COLUMNS)

    def key(article_id, award):
        counts = tuple("" if award.get(k) is None else str(award[k])
                       for k in ("collectives", "individuals", "households", "organizations"))
        return (article_id, award.get("type"), award.get("status"), award.get("authority") or "") + counts

    expected = Counter(key(r["id"], a) for r in records for a in r.get("awards") or [])
    found = Counter((row["article_id"], row["type"], row["status"], row["authority"], row["collectives"],
                     row["individuals"], row["households"], row["organizations"]) for row in rows)
    assert found == expected
    assert sum(expected.values()) == len(rows) > 0


def test_same_bytes_whatever_the_record_order(records):
    shuffled = list(records)
    random.Random(1).shuffle(shuffled)
    for make in (articles_json, articles_csv, awards_csv):
        assert make(shuffled) == make(records), make.__name__


def test_hostile_text_stays_one_cell_and_never_a_formula():
    record = dict(handmade_records()[0], id="evil", title='=HYPERLINK("http://x","click"),\n"quoted"; a|b',
                  author="@SUM(A1:A9)", awards=[{"type": "giay-khen", "detail": "+1\r\n2", "status": "given",
                                                 "authority": "-cmd", "collectives": 3}])
    article = read_csv(articles_csv([record]))[0]
    assert article["title"] == "'" + '=HYPERLINK("http://x","click"), "quoted"; a|b'
    assert article["author"] == "'@SUM(A1:A9)"
    award = read_csv(awards_csv([record]))[0]
    assert award["detail"] == "'+1 2" and award["authority"] == "'-cmd" and award["collectives"] == "3"
    assert json.loads(articles_json([record]))[0]["title"] == record["title"]   # JSON keeps the text exactly


def test_write_downloads_puts_every_file_in_the_site(records, tmp_path: Path):
    result = write_downloads(records, tmp_path, "https://example.github.io/tdkt/")
    for rel, size in result["bytes"].items():
        assert (tmp_path / rel).stat().st_size == size > 0
    assert result["articles"] == len(records)
    assert (tmp_path / "feed.xml").is_file()


def test_the_built_sites_downloads_match_its_article_pages(sample_site):  # noqa: F811
    site = sample_site.site
    article_pages = {p.parent.relative_to(site).as_posix() + "/" for p in (site / "bai-viet").rglob("index.html")}
    stored = lambda name: gzip.decompress((site / DATA_DIR / name).read_bytes())  # noqa: E731 (stored gzipped)
    data = json.loads(stored("articles.json.gz").decode("utf-8"))
    assert {row["page"] for row in data} == article_pages
    assert len(read_csv(stored("articles.csv.gz"))) == len(article_pages)
    awards = read_csv(stored("awards.csv.gz"))
    assert len(awards) == sum(len(r.get("awards") or []) for r in sample_site.records)
    # the data page links every download, and each link resolves in the site
    page = (site / DATA_DIR / "index.html").read_text(encoding="utf-8")
    for name in ("articles.json.gz", "articles.csv.gz", "awards.csv.gz", "tdkt.sqlite.gz"):
        assert f'href="{name}"' in page
    assert 'href="../feed.xml"' in page and (site / "feed.xml").is_file()
