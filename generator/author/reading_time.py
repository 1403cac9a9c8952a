"""A lesson's `minutes` against what it asks of a learner: reading, plus the exercise and reflection.

Learners plan around the figure; one far off either way makes a course feel padded or rushed.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.author.findings import Finding, lessons
from generator.author.text import lesson_text, words
from generator.model.load import CourseBundle

# Adults read non-fiction silently at about 238 words a minute (Brysbaert 2019, "How many words do
# we read per minute?"); learners reading to remember go slower.
WORDS_PER_MINUTE = 200
# Reading and planning the exercise (the doing is on the job), and thinking over the reflection.
EXERCISE_MINUTES = 5
REFLECTION_MINUTES = 3
# Far: further from the estimate than half of it, and than this many minutes.
FAR_MINUTES = 5


def estimate(words_read: int, exercise: bool, reflection: bool) -> float:
    return words_read / WORDS_PER_MINUTE + EXERCISE_MINUTES * exercise + REFLECTION_MINUTES * reflection


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    for file, lesson in lessons(bundle):
        count = len(words(lesson_text(lesson)))
        expected = estimate(count, lesson.exercise is not None, lesson.reflection is not None)
        if abs(lesson.minutes - expected) > max(FAR_MINUTES, expected / 2):
            extras = [f"{EXERCISE_MINUTES} for the exercise"] if lesson.exercise is not None else []
            extras += [f"{REFLECTION_MINUTES} for the reflection"] if lesson.reflection is not None else []
            plus = f" plus {' and '.join(extras)}" if extras else ""
            suggestion = max(1, round(expected))
            yield Finding(
                "CG302",
                file,
                ("minutes",),
                f"minutes is {lesson.minutes}, but {count} words at {WORDS_PER_MINUTE} a minute{plus} come to about "
                f"{suggestion}; set minutes near {suggestion}, or make the lesson fit the time it states",
            )
