"""The record of one article: a CleanArticle in, the data contract's dict out (DESIGN.md, "The data contract").

`extract` is the pure heart of the stage: a CleanArticle in, a dict out, no I/O. Each field comes
from its own module (title, dates, years, unit, province; awards and officials from theirs) and
records the rule that found it in `found_by`; what the extractor is unsure of goes to `warnings`.
The editor's overrides (raw.overrides, from the sidecar or front matter) are applied last and
recorded as "override".

Everything is read from the cleaned text (chrome out, broken lines joined, the header's "today"
out, the post stamp kept), except the store's leading " date ..." marker, read as ingested.
"""

from __future__ import annotations

import re

from tdkt.extract.awards import find_awards
from tdkt.extract.dates import event_date, is_date_stamp, leading_marker, parse_full_date, published_date
from tdkt.extract.evidence import after_overrides, build_evidence
from tdkt.extract.province import ProvinceFinding, complete_unit, resolve_province
from tdkt.extract.title import display_title, find_opening, opening_lines, page_title
from tdkt.extract.officials import find_author, find_officials
from tdkt.extract.unit import cluster_behind, find_unit, provincial_committee, unit_level, unnamed_organiser
from tdkt.extract.years import reviewed_and_campaign
from tdkt.model import CONTRACT_KEYS, CleanArticle
from tdkt.places import central_cities_on, province_name_on, province_of
from tdkt.text import normalize

__all__ = ["extract"]


def _page_lines(raw_text: str, clean_text: str) -> tuple[list[str], str | None, str | None]:
    """Non-empty lines of the cleaned page, and the store's leading " date ..." marker if any.

    Returns (lines, the marker's date if it has a day, its "YYYY-MM"); the marker is read from
    the text as ingested.
    """
    first_raw = raw_text.lstrip().split("\n", 1)[0]
    marker_date, marker_month, _ = leading_marker(first_raw)
    lines = opening_lines([line.strip() for line in clean_text.split("\n") if line.strip()])
    return lines, marker_date, marker_month


def _without_marker(text: str) -> str:
    """The article text without the store's leading " date ..." marker: metadata, not prose."""
    first, newline, rest = text.lstrip().partition("\n")
    date, month, remainder = leading_marker(first)
    if month is None:
        return text
    return (remainder.strip() + newline + rest).lstrip()


def _story_from(text: str, title: str | None, lead: str | None) -> str:
    """The cleaned text below the headline (or from the lead on), so the chrome above is not read.

    Pages print the headline twice (breadcrumb, then article): the story starts below the last
    copy above the lead.
    """
    lead_at = text.find(lead[:40]) if lead else -1
    if title:
        end = lead_at if lead_at >= 0 else len(text)
        position = text.rfind(title, 0, end)
        if position < 0:
            position = text.find(title)
        if position >= 0:
            return text[position + len(title):].lstrip()
    if lead_at >= 0:
        return text[lead_at:]
    return text


