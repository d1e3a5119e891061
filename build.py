"""Build the analyzer page: read content -> validate -> compute defaults -> render -> write site/.

Usage: ``python build.py [--content DIR] [--templates DIR] [--out DIR] [--base-url URL]``,
or ``python build.py --serve [--host H] [--port P]`` to build, serve and rebuild on change.

All content is read and validated before anything is written; every problem is reported
as ``FILE:LINE: FIELD: expected X, found Y`` and the build exits with code 1 without
touching the output folder. The site is assembled in a temporary folder beside the
output and swapped in at the end, so a failed build never leaves a half-written site.
Each step lives in a module of ``sitegen/`` (see its ``__init__``).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import jinja2

from sitegen.bundle import bundle_app
from sitegen.content import load_content
from sitegen.devserver import serve
from sitegen.errors import BuildError
from sitegen.layout import APP_JS, DEV_RELOAD, ROOT
from sitegen.output import write_site
from sitegen.pagedata import compute_page_data
from sitegen.precompress import precompress_runtime
from sitegen.preview import render_preview
from sitegen.render import make_environment, render_pages
from sitegen.runtime import engine_scenarios, read_runtime, slim_runtime


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder")
    parser.add_argument("--templates", type=Path, default=ROOT / "templates", help="templates")
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="output folder")
    parser.add_argument(
        "--base-url",
        default="",
        help="public URL of the site (e.g. https://user.github.io/repo/): adds a canonical "
        "link and absolute OpenGraph URLs",
    )
    parser.add_argument(
        "--serve",
        action="store_true",
        help="build, serve the site, and rebuild and reload the browser when "
        "content/, templates/, pycore/ or tools/ change",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (--serve)")
    parser.add_argument("--port", type=int, default=8000, help="port to serve on (--serve)")
    args = parser.parse_args(argv)
    if args.base_url and not re.fullmatch(r"https?://[^\s\"'<>]+", args.base_url):
        parser.error(f"--base-url: expected an http(s) URL, found {args.base_url!r}")
    args.base_url = args.base_url.rstrip("/") + "/" if args.base_url else ""
    return args


def build(args: argparse.Namespace, *, dev: bool = False) -> list[str]:
    """Build the site once; return the problems that stopped it (empty when built).

    Each problem is also printed to stderr. ``dev`` adds the script that reloads the page
    after a rebuild and shows the problems of a failed one (``make serve``).
    """
    try:
        print(f"build: reading {args.content}")
        content = load_content(args.content)
        if content.problems:
            problems = [
                *(str(problem) for problem in content.problems),
                f"build: {len(content.problems)} content problem(s); nothing written",
            ]
            for problem in problems:
                print(problem, file=sys.stderr)
            return problems
        print("build: computing the default scenario and use cases with pycore")
        page = compute_page_data(content)
        print("build: reading the runtime (Pyodide, Chart.js) and packing pycore")
        files = read_runtime(args.templates)
        slim_runtime(files, engine_scenarios(page))
        precompress_runtime(files)
        print("build: bundling the page's script with esbuild")
        files[APP_JS] = bundle_app(args.templates / "app")
        if dev:
            files[DEV_RELOAD] = (args.templates / "dev" / "reload.js").read_bytes()
        files["preview.png"] = render_preview(content.data["site"], page["report"])
        print(f"build: rendering {args.templates}")
        env = make_environment(args.templates)
        files |= render_pages(env, content, page, files, args.base_url)
        files[".nojekyll"] = b""
        print(f"build: writing {args.out}")
        write_site(args.out, files)
    except (BuildError, jinja2.TemplateError, OSError) as error:
        print(f"build: error: {error}", file=sys.stderr)
        return [f"build: error: {error}"]
    size = len(files["offline.html"]) / 1e6
    print(f"build: done: {len(files)} files; offline.html {size:.1f} MB")
    return []


def main(argv: Sequence[str] | None = None) -> int:
    """Build the site (or, with --serve, build and serve it); return the exit code."""
    args = parse_args(argv)
    if args.serve:
        return serve(
            lambda dev: build(args, dev=dev),
            args.out,
            [args.content, args.templates],
            args.host,
            args.port,
        )
    if build(args):
        return 1
    print(f"build: serve {args.out} over HTTP (`make serve`), or open")
    print(f"build: {args.out / 'offline.html'} straight from disk")
    return 0


if __name__ == "__main__":
    sys.exit(main())
