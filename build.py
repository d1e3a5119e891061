"""Build the analyzer page: read content -> validate -> compute defaults -> render -> write site/.

Usage: ``python build.py [--content DIR] [--templates DIR] [--out DIR]``.

All content is read and validated before anything is written; every problem is reported
as ``FILE:LINE: FIELD: expected X, found Y`` and the build exits with code 1 without
touching the output folder. The site is assembled in a temporary folder beside the
output and swapped in at the end, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import gzip
import hashlib
import importlib
import importlib.metadata
import io
import json
import math
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jinja2
import jsonschema
import markdown
import nh3
import watchfiles
import yaml
from markupsafe import Markup
from PIL import Image, ImageDraw, ImageFont

import pycore

ROOT = Path(__file__).resolve().parent
NODE_MODULES = ROOT / "node_modules"

#: Files of the npm ``pyodide`` package that the page needs at run time.
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.js",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
CHART_JS = "chart.js/dist/chart.umd.min.js"
CHART_URL = "vendor/chart.umd.min.js"
#: nanotar (unjs), which unpacks the page's Python library in the browser (engine.js).
NANOTAR_JS = "nanotar/dist/index.mjs"
NANOTAR_URL = "vendor/nanotar.mjs"
#: Added to the site by `make serve` only: reloads the page after a rebuild.
DEV_RELOAD = "dev-reload.js"

#: Pyodide's own standard library zip. The site ships it empty (Pyodide always installs
#: one): the page's Python library (STDLIB) is unpacked as plain files instead.
STOCK_STDLIB = "vendor/pyodide/python_stdlib.zip"
#: Pyodide's module factory (Emscripten's JavaScript side of the wasm).
PYODIDE_FACTORY = "vendor/pyodide/pyodide.asm.mjs"
#: A zip with no members: just its end-of-central-directory record.
EMPTY_ZIP = b"PK\x05\x06" + bytes(18)
#: The page's Python library: pycore and the stdlib modules it needs, as .pyc in a tar.gz.
STDLIB = "vendor/pyodide/python_stdlib.tar.gz"
LOCK = "vendor/pyodide/pyodide-lock.json"
#: Build cache (the trimmed stdlib): safe to delete.
CACHE = ROOT / ".cache"

#: Data files in content/, each validated by content/schema/<stem>.schema.yaml.
DATA_FILES = (
    "site",
    "options",
    "use_cases",
    "factors",
    "strategy",
    "api_presets",
    "gpu_presets",
)


class BuildError(Exception):
    """The build cannot go on; raised by the readers and writers in this module."""


@dataclass(frozen=True)
class ContentProblem:
    """One problem found in a content file: where, which field, what was wrong."""

    path: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.field}: {self.message}"


@dataclass
class Content:
    """Everything read from content/: parsed data plus the problems met on the way.

    ``nodes`` keeps each data file's YAML node tree, so later checks can name lines.
    """

    data: dict[str, Any] = field(default_factory=dict)
    sections: list[dict[str, Any]] = field(default_factory=list)
    problems: list[ContentProblem] = field(default_factory=list)
    nodes: dict[Path, yaml.Node | None] = field(default_factory=dict)


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
        "content/, templates/ or pycore/ change",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (--serve)")
    parser.add_argument("--port", type=int, default=8000, help="port to serve on (--serve)")
    args = parser.parse_args(argv)
    if args.base_url and not re.fullmatch(r"https?://[^\s\"'<>]+", args.base_url):
        parser.error(f"--base-url: expected an http(s) URL, found {args.base_url!r}")
    args.base_url = args.base_url.rstrip("/") + "/" if args.base_url else ""
    return args


def load_content(content_dir: Path) -> Content:
    """Read and validate every data file and section of ``content_dir``."""
    content = Content()
    if not content_dir.is_dir():
        raise BuildError(f"{content_dir}: content folder not found")
    for stem in DATA_FILES:
        path = content_dir / f"{stem}.yaml"
        if not path.is_file():
            content.problems.append(ContentProblem(path, None, "(file)", "file is missing"))
            continue
        text = read_text(path, content)
        if text is not None:
            content.data[stem] = check_yaml(path, text, 1, schema_for(content_dir, stem), content)
    section_paths = sorted((content_dir / "sections").glob("*.md"))
    if not section_paths:
        content.problems.append(
            ContentProblem(content_dir / "sections", None, "(folder)", "no *.md sections found")
        )
    schema = schema_for(content_dir, "section")
    for path in section_paths:
        section = read_section(path, schema, content)
        if section is not None:
            content.sections.append(section)
    content.sections.sort(key=lambda section: section["order"])
    if not content.problems:
        content.data["api_models"] = read_price_catalog(content_dir / "api_presets.yaml", content)
        check_use_case_parameters(content_dir / "use_cases.yaml", content)
    return content


def schema_for(content_dir: Path, stem: str) -> dict[str, Any]:
    """Load the JSON Schema (written in YAML) for one kind of content file."""
    path = content_dir / "schema" / f"{stem}.schema.yaml"
    try:
        schema: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise BuildError(f"{path}: cannot read schema: {error}") from error
    return schema


def read_text(path: Path, content: Content) -> str | None:
    """Read a content file as UTF-8, or record why it cannot be read and return None."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        found = f"byte {error.object[error.start]:#04x} at offset {error.start}"
        content.problems.append(
            ContentProblem(path, None, "(file)", f"expected UTF-8 text, found {found}")
        )
    except OSError as error:
        content.problems.append(ContentProblem(path, None, "(file)", f"cannot be read: {error}"))
    return None


def read_section(path: Path, schema: dict[str, Any], content: Content) -> dict[str, Any] | None:
    """Split a Markdown file into front matter (validated) and body."""
    text = read_text(path, content)
    if text is None:
        return None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        content.problems.append(
            ContentProblem(path, 1, "(front matter)", "expected a first line '---', found none")
        )
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        content.problems.append(
            ContentProblem(path, 1, "(front matter)", "expected a closing '---' line, found none")
        )
        return None
    known_problems = len(content.problems)
    meta = check_yaml(path, "".join(lines[1:end]), 2, schema, content)
    if not isinstance(meta, dict) or len(content.problems) > known_problems:
        return None
    return {**meta, "body": "".join(lines[end + 1 :]), "path": path}


def check_yaml(
    path: Path, text: str, first_line: int, schema: dict[str, Any], content: Content
) -> Any:
    """Parse YAML ``text`` and validate it, recording each problem with its line number.

    ``first_line`` is the file line on which ``text`` starts (front matter starts on 2).
    Returns the parsed data, or None when it does not parse.
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        content.problems.append(ContentProblem(path, line, "(syntax)", f"invalid YAML: {problem}"))
        return None
    content.nodes[path] = node
    validator = jsonschema.Draft202012Validator(schema)
    for problem in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        where = list(problem.absolute_path)
        line = node_line(node, where)
        content.problems.append(
            ContentProblem(
                path,
                line + first_line if line is not None else None,
                dotted(where),
                describe_schema_error(problem),
            )
        )
    return data


def node_line(node: yaml.Node | None, where: Sequence[str | int]) -> int | None:
    """Return the 0-based line of the YAML node at ``where``, or of its nearest parent."""
    line = node.start_mark.line if node is not None else None
    for step in where:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            child = next((value for key, value in node.value if key.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            child = node.value[step] if step < len(node.value) else None
        if child is None:
            break
        node, line = child, child.start_mark.line
    return line


def dotted(where: Sequence[str | int]) -> str:
    """Name a field by its path: ['drivers', 0, 'value'] -> 'drivers[0].value'."""
    text = ""
    for step in where:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text or "(top level)"


def describe_schema_error(error: jsonschema.ValidationError) -> str:
    """Word a schema error as 'expected X, found Y'."""
    found = json.dumps(error.instance, default=str)
    if len(found) > 60:
        found = found[:57] + "..."
    if error.validator == "additionalProperties":
        schema = error.schema if isinstance(error.schema, dict) else {}
        known = schema.get("properties", {})
        instance = error.instance if isinstance(error.instance, dict) else {}
        extra = sorted(set(instance) - set(known))
        allowed = ", ".join(known)
        return f"expected only the keys ({allowed}), found unknown key {', '.join(extra)}"
    if error.validator == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        required = error.validator_value if isinstance(error.validator_value, list) else []
        missing = [key for key in required if key not in present]
        return f"expected a key {', '.join(missing)}, found none"
    expected = {
        "type": f"a value of type {error.validator_value}",
        "enum": f"one of {error.validator_value}",
        "minimum": f"a number of at least {error.validator_value}",
        "maximum": f"a number of at most {error.validator_value}",
        "exclusiveMinimum": f"a number above {error.validator_value}",
        "minLength": "a non-empty text",
        "maxLength": f"a text of at most {error.validator_value} characters",
        "minItems": f"at least {error.validator_value} item(s)",
        "maxItems": f"at most {error.validator_value} item(s)",
        "pattern": f"a text matching {error.validator_value}",
        "const": f"the value {error.validator_value}",
    }.get(str(error.validator), error.message)
    return f"expected {expected}, found {found}"


def check_use_case_parameters(path: Path, content: Content) -> None:
    """Check each use case's presets, parameters and volume against pycore's ranges."""
    node = content.nodes[path]
    api_models = {model["id"] for model in content.data.get("api_models", [])}
    gpus = {gpu["id"] for gpu in content.data["gpu_presets"]["presets"]}

    def report(where: list[str | int], message: str) -> None:
        line = node_line(node, where)
        content.problems.append(
            ContentProblem(path, line + 1 if line is not None else None, dotted(where), message)
        )

    for index, case in enumerate(content.data["use_cases"]):
        detailed = case["detailed"]
        if detailed["api_preset"] not in api_models:
            found = detailed["api_preset"]
            report(
                [index, "detailed", "api_preset"],
                f"expected a model of api_presets.yaml, "
                f"one of {sorted(api_models)}, found {found!r}",
            )
        if detailed["gpu_preset"] not in gpus:
            found = detailed["gpu_preset"]
            report(
                [index, "detailed", "gpu_preset"],
                f"expected an id of gpu_presets.yaml, one of {sorted(gpus)}, found {found!r}",
            )
        for key in ("parameters", "detailed"):
            try:
                if key == "parameters":
                    pycore.validate_parameters(use_case_parameters(case))
                else:
                    pycore.validate_parameters(case["detailed"]["parameters"])
            except pycore.ParameterError as error:
                where: list[str | int] = [index, key, error.name]
                if key == "detailed":
                    where = [index, "detailed", "parameters", error.name]
                if error.name == "monthly_inferences" and key == "parameters":
                    where = [index, "drivers"]
                report(where, f"expected {error.expected}, found {error.found!r}")


def read_price_catalog(path: Path, content: Content) -> list[dict[str, Any]]:
    """Read the curated API models' token prices (USD per MTok) from the price catalog.

    Prices are those in force on the catalog's release date, standard tier; a tiered
    price gives its base tier; a model without a cache-read price gets its input price.
    """
    from genai_prices.data import providers  # noqa: PLC0415 - heavy; only the build needs it
    from genai_prices.types import TieredPrices  # noqa: PLC0415

    spec = content.data["api_presets"]
    catalog = spec["catalog"]
    installed = importlib.metadata.version(catalog["package"])
    if installed != catalog["version"]:
        content.problems.append(
            ContentProblem(
                path,
                None,
                "catalog.version",
                f"expected the installed "
                f"{catalog['package']} {installed}, found {catalog['version']!r}",
            )
        )
        return []
    node = content.nodes[path]
    try:
        when = datetime.datetime.fromisoformat(f"{catalog['released']}T12:00:00+00:00")
    except ValueError:
        line = node_line(node, ["catalog", "released"])
        content.problems.append(
            ContentProblem(
                path,
                line + 1 if line is not None else None,
                "catalog.released",
                f"expected a real date YYYY-MM-DD, found {catalog['released']!r}",
            )
        )
        return []
    by_provider = {provider.id: provider for provider in providers}
    models = []
    for index, wanted in enumerate(spec["models"]):
        provider = by_provider.get(wanted["provider"])
        model = (
            next((m for m in provider.models if m.id == wanted["model"]), None)
            if provider
            else None
        )
        if provider is None or model is None:
            line = node_line(node, ["models", index])
            content.problems.append(
                ContentProblem(
                    path,
                    line + 1 if line is not None else None,
                    f"models[{index}]",
                    f"expected a model of {catalog['package']} "
                    f"{catalog['version']}, found {wanted!r}",
                )
            )
            continue
        prices = model.get_prices(when)

        def flat(value: Any) -> float | None:
            if isinstance(value, TieredPrices):
                value = value.base
            return None if value is None else float(value)

        input_price = flat(prices.input_mtok) or 0.0
        cached = flat(prices.cache_read_mtok)
        models.append(
            {
                "id": f"{provider.id}/{model.id}",
                "name": f"{model.name or model.id} ({provider.name})",
                "values": {
                    "input_price_per_mtok": input_price,
                    "output_price_per_mtok": flat(prices.output_mtok) or 0.0,
                    "cached_input_price_per_mtok": input_price if cached is None else cached,
                },
            }
        )
    return models


def use_case_parameters(case: Mapping[str, Any]) -> dict[str, float]:
    """Return a use case's simple-view parameters, its volume the product of its drivers."""
    volume = math.prod(driver["value"] for driver in case["drivers"])
    return {"monthly_inferences": volume, **case["parameters"]}


def detailed_parameters(case: Mapping[str, Any], content: Content) -> dict[str, float]:
    """Return a use case's detailed-view parameters: presets, then its own overrides."""
    detailed = case["detailed"]
    api = next(m for m in content.data["api_models"] if m["id"] == detailed["api_preset"])
    gpu = next(
        g for g in content.data["gpu_presets"]["presets"] if g["id"] == detailed["gpu_preset"]
    )
    return {
        **use_case_parameters(case),
        **api["values"],
        **gpu_values(gpu),
        **detailed["parameters"],
    }


def gpu_values(gpu: Mapping[str, Any]) -> dict[str, float]:
    """Return the pycore parameters a GPU preset sets."""
    return {
        name: gpu[name] for name in ("gpu_hourly", "replica_throughput_tps", "gpus_per_replica")
    }


def render_markdown(text: str) -> Markup:
    """Render Markdown to HTML and sanitize it: raw HTML in content never reaches the page."""
    html = markdown.markdown(text, extensions=["extra", "smarty"], output_format="html")
    return Markup(nh3.clean(html))


def compute_page_data(content: Content) -> dict[str, Any]:
    """Run pycore in CPython for the default scenario and for every use case."""
    use_cases = []
    for case in content.data["use_cases"]:
        simple = use_case_parameters(case)
        detailed = detailed_parameters(case, content)
        detailed_spec = case["detailed"]
        use_cases.append(
            {
                **case,
                "api_name": preset_name(content.data["api_models"], detailed_spec["api_preset"]),
                "gpu_name": preset_name(
                    content.data["gpu_presets"]["presets"], detailed_spec["gpu_preset"]
                ),
                "views": {
                    "simple": {"query": simple, "report": pycore.compute(simple)},
                    "detailed": {"query": detailed, "report": pycore.compute(detailed)},
                },
            }
        )
    return {
        "report": pycore.compute({}),
        "parameters": pycore.PARAMETERS,
        "groups": pycore.GROUPS,
        "results": pycore.RESULTS,
        "use_cases": use_cases,
        "api_models": content.data["api_models"],
        "api_catalog": content.data["api_presets"]["catalog"],
        "gpu_presets": [
            {**gpu, "values": gpu_values(gpu)} for gpu in content.data["gpu_presets"]["presets"]
        ],
    }


def preset_name(presets: Sequence[Mapping[str, Any]], preset_id: str) -> str:
    """Return the display name of the preset with id ``preset_id``."""
    return str(next(preset["name"] for preset in presets if preset["id"] == preset_id))


def raw_number(value: float | None) -> str:
    """Write a number for a ``data-value`` attribute: no separators, '' when undefined."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e21 else repr(value)


def compact_json(data: Any) -> str:
    """Serialize ``data`` as compact, strict JSON (no NaN or Infinity)."""
    return json.dumps(data, separators=(",", ":"), allow_nan=False)


def slider_position(spec: pycore.ParameterSpec, value: float | None) -> float:
    """Place ``value`` (or, when empty, the suggested value) on a 0..1000 slider."""
    low, high = spec.slider_min, spec.slider_max
    value = min(max(value if value is not None else spec.suggested or low, low), high)
    if spec.log_scale:
        return round(1000 * math.log(value / low) / math.log(high / low), 1)
    return round(1000 * (value - low) / (high - low), 1)


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """Create the Jinja2 environment with the page's filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        markdown=render_markdown,
        usd=pycore.format_usd,
        requests=pycore.format_requests,
        raw=raw_number,
        slider_position=slider_position,
        # JSON for a <script type="application/json"> block: "<" escaped, so no "</script>".
        tojson_compact=lambda data: Markup(compact_json(data).replace("<", "\\u003c")),
        # JSON for an attribute value: a plain string, so autoescaping quotes it.
        tojson_attr=compact_json,
    )
    return env


