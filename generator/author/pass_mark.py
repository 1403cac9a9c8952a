"""A final assessment whose pass mark is too low for its certificate to mean anything.

The final assessment's pass completes the course and earns the certificate a manager reads; below
half the points, a learner who gets most of it wrong passes (with `pass_mark: 0`, every learner does).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.author.findings import Finding
from generator.model.load import COURSE_FILE, CourseBundle
from generator.model.models import Course

# Below half the points a pass says the learner got most of it wrong.
MINIMUM = 50
# What to write instead: the pass mark a course gets when it sets none.
SUGGESTED = Course.model_fields["pass_mark"].default


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    course = bundle.course
    if course.final_assessment is None or course.final_assessment not in bundle.quizzes:
        return
    quiz = bundle.quizzes[course.final_assessment]
    file = bundle.files[quiz.id]
    mark = course.pass_mark if quiz.pass_mark is None else quiz.pass_mark
    if mark >= MINIMUM:
        return
    passes = "every learner passes, whatever they answer" if mark == 0 else "a learner who gets most of it wrong passes"
    why = f"so {passes}, and the certificate tells a manager nothing; "
    if quiz.pass_mark is None:
        yield Finding(
            "CG501",
            file,
            ("id",),
            f"the final assessment takes the course's pass mark, {mark} % ({COURSE_FILE}), {why}write "
            f"pass_mark: {SUGGESTED} in this quiz (or at least {MINIMUM}), or raise the course's",
        )
    else:
        yield Finding(
            "CG501",
            file,
            ("pass_mark",),
            f"the final assessment's pass mark is {mark} %, {why}write pass_mark: {SUGGESTED} (or at least {MINIMUM})",
        )
