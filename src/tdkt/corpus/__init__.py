"""corpus: reading the inputs, before anything is extracted.

In:  a folder of raw articles (.txt, .html, optional NAME.json sidecars, overrides.yaml) or URLs.
Out: RawArticle -> CleanArticle (tdkt.model) for the extractor; after extraction, the editor's
     corrections and the syndicated copies merged into one record.
Modules: scan (what is an input), ingest + legacy_encodings (bytes -> text + provenance), clean
(page chrome out, never a sentence lost), fetch (`tdkt fetch`), overrides (`corpus/overrides.yaml`),
syndication (copies of one article -> one). Entry points: `scan.scan_corpus`, `ingest.read_article`,
`clean.clean_article`.
"""
