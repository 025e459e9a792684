"""After incremental updates of the index (a delta segment, deletions in the base), the search page
shows exactly what it shows after a full build of the same articles: the same results in the same
order, the same counts, the same snippets and highlights, the same facet counts (issue 14)."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest

from benchmarks.searchbench import sample_records, synthetic_records
from tdkt.search import build_index, update_index
from tests.browser import serve_site

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser
QUERIES = [{"q": "Đồ Sơn"}, {"q": "huan chuong lao dong hang nhi"}, {"q": "khen thuong"}, {"q": "Nguyễn Văn Hùng"},
           {"q": '"phong trào thi đua yêu nước"'}, {"q": "phung khac trang"}, {"q": "thi dua", "sort": "date"},
           {"q": "khen thuong", "tinh": "thai-binh"}, {"q": "tan phuoc khanh"}]


def _page_html() -> str:
    text = (ROOT / "docs" / "tim-kiem.md").read_text(encoding="utf-8")
    body = re.sub(r"^# .*$", "", text.split("---", 2)[2], count=1, flags=re.MULTILINE)
    return f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tìm kiếm</title></head><body><main>{body}</main></body></html>'


def _final_and_steps() -> tuple[list[dict], list[list[dict]]]:
    """A corpus and the builds an editor makes on the way to it: add, edit, remove, correct."""
    corpus = synthetic_records(sample_records(ROOT / "corpus"), 120, seed=13)
    new = copy.deepcopy(corpus[3])
    new.update(id="new", page="bai-viet/2025/moi/", event_date="2018-03-03",
               body="Ông Phùng Khắc Tráng nhận Huân chương Lao động hạng Nhì. " + new["body"])
    added = corpus + [new]
    edited = [dict(r, body=r["body"] + "\n\nTặng Giấy khen cho Hợp tác xã Tân Phước Khánh.") if r["id"] == corpus[7]["id"] else r
              for r in added]
    removed = [r for r in edited if r["id"] != corpus[11]["id"]]
    corrected = [dict(r, province={"name": "Thái Bình", "current": "Hưng Yên"}) if r["id"] == corpus[30]["id"] else r
                 for r in removed]
    return corrected, [corpus, added, edited, removed, corrected]


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory) -> tuple[Path, Path]:
    final, steps = _final_and_steps()
    root = tmp_path_factory.mktemp("segments")
    sites = []
    for name in ("full", "incremental"):
        site = root / name
        (site / "tim-kiem").mkdir(parents=True)
        (site / "tim-kiem" / "index.html").write_text(_page_html(), encoding="utf-8")
        sites.append(site)
    build_index(final, sites[0])
    for n, records in enumerate(steps):
        stats = update_index(records, root / f"step{n}", root / "state")
    # the last step's index, into the site that has the search page
    stats = update_index(steps[-1], sites[1], root / "state")
    assert stats["mode"] == "unchanged" or stats["mode"] == "delta"
    assert stats["delta_docs"] == 3 and stats["deleted_docs"] == 3
    return sites[0], sites[1]


def _what_the_reader_sees(page, base: str, params: dict) -> dict:
    page.goto(base + "tim-kiem/?" + urlencode(params))
    page.wait_for_selector("[data-tdkt-results][data-state=done]", timeout=20_000)
    if page.locator("[data-tdkt-more]").is_visible():
        page.locator("[data-tdkt-more]").click()
        page.wait_for_function("() => document.querySelectorAll('li.tdkt-result').length > 10")
    results = page.locator("li.tdkt-result").evaluate_all(
        "els => els.map(e => [e.dataset.page, e.querySelector('h2').innerHTML.replace(/href=\"[^\"]*\"/, ''),"
        " e.querySelector('.tdkt-result__meta')?.textContent, e.querySelector('.tdkt-result__snippet').innerHTML])")
    data = page.locator("[data-tdkt-results]").evaluate("e => ({...e.dataset})")
    return {"status": page.locator("[data-tdkt-status]").inner_text(), "data": data, "results": results,
            "facets": page.locator("[data-tdkt-facets]").inner_text()}


def test_the_page_answers_alike_after_incremental_updates_and_after_a_full_build(page, two_sites):
    full, incremental = two_sites
    with serve_site(full) as base_full, serve_site(incremental) as base_incremental:
        for params in QUERIES:
            seen_full = _what_the_reader_sees(page, base_full, params)
            seen_incremental = _what_the_reader_sees(page, base_incremental, params)
            assert seen_full["results"], params
            assert seen_incremental == seen_full, params
    assert not page.tdkt_errors
