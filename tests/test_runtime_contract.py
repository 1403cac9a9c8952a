"""What Python hands the browser runtime matches the runtime's contract, generator/assets/src/contract.js.

contract.js describes, as JSDoc typedefs, every structure Python writes into a page for the
scripts: the quiz element's attributes and the quiz data in it (per question type), the page data
and the lesson control on every page, the dashboard's structure, and the UI strings. Its
`@property {type} name` lines are read here, and the structures Python writes for the fixture
course (also with a quiz on a lesson's page) and for the bundled course are checked against them:
exactly those keys, values of those types, all the way down. Every property of every typedef must
turn up at least once, so that a key Python stops writing fails as well as one it adds or
renames. (That the scripts use the same types is tsc's job: tests/test_runtime_build.py.)
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from generator.engines.plain_project import render_project
from generator.pages.quiz_html import decode_blob
from generator.pages.strings import QUIZ, SCRIPT_KEYS

REPO = Path(__file__).resolve().parent.parent
CONTRACT = REPO / "generator" / "assets" / "src" / "contract.js"
FIXTURE = Path(__file__).parent / "fixtures" / "quizcourse"

# ----------------------------------------------------------------- reading the contract


@dataclass(frozen=True)
class Prop:
    name: str
    type: str
    optional: bool


@dataclass
class Contract:
    records: dict[str, list[Prop]] = field(default_factory=dict)  # @typedef {object} Name, with its properties
    aliases: dict[str, str] = field(default_factory=dict)  # @typedef {type} Name


_BLOCK = re.compile(r"/\*\*(.*?)\*/", re.DOTALL)
_TYPEDEF = re.compile(r"@typedef\s+\{([^}]*)\}\s+(\w+)")
_PROPERTY = re.compile(r"@property\s+\{([^}]*)\}\s+(\[\w+\]|\w+)")


def read_contract(text: str) -> Contract:
    contract = Contract()
    for block in _BLOCK.findall(text):
        typedef = _TYPEDEF.search(block)
        if not typedef:
            continue
        kind, name = typedef.groups()
        props = [Prop(prop.strip("[]"), type_, prop.startswith("[")) for type_, prop in _PROPERTY.findall(block)]
        assert block.count("@property") == len(props), f"{name}: a @property line this test cannot read"
        if kind.strip() == "object":
            assert props, f"{name}: an object typedef without properties"
            contract.records[name] = props
        else:
            assert not props, f"{name}: properties on a typedef that is not an object"
            contract.aliases[name] = kind.strip()
    return contract


def split_top(text: str, separator: str) -> list[str]:
    """`text` split at `separator` where it is not inside <…>, […] or (…)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "<[(":
            depth += 1
        elif char in ">])":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


