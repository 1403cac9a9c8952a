"""Generated input for the loader: whatever a file holds, the answer is data or located problems.

A trainer can save anything in a course file, so the loader must answer any
text, any bytes and any tree of values with either data (a model, a course) or
problems that name the file, line and column; never with another exception,
which would reach the trainer as a traceback. Files that look like lessons and
quizzes (the right keys, with wrong values here and there) take the validation
and cross-file checks down their error paths too.

`make test` runs a few hundred examples of each property; `make fuzz` runs
10,000 (the `fuzz` profile in conftest.py).
"""

from __future__ import annotations

import math
import operator
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, example, given
from hypothesis import strategies as st

from generator.model.load import COURSE_FILE, CourseBundle, load_course
from generator.read.problems import CourseError, Problem, SourceError
from generator.read.yaml_source import _parse_with_positions, _Resolver12, parse_text, read_document

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
LESSON = "course/lessons/first-lesson.yaml"
QUIZ = "quizzes/basics-quiz.yaml"
FILES = (COURSE_FILE, LESSON, QUIZ, "quizzes/final-check.yaml", "quizzes/first-check.yaml")

# ----------------------------------------------------------------- text

# Pieces of YAML syntax, so that random text is often nearly YAML: indicators,
# properties, tags, number spellings the two readers could read differently,
# and characters YAML treats specially (BOM, NUL, NEL, line separator).
TOKENS = [
    *("a", "b", "id", ":", ": ", "- ", "-", " ", "  ", "\n", "\r\n", "\t", "#", "'", '"', "\\"),
    *("[", "]", "{", "}", ",", "?", "? ", "&a ", "*a", "!", "!!str ", "!!int ", "!!map ", "!x ", "<<: "),
    *("|", ">", "|-", "---", "...", "%YAML 1.2\n", "%TAG ! x\n"),
    *("0o17", "0x1F", "0b11", "1_000", "+1", "-0", ".5", "1e3", ".inf", "-.Inf", ".NaN", "~", "null", "true", "no"),
    *("\ufeff", "\x00", "\x85", "\u2028", "é", "\U0001f642"),
]
yamlish = st.lists(st.sampled_from(TOKENS) | st.text(max_size=3), max_size=40).map("".join)
# One piece many times over: the readers' limits (depth, values, long lines and numbers).
repeated = st.builds(
    operator.mul,
    st.sampled_from(["- ", "[", "{", "1", "9", "a: ", "  ", "\n", "*a, ", "&a ", "x"]),
    st.integers(1, 12_000),
)
texts = st.one_of(st.text(), yamlish, st.lists(yamlish | repeated, max_size=4).map("".join))

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
keys = st.text(max_size=10) | st.integers() | st.booleans() | st.none()
trees = st.recursive(
    scalars, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(keys, kids, max_size=4), max_leaves=25
)


@st.composite
def dumped(draw: st.DrawFn, values: st.SearchStrategy[Any]) -> str:
    """A value as PyYAML writes it, in block, flow or mixed style."""
    return yaml.safe_dump(
        draw(values),
        default_flow_style=draw(st.sampled_from([False, True, None])),
        allow_unicode=draw(st.booleans()),
        sort_keys=False,
    )


# ---------------------------------------------- files that look like course files

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 500),
    st.floats(allow_nan=True),
    st.text(max_size=6),
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(st.sampled_from(["id", "text", "x"]), st.integers(0, 3), max_size=2),
)
Strategy = st.SearchStrategy[Any]


@dataclass(frozen=True)
class Shapes:
    """Strategies for the three kinds of file."""

    course: Strategy
    lesson: Strategy
    quiz: Strategy


