"""pycore on Pyodide's Python (3.14, the page's trimmed library) answers as on CPython."""

from __future__ import annotations

import ast
import json
import random
import subprocess
import traceback
from pathlib import Path
from typing import Any

import pytest

import pycore
from sitegen.content import load_content
from sitegen.pagedata import compute_page_data
from sitegen.runtime import engine_scenarios

ROOT = Path(__file__).resolve().parents[1]


def cpython_answer(scenario: dict[str, str]) -> str:
    """Answer one scenario in CPython, as tools/pyodide_stdlib.mjs does in Pyodide."""
    try:
        if scenario["kind"] == "compute":
            return pycore.compute_json(scenario["request"])
        if scenario["kind"] == "simulate":  # as the worker runs it: in slices
            simulation = pycore.simulation_start(scenario["request"])
            if simulation is None:
                return "no range"
            while not simulation.run(500):
                pass
            return pycore.simulation_json(simulation)
        return pycore.export_json(scenario["request"], scenario["format"])
    except Exception as error:
        return "error: " + traceback.format_exception_only(error)[-1].strip()


def random_scenarios(count: int, seed: int = 20261129) -> list[dict[str, str]]:
    """Random requests over every parameter, in and out of range, as text like a URL's."""
    rng = random.Random(seed)
    scenarios = []
    for _ in range(count):
        parameters: dict[str, Any] = {}
        for spec in pycore.PARAMETERS:
            if rng.random() < 0.5:
                continue
            low, high = spec.minimum, spec.maximum
            value = rng.choice(
                [
                    rng.uniform(low, high),
                    10 ** rng.uniform(0, 6),
                    spec.suggested,
                    "",
                    "-1",
                    "abc",
                ]
            )
            parameters[spec.name] = value if isinstance(value, str) else repr(value)
        request = json.dumps({"parameters": parameters, "query": ""})
        scenarios.append({"kind": "compute", "request": request})
    return scenarios


@pytest.fixture(scope="module")
def scenarios(site_dir: Path) -> list[dict[str, str]]:
    """The build's exercise scenarios plus random ones the trimming never saw."""
    content = load_content(ROOT / "content")
    page = compute_page_data(content)
    return engine_scenarios(page) + random_scenarios(60)


def deferred_modules() -> set[str]:
    """tools/sitecustomize.py's DEFERRED set, read from its source (importing it here would
    install its finder into this test process)."""
    tree = ast.parse((ROOT / "tools" / "sitecustomize.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign) and "DEFERRED" in ast.unparse(node):
            call = node.value
            assert isinstance(call, ast.Call)
            return set(ast.literal_eval(call.args[0]))
    raise AssertionError("tools/sitecustomize.py defines no DEFERRED")


def run_on_pyodide(scenarios: list[dict[str, str]], library: Path, tmp_path: Path) -> Any:
    """tools/pyodide_stdlib.mjs run: the scenarios answered by pycore on Pyodide, booted
    with ``library`` as the page boots it; its JSON report."""
    scenarios_file = tmp_path / "scenarios.json"
    scenarios_file.write_text(json.dumps(scenarios))
    done = subprocess.run(
        ["node", "tools/pyodide_stdlib.mjs", "run", str(scenarios_file), str(library)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_pycore_on_pyodide_matches_cpython(
    site_dir: Path, scenarios: list[dict[str, str]], tmp_path: Path
) -> None:
    """Every scenario gives byte-identical JSON/CSV on Pyodide (trimmed stdlib) and CPython,
    and the start-up hook (tools/sitecustomize.py) did its jobs: the deferred modules
    unloaded at ready, asyncio on the web loop once used, the records' precompiled code."""
    library = site_dir / "vendor" / "pyodide" / "python_stdlib.tar.gz"
    result = run_on_pyodide(scenarios, library, tmp_path)
    assert result["python"].startswith("3.14")
    answers = result["answers"]
    assert len(answers) == len(scenarios)
    for scenario, answer in zip(scenarios, answers, strict=True):
        assert answer == cpython_answer(scenario), scenario
    errors = [a for a in answers if a.startswith("error:")]
    assert errors == [
        "error: ValueError: export: expected a format of ['csv', 'json', 'md', 'memo'], got 'xml'"
    ]
    # the start-up hook's deferred modules (tools/sitecustomize.py) stay unloaded until ready
    deferred = deferred_modules()
    assert {"asyncio", "csv"} <= deferred
    assert result["deferred_at_ready"] == sorted(deferred)
    # asyncio, once used, runs on Pyodide's web event loop (tools/pyodide_init.py)
    assert result["web_loop"] == "WebLoop"
    # pycore's records were made from the build's code of their methods, none compiled afresh
    assert result["dataclass_code"]["compiled"] == 0
    assert result["dataclass_code"]["precompiled"] >= 19


@pytest.mark.parametrize("dataclass_code", [None, b"not marshal data"], ids=["missing", "bad"])
def test_without_precompiled_dataclass_code_the_engine_compiles_it(
    site_dir: Path, scenarios: list[dict[str, str]], tmp_path: Path, dataclass_code: bytes | None
) -> None:
    """A library whose dataclass methods' code is missing or unreadable still boots: the
    start-up hook leaves dataclasses to compile them, and the answers are the same."""
    import io  # noqa: PLC0415
    import tarfile  # noqa: PLC0415

    shipped = site_dir / "vendor" / "pyodide"
    library = tmp_path / "pyodide" / "python_stdlib.tar.gz"
    library.parent.mkdir()
    (library.parent / "python_stdlib.zip").write_bytes((shipped / "python_stdlib.zip").read_bytes())
    with (
        tarfile.open(shipped / "python_stdlib.tar.gz") as original,
        tarfile.open(library, "w:gz") as out,
    ):
        for member in original.getmembers():
            data = original.extractfile(member)
            assert data is not None
            content = data.read()
            if member.name == "dataclass_code.marshal":
                if dataclass_code is None:
                    continue
                content = dataclass_code
                member.size = len(content)
            out.addfile(member, io.BytesIO(content))
    few = scenarios[:3]
    result = run_on_pyodide(few, library, tmp_path)
    assert result["answers"] == [cpython_answer(scenario) for scenario in few]
    assert result["dataclass_code"] == {"precompiled": 0, "compiled": 0}  # the hook stood aside


def test_trimmed_stdlib_is_small_and_precompiled(site_dir: Path) -> None:
    """The shipped library holds .pyc files (and the dataclass methods' code), as plain ustar
    members, well under 1.5 MB.

    The stock stdlib zip is shipped empty: Pyodide installs it, but nothing is in it.
    """
    import tarfile  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    path = site_dir / "vendor" / "pyodide" / "python_stdlib.tar.gz"
    with tarfile.open(path) as archive:
        members = archive.getmembers()
    names = [member.name for member in members]
    assert names
    # modules, and the code of the dataclass methods pycore's records use (sitecustomize)
    assert all(name.endswith(".pyc") for name in names if name != "dataclass_code.marshal")
    assert "dataclass_code.marshal" in names
    # what nanotar reads in the page: regular files, short names, no extended headers
    assert all(member.isreg() and len(member.name) < 100 for member in members)
    assert {"json/__init__.pyc", "dataclasses.pyc", "csv.pyc", "urllib/parse.pyc"} <= set(names)
    assert {"pycore/__init__.pyc", "pycore/serving.pyc", "pycore/export.pyc"} <= set(names)
    assert path.stat().st_size < 1_500_000
    with zipfile.ZipFile(site_dir / "vendor" / "pyodide" / "python_stdlib.zip") as empty:
        assert empty.namelist() == []
