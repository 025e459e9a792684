"""The renderer: article records -> Markdown pages, as a reader of the built HTML sees them."""

from __future__ import annotations

import copy
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils import meta as mkdocs_meta
from mkdocs.utils import yaml_load

from tdkt.site import listings, render
from tdkt.site.article import article_markdown
from tdkt.site.paths import assign_article_pages, url_of
from tdkt.site.values import award_detail, display_date, province_name
from tdkt.site.listings import listing_markdown, paged_listing
from tdkt.site.markup import md_paragraphs, md_text, safe_url
from tdkt.text import one_line
from tests.site_fixtures import handmade_records

ROOT = Path(__file__).resolve().parents[2]


def _site_extensions() -> list:
    """The Markdown extensions MkDocs uses for this site: its built-ins plus mkdocs.yml's."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    extensions = ["toc", "tables", "fenced_code"]
    for entry in config.get("markdown_extensions") or []:
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name not in extensions:
            extensions.append(name)
    return extensions


EXTENSIONS = _site_extensions()
# A page may only hold the elements the renderer itself writes.
ALLOWED_TAGS = {"h1", "h2", "div", "p", "ul", "li", "strong", "span", "a", "table", "thead", "tbody", "tr", "th", "td",
                "nav", "form", "input", "button"}


class Page(HTMLParser):
    """Visible text, elements and links of an HTML fragment."""

    def __init__(self, html_text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.chunks: list[str] = []
        self.feed(html_text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.chunks.append(" ")

    def handle_endtag(self, tag):
        self.chunks.append(" ")

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.chunks).split())

    def hrefs(self) -> list[str]:
        return [attrs.get("href", "") for tag, attrs in self.tags if tag == "a"]


def to_html(page_markdown: str) -> str:
    """HTML as MkDocs makes it: front matter off (for whole pages), then Python-Markdown."""
    body = page_markdown
    if page_markdown.startswith(("---", "#")):  # a whole page: MkDocs reads its meta first
        body, _meta = mkdocs_meta.get_data(page_markdown)
    return markdown.markdown(body, extensions=EXTENSIONS)


HOSTILE = [
    "<script>alert(1)</script>",
    "</title><script>alert('t')</script>",
    '<img src=x onerror="alert(2)">',
    "[click](javascript:alert(3))",
    "![pic](http://evil.example/x.png)",
    "<https://evil.example/>",
    "{{ config.site_name }} {% include 'x' %}",
    "{: .admonition onclick=alert(4) }",
    "!!! danger \"Hacked\"",
    "??? note",
    "---",
    "# Not a heading",
    "> not a quote",
    "- not a list",
    "+ not a list",
    "* not a list",
    "12. not a list",
    "3) not a list",
    "| not | a | table |",
    "*not emphasis* and _not_ and **not strong** and __not__",
    "`not code` and ```fence```",
    "~~~",
    "back\\slash \\* \\[",
    "&lt;b&gt; &amp; &#60;script&#62; &#x3C;",
    "a\x02klzzwxh:0000\x03b",  # Python-Markdown's own placeholder markers
    "<!-- comment --> <?php echo 1; ?> <![CDATA[x]]>",
    "[ref]: http://evil.example/ \"t\"",
    "    four spaces indent",
    "==mark== ^^ins^^ ~~del~~ ++ctrl++ $x$ @user :smile:",
    "/// details | t",
    "Đoàn Văn Hùng 100% &copy; «trích» “ngoặc”",
    "Tiêu đề kết thúc bằng C# ###",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_shows_hostile_text_literally_and_makes_no_markup(text):
    page = Page(to_html(md_text(text)))
    assert page.text == one_line(text)
    assert [tag for tag, _ in page.tags] == ["p"]


@pytest.mark.parametrize("text", HOSTILE)
def test_body_paragraphs_stay_text(text):
    body = f"{text}\n\nĐoạn thứ hai.\n{text}"
    page = Page(to_html(md_paragraphs(body)))
    assert [tag for tag, _ in page.tags] == ["div", "p", "p", "p"]
    assert page.text == " ".join([one_line(text), "Đoạn thứ hai.", one_line(text)]).strip()


def hostile_record(text: str) -> dict:
    record = copy.deepcopy(handmade_records()[0])
    record.update(id="h1", title=text, author=text, url="javascript:alert(5)", body=f"{text}\n{text}")
    record["unit"]["name"] = text
    record["province"] = {"name": f"Hà Tĩnh {text}", "current": text}
    record["officials"] = [{"name": text, "title": text}]
    record["awards"][0].update(detail=text, authority=text, type="../../../etc/passwd")
    return record


@pytest.mark.parametrize("text", HOSTILE)
def test_article_page_with_hostile_fields_has_only_our_markup(text):
    record = hostile_record(text)
    page_path = assign_article_pages([record])["h1"]
    html_text = to_html(article_markdown(record, page_path))
    page = Page(html_text)
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    for href in page.hrefs():
        assert not href.lower().startswith(("javascript:", "data:", "vbscript:"))
        assert href.startswith(("../", "http://", "https://")), href
    shown = page.text
    assert one_line(text) in shown
    assert "javascript:alert(5)" in shown  # the refused URL is still shown, as text
    # every link the page holds goes to a page the site has (its own slugs only)
    for href in page.hrefs():
        assert re.fullmatch(r"(\.\./)+(tinh|nam|khen-thuong)/[a-z0-9-]+(\.md|/)", href), href


def test_title_never_becomes_a_path():
    record = dict(handmade_records()[0], title="../../../etc/passwd /x\\y", id="../evil")
    path = assign_article_pages([record])["../evil"]
    assert re.fullmatch(r"bai-viet/2023/[a-z0-9-]+\.md", path)
    assert ".." not in path


def test_front_matter_is_safe_yaml_holding_the_tags_description_and_json_ld():
    record = hostile_record("---\n...\nkey: value\n---")
    text = article_markdown(record)
    _body, meta = mkdocs_meta.get_data(text)
    assert list(meta) == ["tags", "description", "ld"]
    assert json.loads(meta["ld"])["headline"] == "--- ... key: value ---"
    assert meta["tags"][0] == "Hà Tĩnh --- ... key: value ---"
    # the award outside the taxonomy ("../../../etc/passwd") files under "khac"
    assert meta["tags"][1:] == ["Năm 2023", "Bằng khen của Thủ tướng Chính phủ", "Giấy khen",
                                "Danh hiệu, hình thức khác"]
    assert yaml.safe_load(text.split("---\n")[1]) == meta


def test_article_page_shows_what_a_reader_needs():
    record = handmade_records()[0]
    html_text = to_html(article_markdown(record, "bai-viet/2023/hoi-nghi.md"))
    page = Page(html_text)
    text = page.text
    assert page.tags[0][0] == "h1" and "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023" in text
    assert "12/01/2024" in text and "13/01/2024" in text
    assert "UBND thị xã Hồng Lĩnh (Cấp huyện)" in text
    # Hà Tĩnh is Hà Tĩnh after 1 July 2025: nothing to add; a province merged into another says where
    assert re.search(r"Tỉnh, thành:\s*Hà Tĩnh\b", text) and "01/07/2025" not in text
    merged = copy.deepcopy(record)
    merged["province"] = {"name": "Hậu Giang", "current": "Cần Thơ"}
    assert "Hậu Giang (từ 01/07/2025 thuộc Cần Thơ)" in Page(to_html(article_markdown(merged, "bai-viet/2023/hoi-nghi.md"))).text
    assert "Tác giả: Minh Anh" in text
    assert "Nguyễn Văn An , Chủ tịch UBND thị xã" in text
    assert "Năm 2023 hoàn thành 17/21 chỉ tiêu." in text
    source = [a for t, a in page.tags if t == "a" and a["href"].startswith("https://")]
    assert [a["href"] for a in source] == ["https://example.gov.vn/tin/a01?id=1&x=%282%29"]
    # awards table: one row per award, the type named (its chip links the listing), status and counts shown
    rows = re.findall(r"<tr>(.*?)</tr>", html_text, re.S)[1:]
    assert len(rows) == 3
    assert "<td>Giấy khen</td>" in rows[1]
    assert "Đã trao" in rows[1] and "26 tập thể, 108 cá nhân" in rows[1]
    assert "Đề nghị" in rows[2] and "1 cá nhân" in rows[2]
    # the tag chips link to the listing pages' directory URLs
    chips = re.findall(r'href="([^"]+)"', re.search(r'<nav class="md-tags tdkt-tags"[^>]*>(.*?)</nav>', html_text).group(1))
    assert chips == ["../../../tinh/ha-tinh/", "../../../nam/2023/", "../../../khen-thuong/co-thi-dua-cap-tinh/",
                     "../../../khen-thuong/bang-khen-thu-tuong/", "../../../khen-thuong/giay-khen/"]


def test_a_first_paragraph_repeating_the_headline_is_shown_once():
    record = copy.deepcopy(handmade_records()[0])
    headline = "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023"
    record["title"] = record["display_title"] = headline
    lead = "Sáng 12/01, thị xã tổ chức hội nghị."
    record["body"] = f"  {headline.replace(' ', '  ')}\n{lead}\n{headline}"
    content = to_html(article_markdown(record, "bai-viet/2023/hoi-nghi.md")).split('id="noi-dung"')[1]
    # the repeat right under the heading goes; the same words later in the text stay
    assert re.findall(r"<p>(.*?)</p>", content) == [lead, headline]
    assert record["body"].split("\n")[0].split() == headline.split()  # the record keeps its text whole
    # a first line that only begins like the headline is text, kept
    record["body"] = f"{headline} đã diễn ra\n{lead}"
    content = to_html(article_markdown(record, "bai-viet/2023/hoi-nghi.md")).split('id="noi-dung"')[1]
    assert re.findall(r"<p>(.*?)</p>", content) == [f"{headline} đã diễn ra", lead]


@pytest.mark.parametrize("url, expected", [
    ("https://a.gov.vn/x?y=1&z=2", "https://a.gov.vn/x?y=1&z=2"),
    ("http://a.gov.vn/x y", None),
    ("HTTPS://a.gov.vn/(x)", "HTTPS://a.gov.vn/%28x%29"),
    ("javascript:alert(1)", None),
    (" JavaScript:alert(1)", None),
    ("data:text/html,<script>", None),
    ("//evil.example/x", None),
    ("https://a.gov.vn/\"><script>", "https://a.gov.vn/%22%3E%3Cscript%3E"),
    ("https:///nohost", None),
    (None, None),
])
def test_only_http_source_links_are_linked(url, expected):
    assert safe_url(url) == expected


def test_same_title_same_year_both_survive_whatever_the_order():
    records = handmade_records()
    forward = assign_article_pages(records)
    backward = assign_article_pages(list(reversed(records)))
    assert forward == backward
    assert len(set(forward.values())) == len(records)
    a01, a02 = forward["a01"], forward["a02"]
    assert a01 != a02 and a01.startswith("bai-viet/2023/hoi-nghi-tong-ket") and a02.startswith("bai-viet/2023/hoi-nghi")
    assert forward["a05"] == "bai-viet/khac/gap-mat-dien-hinh-tien-tien.md"
    assert forward["a04"].startswith("bai-viet/2021/")


def test_listing_is_newest_first_with_count():
    records = handmade_records()
    pages = assign_article_pages(records)
    thai_binh = [r for r in records if province_name(r) == "Thái Bình"]
    html_text = to_html(listing_markdown("tinh/thai-binh.md", "Thái Bình", "", thai_binh, pages))
    page = Page(html_text)
    assert "2 bài viết" in page.text
    assert [h for h in page.hrefs()] == ["../" + pages["a02"], "../" + pages["a03"]]
    assert page.text.index("28/12/2023") < page.text.index("10/02/2022")


def test_render_pages_generates_listings_only_for_what_exists():
    pages = render.render_pages(handmade_records())
    # a05 has no province and no scope: it is listed with the articles whose province is unknown
    assert {p for p in pages if p.startswith("tinh/")} == {"tinh/index.md", "tinh/ha-tinh.md", "tinh/thai-binh.md",
                                                          "tinh/chua-ro-tinh-thanh.md"}
    assert {p for p in pages if p.startswith("nam/")} == {"nam/index.md", "nam/2021.md", "nam/2022.md",
                                                         "nam/2023.md", "nam/khac.md"}
    assert "khen-thuong/huan-chuong-lao-dong.md" not in pages
    assert "khen-thuong/giay-khen.md" in pages
    home = Page(to_html(pages["index.md"]))
    assert "5 bài viết" in home.text and "2 tỉnh, thành" in home.text and "3 năm" in home.text
    assert "7 lượt khen thưởng (61 tập thể, 242 cá nhân)" in home.text
    assert ("form", {"class": "tdkt-search", "action": "tim-kiem/", "method": "get", "role": "search"}) in home.tags


def test_render_docs_writes_only_changes_and_removes_only_stale_generated_pages(tmp_path):
    docs = tmp_path / "docs"
    (docs / "bai-viet").mkdir(parents=True)
    (docs / "gioi-thieu.md").write_text("# Hand-written\n", encoding="utf-8")
    (docs / "tim-kiem.md").write_text("# Search\n", encoding="utf-8")
    (docs / "bai-viet" / "stale.md").write_text("# old\n", encoding="utf-8")
    records = handmade_records()

    first = render.render_docs(records, docs)
    assert first.removed == 1 and not (docs / "bai-viet" / "stale.md").exists()
    assert first.written == len(render.render_pages(records)) and first.unchanged == 0
    assert records[0]["page"] == first.pages["a01"] == first["pages"]["a01"]
    assert (docs / records[0]["page"].rstrip("/")).with_suffix(".md").is_file()
    mtimes = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}

    again = render.render_docs(handmade_records(), docs)
    assert (again.written, again.removed) == (0, 0) and again.unchanged == first.written
    assert mtimes == {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}

    fewer = render.render_docs(handmade_records()[:3], docs)  # a04 (2021, Hà Tĩnh) and a05 gone
    assert not (docs / "nam" / "2021.md").exists() and not (docs / "bai-viet" / "2021").exists()
    assert not (docs / "nam" / "khac.md").exists()
    assert not (docs / "tinh" / "chua-ro-tinh-thanh.md").exists()
    assert not (docs / "don-vi" / "ha-tinh" / "cum-thi-dua-3.md").exists()
    # two articles, two year listings, the listing of a05's unknown province, a04's unit page
    assert fewer.removed == 6
    assert (docs / "gioi-thieu.md").read_text(encoding="utf-8") == "# Hand-written\n"
    assert (docs / "tim-kiem.md").exists()


def test_rendering_is_deterministic():
    records = handmade_records()
    assert render.render_pages(records) == render.render_pages(list(reversed(handmade_records())))


def test_display_date():
    assert display_date("2024-01-12") == "12/01/2024"
    assert display_date("2024-1-12") == "2024-1-12"


def test_long_listings_are_split_into_linked_pages_newest_first():
    records = []
    for i in range(7):
        record = copy.deepcopy(handmade_records()[1])
        record.update(id=f"t{i}", title=f"Bài {i}", event_date=f"2023-12-{10 + i:02d}")
        records.append(record)
    pages = assign_article_pages(records)
    out = paged_listing("tinh/thai-binh.md", "Thái Bình", "", records, pages, per_page=3)
    assert list(out) == ["tinh/thai-binh.md", "tinh/thai-binh/trang-2.md", "tinh/thai-binh/trang-3.md"]
    listed = [Page(to_html(text)) for text in out.values()]
    articles = [[h for h in p.hrefs() if "bai-viet" in h] for p in listed]
    assert articles == [[up + pages[f"t{i}"] for i in ids] for up, ids in (("../", [6, 5, 4]), ("../../", [3, 2, 1]),
                                                                          ("../../", [0]))]
    assert "7 bài viết, mới nhất trước (từ 4 đến 6)" in listed[1].text
    assert "thai-binh/trang-3.md" in listed[0].hrefs() and "../thai-binh.md" in listed[2].hrefs()


@pytest.mark.parametrize("detail, grade, shown", [
    ("Huân chương Lao động hạng Nhì", "Nhì", "Huân chương Lao động hạng Nhì"),
    ("Huân chương Lao động", "Ba", "Huân chương Lao động hạng Ba"),
    (None, "hạng Nhất", "hạng Nhất"),
    ("Giấy khen", None, "Giấy khen"),
])
def test_award_detail_names_the_grade_once(detail, grade, shown):
    assert award_detail({"detail": detail, "grade": grade}) == shown


def test_listing_index_and_home_pages_show_hostile_names_as_text():
    records = [hostile_record(text) for text in HOSTILE]
    for i, record in enumerate(records):
        record["id"] = f"h{i:02d}"
    for path, text in render.render_pages(records).items():
        if path.startswith("bai-viet/"):
            continue
        page = Page(to_html(text))
        assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS, path
        for href in page.hrefs():
            assert re.fullmatch(r"[a-z0-9./-]+", href), (path, href)
        if path == "nam/2023.md":  # every hostile article files under 2023: all titles listed, as text
            for record in records:
                assert one_line(record["title"]) in page.text


def test_every_link_between_generated_pages_lands_on_a_generated_page(monkeypatch):
    monkeypatch.setattr(listings, "LISTING_PAGE_SIZE", 3)  # so that listings of every kind are paged
    records = []
    for i in range(8):
        record = copy.deepcopy(handmade_records()[i % 5])
        record.update(id=f"p{i}", title=f"{record['title']} {i}")
        records.append(record)
    pages = render.render_pages(records)
    # listings are paged by date: the first page holds the newest period, each other period a page of its own
    assert any(p.startswith("tinh/thai-binh/") for p in pages) and any(p.startswith("nam/2023/") for p in pages)
    dir_urls = {url_of(path): path for path in pages}
    for path, text in pages.items():
        for target in re.findall(r"\]\(([^)\s]+\.md)\)", text):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            assert resolved in pages, (path, target)
        for href in re.findall(r'href="([^"]+)"', text):
            if href.startswith(("http://", "https://")) or href == "tim-kiem/":
                continue
            resolved = posixpath.normpath(posixpath.join(url_of(path), href)) + "/"
            assert resolved.lstrip("./") in dir_urls or resolved in ("./", "/"), (path, href)


def test_editor_s_corrections_are_marked_where_they_changed_a_field():
    record = copy.deepcopy(handmade_records()[0])
    record["corrected"] = {"province": "Hội nghị của tỉnh Thái Bình", "published_date": "Hội nghị của tỉnh Thái Bình",
                           "title": "<script>alert(1)</script> theo trang gốc", "<b>lạ</b>": "x"}
    page = Page(to_html(article_markdown(record, "bai-viet/2023/hoi-nghi.md")))
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    text = _tight(page.text)
    assert ("Biên tập viên đã sửa: tỉnh, thành, ngày đăng (Hội nghị của tỉnh Thái Bình); "
            "tiêu đề (<script>alert(1)</script> theo trang gốc); <b>lạ</b> (x).") in text
    facts = {li.split(":")[0]: li for li in re.findall(r"<li><strong>(.*?)</li>",
                                                          to_html(article_markdown(record, "bai-viet/2023/x.md")))}
    assert "biên tập viên đã sửa" in facts["Tỉnh, thành"] and "biên tập viên đã sửa" in facts["Ngày đăng"]
    assert "biên tập viên đã sửa" not in facts["Ngày diễn ra"] and "biên tập viên đã sửa" not in facts["Tác giả"]
    unmarked = Page(to_html(article_markdown(handmade_records()[0], "bai-viet/2023/hoi-nghi.md"))).text
    assert "biên tập viên" not in unmarked.lower()


def test_merged_syndicated_copies_list_every_source_linking_only_http():
    record = copy.deepcopy(handmade_records()[0])
    record["sources"] = [
        {"id": "a01", "source": "corpus/a01.txt", "url": "https://example.gov.vn/tin/a01?id=1&x=(2)"},
        {"id": "b07", "source": "corpus/b07.html", "url": "http://baotinh.example.vn/tin/7"},
        {"id": "c03", "source": "corpus/c03.txt", "url": "javascript:alert(1)"},
        {"id": "d09", "source": "corpus/<d09>.txt", "url": None},
        {"id": "e11", "source": "corpus/e11.html", "url": "https://baotinh.example.vn/khac/11"},
    ]
    html_text = to_html(article_markdown(record, "bai-viet/2023/hoi-nghi.md"))
    page = Page(html_text)
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    external = [h for h in page.hrefs() if not h.startswith("../")]
    assert external == ["https://example.gov.vn/tin/a01?id=1&x=%282%29", "http://baotinh.example.vn/tin/7",
                        "https://baotinh.example.vn/khac/11"]
    # one portal twice: its copies are told apart by their full URLs
    assert ("Nguồn (5 nơi đăng): example.gov.vn, http://baotinh.example.vn/tin/7, javascript:alert(1), <d09>.txt, "
            "https://baotinh.example.vn/khac/11") in _tight(page.text)
    single = Page(to_html(article_markdown(handmade_records()[0], "bai-viet/2023/hoi-nghi.md")))
    assert "Nguồn: example.gov.vn" in _tight(single.text)


def _tight(text: str) -> str:
    """Page text without the space Page puts before punctuation that follows a tag."""
    return re.sub(r" ([,.:;)])", r"\1", text)


def test_award_detail_is_shown_only_when_it_says_more_than_the_type():
    record = copy.deepcopy(handmade_records()[0])
    record["awards"][0]["detail"] = "Cờ thi đua cấp bộ, ngành, tỉnh"        # the type's own name
    record["awards"][1]["detail"] = "Giấy khen của Chủ tịch UBND thị xã"   # says more
    html_text = to_html(article_markdown(record, "bai-viet/2023/hoi-nghi.md"))
    rows = [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", html_text, re.S)[1:]]
    assert rows[0][1] == "" and rows[1][1] == "Giấy khen của Chủ tịch UBND thị xã"


def _docs_text(docs: Path) -> dict[str, str]:
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}


@pytest.mark.parametrize("use_cache_dir", [False, True])
def test_pages_kept_from_the_last_render_are_the_pages_a_fresh_render_makes(tmp_path, use_cache_dir):
    """An article page is reused only while what it shows is unchanged: a related article
    retitled, a page edited by hand or a changed record all come out as a fresh render's."""
    from tdkt.site.related import related_articles

    docs, fresh = tmp_path / "docs", tmp_path / "fresh"
    cache = {"cache_dir": tmp_path / "cache"} if use_cache_dir else {}
    twin = {**copy.deepcopy(handmade_records()[0]), "id": "a99", "title": "Một bài khác cùng đơn vị"}
    records = [*handmade_records(), twin]  # same unit, province and year as a01: related
    render.render_docs(copy.deepcopy(records), docs, **cache)
    related = related_articles(records)
    own = next(i for i, ids in related.items() if ids)
    shown = next(r for r in records if str(r["id"]) == related[own][0])
    shown["title"] = "Tiêu đề mới của bài liên quan"
    pages = assign_article_pages(records)
    own_page = docs / pages[own]
    other = next(i for i in pages if i not in (own, related[own][0]))
    (docs / pages[other]).write_text("edited by hand\n", encoding="utf-8")
    reused = render.render_docs(copy.deepcopy(records), docs, **cache)
    render.render_docs(copy.deepcopy(records), fresh)
    assert _docs_text(docs) == _docs_text(fresh)
    assert "Tiêu đề mới của bài liên quan" in own_page.read_text(encoding="utf-8")
    assert reused.written >= 2 and reused.unchanged > 0
    again = render.render_docs(copy.deepcopy(records), docs, **cache)
    assert again.written == 0 and _docs_text(docs) == _docs_text(fresh)
