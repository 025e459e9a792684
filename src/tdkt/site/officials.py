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

from collections import Counter, defaultdict
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


def officials_pages(records: list[dict]) -> dict[str, str]:
    """docs/-relative path -> Markdown: can-bo/index.md and one page per province."""
    from tdkt.site.paths import assign_article_pages
    from tdkt.site.markup import link, md_text, relative
    from tdkt.site.values import year_key

    pages = assign_article_pages(records)
    by_id = {str(r.get("id")): r for r in records}
    groups: dict[str, list[Official]] = defaultdict(list)
    for official in officials_index(records):
        groups[official.province].append(official)

    index_page = f"{INDEX_DIR}/index.md"
    rows = []
    out: dict[str, str] = {}
    for province, people in groups.items():
        page = f"{INDEX_DIR}/{province_slug(province)}.md"
        label = province or NO_PROVINCE
        rows.append(f"| {link(label, relative(index_page, page))} | {len(people)} |\n")
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
        out[page] = "".join(lines)
    out[index_page] = (
        "# Cán bộ được nêu tên\n\n"
        "Lãnh đạo, đại biểu được nêu tên trong các bài viết, theo tỉnh, thành của bài. Tên được gộp khi chỉ "
        "khác cách viết (chữ hoa, dấu thanh đặt khác, i/y cuối âm tiết) trong cùng một tỉnh; cùng một tên ở "
        "hai tỉnh khác nhau không bao giờ được coi là một người.\n\n"
        "| Tỉnh, thành | Số người |\n|---|---:|\n" + "".join(rows)
    )
    return out
