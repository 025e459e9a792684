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
from pathlib import Path

from tdkt.model import UNIT_LEVELS
from tdkt.search.segment import AWARD_IDS, FACETS, DOCS_PER_DIR, facet_value, sorted_values, write_segment
from tdkt.search.store import Compressor, train_dictionary
from tdkt.search.terms import entry_digest, entry_key, entry_of, order_key
from tdkt.taxonomy import AWARD_TYPES, UNIT_LEVEL_LABELS
from tdkt.text import slugify

INDEX_DIR = "tim-kiem/index"
ASSETS = Path(__file__).resolve().parent / "assets"
ASSETS_DIR = "assets/search"
FORMAT = 2
STATE_FILE = "state.json"
# Merge when the delta holds more articles than this (plus the base's deleted ones): rewriting the
# delta costs ~1 ms per article in it, a merge costs a full index build.
MAX_DELTA = 500
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


def _facets(entries: list[dict]) -> dict:
    """The facet values of these (live) articles, as the search page lists them."""
    facets = {}
    for key in ("tinh", "nam"):
        values = sorted_values(key, [v for e in entries if (v := facet_value(e, key)) is not None])
        facets[key] = {"key": _FACET_KEYS[key], "values": values, "multi": False,
                       "slugs": [slugify(v) for v in values] if key == "tinh" else values, "labels": values}
    facets["khen"] = {"key": "award", "values": list(AWARD_IDS), "multi": True, "slugs": list(AWARD_IDS),
                      "labels": [AWARD_TYPES[a] for a in AWARD_IDS]}
    facets["cap"] = {"key": "level", "values": list(UNIT_LEVELS), "multi": False, "slugs": list(UNIT_LEVELS),
                     "labels": [UNIT_LEVEL_LABELS[v] for v in UNIT_LEVELS]}
    return {key: facets[key] for key in FACETS}


def _write_manifest(index_dir: Path, segments: list[dict], live: list[dict]) -> dict:
    manifest = {"format": FORMAT, "docs": len(live), "docsPerDir": DOCS_PER_DIR,
                "segments": [{k: v for k, v in s.items() if k != "stats"} for s in segments],
                "facets": _facets(live)}
    manifest["version"] = _digest(manifest)
    data = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    index_dir.mkdir(parents=True, exist_ok=True)
    (index_dir / "meta.json").write_bytes(data)
    return manifest


def _ordered(records) -> tuple[list[dict], list[str]]:
    entries = sorted((entry_of(r) for r in records), key=order_key)
    return entries, [entry_digest(e) for e in entries]


def _new_segment(entries: list[dict], digests: list[str], parent: Path, compressor: Compressor | None,
                 jobs: int | None, prefix: str) -> tuple[dict, Compressor]:
    """Write a segment named by what it holds (reused when a folder of that name is there)."""
    if compressor is None:
        compressor = Compressor(train_dictionary([e["body"] for e in entries]))
    name = prefix + _digest(FORMAT, compressor.name, [entry_key(e) for e in entries], digests)
    folder = parent / name
    info_file = parent / f"{name}.json"
    if folder.is_dir() and info_file.is_file():
        info = json.loads(info_file.read_text(encoding="utf-8"))
    else:
        partial = parent / f"{name}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        info = write_segment(entries, partial, compressor, jobs)
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)
        info_file.write_text(json.dumps(info, sort_keys=True), encoding="utf-8")
    return {"name": name, **info}, compressor


def build_index(records, site_dir: Path, jobs: int | None = None) -> dict:
    """Write the whole index of `records` as one segment under site_dir/tim-kiem/index/, and the
    browser module; return its stats. No state: every call builds everything. Same records in any
    order, any `jobs` -> same bytes."""
    site_dir = Path(site_dir)
    install_browser_module(site_dir)
    out = site_dir / INDEX_DIR
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    entries, digests = _ordered(records)
    segment, _ = _new_segment(entries, digests, out, None, jobs, "s")
    (out / f"{segment['name']}.json").unlink()
    _write_manifest(out, [segment], entries)
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
    """Hard links of every file of `source` under `target` (a copy where linking fails)."""
    target.mkdir(parents=True, exist_ok=True)
    with os.scandir(source) as found:
        for item in found:
            if item.is_dir(follow_symlinks=False):
                _link_tree(Path(item.path), target / item.name)
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


def update_index(records, site_dir: Path, state_dir: Path, jobs: int | None = None,
                 max_delta: int = MAX_DELTA) -> dict:
    """Write the index of `records` into site_dir/tim-kiem/index/ (and the browser module),
    reusing what state_dir holds from the last call: only articles added or changed since the last
    merge are indexed again (into the delta segment). Returns stats with "mode": "full" (no usable
    state), "merge" (the delta outgrew max_delta), "delta" or "unchanged".

    Which articles changed is decided by digests of what the index holds of each (entry_digest),
    so the caller passes every record, as for a full build."""
    site_dir, state_dir = Path(site_dir), Path(state_dir)
    install_browser_module(site_dir)
    segments_dir = state_dir / "segments"
    segments_dir.mkdir(parents=True, exist_ok=True)
    entries, digests = _ordered(records)
    state = _load_state(state_dir)

    mode, delta_entries, deleted = "full", [], []
    if state is not None:
        current = {entry_key(e): d for e, d in zip(entries, digests)}
        base = state["base"]
        base_keys = [f"{page}\x00{doc_id}" for _, page, doc_id in base["order"]]
        deleted = [i for i, (key, digest) in enumerate(zip(base_keys, base["digests"])) if current.get(key) != digest]
        live_base = set(base_keys).difference(base_keys[i] for i in deleted)
        # entries are in order already, so the delta is too
        delta_entries = [(e, d) for e, d in zip(entries, digests) if entry_key(e) not in live_base]
        mode = "unchanged" if not delta_entries and not deleted else "delta"
        if len(delta_entries) + len(deleted) > max_delta:
            mode = "merge"

    if mode in ("full", "merge"):
        base_segment, compressor = _new_segment(entries, digests, segments_dir, None, jobs, "s")
        state = {"format": FORMAT, "base": {"name": base_segment["name"], "digests": digests,
                                            "order": [[e["date"], e["page"], e["id"]] for e in entries]}}
        segments, delta_count, deleted = [base_segment], 0, []
    else:
        base = state["base"]
        base_segment = {"name": base["name"],
                        **json.loads((segments_dir / f"{base['name']}.json").read_text(encoding="utf-8"))}
        segments = [dict(base_segment, deleted=deleted) if deleted else base_segment]
        delta_count = len(delta_entries)
        state.pop("delta", None)
        if delta_entries:
            dictionary = (segments_dir / base["name"] / "dict.bin").read_bytes()
            compressor = _compressor_of(dictionary, base_segment)
            delta, _ = _new_segment([e for e, _ in delta_entries], [d for _, d in delta_entries], segments_dir,
                                    compressor, jobs, "d")
            base_order = [order_key({"date": d, "page": p, "id": i}) for d, p, i in base["order"]]
            delta["insertAt"] = [bisect.bisect_left(base_order, order_key(e)) for e, _ in delta_entries]
            segments.append(delta)
            state["delta"] = {"name": delta["name"]}

    _save_state(state_dir, state)
    _forget_other_segments(segments_dir, {s["name"] for s in segments})
    out = site_dir / INDEX_DIR
    shutil.rmtree(out, ignore_errors=True)
    for segment in segments:
        _link_tree(segments_dir / segment["name"], out / segment["name"])
    _write_manifest(out, segments, entries)
    return _stats(mode, segments, len(entries), delta_count, len(deleted))


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
