"""`tdkt eval GOLD.jsonl [FILE...]`: score the extractor against hand-labelled gold records.

Gold format: one JSON object per line, as in ../shared/corpus/dev/gold.jsonl: `file` (relative
to the gold file's folder), `url`, `title`, `event_date`, `published_date`, `unit`, `unit_level`,
`province`, `reviewed_year`, `campaign_year`, `award_types`, `officials` [{name, title}], and
optionally `awards` (full records) and `author`. The gold's `url` is handed to the extractor as
the article's provenance when the file carries none (as a sidecar would); `--no-url` withholds it,
so the extractor reads the text only.

Scores:
- per-field accuracy: exact for dates, years and unit_level; title after normalising spelling and
  spaces; province on the gazetteer's name ("TP Hồ Chí Minh" = "Hồ Chí Minh"), else the folded
  name; unit fuzzy (one folded name contains the other and the
  shorter has at least half the words of the longer; "Ủy ban nhân dân" = "UBND");
  author (only over gold records that have the key): one folded byline contains the other;
- province precision: of the articles where the extractor names a province, the share it names
  right (accuracy counts an abstention on a labelled province as wrong; precision does not);
- award types: micro precision / recall / F1 over the (file, type) pairs;
- officials: micro F1 over (file, folded name) pairs, and over (file, name, title) where the
  titles match fuzzily like units.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from tdkt.model import InputError
from tdkt.text import fold, normalize

FIELDS = ("title", "event_date", "published_date", "unit", "unit_level", "province",
          "reviewed_year", "campaign_year")


def _folded(text: str | None) -> str:
    text = fold(normalize(text or ""))
    text = re.sub(r"\bu[yỷ] ban nhan dan\b", "ubnd", text)
    return " ".join(re.findall(r"\w+", text))


def fuzzy_equal(gold: str | None, predicted: str | None) -> bool:
    """Folded containment either way, the shorter carrying at least half the longer's words."""
    if not gold or not predicted:
        return not gold and not predicted
    a, b = _folded(gold), _folded(predicted)
    if not a or not b:
        return a == b
    short, long_ = sorted((a, b), key=len)
    return f" {short} " in f" {long_} " and len(short.split()) * 2 >= len(long_.split())


def _same_text(gold: str | None, predicted: str | None) -> bool:
    norm = lambda s: " ".join(normalize(s).split()) if s else None  # noqa: E731
    return norm(gold) == norm(predicted)


def field_correct(name: str, gold: dict, predicted: dict) -> bool:
    if name == "unit":
        return fuzzy_equal(gold.get("unit"), (predicted.get("unit") or {}).get("name"))
    if name == "unit_level":
        return gold.get("unit_level") == (predicted.get("unit") or {}).get("level")
    if name == "province":
        return _province_key(gold.get("province")) == _province_key((predicted.get("province") or {}).get("name"))
    if name == "title":
        return _same_text(gold.get("title"), predicted.get("title"))
    if name == "author":
        # A byline is written with or without its labels ("Tin:", "Ảnh:"): one contains the other.
        a, b = _folded(gold.get("author")), _folded(predicted.get("author"))
        return a == b or bool(a and b and (f" {a} " in f" {b} " or f" {b} " in f" {a} "))
    return gold.get(name) == predicted.get(name)


def _province_key(name: str | None) -> str:
    """A province's name as the gazetteer knows it ("TP Hồ Chí Minh" -> "Hồ Chí Minh"), folded."""
    if not name:
        return ""
    from tdkt.places import find_province

    return _folded(find_province(name) or name)


def _prf(true_positive: int, predicted: int, gold: int) -> dict:
    precision = true_positive / predicted if predicted else (1.0 if not gold else 0.0)
    recall = true_positive / gold if gold else (1.0 if not predicted else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "gold": gold, "predicted": predicted, "correct": true_positive}


def _gold_award_types(gold: dict) -> set[str]:
    if "award_types" in gold:
        return set(gold["award_types"])
    return {a["type"] for a in gold.get("awards", [])}


def _official_pairs(gold_officials: list[dict], predicted_officials: list[dict]) -> tuple[int, int]:
    """(names matched, names and titles matched) between two lists of officials."""
    predicted = {_folded(o.get("name")): o.get("title") for o in predicted_officials}
    names = titles = 0
    for official in gold_officials:
        key = _folded(official.get("name"))
        if key in predicted:
            names += 1
            if fuzzy_equal(official.get("title"), predicted[key]):
                titles += 1
    return names, titles


def load_gold(path: Path) -> list[dict]:
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"line {number} is not JSON ({exc.msg})") from None
    return records


def _progress(items: list, show: bool):
    """A transient progress bar on stderr while scoring, only for a person at a terminal."""
    if not show:
        return items
    from rich.console import Console
    from rich.progress import track

    return track(items, description="extracting", transient=True, console=Console(stderr=True))


