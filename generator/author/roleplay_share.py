"""How much of a quiz's score its role-plays carry.

A role-play is worth its best path's points (or, with `scoring: ending`, its best ending's score),
which can dwarf the 1 or 2 points of a question: a learner who does well in the role-plays then
passes whatever else they answer, and the other questions measure little.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from generator.author.findings import Finding, quizzes
from generator.model.grading import question_max
from generator.model.load import CourseBundle
from generator.model.models import Quiz, RolePlay


def largest_share(quiz: Quiz) -> tuple[int, int]:
    """The role-plays' points and the total, in the attempt where role-plays weigh most.

    Without `draw` every attempt asks every question. With it, only the drawn questions count (as
    the runtime and model/grading.py score them), so the heaviest attempt draws the richest
    role-plays with the poorest other questions; every number of role-plays drawn is tried.
    """
    plays = sorted((question_max(q) for q in quiz.questions if isinstance(q, RolePlay)), reverse=True)
    others = sorted(question_max(q) for q in quiz.questions if not isinstance(q, RolePlay))
    asked = min(quiz.draw or len(quiz.questions), len(quiz.questions))
    attempts = [
        (sum(plays[:drawn]), sum(plays[:drawn]) + sum(others[: asked - drawn]))
        for drawn in range(min(len(plays), asked) + 1)
        if asked - drawn <= len(others)
    ]
    return max(attempts, key=lambda attempt: Fraction(attempt[0], attempt[1] or 1))


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    limit = bundle.course.max_roleplay_share
    for file, quiz in quizzes(bundle):
        carried, total = largest_share(quiz)
        if not total or carried * 100 <= limit * total:
            continue
        attempt = "an attempt that draws the most role-play points" if quiz.draw else "this quiz"
        yield Finding(
            "CG204",
            file,
            ("questions",),
            f"role-plays carry {carried} of the {total} points in {attempt} ({round(100 * carried / total)} %, "
            f"over {limit} %), so they decide the score more than every other question; give the other "
            "questions more points, or the role-plays fewer",
        )
