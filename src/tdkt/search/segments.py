"""The index as segments, so that adding, editing or removing one article costs milliseconds, not a
rebuild (issue 14). As in Lucene and Tantivy, segments never change once written:

- the base segment holds the articles of the last full build (or merge);
- the delta segment holds every article added or changed since, and is written again on each
  update (it is small); an article edited or removed since the base is marked deleted in the base;
- when the delta (plus the base's deletions) grows past a bound, the two are merged: a new base
  from all the articles, no delta.

The manifest (<site>/tim-kiem/index/meta.json) lists the segments, the base's deleted doc ids,
where each delta doc falls in the base's date order (so the merged order is the order a full build
gives), and the facet values of the live articles. The browser reads every segment and answers
exactly as it would from one full build of the same articles: the same results, order, counts and
snippets (scores use the live documents' counts).

The state lives in `state_dir` (build/, kept between builds): state.json (the base's and the
delta's articles: identity, digest, order) and segments/<name>/ (the files). The site is built
fresh each time, so the segments go into it as hard links (a copy where linking fails): one
updated article writes its delta segment, links the rest and writes the manifest.
Deterministic: the same sequence of builds gives the same bytes (segment names are digests of
what they hold).
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from tdkt.model import UNIT_LEVELS
from tdkt.search.segment import (
    AWARD_IDS,
    DOCS_PER_DIR,
    FACETS,
    Jobs,
    facet_value,
    sorted_values,
    write_segment,
)
from tdkt.search.store import ARTICLE_LEVEL, Compressor, dictionary_sample, train_dictionary
from tdkt.search.terms import entry_key, entry_of, order_key, record_digest, record_key
from tdkt.taxonomy import AWARD_TYPES, UNIT_LEVEL_LABELS
from tdkt.text import slugify

INDEX_DIR = "tim-kiem/index"
ASSETS = Path(__file__).resolve().parent / "assets"
ASSETS_DIR = "assets/search"
FORMAT = 2
STATE_FILE = "state.json"
# Merge when the delta holds more articles than this (plus the base's deleted ones): rewriting the
# delta costs ~1-3 ms per article in it, a merge costs a full index build. A small base merges
# sooner (a tenth of it, at least MIN_DELTA): its full build is cheap.
MAX_DELTA = 500
MIN_DELTA = 50
_FACET_KEYS = {"tinh": "province", "nam": "year", "khen": "award", "cap": "level"}


def install_browser_module(site_dir: Path) -> None:
    """The search page's scripts and stylesheet, into <site>/assets/search/ (the page links them there)."""
    target = Path(site_dir) / ASSETS_DIR
    target.mkdir(parents=True, exist_ok=True)
    for asset in sorted(ASSETS.iterdir()):
        if asset.is_file():
            shutil.copyfile(asset, target / asset.name)


def _digest(*parts) -> str:
    return hashlib.blake2b(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode("utf-8"), digest_size=8).hexdigest()


def _facet_values(entry: dict) -> list:
    """[province group, year] of an article: the facets whose values depend on the corpus."""
    return [facet_value(entry, "tinh"), facet_value(entry, "nam")]


def _facets(values: list[list]) -> dict:
    """The facet values of the live articles ([group, year] each), as the search page lists them."""
    facets = {}
    for n, key in enumerate(("tinh", "nam")):
        found = sorted_values(key, [v[n] for v in values if v[n] is not None])
        facets[key] = {"key": _FACET_KEYS[key], "values": found, "multi": False,
                       "slugs": [slugify(v) for v in found] if key == "tinh" else found, "labels": found}
    facets["khen"] = {"key": "award", "values": list(AWARD_IDS), "multi": True, "slugs": list(AWARD_IDS),
                      "labels": [AWARD_TYPES[a] for a in AWARD_IDS]}
    facets["cap"] = {"key": "level", "values": list(UNIT_LEVELS), "multi": False, "slugs": list(UNIT_LEVELS),
                     "labels": [UNIT_LEVEL_LABELS[v] for v in UNIT_LEVELS]}
    return {key: facets[key] for key in FACETS}


def _write_manifest(index_dir: Path, segments: list[dict], live: list[list]) -> dict:
    manifest = {"format": FORMAT, "docs": len(live), "docsPerDir": DOCS_PER_DIR,
                "segments": [{k: v for k, v in s.items() if k != "stats"} for s in segments],
                "facets": _facets(live)}
    manifest["version"] = _digest(manifest)
    data = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    index_dir.mkdir(parents=True, exist_ok=True)
    (index_dir / "meta.json").write_bytes(data)
    return manifest


