"""The API bill: what one request costs, priced as providers bill it.

Per request (USD), when the API is priced from tokens (``input_price_per_mtok`` given):

- the cached prefix is ``prefix = cached_input_share * avg_input_tokens`` tokens, but only
  when it is at least ``min_cacheable_tokens`` long: providers cache nothing shorter
  (OpenAI from 1,024 tokens, Anthropic from 512 to 4,096 by model, Gemini 3.x Flash from
  4,096; Mistral and Groq publish no minimum; see content/api_presets.yaml for each
  provider's figure, source and date);
- of the prefix, a share ``cache_write_share`` is written to the cache (billed at
  ``cache_write_price_per_mtok``, the input price when none is given: OpenAI and Gemini's
  implicit caching charge nothing extra) and the rest is read from it (billed at
  ``cached_input_price_per_mtok``, a tenth of the input price when none is given; the
  Groq presets carry half the input price, Groq's discount);
- the other ``avg_input_tokens - prefix`` input tokens pay ``input_price_per_mtok``;
- ``avg_output_tokens + reasoning_tokens`` pay ``output_price_per_mtok``: reasoning
  ("thinking") tokens are billed as output by OpenAI, Anthropic and Google;
- when the prompt is longer than ``long_context_tokens`` the whole request is billed at
  the long-context tier: ``long_context_input_price_per_mtok`` and
  ``long_context_output_price_per_mtok``, with cache reads and writes scaled by the same
  ratio as the input price (Anthropic's and Gemini's tiers work this way);
- the sum, divided by 1,000,000 (prices are per million tokens), is cut by
  ``batch_discount`` for asynchronous batch requests.

``effective_api_cost_per_1k`` is 1,000 times that; with per-request pricing (no token
prices) it is simply ``api_cost_per_1k``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pycore.remember import per_scenario
from pycore.scenario import Scenario

__all__ = ["ApiBill", "api_bill", "cached_prefix_tokens", "effective_api_cost_per_1k"]

#: Cached input costs a tenth of uncached input when neither the catalog nor the user gives
#: a price: OpenAI, Anthropic and Google all bill cache reads at 10% of the input price
#: (their pricing pages, November 2026).
CACHED_PRICE_RATIO = 0.1


@dataclass(frozen=True, slots=True)
class ApiBill:
    """One API request's bill, in USD per request, before and after the batch discount.

    ``uncached_input``, ``cache_read``, ``cache_write`` and ``output`` are the four parts
    (output includes reasoning tokens); ``long_context`` says whether the long-context
    tier applied; ``cached_tokens`` is the prefix billed as cached (0 when it is shorter
    than the provider's minimum); ``total`` is after the batch discount.
    """

    uncached_input: float
    cache_read: float
    cache_write: float
    output: float
    long_context: bool
    cached_tokens: float
    total: float


def cached_prefix_tokens(scenario: Scenario) -> float:
    """Return the tokens of each prompt billed as cached: the prefix, if long enough."""
    prefix = scenario.cached_input_share * scenario.avg_input_tokens
    return prefix if prefix >= scenario.min_cacheable_tokens and prefix > 0 else 0.0


def api_bill(scenario: Scenario) -> ApiBill:
    """Price one request from its tokens (see the module docstring); USD per request.

    Requires token pricing (``scenario.input_price_per_mtok`` not None); raises
    ValueError otherwise.
    """
    s = scenario
    if s.input_price_per_mtok is None:
        raise ValueError("api_bill: expected token pricing (input_price_per_mtok), found none")
    input_price, output_price = s.input_price_per_mtok, s.output_price_per_mtok
    cached_price = (
        s.cached_input_price_per_mtok
        if s.cached_input_price_per_mtok is not None
        else CACHED_PRICE_RATIO * input_price
    )
    write_price = (
        s.cache_write_price_per_mtok if s.cache_write_price_per_mtok is not None else input_price
    )
    long_context = s.long_context_tokens is not None and s.avg_input_tokens > s.long_context_tokens
    if long_context:
        long_input = s.long_context_input_price_per_mtok
        scale = 1.0 if long_input is None or input_price == 0 else long_input / input_price
        input_price = long_input if long_input is not None else input_price
        cached_price *= scale
        write_price *= scale
        if s.long_context_output_price_per_mtok is not None:
            output_price = s.long_context_output_price_per_mtok
    cached = cached_prefix_tokens(s)
    parts = (
        (s.avg_input_tokens - cached) * input_price,
        cached * (1 - s.cache_write_share) * cached_price,
        cached * s.cache_write_share * write_price,
        (s.avg_output_tokens + s.reasoning_tokens) * output_price,
    )
    per_request = [part / 1_000_000 for part in parts]
    return ApiBill(
        uncached_input=per_request[0],
        cache_read=per_request[1],
        cache_write=per_request[2],
        output=per_request[3],
        long_context=long_context,
        cached_tokens=cached,
        total=math.fsum(per_request) * (1 - s.batch_discount),
    )


@per_scenario
def effective_api_cost_per_1k(scenario: Scenario) -> float:
    """Return the API's price in USD per 1,000 requests: per request, or from tokens."""
    if scenario.input_price_per_mtok is None:
        return scenario.api_cost_per_1k
    return 1000 * api_bill(scenario).total
