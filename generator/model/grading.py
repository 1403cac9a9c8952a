"""The reference grader: scores answers exactly as the quiz runtime (assets/quiz.js) does.

An intranet page that records the `coursegen:quiz-complete` event can hand its
`answers` to `grade_quiz` to recompute the score it reports: the runtime grades
in the learner's browser, so the event proves nothing by itself (the README's
"Practice, not proctoring"). Answers take the event's form: authored positions,
0-based (the README's "Sending results elsewhere").

Scores are the runtime's to the last bit: the same float operations in the same
order, and JavaScript's Math.round, which rounds halves up where Python's
round() rounds them to even. An answer the runtime could not have produced (an
empty choice, a position that does not exist, a role-play stopped half way) is
refused with AnswerError rather than given a score the runtime never gives.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from generator.model.models import Matching, MultipleChoice, Ordering, Quiz, RolePlay, SingleChoice
from generator.model.roleplay_paths import roleplay_max

AnyQuestion = SingleChoice | MultipleChoice | Ordering | Matching | RolePlay


class AnswerError(ValueError):
    """An answer that the quiz runtime cannot report for this question."""


class Grade(NamedTuple):
    score: float  # rounded to hundredths, as the event reports it
    max: int


class QuizGrade(NamedTuple):
    score: float
    max: int
    passed: bool


def js_round2(n: float) -> float:
    """The runtime's r2: Math.round(n * 100) / 100."""
    x = n * 100
    floor = math.floor(x)
    # x - floor is exact for a double, so this is Math.round's rule: the nearest
    # integer, halves towards +infinity.
    return (floor + 1 if x - floor >= 0.5 else floor) / 100


def question_max(question: AnyQuestion) -> int:
    """A fully right answer's points; for a role-play, the best path's points (or best ending's score)."""
    return roleplay_max(question) if isinstance(question, RolePlay) else question.points


def fraction(question: AnyQuestion, answer: Sequence[int]) -> float:
    """The share of the points an answer earns, from 0 to 1, unrounded (the runtime's S.c)."""
    if isinstance(question, (SingleChoice, MultipleChoice)):
        return _choice(question, answer)
    if isinstance(question, Ordering):
        return _ordering(question, answer)
    if isinstance(question, Matching):
        return _matching(question, answer)
    return _roleplay(question, answer)


def grade(question: AnyQuestion, answer: Sequence[int]) -> Grade:
    """The score and max the completion event reports for this question."""
    top = question_max(question)
    return Grade(js_round2(fraction(question, answer) * top), top)


def grade_quiz(quiz: Quiz, answers: Mapping[str, Sequence[int]], pass_mark: int) -> QuizGrade:
    """Score, max and pass of a finished attempt; `answers` maps each question asked to its answer.

    From the event: {a["id"]: a["answer"] for a in detail["answers"]}. With `draw`
    set, only the questions drawn are asked, and only they count.
    """
    known = {q.id for q in quiz.questions}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise AnswerError(f"quiz '{quiz.id}' has no question {', '.join(map(repr, unknown))}")
    asked = min(quiz.draw, len(quiz.questions)) if quiz.draw else len(quiz.questions)
    if len(answers) != asked:
        raise AnswerError(f"quiz '{quiz.id}' asks {_count(asked, 'question')}, but {len(answers)} were answered")
    score, top = 0.0, 0
    # The runtime adds up unrounded scores in the quiz's order, and rounds only the total.
    for question in quiz.questions:
        if question.id in answers:
            points = question_max(question)
            score += fraction(question, answers[question.id]) * points
            top += points
    score = js_round2(score)
    return QuizGrade(score, top, score * 100 >= pass_mark * top)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# ------------------------------------------------------------------ by type


def _positions(question: AnyQuestion, answer: Sequence[int], count: int, what: str, *, none: bool = False) -> None:
    low = -1 if none else 0
    for value in answer:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value < count:
            raise AnswerError(f"question '{question.id}': {value!r} is not one of its {count} {what}")


def _choice(question: SingleChoice | MultipleChoice, answer: Sequence[int]) -> float:
    _positions(question, answer, len(question.options), "options")
    if not answer:
        raise AnswerError(f"question '{question.id}': no option was chosen")
    if len(set(answer)) != len(answer):
        raise AnswerError(f"question '{question.id}': an option was chosen twice")
    if isinstance(question, SingleChoice) and len(answer) != 1:
        raise AnswerError(f"question '{question.id}': a single-choice answer is one option, not {len(answer)}")
    right = sum(option.correct for option in question.options)
    hit = sum(question.options[i].correct for i in answer)
    miss = len(answer) - hit
    if not right:  # checks.py refuses such a question; the runtime's -miss / 0 is -Infinity, so 0
        return 0.0
    # Only a multiple-choice question gives partial credit: each wrong choice cancels a right one.
    if isinstance(question, MultipleChoice) and question.partial_credit:
        return max(0.0, (hit - miss) / right)
    return float(hit == right and not miss)


def _ordering(question: Ordering, answer: Sequence[int]) -> float:
    n = len(question.items)
    _positions(question, answer, n, "steps")
    if sorted(answer) != list(range(n)):
        raise AnswerError(f"question '{question.id}': the answer must list each of its {n} steps once")
    in_place = sum(step == k for k, step in enumerate(answer))
    return in_place / n if question.partial_credit else float(in_place == n)


def _matching(question: Matching, answer: Sequence[int]) -> float:
    n = len(question.pairs)
    _positions(question, answer, n + len(question.distractors), "right-hand items", none=True)
    if len(answer) != n:
        raise AnswerError(f"question '{question.id}': the answer needs one match for each of its {n} pairs")
    # Right-hand items are numbered pairs first, so pair k's match is item k.
    right = sum(chosen == k for k, chosen in enumerate(answer))
    return right / n if question.partial_credit else float(right == n)


def _roleplay(question: RolePlay, answer: Sequence[int]) -> float:
    steps = {step.id: step for step in question.steps}
    endings = {ending.id: ending for ending in question.endings}
    at, points = question.start, 0
    for k, chosen in enumerate(answer):
        step = steps.get(at)
        if step is None:
            raise AnswerError(f"question '{question.id}': the conversation has ended before choice {k + 1}")
        _positions(question, [chosen], len(step.choices), f"choices at step '{at}'")
        points += step.choices[chosen].points
        at = step.choices[chosen].next
    if at not in endings:
        raise AnswerError(f"question '{question.id}': the conversation stops at '{at}', not at an ending")
    if question.scoring == "ending":
        points = endings[at].score or 0
    best = roleplay_max(question)
    # Every path scores out of the best path; with nothing to earn, any path is right.
    return points / best if best else 1.0
