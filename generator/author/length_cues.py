"""The longest-option cue: a right answer written with more care than the wrong ones stands out.

Haladyna, Downing & Rodriguez (2002) list "keep the length of choices about equal" among the
item-writing guidelines: test-wise learners pick the longest, most qualified option.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.author.findings import Finding, quizzes
from generator.author.text import length
from generator.model.load import CourseBundle
from generator.model.models import MultipleChoice, SingleChoice

# CG101: a right option this many times as long as the longest wrong one is clearly the longest.
RATIO = 1.3
# CG102: the share of a quiz's single-choice questions whose right option may be the longest. With
# four options chance alone makes it one in four; well over that, "pick the longest" pays.
QUIZ_SHARE = 0.4
# CG102 needs this many single-choice questions: with fewer, one question is the whole pattern.
QUIZ_MINIMUM = 3


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    for file, quiz in quizzes(bundle):
        singles = longest = 0
        for i, question in enumerate(quiz.questions):
            owner = ("questions", i)
            if isinstance(question, SingleChoice):
                singles += 1
                k, right = next((k, o) for k, o in enumerate(question.options) if o.correct)
                right_length = length(right.text)
                wrong_length = max(length(o.text) for o in question.options if not o.correct)
                longest += right_length > wrong_length
                if right_length >= RATIO * max(wrong_length, 1):
                    yield Finding(
                        "CG101",
                        file,
                        (*owner, "options", k, "text"),
                        f"the right option is {right_length / max(wrong_length, 1):.1f}× as long as the longest "
                        f"wrong one ({right_length} to {wrong_length} characters), so picking the longest finds it; "
                        "shorten it, or give the wrong options as much detail",
                        owner,
                    )
            elif isinstance(question, MultipleChoice):
                rights = [length(o.text) for o in question.options if o.correct]
                wrongs = [length(o.text) for o in question.options if not o.correct]
                if rights and wrongs and min(rights) > max(wrongs):
                    n = len(rights)
                    yield Finding(
                        "CG103",
                        file,
                        (*owner, "options"),
                        f"the {n} right option{'s are' if n != 1 else ' is'} the {n} longest, so ticking the longest "
                        "finds them; shorten the right ones, or make some wrong ones as long",
                        owner,
                    )
        if singles >= QUIZ_MINIMUM and longest > QUIZ_SHARE * singles:
            yield Finding(
                "CG102",
                file,
                ("questions",),
                f"the right option is the longest in {longest} of {singles} single-choice questions "
                f"({round(100 * longest / singles)} %, over {round(100 * QUIZ_SHARE)} %), so always picking the "
                "longest pays; make a wrong option the longest in more of them",
            )
