"""The pages: the Jinja2 environment, its filters, and every HTML page of the site.

Uses ``assets``, ``content``, ``formats`` and pycore (its number formats). The ``slider``
filter is the build's half of the slider mapping; templates/app/slider.js is the page's.
"""

from __future__ import annotations

import hashlib
import math
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markdown
import nh3
from markupsafe import Markup

import pycore
from sitegen.assets import offline_assets, served_assets
from sitegen.content import Content
from sitegen.formats import compact_json, raw_number
from sitegen.layout import DETAILED_INPUTS, MODEL_DOC

#: The template of the detailed view's groups of inputs (DETAILED_INPUTS on its own).
DETAILED_TEMPLATE = "_detailed_groups.html.j2"

#: Steps from one end of a slider to the other.
SLIDER_STEPS = 1000


@dataclass(frozen=True)
class Track:
    """A slider's ``min``, ``max``, ``step`` and ``value`` attributes, as positions."""

    min: str
    max: str
    step: str
    value: str


def slider(spec: pycore.ParameterSpec, value: float | None) -> Track:
    """Place ``value`` (as the field holds it; when empty, the suggested value) on the
    parameter's slider.

    A slider's position is the field's value, or on a log-scaled slider (``spec.log_scale``)
    its base-10 logarithm, so reading it back is ``10 ** position`` (slider.js); the
    range holds SLIDER_STEPS steps. Positions keep 6 decimals, the step is exact in them.
    Shares are percentages on the page, their sliders too.
    """

    def position(real: float) -> float:
        return round(math.log10(real) if spec.log_scale else real, 6)

    def field(real: float | None) -> float:
        shown = pycore.to_field(spec, real)
        assert shown is not None
        return shown

    slider_min, slider_max = field(spec.slider_min), field(spec.slider_max)
    low, high = position(slider_min), position(slider_max)
    real = value if value is not None else field(spec.suggested or spec.slider_min)
    real = min(max(real, slider_min), slider_max)
    step = round((high - low) / SLIDER_STEPS, 9)
    return Track(raw_number(low), raw_number(high), raw_number(step), raw_number(position(real)))


def query_string(parameters: Mapping[str, object]) -> str:
    """Write parameters as a URL query string (no "?"): numbers raw, preset ids as they are."""
    return urllib.parse.urlencode(
        {
            name: value if isinstance(value, str) else raw_number(value)  # type: ignore[arg-type]
            for name, value in parameters.items()
            if value is not None
        }
    )


def render_markdown(text: str) -> Markup:
    """Render Markdown to HTML and sanitize it: raw HTML in content never reaches the page."""
    html = markdown.markdown(text, extensions=["extra", "smarty"], output_format="html")
    return Markup(nh3.clean(html))


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
        slider=slider,
        # a parameter's value (or bound) as the page's field holds it: shares in percent
        field=lambda value, spec: pycore.to_field(spec, value),
        query=query_string,
        # JSON for a <script type="application/json"> block: "<" escaped, so no "</script>".
        tojson_compact=lambda data: Markup(compact_json(data).replace("<", "\\u003c")),
        # JSON for an attribute value: a plain string, so autoescaping quotes it.
        tojson_attr=compact_json,
        # the checksum offline.js verifies an embedded block's text against
        sha256=lambda text: hashlib.sha256(text.encode()).hexdigest(),
    )
    return env


def render_pages(
    env: jinja2.Environment,
    content: Content,
    page: dict[str, Any],
    files: Mapping[str, bytes],
    base_url: str,
) -> dict[str, bytes]:
    """Render every HTML page of the site, keyed by its path inside site/.

    ``page`` is the page data (``pagedata``); ``files`` the runtime with the bundled
    app.js. ``base_url`` ("" when unknown) makes the canonical link, the OpenGraph URLs
    and the 404 page's links absolute; without it every URL stays relative. model.html
    publishes docs/model.md, which the page links to.
    """
    context = {
        "base_url": base_url,
        "site": content.data["site"],
        "sections": {section["id"]: section for section in content.sections},
        "nav": content.sections,
        "options": content.data["options"],
        "factors": content.data["factors"],
        "strategy": content.data["strategy"],
        "model_doc": MODEL_DOC.read_text(encoding="utf-8"),
        **page,
    }
    # share.js rewrites it with the page's own address and scenario (updateEmbedLinks)
    context["embed_snippet"] = (
        f'<script src="{base_url}embed-host.js" defer></script>\n'
        f'<iframe src="{base_url}embed.html" title="API or fine-tuned model: cost analyzer" '
        'width="100%" height="900" style="border:0" loading="lazy" allow="clipboard-write">'
        "</iframe>"
    )
    # the detailed view's inputs: a file of their own for the served pages (kept out of the
    # first HTML: 150 KB that only the detailed view shows), inline in offline.html
    detailed = env.get_template(DETAILED_TEMPLATE).render(**context).encode()
    served = served_assets(files, detailed)
    pages = {
        "index.html": ("index.html.j2", served),
        "embed.html": ("embed.html.j2", served),
        "404.html": ("404.html.j2", served),
        "model.html": ("model.html.j2", served),
        "offline.html": ("index.html.j2", offline_assets(files)),
    }
    rendered = {
        name: env.get_template(template).render(assets=assets, page_name=name, **context).encode()
        for name, (template, assets) in pages.items()
    }
    return {**rendered, DETAILED_INPUTS: detailed}
