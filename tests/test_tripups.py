"""Build-level checks of what a new reader tripped over (issue 16, point 8): card verdicts
that follow the numbers, the embed snippet, and checksums of offline.html's embedded runtime.
The same defects are driven in a browser in test_browser_tripups.py."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

import pycore
from sitegen.content import detailed_parameters, use_case_parameters

ROOT = Path(__file__).resolve().parents[1]
CASES: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "content" / "use_cases.yaml").read_text(encoding="utf-8")
)


def soup(site_dir: Path, name: str) -> BeautifulSoup:
    """Parse one built page."""
    return BeautifulSoup((site_dir / name).read_text(encoding="utf-8"), "html.parser")


def first_sentence(summary: str) -> str:
    """The verdict that opens pycore's summary."""
    return summary.split(". ", maxsplit=1)[0].rstrip(".") + "."


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
@pytest.mark.parametrize("view", ["simple", "detailed"])
def test_card_verdict_is_pycores(site_dir: Path, case: dict[str, Any], view: str) -> None:
    """Each card states, in each view, pycore's verdict on its own numbers."""
    parameters = use_case_parameters(case) if view == "simple" else detailed_parameters(case)
    report = pycore.compute(parameters)
    card = soup(site_dir, "index.html").select_one(
        f"[data-use-case={case['id']}] [data-view-only={view}]"
    )
    assert card is not None
    verdict = card.select_one(".card-verdict")
    assert verdict is not None, "the card has no verdict"
    text = " ".join(verdict.get_text().split())
    summary = report["summary"]
    assert isinstance(summary, str)
    assert text == first_sentence(summary)
    results, shown = report["results"], report["text"]
    assert isinstance(results, dict)
    assert isinstance(shown, dict)
    assert shown["api_monthly"] in text
    assert shown["finetuned_monthly"] in text
    if results["monthly_savings"] < 0:
        assert "stay on the API" in text


def test_use_case_intro_claims_no_result(site_dir: Path) -> None:
    """The use cases' introduction states no figure and no universal verdict: the cards do."""
    section = soup(site_dir, "index.html").select_one("#use-cases")
    assert section is not None
    intro = " ".join(p.get_text() for p in section.find_all("p", recursive=False))
    assert intro, "the section has no introduction"
    assert "$" not in intro, intro
    assert not re.search(r"[Ff]ine-tuning pays off when", intro), intro
    assert "each card" in intro.lower()


def test_embed_snippet_resizes_and_may_copy(site_dir: Path) -> None:
    """The build's embed snippet loads embed-host.js with one script line and lets the
    iframe write the clipboard; the host script and the embed speak the same message."""
    snippet = soup(site_dir, "index.html").select_one("[data-embed-snippet]")
    assert snippet is not None
    text = snippet.get_text()
    assert '<script src="embed-host.js" defer></script>' in text
    assert 'allow="clipboard-write"' in text
    assert text.count("<script") == 1
    host = (site_dir / "embed-host.js").read_text(encoding="utf-8")
    app = (site_dir / "app.js").read_text(encoding="utf-8")
    assert "finetune-or-api:height" in host
    assert "finetune-or-api:height" in app
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "finetune-or-api:height" in readme, "the message shape is documented"


def test_offline_blocks_carry_their_checksum(site_dir: Path) -> None:
    """Each embedded block of offline.html carries the SHA-256 of its text."""
    page = soup(site_dir, "offline.html")
    blocks = page.select("script[type='application/octet-stream']")
    assert len(blocks) >= 3
    for block in blocks:
        digest = block.get("data-sha256")
        assert isinstance(digest, str), f"{block['id']} has no checksum"
        assert digest == hashlib.sha256(block.get_text().encode()).hexdigest(), block["id"]


def test_factors_table_is_a_scrollable_region(site_dir: Path) -> None:
    """The factors table sits in a labelled region that the keyboard can focus and scroll."""
    table = soup(site_dir, "index.html").select_one("table.factors")
    assert table is not None
    region = table.parent
    assert region is not None
    assert region.get("role") == "region"
    assert region.get("tabindex") == "0"
    assert region.get("aria-label")


def test_fields_carry_their_page_scale(site_dir: Path) -> None:
    """Each number field says how the link's value is scaled into it (100 for shares): in
    index.html or in the detailed view's inputs that app.js adds to it."""
    pages = [soup(site_dir, "index.html"), soup(site_dir, "detailed-inputs.html")]
    for spec in pycore.PARAMETERS:
        field = next((f for p in pages if (f := p.select_one(f"input[name={spec.name}]"))), None)
        assert field is not None
        assert field.get("data-page-scale") == ("100" if spec.page_scale == 100 else "1")
