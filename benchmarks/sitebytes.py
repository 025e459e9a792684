"""Where a built site's bytes go, by feature (issue 15: what sharing, unit pages and the SQLite
download cost each article), beside the benchmark's bytes by folder.

    .venv/bin/python -m benchmarks.sitebytes SITE_DIR [--json]

The sharing metadata is what tdkt.site.sharing puts in a page's head: the description, the Open Graph
tags and an article's JSON-LD. Unit pages are /don-vi/; the SQLite download is /du-lieu/tdkt.sqlite.gz.
Bytes per article divide by the number of article pages (bai-viet/**/index.html).
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

SHARING = re.compile(rb'<meta name="description"[^>]*>|<meta property="og:[^>]*>'
                     rb'|<script type="application/ld\+json">.*?</script>', re.S)


def site_feature_bytes(site: Path) -> dict:
    """Bytes of the site, of its sharing metadata, unit pages and SQLite download, and per article."""
    total = sharing = units = articles = 0
    for root, _dirs, files in os.walk(site):
        rel = Path(root).relative_to(site).parts
        for name in files:
            path = Path(root, name)
            size = path.stat().st_size
            total += size
            if rel[:1] == ("don-vi",):
                units += size
            if name.endswith(".html"):
                sharing += sum(len(m.group(0)) for m in SHARING.finditer(path.read_bytes()))
                if rel[:1] == ("bai-viet",) and name == "index.html":
                    articles += 1
    sqlite = site / "du-lieu" / "tdkt.sqlite.gz"
    sqlite_bytes = sqlite.stat().st_size if sqlite.is_file() else 0
    each = max(articles, 1)
    return {"articles": articles, "site_bytes": total, "sharing_bytes": sharing, "unit_pages_bytes": units,
            "sqlite_bytes": sqlite_bytes,
            "per_article": {"site": round(total / each), "sharing": round(sharing / each),
                            "unit_pages": round(units / each), "sqlite": round(sqlite_bytes / each)}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    result = site_feature_bytes(args.site)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    per = result["per_article"]
    print(f"{result['articles']:,} articles, site {result['site_bytes']:,} bytes ({per['site']:,} B an article)")
    for key, label in (("sharing", "sharing metadata (description, Open Graph, JSON-LD)"),
                       ("unit_pages", "unit pages (/don-vi/)"), ("sqlite", "SQLite download (tdkt.sqlite.gz)")):
        print(f"  {label}: {result[key + '_bytes']:,} bytes,"
              f" {per[key]:,} B an article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
