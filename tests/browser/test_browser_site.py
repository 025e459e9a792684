"""A reader in Chromium on the sample site served under /tdkt/: home -> province -> article -> awards.

Also: the 404 page is styled under the sub-path, and an article full of hostile text runs nothing.
"""

from __future__ import annotations

import copy

import pytest

from tdkt.taxonomy import AWARD_TYPES, title_of
from tdkt.site.values import award_type_id, province_name, sort_newest_first, year_key
from tdkt.text import one_line, slugify
from tests.browser import serve_site, site_path_of
from tests.site_fixtures import build_site, handmade_records

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _arrive(page, base: str, path: str) -> None:
    """Wait until the click's navigation lands on `path` of the site (a click does not wait for it)."""
    page.wait_for_url(base + path, timeout=15_000)
    page.wait_for_load_state("load")


def _clean(page) -> None:
    assert page.tdkt_external == [], "the site asked for something outside 127.0.0.1"
    assert page.tdkt_errors == [], "JavaScript errors on the page"


def test_home_province_article_awards(page, served_site, sample_site):
    # a province that has an article with awards, found from the records the site was built from
    with_awards = [r for r in sample_site.records if r.get("awards") and province_name(r)]
    assert with_awards, "the sample corpus has articles with awards"
    target = sort_newest_first(with_awards)[0]
    province = province_name(target)

    page.goto(served_site)
    assert page.locator("h1").first.inner_text().startswith("Lưu trữ tin thi đua")
    assert page.locator("form.tdkt-search input[name=q]").is_visible()
    stylesheet_loaded = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
    assert stylesheet_loaded in ("sticky", "fixed")

    # the home's entry points lead to the province index, then to the province
    page.get_by_role("link", name="Tỉnh, thành", exact=True).first.click()
    _arrive(page, served_site, "tinh/")
    page.locator("article").get_by_role("link", name=province, exact=True).click()
    _arrive(page, served_site, f"tinh/{slugify(province)}/")
    assert page.locator("h1").inner_text() == province

    page.locator("article").get_by_role("link", name=title_of(target), exact=True).first.click()
    _arrive(page, served_site, target["page"])
    assert page.locator("h1").inner_text() == title_of(target)
    assert province in page.title() or title_of(target)[:20] in page.title()

    table = page.locator("article table").first
    assert table.is_visible()
    headers = table.locator("th").all_inner_texts()
    assert headers[:4] == ["Hình thức", "Chi tiết", "Cơ quan", "Tình trạng"]
    rows = table.locator("tbody tr")
    assert rows.count() == len(target["awards"])
    first_label = AWARD_TYPES[award_type_id(target["awards"][0])]
    assert rows.first.locator("td").first.inner_text() == first_label

    # the award's tag chip (after the province's and the year's) and the year's chip lead to
    # listing pages that list this article
    page.locator("nav.tdkt-tags").get_by_role("link", name=first_label, exact=True).click()
    _arrive(page, served_site, f"khen-thuong/{award_type_id(target['awards'][0])}/")
    assert page.locator("article").get_by_role("link", name=title_of(target), exact=True).count() >= 1
    page.go_back()
    _arrive(page, served_site, target["page"])
    page.locator("nav.tdkt-tags a").nth(1).click()
    _arrive(page, served_site, f"nam/{year_key(target)}/")
    _clean(page)


def test_404_page_is_styled_under_the_sub_path(page, served_site):
    response = page.goto(served_site + "bai-viet/khong-co-bai-nay/")
    assert response.status == 404
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    page.locator(".md-header a.md-logo").click()
    page.wait_for_url(lambda url: site_path_of(url, served_site) in ("", "index.html"), timeout=15_000)
    _clean(page)


HOSTILE_TITLE = '</title><script>window.__pwned="title"</script><img src=x onerror="window.__pwned=\'img\'">'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    record = copy.deepcopy(handmade_records()[0])
    bad = HOSTILE_TITLE + ' [x](javascript:window.__pwned="link") {{ config }} {: onclick="window.__pwned=1" }'
    record.update(title=HOSTILE_TITLE, author=bad, url="javascript:window.__pwned='source'",
                  body="\n".join([bad, "<script>window.__pwned='body'</script>", "!!! danger", "---",
                                  "<svg onload=\"window.__pwned='svg'\"></svg>"]))
    record["officials"] = [{"name": bad, "title": bad}]
    record["province"] = {"name": "Hà Tĩnh", "current": bad}
    record["awards"][0].update(detail=bad, authority=bad)
    built = build_site([record, handmade_records()[1]], tmp_path_factory.mktemp("hostile-site"))
    with serve_site(built.site) as base:
        yield base, record


