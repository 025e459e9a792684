"""Everyone can read it: axe-core finds no WCAG 2.1 A/AA violation on any kind of page of the sample
site, in the light scheme and in the dark one (the system's prefers-color-scheme, which the site
follows); the header's toggle switches schemes and the choice holds on the next page.

axe-core is injected by the test (tests/browser.py `axe`), never loaded by the site; every request
that would leave 127.0.0.1 is recorded and fails the test.
"""

from __future__ import annotations

import pytest

from tdkt.site.values import NO_PROVINCE_GROUPS
from tdkt.taxonomy import province_group
from tdkt.text import slugify

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCHEMES = {"light": "default", "dark": "slate"}   # prefers-color-scheme -> Material's scheme shown


def _article(records: list[dict]) -> str:
    """An article page with awards and officials (the page with the most on it)."""
    return max(records, key=lambda r: (len(r.get("awards") or []) + len(r.get("officials") or []), r["id"]))["page"]


def page_kinds(records: list[dict]) -> dict[str, str]:
    """Every kind of page: name -> its path in the site."""
    provinces = sorted({province_group(r) for r in records if province_group(r) not in NO_PROVINCE_GROUPS})
    kinds = {
        "home": "",
        "province index": "tinh/",
        "year index": "nam/",
        "award index": "khen-thuong/",
        "province listing": f"tinh/{slugify(provinces[0])}/",
        "year listing": "nam/2023/",
        "article": _article(records),
        "statistics": "thong-ke/",
        "data": "du-lieu/",
        "officials index": "can-bo/",
        "officials of a province": f"can-bo/{slugify(provinces[0])}/",
        "about": "gioi-thieu/",
        "404": "khong-co/trang-nay/",
        "unit index": "don-vi/",
        "units of a province": f"don-vi/{slugify(provinces[0])}/",
        "unit": _unit_page(records),
    }
    return kinds


def _unit_page(records: list[dict]) -> str:
    from tdkt.site.units import assign_units

    unit = max(assign_units(records).values(), key=lambda u: (len(u.records), u.page))
    return unit.page[: -len(".md")] + "/"


KINDS = ["home", "province index", "year index", "award index", "province listing", "year listing", "article",
         "statistics", "data", "officials index", "officials of a province", "about", "404", "unit index",
         "units of a province", "unit"]


def _open(page, base: str, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(base + path)
    page.wait_for_load_state("load")
    # Material's bundle follows prefers-color-scheme once it runs: wait until the scheme is the one asked
    page.wait_for_function("(scheme) => document.body.getAttribute('data-md-color-scheme') === scheme",
                           arg=SCHEMES[scheme], timeout=10_000)


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("kind", KINDS)
def test_no_wcag_violation(page, served_site, sample_site, axe, kind, scheme):
    _open(page, served_site, page_kinds(sample_site.records)[kind], scheme)
    assert axe(page) == []
    assert page.tdkt_external == []


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_no_wcag_violation_on_search_with_results(page, served_site, axe, scheme):
    _open(page, served_site, "tim-kiem/?q=khen+thuong", scheme)
    # the results are drawn by the search module: wait for links to articles in the page's content
    page.wait_for_function("() => document.querySelectorAll('article a[href*=\"bai-viet/\"]').length > 0",
                           timeout=15_000)
    assert axe(page) == []
    assert page.tdkt_external == []


def test_the_toggle_switches_the_scheme_and_the_choice_holds(page, served_site):
    _open(page, served_site, "", "light")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator("label[for=__palette_1]").click()   # the light scheme's button: "to the dark one"
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background
    page.goto(served_site + "tinh/")
    page.wait_for_load_state("load")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.locator("label[for=__palette_0]").is_visible()  # now the way back to the light one
    assert page.tdkt_external == [] and page.tdkt_errors == []
