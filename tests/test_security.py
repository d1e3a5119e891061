"""Security properties of the built pages, read from the HTML (no browser).

The served pages (index.html, embed.html) run only same-origin scripts pinned by
Subresource Integrity under a CSP without 'unsafe-inline' or 'unsafe-eval'; offline.html
inlines its scripts and allows each by its sha256 in the CSP; and links written in the
Markdown content cannot become ``javascript:`` URLs.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

import build

ROOT = Path(__file__).resolve().parents[1]
SERVED = ("index.html", "embed.html")
ALL_PAGES = ("index.html", "embed.html", "404.html", "offline.html")
DATA_TYPES = ("application/json", "application/octet-stream")


def soup(site_dir: Path, name: str) -> BeautifulSoup:
    """Parse one built page."""
    return BeautifulSoup((site_dir / name).read_text(encoding="utf-8"), "html.parser")


def csp_of(page: BeautifulSoup) -> dict[str, list[str]]:
    """Return the page's CSP meta as ``{directive: [sources]}``; fail if there is not one."""
    metas = page.find_all(
        "meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)}
    )
    assert len(metas) == 1, f"expected one CSP meta, found {len(metas)}"
    policy: dict[str, list[str]] = {}
    for directive in str(metas[0]["content"]).split(";"):
        name, *sources = directive.split()
        assert name not in policy, f"directive {name} given twice"
        policy[name] = sources
    return policy


def is_executable(script: Tag) -> bool:
    """Tell whether a <script> runs code (classic or module) rather than hold data."""
    kind = str(script.get("type", "")).strip().lower()
    return kind in ("", "module", "text/javascript", "application/javascript")


def sha(algorithm: str, data: bytes) -> str:
    """Return base64 of ``data``'s digest under ``algorithm``."""
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode()


