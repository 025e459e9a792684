"""What each browsable field of a record rests on: `evidence` {field: {"source", "confidence"}}.

The site files articles by province, year and unit, and the review list ranks them by doubt; both read
this beside `found_by` (the rule that found each field).

source      what the value rests on
- "text"       the article's own words (its headline, lead, stamps, page metadata)
- "outlet"     the publishing site's address (sidecar, front matter or fetch provenance)
- "sidecar"    metadata stored with the article, not its prose (the store's " date ..." line)
- "gazetteer"  the text names a district or commune; the gazetteer gives its province
- "inferred"   reasoned from other fields (an event's year from the years reviewed, an organiser
               the text implies but does not name)
- "override"   the editor's correction
- "none"       nothing supports a value: the field is null (a warning says why)

confidence: "high" (stated, or two sources agree), "medium" (one indirect source), "low" (a guess
kept with a warning), "none" (null for lack of evidence). A null the text itself settles (a national
body has no province) is {"source": "text", "confidence": "high"}.
"""

from __future__ import annotations

from tdkt.model import EVIDENCE_CONFIDENCES as CONFIDENCES
from tdkt.model import EVIDENCE_FIELDS
from tdkt.model import EVIDENCE_SOURCES as SOURCES
from tdkt.model import PROVINCE_SCOPES

__all__ = ["CONFIDENCES", "EVIDENCE_FIELDS", "PROVINCE_SCOPES", "SOURCES", "after_overrides", "build_evidence"]

NONE = {"source": "none", "confidence": "none"}


def _item(source: str, confidence: str) -> dict[str, str]:
    return {"source": source, "confidence": confidence}


def _event_date(rule: str | None) -> dict[str, str]:
    if not rule:
        return dict(NONE)
    if "latest year named" in rule:
        return _item("inferred", "low")
    if ", year from" in rule or "first working day" in rule:
        return _item("inferred", "medium")
    return _item("text", "high")


def _published(rule: str | None) -> dict[str, str]:
    if not rule:
        return dict(NONE)
    if rule == "stored date marker":
        return _item("sidecar", "high")
    return _item("text", "high" if rule in ("labelled post date", "page metadata") else "medium")


def _unit(rule: str | None, has_name: bool) -> dict[str, str]:
    if not rule:
        return dict(NONE)
    if rule.startswith("no organiser named"):
        return _item("inferred", "medium" if has_name else "low")
    if rule in ("subject of the lead", "subject of the title"):
        return _item("text", "high")
    return _item("text", "medium")


def _year(rule: str | None) -> dict[str, str]:
    if not rule:
        return dict(NONE)
    if rule == "period event":
        return _item("text", "high")          # a period: null by convention, stated by the text
    return _item("text", "high" if "title" in rule or "lead" in rule else "medium")


def build_evidence(record: dict, found_by: dict[str, str], province: dict[str, str]) -> dict[str, dict[str, str]]:
    """The evidence of a record's browsable fields; `province` is the province finding's {source, confidence}."""
    title_rule = found_by.get("title")
    unit = record.get("unit") or {}
    evidence = {
        "title": _item("text", "high") if record.get("title") and title_rule else dict(NONE),
        "event_date": _event_date(found_by.get("event_date") if record.get("event_date") else None),
        "published_date": _published(found_by.get("published_date") if record.get("published_date") else None),
        "unit": _unit(found_by.get("unit") if (unit.get("name") or unit.get("level")) else None,
                      bool(unit.get("name"))),
        "province": dict(province),
        "reviewed_year": _year(found_by.get("reviewed_year") if record.get("reviewed_year") or
                               found_by.get("reviewed_year") == "period event" else None),
        "campaign_year": _year(found_by.get("campaign_year") if record.get("campaign_year") or
                               found_by.get("campaign_year") == "period event" else None),
    }
    return evidence


def after_overrides(record: dict) -> dict:
    """The record's evidence and province scope once the editor's corrections are in (`found_by[field]
    == "override"`, as tdkt.corpus.overrides marks them): those fields rest on the editor; a province the
    editor names makes the scope "province", one the editor empties leaves "central" or "unknown".
    Changes the record in place and returns it."""
    found_by = record.get("found_by") or {}
    evidence = record.setdefault("evidence", {})
    for name in EVIDENCE_FIELDS:
        if found_by.get(name) == "override":
            evidence[name] = _item("override", "high")
    if found_by.get("province") == "override":
        named = bool((record.get("province") or {}).get("name"))
        scope = record.get("province_scope")
        record["province_scope"] = "province" if named else (scope if scope == "central" else "unknown")
    return record
