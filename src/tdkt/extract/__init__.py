"""extract: a clean article -> the article record of the data contract (DESIGN.md, "The data contract").

In:  a CleanArticle (tdkt.corpus) or an article file.
Out: the record dict: dates, unit and level, province then and now, years, awards, officials,
     author, with `found_by` (the rule behind each field) and `warnings` (what it was unsure of).
Modules: record (the pure assembler: `extract(article) -> dict`) over one module per field
(title, dates, years, unit, province, awards, officials; scan holds the shared regex helper);
pipeline (file -> record, `tdkt extract`), batch (a whole corpus on all cores, cached),
evaluate (`tdkt eval` against hand labels), review (`tdkt review`: the records to check first).
Entry: `extract(article)`, `pipeline.extract_file(path)`.
"""

from tdkt.extract.record import extract

__all__ = ["extract"]
