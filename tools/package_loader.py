"""Stand-in for Pyodide's package loader (``pyodide._package_loader``) in the page's library.

The page loads no packages, so the loader's real work (unpacking wheels and archives into
site-packages) never runs. Pyodide's start-up still imports the loader, reads where packages
would go (``SITE_PACKAGES``, ``DSO_DIR``) and asks it to register the packages already
installed (:func:`init_loaded_packages`). Importing Pyodide's own loader for that runs
zipfile, shutil, tempfile, pathlib and their imports at every boot, about 100 KB of the
first visit (gzip): this module answers the same names with the standard library's ``os``
and ``site`` only, and refuses, with a clear message, to install anything.

tools/pyodide_stdlib.mjs puts it in the library as ``pyodide/_package_loader.pyc`` (and
imports it in place of the real one while it records what boot imports); CPython never
sees it. tests/test_pyodide.py runs every scenario of the page on the library built with it.
"""

import os
import sys
from site import getsitepackages


class Folder:
    """A folder's path that is not a ``str``: Pyodide's start-up reads these two with
    ``SITE_PACKAGES.__str__()`` from JavaScript, which a Python ``str`` (handed over as a
    JavaScript string) would not have."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __str__(self) -> str:
        return self.path


#: Where Pyodide would install packages.
SITE_PACKAGES = Folder(getsitepackages()[0])
#: Where it would put their shared libraries (outside a virtual environment, as here).
DSO_DIR = Folder(
    "/usr/lib"
    if sys.base_prefix == sys.prefix
    else os.path.dirname(os.path.dirname(SITE_PACKAGES.path))
)


def get_install_dir(target: str | None = None) -> str:
    """Return the folder for a package's files: site-packages, or ``DSO_DIR`` for
    ``"dynlib"``."""
    return str(DSO_DIR if target == "dynlib" else SITE_PACKAGES)


def init_loaded_packages() -> None:
    """Register the packages already installed with ``pyodide.loadPackage``: the page
    never calls it, and its library installs none, so there is nothing to register."""
    return


def unpack_buffer(*args: object, **kwargs: object) -> None:
    """Refuse to install a package: the page's library loads none."""
    raise RuntimeError("this page's Python library loads no packages")
