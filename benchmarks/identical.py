"""Does an incremental build serve what a full build of the same corpus serves?

Every file of the two sites must be there in both with the same bytes, except the search index's
(tim-kiem/index/): an incremental build keeps it in segments (a base and a delta with deletions
marked), so its files differ from one full segment; there the question is the answers. Both indexes
are read with tdkt.search.IndexReader (the browser module's logic in Python) and, for each fixed
query, must give the same articles in the same order, with the same stored text (what the result
list and its snippet show), and the same facet values.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

INDEX_DIR = "tim-kiem/index"


def _files(site: Path) -> dict[str, Path]:
    found = {}
    for root, _, names in os.walk(site):
        for name in names:
            path = Path(root) / name
            rel = path.relative_to(site).as_posix()
            if not rel.startswith(INDEX_DIR + "/"):
                found[rel] = path
    return found


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def file_differences(one: Path, other: Path) -> tuple[int, list[str]]:
    """(files compared, the paths outside the search index that differ or are in one site only)."""
    a, b = _files(Path(one)), _files(Path(other))
    differ = sorted(set(a) ^ set(b))
    for rel in sorted(set(a) & set(b)):
        if a[rel].stat().st_size != b[rel].stat().st_size or _digest(a[rel]) != _digest(b[rel]):
            differ.append(rel)
    return len(set(a) | set(b)), sorted(differ)


# Results whose stored doc (headline, page, date, unit, province, officials, text) is compared: the
# first pages of results a reader sees; the order and the pages of all results are compared.
DOCS_COMPARED = 100


def search_answers(site: Path, queries: list[str]) -> dict:
    """What the index answers to each query: the matching pages newest first, those with the words
    side by side, and the first results' stored docs; plus the index's facet values."""
    from tdkt.search import IndexReader

    reader = IndexReader(Path(site))
    answers = {"facets": reader.meta.get("facets")}
    for query in queries:
        ids = reader.matching_ids(query)
        answers[query] = {"pages": [reader.page(i) for i in ids], "in_a_row": reader.in_a_row(query),
                          "docs": [reader.doc(i) for i in ids[:DOCS_COMPARED]]}
    return answers


def compare_sites(incremental: Path, full: Path, queries: list[str]) -> dict:
    """{"identical": bool, "files": compared, "file_differences": [...], "queries": n,
    "search_differences": [queries whose answers differ]}."""
    compared, differences = file_differences(incremental, full)
    ours, theirs = search_answers(incremental, queries), search_answers(full, queries)
    search_differences = [q for q in ours if json.dumps(ours[q], ensure_ascii=False, sort_keys=True)
                          != json.dumps(theirs.get(q), ensure_ascii=False, sort_keys=True)]
    return {"identical": not differences and not search_differences, "files": compared,
            "file_differences": differences[:50], "queries": len(queries),
            "search_differences": search_differences,
            "results": sum(len(v["pages"]) for k, v in ours.items() if k != "facets")}
