"""`tdkt review`: the articles whose fields the extractor was unsure of, most useful first.

Each doubt carries a weight: how much a reader loses if it is wrong (an article with no
province is missing from every province page; one with a guessed event year is only misfiled
by a few weeks). The record's `evidence` says which fields are null, inferred from others or
unsure; null fields weigh most, then inferred and unsure ones. An article's score is the sum, so
the editor clears the worst first, with overrides. A field the editor already corrected is not
flagged again; a province left empty because the organiser is national (`province_scope`
"central") is not a doubt.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from tdkt.extract.evidence import after_overrides
from tdkt.taxonomy import AWARD_TYPES
from tdkt.text import fold

# What an extractor warning is about: (words in the folded warning, issue, weight, fields it concerns).
# The first match wins; a warning that matches none still counts, lightly.
WARNING_KINDS = (
    (("several provinces",), "ambiguous place name", 4, ("province",)),
    (("ambiguous",), "ambiguous place name", 4, ("province",)),
    (("publishing site only",), "province only from the publishing site", 2, ("province",)),
    (("no place named",), "province assumed", 2, ("province",)),
    (("guessed",), None, 0, ("event_date", "reviewed_year")),   # said by the evidence checks
    (("no province",), None, 0, ("province",)),                # said by the field checks
    (("no headline",), None, 0, ("title",)),            # said by the field checks below
    (("no event date",), None, 0, ("event_date",)),
    (("no organiser", "no organising unit"), None, 0, ("unit",)),
)


# How much a field inferred from others, or held with low confidence, can mislead a reader (see
# tdkt.extract.evidence): a province or an organiser the text does not state most, an event's year
# reasoned from the years reviewed (the usual way, LABELS.md) least.
EVIDENCE_WEIGHTS = {"province": 4, "unit": 2, "event_date": 1, "title": 2, "reviewed_year": 2,
                    "campaign_year": 1, "published_date": 1}


def _evidence_issues(record: dict) -> list[tuple[int, str, tuple[str, ...]]]:
    """Fields the record's `evidence` says were inferred or are held with low confidence.

    Null fields are named by the field checks; an outlet-only province by its warning."""
    found = []
    evidence = record.get("evidence")
    if not isinstance(evidence, dict):
        return found
    rules = record.get("found_by") or {}
    for name, weight in EVIDENCE_WEIGHTS.items():
        item = evidence.get(name)
        if not isinstance(item, dict) or item.get("source") in (None, "none", "override", "outlet"):
            continue
        rule = f" ({rules[name]})" if rules.get(name) else ""
        if item.get("confidence") == "low":
            found.append((weight + 1, f"{name} unsure{rule}", (name,)))
        elif item.get("source") == "inferred":
            found.append((weight, f"{name} inferred{rule}", (name,)))
    return found


def _issues(record: dict) -> list[tuple[int, str, tuple[str, ...]]]:
    """(weight, what is doubtful, fields concerned) for one record."""
    found: list[tuple[int, str, tuple[str, ...]]] = []
    province = record.get("province") or {}
    # A national body or a cluster of several provinces has no province by convention: nothing to check.
    if not (isinstance(province, dict) and province.get("name")) and record.get("province_scope") != "central":
        found.append((5, "no province", ("province",)))
    event, published = record.get("event_date"), record.get("published_date")
    if not event and not published:
        found.append((5, "no date", ("event_date", "published_date")))
    elif not event:
        found.append((2, "no event date (filed by the published date)", ("event_date",)))
    if not (record.get("title") or "").strip():
        found.append((3, "no title", ("title",)))
    unit = record.get("unit") or {}
    if not (isinstance(unit, dict) and unit.get("name")):
        found.append((2, "no organising unit", ("unit",)))
    elif unit.get("level") in (None, "other"):
        found.append((1, "unit level unknown", ("unit",)))
    found += _year_issues(record)
    found += _evidence_issues(record)
    for award in record.get("awards") or []:
        kind = award.get("type") if isinstance(award, dict) else None
        detail = (award.get("detail") or award.get("label") or "") if isinstance(award, dict) else str(award)
        if kind not in AWARD_TYPES:   # "khac" is a type: local titles such as "Chính quyền vững mạnh"
            found.append((3, f"award not typed: {detail[:60]!r}", ("awards",)))
    if len((record.get("body") or "").strip()) < 200:
        found.append((2, "very short text", ("body",)))
    for warning in record.get("warnings") or []:
        folded = fold(str(warning))
        for needles, issue, weight, fields in WARNING_KINDS:
            if any(n in folded for n in needles):
                if issue:
                    found.append((weight, f"{issue}: {warning}", fields))
                break
        else:
            found.append((1, f"warning: {warning}", ()))
    return found


def _year(value) -> int | None:
    try:
        return int(str(value)[:4]) if value else None
    except ValueError:
        return None


def _year_issues(record: dict) -> list[tuple[int, str, tuple[str, ...]]]:
    found = []
    reviewed, campaign = record.get("reviewed_year"), record.get("campaign_year")
    event, published = _year(record.get("event_date")), _year(record.get("published_date"))
    if not reviewed and not campaign:
        found.append((2, "no reviewed or campaign year", ("reviewed_year", "campaign_year")))
    # A year is reviewed at its end or early the next year, and the next year's campaign launched then.
    if reviewed and event and event not in (reviewed, reviewed + 1):
        found.append((4, f"years disagree: reviews {reviewed}, held {record.get('event_date')}",
                      ("reviewed_year", "event_date")))
    if reviewed and campaign and campaign not in (reviewed, reviewed + 1):
        found.append((3, f"years disagree: reviews {reviewed}, campaign {campaign}", ("reviewed_year", "campaign_year")))
    if event and published and record["published_date"] < record["event_date"]:
        found.append((3, f"published ({record['published_date']}) before the event ({record['event_date']})",
                      ("event_date", "published_date")))
    elif event and published and published - event > 1:
        found.append((1, f"published {published - event} years after the event", ("event_date", "published_date")))
    return found


def review_items(records: list[dict]) -> list[dict]:
    """The records worth a look: [{id, score, issues, title, province, date, source, url}], worst first.

    Ties go by id, so the list is the same on every run.
    """
    items = []
    for record in records:
        corrected = set(record.get("corrected") or {})
        issues = [(w, text) for w, text, fields in _issues(record) if not (set(fields) & corrected)]
        issues = [(w, text) for w, text in issues if w > 0]
        if not issues:
            continue
        issues.sort(key=lambda item: (-item[0], item[1]))
        province = record.get("province") or {}
        items.append({
            "id": str(record.get("id")),
            "score": sum(w for w, _ in issues),
            "issues": [text for _, text in issues],
            "title": record.get("title") or "",
            "province": (province.get("name") if isinstance(province, dict) else None) or "",
            "date": record.get("event_date") or record.get("published_date") or "",
            "source": record.get("source") or "",
            "url": record.get("url") or "",
        })
    items.sort(key=lambda item: (-item["score"], item["id"]))
    return items


CSV_COLUMNS = ("score", "id", "issues", "title", "province", "date", "source", "url")


def write_review_csv(records: list[dict], path: Path) -> int:
    """build/review.csv: the review list for a spreadsheet (UTF-8 with BOM, which Excel needs). Returns rows."""
    items = review_items(records)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for item in items:
            writer.writerow([item["score"], item["id"], " | ".join(item["issues"]), item["title"],
                             item["province"], item["date"], item["source"], item["url"]])
    return len(items)


def read_records(articles_dir: Path) -> tuple[list[dict], list[str]]:
    """Every build/articles/*.json, by file name; unreadable ones become one-line problems."""
    records, problems = [], []
    for path in sorted(articles_dir.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            problems.append(f"{path}: cannot read the record: {str(err).splitlines()[0]}")
            continue
        if not isinstance(record, dict):
            problems.append(f"{path}: not an article record (a JSON object)")
            continue
        records.append(record)
    return records, problems


# -- CLI ---------------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--build", default="build", type=Path, help="the build folder (default: build)")
    parser.add_argument("--limit", type=int, default=50, help="show at most N articles (default: 50; 0: all)")
    parser.add_argument("--csv", type=Path, metavar="PATH", help="also write the whole list as CSV to PATH")
    parser.add_argument("--overrides", type=Path, default=Path("corpus/overrides.yaml"),
                        help="the editor's corrections, applied before reviewing, so that what was "
                             "corrected or dropped is not listed again (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    articles_dir = args.build / "articles"
    if not articles_dir.is_dir():
        print(f"tdkt review: {articles_dir}: no extracted articles (run 'tdkt build' first)", file=sys.stderr)
        return 2
    records, problems = read_records(articles_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    from tdkt.corpus.overrides import OverridesError, apply_overrides, load_overrides

    try:
        # The build's own report lists overrides that match nothing; here they only need applying.
        records, _ = apply_overrides(records, load_overrides(args.overrides))
        records = [after_overrides(r) if r.get("corrected") else r for r in records]
    except OverridesError as err:
        for line in err.errors:
            print(line, file=sys.stderr)
        return 2
    items = review_items(records)
    if args.csv:
        write_review_csv(records, args.csv)
    shown = items[: args.limit] if args.limit > 0 else items
    if sys.stdout.isatty():
        _print_table(shown)
    else:
        print("score\tid\tissues\ttitle")
        for item in shown:
            print(f"{item['score']}\t{item['id']}\t{' | '.join(item['issues'])}\t{item['title']}")
    more = f"; the first {len(shown)} shown" if len(shown) < len(items) else ""
    print(f"{len(items)} of {len(records)} articles need a look{more}"
          + (f"; list written to {args.csv}" if args.csv else ""))
    return 0


def _print_table(items: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, header_style="bold")
    table.add_column("score", justify="right")
    table.add_column("article")
    table.add_column("what to check")
    for item in items:
        # Text(), not markup: titles and warnings are article text and may hold [brackets].
        article = Text()
        article.append(item["id"], style="bold")
        if item["title"]:
            article.append("\n" + item["title"])
        table.add_row(str(item["score"]), article, Text("\n".join(item["issues"])))
    Console().print(table)
