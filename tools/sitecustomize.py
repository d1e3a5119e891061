"""Start-up hook of the page's Python (Pyodide): load modules the page never uses lazily.

Python imports ``sitecustomize`` while it starts, before Pyodide imports its own modules.
Those import a few standard modules that computing a scenario never touches: the colour
themes of tracebacks, parts of asyncio, CSV. This hook gives each of them
``importlib.util.LazyLoader``: the import finds the module at once but
runs it only when one of its attributes is first used, so an unused module costs nothing
(measured with bench/ab.py: the engine is ready about 20 ms sooner). A module used after
all (CSV on an export) loads then, as usual.

tools/pyodide_stdlib.mjs compiles this file into the page's Python library; CPython never
sees it. tests/test_pyodide.py checks that every module below is still unloaded when the
engine is ready.
"""

import importlib.util
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType

#: Imported while Pyodide starts, unused until the engine is ready.
DEFERRED = frozenset(
    {
        "_colorize",
        "asyncio.format_helpers",
        "asyncio.sslproto",
        "asyncio.staggered",
        "asyncio.trsock",
        "codeop",
        "csv",
    }
)


class DeferredFinder:
    """Find the DEFERRED modules as the path finder does, with a lazy loader."""

    @classmethod
    def find_spec(
        cls, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        """Return the path finder's spec for a DEFERRED module, made lazy; else None."""
        if name not in DEFERRED:
            return None
        spec = PathFinder.find_spec(name, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


sys.meta_path.insert(sys.meta_path.index(PathFinder), DeferredFinder)
