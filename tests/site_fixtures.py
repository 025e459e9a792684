"""A built sample site, once per test session, for the site's integration and browser tests.

    from tests.site_fixtures import sample_site, served_site  # noqa: F401  (fixtures)

`sample_site` is a `BuiltSite` (project dir, docs/, site/, the records it was built from);
`served_site` is the base URL of that site served under /tdkt/ as GitHub Pages would.

The sample site is corpus/ through the real `tdkt build`; `build_site(records, dir)` renders
given records (e.g. `handmade_records()`, invented text in the shape of the data contract, or a
hostile one) and runs the real `mkdocs build`.
The site is built in a temporary copy of the project, never in the repository's docs/ or site/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser import serve_site

ROOT = Path(__file__).resolve().parent.parent
HAND_WRITTEN_IGNORE = shutil.ignore_patterns("bai-viet", "tinh", "nam", "khen-thuong", "don-vi", "index.md")


@dataclass
class BuiltSite:
    project: Path
    docs: Path
    site: Path
    records: list[dict]


def _award(kind, status="given", collectives=None, individuals=None, authority=None, detail=None):
    return {"type": kind, "label": None, "detail": detail, "grade": None, "authority": authority,
            "status": status, "collectives": collectives, "individuals": individuals,
            "households": None, "organizations": None}


def handmade_records() -> list[dict]:
    """Five invented articles: two provinces (one merged in 2025), three years, seven award types,
    two articles with the same title in the same year, one without any date."""
    base = {"source": None, "url": None, "published_date": None, "campaign_year": None,
            "officials": [], "author": None, "warnings": []}
    return [
        dict(base, id="a01", source="corpus/a01.txt", url="https://example.gov.vn/tin/a01?id=1&x=(2)",
             title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023",
             event_date="2024-01-12", published_date="2024-01-13", reviewed_year=2023, campaign_year=2024,
             unit={"name": "UBND thị xã Hồng Lĩnh", "level": "district"},
             province={"name": "Hà Tĩnh", "current": "Hà Tĩnh"},
             awards=[_award("co-thi-dua-cap-tinh", collectives=2, authority="Chủ tịch UBND tỉnh"),
                     _award("giay-khen", collectives=26, individuals=108, authority="Chủ tịch UBND thị xã"),
                     _award("bang-khen-thu-tuong", status="proposed", individuals=1)],
             officials=[{"name": "Nguyễn Văn An", "title": "Chủ tịch UBND thị xã"}],
             author="Minh Anh",
             body="Sáng ngày 12/1, thị xã tổ chức hội nghị tổng kết.\n\nNăm 2023 hoàn thành 17/21 chỉ tiêu."),
        dict(base, id="a02", title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023",
             event_date="2023-12-28", reviewed_year=2023,
             unit={"name": "UBND huyện Kiến Xương", "level": "district"},
             province={"name": "Thái Bình", "current": "Hưng Yên"},
             awards=[_award("lao-dong-tien-tien", individuals=118), _award("tap-the-lao-dong-tien-tien", collectives=32)],
             body="Huyện Kiến Xương tổng kết phong trào thi đua năm 2023."),
        dict(base, id="a03", title="Phát động phong trào thi đua năm 2022",
             event_date="2022-02-10", reviewed_year=None, campaign_year=2022,
             unit={"name": "Sở Y tế", "level": "sector"}, province={"name": "Thái Bình", "current": "Hưng Yên"},
             awards=[_award("chien-si-thi-dua-co-so", individuals=15)],
             body="Sở Y tế phát động phong trào thi đua."),
        dict(base, id="a04", title="Tổng kết Cụm thi đua số 3 năm 2021",
             event_date="2022-01-05", reviewed_year=2021,
             unit={"name": "Cụm thi đua số 3", "level": "cluster"}, province={"name": "Hà Tĩnh", "current": "Hà Tĩnh"},
             awards=[_award("co-thi-dua-cap-tinh", collectives=1)],
             body="Cụm thi đua số 3 ký giao ước thi đua."),
        dict(base, id="a05", title="Gặp mặt điển hình tiên tiến", event_date=None, reviewed_year=None,
             unit={"name": None, "level": None}, province={"name": None, "current": None}, awards=[],
             body="Buổi gặp mặt các điển hình tiên tiến."),
    ]


def extracted_records() -> list[dict] | None:
    """The sample corpus through the real extractor, or None while `tdkt extract` is not there."""
    samples = sorted(str(p) for p in (ROOT / "corpus").glob("*.txt"))
    tdkt = Path(sys.executable).with_name("tdkt")
    try:
        done = subprocess.run([str(tdkt), "extract", *samples], capture_output=True, text=True, timeout=300, cwd=ROOT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0 or not done.stdout.strip():
        return None
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def make_project(target: Path) -> Path:
    """A copy of what `mkdocs build` reads (config, overrides, hand-written docs): no src/, the
    site's plugins come with the installed package."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "docs", target / "docs", ignore=HAND_WRITTEN_IGNORE)
    return target


