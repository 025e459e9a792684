"""Related articles: the same unit in other years first, then the same province and year (nearest
dates), at most five, deterministic, and linear enough for the 100,000 articles the archive is
designed for."""

from __future__ import annotations

import random
import time

import markdown

from tdkt.site.related import LIMIT, related_articles, related_html, unit_key
from tdkt.site.paths import assign_article_pages


def article(id_, province, unit, year, date=None, title=None):
    return {"id": id_, "title": title or f"Tổng kết {unit} năm {year}", "event_date": date or f"{year + 1}-01-15",
            "reviewed_year": year, "unit": {"name": unit, "level": "district"},
            "province": {"name": province, "current": province}, "awards": [], "officials": []}


def test_same_unit_in_other_years_comes_first_nearest_year_first():
    records = [
        article("u2019", "Hà Tĩnh", "UBND thị xã Hồng Lĩnh", 2019),
        article("u2021", "Hà Tĩnh", "Ủy ban nhân dân thị xã Hồng Lĩnh", 2021),
        article("u2022", "Hà Tĩnh", "thị xã Hồng Lĩnh", 2022),
        article("u2023", "Hà Tĩnh", "UBND thị xã Hồng Lĩnh", 2023),
        article("other2022", "Hà Tĩnh", "UBND huyện Can Lộc", 2022, date="2023-01-16"),
    ]
    related = related_articles(records, limit=4)
    # three spellings of the same unit are one unit; 2021 and 2023 are one year away, the later first
    assert related["u2022"][:3] == ["u2023", "u2021", "u2019"]
    # then the same province and year
    assert related["u2022"][3:] == ["other2022"]
    assert related_articles(records)["u2022"] == ["u2023", "u2021", "u2019"][:LIMIT]
    assert related["other2022"] == ["u2022"]


def test_same_province_and_year_by_nearest_date_and_capped():
    records = [article(f"a{i}", "Thái Bình", f"UBND xã X{i}", 2023, date=f"2024-01-{10 + i:02d}") for i in range(9)]
    related = related_articles(records)
    assert related["a4"] == ["a3", "a5", "a2", "a6", "a1"][:LIMIT]   # nearest first, the earlier on a tie
    assert all(len(ids) == LIMIT for ids in related.values())
    assert all(key not in ids for key, ids in related.items())


def test_same_district_name_in_two_provinces_is_two_units():
    # "Châu Thành" is a district of ten provinces
    records = [article("tg", "Tiền Giang", "UBND huyện Châu Thành", 2022),
               article("ag", "An Giang", "UBND huyện Châu Thành", 2023)]
    assert unit_key(records[0]) != unit_key(records[1])
    assert related_articles(records) == {"tg": [], "ag": []}


def test_no_province_and_no_unit_means_no_related():
    lone = {"id": "x", "title": "?", "unit": {"name": None}, "province": {"name": None}}
    assert related_articles([lone, dict(lone, id="y")]) == {"x": [], "y": []}


def test_deterministic_whatever_the_input_order():
    rng = random.Random(3)
    records = [article(f"r{i:03d}", rng.choice(["Hà Nam", "Nam Định"]), f"UBND huyện H{rng.randint(0, 4)}",
                       rng.randint(2019, 2023), date=f"202{rng.randint(0, 4)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")
               for i in range(300)]
    first = related_articles(records)
    rng.shuffle(records)
    assert related_articles(records) == first


def test_adding_an_article_changes_only_its_neighbours_lists():
    """The incremental build re-renders an article page whose related list changed: a new article
    must not change the lists of a whole province."""
    rng = random.Random(5)
    records = [article(f"r{i:04d}", "Nghệ An", f"UBND xã X{i}", 2023, date=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
               for i in range(400)]
    before = related_articles(records)
    after = related_articles(records + [article("new", "Nghệ An", "UBND xã Mới", 2023, date="2024-06-15")])
    changed = [key for key in before if before[key] != after[key]]
    assert 1 <= len(changed) <= 2 * LIMIT + 2, len(changed)


def test_fast_on_a_hundred_thousand_articles():
    rng = random.Random(7)
    provinces = [f"Tỉnh {i}" for i in range(63)]
    records = [article(f"a{i:06d}", rng.choice(provinces), f"UBND huyện H{rng.randint(0, 10)}", rng.randint(2015, 2025),
                       date=f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
               for i in range(100_000)]
    started = time.process_time()
    related = related_articles(records)
    spent = time.process_time() - started
    assert len(related) == 100_000 and all(len(v) == LIMIT for v in list(related.values())[:1000])
    # linear: about 2 s of CPU on a laptop; a quadratic pass would take hours
    assert spent < 30, spent


def test_the_section_links_the_pages_and_keeps_titles_as_text():
    hostile = article("h", "Hà Tĩnh", "UBND <b>x</b>", 2022, title="<script>alert(1)</script> [x](javascript:y) *z* </div>")
    own = article("o", "Hà Tĩnh", "UBND <b>x</b>", 2023)
    pages = assign_article_pages([hostile, own])
    section = related_html(own, [hostile], pages)
    html = markdown.markdown(f'<div class="tdkt-article">\n{section}</div>', extensions=["tables"])
    assert "<script" not in html and "<b>" not in html and "javascript:" not in html.split('href="')[1].split('"')[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:y) *z* &lt;/div&gt;" in html
    # the directory URL of the other article's page, from this one's (bai-viet/2023/<slug>/)
    assert f'href="../../2022/{pages["h"].rsplit("/", 1)[1][:-len(".md")]}/"' in html
    assert related_html(own, [], pages) == ""
