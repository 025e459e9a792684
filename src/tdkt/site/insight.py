"""The archive's insight pages in docs/: statistics (/thong-ke/), data (/du-lieu/), officials (/can-bo/).

`insight_pages(records)` is pure (docs/-relative path -> Markdown); `render_insight_docs` writes
only the files whose bytes changed, and removes pages of these folders that no longer have data
behind them (an officials page of a province that left the corpus). Called by `tdkt build`
right after the renderer; the downloads themselves are written into the built site afterwards
(tdkt.site.datasets.write_downloads).
"""

from __future__ import annotations

import html
from pathlib import Path

from tdkt.site.datasets import (ARTICLE_COLUMNS, ARTICLES_CSV, ARTICLES_JSON, AWARD_COLUMNS, AWARDS_CSV, FEED,
                                JSON_KEYS, SQLITE_FILE)
from tdkt.site.officials import INDEX_DIR as OFFICIALS_DIR, officials_pages
from tdkt.site.stats import stats_markdown

STATS_DIR = "thong-ke"
DATA_DIR = "du-lieu"
INSIGHT_DIRS = (STATS_DIR, DATA_DIR, OFFICIALS_DIR)


def _columns(columns: dict[str, str]) -> str:
    from tdkt.site.markup import md_text

    return "| Cột | Nội dung |\n|---|---|\n" + "".join(f"| `{name}` | {md_text(text)} |\n" for name, text in columns.items())


def _download(href: str, label: str) -> str:
    # Raw HTML: the files are made after MkDocs has built the site, so MkDocs cannot check a
    # Markdown link to them; the href is one of this module's constants, never data.
    return f'<a href="{html.escape(href)}" download>{html.escape(label)}</a>'


def data_markdown(records: list[dict]) -> str:
    awards = sum(1 for r in records for a in r.get("awards") or [] if isinstance(a, dict))
    return (
        "# Dữ liệu\n\n"
        f"Toàn bộ dữ liệu của lưu trữ, tự do tải về: {len(records)} bài viết, {awards} lượt khen thưởng. "
        "Dữ liệu được trích xuất tự động từ các bài viết, có thể có sai sót; mỗi bài có đường dẫn tới nguồn.\n\n"
        "## Tải về\n\n"
        f"- {_download(ARTICLES_JSON, ARTICLES_JSON)}: mỗi bài viết một bản ghi JSON (mảng), các trường "
        f"{', '.join(f'`{k}`' for k in JSON_KEYS)} và `page` (trang của bài trong lưu trữ); không kèm nội dung bài.\n"
        f"- {_download(ARTICLES_CSV, ARTICLES_CSV)}: mỗi bài viết một dòng.\n"
        f"- {_download(AWARDS_CSV, AWARDS_CSV)}: mỗi lượt khen thưởng được nêu một dòng.\n"
        f"- {_download(SQLITE_FILE, SQLITE_FILE)}: cơ sở dữ liệu SQLite (nén gzip) để truy vấn bằng SQL, "
        "xem [bên dưới](#co-so-du-lieu-sqlite).\n\n"
        "Nội dung bài (đã làm sạch) có trên trang của từng bài viết, không nằm trong các tệp tải về: "
        "nó chiếm phần lớn dung lượng của lưu trữ.\n\n"
        "Tệp CSV mã hóa UTF-8 có BOM (Excel mở đúng tiếng Việt), dấu phẩy phân cách, dòng đầu là tên cột. "
        "Thứ tự ổn định: bài mới nhất trước (theo ngày của bài, rồi theo mã bài); các lượt khen thưởng theo "
        "thứ tự bài, rồi theo thứ tự được nêu trong bài. Ô trống là không có thông tin; ô chữ bắt đầu bằng "
        "= + - @ có thêm dấu ' ở đầu để bảng tính không coi là công thức.\n\n"
        f"## Cập nhật và sơ đồ trang\n\n"
        f"- {_download('../' + FEED, 'Nguồn tin Atom')} ({FEED}): 50 bài mới nhất, dùng với trình đọc tin.\n"
        f"- {_download('../sitemap.xml', 'Sơ đồ trang')} (sitemap.xml).\n\n"
        f"## Các cột của {ARTICLES_CSV}\n\n" + _columns(ARTICLE_COLUMNS) + "\n"
        f"## Các cột của {AWARDS_CSV}\n\n" + _columns(AWARD_COLUMNS) + "\n"
        "Mã hình thức khen thưởng (`type`) theo Luật Thi đua, khen thưởng 2022; danh sách ở trang "
        "[Khen thưởng](../khen-thuong/index.md).\n\n" + SQLITE_SECTION
    )


