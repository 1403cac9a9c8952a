"""`coursegen new`: start a lesson, quiz or module from placeholder text, and list it where it belongs.

One reader per format: the pipeline reads YAML with PyYAML (generator/read/) and nothing else.
ruamel.yaml is used here only as a writer, to add an entry to course/course.yaml (or `quiz:` to a
lesson) while keeping the file's comments, key order, quoting and layout as the trainer left them;
a trainer's file is never edited as text. New files are written from templates. Before anything is
written, the result is loaded by the pipeline's own reader and checks in a scratch copy of the
course, so a refused or failed command leaves every file as it was and `coursegen check` passes
right after one that succeeds.

Every placeholder starts with "TODO" (placeholders.PLACEHOLDER), which `coursegen lint` reports (CG402) until replaced.
"""

from __future__ import annotations

import copy
import difflib
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.tokens import CommentToken
from ruamel.yaml.util import load_yaml_guess_indent

from generator.model.checks import RESERVED_IDS
from generator.model.load import COURSE_FILE, QUIZZES_DIR, CourseBundle, load_course
from generator.model.models import Module
from generator.read.problems import CourseError

LESSONS_FOLDER = "course/lessons"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_SLUG_MAX = 80


class ScaffoldError(Exception):
    """One plain line saying why nothing was written, and what to do instead."""


@dataclass
class Plan:
    """What a `new` command writes: new files, and whole new texts of files it adds an entry to."""

    created: dict[str, str] = field(default_factory=dict)
    changed: dict[str, str] = field(default_factory=dict)
    # One line per thing done, for the trainer.
    done: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ templates

_LESSON = """\
# yaml-language-server: $schema=../../schema/lesson.schema.json
id: {id}
title: "TODO: the lesson's title"
summary: "TODO: one sentence for the course home"
minutes: 10
objectives:
  - id: {objective}
    text: "TODO: what the learner can do after this lesson, starting with a verb"
sections:
  - heading: "TODO: a heading"
    body: |
      TODO: the reading, in short paragraphs of Markdown.
examples:
  - title: "TODO: a short title for the example"
    body: |
      TODO: what happened with a customer, and what was said.
exercise:
  title: "TODO: a short title for the exercise"
  body: |
    TODO: something to do on the job this week.
reflection: "TODO: a question for the learner to think about"
takeaways:
  - "TODO: a key point to remember"
{quiz_line}"""

_QUIZ = """\
# yaml-language-server: $schema=../schema/quiz.schema.json
id: {id}
title: "TODO: the quiz's title"
questions:
  - id: question-1
    type: single
    objectives: [{objectives}]  # ids of the lesson objectives this question assesses
    scenario: |
      TODO: the situation: who, which deal, what was said.
    prompt: "TODO: the question the learner answers"
    options:
      - text: "TODO: the right answer"
        correct: true
        feedback: "TODO: say why this answer is right."
      - text: "TODO: a wrong answer"
        feedback: "TODO: say why this answer is wrong."
    explanation: "TODO: why the right answer is right"
"""


def _lesson_file(lesson_id: str) -> str:
    return f"{LESSONS_FOLDER}/{lesson_id}.yaml"


def _quiz_file(quiz_id: str) -> str:
    return f"{QUIZZES_DIR}/{quiz_id}.yaml"


def _lesson_text(lesson_id: str, objective: str, quiz_id: str | None) -> str:
    return _LESSON.format(id=lesson_id, objective=objective, quiz_line=f"quiz: {quiz_id}\n" if quiz_id else "")


def _quiz_text(quiz_id: str, objectives: Iterable[str]) -> str:
    return _QUIZ.format(id=quiz_id, objectives=", ".join(objectives))


# ------------------------------------------------------------------ round trip


def _yaml_for(text: str, path: str) -> YAML:
    """A round-trip YAML that writes `text` back unchanged; refused if none of the usual indentations does."""
    _, sequence, offset = load_yaml_guess_indent(text)
    candidates = [(2, sequence, offset), (2, 4, 2), (2, 2, 0), (4, sequence, offset), (4, 4, 2), (4, 6, 4)]
    for mapping, seq, off in candidates:
        yaml = _round_trip_yaml(mapping, seq, off)
        if _dump(yaml, yaml.load(text)) == text:
            return yaml
    # Writing it back would change lines the command has no business changing: say which, change none.
    yaml = _round_trip_yaml(*candidates[0])
    written = _dump(yaml, yaml.load(text)).splitlines()
    lines = text.splitlines()
    n = next((k for k, (a, b) in enumerate(zip(lines, written, strict=False)) if a != b), len(lines))
    would = repr(written[n].strip()) if n < len(written) else "nothing"
    line, other = [*lines, ""][n], [*written, ""][n]
    column = next((k for k, (a, b) in enumerate(zip(line, other, strict=False)) if a != b), min(len(line), len(other)))
    raise ScaffoldError(
        f"{path}:{n + 1}:{column + 1}: coursegen new cannot add to this file without also rewriting this line (as {would}); "
        "write the line that way first, or add the entry by hand"
    )


