"""The extraction accuracy gate: no score may drop below tests/eval_baseline.json.

Scored on every gold file in tests/gold/ (the hand-annotated sample articles, the hand-written
trap articles) and, where ../shared is present, on the 48-article dev set. After an improvement,
raise the baseline with:  .venv/bin/python tests/extract/test_eval_gate.py --update
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import SHARED_DEV  # noqa: E402

from tdkt.extract.evaluate import evaluate, headline_scores  # noqa: E402

BASELINE = ROOT / "tests" / "eval_baseline.json"
GOLD_FILES = sorted((ROOT / "tests" / "gold").glob("*.jsonl"))
DEV_GOLD = SHARED_DEV / "gold.jsonl"
TOLERANCE = 1e-6


def _key(gold: Path) -> str:
    return "dev" if gold == DEV_GOLD else gold.relative_to(ROOT).as_posix()


def _scores(gold: Path) -> dict[str, float]:
    report = evaluate(gold)
    assert report["refused"] == [], f"gold articles refused: {report['refused']}"
    return headline_scores(report)


def _check(gold: Path) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    key = _key(gold)
    assert key in baseline, f"no baseline for {key}: run .venv/bin/python tests/extract/test_eval_gate.py --update"
    scores = _scores(gold)
    drops = {name: {"now": scores.get(name, 0.0), "baseline": floor}
             for name, floor in baseline[key].items() if scores.get(name, 0.0) < floor - TOLERANCE}
    assert not drops, f"scores on {key} fell below the baseline: {drops}"


def test_gold_files_exist():
    assert any(g.name == "samples.jsonl" for g in GOLD_FILES)


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda g: g.stem)
def test_scores_on_project_gold_hold(gold):
    _check(gold)


@pytest.mark.skipif(not DEV_GOLD.exists(), reason="../shared/corpus/dev is not present")
def test_scores_on_shared_dev_set_hold():
    _check(DEV_GOLD)


def update() -> None:
    golds = GOLD_FILES + ([DEV_GOLD] if DEV_GOLD.exists() else [])
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    for gold in golds:
        baseline[_key(gold)] = _scores(gold)
    BASELINE.write_text(json.dumps(baseline, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(baseline, indent=1, sort_keys=True))


if __name__ == "__main__" and "--update" in sys.argv:
    update()
