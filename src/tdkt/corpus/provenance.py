"""Provenance of an article file: the `NAME.json` sidecar beside it or the YAML front matter at its
top, giving the page's `url`, when it was `fetched`, and the editor's `overrides` of any field.
Checked whole: a broken sidecar or front matter is refused with one line naming what is wrong.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import yaml

from tdkt.model import CONTRACT_KEYS, UNIT_LEVELS, InputError
from tdkt.text import normalize

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_http(url: str) -> bool:
    return bool(re.match(r"^https?://[^\s/]+", url))


def _check_override(key: str, value, where: str, source: str) -> None:
    def bad(expected: str):
        raise InputError(source, f"{where}: overrides.{key} must be {expected}, not {type(value).__name__}")

    if value is None:
        return
    if key in ("title", "display_title", "author", "body", "id"):
        if not isinstance(value, str):
            bad("a string")
    elif key == "url":
        if not isinstance(value, str) or not is_http(value):
            bad("an http(s) URL")
    elif key in ("event_date", "published_date"):
        if isinstance(value, dt.date):
            return
        if not isinstance(value, str) or not _ISO_DATE.match(value):
            bad("an ISO date YYYY-MM-DD")
    elif key in ("reviewed_year", "campaign_year"):
        if isinstance(value, bool) or not isinstance(value, int):
            bad("a year (integer)")
    elif key == "unit":
        if not isinstance(value, dict):
            bad("an object {name, level}")
        if value.get("level") is not None and value.get("level") not in UNIT_LEVELS:
            raise InputError(source, f"{where}: overrides.unit.level must be one of {', '.join(UNIT_LEVELS)}")
    elif key == "province":
        if not isinstance(value, (dict, str)):
            bad("an object {name, current} or a name")
    elif key in ("awards", "officials", "warnings"):
        if not isinstance(value, list):
            bad("a list")


def parse_provenance(data, where: str, source: str) -> tuple[str | None, str | None, dict, list[str]]:
    """A sidecar / front-matter mapping -> (url, fetched, overrides, ignored keys); InputError if wrong."""
    if not isinstance(data, dict):
        raise InputError(source, f"{where}: must be an object with url, fetched, overrides")
    ignored = sorted(str(k) for k in data if k not in ("url", "fetched", "overrides"))
    url, fetched, overrides = data.get("url"), data.get("fetched"), data.get("overrides") or {}
    if url is not None and (not isinstance(url, str) or not is_http(url)):
        raise InputError(source, f"{where}: url must be an http(s) URL")
    if isinstance(fetched, (dt.date, dt.datetime)):
        fetched = fetched.isoformat()
    if fetched is not None:
        if not isinstance(fetched, str):
            raise InputError(source, f"{where}: fetched must be an ISO date, not {type(fetched).__name__}")
        try:
            dt.datetime.fromisoformat(fetched.replace("Z", "+00:00"))
        except ValueError:
            raise InputError(source, f"{where}: fetched must be an ISO date, not {fetched[:40]!r}") from None
    if not isinstance(overrides, dict):
        raise InputError(source, f"{where}: overrides must be an object, not {type(overrides).__name__}")
    kept = {}
    for key, value in overrides.items():
        if key not in CONTRACT_KEYS or key in ("source",):
            ignored.append(f"overrides.{key}")
            continue
        _check_override(key, value, where, source)
        if key in ("title", "display_title", "author", "body") and isinstance(value, str):
            # the editor's text is shown like the article's: one spelling, no bidi override
            value = normalize(value).strip()
        kept[key] = value.isoformat() if isinstance(value, dt.date) else value
    return url, fetched, kept, ignored


def split_front_matter(text: str, source: str) -> tuple[str, dict | None]:
    """Text -> (text without front matter, parsed mapping or None)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, None
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise InputError(source, f"front matter is not valid YAML{where}") from None
    if not isinstance(data, dict):
        # a leading rule line in the text itself, not front matter
        return text, None
    return text[match.end():], data


def read_sidecar(path: Path, source: str) -> dict | None:
    sidecar = path.with_suffix(".json")
    if sidecar == path or not sidecar.exists():
        return None
    name = sidecar.name
    if sidecar.is_dir():
        raise InputError(source, f"sidecar {name} is a directory")
    try:
        raw = sidecar.read_bytes()
    except OSError as err:
        raise InputError(source, f"sidecar {name}: cannot read: {err.strerror or err}") from None
    if len(raw) > 1024 * 1024:
        raise InputError(source, f"sidecar {name}: too large (over 1 MB)")
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(source, f"sidecar {name}: not UTF-8") from None
    except json.JSONDecodeError as err:
        raise InputError(source, f"sidecar {name}: invalid JSON: {err.msg} at line {err.lineno} column {err.colno}") from None
