"""`make bench`: the built page against a bare ``loadPyodide()`` page, in headless Chromium.

- ``run``: the command (``python bench/run.py``): builds, measures, writes the report.
- ``ab``: interleaved cold visits of built site variants (how levers were kept or dropped).
- ``chromium``: the browser and its launch flags, shared with the tests.
- ``serving``: building the site, the bare page, and the local server that records requests.
- ``visits``: cold visits, probes and timings in the browser.
- ``latency``: input latency in the detailed view, the Monte Carlo, inputs during it.
- ``lighthouse``: one Lighthouse run.
- ``figures``: progress lines, medians, percentiles and their formats.
- ``summary``: the samples summed up: medians, bytes served, the machine.
- ``report``: the Markdown table and BENCHMARKS.md; ``method``: its fixed prose.
"""
