"""The preset catalog: API models (prices from genai-prices) and GPUs (content/), as pycore
holds them in pycore/catalog.py.

Uses ``errors`` and ``schema``. content/api_presets.yaml names the price catalog's package,
version and release date, the models the page offers and each provider's caching terms;
content/gpu_presets.yaml holds each GPU's serving profile and prices. This module turns
them into the presets of ``api_model`` and ``gpu_model`` (partial scenarios with their
sources). pycore, which does no I/O, keeps the same presets as a generated module:
``python -m sitegen.catalog`` (``make catalog``) writes it, and the build refuses to go on
when it no longer matches content/.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import importlib.metadata
import pprint
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from sitegen.errors import ContentProblem
from sitegen.schema import problem_at

Catalog = dict[str, dict[str, Any]]

#: The parameters a GPU preset sets (the profile's five numbers come from its GPU).
PROFILE = ("prefill_tps", "decode_tps", "kv_cache_tokens", "decode_step_ms", "min_decode_step_ms")


def read_api_models(
    path: Path, spec: Mapping[str, Any], node: yaml.Node | None
) -> tuple[Catalog, list[ContentProblem]]:
    """Read the curated API models from the price catalog, as presets by id.

    ``spec`` is api_presets.yaml, ``node`` its YAML node tree (for line numbers). Prices
    (USD per MTok) are those in force on the catalog's release date, standard tier; a
    tiered price gives its base and its first tier (threshold and prices); a price the
    catalog lacks is None (pycore then applies its rule: cached input a tenth of the input
    price, cache writes at the input price).
    """
    from genai_prices.data import providers  # noqa: PLC0415 - heavy; only the build needs it

    catalog = spec["catalog"]
    installed = importlib.metadata.version(catalog["package"])
    if installed != catalog["version"]:
        message = (
            f"expected the installed {catalog['package']} {installed}, found {catalog['version']!r}"
        )
        return {}, [ContentProblem(path, None, "catalog.version", message)]
    try:
        when = datetime.datetime.fromisoformat(f"{catalog['released']}T12:00:00+00:00")
    except ValueError:
        message = f"expected a real date YYYY-MM-DD, found {catalog['released']!r}"
        return {}, [problem_at(path, node, ["catalog", "released"], message)]
    by_provider = {provider.id: provider for provider in providers}
    models: Catalog = {}
    problems = []
    for index, wanted in enumerate(spec["models"]):
        provider = by_provider.get(wanted["provider"])
        model = (
            next((m for m in provider.models if m.id == wanted["model"]), None)
            if provider
            else None
        )
        caching = spec["caching"].get(wanted["caching"])
        if provider is None or model is None:
            message = (
                f"expected a model of {catalog['package']} {catalog['version']}, found {wanted!r}"
            )
            problems.append(problem_at(path, node, ["models", index], message))
            continue
        if caching is None:
            message = f"expected one of the caching terms {sorted(spec['caching'])}"
            found = f"{message}, found {wanted['caching']!r}"
            problems.append(problem_at(path, node, ["models", index, "caching"], found))
            continue
        models[f"{provider.id}/{model.id}"] = {
            "name": f"{model.name or model.id} ({provider.name})",
            "label": wanted["label"],
            "tier": wanted["tier"],
            "values": _api_values(
                model.get_prices(when),
                caching["min_cacheable_tokens"],
                caching.get("cached_input_ratio"),
            ),
            "source": f"{catalog['package']} {catalog['version']} "
            f"(released {catalog['released']}), standard tier",
            "caching_source": f"{caching['source']} ({caching['date']})",
            "note": wanted.get("note", ""),
        }
    return models, problems


def read_managed(
    path: Path, spec: Mapping[str, Any], node: yaml.Node | None
) -> tuple[dict[str, Any], list[ContentProblem]]:
    """Read the managed fine-tune's per-token prices (USD per MTok) from the price catalog."""
    from genai_prices.data import providers  # noqa: PLC0415 - heavy; only the build needs it

    managed = spec["managed"]
    when = datetime.datetime.fromisoformat(f"{spec['catalog']['released']}T12:00:00+00:00")
    provider = next((p for p in providers if p.id == managed["provider"]), None)
    model = (
        next((m for m in provider.models if m.id == managed["model"]), None) if provider else None
    )
    if model is None:
        found = f"{managed['provider']}/{managed['model']}"
        message = f"expected a model of the price catalog, found {found!r}"
        return {}, [problem_at(path, node, ["managed", "model"], message)]
    values = _api_values(model.get_prices(when), 0)
    return {
        "name": managed["name"],
        "values": {
            "managed_input_price_per_mtok": values["input_price_per_mtok"],
            "managed_output_price_per_mtok": values["output_price_per_mtok"],
            "managed_training_price_per_mtok": float(managed["training_price_per_mtok"]),
        },
        "note": managed["note"],
        "stops_serving": managed["stops_serving"],
        "source": f"{managed['provider']}/{managed['model']} in "
        f"{spec['catalog']['package']} {spec['catalog']['version']}; "
        f"{managed['training_source']} ({managed['date']})",
    }, []


