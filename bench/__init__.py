"""Benchmarks of the guide, run by ``make bench`` (not part of ``make test``).

- ``bench.synthetic`` makes data sets of any number of libraries by cloning the real ones.
- ``bench.build`` times ``mkdocs build`` of the real data and of synthetic data sets against
  plain-Markdown baselines it builds itself, and reports seconds and peak memory.

Every project a benchmark builds lives in a temporary folder and is deleted afterwards.
"""
