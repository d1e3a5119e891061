"""The runtime the site ships: static files, vendored Pyodide (its module factory patched and
minified), Chart.js and nanotar, and the page's Python library that replaces Pyodide's
standard library.

Uses ``bundle``, ``errors``, ``factory``, ``layout`` and ``formats``; runs Node on
tools/pyodide_stdlib.mjs to make the library; both are cached in .cache/ by the hash of
their inputs.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sitegen.bundle import minify_module
from sitegen.errors import BuildError
from sitegen.factory import eager, linked_lightly
from sitegen.formats import compact_json
from sitegen.layout import (
    CACHE,
    CHART_JS,
    CHART_URL,
    LOCK,
    NANOTAR_JS,
    NANOTAR_URL,
    NODE_MODULES,
    PYCORE,
    PYODIDE_FACTORY,
    PYODIDE_FILES,
    ROOT,
    STDLIB,
    STOCK_STDLIB,
    TOOLS,
)

#: A zip with no members: just its end-of-central-directory record.
EMPTY_ZIP = b"PK\x05\x06" + bytes(18)


def read_runtime(templates_dir: Path) -> dict[str, bytes]:
    """Read every file the site ships as is, keyed by its path inside site/."""
    files = {
        path.relative_to(templates_dir / "static").as_posix(): path.read_bytes()
        for path in sorted((templates_dir / "static").rglob("*"))
        if path.is_file()
    }
    missing = [str(source) for source, _ in vendor_files() if not source.is_file()]
    if missing:
        raise BuildError("runtime files missing (run `npm ci`): " + ", ".join(missing))
    for source, relative in vendor_files():
        files[relative] = source.read_bytes()
    files[PYODIDE_FACTORY] = minified_factory(files[PYODIDE_FACTORY])
    return files


def minified_factory(source: bytes) -> bytes:
    """Pyodide's module factory with its start-up linking made lighter
    (``factory.linked_lightly``), minified by esbuild (``bundle.minify_module``; cached in
    .cache/ by the hash of the patched source, so a warm build skips esbuild's half second)
    and compiled with its module (``factory.eager``). Raises ``BuildError`` as those do."""
    source = linked_lightly(source)
    cached = CACHE / f"factory-{hashlib.sha256(source).hexdigest()[:20]}.mjs"
    if not cached.is_file():
        CACHE.mkdir(exist_ok=True)
        cached.write_bytes(minify_module(PYODIDE_FACTORY, source))
    return eager(cached.read_bytes())


def vendor_files() -> Iterator[tuple[Path, str]]:
    """Yield (source, path inside site/) for each vendored runtime file from node_modules."""
    for name in PYODIDE_FILES:
        yield NODE_MODULES / "pyodide" / name, f"vendor/pyodide/{name}"
    yield NODE_MODULES / CHART_JS, CHART_URL
    yield NODE_MODULES / NANOTAR_JS, NANOTAR_URL


def slim_runtime(files: dict[str, bytes], scenarios: list[dict[str, str]]) -> None:
    """Replace Pyodide's stdlib with the page's Python library, and its lock file.

    The library (python_stdlib.tar.gz, unpacked by engine.js before Python starts; the
    stock python_stdlib.zip is shipped empty) holds pycore, only the stdlib modules that
    boot and pycore import (over ``scenarios``) and a start-up hook that defers the
    unused ones (tools/sitecustomize.py), all precompiled to .pyc by Pyodide's own Python
    (tools/pyodide_stdlib.mjs under Node); it is cached in .cache/ by the hash of its
    inputs. The lock file keeps its header and lists no packages: the page loads none.
    """
    tool = TOOLS / "pyodide_stdlib.mjs"
    request = compact_json(scenarios).encode()
    key = hashlib.sha256()
    sources = sorted(PYCORE.glob("*.py"))
    stock = files.pop(STOCK_STDLIB)
    hook = TOOLS / "sitecustomize.py"
    stand_ins = [TOOLS / "package_loader.py", TOOLS / "pyodide_init.py"]
    stand_in_bytes = [path.read_bytes() for path in stand_ins]
    inputs = (stock, tool.read_bytes(), hook.read_bytes(), *stand_in_bytes, request)
    for part in (*inputs, *map(Path.read_bytes, sources)):
        key.update(hashlib.sha256(part).digest())
    cached = CACHE / f"stdlib-{key.hexdigest()[:20]}.tar.gz"
    if not cached.is_file():
        print("build: compiling pycore and the trimmed stdlib with Pyodide under Node")
        CACHE.mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory() as scratch:
            pycore_dir = Path(scratch, "pycore")
            pycore_dir.mkdir()
            for source in sources:
                if source.name != "__main__.py":  # the CLI has no use in the browser
                    shutil.copyfile(source, pycore_dir / source.name)
            scenarios_json, out = Path(scratch, "scenarios.json"), Path(scratch, "stdlib.tar.gz")
            scenarios_json.write_bytes(request)
            command = ["node", str(tool), "trim", str(pycore_dir), str(scenarios_json), str(out)]
            done = subprocess.run(
                command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
            )
            if done.returncode != 0 or not out.is_file():
                tail = done.stderr.strip().splitlines()[-5:]
                raise BuildError("compiling the Python library failed: " + " | ".join(tail))
            shutil.copyfile(out, cached)
    files[STDLIB] = cached.read_bytes()
    files[STOCK_STDLIB] = EMPTY_ZIP
    lock = json.loads(files[LOCK])
    files[LOCK] = compact_json({"info": lock["info"], "packages": {}}).encode()


def engine_scenarios(page: Mapping[str, Any]) -> list[dict[str, str]]:
    """Requests that exercise every code path of pycore as the page calls it (engine.js).

    ``page`` is the page data (``pagedata.compute_page_data``). Used to find the stdlib
    modules the page needs, and by the tests to compare pycore on Pyodide with pycore on
    CPython.
    """
    queries = [
        "",
        "?view=detailed&input_price_per_mtok=2&gpu_hourly=3.49&ops_monthly=500",
        "?monthly_inferences=NaN&api_cost_per_1k=-5&hosting_monthly=1e400&x=%3Cb%3E",
        "?monthly_inferences=5&monthly_inferences=7&api_cost_per_1k=0&hosting_monthly=",
        "?hosting_monthly=0&monthly_growth=0.05&horizon_months=60&cached_input_share=0.5",
        "?gpu_hourly=1&min_replicas=0&avg_output_tokens=0&monthly_inferences=0",
        "?api_model=anthropic%2Fclaude-haiku-5-5&avg_input_tokens=150000&cached_input_share=0.5"
        "&reasoning_tokens=500&gpu_model=aws%2Fl4-24gb&min_replicas=0&monthly_inferences=20000",
        "?api_cost_per_1k=0.2&gpu_hourly=3.49&replica_throughput_tps=2800&monthly_growth=-0.5"
        "&horizon_months=24&monthly_inferences=1e11&latency_slo_ms=50&api_model=nope",
    ]
    requests = [compact_json({"fields": {}, "query": query}) for query in queries]
    requests.append(compact_json({"fields": {"monthly_growth": "5", "cache_write_share": "250"}}))
    # as the page asks while the optional parts' places are out of view (optional-parts.js)
    skipping = {"fields": {}, "query": queries[1], "skip": ["sensitivity", "api_ranking"]}
    requests.append(compact_json(skipping))
    for case in page["use_cases"]:
        for view in case["views"].values():
            requests.append(compact_json({"fields": view["fields"], "query": ""}))
    ranged = compact_json(
        {
            "fields": {"pilot_traffic_share": "2", "retrain_every_months": "6"},
            "query": "?gpu_model=runpod%2Fh100-80gb&monthly_inferences=1e7"
            "&monthly_inferences_low=3e6&monthly_inferences_high=3e7&gpu_hourly_low=2"
            "&gpu_hourly_high=5&monthly_growth_low=0&monthly_growth_high=0.05"
            "&decode_tps_low=30000&decode_tps_high=50000&api_price_decline=0.3"
            "&reserved_share=0.5&discount_rate=0.08&horizon_months=6",
        }
    )
    requests.append(ranged)
    scenarios = [{"kind": "compute", "request": request} for request in requests]
    scenarios.append({"kind": "compute", "request": "not json"})
    scenarios.append({"kind": "simulate", "request": ranged})
    scenarios.append({"kind": "simulate", "request": requests[0]})
    for file_format in ("csv", "json", "xml"):
        scenarios.append({"kind": "export", "request": requests[1], "format": file_format})
    scenarios.append({"kind": "export", "request": ranged, "format": "json"})
    return scenarios