def factor_scores(spec: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The qualitative factors of factors.yaml as pycore weighs them: id, name, both scores."""
    return [
        {
            "id": factor["id"],
            "name": factor["name"],
            "api": float(factor["api"]["score"]),
            "finetuned": float(factor["finetuned"]["score"]),
        }
        for factor in spec["factors"]
    ]


def _api_values(
    prices: Any, min_cacheable: float, cached_ratio: float | None = None
) -> dict[str, float | None]:
    """The parameters one model's catalog prices set (USD per MTok; tokens). A cached price
    the catalog lacks is ``cached_ratio`` times the input price when the provider's caching
    terms give one (else None: pycore's rule applies)."""
    from genai_prices.types import TieredPrices  # noqa: PLC0415

    def split(value: Any) -> tuple[float | None, Any]:
        if isinstance(value, TieredPrices):
            return float(value.base), value.tiers[0] if value.tiers else None
        return (None if value is None else float(value)), None

    input_price, input_tier = split(prices.input_mtok)
    output_price, output_tier = split(prices.output_mtok)
    cached = split(prices.cache_read_mtok)[0]
    if cached is None and cached_ratio is not None:
        cached = round((input_price or 0.0) * cached_ratio, 9)
    return {
        "input_price_per_mtok": input_price or 0.0,
        "output_price_per_mtok": output_price or 0.0,
        "cached_input_price_per_mtok": cached,
        "cache_write_price_per_mtok": split(prices.cache_write_mtok)[0],
        "long_context_tokens": float(input_tier.start) if input_tier else None,
        "long_context_input_price_per_mtok": float(input_tier.price) if input_tier else None,
        "long_context_output_price_per_mtok": float(output_tier.price) if output_tier else None,
        "min_cacheable_tokens": float(min_cacheable),
    }


def gpu_models(spec: Mapping[str, Any]) -> Catalog:
    """Return the GPU presets of gpu_presets.yaml by id ("<price id>/<gpu id>")."""
    models: Catalog = {}
    for gpu in spec["gpus"]:
        profile = gpu["profile"]
        for offer in gpu["prices"]:
            models[f"{offer['id']}/{gpu['id']}"] = {
                "name": f"{gpu['name']} on {offer['provider']} ({offer['kind']})",
                "label": f"{gpu['label']}, {offer['provider']}",
                "gpu": gpu["id"],
                "kind": offer["kind"],
                "values": {
                    "gpu_hourly": float(offer["gpu_hourly"]),
                    "gpus_per_replica": float(gpu["gpus_per_replica"]),
                    **{name: float(profile[name]) for name in PROFILE},
                    "replica_throughput_tps": None,
                },
                "price_source": f"{offer['product']}: {offer['source']} ({offer['date']})",
                "profile_status": profile["status"],
                "profile_source": f"{profile['source']} Hardware: {gpu['hardware_source']}. "
                f"({profile['date']})",
            }
    return models


def build_catalog(
    content_data: Mapping[str, Any], api_models: Catalog, managed: dict[str, Any]
) -> dict[str, Any]:
    """The whole catalog as pycore/catalog.py holds it."""
    return {
        "CATALOG": {
            key: str(value) for key, value in content_data["api_presets"]["catalog"].items()
        },
        "API_MODELS": api_models,
        "GPU_MODELS": gpu_models(content_data["gpu_presets"]),
        "MANAGED": managed,
        "FACTORS": factor_scores(content_data["factors"]),
    }


def differences(catalog: Mapping[str, Any]) -> list[str]:
    """Name the parts of ``catalog`` that pycore/catalog.py holds differently (or [])."""
    module = importlib.import_module("pycore.catalog")
    return [name for name, value in catalog.items() if getattr(module, name, None) != value]


def module_source(catalog: Mapping[str, Any]) -> str:
    """Return the text of pycore/catalog.py for ``catalog`` (``make catalog`` formats it)."""
    info = catalog["CATALOG"]
    kinds = {
        "API_MODELS": "dict[str, dict[str, Any]]",
        "GPU_MODELS": "dict[str, dict[str, Any]]",
        "MANAGED": "dict[str, Any]",
        "FACTORS": "list[dict[str, Any]]",
    }
    blocks = [
        f"{name}: Final[{kind}] = " + pprint.pformat(catalog[name], sort_dicts=False, width=100)
        for name, kind in kinds.items()
    ]
    title = "The presets that ``api_model`` and ``gpu_model`` name: partial scenarios, with "
    title += "sources."
    header = f'''"""{title}

Generated by ``make catalog`` (``python -m sitegen.catalog``) from content/api_presets.yaml,
with prices from {info["package"]} {info["version"]} (released {info["released"]}), and
content/gpu_presets.yaml, and content/factors.yaml (FACTORS: each qualitative factor's scores).
Do not edit by hand: edit those files and regenerate; the build and a test check that this
file matches them. Each preset maps ``values`` (parameter name to value, None to clear it)
and says where its figures come from; MANAGED is the fine-tuned model a provider serves.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["API_MODELS", "CATALOG", "FACTORS", "GPU_MODELS", "MANAGED"]

#: The price catalog the API presets come from.
CATALOG: Final[dict[str, str]] = {pprint.pformat(info, sort_dicts=False)}
'''
    return header + "\n" + "\n\n".join(blocks) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write pycore/catalog.py from content/ (or, with --check, say whether it matches)."""
    from sitegen.content import load_content  # noqa: PLC0415 - content imports this module
    from sitegen.layout import ROOT  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--check", action="store_true", help="exit 1 if it does not match")
    args = parser.parse_args(argv)
    content = load_content(args.content, check_catalog=False)
    if content.problems:
        for problem in content.problems:
            print(problem, file=sys.stderr)
        return 1
    stale = differences(content.data["catalog"])
    if args.check:
        print(f"pycore/catalog.py differs in {', '.join(stale)}" if stale else "up to date")
        return 1 if stale else 0
    (ROOT / "pycore" / "catalog.py").write_text(module_source(content.data["catalog"]))
    print("wrote pycore/catalog.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
