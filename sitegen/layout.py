"""Where things are: the repository's folders, and the paths of runtime files inside site/.

Uses nothing of the package. Paths inside site/ are POSIX strings, the keys of the
``files`` mapping that the build fills and ``output`` writes.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
#: The page's Python library maker (run under Node) and its start-up hook.
TOOLS = ROOT / "tools"
PYCORE = ROOT / "pycore"
#: The model's documentation, published with the site as model.html.
MODEL_DOC = ROOT / "docs" / "model.md"
#: Build cache (the trimmed stdlib, zopfli's output): safe to delete.
CACHE = ROOT / ".cache"

#: Files of the npm ``pyodide`` package that the page needs at run time.
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.js",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
CHART_JS = "chart.js/dist/chart.umd.min.js"
CHART_URL = "vendor/chart.umd.min.js"
#: nanotar (unjs), which unpacks the page's Python library in the browser (engine.js).
NANOTAR_JS = "nanotar/dist/index.mjs"
NANOTAR_URL = "vendor/nanotar.mjs"
#: Added to the site by `make serve` only: reloads the page after a rebuild.
DEV_RELOAD = "dev-reload.js"
#: The page's script: the ES modules of templates/app/, bundled (see ``bundle``).
APP_JS = "app.js"

#: The detailed view's groups of inputs, an HTML fragment that app.js fetches into the
#: served pages (offline.html has them inline; see ``render``).
DETAILED_INPUTS = "detailed-inputs.html"

#: Pyodide's own standard library zip. The site ships it empty (Pyodide always installs
#: one): the page's Python library (STDLIB) is unpacked as plain files instead.
STOCK_STDLIB = "vendor/pyodide/python_stdlib.zip"
#: Pyodide's WebAssembly binary, and the same pre-compressed by zopfli: the site ships only
#: the .gz, which worker.js fetches and inflates (``precompress``).
PYODIDE_WASM = "vendor/pyodide/pyodide.asm.wasm"
PYODIDE_WASM_GZ = PYODIDE_WASM + ".gz"
#: Pyodide's module factory (Emscripten's JavaScript side of the wasm).
PYODIDE_FACTORY = "vendor/pyodide/pyodide.asm.mjs"
#: The page's Python library: pycore and the stdlib modules it needs, as .pyc in a tar.gz.
STDLIB = "vendor/pyodide/python_stdlib.tar.gz"
LOCK = "vendor/pyodide/pyodide-lock.json"
