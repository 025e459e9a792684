"""Extraction alone, single process: its time per article, and its records to compare byte for byte.

    .venv/bin/python -m benchmarks.extractbench time [--n 1000] [--start 2000] [--profile]
    .venv/bin/python -m benchmarks.extractbench records OUT.jsonl [--n 2000]

`time` extracts N articles of the synthetic corpus (bench-out/corpus-n5000-s0-v2, made by
scripts/bench.py --n 5000) after one to warm up, and prints milliseconds an article, wall and CPU
(CPU time is steadier on a machine other work shares); `--profile` adds cProfile's top functions.
`records` writes one JSON line per input (sorted keys: the record, or the refusal, and what the
cleaner removed) for the sample articles, the gold sets (with and without the gold's url), the
real articles of ../shared/corpus/dev and dev2 where present, and the first N synthetic articles:
two versions of the extractor that write the same file extract the same. The file holds article
text: keep it out of the repository.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from pathlib import Path

from tdkt.corpus.clean import explain
from tdkt.extract.pipeline import clean_file, extract_file, warm_up
from tdkt.model import InputError

ROOT = Path(__file__).resolve().parents[1]
SYNTHETIC = ROOT / "bench-out" / "corpus-n5000-s0-v2"
SHARED = ROOT.parent / "shared" / "corpus"


def _synthetic(n: int, start: int = 0) -> list[Path]:
    paths = sorted(SYNTHETIC.glob("*.txt"))[start:start + n]
    if not paths:
        raise SystemExit(f"no synthetic articles in {SYNTHETIC}: run scripts/bench.py --n 5000 first")
    return paths


def _inputs(n: int) -> list[tuple[Path, Path, str | None]]:
    """(file, corpus root, url handed to the extractor) for every input `records` extracts."""
    inputs = [(path, ROOT / "corpus", None) for path in sorted((ROOT / "corpus").glob("*.txt"))]
    golds = sorted((ROOT / "tests" / "gold").glob("*.jsonl")) + [SHARED / name / "gold.jsonl" for name in ("dev", "dev2")]
    for gold in golds:
        if not gold.exists():
            continue
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                inputs.append((gold.parent / entry["file"], gold.parent, None))
                if entry.get("url"):
                    inputs.append((gold.parent / entry["file"], gold.parent, entry["url"]))
    fixtures = ROOT / "tests" / "corpus" / "fixtures" / "fetch"
    inputs += [(path, fixtures, None) for path in sorted(fixtures.glob("*.html"))]
    return inputs + [(path, SYNTHETIC, None) for path in _synthetic(n)]


def records(out: Path, n: int) -> None:
    with out.open("w", encoding="utf-8") as dest:
        for path, root, url in _inputs(n):
            try:
                line = {"file": str(path.relative_to(ROOT.parent)), "url": url, "record": extract_file(path, root, url),
                        "removed": explain(clean_file(path, root, url).removed)}
            except InputError as err:
                line = {"file": str(path.relative_to(ROOT.parent)), "url": url, "refused": err.reason}
            dest.write(json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n")


def timed(n: int, start: int, profile: bool) -> None:
    paths = _synthetic(n, start)
    warm_up()
    extract_file(paths[0], SYNTHETIC)
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    wall, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        extract_file(path, SYNTHETIC)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    print(f"{len(paths)} articles: {wall / len(paths) * 1000:.2f} ms an article (wall), "
          f"{cpu / len(paths) * 1000:.2f} ms (CPU)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    time_parser = commands.add_parser("time", help="milliseconds an article, single process")
    time_parser.add_argument("--n", type=int, default=1000)
    time_parser.add_argument("--start", type=int, default=2000, help="first synthetic article")
    time_parser.add_argument("--profile", action="store_true")
    records_parser = commands.add_parser("records", help="every fixed input's record, as JSON lines")
    records_parser.add_argument("out", type=Path)
    records_parser.add_argument("--n", type=int, default=2000, help="synthetic articles")
    args = parser.parse_args()
    if args.command == "time":
        timed(args.n, args.start, args.profile)
    else:
        records(args.out, args.n)


if __name__ == "__main__":
    main()
