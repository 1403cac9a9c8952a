"""Load a course folder: every YAML file read, checked against its model, and checked as a whole.

This is the only entry point the renderer, the CLI and the MkDocs plugin use,
so every one of them reports the same problems, all at once, before anything
is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from generator.model.checks import check_course
from generator.model.markdown_checks import check_markdown
from generator.model.models import Course, Lesson, Quiz
from generator.model.outline import Outline, build_outline
from generator.model.validation_errors import problems_from
from generator.read.problems import CourseError, Problem, SourceError
from generator.read.yaml_source import Document, read_document

COURSE_FILE = "course/course.yaml"
LESSONS_DIR = "course"
QUIZZES_DIR = "quizzes"

M = TypeVar("M", bound=BaseModel)
MAPPING_NEEDED = "the file must be a mapping of fields (name: value), not a list or a single value"


@dataclass
class CourseBundle:
    root: Path
    course: Course
    # The course in the order the learner meets it, built once here: every walk of the course uses it.
    outline: Outline
    lessons: dict[str, Lesson] = field(default_factory=dict)
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    # Lesson or quiz id -> its file, relative to root (COURSE_FILE for the outline), so
    # that a page can point a trainer at the YAML it was made from.
    files: dict[str, str] = field(default_factory=dict)
    # Every file read, by that same relative path, for tools that point at a value in it
    # (`coursegen lint`). Positions are found only when one is asked for.
    documents: dict[str, Document] = field(default_factory=dict)


def _lesson_and_quiz_files(root: Path) -> tuple[list[Path], list[Path]]:
    lessons = [p for p in sorted((root / LESSONS_DIR).rglob("*.y*ml")) if p != root / COURSE_FILE]
    return lessons, sorted((root / QUIZZES_DIR).rglob("*.y*ml"))


def _unread_files(root: Path) -> dict[str, str]:
    """Files beside the lessons and quizzes that are not read, by the first part of their name
    (`objections-quiz` for quizzes/objections-quiz.yaml.txt), for a reference that finds nothing."""
    found: dict[str, str] = {}
    for folder in (root / LESSONS_DIR, root / QUIZZES_DIR):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.match("*.y*ml"):
                    found.setdefault(path.name.split(".", 1)[0], path.relative_to(root).as_posix())
    return found


class _UnreadFiles(dict[str, str]):
    """_unread_files(root), listed the first time a reference finds nothing: most builds never ask."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root: Path | None = root

    def __contains__(self, key: object) -> bool:
        if self.root is not None:
            self.update(_unread_files(self.root))
            self.root = None
        return super().__contains__(key)


def _read(root: Path, path: Path, model: type[M], problems: list[Problem]) -> tuple[M, Document] | None:
    # Every path here comes from _lesson_and_quiz_files(root), so it starts with root: slicing
    # the string is what pathlib's relative_to does, minus its cost per call.
    display = str(path)[len(str(root)) + 1 :].replace("\\", "/")
    try:
        doc = read_document(path, display)
        valid, found = _validate(model, doc)
    except SourceError as exc:
        problems.append(exc.problem)
        return None
    # A value cut short by ` #` is what else is wrong on its line (an empty one is "missing").
    cut_lines = {problem.line for problem in doc.cut}
    problems.extend(doc.cut)
    problems.extend(problem for problem in found if problem.line not in cut_lines)
    if doc.cut:
        return None
    return None if valid is None else (valid, doc)


def _validate(model: type[M], doc: Document) -> tuple[M | None, list[Problem]]:
    if not isinstance(doc.data, dict):
        return None, [Problem(doc.path, 1, 1, MAPPING_NEEDED)]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, problems_from(exc, model, doc)


def load_course(root: Path) -> CourseBundle:
    """Read and validate the whole course; raise CourseError listing every problem found."""
    root = root.resolve()
    problems: list[Problem] = []
    course_path = root / COURSE_FILE
    if not course_path.is_file():
        raise CourseError(
            [
                Problem(
                    COURSE_FILE,
                    1,
                    1,
                    f"the course outline is missing: there is no {COURSE_FILE} in {root}; run coursegen in the "
                    "project folder (the one holding course/ and quizzes/), or point --root at it",
                )
            ]
        )
    course = _read(root, course_path, Course, problems)
    lessons: list[tuple[Lesson, Document]] = []
    quizzes: list[tuple[Quiz, Document]] = []
    lesson_files, quiz_files = _lesson_and_quiz_files(root)
    for path in lesson_files:
        if (lesson := _read(root, path, Lesson, problems)) is not None:
            lessons.append(lesson)
    for path in quiz_files:
        if (quiz := _read(root, path, Quiz, problems)) is not None:
            quizzes.append(quiz)
    if course is None:
        raise CourseError(problems)
    complete = not problems
    problems.extend(check_course(course, lessons, quizzes, complete=complete, unread=_UnreadFiles(root)))
    items: list[tuple[BaseModel, Document]] = [course, *lessons, *quizzes]
    problems.extend(check_markdown(root, items, {lesson.id for lesson, _ in lessons} if complete else None))
    if problems:
        raise CourseError(problems)
    model, _ = course
    lesson_models = {lesson.id: lesson for lesson, _ in lessons}
    quiz_models = {quiz.id: quiz for quiz, _ in quizzes}
    return CourseBundle(
        root=root,
        course=model,
        outline=build_outline(model, lesson_models, quiz_models),
        lessons=lesson_models,
        quizzes=quiz_models,
        files={**{lesson.id: doc.path for lesson, doc in lessons}, **{quiz.id: doc.path for quiz, doc in quizzes}},
        documents={doc.path: doc for _, doc in [course, *lessons, *quizzes]},
    )