def _ordered(records, digests) -> tuple[list[dict], list[str], list[dict]]:
    """Entries (without their bodies) in order_key order, newest first, with their records'
    digests and the records themselves in the same order (the bodies are read from them later,
    a run at a time)."""
    triples = sorted(((entry_of(r, body=False), d, r) for r, d in zip(records, digests)),
                     key=lambda triple: order_key(triple[0]))
    return [e for e, _, _ in triples], [d for _, d, _ in triples], [r for _, _, r in triples]


def _new_segment(entries: list[dict], digests: list[str], records: list[dict], parent: Path,
                 compressor: Compressor | None, jobs: Jobs, prefix: str) -> tuple[dict, Compressor]:
    """Write a segment named by what it holds (reused when a folder of that name is there)."""
    def body_of(i: int) -> str:
        return records[i].get("body") or ""

    if compressor is None:
        compressor = Compressor(train_dictionary([body_of(i) for i in dictionary_sample(len(entries))]))
    # the articles' compression level is in the name: a segment written at another level is not
    # taken for this one (a delta over a base kept from before holds its own dict.bin, so may differ)
    name = prefix + _digest(FORMAT, compressor.name, ARTICLE_LEVEL, [entry_key(e) for e in entries], digests)
    folder = parent / name
    info_file = parent / f"{name}.json"
    if folder.is_dir() and info_file.is_file():
        info = json.loads(info_file.read_text(encoding="utf-8"))
    else:
        partial = parent / f"{name}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        info = write_segment(entries, partial, compressor, jobs, body_of)
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)
        info_file.write_text(json.dumps(info, sort_keys=True), encoding="utf-8")
    return {"name": name, **info}, compressor


def build_index(records, site_dir: Path, jobs: Jobs = None) -> dict:
    """Write the whole index of `records` as one segment under site_dir/tim-kiem/index/, and the
    browser module; return its stats. No state: every call builds everything. Same records in any
    order, any `jobs` -> same bytes."""
    site_dir = Path(site_dir)
    install_browser_module(site_dir)
    out = site_dir / INDEX_DIR
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    records = list(records)
    entries, digests, records = _ordered(records, map(record_digest, records))
    segment, _ = _new_segment(entries, digests, records, out, None, jobs, "s")
    (out / f"{segment['name']}.json").unlink()
    _write_manifest(out, [segment], [_facet_values(e) for e in entries])
    return _stats("full", [segment], len(entries), 0, 0)


def _stats(mode: str, segments: list[dict], live: int, delta: int, deleted: int) -> dict:
    stats = {"mode": mode, "docs": live, "delta_docs": delta, "deleted_docs": deleted,
             "segments": [s["name"] for s in segments]}
    for key in ("terms", "postings_bytes", "docs_bytes", "columns_bytes", "dict_bytes"):
        stats[key] = sum(s["stats"][key] for s in segments)
    stats["max_shard_bytes"] = max((s["stats"]["max_shard_bytes"] for s in segments), default=0)
    stats["bytes"] = sum(stats[k] for k in ("postings_bytes", "docs_bytes", "columns_bytes", "dict_bytes"))
    return stats


def _link_tree(source: Path, target: Path) -> None:
    """Hard links of every file of `source` under `target` (a copy where linking fails). GNU cp
    links a tree ~2x faster than a loop of os.link (0.04 s for 6,000 files)."""
    if not target.exists() and shutil.which("cp"):
        done = subprocess.run(["cp", "-al", "--", str(source), str(target)], capture_output=True, check=False)
        if done.returncode == 0:
            return
        shutil.rmtree(target, ignore_errors=True)
    _link_files(source, target)


