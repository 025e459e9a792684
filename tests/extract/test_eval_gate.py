"""The extraction accuracy gate: no score may drop below tests/eval_baseline.json.

Scored on every gold file in tests/gold/ (the hand-annotated sample articles, the hand-written
trap articles, the project's held-out sets) and, where ../shared is present, on the real articles
of ../shared/corpus/dev and dev2; each both with the gold's url handed to the extractor (as a sidecar
would) and on the text alone ("(text only)"), since an archive's articles often come without their
address. Province precision (of the articles given a province, the share right) is held as well
as accuracy: a wrong province is worse than an empty one.

After an improvement, raise the baseline with:  .venv/bin/python tests/extract/test_eval_gate.py --update
(or `--update KEY ...` for some of the sets only, e.g. `--update dev "dev (text only)"`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from tdkt.extract.evaluate import evaluate, headline_scores  # noqa: E402

BASELINE = ROOT / "tests" / "eval_baseline.json"
GOLD_FILES = sorted((ROOT / "tests" / "gold").glob("*.jsonl"))
# ../shared is present on developer machines and in CI, but the suite must pass without it.
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
SHARED_SETS = ("dev", "dev2")
TEXT_ONLY = " (text only)"
TOLERANCE = 1e-6


def _shared_gold(name: str) -> Path:
    return SHARED_CORPUS / name / "gold.jsonl"


def _key(gold: Path, use_url: bool = True) -> str:
    name = gold.parent.name if gold.name == "gold.jsonl" and gold.parent.parent == SHARED_CORPUS \
        else gold.relative_to(ROOT).as_posix()
    return name if use_url else name + TEXT_ONLY


def _scores(gold: Path, use_url: bool) -> dict[str, float]:
    report = evaluate(gold, use_url=use_url)
    assert report["refused"] == [], f"gold articles refused: {report['refused']}"
    return headline_scores(report)


def _check(gold: Path, use_url: bool) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    key = _key(gold, use_url)
    assert key in baseline, f"no baseline for {key!r}: run .venv/bin/python tests/extract/test_eval_gate.py --update"
    scores = _scores(gold, use_url)
    drops = {name: {"now": scores.get(name, 0.0), "baseline": floor}
             for name, floor in baseline[key].items() if scores.get(name, 0.0) < floor - TOLERANCE}
    assert not drops, f"scores on {key} fell below the baseline: {drops}"


def test_gold_files_exist():
    assert any(g.name == "samples.jsonl" for g in GOLD_FILES)


@pytest.mark.parametrize("use_url", [True, False], ids=["with-url", "text-only"])
@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda g: g.stem)
def test_scores_on_project_gold_hold(gold, use_url):
    _check(gold, use_url)


@pytest.mark.parametrize("use_url", [True, False], ids=["with-url", "text-only"])
@pytest.mark.parametrize("name", SHARED_SETS)
def test_scores_on_shared_real_articles_hold(name, use_url):
    gold = _shared_gold(name)
    if not gold.exists():
        pytest.skip(f"../shared/corpus/{name} is not present")
    _check(gold, use_url)


def _all_sets() -> list[tuple[Path, bool]]:
    golds = GOLD_FILES + [_shared_gold(n) for n in SHARED_SETS if _shared_gold(n).exists()]
    return [(gold, use_url) for gold in golds for use_url in (True, False)]


def update(keys: list[str] | None = None) -> None:
    """Set the baseline to today's scores, on every set or on the sets named by `keys`."""
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    for gold, use_url in _all_sets():
        key = _key(gold, use_url)
        if keys and key not in keys:
            continue
        baseline[key] = _scores(gold, use_url)
    BASELINE.write_text(json.dumps(baseline, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(baseline, indent=1, sort_keys=True, ensure_ascii=False))


if __name__ == "__main__" and "--update" in sys.argv:
    update(sys.argv[sys.argv.index("--update") + 1:] or None)
