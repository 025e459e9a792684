"""Statistics: the figures, the charts and their tables all say what the downloadable dataset says;
every chart is well-formed SVG made only of shapes and text; article text never becomes markup."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

import markdown
import pytest

from tdkt.site.datasets import articles_csv, awards_csv
from tdkt.site.stats import (RECIPIENTS, TOP_PROVINCES, UNKNOWN_YEAR, bar_chart_svg, compute, province_summary_markdown,
                        stats_markdown)
from tdkt.taxonomy import AWARD_TYPES
from tests.site_fixtures import extracted_records, handmade_records

SVG = "{http://www.w3.org/2000/svg}"
ALLOWED = {f"{SVG}{tag}" for tag in ("svg", "title", "text", "rect")}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return (extracted_records() or []) + handmade_records()


def rows_of(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def number(text: str) -> int:
    return int(text.replace(".", ""))


def charts(page: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg\b.*?</svg>", page, re.S)]


def chart_values(svg: ET.Element) -> dict[str, dict[str, int]]:
    """Row label -> {series name: value} read back from the drawn SVG (a bar chart has one series '')."""
    labels = {round(float(t.get("y"))): t.text for t in svg.iter(f"{SVG}text") if t.get("text-anchor") == "end"}
    values: dict[str, dict[str, int]] = defaultdict(dict)
    for rect in svg.iter(f"{SVG}rect"):
        row = labels.get(round(float(rect.get("y"))) + 12)
        if row is None:
            continue  # a legend swatch
        title = rect.find(f"{SVG}title")
        if title is not None:
            name, value = title.text.rsplit(": ", 1)
            values[row][name] = number(value)
    for text in svg.iter(f"{SVG}text"):  # plain bars: the value written after the bar
        row = labels.get(round(float(text.get("y"))))
        if text.get("text-anchor") != "end" and row is not None and not values[row]:
            values[row][""] = number(text.text)
    return dict(values)


def test_chart_data_equal_the_dataset_counts(records):
    articles = rows_of(articles_csv(records))
    awards = rows_of(awards_csv(records))
    stats = compute(records)

    per_year = Counter(row["year"] or UNKNOWN_YEAR for row in articles)
    per_province = Counter(row["province"] for row in articles if row["province"])
    assert stats.per_year == dict(per_year) and list(stats.per_year)[-1] == UNKNOWN_YEAR
    assert stats.per_province == dict(per_province)
    assert list(stats.per_province.values()) == sorted(per_province.values(), reverse=True)

    types = defaultdict(Counter)
    statuses = defaultdict(Counter)
    people = defaultdict(Counter)
    for row in awards:
        year = row["year"] or UNKNOWN_YEAR
        types[year][row["type"]] += 1
        statuses[year][row["status"] or "unknown"] += 1
        if row["status"] == "given":
            for key, _ in RECIPIENTS:
                people[year][key] += int(row[key] or 0)
    assert {y: dict(c) for y, c in types.items()} == stats.types_per_year
    assert {y: {k: v for k, v in c.items() if v} for y, c in statuses.items()} == \
        {y: {k: v for k, v in c.items() if v} for y, c in stats.status_per_year.items()}
    assert {y: {k: v for k, v in c.items() if v} for y, c in people.items()} == \
        {y: {k: v for k, v in c.items() if v} for y, c in stats.recipients_per_year.items()}

    page = stats_markdown(records)
    drawn = charts(page)
    assert len(drawn) == 5
    by_year, by_province, by_type, by_status, by_recipient = map(chart_values, drawn)
    assert {y: v[""] for y, v in by_year.items()} == dict(per_year)
    assert {p: v[""] for p, v in by_province.items()} == dict(per_province.most_common(TOP_PROVINCES))
    assert {y: v for y, v in by_type.items()} == \
        {y: {AWARD_TYPES[k]: n for k, n in c.items()} for y, c in types.items()}
    assert sum(sum(v.values()) for v in by_status.values()) == len(awards)
    assert sum(sum(v.values()) for v in by_recipient.values()) == sum(sum(c.values()) for c in people.values())


def test_each_chart_has_its_numbers_in_a_table_beside_it(records):
    html = markdown.markdown(stats_markdown(records), extensions=["tables"])
    stats = compute(records)
    for year, count in stats.per_year.items():
        assert f"<td>{year}</td>\n<td style=\"text-align: right;\">{count}</td>" in html
    for province, count in stats.per_province.items():  # the full table, not only the top 15
        assert re.search(rf"<td>{re.escape(province)}</td>\n<td>[^<]*</td>\n<td[^>]*>{count}</td>", html), province
    assert html.count("<table") >= html.count("<figure") == 5


def test_svg_is_well_formed_and_only_shapes_and_text(records):
    for svg in charts(stats_markdown(records)):
        assert {element.tag for element in svg.iter()} <= ALLOWED
        for element in svg.iter():
            assert all(not name.lower().startswith("on") and "href" not in name for name in element.attrib)


HOSTILE = ['<script>alert(1)</script>', '" onload="alert(1)', "]]><x/>", "{{ config }} {% x %}", "*a* [b](c) | d",
           "&amp; &#60;", "\x00\x0b\u2028 tail"]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_province_names_stay_text(name):
    record = dict(handmade_records()[0], province={"name": name, "current": name},
                  awards=[{"type": "<img src=x>", "status": "given", "collectives": 1}])
    page = stats_markdown([record])
    for svg in charts(page):
        assert {element.tag for element in svg.iter()} <= ALLOWED
        for element in svg.iter():
            assert all(not attr.lower().startswith("on") for attr in element.attrib)
    html = markdown.markdown(page, extensions=["tables"])
    assert "<script" not in html and "<x/>" not in html and "<img" not in html and 'onload="' not in html
    shown = " ".join(name.replace("\x00", "").split())
    svg_texts = [t.text for svg in charts(page) for t in svg.iter(f"{SVG}text")]
    assert shown in svg_texts


def test_bar_chart_numbers_match_the_rows():
    svg = ET.fromstring(bar_chart_svg("t", [("a", 3), ("b", 0), ("c", 1200)]))
    assert chart_values(svg) == {"a": {"": 3}, "b": {"": 0}, "c": {"": 1200}}
    widths = [float(r.get("width")) for r in svg.iter(f"{SVG}rect")]
    assert widths[0] > widths[1] == 0 and widths[2] > widths[0]


def test_province_summary_years_awards_and_the_new_province():
    records = handmade_records()
    summary = province_summary_markdown("Thái Bình", records)
    assert "Từ 01/07/2025, địa bàn này thuộc Hưng Yên." in summary
    assert "2022: 1 · 2023: 1" in summary           # one article filed under each year
    html = markdown.markdown(summary, extensions=["tables"])
    assert "<td>Lao động tiên tiến (cá nhân)</td>" in html
    assert "32 tập thể, 133 cá nhân" in summary        # given awards with counts: 32; 118 + 15
    assert "không đổi tên" in province_summary_markdown("Hà Tĩnh", records)


def test_province_summary_names_the_new_commune_of_a_commune_article():
    from tdkt.places_now import new_commune_of

    commune = dict(handmade_records()[1], unit={"name": "UBND xã Vũ Lễ", "level": "commune"})
    ward = new_commune_of(commune)
    assert ward  # the gazetteer maps Vũ Lễ (Kiến Xương, Thái Bình) to exactly one new commune
    assert ward in province_summary_markdown("Thái Bình", [commune, handmade_records()[1]])


def test_province_summary_chart_draws_the_years_it_lists():
    records = handmade_records()
    summary = province_summary_markdown("Hà Tĩnh", records)   # two articles, two years
    (svg,) = charts(summary)
    assert {y: v[""] for y, v in chart_values(svg).items()} == {"2021": 1, "2023": 1}
    assert "2021: 1 · 2023: 1" in summary
    assert charts(province_summary_markdown("Thái Bình", records[1:2])) == []   # one year: the line says it all