def _lead_of(story: str) -> str:
    """The first two sentences: where the event, its date, its organiser and its years are stated."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZĐ(“\"])|\n\n+", story.strip(), maxsplit=2)
    return " ".join(sentences[:2])


def extract(article: CleanArticle) -> dict:
    """The contract record of one article, without `id` and `source` (the pipeline sets those)."""
    raw = article.raw
    found_by: dict[str, str] = {}
    warnings: list[str] = []

    # The cleaner's text is already in the one spelling; normalising again is cheap insurance
    # for CleanArticles built by hand, done once.
    text = _without_marker(normalize(article.text))
    lines, marker, marker_month = _page_lines(raw.text, text)
    title, title_index, lead_index = find_opening(lines)
    from_page = page_title(normalize(raw.meta["title"]) if raw.meta.get("title") else None, title)
    if from_page and from_page != title:
        title = from_page
        found_by["title"] = "page metadata"
    elif title:
        found_by["title"] = "headline line"
    else:
        warnings.append("no headline in the text")

    lead_line = lines[lead_index] if lead_index < len(lines) else None
    story = _story_from(text, title, lead_line)
    lead = _lead_of(story)
    # Listings and pages show a headline for every article: the title, else one from the lead.
    display, found_by["display_title"] = display_title(title, story)

    published, rule = None, None
    if marker:
        published, rule = marker, "stored date marker"
    elif raw.meta.get("date"):
        published = parse_full_date(str(raw.meta["date"]))
        rule = "page metadata" if published else None
    if published is None and not marker_month:
        # A stored month-only marker means the store knew no day: the page printed none.
        published, rule = published_date(lines, title_index, lead_index)
    if rule:
        found_by["published_date"] = rule

    reviewed, campaign, year_rules = reviewed_and_campaign(title, lead, story)
    found_by.update(year_rules)

    reference = published
    if reference is None and marker_month:
        reference = marker_month + "-28"
    # Stamp lines under the headline are the page's dates, not the event's.
    prose = "\n".join(line for line in story.split("\n") if not is_date_stamp(line.strip()))
    # A school year or part of a year is reviewed within the year it is stored as, not after it.
    within_year = any(kind in year_rules.get("reviewed_year", "") for kind in ("school year", "part of the year"))
    event, rule = event_date(prose, reviewed, campaign, reference, within_year)
    if event:
        found_by["event_date"] = rule
        if "latest year named" in rule:
            warnings.append("event year guessed from the latest year the text names")
    else:
        warnings.append("no event date in the text")

    when = event or published or reference
    unit, level, province, found = _organiser_and_province(title, lead, story, raw.url, when, found_by, warnings)
    province_record = {
        "name": province_name_on(province, when) if province else None,
        "current": province_of(province) if province else None,
    }

    context = {"title": title, "unit": unit, "level": level, "province": province_record["name"],
               "reviewed_year": reviewed, "campaign_year": campaign, "event_date": event}
    awards = find_awards(text, context)
    officials = find_officials(text)
    author = find_author(text)
    if awards:
        found_by["awards"] = "award patterns"
    if officials:
        found_by["officials"] = "title patterns"
    if author:
        found_by["author"] = "byline"

    record = {
        "url": raw.url,
        "title": title,
        "display_title": display,
        "event_date": event,
        "published_date": published,
        "unit": {"name": unit, "level": level},
        "province": province_record,
        "reviewed_year": reviewed,
        "campaign_year": campaign,
        "awards": awards,
        "officials": officials,
        "author": author,
        "body": text,
        "warnings": warnings,
    }
    _apply_overrides(record, raw.overrides, found_by, when)
    if (raw.overrides or {}).get("title"):          # the editor's headline is the one shown
        record["display_title"], found_by["display_title"] = record["title"], "override"
    ordered = {key: record[key] for key in CONTRACT_KEYS if key in record}
    ordered["found_by"] = found_by
    ordered["evidence"] = build_evidence(record, found_by, {"source": found.source, "confidence": found.confidence})
    ordered["province_scope"] = found.scope
    ordered["encoding"] = raw.encoding
    return after_overrides(ordered)


def _organiser_and_province(title: str | None, lead: str, story: str, url: str | None, when: str | None,
                            found_by: dict, warnings: list[str]) -> tuple[str | None, str | None, str | None,
                                                                          ProvinceFinding]:
    """(unit, level, legacy province, the province finding): the organiser and where its work is.

    An organiser the text never names as a subject is the cluster it speaks of, or the province's
    own committee when it speaks only of the province's bodies; never a body the text does not imply.
    """
    unit, rule = find_unit(title, story)
    level = unit_level(unit, when)
    cluster = cluster_behind(unit, level, title, story) if unit else None
    if cluster is not None:
        unit, level, rule = cluster or None, "cluster", "cluster whose compact the subject hosts"
    if unit:
        found_by["unit"] = rule
    elif level == "cluster":
        found_by["unit"] = "no organiser named: the cluster the text speaks of"
    else:
        level, named = unnamed_organiser(title, story)
        if named:
            unit = named
            found_by["unit"] = {"cluster": "cluster the text speaks of",
                                "commune": "commune whose bodies the text speaks of"}.get(level, "place holding its congress")
        elif level:
            found_by["unit"] = f"no organiser named: the {level} the text speaks of"
    found = resolve_province(unit, level, lead, story, url, title, when)
    warnings.extend(found.warnings)
    if found.rule:
        found_by["province"] = found.rule
    province = found.name
    named = province_name_on(province, when) if province else None     # as on the article's date
    if unit:
        unit = complete_unit(unit, named, title, story, when)
    elif level == "province" and named:
        # A province's emulation congress is the province's; other events are its committee's, when
        # the text speaks of that committee bare ("UBND tỉnh", "Chủ tịch UBND tỉnh"). "UBND thành phố"
        # is a province's only in a centrally-run city: elsewhere it is a city below the province.
        # A centrally-run city has a "thành phố" committee: "UBND tỉnh Hà Nội" does not exist.
        congress = re.search(r"(?i:đại hội thi đua)", (title or "") + lead)
        central = named in central_cities_on(when)
        how = provincial_committee(title, story)
        kind = "thành phố" if central else "tỉnh"
        if congress or how == "bare" or (how == "bare city" and central):
            unit = f"{kind} {named}" if congress else f"UBND {kind} {named}"
            warnings.append(f"no organiser named; unit set to {unit}")
        elif how == "bare city":
            level = None
            warnings.append("no organiser named; 'UBND thành phố' is a city below the province")
        else:
            warnings.append("no organiser named; the province's committee is named only in a title")
    elif level:
        warnings.append(f"no organiser named; a {level} is spoken of")
    else:
        warnings.append("no organising unit found")
    return unit, level, province, found


def _apply_overrides(record: dict, overrides: dict, found_by: dict, when: str | None = None) -> None:
    """The editor's corrections win over every rule."""
    for key, value in (overrides or {}).items():
        if key in ("id", "source"):
            continue
        if key == "province" and isinstance(value, str):
            value = {"name": value, "current": province_of(value) or value}
        elif key == "province" and isinstance(value, dict):
            name = value.get("name")
            value = {"name": name, "current": value.get("current") or (province_of(name) if name else None)}
        elif key == "unit" and isinstance(value, str):
            value = {"name": value, "level": unit_level(value, when)}
        elif key == "unit" and isinstance(value, dict):
            value = {**record.get("unit", {}), **value}
        record[key] = value
        found_by[key] = "override"
