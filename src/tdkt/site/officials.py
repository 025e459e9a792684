"""The index of officials named in the archive: /can-bo/ (by province) with their titles and articles.

Who is the same person. A name alone does not say: "Nguyễn Văn Hùng" is a common name in every
province. So one entry is one spelling of a name within one province (the province of the
article at its date); the same name in two provinces is two entries, and a name in an article
without a province is never joined to anyone. Within a province, spellings group when they are
the same name written differently: Unicode form, tone placement (hoà/hòa), case, spacing, and
the final i/y of a syllable (Sĩ/Sỹ, Lý/Lí, Kỳ/Kì). Names that differ in a letter's mark (Hùng,
Hưng) are different Vietnamese names and stay apart, except that a name written without any
diacritics ("Nguyen Van Hung", scraped from a page that lost its marks) joins the one accented
name of the province it folds to, when there is exactly one.

`officials_index(records)` is pure; `officials_pages(records)` gives the Markdown pages.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from tdkt.text import fold, normalize

INDEX_DIR = "can-bo"
NO_PROVINCE = "Không rõ tỉnh"
NO_PROVINCE_SLUG = "khong-ro-tinh"
ARTICLES_SHOWN = 10

# i/y at the end of a syllable after a consonant: the same sound, both spellings official.
_Y_TO_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")
_VOWELS = set("aeiouy")


def _syllable_key(syllable: str) -> str:
    # "sỹ" -> "sĩ", "lý" -> "lí"; not "thủy", "huy", "quý" (y after a vowel is not the same letter)
    if len(syllable) >= 2 and fold(syllable[-1]) == "y" and fold(syllable[-2]).isalpha() \
            and fold(syllable[-2]) not in _VOWELS:
        return syllable[:-1] + syllable[-1].translate(_Y_TO_I)
    return syllable


def name_key(name: str) -> str:
    """The spelling-independent form of a name (see the module's note), lower case."""
    return " ".join(_syllable_key(s) for s in normalize(name).lower().split())


def _has_marks(name: str) -> bool:
    return _fold(name) != name.lower()


# Names repeat across the archive (a chairman in every article of a district for years): the
# text work is done once per distinct spelling, not once per mention.
_fold = lru_cache(maxsize=1 << 17)(fold)


@lru_cache(maxsize=1 << 17)
def _spelling(raw: str) -> tuple[str, str]:
    """(the name as one clean line, its grouping key)."""
    from tdkt.text import one_line

    written = one_line(normalize(one_line(raw)))
    return written, name_key(written)


@dataclass
class Official:
    name: str                                   # the spelling written most often
    province: str                               # "" when the articles name none
    titles: list[str] = field(default_factory=list)        # as written, first seen first
    articles: list[str] = field(default_factory=list)      # article ids, newest first
    spellings: list[str] = field(default_factory=list)     # every spelling seen


def officials_index(records: list[dict]) -> list[Official]:
    """Every official, grouped (see the module's note); sorted by province, then folded name."""
    from tdkt.text import one_line
    from tdkt.site.values import sort_newest_first

    mentions: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)  # key -> (written, title, id)
    for record in sort_newest_first(records):
        province = one_line((record.get("province") or {}).get("name"))
        for official in record.get("officials") or []:
            if not isinstance(official, dict):
                continue
            written, key = _spelling(str(official.get("name") or ""))
            if not written:
                continue
            mentions[(province, key)].append(
                (written, one_line(official.get("title")), str(record.get("id"))))

    # A name with no marks at all joins the province's only accented name that folds to it.
    by_fold: dict[tuple[str, str], set[str]] = defaultdict(set)
    for province, key in mentions:
        if province and _has_marks(key):
            by_fold[(province, _fold(key))].add(key)
    for province, key in sorted(mentions):
        if province and not _has_marks(key):
            targets = by_fold.get((province, _fold(key)), set())
            if len(targets) == 1:
                mentions[(province, next(iter(targets)))].extend(mentions.pop((province, key)))

    officials = []
    for (province, _), items in mentions.items():
        spelled = Counter(written for written, _, _ in items)
        name = sorted(spelled, key=lambda s: (-spelled[s], not _has_marks(s), s))[0]
        titles = list(dict.fromkeys(title for _, title, _ in items if title))
        articles = list(dict.fromkeys(article for _, _, article in items))
        officials.append(Official(name, province, titles, articles, sorted(spelled)))
    officials.sort(key=lambda o: (not o.province, _fold(o.province), _fold(o.name), o.name, o.articles))
    return officials


def province_slug(province: str) -> str:
    from tdkt.text import slugify

    return slugify(province) if province else NO_PROVINCE_SLUG