def test_hostile_article_runs_nothing_and_shows_its_text(page, hostile_site):
    base, record = hostile_site
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base + record["page"])
    page.wait_for_load_state("load")
    for link in page.locator("article a").all():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator("h1").inner_text() == one_line(HOSTILE_TITLE)
    assert page.title().startswith("</title><script>")
    assert page.locator("article script, article img, article svg").count() == 0
    assert "<script>window.__pwned='body'</script>" in page.locator("article").inner_text()
    # the home and the listing that show the title are just as inert
    page.goto(base)
    page.goto(base + "tinh/ha-tinh/")
    assert page.evaluate("window.__pwned") is None
    _clean(page)


def test_on_a_phone_the_menu_opens_the_nav_and_it_leads_to_the_listings(page, served_site, sample_site):
    page.set_viewport_size({"width": 375, "height": 740})
    article = sample_site.records[0]["page"]
    page.goto(served_site + article)
    page.wait_for_load_state("load")
    years = page.locator("nav.md-nav--primary").get_by_role("link", name="Năm", exact=True)

    def on_screen() -> bool:
        box = years.bounding_box()
        return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375

    assert not on_screen()                              # the drawer is closed, off the screen
    page.locator(".md-header label[for=__drawer]").click()
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    page.wait_for_timeout(400)                          # the drawer slides in (0.25 s)
    assert on_screen()
    assert page.locator("nav.md-nav--primary .md-nav__title").inner_text().startswith("Lưu trữ tin thi đua")
    years.click()
    _arrive(page, served_site, "nam/")
    assert page.locator("h1").inner_text() == "Năm"
    _clean(page)


_NAV_STYLE = """() => {
  const list = document.querySelector('nav.md-nav--primary > .md-nav__list');
  const ours = list.querySelector('a[aria-current=page]');
  // Material's own markup for the same entry, beside ours, styled by Material's stylesheet alone
  const li = document.createElement('li');
  li.className = 'md-nav__item md-nav__item--active';
  li.innerHTML = '<a class="md-nav__link md-nav__link--active" href="#">Năm</a>';
  list.appendChild(li);
  const keys = ['display', 'gap', 'marginTop', 'marginRight', 'paddingTop', 'paddingLeft', 'fontSize',
                'lineHeight', 'color', 'transitionDuration'];
  const liKeys = ['fontSize', 'lineHeight', 'borderTopWidth', 'borderTopStyle', 'borderTopColor'];
  const pick = (el, ks) => Object.fromEntries(ks.map((k) => [k, getComputedStyle(el)[k]]));
  const out = {ours: pick(ours, keys), material: pick(li.firstChild, keys),
               oursLi: pick(list.children[1], liKeys), materialLi: pick(li, liKeys), count: list.children.length};
  li.remove();
  return out;
}"""


@pytest.mark.parametrize("width", [375, 1400])
def test_the_nav_without_classes_looks_as_materials_nav(page, served_site, width):
    """The nav's entries carry no classes (a few hundred bytes on every page); on a phone and a wide
    screen, each still looks as Material draws its entries, the current page's too."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(served_site + "nam/")
    page.wait_for_load_state("load")
    style = page.evaluate(_NAV_STYLE)
    assert style["count"] > 3
    assert style["ours"] == style["material"]
    assert style["oursLi"] == style["materialLi"]  # the second entry: a border above it on a phone
    current = page.locator("nav.md-nav--primary a[aria-current=page]")
    assert current.count() == 1 and current.inner_text() == "Năm"
    # the header's menu button draws its bars (a CSS mask, not an inline SVG)
    icon = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.md-header label[for=__drawer]'), '::before');
                                   return [s.width, s.maskImage || s.webkitMaskImage]; }""")
    assert icon[0] != "0px" and "svg" in icon[1]
    assert page.locator(".md-header label[for=__drawer] svg").count() == 0
    _clean(page)
