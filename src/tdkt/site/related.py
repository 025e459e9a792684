"""Related articles for an article page: the same unit in other years first, then the same
province and year.

`related_articles(records)` is pure and linear in the corpus: records are indexed once by unit
and by (province, year), and each article looks only into its own two buckets. Within the
province-year bucket it takes the articles nearest in date (walking out from its own position in
the date-sorted bucket), so the list is deterministic and changes only when a new article lands
close to it: adding one article changes the related lists of the few articles nearest to it in
its province-year and those of its own unit, not of the whole province (which matters for the
incremental build: a changed list is a changed article page).

A unit is its folded name with the administrative preamble dropped ("UBND huyện X",
"Ủy ban nhân dân huyện X" and "huyện X" are one unit), within its province (there are ten
"Châu Thành" districts).
"""

from __future__ import annotations

import re
from collections import defaultdict

from tdkt.taxonomy import article_date
from tdkt.text import fold

# three: the list is on every article page (~230 bytes an entry, of the 20 KB an article the site
# can spend under GitHub Pages' 1 GB at 50,000); the article's unit page, linked beside its name,
# lists every other year of the unit, so the list gives the nearest years and the same province
LIMIT = 3
_PREAMBLE = re.compile(r"^(?:uy ban nhan dan|ubnd|hoi dong thi dua(?:,|\s)*khen thuong|hdtdkt|ban thi dua"
                       r"(?:,|\s)*khen thuong)\s+")


def unit_key(record: dict) -> tuple[str, str] | None:
    unit = fold(" ".join(str((record.get("unit") or {}).get("name") or "").split()))
    unit = _PREAMBLE.sub("", unit).strip(" .,;:-")
    province = fold(str((record.get("province") or {}).get("name") or ""))
    return (province, unit) if unit else None


def _year(record: dict) -> str:
    from tdkt.site.values import year_key

    return year_key(record)


def _ordinal(date: str) -> int:
    """A day number good enough to rank neighbours by date (no calendar needed); 0 when undated."""
    try:
        return int(date[:4]) * 372 + int(date[5:7]) * 31 + int(date[8:10])
    except ValueError:
        return 0


def related_articles(records: list[dict], limit: int = LIMIT) -> dict[str, list[str]]:
    """Article id -> up to `limit` related article ids, best first."""
    # One pass for what each article is looked up by: (id, year, unit, province, date order, day).
    facts = []
    for record in records:
        date = str(article_date(record) or "")
        facts.append((str(record.get("id")), _year(record), unit_key(record),
                      fold(str((record.get("province") or {}).get("name") or "")), (date, str(record.get("id"))),
                      _ordinal(date)))
    by_unit: dict[tuple[str, str], dict[str, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    by_place_year: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for fact in sorted(facts, key=lambda f: f[4]):
        _, year, unit, province, _, _ = fact
        if unit:
            by_unit[unit][year].append(fact)
        if province:
            by_place_year[(province, year)].append(fact)
    position = {fact[0]: i for bucket in by_place_year.values() for i, fact in enumerate(bucket)}

    related: dict[str, list[str]] = {}
    same_unit: dict[tuple, list[str]] = {}  # (unit, year) -> its other years' articles: one list per pair
    for own, year, unit, province, _, day in facts:
        chosen: list[str] = []
        if unit:
            if (unit, year) not in same_unit:
                same_unit[(unit, year)] = _other_years(by_unit[unit], year, limit)
            chosen = list(same_unit[(unit, year)])
        bucket = by_place_year.get((province, year)) if province else None
        if bucket and len(chosen) < limit:
            # walk out from the article's own place in the date-sorted bucket, nearer date first,
            # the earlier of two equally near
            i = position[own]
            left, right = i - 1, i + 1
            while len(chosen) < limit and (left >= 0 or right < len(bucket)):
                take_left = right >= len(bucket) or (
                    left >= 0 and abs(day - bucket[left][5]) <= abs(bucket[right][5] - day))
                candidate = bucket[left] if take_left else bucket[right]
                if take_left:
                    left -= 1
                else:
                    right += 1
                if candidate[0] not in chosen:
                    chosen.append(candidate[0])
        related[own] = chosen
    return related


def _other_years(years: dict[str, list[tuple]], year: str, limit: int) -> list[str]:
    """Up to `limit` articles of the unit's other years: nearest year first, the later of two
    equally near, each year's articles in date order."""
    chosen: list[str] = []
    for other_year in sorted((y for y in years if y != year), key=lambda y: (_distance(y, year), _neg(y))):
        for other in years[other_year][: limit - len(chosen)]:
            chosen.append(other[0])
        if len(chosen) >= limit:
            break
    return chosen


def _distance(a: str, b: str) -> int:
    return abs(int(a) - int(b)) if a.isdigit() and b.isdigit() else 10_000


def _neg(year: str) -> int:
    return -int(year) if year.isdigit() else 0


def related_html(record: dict, related_records: list[dict], pages: dict[str, str] | None = None) -> str:
    """The 'Bài viết liên quan' section, HTML for the end of the article's raw block ('' when
    there is none): written as Markdown, its three links cost Python-Markdown's inline patterns
    and MkDocs' link resolution on every article page, more than the rest of the page's Markdown.

    `pages` is the renderer's article id -> docs/ path; without it the pages are assigned from
    the records given (only right when no two of the corpus' titles collide).
    """
    from tdkt.site.markup import a, h
    from tdkt.site.paths import assign_article_pages, dir_href
    from tdkt.site.values import display_date
    from tdkt.taxonomy import title_of

    if not related_records:
        return ""
    pages = pages or assign_article_pages([record, *related_records])
    page = pages[str(record.get("id"))]
    # date and linked title only: the section is on every article page (the unit is on the page linked)
    items = "".join(
        f"<li>{h(display_date(article_date(other)) if article_date(other) else 'không rõ ngày')} "
        f"{a(title_of(other), dir_href(page, pages[str(other.get('id'))]))}</li>\n"
        for other in related_records)
    return f'<h2 id="bai-viet-lien-quan">Bài viết liên quan</h2>\n<ul>\n{items}</ul>\n'
