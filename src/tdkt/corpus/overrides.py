"""The editor's overrides file: correct any field of any article, or drop an article, with a reason.

`corpus/overrides.yaml`:

    articles:
      000-77d6f8265ff694e6:                # an article id, as in build/articles/<id>.json
        reason: "Tiêu đề theo trang gốc"   # required: shown on the page as "corrected by the editor"
        title: "Thị xã Hồng Lĩnh tổng kết công tác thi đua, khen thưởng năm 2023"
        published_date: 2024-01-13
        province: Hà Tĩnh                  # or {name: ..., current: ...}; current follows from name
        unit: {level: district}            # unit and province: only the keys given change
    drop:
      003-c7d0571150f258ef: "Không phải bài về thi đua, khen thưởng"

The file is checked whole before any of it is used; each problem is one line naming the file,
the article and the field. Overrides are applied on every build, so a re-extraction never undoes
a correction; one that no longer changes anything is reported so the editor can delete it.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

import yaml

from tdkt.model import AWARD_STATUSES, UNIT_LEVELS
from tdkt.taxonomy import AWARD_TYPES

EDITABLE_FIELDS = ("title", "url", "event_date", "published_date", "unit", "province", "reviewed_year",
                   "campaign_year", "awards", "officials", "author", "body")
AWARD_TEXT_KEYS = ("label", "detail", "grade", "authority")
AWARD_COUNT_KEYS = ("collectives", "individuals", "households", "organizations")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HTTP = re.compile(r"^https?://[^\s/]+\S*$")


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as written: PyYAML crashes on 2024-13-01 before we can name it."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


class OverridesError(Exception):
    """The overrides file is wrong; `errors` holds one line per problem."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


class _Problem(Exception):
    """One problem in one value; the caller adds file, article and field."""


def empty_overrides(source: str = "corpus/overrides.yaml") -> dict:
    return {"source": source, "articles": {}, "drop": {}}


# -- checking one value ------------------------------------------------------------------------

def _text(value, what: str = "a text", allow_none: bool = True) -> str | None:
    if value is None and allow_none:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _Problem(f"must be {what}, not {_shown(value)}")
    return value.strip()


def _shown(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, (dict, list)):
        return "a " + ("mapping" if isinstance(value, dict) else "list")
    text = repr(value) if isinstance(value, str) else f"{type(value).__name__} {value!r}"
    return text if len(text) <= 60 else text[:57] + "..."