@dataclass(frozen=True)
class Script:
    """A script of the page: loaded from ``src`` (served) or inlined as ``code`` (offline)."""

    module: bool
    src: str = ""
    integrity: str = ""
    code: str = ""
    blocking: bool = False  # a tiny classic script that must run before parsing goes on


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


def read_runtime(templates_dir: Path) -> dict[str, bytes]:
    """Read every file the site ships, keyed by its path inside site/."""
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
    return files


def slim_runtime(files: dict[str, bytes], scenarios: list[dict[str, str]]) -> None:
    """Replace Pyodide's stdlib with the page's Python library, and its lock file.

    The library (python_stdlib.tar.gz, unpacked by engine.js before Python starts; the
    stock python_stdlib.zip is shipped empty) holds pycore, only the stdlib modules that
    boot and pycore import (over ``scenarios``) and a start-up hook that defers the
    unused ones (tools/sitecustomize.py), all precompiled to .pyc by Pyodide's own Python
    (tools/pyodide_stdlib.mjs under Node); it is cached in .cache/ by the hash of its
    inputs. The lock file keeps its header and lists no packages: the page loads none.
    """
    tool = ROOT / "tools" / "pyodide_stdlib.mjs"
    request = compact_json(scenarios).encode()
    key = hashlib.sha256()
    sources = sorted((ROOT / "pycore").glob("*.py"))
    stock = files.pop(STOCK_STDLIB)
    hook = ROOT / "tools" / "sitecustomize.py"
    inputs = (stock, tool.read_bytes(), hook.read_bytes(), request)
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

    Used to find the stdlib modules the page needs, and by the tests to compare pycore on
    Pyodide with pycore on CPython.
    """
    queries = [
        "",
        "?view=detailed&input_price_per_mtok=2&gpu_hourly=3.49&ops_monthly=500",
        "?monthly_inferences=NaN&api_cost_per_1k=-5&hosting_monthly=1e400&x=%3Cb%3E",
        "?monthly_inferences=5&monthly_inferences=7&api_cost_per_1k=0&hosting_monthly=",
        "?hosting_monthly=0&monthly_growth=0.05&horizon_months=60&cached_input_share=0.5",
        "?gpu_hourly=1&min_replicas=0&avg_output_tokens=0&monthly_inferences=0",
    ]
    requests = [compact_json({"parameters": {}, "query": query}) for query in queries]
    for case in page["use_cases"]:
        for view in case["views"].values():
            requests.append(compact_json({"parameters": view["query"], "query": ""}))
    scenarios = [{"kind": "compute", "request": request} for request in requests]
    scenarios.append({"kind": "compute", "request": "not json"})
    for file_format in ("csv", "json", "xml"):
        scenarios.append({"kind": "export", "request": requests[1], "format": file_format})
    return scenarios


def sri(data: bytes) -> str:
    """Return a Subresource Integrity value (sha384) for ``data``."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def csp_hash(code: str) -> str:
    """Return the CSP source expression that allows exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"


SERVED_CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)


def served_assets(files: Mapping[str, bytes]) -> Assets:
    """Assets of the served pages: files by relative URL, each script with SRI.

    A development build (with ``dev-reload.js``, see :func:`serve`) also loads that.
    """
    scripts = [
        Script(module=False, src="boot.js", integrity=sri(files["boot.js"]), blocking=True),
        Script(module=True, src="app.js", integrity=sri(files["app.js"])),
    ]
    if DEV_RELOAD in files:
        scripts.append(Script(module=True, src=DEV_RELOAD, integrity=sri(files[DEV_RELOAD])))
    return Assets(
        csp=SERVED_CSP,
        stylesheet="style.css",
        stylesheet_integrity=sri(files["style.css"]),
        scripts=tuple(scripts),
        # loaded by app.js when a chart is about to show (see loadChartLibrary)
        chart_library=compact_json({"src": CHART_URL, "integrity": sri(files[CHART_URL])}),
    )


def offline_assets(files: Mapping[str, bytes]) -> Assets:
    """Assets of offline.html: scripts and styles inline, allowed by hash; runtime embedded.

    The wasm and the Python library travel as gzip+base85 data blocks that offline.js
    decodes; Pyodide's module factory and nanotar are inlined with their exports turned
    into globals.
    """
    if BASE85_DIGITS not in files["offline.js"].decode():
        raise BuildError("offline.js: its base85 digits differ from build.BASE85_DIGITS")
    factory = exports_as_global(
        files, PYODIDE_FACTORY, r"export default (\w+);", r"createPyodideModule = \1"
    )
    nanotar = exports_as_global(files, NANOTAR_URL, r"export (\{[\w\s,]+\});", r"nanotar = \1")
    scripts = (
        Script(module=False, code=inline_code(files, CHART_URL)),
        Script(module=False, code=inline_code(files, "vendor/pyodide/pyodide.js")),
        Script(module=False, code=inline_code(files, "engine.js")),
        Script(module=True, code=factory),
        Script(module=True, code=nanotar),
        Script(module=False, code=inline_code(files, "offline.js")),
        Script(module=True, code=inline_code(files, "app.js")),
    )
    css = files["style.css"].decode()
    blocks = [
        ("pyodide.asm.wasm", gzip_base85(files["vendor/pyodide/pyodide.asm.wasm"])),
        # already gzipped: the block's own gzip layer barely changes its size
        ("python_stdlib.tar.gz", gzip_base85(files[STDLIB])),
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


#: Base85 digits for data embedded in offline.html: printable ASCII from "#" to "y"
#: without "<" (so no "</script>" can form) and "\\"; offline.js decodes the same table.
BASE85_DIGITS = "".join(chr(c) for c in range(35, 122) if chr(c) not in "<\\")
_RFC1924_DIGITS = (
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~"
)
_TO_BASE85 = str.maketrans(_RFC1924_DIGITS, BASE85_DIGITS)


def gzip_base85(data: bytes) -> str:
    """Compress ``data`` with gzip (fixed mtime, reproducible) and encode it in base85.

    Base85 costs 25% over the bytes where base64 costs 33%: the difference keeps
    offline.html under 7 MB. The final group of n < 4 bytes takes n + 1 digits.
    """
    packed = base64.b85encode(gzip.compress(data, compresslevel=9, mtime=0))
    return packed.decode().translate(_TO_BASE85)


def render_pages(
    env: jinja2.Environment,
    content: Content,
    page: dict[str, Any],
    files: Mapping[str, bytes],
    base_url: str,
) -> dict[str, bytes]:
    """Render every HTML page of the site, keyed by its path inside site/.

    ``base_url`` ("" when unknown) makes the canonical link, the OpenGraph URLs and the
    404 page's links absolute; without it every URL stays relative.
    """
    context = {
        "base_url": base_url,
        "site": content.data["site"],
        "sections": {section["id"]: section for section in content.sections},
        "nav": content.sections,
        "options": content.data["options"],
        "factors": content.data["factors"],
        "strategy": content.data["strategy"],
        **page,
    }
    context["embed_snippet"] = (
        f'<iframe src="{base_url}embed.html" title="API or fine-tuned model: cost analyzer" '
        'width="100%" height="900" style="border:0" loading="lazy"></iframe>'
    )
    served = served_assets(files)
    pages = {
        "index.html": ("index.html.j2", served),
        "embed.html": ("embed.html.j2", served),
        "404.html": ("404.html.j2", served),
        "offline.html": ("index.html.j2", offline_assets(files)),
    }
    return {
        name: env.get_template(template).render(assets=assets, page_name=name, **context).encode()
        for name, (template, assets) in pages.items()
    }


def render_preview(site: Mapping[str, Any], report: Mapping[str, Any]) -> bytes:
    """Draw the 1200x630 social preview image (PNG): title, break-even and both cost lines."""
    width, height, margin = 1200, 630, 60
    image = Image.new("RGB", (width, height), "#f7f8fa")
    draw = ImageDraw.Draw(image)
    title_font = ImageFont.load_default(size=52)
    text_font = ImageFont.load_default(size=30)
    draw.rectangle((0, 0, width, 12), fill="#1f5fbf")
    lines, line = [], ""
    for word in str(site["title"]).split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=title_font) > width - 2 * margin:
            lines.append(line)
            candidate = word
        line = candidate
    lines.append(line)
    y = margin
    for text in lines[:2]:
        draw.text((margin, y), text, font=title_font, fill="#1d2330")
        y += 64
    text, parameters = report["text"], report["parameters"]
    hosting = pycore.format_usd(parameters["hosting_monthly"])
    price = pycore.format_usd(parameters["api_cost_per_1k"])
    draw.text(
        (margin, y + 16),
        f"Break-even at {text['breakeven_inferences']} requests a month "
        f"({hosting} hosting, {price} per 1,000 requests)",
        font=text_font,
        fill="#4f5868",
    )
    curve = report["curve"]
    chart = (margin, y + 90, width - margin, height - margin)
    values = [v for v in curve["api_monthly"] + curve["finetuned_monthly"] if v > 0]
    low_y, high_y = math.log10(min(values)), math.log10(max(values))
    low_x, high_x = math.log10(curve["volumes"][0]), math.log10(curve["volumes"][-1])

    def point(volume: float, cost: float) -> tuple[float, float]:
        x = chart[0] + (math.log10(volume) - low_x) / (high_x - low_x) * (chart[2] - chart[0])
        y = chart[3] - (math.log10(max(cost, 10**low_y)) - low_y) / (high_y - low_y) * (
            chart[3] - chart[1]
        )
        return x, y

    draw.rectangle(chart, outline="#d9dee6", width=2)
    lines_to_draw = (
        ("api_monthly", "#c2410c", "General-purpose API"),
        ("finetuned_monthly", "#1f5fbf", "Fine-tuned model"),
    )
    for index, (name, color, label) in enumerate(lines_to_draw):
        path = [point(v, c) for v, c in zip(curve["volumes"], curve[name], strict=True)]
        draw.line(path, fill=color, width=6)
        draw.text((chart[0] + 20, chart[1] + 16 + 40 * index), label, font=text_font, fill=color)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def vendor_files() -> Iterator[tuple[Path, str]]:
    """Yield (source, path inside site/) for each vendored runtime file from node_modules."""
    for name in PYODIDE_FILES:
        yield NODE_MODULES / "pyodide" / name, f"vendor/pyodide/{name}"
    yield NODE_MODULES / CHART_JS, CHART_URL
    yield NODE_MODULES / NANOTAR_JS, NANOTAR_URL


def write_site(out_dir: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` into a temporary folder beside ``out_dir``, then swap it in."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        for relative, data in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        staging.chmod(0o755)
        swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_in(staging: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` with ``staging``; the old site is removed only after the swap."""
    old = out_dir.with_name(f".{out_dir.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if out_dir.exists():
        out_dir.rename(old)
    staging.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)