# Code blocks are indented (the site's Markdown has no fenced code); the queries run as written.
SQLITE_SECTION = (
    "## Cơ sở dữ liệu SQLite\n\n"
    f"{SQLITE_FILE} là toàn bộ dữ liệu trong một tệp SQLite, nén gzip. Giải nén (`gunzip {SQLITE_FILE}`, "
    "hoặc 7-Zip trên Windows) được `tdkt.sqlite`, mở bằng `sqlite3`, DB Browser for SQLite, Python, R... "
    "Datasette mở được tệp như vậy (`datasette tdkt.sqlite`), không cần chuyển đổi.\n\n"
    "Các bảng:\n\n"
    "- `articles`: mỗi bài viết một dòng, các cột như articles.csv (`id`, `title`, `date`, `year`, `unit`, "
    "`unit_level`, `province`, `province_current`, `province_group`, `page`...); `province_group` là tỉnh, "
    "thành của bài, hoặc \"Trung ương, liên tỉnh\" / \"Chưa rõ tỉnh, thành\".\n"
    "- `awards`: mỗi lượt khen thưởng một dòng, `article_id` trỏ tới `articles.id`; `position` là thứ tự trong bài.\n"
    "- `officials`: mỗi người được nêu tên một dòng (`name`, `title` như bài viết ghi), `article_id` trỏ tới `articles.id`.\n"
    "- `articles_fts`: chỉ mục toàn văn (FTS5) trên tiêu đề và nội dung bài; `rowid` của nó là `articles.rowid`. "
    "Tìm được cả khi gõ không dấu (\"khen thuong\"), trừ chữ đ (gõ \"đ\"). Nội dung bài không nằm trong tệp "
    "(có trên trang của từng bài), nên chỉ mục trả về bài viết chứ không trả về đoạn văn; chỉ mục không lưu vị trí "
    "từ, nên không tìm theo cụm từ trong ngoặc kép (trang Tìm kiếm của lưu trữ thì có).\n\n"
    "Ví dụ truy vấn:\n\n"
    "    -- số bài viết\n"
    "    select count(*) from articles;\n\n"
    "    -- Cờ thi đua của Chính phủ đã trao, theo tỉnh, thành\n"
    "    select a.province_group, count(*) as luot\n"
    "    from awards w join articles a on a.id = w.article_id\n"
    "    where w.type = 'co-thi-dua-chinh-phu' and w.status = 'given'\n"
    "    group by a.province_group order by luot desc;\n\n"
    "    -- các bài có nêu tên một người, mới nhất trước\n"
    "    select a.date, a.title, o.title as chuc_vu, a.page\n"
    "    from officials o join articles a on a.id = o.article_id\n"
    "    where o.name = 'Nguyễn Văn An' order by a.date desc;\n\n"
    "    -- tìm toàn văn: các bài nói về Huân chương Lao động, phù hợp nhất trước\n"
    "    select a.date, a.title, a.page\n"
    "    from articles_fts join articles a on a.rowid = articles_fts.rowid\n"
    "    where articles_fts match 'huân chương lao động' order by rank limit 20;\n\n"
    "    -- chỉ trong tiêu đề, không dấu\n"
    "    select a.title from articles_fts join articles a on a.rowid = articles_fts.rowid\n"
    "    where articles_fts match 'title: (tong ket)';\n\n"
    "Tệp được tạo lại ở mỗi lần xây dựng lưu trữ; cùng một kho bài viết cho cùng một tệp.\n"
)


def insight_pages(records: list[dict], pages: dict[str, str] | None = None, reuse=None, token=None,
                  memo: dict | None = None) -> dict[str, str | None]:
    """docs/-relative path -> Markdown of every insight page (pure). With `reuse`, `token` and
    `memo` (officials.officials_pages), an officials page whose articles did not change is None."""
    out = {f"{STATS_DIR}/index.md": stats_markdown(records), f"{DATA_DIR}/index.md": data_markdown(records)}
    out.update(officials_pages(records, pages, reuse, token, memo))
    return out


STAMPS_FILE = "insight-pages.json"


def render_insight_docs(records: list[dict], docs_dir: Path, cache_dir: Path | None = None,
                        token=None, pages: dict[str, str] | None = None) -> list[Path]:
    """Write the insight pages into docs_dir when their bytes changed; returns the paths written.

    With `cache_dir` and `token(record)` (a digest of the record and its page, site.render), what
    each officials page was made from is kept there ({page: [inputs digest, size, mtime_ns]}), and a
    page whose inputs are unchanged and whose file is still the one written is not made again:
    one added article makes its province's page again, not the other provinces'."""
    import json
    import os

    from tdkt.cache import write_if_changed

    docs_dir = Path(docs_dir)
    saved: dict = {}
    if cache_dir is not None and token is not None:
        try:
            saved = json.loads((Path(cache_dir) / STAMPS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = {}
        if not isinstance(saved, dict) or saved.get("docs") != str(docs_dir.resolve()):
            saved = {}
    previous, memo = saved.get("pages", {}), saved.get("officials", {})
    stamps: dict[str, list] = {}

    def reuse(rel: str, key: str) -> bool:
        stamp = previous.get(rel)
        stamps[rel] = [key]
        try:
            stat = os.stat(docs_dir / rel)
        except OSError:
            return False
        if not stamp or stamp != [key, stat.st_size, stat.st_mtime_ns]:
            return False
        stamps[rel] = stamp
        return True

    made = insight_pages(records, pages, reuse if cache_dir is not None and token is not None else None, token, memo)
    written = []
    for rel, text in sorted(made.items()):
        if text is None:
            continue
        if write_if_changed(docs_dir / rel, text.encode("utf-8")):
            written.append(docs_dir / rel)
        if rel in stamps:  # made from an inputs digest: stamp the file as it now is
            stat = os.stat(docs_dir / rel)
            stamps[rel] = [stamps[rel][0], stat.st_size, stat.st_mtime_ns]
    for folder in INSIGHT_DIRS:
        base = docs_dir / folder
        if base.is_dir():
            for path in sorted(base.rglob("*.md")):
                if path.relative_to(docs_dir).as_posix() not in made:
                    path.unlink()
    if cache_dir is not None and token is not None:
        data = {"docs": str(docs_dir.resolve()), "pages": stamps, "officials": memo}
        write_if_changed(Path(cache_dir) / STAMPS_FILE, json.dumps(data, ensure_ascii=False, sort_keys=True).encode())
    return written
