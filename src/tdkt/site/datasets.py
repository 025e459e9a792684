"""The downloadable dataset: articles.json, articles.csv, awards.csv, tdkt.sqlite.gz (tdkt.site.sqlite).

Pure builders (`articles_json`, `articles_csv`, `awards_csv`) turn records into
bytes; `write_downloads` is the I/O edge that puts them (and the Atom feed) into the built site.
The site stores the three gzipped (articles.json.gz, ...: GitHub Pages counts stored bytes, and
gzipped they are a sixth; issue 14); `tdkt build` makes them of parts kept between builds
(tdkt.site.dataset_parts), the same bytes as gzipping the pure builders' files.

The body is not in the downloads, by measured size: the cleaned text is most of an article's
bytes (1,000 synthetic articles: 6.5 MB of text beside a 1.9 MB articles.json; gzip-compressed
still 0.73 KB per article, 3% of the site's budget of 25 KB per article), and every article page
already publishes it, as the repository's corpus/ holds the texts it was cleaned from. So
articles.json is the data contract without `body` (issue 7 allows either) and opens anywhere.

Both CSVs are UTF-8 with a BOM (Excel reads Vietnamese correctly only then), CRLF rows as the
csv module writes them, one header row, every cell one line, and a text cell that would start with
= + - @ gets a leading apostrophe so that a spreadsheet shows it instead of running it; the columns are documented in ARTICLE_COLUMNS and
AWARD_COLUMNS (the data page shows the same text). A CSV repeats nothing another column or file
already says at length: awards.csv has the type's id, not its name again on every row, and the
article's other fields are a join on article_id away; articles.csv names the officials (their
titles as written are in articles.json). Rows are in a stable order: articles newest
first by date, then by id; awards in article order, then in the order the article mentions them.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tdkt.taxonomy import AWARD_TYPES, article_date, article_year

DATA_DIR = "du-lieu"            # the downloads sit beside the data page: /du-lieu/articles.json
# The files as the site stores them, gzipped (the names the data page links)
ARTICLES_JSON = "articles.json.gz"
ARTICLES_CSV = "articles.csv.gz"
AWARDS_CSV = "awards.csv.gz"
FEED = "feed.xml"               # at the site root, where feed readers look first
SQLITE_FILE = "tdkt.sqlite.gz"  # the SQLite database, gzipped (tdkt.site.sqlite)
BOM = "\ufeff"
LIST_SEPARATOR = "; "
# Keys of the data contract (DESIGN.md) that articles.json carries: all but `body` (see above).
JSON_KEYS = ("id", "source", "url", "title", "display_title", "event_date", "published_date", "unit", "province",
             "reviewed_year", "campaign_year", "awards", "officials", "author", "warnings")
AWARD_KEYS = ("type", "label", "detail", "grade", "authority", "status",
              "collectives", "individuals", "households", "organizations")

# column -> what it holds (shown on the data page)
ARTICLE_COLUMNS: dict[str, str] = {
    "id": "mã bài viết (ổn định, dùng để nối với awards.csv)",
    "title": "tiêu đề như trang lưu trữ hiển thị: tiêu đề của bài, nếu trang gốc không có thì rút từ câu mở đầu",
    "title_derived": "1 khi trang gốc không có tiêu đề và cột title được rút từ câu mở đầu (articles.json: title là null)",
    "date": "ngày của bài (ngày diễn ra, nếu không có thì ngày đăng), YYYY-MM-DD",
    "event_date": "ngày diễn ra sự kiện, YYYY-MM-DD",
    "published_date": "ngày đăng, YYYY-MM-DD",
    "year": "năm bài viết được xếp vào (năm được tổng kết, nếu không có thì năm diễn ra)",
    "reviewed_year": "năm được tổng kết",
    "campaign_year": "năm phát động thi đua",
    "unit": "đơn vị tổ chức",
    "unit_level": "cấp của đơn vị: province, district, commune, sector, cluster, central, other",
    "province": "tỉnh, thành tại thời điểm của bài",
    "province_current": "tỉnh, thành mà địa bàn thuộc về từ 01/07/2025",
    "award_types": "các hình thức khen thưởng được nêu (mã), cách nhau bởi '; '",
    "award_mentions": "số lượt khen thưởng được nêu (số dòng trong awards.csv)",
    "officials": "họ tên đại biểu, lãnh đạo được nêu, cách nhau bởi '; ' (chức vụ của họ: articles.json)",
    "author": "tác giả, nguồn tin",
    "url": "địa chỉ bài gốc",
    "page": "đường dẫn trang bài viết trong lưu trữ (tương đối với gốc trang)",
    "source": "tệp đầu vào trong kho bài viết",
}

AWARD_COLUMNS: dict[str, str] = {
    "article_id": "mã bài viết (cột id của articles.csv)",
    "date": "ngày của bài, YYYY-MM-DD",
    "year": "năm bài viết được xếp vào",
    "province": "tỉnh, thành tại thời điểm của bài",
    "unit": "đơn vị tổ chức",
    "type": "mã hình thức khen thưởng; tên của mã: trang Khen thưởng (tỉnh, thành từ 01/07/2025: articles.csv)",
    "detail": "tên như bài viết ghi",
    "grade": "hạng (Nhất, Nhì, Ba) nếu có",
    "authority": "cấp, người quyết định khen thưởng",
    "status": "given (đã trao tại sự kiện) hoặc proposed (đề nghị cấp trên)",
    "collectives": "số tập thể",
    "individuals": "số cá nhân",
    "households": "số hộ gia đình",
    "organizations": "số tổ chức, doanh nghiệp",
}


def _sorted(records: list[dict]) -> list[dict]:
    """Newest first by date, undated last, ties by id: the order of every download."""
    from tdkt.site.values import sort_newest_first

    return sort_newest_first(records)


_FORMULA_START = ("=", "+", "-", "@")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = " ".join(str(value).split())  # one line per cell: spreadsheets split rows on newlines
    # A text cell that starts like a formula would be run by Excel / LibreOffice: an apostrophe
    # in front keeps it text there (the usual defence against CSV injection).
    return "'" + text if text.startswith(_FORMULA_START) else text


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _awards(record: dict) -> list[dict]:
    return [a for a in record.get("awards") or [] if isinstance(a, dict)]


def _page(record: dict, pages: dict[str, str]) -> str:
    return record.get("page") or pages.get(str(record.get("id")), "")


def _pages(records: list[dict]) -> dict[str, str]:
    """Article id -> site URL path, the renderer's own assignment (when render_docs has not set it)."""
    from tdkt.site.paths import assign_article_pages, url_of

    if all(r.get("page") for r in records):
        return {}  # the build's renderer has set them
    return {key: url_of(path) for key, path in assign_article_pages(records).items()}


