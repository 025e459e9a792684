"""search: the archive's static full-text search, built at build time and queried in the browser.

In:  the published records (each with record["page"]) and the built site folder.
Out: <site>/tim-kiem/index/ (sharded postings, facet columns, result fragments) and the browser
     module that reads it (assets/tdkt-search.js and .css, copied into <site>/assets/search/).
Entry: `build_index(records, site_dir) -> stats`. Needs nothing from the site package: the two
meet only in the built site (the search page links the module; records carry their page URL).
"""

from tdkt.search.index import build_index

__all__ = ["build_index"]