def build(args: argparse.Namespace, *, dev: bool = False) -> int:
    """Build the site once; return 0 when built, 1 on a content or build error.

    ``dev`` adds the reload script that :func:`serve` uses.
    """
    try:
        print(f"build: reading {args.content}")
        content = load_content(args.content)
        if content.problems:
            for problem in content.problems:
                print(problem, file=sys.stderr)
            print(
                f"build: {len(content.problems)} content problem(s); nothing written",
                file=sys.stderr,
            )
            return 1
        print("build: computing the default scenario and use cases with pycore")
        page = compute_page_data(content)
        print("build: reading the runtime (Pyodide, Chart.js) and packing pycore")
        files = read_runtime(args.templates)
        slim_runtime(files, engine_scenarios(page))
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
        return 1
    size = len(files["offline.html"]) / 1e6
    print(f"build: done: {len(files)} files; offline.html {size:.1f} MB")
    return 0


class ReloadChannel:
    """Counts successful rebuilds; the dev server's event stream waits on it."""

    def __init__(self) -> None:
        self.version = 0
        self.changed = threading.Condition()

    def bump(self) -> None:
        """Record a rebuild and wake every waiting browser."""
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """Wait until the version passes ``seen`` (or ``timeout`` seconds); return it."""
        with self.changed:
            self.changed.wait_for(lambda: self.version > seen, timeout=timeout)
            return self.version