@pytest.mark.parametrize("name", ALL_PAGES)
def test_csp_has_no_unsafe_inline_or_eval(site_dir: Path, name: str) -> None:
    """Every page's CSP forbids inline handlers and eval; only 'wasm-unsafe-eval' is allowed."""
    policy = csp_of(soup(site_dir, name))
    sources = [source.lower() for values in policy.values() for source in values]
    assert "'unsafe-inline'" not in sources
    assert "'unsafe-eval'" not in sources
    assert "'unsafe-hashes'" not in sources
    assert "'strict-dynamic'" not in sources
    assert {s for s in sources if "unsafe" in s} <= {"'wasm-unsafe-eval'"}
    assert "*" not in sources
    schemes = {s for s in sources if re.fullmatch(r"[a-z][a-z0-9+.-]*:(//.*)?", s)}
    assert schemes <= {"data:"}, f"remote or scheme-wide sources: {schemes}"
    assert policy["object-src" if "object-src" in policy else "default-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'none'"]
    assert "default-src" in policy
    if name in SERVED:
        assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
        assert policy["connect-src"] == ["'self'"]
        assert policy["worker-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]


@pytest.mark.parametrize("name", [*SERVED, "404.html", "model.html"])
def test_served_pages_have_no_inline_executable_script(site_dir: Path, name: str) -> None:
    """Each <script> of a served page has a src or is a JSON/octet-stream data block."""
    page = soup(site_dir, name)
    for script in page.find_all("script"):
        if script.get("src"):
            assert not (script.string or "").strip(), "a script with src also holds code"
            continue
        assert str(script.get("type", "")).lower() in DATA_TYPES, f"inline script: {script!s:.80}"
    for tag in page.find_all(True):
        handlers = [attr for attr in tag.attrs if attr.lower().startswith("on")]
        assert not handlers, f"<{tag.name}> has inline handlers {handlers}"
    assert not page.find_all("style"), "inline <style> needs 'unsafe-inline'"
    styled = [tag for tag in page.find_all(True) if tag.has_attr("style")]
    assert not styled, "style attributes need 'unsafe-inline'"


@pytest.mark.parametrize("name", SERVED)
def test_scripts_and_stylesheet_carry_matching_sri(site_dir: Path, name: str) -> None:
    """Each script src and the stylesheet has a sha384 integrity matching the file served."""
    page = soup(site_dir, name)
    scripts = page.find_all("script", src=True)
    stylesheets = page.find_all("link", rel="stylesheet")
    assert [s["src"] for s in scripts] == ["boot.js", "app.js"]
    assert len(stylesheets) == 1
    # Chart.js is loaded by app.js when a chart is about to show, with this src and SRI
    block = page.find("script", id="chart-library")
    assert block is not None
    chart_library = json.loads(block.string or "")
    assert chart_library["src"] == "vendor/chart.umd.min.js"
    tags = [(str(s["src"]), str(s.get("integrity", ""))) for s in scripts]
    tags += [(str(s["href"]), str(s.get("integrity", ""))) for s in stylesheets]
    tags.append((chart_library["src"], chart_library["integrity"]))
    for url, integrity in tags:
        assert integrity.startswith("sha384-"), f"{url}: integrity {integrity!r}"
        assert "://" not in url
        assert not url.startswith("/")
        expected = sha("sha384", (site_dir / url).read_bytes())
        assert integrity.split() == [f"sha384-{expected}"], url


def test_offline_inline_scripts_and_style_are_allowed_by_hash(site_dir: Path) -> None:
    """offline.html's CSP lists exactly the sha256 of each inline script and of its style."""
    page = soup(site_dir, "offline.html")
    policy = csp_of(page)
    scripts = [s for s in page.find_all("script") if is_executable(s)]
    assert len(scripts) >= 5
    hashes = [f"'sha256-{sha('sha256', (s.string or '').encode())}'" for s in scripts]
    for script, expected in zip(scripts, hashes, strict=True):
        assert not script.get("src")
        assert expected in policy["script-src"], (
            f"script {(script.string or '')[:60]!r} not allowed"
        )
    assert sorted(policy["script-src"]) == sorted([*hashes, "'wasm-unsafe-eval'"])
    (style,) = page.find_all("style")
    assert policy["style-src"] == [f"'sha256-{sha('sha256', (style.string or '').encode())}'"]
    assert policy["default-src"] == ["'none'"]
    assert "connect-src" not in policy  # default-src 'none': no fetch at all
    for block in page.find_all("script"):
        if not is_executable(block):
            assert str(block.get("type")).lower() in DATA_TYPES


JS_LINKS = """

[plain](javascript:alert(1)) [upper](JavaScript:alert(2)) [spaced](  javascript:alert(3) )
[entity](&#106;avascript:alert(4)) [tabbed](java&#x09;script:alert(5))
[vb](vbscript:msgbox(6)) [datahtml](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==)
![image](javascript:alert(8)) <javascript:alert(9)> [ref][evil]
<a href="javascript:alert(10)">raw link</a> <a href=" JAVASCRIPT:alert(11)">raw upper</a>
[fine](https://example.com/ok)

[evil]: javascript:alert(12)
"""

BREAKOUT = "</script><script>window.__pwned=1</script><!--"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a content copy whose Markdown holds script links and whose data holds </script>."""
    root = tmp_path_factory.mktemp("hostile")
    content = Path(shutil.copytree(ROOT / "content", root / "content"))
    section = content / "sections" / "20-options.md"
    section.write_text(section.read_text(encoding="utf-8") + JS_LINKS, encoding="utf-8")
    factors = content / "factors.yaml"
    text = factors.read_text(encoding="utf-8")
    old = '"Every request is billed, so the monthly cost climbs in step with traffic."'
    assert old in text
    factors.write_text(text.replace(old, json.dumps(BREAKOUT)), encoding="utf-8")
    out = root / "site"
    assert build.main(["--content", str(content), "--out", str(out)]) == 0
    return out


def normalized_url(value: str) -> str:
    """Decode entities and drop whitespace/control characters, as a browser reads a URL."""
    return re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(value)).lower()


def test_markdown_script_links_are_not_rendered(hostile_site: Path) -> None:
    """javascript:, vbscript: and data:text/html links in Markdown become no live URL."""
    page = soup(hostile_site, "index.html")
    section = page.find(id="options")
    assert section is not None
    assert "plain" in section.get_text()
    assert "fine" in section.get_text()
    urls = [
        str(tag.get(attr))
        for tag in page.find_all(True)
        for attr in ("href", "src", "action", "formaction", "xlink:href")
        if tag.get(attr) is not None
    ]
    assert "https://example.com/ok" in urls
    for url in urls:
        plain = normalized_url(url)
        assert not plain.startswith(("javascript:", "vbscript:", "data:text")), url
        assert "alert(" not in plain, url
        assert "msgbox(" not in plain, url
    for tag in section.find_all(True):
        assert not [attr for attr in tag.attrs if attr.lower().startswith("on")], tag


def test_data_text_cannot_close_a_script_block(hostile_site: Path) -> None:
    """Content holding '</script><script>' stays data inside the JSON block and the page."""
    raw = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "window.__pwned" in raw  # the text is there, but only as escaped data
    page = BeautifulSoup(raw, "html.parser")
    scripts = page.find_all("script")
    assert [s.get("id") or s.get("src") for s in scripts] == [
        "boot.js",
        "app.js",
        "initial-report",
        "factors-data",
        "chart-library",
    ]
    block = page.find("script", id="factors-data")
    assert block is not None
    factors = json.loads(block.string or "")
    assert factors["factors"][0]["api"]["reason"] == BREAKOUT
    for script in scripts:
        assert "</script" not in (script.string or "").lower()
        if not script.get("src"):
            assert str(script.get("type")) in DATA_TYPES
