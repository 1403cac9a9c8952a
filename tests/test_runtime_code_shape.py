"""The runtime's sources stay readable: short functions, and names that are words.

tests/js/code_shape.mjs parses every script in generator/assets/src with acorn (a real
JavaScript parser, a devDependency for this test) and reports each function's length in lines
and every identifier of the code (declared, referenced, or a property name; comments and strings
are not code). Issue 22 set the limits: no function over 80 lines (bindQuiz was 328), and at most
12 % of the identifiers one letter long.
"""

from __future__ import annotations

import json
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "generator" / "assets" / "src"
LONGEST_FUNCTION = 80
ONE_LETTER_SHARE = 0.12


@cache
def shape() -> dict[str, Any]:
    result = subprocess.run(
        ["node", str(REPO / "tests" / "js" / "code_shape.mjs"), str(SOURCES)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return dict(json.loads(result.stdout))


def test_every_source_is_measured() -> None:
    measured = {function["file"] for function in shape()["functions"]}
    scripts = {path.name for path in SOURCES.glob("*.js")} - {"contract.js"}  # contract.js: types only
    assert measured == scripts
    assert shape()["identifiers"]["total"] > 1000


def test_no_function_is_over_80_lines() -> None:
    over = [
        f"{f['file']}:{f['line']} {f['name']} ({f['lines']} lines)"
        for f in shape()["functions"]
        if f["lines"] > LONGEST_FUNCTION
    ]
    assert not over, "split these functions:\n" + "\n".join(over)


def test_few_identifiers_are_one_letter() -> None:
    identifiers = shape()["identifiers"]
    share = identifiers["oneLetter"] / identifiers["total"]
    common = sorted(identifiers["oneLetterNames"].items(), key=lambda item: -item[1])[:10]
    assert share <= ONE_LETTER_SHARE, f"{share:.1%} of the identifiers are one letter; the most used: {common}"


def test_the_measure_sees_what_it_counts(tmp_path: Path) -> None:
    # A long arrow function and one-letter names, in a property, a parameter and a reference.
    body = "\n".join(f"  const v{k} = {k}" for k in range(85))
    (tmp_path / "sample.js").write_text(
        f"export const long = (a) => {{\n{body}\n  return a.b\n}}\n// x y z in a comment\nconst s = 'q r'\n"
    )
    result = subprocess.run(
        ["node", str(REPO / "tests" / "js" / "code_shape.mjs"), str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    measured = json.loads(result.stdout)
    assert [(f["name"], f["lines"]) for f in measured["functions"]] == [("long", 88)]
    assert measured["identifiers"]["oneLetterNames"] == {"a": 2, "b": 1, "s": 1}
    assert measured["identifiers"]["total"] == 85 + 5
