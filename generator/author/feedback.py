"""Feedback on a wrong answer that is too short to say why it is wrong.

The feedback is where a learner who slipped learns something; "Wrong." or "Excuses." tells
them only what the score already did. Every option and choice must have feedback (a check
error otherwise), so what is left to catch is feedback too short to hold a reason.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.author.findings import Finding, questions
from generator.author.text import words
from generator.model.load import CourseBundle
from generator.model.models import MultipleChoice, RolePlay, SingleChoice

# A reason needs a clause: "This answers price with price." is six words.
MINIMUM_WORDS = 6


def _short(feedback: str) -> int | None:
    count = len(words(feedback))
    return count if count < MINIMUM_WORDS else None


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    for file, i, question in questions(bundle):
        owner = ("questions", i)
        if isinstance(question, (SingleChoice, MultipleChoice)):
            for k, option in enumerate(question.options):
                if not option.correct and (count := _short(option.feedback)) is not None:
                    yield Finding(
                        "CG107",
                        file,
                        (*owner, "options", k, "feedback"),
                        f"the feedback on this wrong option has {count} word{'s' if count != 1 else ''}; say in "
                        f"{MINIMUM_WORDS} or more why it is wrong, so a learner who picked it learns from it",
                        owner,
                    )
        elif isinstance(question, RolePlay):
            for s, step in enumerate(question.steps):
                best = max(choice.points for choice in step.choices)
                for c, choice in enumerate(step.choices):
                    if choice.points < best and (count := _short(choice.feedback)) is not None:
                        yield Finding(
                            "CG107",
                            file,
                            (*owner, "steps", s, "choices", c, "feedback"),
                            f"the feedback on this weaker choice has {count} word{'s' if count != 1 else ''}; "
                            f"say in {MINIMUM_WORDS} or more why it helps less than the best one here",
                            owner,
                        )