def _round_trip_yaml(mapping: int, sequence: int, offset: int) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the trainer wrote on one
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


class _Editable:
    """One trainer's file, loaded for adding entries and written back in its own layout."""

    def __init__(self, root: Path, path: str) -> None:
        self.path = path
        raw = (root / path).read_bytes().decode("utf-8")
        # A file saved with Windows line ends keeps them.
        self.newline = "\r\n" if "\r\n" in raw else "\n"
        text = raw.replace("\r\n", "\n")
        self.yaml = _yaml_for(text, path)
        self.data: CommentedMap = self.yaml.load(text)

    def text(self) -> str:
        return _dump(self.yaml, self.data).replace("\n", self.newline)


# ------------------------------------------------------------------ lookups


def _closest(ref: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.7)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_slug(kind: str, value: str) -> None:
    if not _SLUG.match(value) or len(value) > _SLUG_MAX:
        raise ScaffoldError(
            f"'{value}' cannot be a {kind} id: use lowercase letters, digits and hyphens, starting with a letter "
            f"or digit, at most {_SLUG_MAX} characters (e.g. 'first-call')"
        )


def _free_page_id(bundle: CourseBundle, kind: str, page_id: str) -> None:
    """A lesson or quiz id: each becomes a page, so lessons and quizzes share one set of ids."""
    check_slug(kind, page_id)
    if page_id in RESERVED_IDS:
        raise ScaffoldError(f"the id '{page_id}' is taken by {RESERVED_IDS[page_id]}; choose another id")
    if page_id in bundle.files:
        what = "lesson" if page_id in bundle.lessons else "quiz"
        raise ScaffoldError(
            f"a {what} with the id '{page_id}' already exists ({bundle.files[page_id]}); choose another id"
        )
    target = _lesson_file(page_id) if kind == "lesson" else _quiz_file(page_id)
    if (bundle.root / target).exists():
        raise ScaffoldError(f"{target} already exists; choose another id, or move that file away")


def _module(bundle: CourseBundle, module_id: str) -> Module:
    for module in bundle.outline.modules:
        if module.id == module_id:
            return module
    known = [m.id for m in bundle.outline.modules]
    raise ScaffoldError(
        f"no module has the id '{module_id}'{_closest(module_id, known)}; the modules in {COURSE_FILE} are: "
        + ", ".join(known)
    )


def _module_map(outline: _Editable, module_id: str) -> CommentedMap:
    for module in [*outline.data.get("modules", []), outline.data.get("capstone")]:
        if isinstance(module, CommentedMap) and module.get("id") == module_id:
            return module
    raise ScaffoldError(f"{COURSE_FILE}: module '{module_id}' was not found as written; run coursegen check")


# Where ruamel.yaml keeps the comment after a value: in its mapping's entry for the key, or in
# its sequence's entry for the index, at this position of the entry.
_AFTER_MAP_VALUE = 2
_AFTER_SEQ_ITEM = 0


def _flow(node: object) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and bool(node.fa.flow_style())


def _slot_after(node: CommentedMap | CommentedSeq) -> tuple[list[Any], int] | None:
    """The comment entry that holds what follows the last value inside `node`, however deep."""
    if not node:
        return None
    last: Any = list(node.keys())[-1] if isinstance(node, CommentedMap) else len(node) - 1
    value = node[last]
    if isinstance(value, (CommentedMap, CommentedSeq)) and value and not _flow(value):
        return _slot_after(value)
    entry = node.ca.items.get(last)
    position = _AFTER_MAP_VALUE if isinstance(node, CommentedMap) else _AFTER_SEQ_ITEM
    return (entry, position) if entry is not None and entry[position] is not None else None


