"""The parts of the site build; ``build.py`` beside this package is the recipe that uses them.

One concern per module, each opening with what it does and what it may use:

- ``errors``: the two ways a build stops (BuildError, ContentProblem).
- ``layout``: where things are: the repository's folders and the files inside site/.
- ``formats``: the text forms the build writes (compact JSON, raw numbers).
- ``schema``: YAML parsed with line numbers and checked against a JSON Schema.
- ``catalog``: the API models' token prices, from the pinned price catalog.
- ``content``: reading and validating everything in content/.
- ``pagedata``: the page's data, computed with pycore in CPython.
- ``runtime``: the vendored runtime and the page's Python library (compiled under Node).
- ``precompress``: the wasm and the library pre-compressed by zopfli (cached).
- ``bundle``: the page's ES modules (templates/app/) bundled into app.js by esbuild.
- ``assets``: how each page loads its scripts and styles: SRI, CSP hashes, offline inlining.
- ``render``: the Jinja2 environment, its filters (the slider mapping among them), the pages.
- ``preview``: the social preview image.
- ``output``: writing site/ atomically.
- ``devserver``: ``make serve``: serve, watch, rebuild and reload the browser.

No module imports ``build``; none is installed with pycore's wheel (the browser never sees it).
"""
