"""The quick reader (yaml-rs) never reads a file differently from the reference reader (libyaml)."""

from __future__ import annotations

import itertools
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import generator.yaml_source as yaml_source
from generator.load import load_course
from generator.problems import SourceError
from generator.yaml_rust import UNREAD, read_plain
from generator.yaml_source import INT_LIMIT, MAX_DEPTH, MAX_NODES, parse_text

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"

# Characters that make a scalar a number, a null, a boolean or a syntax question.
SCALAR_ALPHABET = "0192_.+-eExobaInNfT~:"
WORDS = ["inf", "Inf", "INF", "iNf", "nan", "NaN", "NAN", "nAn", "null", "Null", "NULL", "nUll"]
WORDS += ["true", "True", "TRUE", "tRue", "false", "False", "FALSE", "yes", "no", "on", "off", "y", "n"]


def _normal(value: Any) -> Any:
    """Data with its types spelled out (1 == 1.0 == True in Python) and NaN equal to itself."""
    if isinstance(value, dict):
        return {key: _normal(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_normal(item) for item in value]
    if isinstance(value, float) and math.isnan(value):
        return ("nan",)
    return (type(value).__name__, value)


def _reference(text: str) -> Any:
    try:
        return _normal(parse_text(text, "f.yaml", reference=True).data)
    except SourceError:
        return "refused"


def _disagreements(texts: list[str]) -> tuple[int, list[tuple[str, Any, Any]]]:
    """How many texts the quick reader read, and those it read otherwise than the reference."""
    read, differ = 0, []
    for text in texts:
        quick = read_plain(text, MAX_DEPTH, MAX_NODES, INT_LIMIT)
        if quick is UNREAD:
            continue
        read += 1
        if _normal(quick) != _reference(text):
            differ.append((text, _reference(text), _normal(quick)))
    return read, differ


def test_every_scalar_spelling_reads_the_same() -> None:
    spellings = {"".join(chars) for size in range(1, 4) for chars in itertools.product(SCALAR_ALPHABET, repeat=size)}
    spellings |= {prefix + word for word in WORDS for prefix in ["", "+", "-", ".", "+.", "-.", "0", "_"]}
    templates = ["a: {}\n", "a:\n- {}\n", "a: [x, {}, y]\n"]
    read, differ = _disagreements([t.format(s) for s in sorted(spellings) for t in templates])
    assert differ == []
    assert read > len(spellings)  # most of them really were read by yaml-rs


def test_one_line_lists_read_the_same() -> None:
    items = {"".join(chars) for size in range(5) for chars in itertools.product("a1,-._ #:", repeat=size)}
    templates = ["a: [{}]\n", "- [{}]\n", "a: [{}] # note\n"]
    read, differ = _disagreements([t.format(s) for s in sorted(items) for t in templates])
    assert differ == []
    assert read > 1000


@pytest.mark.parametrize(
    "text",
    [
        "a: !!str 1\n",
        "a: !custom x\n",
        "a: &x 1\nb: *x\n",
        "<<: {a: 1}\nb: 2\n",
        "? [a]\n: 1\n",
        "? a\n: 1\n",
        "1: x\n",
        "a: 0b11\n",
        "a: 1_000\n",
        "a: +0x1F\n",
        "a: .NaN\n",
        "a: [b:]\n",
        "a: {k: v}\n",
        "a: 1\n---\nb: 2\n",
        "- 1\n- 2\n",
        "",
        "# only a comment\n",
    ],
)
def test_what_only_the_reference_reader_may_decide_goes_to_it(text: str) -> None:
    assert read_plain(text, MAX_DEPTH, MAX_NODES, INT_LIMIT) is UNREAD


def test_deep_nesting_never_reaches_yaml_rs() -> None:
    # yaml-rs overflows its stack on lines nested ~11,000 levels deep; a child
    # process, so that a crash fails this test instead of ending the run.
    script = (
        "from generator.yaml_source import parse_text\n"
        "from generator.problems import SourceError\n"
        "for text in ['- ' * 20000 + 'x\\n', '-   ' * 20000 + 'x\\n', 'a:\\n  ' + '- ' * 20000 + 'b: c\\n']:\n"
        "    try:\n"
        "        parse_text(text, 'deep.yaml')\n"
        "    except SourceError as exc:\n"
        "        print(exc.problem.message)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("nested more than 64 levels deep") == 3


def _course_files() -> list[Path]:
    roots = [ROOT / "course", ROOT / "quizzes", FIXTURES]
    return [path for root in roots for path in sorted(root.rglob("*.yaml"))]


@pytest.mark.parametrize("path", _course_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_course_file_we_ship_is_read_quickly_and_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    quick = read_plain(text, MAX_DEPTH, MAX_NODES, INT_LIMIT)
    assert quick is not UNREAD, "a plain course file should not need the slower reader"
    assert _normal(quick) == _reference(text)


def test_a_file_read_quickly_that_fails_validation_is_judged_on_the_reference_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Should yaml-rs ever read a valid file otherwise, the course still loads as
    # the reference reads it, and a real problem is reported with its position.
    quick_reads: list[str] = []

    def misread(text: str, max_depth: int, max_nodes: int, int_limit: int) -> Any:
        quick_reads.append(text)
        return {"title": 5}

    monkeypatch.setattr(yaml_source, "read_plain", misread)
    bundle = load_course(FIXTURES / "mini")
    assert quick_reads and bundle.lessons
    assert bundle.lessons["first-lesson"].title != 5
