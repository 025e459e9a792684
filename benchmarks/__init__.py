"""Benchmark and measurement code: not part of the installed package (users never need it).

synth: a deterministic synthetic corpus of N articles; searchbench: search measured in Chromium
(tdkt's index, with lunr as a baseline); pagefindbench: Pagefind, the second baseline; `scripts/bench.py`
runs them. rankcheck: does search put the right article first, on the real articles of ../shared. Tests import these from the
repository root.
"""