def mkdocs_build(project: Path, env: dict | None = None) -> Path:
    """The real `mkdocs build`; fails the test with MkDocs' output when it fails."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    mkdocs = Path(sys.executable).with_name("mkdocs")
    done = subprocess.run([str(mkdocs), "build", "-q", "-f", str(project / "mkdocs.yml")],
                          capture_output=True, text=True, env=env, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{done.stdout}\n{done.stderr}")
    return project / "site"


def build_site(records: list[dict], project: Path, env: dict | None = None) -> BuiltSite:
    from tdkt.site.render import render_docs

    make_project(project)
    render_docs(records, project / "docs")
    site = mkdocs_build(project, env)
    return BuiltSite(project, project / "docs", site, records)


def build_corpus(corpus: Path, project: Path) -> BuiltSite:
    """The real `tdkt build` (tdkt.build.build) of a corpus folder in a project copy."""
    from tdkt.build import build
    from tdkt.site.paths import assign_article_pages, url_of

    make_project(project)
    shutil.copytree(corpus, project / "corpus")
    build("corpus", "site", project_dir=project, build_dir="build", jobs=2, progress=False)
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((project / "build" / "articles").glob("*.json"))]
    pages = assign_article_pages(records)
    for record in records:
        record["page"] = url_of(pages[str(record["id"])])
    return BuiltSite(project, project / "docs", project / "site", records)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> BuiltSite:
    """The sample corpus built the way the README builds it (`tdkt build`), once per session."""
    project = tmp_path_factory.mktemp("sample-site")
    try:
        import tdkt.build  # noqa: F401
    except ModuleNotFoundError:  # before the orchestrator: render + mkdocs build directly
        return build_site(extracted_records() or handmade_records(), project)
    return build_corpus(ROOT / "corpus", project)


@pytest.fixture(scope="session")
def served_site(sample_site) -> str:
    with serve_site(sample_site.site) as base:
        yield base


def sitemap_locs(site: Path) -> list[str]:
    """The page URLs a built site's sitemap lists, in order: read through its index (sitemap.xml) and
    each gzipped part it names (at the site's root), or, in a plain urlset (MkDocs' own, from a bare
    `mkdocs build`), straight from it. Parsed as XML, apart from tdkt.site.sitemap's code."""
    import gzip
    import xml.etree.ElementTree as ET
    from urllib.parse import urlsplit

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    if root.tag != "{%s}sitemapindex" % ns["s"]:
        return [loc.text for loc in root.findall("s:url/s:loc", ns)]
    locs = []
    for part in root.findall("s:sitemap/s:loc", ns):
        urlset = ET.fromstring(gzip.decompress((site / urlsplit(part.text).path.rsplit("/", 1)[-1]).read_bytes()))
        assert urlset.tag == "{%s}urlset" % ns["s"], part.text
        locs += [loc.text for loc in urlset.findall("s:url/s:loc", ns)]
    return locs
