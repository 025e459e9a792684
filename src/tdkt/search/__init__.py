"""search: the archive's static full-text search, written at build time and queried in the browser.

In:  the published records (each with record["page"], its site-relative URL) and the built site folder.
Out: <site>/tim-kiem/index/ (meta.json, the manifest, and one folder per segment: sharded postings,
     facet columns, the result store) and the browser module that reads it (assets/*.js and .css,
     copied into <site>/assets/search/). Needs nothing from the site package: the two meet only in
     the built site (the search page links the module; records carry their page URL).

Entry points (the build calls one of them after MkDocs has written the new site):

    update_index(records, site_dir, state_dir, jobs=None, max_delta=MAX_DELTA, body_digest=None) -> stats
        The incremental build. `records`: every published record (an iterable, all of them, as
        for a full build). `state_dir`: a folder of its own that survives between builds (e.g.
        build/search/); the index keeps its segments and state.json there. Writes the index into
        `site_dir` (a fresh folder each build is fine: unchanged segment files are hard-linked from
        state_dir, copied where linking fails). Decides what changed by content digests of what
        the index holds of each article: an added, edited or removed article is written into a
        small delta segment (edited/removed ones are marked deleted in the base); when the delta
        passes `max_delta` articles (a tenth of a smaller base) the segments are merged (a full
        index build). The answers (results, order, counts, snippets) are those of a full build
        of the same records.
        stats: {"mode": "full" | "merge" | "delta" | "unchanged", "docs", "delta_docs",
        "deleted_docs", "segments", "terms", "bytes", "postings_bytes", "docs_bytes", ...},
        deterministic (no timings), so it can go into build/report.json.
        Cost with nothing to merge: a digest of every record (~13 us each when it hashes the
        body: 0.65 s at 50,000; pass `body_digest(record) -> str`, a digest of the body the caller
        already has, and an unchanged article's body is never read), the delta segment (~1-3 ms
        per article in it), hard links of the unchanged segment files (~0.4 s for 58,000 files at
        50,000 articles), the manifest. Measured on the loaded 2-core machine with records in
        memory: one added article 0.86 s at 20,000 articles, 1.7 s at 50,000 (a full index build:
        33 s and 62-89 s). In build.py, with the build's lazily read bodies:
            update_index(whole, tmp_site, build_root / "search", jobs, body_digest=bodies.body_digest)

    build_index(records, site_dir, jobs=None) -> stats
        The whole index as one segment, no state (tests, one-off builds).

    index_workers(jobs) -> worker processes forked now (runtime.EarlyWorkers); given as
        `jobs` to either of the above, so that a caller can start a thread beside the index
        (tdkt.beside: the downloads) and no fork happens while it runs. tdkt build forks them at
        its start, while its process is small. The caller closes them.

    IndexReader(site_dir): the same index read back in Python (find, in_a_row, postings, doc).

Modules: terms (tokens, what one article contributes), store (the compressed result store),
segment (one segment's files), segments (the manifest, update_index, build_index), reader.
"""

from tdkt.search.reader import IndexReader, parse_query
from tdkt.search.segment import index_workers
from tdkt.search.segments import INDEX_DIR, MAX_DELTA, build_index, update_index

__all__ = ["INDEX_DIR", "MAX_DELTA", "IndexReader", "build_index", "index_workers", "parse_query", "update_index"]
