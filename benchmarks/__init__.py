"""Benchmark and measurement code: not part of the installed package (users never need it).

synth: a deterministic synthetic corpus of N articles; searchbench: search measured in Chromium
(tdkt's index, with lunr as a baseline); `scripts/bench.py` runs them. Tests import these from the
repository root.
"""