@cache
def shapes(noise: int) -> Shapes:
    """Files with the models' keys and values of the right kind, but one value in `noise`
    (none with 0) is anything at all, and now and then a key is left out or misspelt.

    Without noise the files pass validation, so the cross-file checks judge them:
    references, unique ids, objectives assessed, right options, role-play graphs.
    """

    def mostly(valid: Strategy) -> Strategy:
        return st.integers(0, noise - 1).flatmap(lambda k: junk if k == 0 else valid) if noise else valid

    @st.composite
    def record(draw: st.DrawFn, required: dict[str, Strategy], optional: dict[str, Strategy] | None = None) -> Any:
        keys = [*required, *(key for key in optional or {} if draw(st.booleans()))]
        if noise:
            keys = [key for key in keys if draw(st.integers(0, noise - 1))]
        values = {**required, **(optional or {})}
        out = {key: draw(mostly(values[key])) for key in keys}
        if noise and not draw(st.integers(0, noise - 1)):
            out[draw(st.sampled_from(["feedbak", "Type", "corect", "options ", "x"]))] = draw(junk)
        return out

    def items(strategy: Strategy, low: int, high: int) -> Strategy:
        return mostly(st.lists(strategy, min_size=low, max_size=high))

    # Small vocabularies, so that references often resolve and ids often clash.
    slug = st.sampled_from(["first-lesson", "basics", "basics-quiz", "final-check", "first-check", "a", "b"])
    objective = st.sampled_from(["first-greet", "first-listen", "other"])
    line, md = st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=20)
    word = st.sampled_from(["x", "y", "z"])

    option = record({"text": md, "feedback": md}, {"correct": st.booleans(), "pin": st.booleans()})
    common = {"id": slug, "prompt": md}
    extra = {"objectives": items(objective, 0, 2), "scenario": md, "explanation": md, "points": st.integers(1, 100)}
    choice_q = record(
        {**common, "type": st.sampled_from(["single", "multiple"]), "options": items(option, 2, 6)},
        {**extra, "shuffle": st.booleans(), "partial_credit": st.booleans()},
    )
    ordering_q = record(
        {**common, "type": st.just("ordering"), "items": items(record({"text": word}, {"feedback": md}), 2, 5)},
        {**extra, "partial_credit": st.booleans()},
    )
    pair = record({"left": st.sampled_from(["l1", "l2", "l3"]), "right": st.sampled_from(["r1", "r2", "r3"])})
    matching_q = record(
        {**common, "type": st.just("matching"), "pairs": items(pair, 2, 4)},
        {**extra, "distractors": items(st.sampled_from(["r1", "r4"]), 0, 2), "partial_credit": st.booleans()},
    )
    outcome = st.sampled_from(["success", "partial", "failure"])

    def roleplay(n: int) -> Strategy:
        # Steps s1..sn, each once; choices lead anywhere among them and the endings,
        # so that the graph checks meet loops, dead steps and endings never reached.
        ids = [f"s{k + 1}" for k in range(n)]
        choice = record(
            {"text": md, "feedback": md, "next": st.sampled_from([*ids, "won", "lost"])},
            {"points": st.integers(0, 100)},
        )
        steps = [record({"id": st.just(i), "customer": md, "choices": items(choice, 1, 3)}) for i in ids]
        extra_ending = st.sampled_from([[], [], ["stall"], ["s1"]])  # one never reached; one named like a step
        endings = extra_ending.flatmap(
            lambda names: st.tuples(
                *(
                    record({"id": st.just(e), "title": line, "outcome": outcome, "text": md})
                    for e in ["won", "lost", *names]
                )
            )
        )
        return record(
            {
                **common,
                "type": st.just("roleplay"),
                "start": st.sampled_from(ids),
                "steps": mostly(st.tuples(*steps).map(list)),
                "endings": mostly(endings.map(list)),
            },
            {key: extra[key] for key in ("objectives", "scenario", "explanation")},
        )

    roleplay_q = st.integers(1, 3).flatmap(roleplay)
    question = st.one_of(choice_q, ordering_q, matching_q, roleplay_q)
    quiz = record(
        {"id": slug, "title": line, "questions": items(question, 1, 4)},
        {"intro": md, "pass_mark": st.integers(0, 100), "shuffle": st.booleans(), "draw": st.integers(1, 5)},
    )
    lesson = record(
        {
            "id": slug,
            "title": line,
            "minutes": st.integers(1, 240),
            "objectives": items(record({"id": objective, "text": line}), 1, 3),
            "sections": items(record({"heading": line, "body": md}), 1, 2),
        },
        {
            "summary": line,
            "examples": items(record({"title": line, "body": md}, {"account": line, "stage": line}), 0, 2),
            "exercise": record({"title": line, "body": md}),
            "reflection": md,
            "takeaways": items(line, 0, 2),
            "sources": items(record({"author": line, "title": line}, {"url": st.just("https://x.y")}), 0, 2),
            "quiz": slug,
        },
    )
    module = record({"id": slug, "title": line, "lessons": items(slug, 1, 2)}, {"summary": line, "quiz": slug})
    course = record(
        {
            "id": slug,
            "title": line,
            "version": st.sampled_from(["1.0", "2", "1.2.3"]),
            "description": md,
            "audience": line,
            "modules": items(module, 1, 3),
        },
        {
            "language": st.sampled_from(["en", "de"]),
            "pass_mark": st.integers(0, 100),
            "allow_html": st.booleans(),
            "capstone": module,
            "final_assessment": slug,
            "require_module_quizzes": st.booleans(),
        },
    )
    return Shapes(course, lesson, quiz)


