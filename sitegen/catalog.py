"""The API models' token prices, read from the pinned price catalog (genai-prices).

Uses ``errors`` and ``schema``. content/api_presets.yaml names the catalog's package,
version and release date, and the models the page offers; this module checks the version
against the installed package and reads each model's prices in USD per million tokens.
"""

from __future__ import annotations

import datetime
import importlib.metadata
from pathlib import Path
from typing import Any

import yaml

from sitegen.errors import ContentProblem
from sitegen.schema import problem_at


def read_price_catalog(
    path: Path, spec: dict[str, Any], node: yaml.Node | None
) -> tuple[list[dict[str, Any]], list[ContentProblem]]:
    """Read the curated API models' token prices (USD per MTok) from the price catalog.

    ``spec`` is api_presets.yaml, ``node`` its YAML node tree (for line numbers). Returns
    the models (id, name, values) and the problems found. Prices are those in force on the
    catalog's release date, standard tier; a tiered price gives its base tier; a model
    without a cache-read price gets its input price.
    """
    from genai_prices.data import providers  # noqa: PLC0415 - heavy; only the build needs it
    from genai_prices.types import TieredPrices  # noqa: PLC0415

    catalog = spec["catalog"]
    installed = importlib.metadata.version(catalog["package"])
    if installed != catalog["version"]:
        message = (
            f"expected the installed {catalog['package']} {installed}, found {catalog['version']!r}"
        )
        return [], [ContentProblem(path, None, "catalog.version", message)]
    try:
        when = datetime.datetime.fromisoformat(f"{catalog['released']}T12:00:00+00:00")
    except ValueError:
        message = f"expected a real date YYYY-MM-DD, found {catalog['released']!r}"
        return [], [problem_at(path, node, ["catalog", "released"], message)]

    def flat(value: Any) -> float | None:
        if isinstance(value, TieredPrices):
            value = value.base
        return None if value is None else float(value)

    by_provider = {provider.id: provider for provider in providers}
    models, problems = [], []
    for index, wanted in enumerate(spec["models"]):
        provider = by_provider.get(wanted["provider"])
        model = (
            next((m for m in provider.models if m.id == wanted["model"]), None)
            if provider
            else None
        )
        if provider is None or model is None:
            message = (
                f"expected a model of {catalog['package']} {catalog['version']}, found {wanted!r}"
            )
            problems.append(problem_at(path, node, ["models", index], message))
            continue
        prices = model.get_prices(when)
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
    return models, problems
