"""How each page loads its scripts, styles and runtime: by URL with SRI (served pages), or
inline, allowed by CSP hashes, with the runtime embedded as data (offline.html).

Uses ``errors``, ``layout`` and ``formats``. Works on the ``files`` mapping (path inside
site/ -> bytes) once it holds the bundled app.js and the page's Python library.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from sitegen.errors import BuildError
from sitegen.formats import compact_json
from sitegen.layout import (
    APP_JS,
    CHART_URL,
    DETAILED_INPUTS,
    DEV_RELOAD,
    LOCK,
    NANOTAR_URL,
    PYODIDE_FACTORY,
    PYODIDE_WASM_GZ,
    STDLIB,
    STOCK_STDLIB,
)

SERVED_CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)

#: Base85 digits for data embedded in offline.html: printable ASCII from "#" to "y"
#: without "<" (so no "</script>" can form) and "\\"; offline.js decodes the same table.
BASE85_DIGITS = "".join(chr(c) for c in range(35, 122) if chr(c) not in "<\\")
_RFC1924_DIGITS = (
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~"
)
_TO_BASE85 = str.maketrans(_RFC1924_DIGITS, BASE85_DIGITS)


@dataclass(frozen=True)
class Script:
    """A script of the page: loaded from ``src`` (served) or inlined as ``code`` (offline)."""

    module: bool
    src: str = ""
    integrity: str = ""
    code: str = ""
    blocking: bool = False  # a tiny classic script that must run before parsing goes on


@dataclass(frozen=True)
class Fragment:
    """A part of a page kept in a file of its own: its URL and Subresource Integrity."""

    src: str
    integrity: str


@dataclass(frozen=True)
class Assets:
    """How a page refers to its styles, scripts and data: by URL or inline."""

    csp: str
    scripts: tuple[Script, ...]
    stylesheet: str = ""
    stylesheet_integrity: str = ""
    inline_css: str = ""
    favicon: str = "favicon.svg"
    data_blocks: tuple[tuple[str, str], ...] = ()
    chart_library: str = ""  # JSON {"src", "integrity"}, when Chart.js is not inlined
    detailed_inputs: Fragment | None = None  # fetched by app.js; None: inline in the page


def sri(data: bytes) -> str:
    """Return a Subresource Integrity value (sha384) for ``data``."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def csp_hash(code: str) -> str:
    """Return the CSP source expression that allows exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"


def served_assets(files: Mapping[str, bytes], detailed_inputs: bytes) -> Assets:
    """Assets of the served pages: files by relative URL, each script with SRI.

    ``detailed_inputs`` is the rendered fragment of the detailed view's inputs, which the
    pages fetch from DETAILED_INPUTS (checked against its SRI).

    A development build (with ``dev-reload.js``, see ``devserver``) also loads that.
    """
    scripts = [
        Script(module=False, src="boot.js", integrity=sri(files["boot.js"]), blocking=True),
        Script(module=True, src=APP_JS, integrity=sri(files[APP_JS])),
    ]
    if DEV_RELOAD in files:
        scripts.append(Script(module=True, src=DEV_RELOAD, integrity=sri(files[DEV_RELOAD])))
    return Assets(
        csp=SERVED_CSP,
        stylesheet="style.css",
        stylesheet_integrity=sri(files["style.css"]),
        scripts=tuple(scripts),
        # loaded by app.js when a chart is about to show (see charts.js, loadChartLibrary)
        chart_library=compact_json({"src": CHART_URL, "integrity": sri(files[CHART_URL])}),
        detailed_inputs=Fragment(DETAILED_INPUTS, sri(detailed_inputs)),
    )


def offline_assets(files: Mapping[str, bytes]) -> Assets:
    """Assets of offline.html: scripts and styles inline, allowed by hash; runtime embedded.

    The wasm and the Python library travel as gzip+base85 data blocks that offline.js
    decodes; Pyodide's module factory and nanotar are inlined with their exports turned
    into globals.
    """
    if BASE85_DIGITS not in files["offline.js"].decode():
        raise BuildError("offline.js: its base85 digits differ from assets.BASE85_DIGITS")
    factory = exports_as_global(
        files, PYODIDE_FACTORY, r"export\s*\{\s*(\w+) as default\s*\};", r"createPyodideModule = \1"
    )
    nanotar = exports_as_global(files, NANOTAR_URL, r"export (\{[\w\s,]+\});", r"nanotar = \1")
    scripts = (
        Script(module=False, code=inline_code(files, CHART_URL)),
        Script(module=False, code=inline_code(files, "vendor/pyodide/pyodide.js")),
        Script(module=False, code=inline_code(files, "engine.js")),
        Script(module=True, code=factory),
        Script(module=True, code=nanotar),
        Script(module=False, code=inline_code(files, "offline.js")),
        Script(module=True, code=inline_code(files, APP_JS)),
    )
    css = files["style.css"].decode()
    blocks = [
        # already gzipped (by zopfli, see ``precompress``): offline.js inflates each block,
        # which gives the wasm, and the library's tar (engine.js reads a tar or a tar.gz)
        ("pyodide.asm.wasm", base85(files[PYODIDE_WASM_GZ])),
        ("python_stdlib.tar.gz", base85(files[STDLIB])),
        ("python_stdlib.zip", gzip_base85(files[STOCK_STDLIB])),
    ]
    blocks.append(("pyodide-lock.json", checked_inline("lock", files[LOCK].decode())))
    hashes = " ".join(csp_hash(script.code) for script in scripts)
    return Assets(
        csp=(
            f"default-src 'none'; script-src {hashes} 'wasm-unsafe-eval'; "
            f"style-src {csp_hash(css)}; img-src data:; object-src 'none'; "
            "base-uri 'none'; form-action 'none'"
        ),
        scripts=scripts,
        inline_css=css,
        favicon="data:image/svg+xml;base64," + base64.b64encode(files["favicon.svg"]).decode(),
        data_blocks=tuple(blocks),
    )


def exports_as_global(files: Mapping[str, bytes], path: str, export: str, assign: str) -> str:
    """Inline an ES module whose one ``export`` statement becomes ``globalThis.<assign>``.

    offline.html has no module files to import from, so offline.js finds the module's
    exports as globals instead. Raises BuildError unless ``export`` (a regular
    expression) matches exactly once.
    """
    code, count = re.subn(export, f"globalThis.{assign};", files[path].decode())
    if count != 1:
        raise BuildError(f"{path}: expected one export matching {export!r}, found {count}")
    return checked_inline(path, code)


def inline_code(files: Mapping[str, bytes], path: str) -> str:
    """Return a file's text for inlining in a <script>, checked safe to inline."""
    return checked_inline(path, files[path].decode())


def checked_inline(name: str, code: str) -> str:
    """Refuse code that would end or confuse an inline <script> element."""
    lowered = code.lower()
    for marker in ("</script", "<!--", "<script"):
        if marker in lowered:
            raise BuildError(f"{name}: cannot be inlined, it contains {marker!r}")
    return code


def gzip_base85(data: bytes) -> str:
    """Compress ``data`` with gzip (fixed mtime, reproducible) and encode it in base85."""
    return base85(gzip.compress(data, compresslevel=9, mtime=0))


def base85(packed: bytes) -> str:
    """Encode gzip bytes in base85 with BASE85_DIGITS, for a data block that offline.js
    inflates.

    Base85 costs 25% over the bytes where base64 costs 33%: the difference keeps
    offline.html under 7 MB. The final group of n < 4 bytes takes n + 1 digits.
    """
    if packed[:2] != b"\x1f\x8b":
        raise BuildError("an embedded block must be gzip: offline.js inflates each one")
    return base64.b85encode(packed).decode().translate(_TO_BASE85)
