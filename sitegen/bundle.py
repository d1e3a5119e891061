"""The page's script: the ES modules of templates/app/ bundled into one app.js by esbuild;
and Pyodide's module factory minified by the same esbuild.

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


def minify_module(name: str, source: bytes) -> bytes:
    """Minify one ES module (Pyodide's factory, pyodide.asm.mjs) with esbuild.

    1,250 KB to 1,049 KB raw, 261 KB to 243 KB at gzip -6; its default export becomes
    ``export{X as default}`` (assets.py inlines it in offline.html as a global).
    """
    if not ESBUILD.is_file():
        raise BuildError(f"{ESBUILD}: esbuild is missing (run `npm ci`)")
    command = [str(ESBUILD), "--minify", "--format=esm", "--legal-comments=none"]
    command.append("--log-level=warning")
    done = subprocess.run(
        command, input=source, cwd=ROOT, capture_output=True, timeout=120, check=False
    )
    if done.returncode != 0 or not done.stdout:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-5:]
        raise BuildError(f"{name}: esbuild could not minify it: " + " | ".join(tail))
    return done.stdout
