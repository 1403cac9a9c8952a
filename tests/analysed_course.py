"""The analysed fixture course and statements about it, for the tests of `coursegen analyse`."""

from __future__ import annotations

from pathlib import Path

from generator.analyse.simulate import Cohort, Truth, simulate, write_statements
from generator.analyse.statements import StatementWriter
from generator.model.load import CourseBundle, load_course
from generator.pages.quiz_html import content_hash

ROOT = Path(__file__).parent / "fixtures" / "analysed"
QUIZ = "desk-final"
# The true difficulty of the ten single-choice questions, q01 … q10, easiest first but one.
B = [-1.6, -1.2, 0.0, -0.4, -4.5, 0.2, 0.5, 0.9, 1.3, 1.8]
TRUTHS = {
    **{f"q{i:02d}": Truth(a=1.7, b=b) for i, b in enumerate(B, start=1)},
    # planted: weaker learners get q03 right more often than stronger ones
    "q03": Truth(a=-1.5, b=0.0),
    # planted: q05 nearly everyone gets right
    "q05": Truth(a=1.7, b=-4.5),
    # planted: option 4 of q07 nobody picks
    "q07": Truth(a=1.7, b=0.5, weights=(0, 1, 1, 0)),
    # planted: nobody calls the manager in, so the 'escalated' ending is never reached
    "call": Truth(a=1.0, b=0.0, weights=(1, 1, 0)),
}


def bundle() -> CourseBundle:
    return load_course(ROOT)


def writer(course: CourseBundle, *, version: str | None = None, course_iri: str | None = None) -> StatementWriter:
    quiz = course.quizzes[QUIZ]
    return StatementWriter(
        course_iri or course.course.xapi_id or "",
        course.course.title,
        version or course.course.version,
        quiz,
        content_hash(quiz),
        course.course.language,
    )


def write(path: Path, cohort: Cohort, **kwargs: str) -> int:
    course = bundle()
    with path.open("w", encoding="utf-8") as out:
        prefix = kwargs.pop("learner_prefix", "learner")
        return write_statements(
            out, simulate(writer(course, **kwargs), course.quizzes[QUIZ], TRUTHS, cohort, learner_prefix=prefix)
        )