def _take_following_lines(node: CommentedMap | CommentedSeq) -> CommentToken | None:
    """Blank lines and comment lines after the last value in `node`, taken off it.

    ruamel.yaml keeps them with the value before them, so an entry appended after that value
    would land below them: below the comment that introduces the next module, or the closing
    comment of the file. The value keeps the comment on its own line.
    """
    slot = _slot_after(node)
    if slot is None:
        return None
    entry, position = slot
    token: CommentToken = entry[position]
    cut = token.value.find("\n") + 1
    if cut == 0 or cut == len(token.value):
        return None
    following = copy.copy(token)
    following.value = "\n" + token.value[cut:]
    if cut == 1:
        entry[position] = None
    else:
        token.value = token.value[:cut]
    return following


def _append(seq: CommentedSeq, item: Any) -> None:
    """Append to a block sequence, above the lines that followed its last item."""
    following = _take_following_lines(seq)
    seq.append(item)
    if following is not None:
        target = item if isinstance(item, CommentedMap) else None
        if target is not None:
            target.ca.items[list(target.keys())[-1]] = [None, None, following, None]
        else:
            seq.ca.items[len(seq) - 1] = [following, None, None, None]


def _set(mapping: CommentedMap, key: str, value: str) -> None:
    """Add a key at the end of a mapping, above the lines that followed its last value."""
    following = _take_following_lines(mapping)
    mapping[key] = value
    if following is not None:
        mapping.ca.items[key] = [None, None, following, None]


def _append_lesson(module: CommentedMap, lesson_id: str) -> None:
    lessons = module["lessons"]
    if not _flow(lessons):
        _append(lessons, lesson_id)
        return
    lessons.append(lesson_id)
    comment = module.ca.items.get("lessons", [None] * 4)[_AFTER_MAP_VALUE]
    if comment is not None:
        # A comment after `[a, b]` keeps its distance from the longer list, not its column.
        comment.column += len(f", {lesson_id}")


# ------------------------------------------------------------------ plans


def plan_lesson(bundle: CourseBundle, lesson_id: str, module_id: str) -> Plan:
    """A lesson at the end of a module, with its own check quiz: a new objective needs a question."""
    module = _module(bundle, module_id)
    _free_page_id(bundle, "lesson", lesson_id)
    quiz_id = f"{lesson_id}-check"
    _free_page_id(bundle, "quiz", quiz_id)
    objective = f"{lesson_id}-objective"
    plan = Plan()
    plan.created[_lesson_file(lesson_id)] = _lesson_text(lesson_id, objective, quiz_id)
    plan.created[_quiz_file(quiz_id)] = _quiz_text(quiz_id, [objective])
    outline = _Editable(bundle.root, COURSE_FILE)
    _append_lesson(_module_map(outline, module.id), lesson_id)
    plan.changed[COURSE_FILE] = outline.text()
    plan.done = [
        f"wrote {_lesson_file(lesson_id)}",
        f"wrote {_quiz_file(quiz_id)} (the lesson's check: one question on its objective '{objective}')",
        f"added '{lesson_id}' to the lessons of module '{module.id}' in {COURSE_FILE}",
    ]
    return plan


def plan_quiz(bundle: CourseBundle, quiz_id: str, *, module_id: str | None, lesson_id: str | None, final: bool) -> Plan:
    """A quiz named in one place: a module's `quiz:`, a lesson's `quiz:` or the course's final assessment."""
    if sum([module_id is not None, lesson_id is not None, final]) != 1:
        raise ScaffoldError("say where the quiz goes: --module ID, --lesson ID or --final (one of them)")
    _free_page_id(bundle, "quiz", quiz_id)
    plan = Plan()
    objectives: list[str] = []
    if lesson_id is not None:
        if lesson_id not in bundle.lessons:
            raise ScaffoldError(
                f"no lesson has the id '{lesson_id}'{_closest(lesson_id, bundle.lessons)}; "
                f"the lessons are the files in {LESSONS_FOLDER}/"
            )
        lesson = bundle.lessons[lesson_id]
        file = bundle.files[lesson_id]
        if lesson.quiz is not None:
            raise ScaffoldError(f"lesson '{lesson_id}' already has the quiz '{lesson.quiz}' ({file}); a lesson has one")
        objectives = [objective.id for objective in lesson.objectives]
        edited = _Editable(bundle.root, file)
        _set(edited.data, "quiz", quiz_id)
        plan.changed[file] = edited.text()
        plan.done.append(f"set quiz: {quiz_id} in {file}")
    else:
        outline = _Editable(bundle.root, COURSE_FILE)
        if module_id is not None:
            module = _module(bundle, module_id)
            if module.quiz is not None:
                raise ScaffoldError(
                    f"module '{module.id}' already has the quiz '{module.quiz}' in {COURSE_FILE}; a module has one"
                )
            _set(_module_map(outline, module.id), "quiz", quiz_id)
            plan.done.append(f"set quiz: {quiz_id} for module '{module.id}' in {COURSE_FILE}")
        else:
            current = bundle.course.final_assessment
            if current is not None:
                raise ScaffoldError(f"the course already has the final assessment '{current}' in {COURSE_FILE}")
            _set(outline.data, "final_assessment", quiz_id)
            plan.done.append(f"set final_assessment: {quiz_id} in {COURSE_FILE}")
        plan.changed[COURSE_FILE] = outline.text()
    plan.created[_quiz_file(quiz_id)] = _quiz_text(quiz_id, objectives)
    plan.done.insert(0, f"wrote {_quiz_file(quiz_id)}")
    return plan


