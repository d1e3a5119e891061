"""Start-up hook of the page's Python (Pyodide): load modules the page never uses lazily,
and hand dataclasses the precompiled code of the methods it writes for pycore's records.

Python imports ``sitecustomize`` while it starts, before Pyodide imports its own modules.
Those import a few standard modules that computing a scenario never touches: the colour
themes of tracebacks, parts of asyncio, CSV. This hook gives each of them
``importlib.util.LazyLoader``: the import finds the module at once but
runs it only when one of its attributes is first used, so an unused module costs nothing
(measured with bench/ab.py: the engine is ready about 20 ms sooner). A module used after
all (CSV on an export) loads then, as usual.

A dataclass's methods (``__init__``, ``__eq__``, ``__hash__``, ``__repr__``...) are Python
source that ``dataclasses`` writes and compiles while the class is created: about half of
pycore's import under Pyodide, whose compiler runs as WebAssembly. The build records that
code as it is compiled (tools/pyodide_stdlib.mjs) and ships it beside this hook, keyed by
the SHA-256 of the source text (dataclass_code.marshal); this hook gives ``dataclasses``
an ``exec`` that runs the recorded code for a known text and compiles any other, so the
classes are the same, only made sooner.

tools/pyodide_stdlib.mjs compiles this file into the page's Python library; CPython never
sees it. tests/test_pyodide.py checks that every module below is still unloaded when the
engine is ready, and that pycore's records used only precompiled code.
"""

import importlib.util
import marshal
import os
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


#: How many dataclass methods' sources were run from the build's code ("precompiled") and
#: compiled here ("compiled"): tools/pyodide_stdlib.mjs reports them once the engine is ready.
DATACLASS_CODE_USED = {"precompiled": 0, "compiled": 0}


def use_precompiled_dataclass_code() -> None:
    """Give ``dataclasses`` the build's code for the sources it compiles (if shipped)."""
    try:
        with open(os.path.join(os.path.dirname(__file__), "dataclass_code.marshal"), "rb") as file:
            precompiled = marshal.load(file)
    except (OSError, EOFError, ValueError, TypeError):  # missing or unreadable: compile as usual
        return
    import dataclasses  # noqa: PLC0415 (imported by Pyodide's start-up anyway)

    from _sha2 import sha256  # noqa: PLC0415 (built in: hashlib's own)

    def precompiled_exec(source: str, globals: dict, locals: dict | None = None, /) -> None:
        """``exec`` as ``dataclasses`` calls it, with the recorded code when there is some."""
        code = precompiled.get(sha256(source.encode()).digest())
        DATACLASS_CODE_USED["compiled" if code is None else "precompiled"] += 1
        exec(source if code is None else code, globals, locals)

    dataclasses.exec = precompiled_exec


use_precompiled_dataclass_code()