def evaluate(gold_path: Path, files: list[Path] | None = None, progress: bool = False,
             use_url: bool = True) -> dict:
    """Scores (see the module docstring) and the list of mismatches, as a dict.

    `use_url=False` scores the text alone: the gold's `url` is not handed to the extractor.
    """
    from tdkt.extract.pipeline import extract_file

    gold_path = Path(gold_path)
    root = gold_path.parent
    records = load_gold(gold_path)
    if files:
        wanted = {Path(f).resolve() for f in files} | {Path(f).name for f in files}
        records = [g for g in records
                   if (root / g["file"]).resolve() in wanted or Path(g["file"]).name in wanted]
    correct = {name: 0 for name in FIELDS}
    author_total = author_correct = 0
    awards = [0, 0, 0]          # correct, predicted, gold
    officials = [0, 0, 0, 0]    # names correct, titles correct, predicted, gold
    named = named_right = 0     # articles where the extractor names a province; of those, right
    mismatches: list[dict] = []
    refused: list[str] = []
    for gold in _progress(records, progress):
        path = root / gold["file"]
        try:
            predicted = extract_file(path, root, url=gold.get("url") if use_url else None)
        except InputError as exc:
            refused.append(f"{gold['file']}: {exc.reason}")
            predicted = {}
        if (predicted.get("province") or {}).get("name"):
            named += 1
            named_right += field_correct("province", gold, predicted)
        for name in FIELDS:
            if field_correct(name, gold, predicted):
                correct[name] += 1
            else:
                mismatches.append({"file": gold["file"], "field": name, "gold": gold.get(name),
                                   "predicted": _shown(name, predicted)})
        if "author" in gold:
            author_total += 1
            if field_correct("author", gold, predicted):
                author_correct += 1
            else:
                mismatches.append({"file": gold["file"], "field": "author", "gold": gold["author"],
                                   "predicted": predicted.get("author")})
        gold_types = _gold_award_types(gold)
        predicted_types = {a.get("type") for a in predicted.get("awards", [])}
        awards[0] += len(gold_types & predicted_types)
        awards[1] += len(predicted_types)
        awards[2] += len(gold_types)
        if gold_types != predicted_types:
            mismatches.append({"file": gold["file"], "field": "award_types", "gold": sorted(gold_types),
                               "predicted": sorted(t for t in predicted_types if t)})
        gold_officials = gold.get("officials", [])
        predicted_officials = predicted.get("officials", [])
        names, titles = _official_pairs(gold_officials, predicted_officials)
        officials[0] += names
        officials[1] += titles
        officials[2] += len({_folded(o.get("name")) for o in predicted_officials})
        officials[3] += len(gold_officials)
        if names != len(gold_officials) or names != len(predicted_officials):
            mismatches.append({"file": gold["file"], "field": "officials",
                               "gold": [o.get("name") for o in gold_officials],
                               "predicted": [o.get("name") for o in predicted_officials]})
    total = len(records)
    accuracy = {name: round(correct[name] / total, 4) if total else 0.0 for name in FIELDS}
    if author_total:
        accuracy["author"] = round(author_correct / author_total, 4)
    return {
        "gold": str(gold_path),
        "articles": total,
        "refused": refused,
        "accuracy": accuracy,
        "province_precision": {"precision": round(named_right / named, 4) if named else 1.0,
                               "named": named, "right": named_right},
        "awards": _prf(awards[0], awards[1], awards[2]),
        "officials": _prf(officials[0], officials[2], officials[3]),
        "officials_with_title": _prf(officials[1], officials[2], officials[3]),
        "mismatches": mismatches,
    }


def _shown(name: str, predicted: dict):
    if name == "unit":
        return (predicted.get("unit") or {}).get("name")
    if name == "unit_level":
        return (predicted.get("unit") or {}).get("level")
    if name == "province":
        return (predicted.get("province") or {}).get("name")
    return predicted.get(name)


def headline_scores(report: dict) -> dict[str, float]:
    """The flat scores the evaluation gate holds to its baseline."""
    scores = {f"{name}": value for name, value in report["accuracy"].items()}
    if "province_precision" in report:
        scores["province_precision"] = report["province_precision"]["precision"]
    scores["awards_f1"] = report["awards"]["f1"]
    scores["officials_f1"] = report["officials"]["f1"]
    scores["officials_with_title_f1"] = report["officials_with_title"]["f1"]
    return scores


def format_report(report: dict, show_errors: bool = False) -> str:
    lines = [f"{report['gold']}: {report['articles']} articles, {len(report['refused'])} refused"]
    for reason in report["refused"]:
        lines.append(f"  refused: {reason}")
    lines.append(f"{'field':<28}accuracy")
    for name, value in report["accuracy"].items():
        line = f"{name:<28}{value:.3f}"
        if name == "province" and "province_precision" in report:
            # Beside accuracy: `grep ^province | awk '{print $1, $2, $3, $4}'` keeps both figures.
            p = report["province_precision"]
            line += f"  precision {p['precision']:.3f} ({p['right']} right of {p['named']} named)"
        lines.append(line)
    for key, label in (("awards", "award types"), ("officials", "officials (names)"),
                       ("officials_with_title", "officials (name+title)")):
        s = report[key]
        lines.append(f"{label + ' F1':<28}{s['f1']:.3f}  (P {s['precision']:.3f}, R {s['recall']:.3f}; "
                     f"{s['correct']} of {s['gold']} gold, {s['predicted']} found)")
    if show_errors:
        lines.append("")
        for m in report["mismatches"]:
            lines.append(f"{m['file']}  {m['field']}: gold {m['gold']!r} / got {m['predicted']!r}")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", type=Path, metavar="GOLD.jsonl", help="hand-labelled records")
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="score only these articles (default: every file the gold names)")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument("--errors", action="store_true", help="list every mismatch")
    parser.add_argument("--no-url", action="store_true",
                        help="text only: do not hand the gold's url to the extractor")


def run(args: argparse.Namespace) -> int:
    try:
        report = evaluate(args.gold, args.files or None, progress=sys.stdout.isatty() and sys.stderr.isatty(),
                          use_url=not args.no_url)
    except (InputError, OSError) as exc:
        print(f"tdkt: {args.gold}: {getattr(exc, 'reason', None) or exc}", file=sys.stderr)
        return 1
    try:
        if args.json:
            print(json.dumps(report, ensure_ascii=False, indent=1))
        else:
            print(format_report(report, args.errors))
    except BrokenPipeError:  # `tdkt eval ... | head`
        sys.stdout = open(os.devnull, "w")
    return 0
