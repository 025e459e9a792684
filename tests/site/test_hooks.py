"""The site plugin's page clean-up (tdkt.site.hooks.strip_indentation): bytes saved on every page,
never a change a reader or a script would notice."""

from pathlib import Path

import pytest

from tdkt.site.hooks import strip_indentation

PAGE = """<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8">
    <script>
      if (a >
        <b) { run() }
    </script>
    <script src="x.js"></script>
  </head>
  <body>
    <header>
      <span class="md-ellipsis">
        Lưu trữ
      </span>
    </header>
    <article class="md-content__inner md-typeset"><p>Một</p>
<p><a href="a/">Hồng Lĩnh</a>
<a href="b/">Tiền Hải</a></p>
</article>
    <div>
    </div>
  </body>
</html>
"""


def test_the_frame_loses_its_line_breaks_between_tags():
    out = strip_indentation(PAGE)
    assert "<html lang=\"vi\"><head><meta charset=\"utf-8\">" in out
    assert "</header>" in out and "\n<header>" not in out and "<div></div></body></html>" in out


def test_script_bodies_text_and_inline_content_keep_their_breaks():
    out = strip_indentation(PAGE)
    # a break inside code may end a statement: the script is as written (less its indentation)
    assert "<script>\nif (a >\n<b) { run() }\n</script>" in out
    # a line break between words is a space a reader sees
    assert '<span class="md-ellipsis">\nLưu trữ\n</span>' in out
    # between two inline links in the content the break is a word space: kept
    assert '<a href="a/">Hồng Lĩnh</a>\n<a href="b/">Tiền Hải</a>' in out
    # after a block element in the content it is not
    assert "<p>Một</p><p>" in out


def test_pages_with_preformatted_text_are_left_alone():
    page = PAGE.replace("<p>Một</p>", "<pre>  a\n  b</pre>")
    assert strip_indentation(page) == page


def test_materials_empty_boxes_go_but_not_from_an_article_or_a_filled_box():
    frame = ('\n    <div data-md-component="announce">\n    </div>\n'
             '    <div class="md-dialog" data-md-component="dialog">\n      <div class="md-dialog__inner md-typeset"></div>\n    </div>\n')
    page = PAGE.replace("  <body>\n", "  <body>" + frame)
    out = strip_indentation(page)
    assert 'data-md-component="announce"' not in out and 'data-md-component="dialog"' not in out
    assert out == strip_indentation(PAGE)
    # an announcement that says something stays; the same markup as an article's text stays too
    filled = page.replace('data-md-component="announce">\n', 'data-md-component="announce"><p>Bảo trì</p>\n')
    assert 'data-md-component="announce"><p>Bảo trì</p>' in strip_indentation(filled)
    quoted = PAGE.replace("<p>Một</p>", '<p>Một</p><div data-md-component="announce"></div>')
    assert '<div data-md-component="announce"></div>' in strip_indentation(quoted)


def test_assets_no_page_reads_are_dropped_unless_materials_search_is_on(tmp_path):
    from tdkt.site.hooks import drop_unused_assets

    def site() -> Path:
        root = tmp_path / "site"
        for rel in ("assets/javascripts/lunr/min/lunr.vi.min.js", "assets/javascripts/workers/search.js",
                    "assets/javascripts/bundle.1.min.js", "assets/javascripts/bundle.1.min.js.map",
                    "assets/stylesheets/main.1.min.css", "assets/stylesheets/main.1.min.css.map",
                    "bai-viet/a.map/index.html"):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text("x")
        return root

    root = site()
    assert drop_unused_assets(root, search_plugin=True) == []
    assert (root / "assets/javascripts/lunr").is_dir()
    removed = drop_unused_assets(root, search_plugin=False)
    assert removed == ["assets/javascripts/lunr", "assets/javascripts/workers",
                       "assets/javascripts/bundle.1.min.js.map", "assets/stylesheets/main.1.min.css.map"]
    left = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert left == ["assets/javascripts/bundle.1.min.js", "assets/stylesheets/main.1.min.css", "bai-viet/a.map/index.html"]


def test_one_stylesheet_keeps_the_order_and_every_rule(tmp_path):
    from tdkt.site.hooks import SITE_STYLESHEET, write_site_stylesheet

    files = {"assets/stylesheets/main.1a.min.css": '@charset "UTF-8";a{color:red}',
             "assets/stylesheets/palette.2b.min.css": "a{color:blue}\n",
             "assets/tdkt.css": "/* ours, last: it wins */\na{color:green}\n"}
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    write_site_stylesheet(tmp_path)
    assert (tmp_path / SITE_STYLESHEET).read_text(encoding="utf-8") == (
        '@charset "UTF-8";a{color:red}\na{color:blue}\n/* ours, last: it wins */\na{color:green}\n')
    (tmp_path / "assets/tdkt.css").unlink()
    with pytest.raises(FileNotFoundError, match="tdkt.css"):
        write_site_stylesheet(tmp_path)
