"""`tdkt extract` and `tdkt eval` end to end: real ingest, clean and extract on the sample articles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tdkt.cli import main
from tdkt.model import CONTRACT_KEYS
from tdkt.extract.pipeline import extract_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "corpus").glob("*.txt"))


def run_cli(capsys, *argv: str) -> tuple[int, list[dict], str]:
    status = main(["extract", *argv])
    captured = capsys.readouterr()
    return status, [json.loads(line) for line in captured.out.splitlines()], captured.err


def test_one_json_line_per_sample_in_contract_order(capsys):
    status, records, err = run_cli(capsys, *map(str, SAMPLES))
    assert status == 0 and err == ""
    assert len(records) == len(SAMPLES)
    for record in records:
        assert list(record)[:len(CONTRACT_KEYS)] == list(CONTRACT_KEYS)
        assert set(record["found_by"]) >= {"event_date", "unit", "province"}
    assert records[0]["id"] == "000-77d6f8265ff694e6"
    assert records[0]["province"] == {"name": "Hà Tĩnh", "current": "Hà Tĩnh"}


def test_output_is_utf8_not_escaped_and_deterministic():
    command = [sys.executable, "-m", "tdkt", "extract", *map(str, SAMPLES[:2])]
    first = subprocess.run(command, capture_output=True, check=True, cwd=ROOT).stdout
    second = subprocess.run(command, capture_output=True, check=True, cwd=ROOT).stdout
    assert first == second
    assert "Quỳnh Phụ".encode() in first and b"\\u" not in first


def test_bad_inputs_are_refused_one_line_each_and_the_rest_go_through(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"
    status, records, err = run_cli(capsys, str(empty), str(SAMPLES[0]), str(binary), str(missing))
    assert status == 1
    assert [r["id"] for r in records] == ["000-77d6f8265ff694e6"]
    lines = err.strip().splitlines()
    assert len(lines) == 3
    for line, path in zip(lines, (empty, binary, missing)):
        assert line.startswith(f"tdkt: {path}: ") and len(line) > len(f"tdkt: {path}: ")


def test_explain_lists_the_cleaners_removals_on_stderr(capsys):
    status, records, err = run_cli(capsys, "--explain", str(SAMPLES[1]))
    assert status == 0 and len(records) == 1
    assert str(SAMPLES[1]) in err
    assert "A- A A+" in err          # the font-size widget the cleaner took out


def test_ids_and_sources_are_relative_to_the_corpus_root():
    record = extract_file(SAMPLES[2], corpus_root=ROOT)
    assert record["source"] == "corpus/002_8a7a1be3d6bbb5db.txt"
    assert record["id"] == "corpus-002-8a7a1be3d6bbb5db"
    assert extract_file(SAMPLES[2])["id"] == "002-8a7a1be3d6bbb5db"


def test_sidecar_provenance_and_overrides(tmp_path):
    article = tmp_path / "bai.txt"
    article.write_text(SAMPLES[3].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bai.json").write_text(json.dumps(
        {"url": "https://hanam.gov.vn/bai", "overrides": {"title": "Tiêu đề do biên tập viên sửa"}}), encoding="utf-8")
    record = extract_file(article, corpus_root=tmp_path)
    assert record["url"] == "https://hanam.gov.vn/bai"
    assert record["title"] == "Tiêu đề do biên tập viên sửa"
    assert record["found_by"]["title"] == "override"


def test_eval_prints_scores_and_json(capsys):
    gold = ROOT / "tests" / "gold" / "samples.jsonl"
    assert main(["eval", str(gold)]) == 0
    text = capsys.readouterr().out
    assert "province" in text and "award types F1" in text
    assert main(["eval", str(gold), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["articles"] == 5 and report["accuracy"]["province"] == 1.0


_FORKED_WORKER = """
import os, sys
from pathlib import Path
from tdkt import places
from tdkt.extract.pipeline import extract_file, warm_up
if sys.argv[1] == "warm":
    warm_up()
pid = os.fork()
if pid == 0:
    loads = lambda: sum(f.cache_info().misses for f in (places._tables, places._communes))
    before = loads()
    for path in sys.argv[2:]:
        extract_file(Path(path))
    os._exit(0 if loads() == before else 3)
print("no reads" if os.waitpid(pid, 0)[1] == 0 else "read the gazetteer")
"""


def test_workers_forked_after_warm_up_read_no_gazetteer():
    """build forks its extraction workers: warmed up first, none of them reads the gazetteer again."""
    def worker(mode: str) -> str:
        return subprocess.run([sys.executable, "-c", _FORKED_WORKER, mode, *map(str, SAMPLES)],
                              capture_output=True, text=True, check=True).stdout.strip()

    assert worker("cold") == "read the gazetteer"
    assert worker("warm") == "no reads"


def _write_gold(folder: Path, records: list[tuple[str, str, dict]]) -> Path:
    """A gold file in `folder` with one invented article per (file name, text, labels)."""
    lines = []
    for name, text, labels in records:
        (folder / name).write_text(text, encoding="utf-8")
        lines.append(json.dumps({"file": name, **labels}, ensure_ascii=False))
    gold = folder / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return gold


def test_eval_without_url_reads_the_text_only_and_reports_province_precision(tmp_path, capsys):
    from tdkt.extract.evaluate import evaluate

    unnamed = ("Sáng 10/1, UBND tỉnh tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 "
               "và phát động phong trào thi đua năm 2024. Dự hội nghị có lãnh đạo các sở, ngành.")
    named = ("Chiều 12/1, UBND huyện Hải Hậu tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng "
             "năm 2023. Hội nghị đã khen thưởng nhiều tập thể, cá nhân.")
    gold = _write_gold(tmp_path, [
        ("a.txt", unnamed, {"url": "https://baonamdinh.vn/tin/a.html", "province": "Nam Định"}),
        ("b.txt", named, {"url": None, "province": "Thái Bình"}),   # labelled wrong on purpose
    ])
    with_url = evaluate(gold)
    text_only = evaluate(gold, use_url=False)
    assert with_url["accuracy"]["province"] == 0.5
    assert with_url["province_precision"] == {"precision": 0.5, "named": 2, "right": 1}
    # Without the outlet, the province of a.txt is unknown: one article named, and it is wrong.
    assert text_only["accuracy"]["province"] == 0.0
    assert text_only["province_precision"] == {"precision": 0.0, "named": 1, "right": 0}
    assert main(["eval", str(gold), "--no-url"]) == 0
    line = next(l for l in capsys.readouterr().out.splitlines() if l.startswith("province"))
    assert line.split()[:4] == ["province", "0.000", "precision", "0.000"]


def test_eval_takes_the_gazetteers_name_of_a_province(tmp_path):
    from tdkt.extract.evaluate import evaluate

    text = ("Sáng 5/1, UBND Quận 3, TP Hồ Chí Minh tổ chức Hội nghị tổng kết phong trào thi đua năm 2023.")
    gold = _write_gold(tmp_path, [("a.txt", text, {"province": "TP Hồ Chí Minh"})])
    assert evaluate(gold, use_url=False)["accuracy"]["province"] == 1.0