def dev_handler(out_dir: Path, channel: ReloadChannel) -> type[SimpleHTTPRequestHandler]:
    """Make a request handler serving ``out_dir`` plus the ``__reload`` event stream."""

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(out_dir), **kwargs)

        def do_GET(self) -> None:
            if self.path.split("?")[0].endswith("/__reload"):
                self.stream_reloads()
            else:
                super().do_GET()

        def stream_reloads(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = channel.version
            try:
                while True:
                    version = channel.wait(seen, timeout=15)
                    message = b"data: reload\n\n" if version > seen else b": keep-alive\n\n"
                    self.wfile.write(message)
                    self.wfile.flush()
                    seen = version
            except (BrokenPipeError, ConnectionResetError):
                return

        def log_message(self, format: str, *args: Any) -> None:
            del format, args  # keep the terminal for build output

    return Handler


def serve(args: argparse.Namespace) -> int:
    """Build, serve on ``args.host:args.port``, and rebuild and reload on every change."""
    if build(args, dev=True) != 0:
        print("serve: fix the problems above; watching for changes", file=sys.stderr)
    channel = ReloadChannel()
    server = ThreadingHTTPServer((args.host, args.port), dev_handler(args.out, channel))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serve: http://{args.host}:{server.server_port}/ (Ctrl-C to stop)", flush=True)
    watched = [args.content, args.templates, ROOT / "pycore", ROOT / "tools"]
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        for changes in watchfiles.watch(*watched, raise_interrupt=True):
            names = sorted({Path(path).name for _, path in changes})
            print(f"serve: changed {', '.join(names)}; rebuilding", flush=True)
            pycore_reload()
            if build(args, dev=True) == 0:
                channel.bump()
    except KeyboardInterrupt:
        print("serve: stopping; rebuilding site/ without the live-reload script", flush=True)
    finally:
        server.shutdown()
    return build(args)


def pycore_reload() -> None:
    """Re-import pycore from scratch so the next build pre-renders with the edited model."""
    global pycore  # noqa: PLW0603 - the dev server swaps in the edited module
    for name in [name for name in sys.modules if name.split(".")[0] == "pycore"]:
        del sys.modules[name]
    pycore = importlib.import_module("pycore")


def main(argv: Sequence[str] | None = None) -> int:
    """Build the site (or, with --serve, build and serve it); return the exit code."""
    args = parse_args(argv)
    if args.serve:
        return serve(args)
    status = build(args)
    if status == 0:
        print(f"build: serve {args.out} over HTTP (`make serve`), or open")
        print(f"build: {args.out / 'offline.html'} straight from disk")
    return status


if __name__ == "__main__":
    sys.exit(main())
