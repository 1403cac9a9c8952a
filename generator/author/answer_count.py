"""How many options of a select-all question are right: a count that never varies is a cue too.

A learner who notices that every select-all question has three right options of five ticks
three, whatever the question; one who finds every option right learns to tick them all.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.author.findings import Finding, quizzes
from generator.model.load import CourseBundle
from generator.model.models import MultipleChoice

# CG104 needs this many select-all questions in a quiz before "always the same count" is a pattern.
QUIZ_MINIMUM = 2


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    for file, quiz in quizzes(bundle):
        counts: list[tuple[int, int]] = []
        for i, question in enumerate(quiz.questions):
            if not isinstance(question, MultipleChoice):
                continue
            right = sum(option.correct for option in question.options)
            counts.append((right, len(question.options)))
            if right == len(question.options):
                owner = ("questions", i)
                yield Finding(
                    "CG105",
                    file,
                    (*owner, "options"),
                    "every option is right, so ticking them all scores full marks without reading; "
                    "add wrong options that someone who skipped the lesson would pick",
                    owner,
                )
        rights = {right for right, _ in counts}
        if len(counts) >= QUIZ_MINIMUM and len(rights) == 1:
            right = rights.pop()
            totals = {total for _, total in counts}
            of = f" of {totals.pop()}" if len(totals) == 1 else ""
            questions = "both select-all questions" if len(counts) == 2 else f"all {len(counts)} select-all questions"
            yield Finding(
                "CG104",
                file,
                ("questions",),
                f"{questions} have exactly {right} right option{'s' if right != 1 else ''}{of}, so a learner who "
                f"always ticks {right} gains; vary the number of right options from question to question",
            )
