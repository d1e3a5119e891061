"""Build tests: build.py into a temporary folder, and its content validation."""

from __future__ import annotations

import gzip
import io
import shutil
import tarfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import build
import pycore
from sitegen import factory, runtime
from sitegen.assets import sri
from sitegen.errors import BuildError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the real content once into a temporary folder."""
    out = tmp_path_factory.mktemp("build") / "site"
    assert build.main(["--out", str(out)]) == 0
    return out


def soup_of(site: Path) -> BeautifulSoup:
    """Parse the built index.html."""
    return BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")


def copy_content(tmp_path: Path) -> Path:
    """Copy content/ into ``tmp_path`` so a test can break it."""
    return Path(shutil.copytree(ROOT / "content", tmp_path / "content"))


def test_wasm_ships_precompressed_only(built: Path) -> None:
    """The wasm ships only as a .gz that inflates to the npm package's wasm, smaller than
    gzip -9 makes it (zopfli); the Python library is a gzip member of the same tar."""
    packed = (built / "vendor/pyodide/pyodide.asm.wasm.gz").read_bytes()
    stock = (ROOT / "node_modules/pyodide/pyodide.asm.wasm").read_bytes()
    assert not (built / "vendor/pyodide/pyodide.asm.wasm").exists()
    assert gzip.decompress(packed) == stock
    assert len(packed) < len(gzip.compress(stock, compresslevel=9)) - 100_000
    library = (built / "vendor/pyodide/python_stdlib.tar.gz").read_bytes()
    assert library[:2] == b"\x1f\x8b"
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(library))) as archive:
        names = set(archive.getnames())
        assert "pycore/engine.pyc" in names
        # the stand-in package loader (tools/package_loader.py) leaves out what Pyodide's
        # own imports at boot, and ssl is left out (asyncio runs without it)
        assert "pyodide/_package_loader.pyc" in names
        left_out = {"zipfile/__init__.pyc", "shutil.pyc", "tempfile.pyc", "ssl.pyc"}
        assert not left_out & names
        assert not {name for name in names if name.startswith("pathlib/")}
        # asyncio and the web loop, deferred to their first use (tools/pyodide_init.py),
        # are there for it; the pyodide package's start is the stand-in
        assert {"asyncio/__init__.pyc", "asyncio/base_events.pyc", "pyodide/webloop.pyc"} <= names
        start = archive.extractfile("pyodide/__init__.pyc")
        assert start is not None
        assert b"when_loaded" in start.read()


def test_factory_links_lightly(built: Path) -> None:
    """Pyodide's factory ships with its start-up linking made lighter and its last start-up
    step compiling no Python source (sitegen/factory.py's replacements), wrapped to compile
    with its module; a factory without the known start-up texts, or not as esbuild minifies
    it, stops the build with a clear error."""
    shipped = (built / "vendor/pyodide/pyodide.asm.mjs").read_text(encoding="utf-8")
    assert "Object.keys(GOT).filter(" in shipped  # linked lazily
    assert "convertedJsFunctions" in shipped  # JavaScript functions wrapped in batches
    # no Python source run while it starts: imported, not compiled
    assert 'rawRun("import _pyodide_core")' not in shipped
    assert 'runPythonInternal("import' not in shipped
    assert "_PyImport_ImportModule(" in shipped
    # compiled with its module: a function expression in parentheses
    assert shipped.startswith("var _createPyodideModule=(async function _createPyodideModule(")
    with pytest.raises(BuildError, match="not as esbuild minifies it"):
        factory.eager(shipped.encode())  # already wrapped: no longer starts as esbuild's
    stock = (ROOT / "node_modules/pyodide/pyodide.asm.mjs").read_bytes()
    for text, _ in factory.REPLACEMENTS:
        assert stock.count(text) == 1
        with pytest.raises(BuildError, match="expected the start-up text"):
            runtime.minified_factory(stock.replace(text, b""))


def test_site_has_page_runtime_and_core(built: Path) -> None:
    """The site holds the page, its assets, the vendored runtime and pycore's zip."""
    for name in [
        "index.html",
        "app.js",
        "worker.js",
        "style.css",
        "favicon.svg",
        ".nojekyll",
        "vendor/chart.umd.min.js",
        "vendor/pyodide/pyodide.mjs",
        "vendor/pyodide/pyodide.asm.wasm.gz",
        "vendor/pyodide/python_stdlib.tar.gz",
        "vendor/pyodide/python_stdlib.zip",
        "vendor/nanotar.mjs",
    ]:
        assert (built / name).is_file(), name
    with tarfile.open(built / "vendor/pyodide/python_stdlib.tar.gz") as archive:
        names = set(archive.getnames())
    # pycore ships precompiled inside the page's Python library, without its CLI
    modules = {
        f"pycore/{path.stem}.pyc"
        for path in (ROOT / "pycore").glob("*.py")
        if path.stem != "__main__"
    }
    assert {"pycore/__init__.pyc", "pycore/engine.pyc", "pycore/serving.pyc"} <= modules <= names
    assert "pycore/__main__.pyc" not in names


def test_default_results_are_prerendered(built: Path) -> None:
    """Every result is in the HTML with its raw value and its formatted text."""
    soup = soup_of(built)
    expected = {
        "api_monthly": ("2000", "$2,000"),
        "finetuned_monthly": ("3000", "$3,000"),
        "monthly_savings": ("-1000", "\u2212$1,000"),
        "breakeven_inferences": ("1500000", "1,500,000"),
    }
    for name, (value, text) in expected.items():
        output = soup.select_one(f"[data-output={name}]")
        assert output is not None, name
        assert output["data-value"] == value
        assert output.get_text() == text
    assert soup.html is not None
    assert soup.html["data-engine"] == "loading"


def test_every_parameter_has_a_field_and_a_slider(built: Path) -> None:
    """Each parameter has a labelled number field holding its default and a slider."""
    soup = soup_of(built)
    defaults = {"monthly_inferences": "1000000", "api_cost_per_1k": "2", "hosting_monthly": "3000"}
    for name, value in defaults.items():
        field = soup.select_one(f"input[name={name}]")
        assert field is not None
        assert field["type"] == "number"
        assert field["value"] == value
        assert soup.select_one(f"label[for={field['id']}]") is not None
        slider = soup.select_one(f"input[type=range][data-param={name}]")
        assert slider is not None
        assert slider["data-scale"] == "log"
    volume = soup.select_one("input[type=range][data-param=monthly_inferences]")
    assert volume is not None
    assert (volume["data-min"], volume["data-max"]) == ("10000", "1000000000")


def test_detailed_inputs_are_a_file_of_their_own(built: Path) -> None:
    """The served pages fetch the detailed view's groups from detailed-inputs.html (half of
    the page's HTML, shown only by that view), named with its SRI by an empty slot in the
    form; together they hold one field for every parameter. offline.html has them inline."""
    index = soup_of(built)
    fragment_bytes = (built / "detailed-inputs.html").read_bytes()
    fragment = BeautifulSoup(fragment_bytes.decode(), "html.parser")
    slot = index.select_one("form[data-analyzer] [data-detailed-inputs]")
    assert slot is not None
    assert slot["data-detailed-inputs"] == "detailed-inputs.html"
    assert slot["data-integrity"] == sri(fragment_bytes)
    assert slot.find() is None  # empty until app.js fills it
    assert not slot.get_text(strip=True)
    groups = [group["data-group"] for group in fragment.select("details.group[data-detailed]")]
    assert groups == [g for g, _ in pycore.GROUPS if g not in ("simple", "pilot")]
    assert index.select("details.group[data-detailed]") == []
    offline = BeautifulSoup((built / "offline.html").read_text(encoding="utf-8"), "html.parser")
    assert offline.select_one("[data-detailed-inputs]") is None
    for spec in pycore.PARAMETERS:
        name = spec.name
        served = index.select(f"input[type=number][name={name}]")
        served += fragment.select(f"input[type=number][name={name}]")
        assert len(served) == 1, name
        in_fragment = spec.group not in ("simple", "pilot")
        assert bool(fragment.select(f"input[name={name}]")) == in_fragment, name
        assert len(offline.select(f"input[type=number][name={name}]")) == 1, name


def test_use_cases_show_seed_costs(built: Path) -> None:
    """Each use case card shows ~$20,000 for the API and $3,000 fine-tuned at 10M requests."""
    cards = soup_of(built).select("[data-use-case]")
    assert [card["data-use-case"] for card in cards] == [
        "travel-support",
        "finance-extraction",
        "education-tutor",
    ]
    for card in cards:
        text = card.get_text(" ", strip=True)
        assert "10,000,000 requests per month" in text
        assert "$20,000" in text
        assert "$3,000" in text


def test_sections_and_nav(built: Path) -> None:
    """The nav links every section, in order, and the strategy has three steps."""
    soup = soup_of(built)
    links = [a["href"] for a in soup.select("nav ul a")]
    assert links == [
        "#dilemma",
        "#options",
        "#analyzer",
        "#use-cases",
        "#factors",
        "#strategy",
        "#pilot",
    ]
    for href in links:
        assert soup.select_one(href) is not None
    assert len(soup.select(".steps li")) == 3
    assert len(soup.select("table.factors tbody tr")) >= 6


def test_page_loads_only_local_scripts(built: Path) -> None:
    """Every script and stylesheet is a relative URL: nothing comes from a CDN."""
    soup = soup_of(built)
    urls = [tag.get("src") or tag.get("href") for tag in soup.select("script[src], link[href]")]
    assert urls
    for url in urls:
        assert isinstance(url, str)
        assert "://" not in url
        assert not url.startswith("/")


def test_markdown_raw_html_is_sanitized(tmp_path: Path) -> None:
    """Raw HTML in a section's Markdown never reaches the page as markup."""
    content = copy_content(tmp_path)
    section = content / "sections" / "10-dilemma.md"
    section.write_text(
        section.read_text() + '\n<script>alert(1)</script><img src=x onerror="alert(2)">\n'
    )
    out = tmp_path / "site"
    assert build.main(["--content", str(content), "--out", str(out)]) == 0
    html = (out / "index.html").read_text()
    assert "alert(1)" not in html
    assert "onerror" not in html


def test_bad_content_reports_file_line_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every content error is reported with file, line, field, expected and found, at once."""
    content = copy_content(tmp_path)
    use_cases = content / "use_cases.yaml"
    text = use_cases.read_text()
    text = text.replace("hosting_monthly: 3000", "hosting_monthly: lots", 1)
    text = text.replace("domain: Finance", "domian: Finance", 1)
    use_cases.write_text(text)
    site = content / "site.yaml"
    site.write_text(site.read_text().replace("lang: en", "lang: 7"))
    out = tmp_path / "site"
    assert build.main(["--content", str(content), "--out", str(out)]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    lines = text.splitlines()
    hosting_line = next(i for i, line in enumerate(lines, 1) if "hosting_monthly: lots" in line)
    assert (
        f"{use_cases}:{hosting_line}: [0].parameters.hosting_monthly: "
        'expected a value of type number, found "lots"' in err
    )
    assert "[1]: expected only the keys" in err
    assert "found unknown key domian" in err
    assert f"{site}:3: lang: expected a value of type string, found 7" in err
    assert "Traceback" not in err
    assert "[1]: expected a key domain, found none" in err
    assert "4 content problem(s)" in err


def test_use_case_out_of_model_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A use case whose drivers multiply past pycore's range is named with its line."""
    content = copy_content(tmp_path)
    use_cases = content / "use_cases.yaml"
    use_cases.write_text(use_cases.read_text().replace("value: 20\n", "value: 1000000000\n"))
    assert build.main(["--content", str(content), "--out", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "[2].drivers: expected a number from 0 to 1,000,000,000,000" in err


def test_front_matter_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A section without front matter or with a wrong field is reported with its line."""
    content = copy_content(tmp_path)
    strategy = content / "sections" / "60-strategy.md"
    strategy.write_text(strategy.read_text().replace("order: 60", "order: soon"))
    (content / "sections" / "70-extra.md").write_text("no front matter here\n")
    assert build.main(["--content", str(content), "--out", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    order_line = strategy.read_text().splitlines().index("order: soon") + 1
    assert f"{strategy}:{order_line}: order: expected a value of type integer" in err
    assert "70-extra.md:1: (front matter): expected a first line '---'" in err


def test_failed_build_keeps_previous_site(tmp_path: Path) -> None:
    """A failing build leaves the previous site/ untouched."""
    out = tmp_path / "site"
    assert build.main(["--out", str(out)]) == 0
    before = (out / "index.html").read_bytes()
    content = copy_content(tmp_path)
    (content / "site.yaml").write_text("title: [unclosed\n")
    assert build.main(["--content", str(content), "--out", str(out)]) == 1
    assert (out / "index.html").read_bytes() == before


def test_builds_are_reproducible(built: Path, tmp_path: Path) -> None:
    """Two builds of the same inputs are byte-identical."""
    again = tmp_path / "site"
    assert build.main(["--out", str(again)]) == 0
    for path in sorted(p for p in built.rglob("*") if p.is_file()):
        assert (again / path.relative_to(built)).read_bytes() == path.read_bytes(), path
