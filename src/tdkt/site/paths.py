"""Where each generated page lives in docs/, and the URL MkDocs gives it (use_directory_urls).

Paths are built from ASCII slugs and ids, never from text taken as it is, so no article can name
a path. An article's page is `bai-viet/<year>/<slug>.md`, unique and the same whatever other
articles the corpus holds.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from tdkt.site.markup import relpath
from tdkt.site.values import year_key
from tdkt.text import slugify

ARTICLES_DIR = "bai-viet"
PROVINCES_DIR = "tinh"
YEARS_DIR = "nam"
AWARDS_DIR = "khen-thuong"
UNITS_DIR = "don-vi"         # one page per organising unit (site/units.py)
# Folders render_docs owns entirely; it deletes stale pages there and nowhere else.
GENERATED_DIRS = (ARTICLES_DIR, PROVINCES_DIR, YEARS_DIR, AWARDS_DIR, UNITS_DIR)
HOME = "index.md"
SEARCH_PAGE = "tim-kiem.md"
ARTICLE_SLUG_LENGTH = 48

def province_page(name: str) -> str:
    return f"{PROVINCES_DIR}/{slugify(name)}.md"


def year_page(key: str) -> str:
    return f"{YEARS_DIR}/{key}.md"


def award_page(kind: str) -> str:
    return f"{AWARDS_DIR}/{kind}.md"


def url_of(page: str) -> str:
    """The site URL (relative to the site root) MkDocs gives a docs/ page with directory URLs."""
    if page == HOME:
        return ""
    stem = page[: -len(".md")]
    return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


def dir_href(from_page: str, to_page: str) -> str:
    """Relative href between the directory URLs of two docs/ pages (for links in raw HTML, which
    MkDocs does not resolve)."""
    href = relpath(url_of(to_page), url_of(from_page))
    return href if href.endswith("/") else href + "/"


def assign_article_pages(records: list[dict]) -> dict[str, str]:
    """Article id -> its docs/ path `bai-viet/<year>/<slug>.md`, unique and deterministic.

    Articles whose title slug collides within a year all get a suffix from their id, so the
    page of one never depends on which other articles happen to be in the corpus order.
    """
    wanted: dict[tuple[str, str], list[str]] = defaultdict(list)
    for record in sorted(records, key=lambda r: str(r.get("id"))):
        # 48 characters, as the headline's anchor: an article's URL is in every listing, officials
        # line, related list, sitemap entry and download that names it (~20 copies per article).
        # the page's own headline, else the one derived from its lead (display_title), else the id
        headline = record.get("title") or record.get("display_title") or str(record.get("id"))
        slug = slugify(str(headline), max_length=ARTICLE_SLUG_LENGTH)
        wanted[(year_key(record), slug)].append(str(record.get("id")))
    pages: dict[str, str] = {}
    taken: set[str] = set()
    for (year, slug), ids in sorted(wanted.items()):
        for article_id in ids:
            id_slug = slugify(article_id)
            name = slug if len(ids) == 1 else f"{slug}-{id_slug[-8:].strip('-')}"
            # A title that happens to end in another article's suffix must not take its page.
            candidates = itertools.chain([name, f"{slug}-{id_slug}"], (f"{slug}-{id_slug}-{n}" for n in itertools.count(2)))
            path = next(p for p in (f"{ARTICLES_DIR}/{year}/{c}.md" for c in candidates) if p not in taken)
            taken.add(path)
            pages[article_id] = path
    return pages


def listing_page_path(first_page: str, number: int) -> str:
    """Page `number` (1-based) of a listing whose first page is `first_page` (tinh/ha-tinh.md)."""
    # in a folder named after the listing: no slug of another listing can take that path
    return first_page if number == 1 else f"{first_page[: -len('.md')]}/trang-{number}.md"


def listing_period_path(first_page: str, period: str) -> str:
    """The page of one period ("2023", "2023-05", "khong-ro-ngay") of a listing paged by date."""
    return f"{first_page[: -len('.md')]}/{period}.md"
