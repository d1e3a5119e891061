"""Write every result's formula (pycore.explain.FORMULAS) into docs/model.md.

The table sits between the markers ``<!-- formulas:start -->`` and ``<!-- formulas:end -->``;
``--check`` exits 1 if the docs are out of date instead of writing them. Run by
``make docs``; tests/test_docs.py checks it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pycore.explain import formulas_markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "model.md"
START, END = "<!-- formulas:start -->", "<!-- formulas:end -->"


def updated(text: str) -> str:
    """The docs' text with the formula table replaced by pycore's."""
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{formulas_markdown()}{END}{tail}"


def main(argv: list[str]) -> int:
    text = DOC.read_text(encoding="utf-8")
    fresh = updated(text)
    if "--check" in argv:
        if fresh != text:
            print("docs/model.md: the formula table is stale; run `make docs`", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
