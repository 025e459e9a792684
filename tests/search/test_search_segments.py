"""The index in segments (issue 14): one added, edited or removed article goes into a small delta
segment instead of a rebuild, and the index answers exactly as a full build of the same articles."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest

from benchmarks.searchbench import sample_records, synthetic_records
from tdkt.search import INDEX_DIR, IndexReader, build_index, update_index

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ["Đồ Sơn", "huan chuong lao dong", "Nguyễn Văn", '"phong trào thi đua yêu nước"', "thi dua",
           "khen thuong nam 2019", "Hồng Lĩnh", "Trần Thị", '"Phùng Khắc Tráng"', "tan phuoc khanh"]


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return synthetic_records(sample_records(ROOT / "corpus"), 80, seed=11)


def _answers(site: Path) -> dict:
    """What a reader gets from the index: per query, the matching pages in order, those in a row,
    the stored text of each; the facet values; the live count."""
    reader = IndexReader(site)
    answers = {q: (reader.find(q), reader.in_a_row(q)) for q in QUERIES}
    docs = {reader.page(i): reader.doc(i) for i in reader.order()}
    order = [reader.page(i) for i in reader.order()]
    return {"answers": answers, "docs": docs, "order": order, "facets": reader.meta["facets"],
            "docs_count": reader.meta["docs"]}


def _full(records: list[dict], tmp_path: Path, name: str) -> dict:
    site = tmp_path / name
    build_index(records, site, jobs=1)
    return _answers(site)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _edited(record: dict, body_tail: str) -> dict:
    changed = copy.deepcopy(record)
    changed["body"] += "\n\n" + body_tail
    return changed


def _new_article(corpus: list[dict], i: int) -> dict:
    record = copy.deepcopy(corpus[i % len(corpus)])
    record.update(id=f"new{i}", page=f"bai-viet/2025/moi-{i}/", event_date=f"2019-05-0{1 + i % 9}",
                  body="Đồng chí Phùng Khắc Tráng trao Huân chương Lao động hạng Nhì. " + record["body"])
    return record


def test_add_edit_remove_one_article_answers_as_a_full_build(corpus, tmp_path):
    state = tmp_path / "state"
    stats = update_index(corpus, tmp_path / "site0", state, jobs=1)
    assert stats["mode"] == "full" and stats["docs"] == len(corpus)
    assert _answers(tmp_path / "site0") == _full(corpus, tmp_path, "full0")

    steps = []
    added = corpus + [_new_article(corpus, 1)]
    steps.append(("add", added))
    edited = [(_edited(r, "Tặng Bằng khen của Thủ tướng Chính phủ cho Hợp tác xã Tân Phước Khánh.")
               if r["id"] == corpus[5]["id"] else r) for r in added]
    steps.append(("edit", edited))
    removed = [r for r in edited if r["id"] != corpus[9]["id"]]
    steps.append(("remove", removed))
    # the editor's correction of a facet (the province) and of the headline
    corrected = [dict(r, province={"name": "Hà Tĩnh", "current": "Hà Tĩnh"}, title="Tiêu đề đã sửa")
                 if r["id"] == corpus[20]["id"] else r for r in removed]
    steps.append(("override", corrected))
    for n, (what, records) in enumerate(steps, 1):
        site = tmp_path / f"site{n}"
        stats = update_index(records, site, state, jobs=1)
        assert stats["mode"] == "delta", what
        assert _answers(site) == _full(records, tmp_path, f"full{n}"), what
    assert stats["delta_docs"] == 3 and stats["deleted_docs"] == 3  # new, edited, corrected; edited, removed, corrected
    assert _answers(tmp_path / "site4")["answers"]['"Phùng Khắc Tráng"'][0] == ["bai-viet/2025/moi-1/"]
    assert IndexReader(tmp_path / "site4").find("Tân Phước Khánh") == [edited[[r["id"] for r in edited].index(corpus[5]["id"])]["page"]]


def test_an_update_writes_only_the_delta_and_links_the_rest(corpus, tmp_path):
    state = tmp_path / "state"
    update_index(corpus, tmp_path / "site0", state, jobs=1)
    base = json.loads((tmp_path / "site0" / INDEX_DIR / "meta.json").read_text(encoding="utf-8"))["segments"][0]["name"]
    files = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (state / "segments" / base).rglob("*") if p.is_file()}
    stats = update_index(corpus + [_new_article(corpus, 2)], tmp_path / "site1", state, jobs=1)
    assert stats["mode"] == "delta" and stats["delta_docs"] == 1
    # the base segment's files were not written again, and the new site holds them as links
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in files} == files
    linked = tmp_path / "site1" / INDEX_DIR / base
    for path in files:
        twin = linked / path.relative_to(state / "segments" / base)
        assert os.path.samefile(path, twin)
    segments = json.loads((tmp_path / "site1" / INDEX_DIR / "meta.json").read_text(encoding="utf-8"))["segments"]
    assert [s["docs"] for s in segments] == [len(corpus), 1]


def test_nothing_changed_gives_the_same_bytes(corpus, tmp_path):
    state = tmp_path / "state"
    update_index(corpus, tmp_path / "a", state, jobs=1)
    stats = update_index(list(reversed(corpus)), tmp_path / "b", state, jobs=1)
    assert stats["mode"] == "unchanged"
    assert _tree(tmp_path / "a" / INDEX_DIR) == _tree(tmp_path / "b" / INDEX_DIR)


def test_the_same_sequence_of_builds_gives_the_same_bytes(corpus, tmp_path):
    sequence = [corpus, corpus + [_new_article(corpus, 3)], corpus + [_new_article(corpus, 3), _new_article(corpus, 4)]]
    trees = []
    for run in ("one", "two"):
        for n, records in enumerate(sequence):
            update_index(records, tmp_path / run / f"site{n}", tmp_path / run / "state", jobs=1)
        trees.append(_tree(tmp_path / run / "site2" / INDEX_DIR))
    assert trees[0] == trees[1]


def test_a_delta_past_its_bound_is_merged_into_a_new_base(corpus, tmp_path):
    state = tmp_path / "state"
    update_index(corpus[:60], tmp_path / "site0", state, jobs=1)
    stats = update_index(corpus[:63], tmp_path / "site1", state, jobs=1, max_delta=5)
    assert stats["mode"] == "delta" and stats["delta_docs"] == 3
    stats = update_index(corpus, tmp_path / "site2", state, jobs=1, max_delta=5)
    assert stats["mode"] == "merge" and stats["delta_docs"] == 0 and len(stats["segments"]) == 1
    assert _answers(tmp_path / "site2") == _full(corpus, tmp_path, "full")
    # the old segments are gone from the state; the sites built before keep their own links
    assert sorted(p.name for p in (state / "segments").iterdir() if p.is_dir()) == stats["segments"]
    assert IndexReader(tmp_path / "site1").find("thi dua")


def test_a_broken_or_foreign_state_means_a_full_build(corpus, tmp_path):
    state = tmp_path / "state"
    update_index(corpus, tmp_path / "site0", state, jobs=1)
    (state / "state.json").write_text("{not json", encoding="utf-8")
    assert update_index(corpus, tmp_path / "site1", state, jobs=1)["mode"] == "full"
    data = json.loads((state / "state.json").read_text(encoding="utf-8"))
    data["format"] = -1
    (state / "state.json").write_text(json.dumps(data), encoding="utf-8")
    assert update_index(corpus, tmp_path / "site2", state, jobs=1)["mode"] == "full"
    assert _answers(tmp_path / "site2") == _full(corpus, tmp_path, "full")


class _CountedBody(dict):
    """A record that counts how often its body is read (as the build's lazily loaded records)."""

    reads = 0

    def get(self, key, default=None):
        if key == "body":
            _CountedBody.reads += 1
        return super().get(key, default)

    def __getitem__(self, key):
        if key == "body":
            _CountedBody.reads += 1
        return super().__getitem__(key)


def test_with_the_callers_body_digests_an_update_reads_only_the_new_articles_body(corpus, tmp_path):
    import hashlib

    def body_digest(record):
        return hashlib.sha256(dict.get(record, "body").encode("utf-8")).hexdigest()

    records = [_CountedBody(r) for r in corpus]
    update_index(records, tmp_path / "site0", tmp_path / "state", jobs=1, body_digest=body_digest)
    _CountedBody.reads = 0
    new = _CountedBody(_new_article(corpus, 5))
    stats = update_index(records + [new], tmp_path / "site1", tmp_path / "state", jobs=1, body_digest=body_digest)
    assert stats["mode"] == "delta" and stats["delta_docs"] == 1
    assert 0 < _CountedBody.reads <= 3  # the new article's, for its entry and its stored text
    assert _answers(tmp_path / "site1") == _full(corpus + [_new_article(corpus, 5)], tmp_path, "full")


def test_with_the_callers_record_digests_only_the_changed_article_is_indexed_again(corpus, tmp_path):
    """tdkt build passes the digests its store keeps of the whole records: nothing is hashed or read
    for the others, and an article whose digest changed is indexed again (as a full build has it)."""
    import hashlib

    def digests(records):
        return [hashlib.sha256(json.dumps(dict(r), sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:25]
                for r in records]

    records = [_CountedBody(r) for r in corpus]
    update_index(records, tmp_path / "site0", tmp_path / "state", jobs=1, digests=digests(records))
    _CountedBody.reads = 0
    edited = list(records)
    edited[3] = _CountedBody(_edited(corpus[3], "Tặng Bằng khen cho đồng chí Phùng Khắc Tráng."))
    stats = update_index(edited, tmp_path / "site1", tmp_path / "state", jobs=1, digests=digests(edited))
    assert stats["mode"] == "delta" and stats["delta_docs"] == 1 and stats["deleted_docs"] == 1
    assert 0 < _CountedBody.reads <= 3  # the edited article's body only
    whole = [dict(r) for r in edited]
    assert _answers(tmp_path / "site1") == _full(whole, tmp_path, "full")
    with pytest.raises(ValueError, match="digests"):
        update_index(edited, tmp_path / "site2", tmp_path / "state", jobs=1, digests=digests(edited)[1:])
