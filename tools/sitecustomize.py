"""Start-up hook of the page's Python (Pyodide): load modules the page never uses lazily,
and hand dataclasses the precompiled code of the methods it writes for pycore's records.

Python imports ``sitecustomize`` while it starts, before Pyodide imports its own modules.
Those import a few standard modules that computing a scenario never touches: asyncio and
all it imports (Pyodide's core imports it for coroutines the page never runs), the colour
themes of tracebacks, codeop, CSV, and ``tokenize`` (imported by ``inspect`` and by Pyodide's
helpers that run Python source, which the page never does: sitegen/factory.py keeps
Pyodide's own start from running any). This hook makes each of them a lazy module
(``importlib.util.LazyLoader``): the import finds the module at once but runs it only when
one of its attributes is first used, so an unused module costs nothing. A module used
after all (CSV on an export) loads then, as usual. Measured with bench/ab.py: about 20 ms
sooner ready for the modules deferred first, and 60 to 75 ms more for asyncio, whose web loop
Pyodide's package start (tools/pyodide_init.py in the page's library) installs when
asyncio first runs (:func:`when_loaded`), no longer while it starts.

A dataclass's methods (``__init__``, ``__eq__``, ``__hash__``, ``__repr__``...) are Python
source that ``dataclasses`` writes and compiles while the class is created: about half of
pycore's import under Pyodide, whose compiler runs as WebAssembly. The build records that
code as it is compiled (tools/pyodide_stdlib.mjs) and ships it beside this hook, keyed by
the SHA-256 of the source text (dataclass_code.marshal); this hook gives ``dataclasses``
an ``exec`` that runs the recorded code for a known text and compiles any other, so the
classes are the same, only made sooner.

tools/pyodide_stdlib.mjs compiles this file into the page's Python library; CPython never
sees it. tests/test_pyodide.py checks that every module below is still unloaded when the
engine is ready, that asyncio then runs on Pyodide's web event loop, and that pycore's
records used only precompiled code.
"""

import importlib.util
import marshal
import os
import sys
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType

#: Imported while Pyodide starts, unused until the engine is ready.
DEFERRED = frozenset({"_colorize", "asyncio", "codeop", "csv", "tokenize"})

#: What to run once a DEFERRED module has run, by module name (:func:`when_loaded`).
WHEN_LOADED: dict[str, list[Callable[[], None]]] = {}


class DeferredModule(importlib.util._LazyModule):
    """A lazy module (``importlib.util``'s) that runs the :func:`when_loaded` actions after
    it runs, and whose ``__spec__`` can be read without running it: ``import name`` reads
    the spec of a module already in ``sys.modules``, so a plain lazy module would run at its
    second import (Pyodide's core imports asyncio twice while it starts)."""

    def __getattribute__(self, attr: str) -> object:
        if attr == "__spec__":
            return object.__getattribute__(self, attr)
        # The stdlib's lazy module runs the module only for its own exact class.
        object.__setattr__(self, "__class__", importlib.util._LazyModule)
        value = importlib.util._LazyModule.__getattribute__(self, attr)
        for action in WHEN_LOADED.pop(object.__getattribute__(self, "__spec__").name, []):
            action()
        return value


class DeferredLoader(importlib.util.LazyLoader):
    """``importlib.util.LazyLoader``, making a :class:`DeferredModule`."""

    def exec_module(self, module: ModuleType) -> None:
        """Make ``module`` lazy."""
        super().exec_module(module)
        module.__class__ = DeferredModule


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
            spec.loader = DeferredLoader(spec.loader)
        return spec


sys.meta_path.insert(sys.meta_path.index(PathFinder), DeferredFinder)


def when_loaded(name: str, action: Callable[[], None]) -> None:
    """Run ``action`` once module ``name`` has run: now if it has (or is not deferred),
    else right after it first runs, before the attribute that made it run is handed out."""
    module = sys.modules.get(name)
    if name in DEFERRED and (module is None or isinstance(module, DeferredModule)):
        WHEN_LOADED.setdefault(name, []).append(action)
    else:
        action()


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