class Checker:
    """Checks values against the contract's types, and records which properties it has seen."""

    def __init__(self, contract: Contract) -> None:
        self.contract = contract
        self.seen: set[tuple[str, str]] = set()

    def check(self, value: Any, type_: str, path: str) -> list[str]:
        """What is wrong with `value` as a `type_`; [] when nothing is."""
        alternatives = split_top(type_, "|")
        if len(alternatives) > 1:
            attempts = []
            for alternative in alternatives:
                before = set(self.seen)
                errors = self.check(value, alternative, path)
                if not errors:
                    return []
                self.seen = before  # what a failed alternative saw was not seen
                attempts.append(errors)
            return min(attempts, key=len) if isinstance(value, dict) else [f"{path}: {value!r} is not {type_}"]
        return self._check_one(value, type_.strip(), path)

    def _check_one(self, value: Any, type_: str, path: str) -> list[str]:
        if type_ == "string":
            return [] if isinstance(value, str) else [f"{path}: {value!r} is not a string"]
        if type_ == "number":
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            return [] if ok else [f"{path}: {value!r} is not a number"]
        if type_ == "boolean":
            return [] if isinstance(value, bool) else [f"{path}: {value!r} is not a boolean"]
        if type_ == "null":
            return [] if value is None else [f"{path}: {value!r} is not null"]
        if re.fullmatch(r"'[^']*'", type_):
            return [] if value == type_[1:-1] else [f"{path}: {value!r} is not {type_}"]
        if re.fullmatch(r"-?\d+", type_):
            ok = value == int(type_) and not isinstance(value, bool) and isinstance(value, int)
            return [] if ok else [f"{path}: {value!r} is not {type_}"]
        if type_.endswith("[]"):
            if not isinstance(value, list):
                return [f"{path}: {value!r} is not an array"]
            return [error for i, item in enumerate(value) for error in self.check(item, type_[:-2], f"{path}[{i}]")]
        if type_.startswith("[") and type_.endswith("]"):
            items = split_top(type_[1:-1], ",")
            if not isinstance(value, list) or len(value) != len(items):
                return [f"{path}: {value!r} is not a tuple {type_}"]
            return [
                error
                for i, (v, t) in enumerate(zip(value, items, strict=True))
                for error in self.check(v, t, f"{path}[{i}]")
            ]
        if match := re.fullmatch(r"Object<\s*string\s*,(.+)>", type_):
            if not isinstance(value, dict):
                return [f"{path}: {value!r} is not an object"]
            return [error for k, v in value.items() for error in self.check(v, match[1], f"{path}[{k!r}]")]
        if type_ in self.contract.aliases:
            return self.check(value, self.contract.aliases[type_], path)
        if type_ in self.contract.records:
            return self._check_record(value, type_, path)
        raise AssertionError(f"contract.js: a type this test does not know: {type_!r} (at {path})")

    def _check_record(self, value: Any, name: str, path: str) -> list[str]:
        if not isinstance(value, dict):
            return [f"{path}: {value!r} is not a {name}"]
        props = {prop.name: prop for prop in self.contract.records[name]}
        errors = [f"{path}: has {key!r}, which {name} in contract.js has not" for key in value if key not in props]
        errors += [
            f"{path}: lacks {key!r}, which {name} in contract.js requires"
            for key, prop in props.items()
            if not prop.optional and key not in value
        ]
        for key, prop in props.items():
            if key in value:
                errors += self.check(value[key], prop.type, f"{path}.{key}")
        if not errors:
            self.seen |= {(name, key) for key in value}
        return errors


# ------------------------------------------------------------ what Python writes


class _Elements(HTMLParser):
    """The data attributes of the runtime's elements in a page, by class, as `element.dataset` has them."""

    CLASSES = ("cg-quiz", "cg-pg", "cg-lc", "cg-dash", "cg-certpage", "cg-rep")

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        for cls in self.CLASSES:
            if cls in classes:
                dataset = {
                    re.sub(r"-([a-z])", lambda m: m[1].upper(), name[5:]): value or ""
                    for name, value in attrs
                    if name.startswith("data-")
                }
                self.found.append((cls, dataset))


@dataclass
class Handed:
    """One structure Python wrote for the runtime: where, what, and the typedef it must match."""

    where: str
    value: Any
    typedef: str


def handed_over(project: Path) -> Iterator[Handed]:
    """Everything a rendered course's pages hand the runtime."""
    for page in sorted((project / "docs").rglob("*.md")):
        parser = _Elements()
        parser.feed(page.read_text(encoding="utf-8"))
        where = page.relative_to(project / "docs").as_posix()
        for cls, data in parser.found:
            at = f"{where} .{cls}"
            if cls == "cg-quiz":
                yield Handed(at, data, "QuizElementData")
                yield Handed(f"{at} data-strings", json.loads(data["strings"]), "QuizStrings")
                yield Handed(f"{at} data-key", decode_blob(data["key"], f"{data['quiz']}:{data['hash']}"), "QuizData")
            elif cls == "cg-pg":
                yield Handed(at, data, "PageData")
            elif cls == "cg-lc":
                yield Handed(at, data, "LessonControlData")
            elif cls == "cg-rep":
                yield Handed(at, data, "ReportingElementData")
                yield Handed(f"{at} data-r", json.loads(data["r"]), "ReportingData")
            else:
                yield Handed(at, data, "DashboardElementData")
                yield Handed(f"{at} data-course", json.loads(data["course"]), "DashboardData")
                yield Handed(f"{at} data-s", json.loads(data["s"]), "DashboardStrings")