def _date(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise _Problem(f"bad date {_shown(value)}: write YYYY-MM-DD, e.g. 2024-01-12")


def _year(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1945 <= value <= 2100:
        raise _Problem(f"must be a year such as 2023, not {_shown(value)}")
    return value


def _count(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Problem(f"must be a whole number of recipients, not {_shown(value)}")
    return value


def _mapping(value, allowed: tuple[str, ...], what: str) -> dict:
    if not isinstance(value, dict):
        raise _Problem(f"must be a mapping {{{', '.join(allowed)}}}, not {_shown(value)}")
    unknown = [str(k) for k in value if k not in allowed]
    if unknown:
        raise _Problem(f"unknown key '{unknown[0]}' in {what} (known: {', '.join(allowed)})")
    return value


def _unit(value) -> dict | None:
    if value is None:
        return None
    value = _mapping(value, ("name", "level"), "unit")
    unit = {}
    if "name" in value:
        unit["name"] = _text(value["name"], "the unit's name")
    if "level" in value:
        if value["level"] not in UNIT_LEVELS:
            raise _Problem(f"unknown unit level {_shown(value['level'])} (one of: {', '.join(UNIT_LEVELS)})")
        unit["level"] = value["level"]
    return unit


def _province(value) -> dict | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = {"name": value}
    value = _mapping(value, ("name", "current"), "province")
    places = _places()
    province = {}
    if "name" in value:
        name = _text(value["name"], "a province name")
        if name and places:
            found = places.find_province(name)
            if not found:
                raise _Problem(f"unknown province {_shown(name)} (a province as it was before July 2025)")
            name = found
        province["name"] = name
    if "current" in value:
        current = _text(value["current"], "a province name")
        if current and places:
            known = {_fold(n): n for n in places.current_province_names()}
            key = _fold(re.sub(r"^(tỉnh|thành phố|tp\.?)\s+", "", current, flags=re.I))
            if key not in known:
                raise _Problem(f"unknown province {_shown(current)} (one of the 34 since July 2025)")
            current = known[key]
        province["current"] = current
    elif province.get("name") and places:
        province["current"] = places.province_of(province["name"])
    return province


def _places():
    try:
        from tdkt import places
    except ImportError:  # the gazetteer module is optional to this one: names are then taken as written
        return None
    return places


def _fold(text: str) -> str:
    from tdkt.text import fold, normalize
    return fold(normalize(text)).strip()


def _award(value, index: int) -> dict:
    allowed = ("type", "status", *AWARD_TEXT_KEYS, *AWARD_COUNT_KEYS)
    try:
        value = _mapping(value, allowed, "award")
    except _Problem as problem:
        raise _Problem(f"award {index + 1}: {problem}") from None
    kind = value.get("type")
    if kind not in AWARD_TYPES:
        raise _Problem(f"award {index + 1}: unknown award type {_shown(kind)} (see the ids in domain/awards.md, "
                       f"e.g. {', '.join(list(AWARD_TYPES)[:3])})")
    award = {"type": kind}
    try:
        for key in AWARD_TEXT_KEYS:
            award[key] = _text(value.get(key), f"a text ({key})")
        award["label"] = award["label"] or AWARD_TYPES[kind]
        status = value.get("status", "given")
        if status not in AWARD_STATUSES:
            raise _Problem(f"unknown status {_shown(status)} (one of: {', '.join(AWARD_STATUSES)})")
        award["status"] = status
        for key in AWARD_COUNT_KEYS:
            award[key] = _count(value.get(key))
    except _Problem as problem:
        raise _Problem(f"award {index + 1}: {problem}") from None
    award["rule"] = "override"
    return award


def _official(value, index: int) -> dict:
    try:
        value = _mapping(value, ("name", "title"), "official")
        official = {"name": _text(value.get("name"), "a name", allow_none=False),
                    "title": _text(value.get("title"), "a title")}
    except _Problem as problem:
        raise _Problem(f"official {index + 1}: {problem}") from None
    official["rule"] = "override"
    return official


def _list(value, item) -> list:
    if not isinstance(value, list):
        raise _Problem(f"must be a list, not {_shown(value)}")
    return [item(v, i) for i, v in enumerate(value)]


def check_field(field: str, value):
    """The value as the record holds it, or _Problem."""
    if field == "title":
        return _text(value, "a non-empty title", allow_none=False)
    if field == "body":
        return _text(value, "the article's text", allow_none=False)
    if field == "author":
        return _text(value)
    if field == "url":
        url = _text(value, "an http(s) address")
        if url is not None and not _HTTP.match(url):
            raise _Problem(f"must be an http(s) address, not {_shown(url)}")
        return url
    if field in ("event_date", "published_date"):
        return _date(value)
    if field in ("reviewed_year", "campaign_year"):
        return _year(value)
    if field == "unit":
        return _unit(value)
    if field == "province":
        return _province(value)
    if field == "awards":
        return _list(value, _award)
    if field == "officials":
        return _list(value, _official)
    raise _Problem(f"unknown field (fields that can be corrected: {', '.join(EDITABLE_FIELDS)})")


# -- the file ----------------------------------------------------------------------------------

def parse_overrides(data, source: str) -> dict:
    """A parsed YAML document -> normalised overrides; OverridesError listing every problem."""
    overrides = empty_overrides(source)
    errors: list[str] = []
    if data is None:
        return overrides
    if not isinstance(data, dict):
        raise OverridesError([f"{source}: must be a mapping with 'articles' and/or 'drop', not {_shown(data)}"])
    for key in data:
        if key not in ("articles", "drop"):
            errors.append(f"{source}: unknown section '{key}' (known: articles, drop)")
    articles = data.get("articles") or {}
    drops = data.get("drop") or {}
    if not isinstance(articles, dict):
        errors.append(f"{source}: 'articles' must map article ids to corrections, not {_shown(articles)}")
        articles = {}
    if not isinstance(drops, dict):
        errors.append(f"{source}: 'drop' must map article ids to reasons, not {_shown(drops)}")
        drops = {}

    for raw_id, fields in articles.items():
        article = str(raw_id)
        where = f"{source}: article '{article}'"
        if not isinstance(fields, dict):
            errors.append(f"{where}: must be a mapping of fields to correct and a reason, not {_shown(fields)}")
            continue
        checked: dict = {}
        for field, value in fields.items():
            if field == "reason":
                continue
            try:
                checked[str(field)] = check_field(str(field), value)
            except _Problem as problem:
                errors.append(f"{where}, field '{field}': {problem}")
        reason = fields.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            errors.append(f"{where}: no reason given (add reason: \"...\": readers see it beside the correction)")
        elif not checked and len(fields) == 1:
            errors.append(f"{where}: nothing to correct (name a field, or move the article to 'drop')")
        else:
            checked["reason"] = reason.strip()
        overrides["articles"][article] = checked

    for raw_id, reason in drops.items():
        article = str(raw_id)
        if not isinstance(reason, str) or not reason.strip():
            errors.append(f"{source}: drop '{article}': no reason given (write the id, a colon and why)")
            continue
        if article in overrides["articles"]:
            errors.append(f"{source}: article '{article}' is both corrected and dropped: keep one")
        overrides["drop"][article] = reason.strip()
    if errors:
        raise OverridesError(errors)
    return overrides


def load_overrides(path: Path) -> dict:
    """Read and check the overrides file; no file means no overrides. OverridesError when wrong."""
    path = Path(path)
    source = str(path)
    if not path.exists():
        return empty_overrides(source)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise OverridesError([f"{source}: not UTF-8 text"]) from None
    except OSError as err:
        raise OverridesError([f"{source}: cannot read: {err.strerror or err}"]) from None
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise OverridesError([f"{source}: not valid YAML{where}: {problem}"]) from None
    return parse_overrides(data, source)


# -- applying ----------------------------------------------------------------------------------

def apply_overrides(records: list[dict], overrides: dict) -> tuple[list[dict], list[str]]:
    """(records corrected and without the dropped ones, messages for the build report).

    A corrected record is a new dict: the field replaced (unit and province: only the keys
    given), record["corrected"][field] = reason, record["found_by"][field] = "override".
    Records without overrides are passed through as they are. Messages name overrides for
    articles that do not exist and corrections that no longer change anything.
    """
    source = overrides.get("source", "overrides.yaml")
    articles, drops = overrides.get("articles", {}), overrides.get("drop", {})
    present = {str(r.get("id")) for r in records}
    messages = [f"{source}: article '{a}' does not exist" for a in sorted(set(articles) | set(drops))
                if a not in present]

    result = []
    for record in records:
        article = str(record.get("id"))
        if article in drops:
            continue
        if article not in articles:
            result.append(record)
            continue
        fields = articles[article]
        reason = fields.get("reason", "")
        corrected = copy.deepcopy(record)
        changed = dict(corrected.get("corrected") or {})
        found_by = dict(corrected.get("found_by") or {})
        for field, value in fields.items():
            if field == "reason":
                continue
            old = record.get(field)
            if field in ("unit", "province") and value is not None:
                new = {**(old if isinstance(old, dict) else {}), **copy.deepcopy(value)}
            else:
                new = copy.deepcopy(value)
            if new == old:
                messages.append(f"{source}: article '{article}', field '{field}': the correction changes nothing "
                                "(the extractor agrees now): it can go")
                continue
            corrected[field] = new
            changed[field] = reason
            for key in [k for k in found_by if k.startswith(field + ".")]:
                found_by[key] = "override"
            found_by[field] = "override"
        if changed != (record.get("corrected") or {}):
            corrected["corrected"] = changed
            corrected["found_by"] = found_by
            result.append(corrected)
        else:
            result.append(record)
    return result, messages
