"""Objectives tested only by recall: questions that quote the lesson instead of asking for a decision.

A question counts as recall when it sets no `scenario` and one of its right answers repeats a run
of RUN_WORDS words of the lesson that holds the objective: the learner can answer by recognising
the sentence. A role-play is always a situation, so never recall.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from generator.author.findings import Finding, lessons, questions
from generator.author.text import lesson_text, runs
from generator.model.load import CourseBundle
from generator.model.models import Matching, MultipleChoice, Ordering, Question, SingleChoice

RUN_WORDS = 6


def right_answers(question: Question) -> list[str]:
    if isinstance(question, (SingleChoice, MultipleChoice)):
        return [option.text for option in question.options if option.correct]
    if isinstance(question, Ordering):
        return [item.text for item in question.items]
    if isinstance(question, Matching):
        return [text for pair in question.pairs for text in (pair.left, pair.right)]
    return []


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    assessed: dict[str, list[tuple[str, Question]]] = defaultdict(list)
    for file, _, question in questions(bundle):
        for objective_id in question.objectives:
            assessed[objective_id].append((file, question))
    for file, lesson in lessons(bundle):
        quoted = runs(lesson_text(lesson), RUN_WORDS)
        for j, objective in enumerate(lesson.objectives):
            asked = assessed.get(objective.id, [])
            if asked and all(_quotes(question, quoted) for _, question in asked):
                names = ", ".join(f"'{question.id}' ({where})" for where, question in asked)
                which = "a question that quotes" if len(asked) == 1 else "questions that quote"
                them = "it" if len(asked) == 1 else "one of them"
                yield Finding(
                    "CG301",
                    file,
                    ("objectives", j, "text"),
                    f"objective '{objective.id}' is assessed only by {which} this lesson, {names}, which tests "
                    f"recognising a sentence, not a decision; give {them} a scenario in which the learner must "
                    "apply the objective",
                )


def _quotes(question: Question, quoted: set[tuple[str, ...]]) -> bool:
    if question.scenario:
        return False
    return any(runs(answer, RUN_WORDS) & quoted for answer in right_answers(question))