def plan_module(bundle: CourseBundle, module_id: str, lesson_id: str | None = None) -> Plan:
    """A module after the others (before the capstone), with a first lesson and the module's quiz."""
    check_slug("module", module_id)
    known = [m.id for m in bundle.outline.modules]
    if module_id in known:
        raise ScaffoldError(f"a module with the id '{module_id}' already exists in {COURSE_FILE}; choose another id")
    lesson_id = lesson_id or f"{module_id}-intro"
    quiz_id = f"{module_id}-quiz"
    _free_page_id(bundle, "lesson", lesson_id)
    _free_page_id(bundle, "quiz", quiz_id)
    objective = f"{lesson_id}-objective"
    outline = _Editable(bundle.root, COURSE_FILE)
    modules: CommentedSeq = outline.data["modules"]
    lessons = CommentedSeq([lesson_id])
    first = modules[0].get("lessons") if modules and isinstance(modules[0], CommentedMap) else None
    if isinstance(first, CommentedSeq) and first.fa.flow_style():
        lessons.fa.set_flow_style()  # as the modules before it list theirs
    entry = CommentedMap()
    entry["id"] = module_id
    entry["title"] = DoubleQuotedScalarString("TODO: the module's title")
    entry["summary"] = DoubleQuotedScalarString("TODO: one sentence for the course home")
    entry["lessons"] = lessons
    entry["quiz"] = quiz_id
    _append(modules, entry)
    plan = Plan()
    # The lesson is assessed by the module's quiz, so it needs no check quiz of its own.
    plan.created[_lesson_file(lesson_id)] = _lesson_text(lesson_id, objective, None)
    plan.created[_quiz_file(quiz_id)] = _quiz_text(quiz_id, [objective])
    plan.changed[COURSE_FILE] = outline.text()
    plan.done = [
        f"wrote {_lesson_file(lesson_id)}",
        f"wrote {_quiz_file(quiz_id)} (the module's quiz: one question on the objective '{objective}')",
        f"added module '{module_id}' to {COURSE_FILE}, after the other modules",
    ]
    return plan


# ------------------------------------------------------------------ writing


def _rehearse(root: Path, plan: Plan) -> None:
    """Apply the plan to a scratch copy of the course and load it, so nothing is written that does not check."""
    with tempfile.TemporaryDirectory(prefix="coursegen-new-") as scratch:
        copy = Path(scratch)
        for folder in ("course", QUIZZES_DIR):
            if (root / folder).is_dir():
                shutil.copytree(root / folder, copy / folder)
        for path, text in {**plan.created, **plan.changed}.items():
            (copy / path).parent.mkdir(parents=True, exist_ok=True)
            (copy / path).write_bytes(text.encode("utf-8"))
        try:
            load_course(copy)
        except CourseError as exc:
            first = exc.problems[0]
            raise ScaffoldError(f"the new files would not check: {first}") from None


def apply(root: Path, plan: Plan) -> None:
    _rehearse(root, plan)
    for path, text in plan.created.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        with (root / path).open("x", encoding="utf-8") as out:
            out.write(text)
    for path, text in plan.changed.items():
        # Written beside and moved over, so that an interrupted write cannot leave half a file.
        target = root / path
        partial = target.with_name(f".{target.name}.coursegen-new")
        partial.write_bytes(text.encode("utf-8"))
        shutil.copymode(target, partial)
        os.replace(partial, target)
