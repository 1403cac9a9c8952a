"""`coursegen stats`: the shape of a course in figures, per module and for the whole course.

It computes from the loaded course (and the validity panels recorded beside it, author/panel.py)
and prints nothing; stats_report renders the figures.
Words and estimated minutes are the lint's own (author/text.py, author/reading_time.py), so that
`stats` and CG302 never disagree about a lesson.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.author.panel import QuizResult, last_per_quiz, read_panels
from generator.author.paper import quiz_order
from generator.author.reading_time import estimate
from generator.author.text import lesson_text, words
from generator.model.load import CourseBundle
from generator.model.models import QUESTION_TYPES, Lesson, Module, Quiz, RolePlay

OUTCOMES = ("success", "partial", "failure")
FINAL = "final assessment"
COURSE = "course"


@dataclass(frozen=True)
class RolePlayFigures:
    quiz: str
    question: str
    steps: int
    endings: dict[str, int]  # by outcome, in OUTCOMES order


@dataclass(frozen=True)
class ObjectiveFigures:
    id: str
    lesson: str
    # Questions anywhere in the course that list it: module, lesson and final quizzes alike.
    questions: int


@dataclass(frozen=True)
class PartFigures:
    """A module (the capstone is one), the final assessment, or the whole course."""

    id: str
    title: str
    lessons: int
    words: int
    minutes_stated: int
    minutes_estimated: float
    questions: dict[str, int]  # by type, in QUESTION_TYPES order; a drawn quiz counts its whole pool
    roleplays: list[RolePlayFigures]
    objectives: list[ObjectiveFigures]

    @property
    def question_total(self) -> int:
        return sum(self.questions.values())


@dataclass(frozen=True)
class CourseFigures:
    id: str
    title: str
    modules: list[PartFigures]
    final: PartFigures | None
    course: PartFigures
    # The last validity panel of each quiz that has one (validity/panels.yaml), in the order learners meet them.
    panels: list[QuizResult] = field(default_factory=list)


def _lesson_words(lesson: Lesson) -> int:
    return len(words(lesson_text(lesson)))


def _lesson_estimate(lesson: Lesson) -> float:
    return estimate(_lesson_words(lesson), lesson.exercise is not None, lesson.reflection is not None)


def _part(part_id: str, title: str, lessons: list[Lesson], quizzes: list[Quiz], assessed: Counter[str]) -> PartFigures:
    types: Counter[str] = Counter(question.type for quiz in quizzes for question in quiz.questions)
    return PartFigures(
        id=part_id,
        title=title,
        lessons=len(lessons),
        words=sum(_lesson_words(lesson) for lesson in lessons),
        minutes_stated=sum(lesson.minutes for lesson in lessons),
        minutes_estimated=sum(_lesson_estimate(lesson) for lesson in lessons),
        questions={kind: types[kind] for kind in QUESTION_TYPES},
        roleplays=[
            RolePlayFigures(
                quiz=quiz.id,
                question=question.id,
                steps=len(question.steps),
                endings={outcome: sum(e.outcome == outcome for e in question.endings) for outcome in OUTCOMES},
            )
            for quiz in quizzes
            for question in quiz.questions
            if isinstance(question, RolePlay)
        ],
        objectives=[
            ObjectiveFigures(objective.id, lesson.id, assessed[objective.id])
            for lesson in lessons
            for objective in lesson.objectives
        ],
    )


def course_figures(bundle: CourseBundle) -> CourseFigures:
    course = bundle.course
    assessed = Counter(
        objective
        for quiz in bundle.quizzes.values()
        for question in quiz.questions
        for objective in question.objectives
    )
    modules: list[Module] = [*course.modules, *([course.capstone] if course.capstone is not None else [])]
    parts = []
    for module in modules:
        lessons = [bundle.lessons[lesson_id] for lesson_id in module.lessons]
        quiz_ids = [module.quiz] + [lesson.quiz for lesson in lessons]
        quizzes = [bundle.quizzes[quiz_id] for quiz_id in quiz_ids if quiz_id is not None]
        parts.append(_part(module.id, module.title, lessons, quizzes, assessed))
    final = None
    if course.final_assessment is not None:
        quiz = bundle.quizzes[course.final_assessment]
        final = _part(FINAL, quiz.title, [], [quiz], assessed)
    everything = [*parts, *([final] if final else [])]
    total = PartFigures(
        id=COURSE,
        title=course.title,
        lessons=sum(p.lessons for p in everything),
        words=sum(p.words for p in everything),
        minutes_stated=sum(p.minutes_stated for p in everything),
        minutes_estimated=sum(p.minutes_estimated for p in everything),
        questions={kind: sum(p.questions[kind] for p in everything) for kind in QUESTION_TYPES},
        roleplays=[r for p in everything for r in p.roleplays],
        objectives=[o for p in everything for o in p.objectives],
    )
    last = last_per_quiz(read_panels(bundle.root) or [])
    panels = [last[quiz_id] for quiz_id in dict.fromkeys([*quiz_order(bundle), *sorted(last)]) if quiz_id in last]
    return CourseFigures(
        id=course.id,
        title=course.title,
        modules=parts,
        final=final,
        course=total,
        panels=panels,
    )
