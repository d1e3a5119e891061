"""Fuzzing content/: a broken data file or section is reported as a problem, never a crash.

Each example copies content/ to a fresh folder, mutates one YAML file or one section's
Markdown (drop, duplicate or swap lines, replace a value, insert odd characters), then
runs :func:`sitegen.content.load_content` and :func:`build.main` on it. The loader must
only record :class:`sitegen.errors.ContentProblem` entries, each naming its file and saying
what was expected; the build must exit 0 or 1 without a traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

import build
from sitegen.content import load_content
from sitegen.errors import ContentProblem

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
FILES = sorted(
    [path.name for path in CONTENT.glob("*.yaml")]
    + [f"sections/{path.name}" for path in (CONTENT / "sections").glob("*.md")]
)
OPERATIONS = ("delete", "duplicate", "swap", "replace", "insert")
PROBLEM_WORDS = (": expected", "invalid YAML", "file is missing")


class Mutation(NamedTuple):
    """One edit of one content file: ``operation`` at lines/offsets ``i``, ``j`` with ``text``.

    ``raw`` is written as bytes as is (to test text that is not valid UTF-8); otherwise
    ``text`` is inserted or substituted and the file is written as UTF-8.
    """

    file: str
    operation: str
    i: int
    j: int
    text: str
    raw: bytes = b""


#: Odd characters for YAML and Markdown: structure, whitespace, controls, non-BMP, BOM.
ODD_CHARS = st.sampled_from(
    [
        *":{}[],&*!|>'\"%@`#-?\t\r\n ",
        *["\x00", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\ufffe", "\uffff", "\u202e"],
        *["\U0001f600", "\u0301", "\ud7ff", "\ue000"],
    ]
)
#: Replacement values: YAML specials, wrong types, out-of-range numbers, random text.
VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            "~",
            "null",
            ".nan",
            ".inf",
            "-.inf",
            "1e400",
            "-1",
            "0",
            "true",
            "[]",
            "{}",
            "[1, 2]",
            "{a: b}",
            "2026-11-10",
            '"2026-11-10"',
            "&anchor x",
            "*nope",
            "!!python/object:os.system x",
            "'unclosed",
            "|",
            ">-",
            '"' + "x" * 300 + '"',
        ]
    ),
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.lists(st.integers(-5, 5), max_size=3).map(str),
    st.text(ODD_CHARS | st.characters(codec="utf-8"), max_size=12),
)
mutations = st.builds(
    Mutation,
    file=st.sampled_from(FILES),
    operation=st.sampled_from(OPERATIONS),
    i=st.integers(0, 10_000),
    j=st.integers(0, 10_000),
    text=st.one_of(VALUES, st.text(ODD_CHARS, min_size=1, max_size=6)),
    raw=st.just(b""),
)


def apply(mutation: Mutation, content: Path) -> None:
    """Apply ``mutation`` to its file inside the content copy ``content``."""
    path = content / mutation.file
    if mutation.raw:
        data = path.read_bytes()
        at = mutation.i % (len(data) + 1)
        path.write_bytes(data[:at] + mutation.raw + data[at:])
        return
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True) or [""]
    i, j = mutation.i % len(lines), mutation.j % len(lines)
    if mutation.operation == "delete":
        del lines[i]
    elif mutation.operation == "duplicate":
        lines.insert(i, lines[i])
    elif mutation.operation == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif mutation.operation == "replace":
        head, colon, _ = lines[i].partition(": ")
        ending = "\n" if lines[i].endswith("\n") else ""
        lines[i] = f"{head}: {mutation.text}{ending}" if colon else mutation.text + ending
    else:  # insert at a character offset anywhere in the file
        at = mutation.i % (len(text) + 1)
        lines = [text[:at] + mutation.text + text[at:]]
    path.write_text("".join(lines), encoding="utf-8", newline="")


def check_problems(problems: list[ContentProblem], content: Path) -> None:
    """Each problem names a file of ``content`` first and says what was expected."""
    for problem in problems:
        text = str(problem)
        assert isinstance(problem, ContentProblem)
        assert text.startswith(str(problem.path)), text
        assert problem.path.is_relative_to(content), text
        assert any(word in text for word in PROBLEM_WORDS), text


#: Inputs that crashed the loader: kept as regression examples (see the module report).
INVALID_DATE = Mutation("api_presets.yaml", "replace", 6, 0, '"2026-13-45"')
INVALID_UTF8 = Mutation("site.yaml", "insert", 0, 0, "", raw=b"\xff\xfe")
INVALID_UTF8_SECTION = Mutation("sections/10-dilemma.md", "insert", 10_000, 0, "", raw=b"\xc3(")
TRAILING_NEWLINE_DATE = Mutation("api_presets.yaml", "replace", 6, 0, '"2026-11-10\\n"')


@settings(
    max_examples=40,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutation=mutations)
@example(mutation=Mutation("use_cases.yaml", "replace", 6, 0, "1e400"))
@example(mutation=Mutation("factors.yaml", "replace", 3, 0, ".nan"))
@example(mutation=Mutation("sections/10-dilemma.md", "delete", 0, 0, ""))
@example(mutation=Mutation("sections/10-dilemma.md", "insert", 4, 0, "\x00"))
@example(mutation=Mutation("site.yaml", "insert", 0, 0, "\ufeff"))
@example(mutation=INVALID_DATE)
@example(mutation=TRAILING_NEWLINE_DATE)
@example(mutation=INVALID_UTF8)
@example(mutation=INVALID_UTF8_SECTION)
def test_mutated_content_is_reported_not_crashed(
    mutation: Mutation,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A mutated content file yields ContentProblems (file first, 'expected') and exit 0 or 1."""
    root = tmp_path_factory.mktemp("fuzz")
    content = Path(shutil.copytree(CONTENT, root / "content"))
    apply(mutation, content)
    loaded = load_content(content)
    check_problems(loaded.problems, content)
    capsys.readouterr()
    status = build.main(["--content", str(content), "--out", str(root / "site")])
    captured = capsys.readouterr()
    assert status in (0, 1), status
    assert "Traceback" not in captured.err
    if loaded.problems:
        assert status == 1
        assert "content problem(s); nothing written" in captured.err
        assert not (root / "site").exists()
    else:
        assert status == 0 or "build: error: " in captured.err, captured.err
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize(
    "mutation",
    [INVALID_DATE, TRAILING_NEWLINE_DATE, INVALID_UTF8, INVALID_UTF8_SECTION],
    ids=["impossible-date", "date-with-newline", "invalid-utf8-yaml", "invalid-utf8-section"],
)
def test_loader_crash_regressions(mutation: Mutation, tmp_path: Path) -> None:
    """Inputs that once crashed load_content are reported as a problem of that very file."""
    content = Path(shutil.copytree(CONTENT, tmp_path / "content"))
    apply(mutation, content)
    problems = load_content(content).problems
    assert problems, "the broken file was accepted"
    check_problems(problems, content)
    assert any(problem.path == content / mutation.file for problem in problems)