def _link_files(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    with os.scandir(source) as found:
        for item in found:
            if item.is_dir(follow_symlinks=False):
                _link_files(Path(item.path), target / item.name)
            else:
                try:
                    os.link(item.path, target / item.name)
                except OSError:
                    shutil.copy2(item.path, target / item.name)


def _load_state(state_dir: Path) -> dict | None:
    try:
        state = json.loads((state_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if state.get("format") != FORMAT:
        return None
    for name in (state["base"]["name"], (state.get("delta") or {}).get("name")):
        if name and not (state_dir / "segments" / name).is_dir():
            return None
    return state


def update_index(records, site_dir: Path, state_dir: Path, jobs: Jobs = None,
                 max_delta: int = MAX_DELTA, body_digest=None, digests: list[str] | None = None) -> dict:
    """Write the index of `records` into site_dir/tim-kiem/index/ (and the browser module),
    reusing what state_dir holds from the last call: only articles added or changed since the last
    merge are indexed again (into the delta segment). Returns stats with "mode": "full" (no usable
    state), "merge" (the delta outgrew its bound: max_delta, or a tenth of a smaller base, at least
    MIN_DELTA), "delta" or "unchanged".

    Which articles changed is decided by a digest of each record's fields the index reads
    (terms.record_digest), so the caller passes every record, as for a full build. A caller that
    knows a digest of each record's body without reading it passes `body_digest(record) -> str`:
    then an unchanged article's body is never read (else it is hashed, ~13 us an article). A
    caller that already holds a digest of each whole record (tdkt build's store keeps one) passes
    them instead, in the records' order (`digests`): each must change whenever anything of its
    record changes; then nothing of the records is hashed here (record_digest took ~0.2 s at
    20,000 articles, on the critical path of a one-article build)."""
    site_dir, state_dir = Path(site_dir), Path(state_dir)
    install_browser_module(site_dir)
    segments_dir = state_dir / "segments"
    segments_dir.mkdir(parents=True, exist_ok=True)
    records = list(records)
    if digests is None:
        digests = [record_digest(r, body_digest) for r in records]
    elif len(digests) != len(records):
        raise ValueError(f"{len(digests)} digests for {len(records)} records")
    state = _load_state(state_dir)

    mode, delta, deleted = "full", [], []
    if state is not None:
        current = {record_key(r): d for r, d in zip(records, digests)}
        base_docs = state["base"]["docs"]  # [date, page, id, digest, group, year] in base order
        deleted = [i for i, doc in enumerate(base_docs) if current.get(f"{doc[1]}\x00{doc[2]}") != doc[3]]
        gone = set(deleted)
        live_base = {f"{doc[1]}\x00{doc[2]}" for i, doc in enumerate(base_docs) if i not in gone}
        delta = [(r, d) for r, d in zip(records, digests) if record_key(r) not in live_base]
        mode = "unchanged" if not delta and not deleted else "delta"
        if len(delta) + len(deleted) > min(max_delta, max(MIN_DELTA, len(base_docs) // 10)):
            mode = "merge"

    if mode in ("full", "merge"):
        entries, digests, records = _ordered(records, digests)
        base_segment, compressor = _new_segment(entries, digests, records, segments_dir, None, jobs, "s")
        docs = [[e["date"], e["page"], e["id"], d, *_facet_values(e)] for e, d in zip(entries, digests)]
        state = {"format": FORMAT, "base": {"name": base_segment["name"], "docs": docs}}
        segments, live, deleted, delta_count = [base_segment], [doc[4:] for doc in docs], [], 0
    else:
        base = state["base"]
        base_segment = {"name": base["name"],
                        **json.loads((segments_dir / f"{base['name']}.json").read_text(encoding="utf-8"))}
        segments = [dict(base_segment, deleted=deleted) if deleted else base_segment]
        gone = set(deleted)
        live = [doc[4:] for i, doc in enumerate(base["docs"]) if i not in gone]
        state.pop("delta", None)
        delta_count = len(delta)
        if delta:
            entries, digests, ordered = _ordered([r for r, _ in delta], [d for _, d in delta])
            compressor = _compressor_of((segments_dir / base["name"] / "dict.bin").read_bytes(), base_segment)
            segment, _ = _new_segment(entries, digests, ordered, segments_dir, compressor, jobs, "d")
            def key(doc: list) -> tuple:
                return order_key({"date": doc[0], "page": doc[1], "id": doc[2]})

            segment["insertAt"] = [bisect.bisect_left(base["docs"], order_key(e), key=key) for e in entries]
            segments.append(segment)
            state["delta"] = {"name": segment["name"]}
            live += [_facet_values(e) for e in entries]

    _save_state(state_dir, state)
    _forget_other_segments(segments_dir, {s["name"] for s in segments})
    out = site_dir / INDEX_DIR
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for segment in segments:
        _link_tree(segments_dir / segment["name"], out / segment["name"])
    _write_manifest(out, segments, live)
    return _stats(mode, segments, len(live), delta_count, len(deleted))


def _compressor_of(prefix: bytes, segment: dict) -> Compressor:
    """The base's compressor again, from its dictionary's stream (dict.bin holds it compressed)."""
    import zlib

    dictionary = zlib.decompressobj(-15).decompress(prefix)  # an open stream: no final block
    compressor = Compressor(dictionary)
    if compressor.name != segment["dict"] or len(dictionary) != segment["dictBytes"]:
        raise ValueError(f"search index state: the dictionary of segment {segment['name']} does not match")
    return compressor


def _save_state(state_dir: Path, state: dict) -> None:
    data = json.dumps(state, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    partial = state_dir / (STATE_FILE + ".partial")
    partial.write_bytes(data)
    partial.replace(state_dir / STATE_FILE)


def _forget_other_segments(segments_dir: Path, keep: set[str]) -> None:
    """Segments no longer in use go (a site built before still holds its own hard links)."""
    for item in sorted(segments_dir.iterdir()):
        name = item.name.removesuffix(".json").removesuffix(".partial")
        if name not in keep:
            if item.is_dir():
                shutil.rmtree(item)
            else:
                item.unlink()
