"""site: published records -> the Markdown pages of docs/, then MkDocs -> the static site.

In:  records (the data contract, overrides applied, copies merged).
Out: docs/<generated pages>.md (render.render_docs, insight.render_insight_docs), the downloads and
     feed (datasets.write_downloads), the sitemap, the swapped-in site/.
Layers inside: markup, values, paths (primitives) <- article, listings, related, stats, officials,
feed <- render, insight, datasets. The MkDocs side: incremental (page cache plugin), hooks (the
site plugin), mkdocs_run (quiet, clockless, parallel helper builds), sitemap, swap; serve for
`tdkt serve`. Entry: `render.render_docs(records, docs_dir) -> RenderResult`.
"""
