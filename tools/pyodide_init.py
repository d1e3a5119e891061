"""Stand-in for Pyodide's ``pyodide/__init__.py`` in the page's library: the same package,
whose asyncio event loop is installed when asyncio first runs instead of while Pyodide
starts.

Pyodide's own ``pyodide/__init__.py`` imports ``pyodide.webloop`` and installs its web
event loop at once. ``pyodide.webloop`` subclasses asyncio's classes, so every boot ran
asyncio and what it imports (``concurrent.futures``, ``logging``, ``socket``,
``subprocess``, ``selectors``...), though the page never runs a coroutine. This package
start imports ``_state``, as the original does first, and leaves the loop to
tools/sitecustomize.py's ``when_loaded``, which defers asyncio: when something first uses
asyncio, :func:`install_web_loop` installs the loop as the original does (the loop
policy, ``asyncio.run`` and ``time.sleep``), before asyncio hands out what was asked
for. Without the start-up hook it installs the loop at once, as the original.

tools/pyodide_stdlib.mjs puts it in the library as ``pyodide/__init__.pyc``. While it
records what boot imports it keeps Pyodide's own, so that asyncio and the web loop are in
the library for their first use. CPython never sees it; tests/test_pyodide.py checks that
asyncio is unloaded when the engine is ready and runs on the web loop once used.
"""

__version__ = "314.0.7"

# As Pyodide's own: the submodules, imported by `from pyodide import *`.
__all__ = ["__version__", "console", "code", "ffi", "http", "webloop"]  # noqa: F822, RUF022

from . import _state  # noqa: F401 (as Pyodide's own: the bridge to JavaScript first)


def install_web_loop() -> None:
    """Install Pyodide's web event loop (``pyodide.webloop``), as Pyodide's start does."""
    from .webloop import _initialize_event_loop  # noqa: PLC0415

    _initialize_event_loop()


try:
    from sitecustomize import when_loaded
except ImportError:  # no start-up hook: as Pyodide's own start
    install_web_loop()
else:
    when_loaded("asyncio", install_web_loop)
