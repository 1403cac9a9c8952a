"""What a lint rule reports, and the course items rules walk over."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.model.load import CourseBundle
from generator.model.models import Lesson, Question, Quiz
from generator.read.yaml_source import Path_


@dataclass(frozen=True)
class Finding:
    """One warning before it is placed: the value it points at, by its path in the file."""

    code: str
    file: str
    at: Path_
    message: str
    # The question a question-level warning is about, ("questions", i); () for the file's
    # own lesson or quiz. Its `silence` list is the one that can silence this warning.
    owner: Path_ = ()


def quizzes(bundle: CourseBundle) -> Iterator[tuple[str, Quiz]]:
    for quiz_id in sorted(bundle.quizzes):
        yield bundle.files[quiz_id], bundle.quizzes[quiz_id]


def questions(bundle: CourseBundle) -> Iterator[tuple[str, int, Question]]:
    """Every question of every quiz, with its file and its index in the quiz."""
    for file, quiz in quizzes(bundle):
        for i, question in enumerate(quiz.questions):
            yield file, i, question


def lessons(bundle: CourseBundle) -> Iterator[tuple[str, Lesson]]:
    for lesson_id in sorted(bundle.lessons):
        yield bundle.files[lesson_id], bundle.lessons[lesson_id]
