"""The course outline as the learner meets it: one ordered tuple of items, built once per load.

Every page builder, the reporting data, the facilitator edition and `coursegen stats` walk the
course in the same order (each module, the capstone last among them; in each, every lesson
followed by its check, then the module's quiz; the final assessment last). That walk, the
pass-mark fallback and each page's address are decided here once, so a new kind of item (a
review set, a pre-test) is added in one place and every loop over `Outline.items` meets it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from generator.model.models import Course, Lesson, Module, Quiz

# "lesson_check" is a lesson's own quiz, shown on the lesson's page.
ItemKind = Literal["lesson", "lesson_check", "module_quiz", "final_assessment"]
QUIZ_KINDS: frozenset[ItemKind] = frozenset({"lesson_check", "module_quiz", "final_assessment"})


@dataclass(frozen=True)
class OutlineItem:
    """One thing a learner meets, with everything a page, a report or a tool needs to place it."""

    # The trainer's lesson or quiz id: lessons and quizzes share one set of ids (checks.py), and
    # learners' saved progress and reported statements are keyed by it, so it must never change
    # with the item's place in the course.
    id: str
    kind: ItemKind
    module: Module | None  # None for the final assessment
    title: str
    src: str  # the Markdown page it is shown on, relative to the docs folder
    anchor: str = ""  # a lesson check lives inside its lesson's page, at this element id
    pass_mark: int | None = None  # a quiz's own, else the course's; None for a lesson
    lesson: Lesson | None = None  # the lesson itself, or the lesson a check sits on
    quiz: Quiz | None = None

    @property
    def is_quiz(self) -> bool:
        return self.kind in QUIZ_KINDS

    @property
    def page_kind(self) -> Literal["lesson", "quiz"]:
        """What the learner site calls it ("lesson" or "quiz"), in labels and dashboard data."""
        return "quiz" if self.is_quiz else "lesson"


@dataclass(frozen=True)
class QuestionRef:
    quiz: str
    question: str


@dataclass(frozen=True)
class Outline:
    modules: tuple[Module, ...]  # every module in order, the capstone (if any) last
    items: tuple[OutlineItem, ...]
    # Objective ids are unique in the course (checks.py), so each is taught by one lesson.
    objective_lesson: Mapping[str, str]
    objective_questions: Mapping[str, tuple[QuestionRef, ...]]  # in outline order
    _by_id: dict[str, OutlineItem] = field(default_factory=dict, repr=False, compare=False)
    _by_module: dict[str, list[OutlineItem]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Looked up for every link of every page: indexed once, not searched.
        for item in self.items:
            self._by_id[item.id] = item
            if item.module is not None:
                self._by_module.setdefault(item.module.id, []).append(item)

    def __getitem__(self, item_id: str) -> OutlineItem:
        return self._by_id[item_id]

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._by_id

    def pass_mark(self, quiz_id: str) -> int:
        mark = self[quiz_id].pass_mark
        if mark is None:
            raise KeyError(f"'{quiz_id}' is a lesson, which has no pass mark")
        return mark

    def lessons(self) -> Iterator[OutlineItem]:
        return (item for item in self.items if item.kind == "lesson")

    def quizzes(self) -> Iterator[OutlineItem]:
        return (item for item in self.items if item.is_quiz)

    def in_module(self, module: Module) -> Iterator[OutlineItem]:
        return iter(self._by_module.get(module.id, ()))

    @property
    def final(self) -> OutlineItem | None:
        last = self.items[-1] if self.items else None
        return last if last is not None and last.kind == "final_assessment" else None


def course_modules(course: Course) -> tuple[Module, ...]:
    """Every module in order, the capstone (a module like the others) last."""
    return (*course.modules, *([course.capstone] if course.capstone is not None else []))


def build_outline(course: Course, lessons: Mapping[str, Lesson], quizzes: Mapping[str, Quiz]) -> Outline:
    """The outline of a course whose references all resolve (load_course checked them)."""

    def mark(quiz: Quiz) -> int:
        return quiz.pass_mark if quiz.pass_mark is not None else course.pass_mark

    items: list[OutlineItem] = []
    modules = course_modules(course)
    for module in modules:
        for lesson_id in module.lessons:
            lesson = lessons[lesson_id]
            src = f"{module.id}/{lesson_id}.md"
            items.append(OutlineItem(lesson_id, "lesson", module, lesson.title, src, lesson=lesson))
            if lesson.quiz:
                quiz = quizzes[lesson.quiz]
                anchor = f"cg-{quiz.id}"
                items.append(
                    OutlineItem(quiz.id, "lesson_check", module, quiz.title, src, anchor, mark(quiz), lesson, quiz)
                )
        if module.quiz:
            quiz = quizzes[module.quiz]
            src = f"{module.id}/{quiz.id}.md"
            items.append(OutlineItem(quiz.id, "module_quiz", module, quiz.title, src, pass_mark=mark(quiz), quiz=quiz))
    if course.final_assessment:
        quiz = quizzes[course.final_assessment]
        items.append(
            OutlineItem(quiz.id, "final_assessment", None, quiz.title, f"{quiz.id}.md", pass_mark=mark(quiz), quiz=quiz)
        )
    objective_questions: dict[str, list[QuestionRef]] = {}
    for item in items:
        for question in item.quiz.questions if item.quiz is not None else ():
            for objective in question.objectives:
                objective_questions.setdefault(objective, []).append(QuestionRef(item.id, question.id))
    return Outline(
        modules=modules,
        items=tuple(items),
        objective_lesson={o.id: lesson.id for lesson in lessons.values() for o in lesson.objectives},
        objective_questions={key: tuple(refs) for key, refs in objective_questions.items()},
    )