@pytest.fixture(scope="module")
def contract() -> Contract:
    return read_contract(CONTRACT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def courses(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The fixture course, the same with a quiz on a lesson's page (and reporting to an LRS, and to a
    SCORM package's LMS), and the bundled course, rendered."""
    work = tmp_path_factory.mktemp("contract")
    lesson_quiz = work / "a" / "b" / "quizcourse"
    shutil.copytree(FIXTURE, lesson_quiz)
    shutil.copytree(REPO / "theme", work / "theme")  # where the fixture's mkdocs.yml looks for it
    outline = lesson_quiz / "course" / "course.yaml"
    outline.write_text(outline.read_text().replace("    quiz: beta-quiz\n", ""))
    lesson = lesson_quiz / "course" / "lessons" / "closing-calls.yaml"
    lesson.write_text(lesson.read_text() + "quiz: beta-quiz\n")
    config = lesson_quiz / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - coursegen\n",
            "  - coursegen:\n      scorm12: true\n      xapi:\n        endpoint: https://lrs.example.org/xAPI/\n        launch: true\n",
        )
    )
    projects = []
    for n, source in enumerate((FIXTURE, lesson_quiz, REPO)):
        render_project(source, work / f"project{n}")
        projects.append(work / f"project{n}")
    return projects


# ------------------------------------------------------------------------- the tests


def test_python_hands_the_runtime_exactly_what_the_contract_says(contract: Contract, courses: list[Path]) -> None:
    checker = Checker(contract)
    handed = [item for project in courses for item in handed_over(project)]
    errors = [error for item in handed for error in checker.check(item.value, item.typedef, item.where)]
    assert not errors, "\n".join(errors[:20])
    # Every property of every typedef turned up: one Python no longer writes is not left behind.
    unseen = [
        f"{name}.{prop.name}"
        for name, props in contract.records.items()
        for prop in props
        if (name, prop.name) not in checker.seen
    ]
    assert not unseen, f"contract.js describes properties no page has: {unseen}"
    kinds = {item.typedef for item in handed}
    assert kinds == {
        "QuizElementData",
        "QuizStrings",
        "QuizData",
        "PageData",
        "LessonControlData",
        "DashboardElementData",
        "DashboardData",
        "DashboardStrings",
        "ReportingElementData",
        "ReportingData",
    }


def test_the_strings_typedefs_list_the_strings_tables(contract: Contract) -> None:
    # The same keys, in the same order, as the tables Python takes them from.
    assert [p.name for p in contract.records["QuizStrings"]] == list(QUIZ["en"])
    assert [p.name for p in contract.records["DashboardStrings"]] == list(SCRIPT_KEYS)


def _question(courses: list[Path], kind: str) -> Any:
    for project in courses:
        for item in handed_over(project):
            if item.typedef == "QuizData":
                for question in item.value["questions"]:
                    if question["type"] == kind:
                        return question
    raise AssertionError(f"no {kind} question in the courses")


@pytest.mark.parametrize("kind", ["single", "multiple", "ordering", "matching", "roleplay"])
def test_a_key_python_adds_drops_or_renames_fails(contract: Contract, courses: list[Path], kind: str) -> None:
    question = _question(courses, kind)
    checker = Checker(contract)
    assert checker.check(question, "Question", "q") == []
    added = {**question, "zz": 1}
    dropped = {k: v for k, v in question.items() if k != "reviews"}
    renamed = {("pts" if k == "points" else k): v for k, v in question.items()}
    retyped = {**question, "points": str(question["points"])}
    # A key added deeper down: to an option, step, pair or role-play step.
    if kind == "roleplay":
        deeper = {**question, "steps": {k: {**v, "zz": 1} for k, v in question["steps"].items()}}
    else:
        items = {"ordering": "steps", "matching": "pairs"}.get(kind, "options")
        deeper = {**question, items: [{**item, "zz": 1} for item in question[items]]}
    for broken in (added, dropped, renamed, retyped, deeper):
        assert checker.check(broken, "Question", "q"), broken


def test_a_page_data_key_python_adds_or_drops_fails(contract: Contract) -> None:
    checker = Checker(contract)
    page = {"c": "course", "v": "1.0", "id": "a-lesson", "done": "done"}
    assert checker.check(page, "PageData", "page") == []
    assert checker.check({**page, "js": "../results.js"}, "PageData", "page") == []
    assert checker.check({**page, "x": "1"}, "PageData", "page")
    assert checker.check({k: v for k, v in page.items() if k != "done"}, "PageData", "page")
    dashboard = {"m": [], "f": None, "h": {"q": "0123456789ab"}, "rq": False, "cert": None}
    assert checker.check(dashboard, "DashboardData", "d") == []
    assert checker.check({**dashboard, "rq": 0}, "DashboardData", "d")
    assert checker.check(
        {**dashboard, "m": [{"id": "m", "t": "M", "i": [{"id": "a", "k": "x", "t": "A", "u": "a/"}]}]},
        "DashboardData",
        "d",
    )