noise = st.sampled_from([0, 40, 8])
shaped_files = st.one_of(
    st.tuples(st.just(COURSE_FILE), noise.flatmap(lambda n: dumped(shapes(n).course))),
    st.tuples(st.just(LESSON), noise.flatmap(lambda n: dumped(shapes(n).lesson))),
    st.tuples(st.sampled_from(FILES[2:]), noise.flatmap(lambda n: dumped(shapes(n).quiz))),
)


# ---------------------------------------------------------------- helpers


def located(problem: Problem, path: str, text: str | None = None) -> None:
    assert problem.path == path
    assert problem.line >= 1 and problem.column >= 1 and problem.message.strip()
    # A hint must not offer the name that was just refused.
    unknown = re.search(r"unknown field '(.*)'; did you mean '(.*)'\?$", problem.message)
    assert not unknown or unknown[1] != unknown[2], problem
    if text is not None:
        # A line the file has: YAML's line breaks are all among splitlines' ones.
        assert problem.line <= len(text.splitlines()) + 1


def canonical(value: Any) -> Any:
    """Data with each scalar's type kept (True == 1 == 1.0 in Python) and NaN equal to itself."""
    if isinstance(value, dict):
        return {key: canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [canonical(item) for item in value]
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def outcome(read: Callable[[], Any]) -> tuple[str, Any]:
    try:
        doc = read()
    except SourceError as exc:
        return "problem", exc.problem
    return "data", canonical(doc.data)


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One copy of the mini course; each example rewrites one of its files and puts it back."""
    root = tmp_path_factory.mktemp("props") / "mini"
    shutil.copytree(FIXTURE, root)
    yield root


def load_with(root: Path, file: str, content: str | bytes) -> None:
    """Load the course with `file` holding `content`: a bundle or problems in the course's files."""
    path = root / file
    original = path.read_bytes()
    path.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    try:
        bundle = load_course(root)
        assert isinstance(bundle, CourseBundle)
    except CourseError as exc:
        assert exc.problems
        for problem in exc.problems:
            located(problem, problem.path)
            assert problem.path in FILES, problem
    finally:
        path.write_bytes(original)


# ------------------------------------------------------------- properties


@given(texts)
@example("1" * 5000)  # an integer longer than Python reads: was a ValueError
@example("a: !!int abc")  # was a ValueError
def test_any_text_gives_data_or_a_located_problem(text: str) -> None:
    try:
        doc = parse_text(text, "f.yaml")
    except SourceError as exc:
        located(exc.problem, "f.yaml", text)
    else:
        assert doc.path == "f.yaml"


@given(texts | dumped(trees))
@example("1" * 5000)
@example("::\x00")  # control characters: refused, located, by both passes
@example("\ufeff:")  # a byte-order mark
@example("\x85:")  # NEL, a line break to libyaml
def test_the_event_pass_reads_what_the_positions_pass_reads(text: str) -> None:
    # parse_text builds data straight from libyaml's events and leaves anything unusual
    # to the pass that records positions: the two must never read a file differently.
    full = outcome(lambda: _parse_with_positions(text, "f.yaml"))
    assert outcome(lambda: parse_text(text, "f.yaml")) == full


def as_written(value: Any, refused: set[str]) -> Any:
    """What YAML 1.2 reads back from Dumper12's text for `value`: keys become the text written.

    What the loader refuses instead is added to `refused`: two keys written alike
    (1 and '1'), and '<<', which PyYAML writes bare, as a merge key.
    """
    if isinstance(value, list):
        return [as_written(item, refused) for item in value]
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            text = yaml.dump(key, Dumper=Dumper12, default_flow_style=True).removesuffix("\n...\n").strip()
            text = key if isinstance(key, str) else text
            if text in out:
                refused.add("duplicate key")
            if text == "<<":
                refused.add("merge keys")
            out[text] = as_written(item, refused)
        return out
    return value


class Dumper12(yaml.SafeDumper):
    """PyYAML's safe writer, quoting what YAML 1.2 reads as other than text.

    PyYAML's own writer quotes by YAML 1.1's rules, so it writes the text '0E0'
    or '0o17' bare, which YAML 1.2 (and so the loader) reads as a number.
    """

    yaml_implicit_resolvers = _Resolver12.yaml_implicit_resolvers


@given(trees, st.sampled_from([False, True, None]), st.booleans())
@example("0E0", False, False)  # found by this test when written by PyYAML's YAML 1.1 writer
@example({"<<": None}, False, False)  # found by this test: a bare '<<' key is refused, as it should be
def test_any_tree_of_values_reads_back_as_written(tree: Any, flow: bool | None, unicode: bool) -> None:
    text = yaml.dump(tree, Dumper=Dumper12, default_flow_style=flow, allow_unicode=unicode, sort_keys=False)
    # PyYAML writes NEL unescaped inside single quotes, where YAML reads it as a line break:
    # PyYAML's own reader gets a space back too.
    assume(not (unicode and "\x85" in text))
    refused: set[str] = set()
    expected = as_written(tree, refused)
    if refused:
        with pytest.raises(SourceError) as caught:
            parse_text(text, "f.yaml")
        located(caught.value.problem, "f.yaml", text)
        assert any(reason in caught.value.problem.message for reason in refused)
    else:
        assert canonical(parse_text(text, "f.yaml").data) == canonical(expected)


@given(st.binary() | texts.map(lambda t: t.encode("utf-8", "surrogatepass")), st.booleans())
@example(b"0" * 4301, False)  # found by this test: a number longer than Python reads escaped as ValueError
def test_any_bytes_in_a_file_give_data_or_a_located_problem(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes, bom: bool
) -> None:
    path = tmp_path_factory.getbasetemp() / "any.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + raw if bom else raw)
    try:
        doc = read_document(path, "any.yaml")
    except SourceError as exc:
        located(exc.problem, "any.yaml")
    else:
        assert doc.path == "any.yaml"


@given(st.sampled_from(FILES), texts | dumped(trees))
def test_a_course_file_holding_anything_gives_a_course_or_located_problems(
    course_dir: Path, file: str, text: str
) -> None:
    load_with(course_dir, file, text)


@given(shaped_files)
def test_files_shaped_like_course_files_give_a_course_or_located_problems(
    course_dir: Path, target: tuple[str, str]
) -> None:
    load_with(course_dir, *target)
