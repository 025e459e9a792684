"""tdkt: an open archive of Vietnamese news about emulation and commendation work.

The package is the pipeline, one sub-package per stage, imports pointing one way (down):

    cli        the `tdkt` command, a thin layer
    build      the orchestrator: stages in order, timings, the build report
    site       records -> Markdown pages -> MkDocs -> site/      search   the static search index
    extract    a clean article -> its record (the data contract)
    corpus     files and URLs -> clean articles; the editor's overrides; syndicated copies
    places, places_now, cache, runtime, taxonomy, text, model   the primitives every stage shares
"""

__version__ = "0.1.0"