def _province_markdown(label: str, page: str, people: list[Official], pages: dict[str, str],
                       by_id: dict[str, dict]) -> str:
    from tdkt.site.markup import link, md_text, relative
    from tdkt.site.values import year_key

    lines = [f"# Cán bộ được nêu tên: {md_text(label)}\n\n",
             f"{len(people)} người được nêu tên trong các bài viết của {md_text(label)}, với chức vụ như "
             "bài viết ghi. Cùng một tên ở hai tỉnh là hai mục riêng. Mỗi dòng: họ tên, chức vụ, rồi các bài "
             "viết (mới nhất trước) ghi theo năm.\n\n"]
    for person in people:
        # One list line per person, each article a link labelled by its year: the full titles
        # (a table cell each) made this index 1.4 KB per article, and the article page has them.
        # Newest first, a few: a provincial leader opens hundreds of conferences in a decade.
        articles = ", ".join(link(year_key(by_id[a]), relative(page, pages[a]))
                             for a in person.articles[:ARTICLES_SHOWN])
        if len(person.articles) > ARTICLES_SHOWN:
            articles += f" và {len(person.articles) - ARTICLES_SHOWN} bài khác"
        other = [s for s in person.spellings if s != person.name]
        name = md_text(person.name) + (f" (cũng viết: {md_text(', '.join(other))})" if other else "")
        titles = f": {md_text('; '.join(person.titles))}" if person.titles else ""
        lines.append(f"- {name}{titles} — {articles}\n")
    return "".join(lines)


def _order(official: Official) -> list:
    """Where an official stands in officials_index's order (a list: it is kept as JSON between builds)."""
    return [not official.province, _fold(official.province), _fold(official.name), official.name, official.articles]


def officials_pages(records: list[dict], pages: dict[str, str] | None = None,
                    reuse: Callable[[str, str], bool] | None = None, token: Callable[[dict], str] | None = None,
                    memo: dict | None = None) -> dict[str, str | None]:
    """docs/-relative path -> Markdown: can-bo/index.md and one page per province.

    Everything on a province's page comes from the articles of that province (the names are
    grouped within a province), so each page is made from its province's articles alone. With
    `reuse(path, inputs digest)`, `token(record)` (a digest of the record and its page) and `memo`
    (a dict the caller keeps between calls), a province page whose inputs digest is the last call's
    and which `reuse` says is still on disk as written comes as None, not made again; `pages`:
    article id -> docs/ path (paths.assign_article_pages when not given).
    """
    from tdkt.site.markup import link, relative
    from tdkt.site.paths import assign_article_pages
    from tdkt.site.values import sort_newest_first
    from tdkt.text import one_line

    pages = pages or assign_article_pages(records)
    by_id = {str(r.get("id")): r for r in records}
    by_province: dict[str, list[dict]] = defaultdict(list)
    for record in sort_newest_first(records):  # each province's articles in officials_index's order
        by_province[one_line((record.get("province") or {}).get("name"))].append(record)
    slugs = Counter(province_slug(province) for province in by_province)
    memo = memo if memo is not None else {}
    made: dict[str, tuple[list, int, str | None]] = {}   # province -> (order, people, Markdown or None)
    for province, items in by_province.items():
        page = f"{INDEX_DIR}/{province_slug(province)}.md"
        key = ""
        if reuse is not None and token is not None and slugs[province_slug(province)] == 1:
            key = _inputs_digest(province, items, token)
            on_disk = reuse(page, key)  # (also tells `reuse` the page's digest, for its stamp)
            known = memo.get(province)
            if known and known[0] == key and (on_disk or not known[2]):
                made[province] = (known[1], known[2], None)
                continue
        people = officials_index(items)
        memo[province] = [key, _order(people[0]) if people else [], len(people)]
        if people:
            made[province] = (memo[province][1], len(people), _province_markdown(province or NO_PROVINCE, page,
                                                                                 people, pages, by_id))
    for province in [p for p in memo if p not in by_province]:
        del memo[province]

    index_page = f"{INDEX_DIR}/index.md"
    rows = []
    out: dict[str, str | None] = {}
    for province, (_, count, text) in sorted(((p, m) for p, m in made.items() if m[1]), key=lambda item: item[1][0]):
        page = f"{INDEX_DIR}/{province_slug(province)}.md"
        rows.append(f"| {link(province or NO_PROVINCE, relative(index_page, page))} | {count} |\n")
        out[page] = text
    out[index_page] = (
        "# Cán bộ được nêu tên\n\n"
        "Lãnh đạo, đại biểu được nêu tên trong các bài viết, theo tỉnh, thành của bài. Tên được gộp khi chỉ "
        "khác cách viết (chữ hoa, dấu thanh đặt khác, i/y cuối âm tiết) trong cùng một tỉnh; cùng một tên ở "
        "hai tỉnh khác nhau không bao giờ được coi là một người.\n\n"
        "| Tỉnh, thành | Số người |\n|---|---:|\n" + "".join(rows)
    )
    return out


def _inputs_digest(province: str, records: list[dict], token: Callable[[dict], str]) -> str:
    """A digest of what a province's page is made from: its articles (each record's digest and
    page, in order) and the code that makes it."""
    digest = hashlib.blake2b(_code_version(), digest_size=16)
    digest.update("\0".join([province, *map(token, records)]).encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _code_version() -> bytes:
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=16)
    for name in ("site/officials.py", "site/markup.py", "site/values.py", "site/paths.py", "text.py", "taxonomy.py"):
        digest.update((package / name).read_bytes())
    return digest.digest()