def contract_record(record: dict, page: str = "") -> dict:
    """The record as articles.json carries it: the contract's keys in order, awards trimmed to theirs."""
    out = {key: record.get(key) for key in JSON_KEYS}
    out["display_title"] = record.get("display_title") or record.get("title")  # records before issue 12 lack it
    out["awards"] = [{key: award.get(key) for key in AWARD_KEYS} for award in _awards(record)]
    out["officials"] = [{"name": o.get("name"), "title": o.get("title")}
                        for o in record.get("officials") or [] if isinstance(o, dict)]
    out["warnings"] = list(record.get("warnings") or [])
    out["page"] = page
    return out


def articles_json(records: list[dict]) -> bytes:
    pages = _pages(records)
    # One record per line inside the array: a fifth smaller than indented JSON (the downloads
    # count against the site's bytes), still readable line by line and easy to diff.
    lines = ",\n".join(json.dumps(contract_record(r, _page(r, pages)), ensure_ascii=False, separators=(",", ":"))
                       for r in _sorted(records))
    return f"[\n{lines}\n]\n".encode("utf-8") if lines else b"[]\n"


def _csv(header: tuple[str, ...] | list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180 quoting, CRLF rows: what spreadsheets expect
    writer.writerow(header)
    writer.writerows(rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def article_row(record: dict, page: str) -> list[str]:
    unit = record.get("unit") or {}
    province = record.get("province") or {}
    awards = _awards(record)
    present = {a.get("type") for a in awards}
    # Names only: the titles as written are long (a third of the file) and articles.json has them.
    officials = [_cell(o.get("name")) for o in record.get("officials") or []
                 if isinstance(o, dict) and _cell(o.get("name"))]
    values = {
        # the headline the site shows; whether the page had it is one character, not the headline again
        "id": record.get("id"), "title": record.get("title") or record.get("display_title"),
        "title_derived": "" if record.get("title") or not record.get("display_title") else "1",
        "date": article_date(record),
        "event_date": record.get("event_date"), "published_date": record.get("published_date"),
        "year": article_year(record), "reviewed_year": record.get("reviewed_year"),
        "campaign_year": record.get("campaign_year"), "unit": unit.get("name"), "unit_level": unit.get("level"),
        "province": province.get("name"), "province_current": province.get("current"),
        "award_types": LIST_SEPARATOR.join(k for k in AWARD_TYPES if k in present),
        "award_mentions": len(awards), "officials": LIST_SEPARATOR.join(officials),
        "author": record.get("author"), "url": record.get("url"), "page": page, "source": record.get("source"),
    }
    return [_cell(values[column]) for column in ARTICLE_COLUMNS]


def articles_csv(records: list[dict]) -> bytes:
    pages = _pages(records)
    return _csv(list(ARTICLE_COLUMNS), (article_row(r, _page(r, pages)) for r in _sorted(records)))


def award_rows(record: dict) -> list[list[str]]:
    unit = record.get("unit") or {}
    province = record.get("province") or {}
    rows = []
    for award in _awards(record):
        values = {
            "article_id": record.get("id"), "date": article_date(record), "year": article_year(record),
            "province": province.get("name"), "unit": unit.get("name"), "type": award.get("type"),
            "detail": award.get("detail"), "grade": award.get("grade"), "authority": award.get("authority"),
            "status": award.get("status"),
            **{key: _count(award.get(key)) for key in ("collectives", "individuals", "households", "organizations")},
        }
        rows.append([_cell(values[column]) for column in AWARD_COLUMNS])
    return rows


def awards_csv(records: list[dict]) -> bytes:
    return _csv(list(AWARD_COLUMNS), (row for r in _sorted(records) for row in award_rows(r)))


def _makers(records: list[dict], site_url: str, full=None, parts=None, texts=None, words=None, kept=None):
    from tdkt.cache import deterministic_gzip
    from tdkt.site.feed import atom_feed

    if parts is not None:  # made of parts kept between builds (dataset_parts): the same bytes
        files = {}

        def part(kind: str) -> bytes:
            if not files:
                files.update(parts(records))
            return files.pop(kind)

        yield f"{DATA_DIR}/{ARTICLES_JSON}", lambda: part("json")
        yield f"{DATA_DIR}/{ARTICLES_CSV}", lambda: part("articles")
        yield f"{DATA_DIR}/{AWARDS_CSV}", lambda: part("awards")
    else:
        yield f"{DATA_DIR}/{ARTICLES_JSON}", lambda: deterministic_gzip(articles_json(records))
        yield f"{DATA_DIR}/{ARTICLES_CSV}", lambda: deterministic_gzip(articles_csv(records))
        yield f"{DATA_DIR}/{AWARDS_CSV}", lambda: deterministic_gzip(awards_csv(records))
    yield FEED, lambda: atom_feed(records, site_url).encode("utf-8")
    yield f"{DATA_DIR}/{SQLITE_FILE}", lambda: _sqlite(records, full, texts, words, kept)


def _sqlite(records: list[dict], full=None, texts=None, words=None, kept=None) -> bytes:
    from tdkt.site.sqlite import sqlite_gzip

    pages = _pages(records)
    # the database holds the text: read a run of bodies at a time (`texts`), else each record whole
    whole = [full(r) for r in records] if full and not texts else records
    return sqlite_gzip(whole, {str(r.get("id")): _page(r, pages) for r in records}, texts, words, kept)


def downloads(records: list[dict], site_url: str = "") -> dict[str, bytes]:
    """Every download: site-relative path -> bytes (pure)."""
    return {rel: make() for rel, make in _makers(records, site_url)}


def write_downloads(records: list[dict], site_dir: Path, site_url: str = "", full=None, parts=None,
                    texts=None, words=None, kept=None) -> dict:
    """Write the downloads and the feed into a built site; returns the counts and each file's bytes.

    One file is made and written at a time: at 100,000 articles each is hundreds of MB. `full(record)`:
    the whole record, when the records come without their bodies (tdkt build: extract.batch.Bodies).
    `parts(records)`: the three gzipped files from parts kept between builds (dataset_parts).
    `texts(records)`: the bodies of a run of records, in order (extract.batch.Bodies.iter_bodies): the
    database reads them a run at a time, in one query each, instead of one record whole at a time.
    `words(records)`: their distinct words for the database's full-text index, when kept between
    builds (dataset_parts.FtsWords). `kept`: where the database is kept between builds, to copy
    unchanged articles' rows from (sqlite.Kept).
    """
    site_dir = Path(site_dir)
    sizes = {}
    for rel, make in _makers(records, site_url, full, parts, texts, words, kept):
        data = make()
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        sizes[rel] = len(data)
        del data
    return {"articles": len(records), "award_rows": sum(len(_awards(r)) for r in records), "bytes": sizes}
