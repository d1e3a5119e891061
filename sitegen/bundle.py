"""The page's script: the ES modules of templates/app/ bundled into one app.js by esbuild.

Uses ``errors`` and ``layout``; runs esbuild from node_modules (pinned in
package-lock.json). The bundle is minified and depends only on its sources, so two builds
give the same bytes; SRI and offline.html's CSP hash are taken from it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from sitegen.errors import BuildError
from sitegen.layout import NODE_MODULES, ROOT

ESBUILD = NODE_MODULES / ".bin" / "esbuild"
#: The module that wires the page; esbuild follows its imports.
ENTRY = "main.js"


def bundle_app(source_dir: Path) -> bytes:
    """Bundle ``source_dir``/main.js and the modules it imports into one minified ES module."""
    if not ESBUILD.is_file():
        raise BuildError(f"{ESBUILD}: esbuild is missing (run `npm ci`)")
    command = [
        str(ESBUILD),
        str(source_dir / ENTRY),
        "--bundle",
        "--minify",
        "--format=esm",
        "--target=es2022",
        "--legal-comments=none",
        "--log-level=warning",
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=120, check=False)
    if done.returncode != 0 or not done.stdout:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-5:]
        raise BuildError(f"{source_dir}: esbuild could not bundle it: " + " | ".join(tail))
    return done.stdout
