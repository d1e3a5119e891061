"""The two ways a build stops: a located content problem, or an error that ends the build.

Uses nothing of the package. Content problems are collected (every one is reported, then
the build stops before writing); a BuildError ends the build at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class BuildError(Exception):
    """The build cannot go on; raised by the readers and writers of this package."""


@dataclass(frozen=True)
class ContentProblem:
    """One problem found in a content file: where, which field, what was wrong.

    Recorded by ``content``, ``schema`` and ``catalog``; printed as
    ``FILE:LINE: FIELD: expected X, found Y``.
    """

    path: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.field}: {self.message}"
