"""The social preview image (preview.png, 1200x630) for OpenGraph and Twitter cards.

Uses Pillow and pycore (its number formats); draws from the default report only.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from typing import Any

from PIL import Image, ImageDraw, ImageFont

import pycore


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
