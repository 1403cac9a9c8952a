"""The reference grader, on hand-computed cases of every question type and of whole quizzes.

Each expected score is worked out from the runtime's rules (assets/quiz.js); the
browser test tests/browser/test_grading_properties.py checks that the runtime
agrees on generated quizzes.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from generator.model.grading import AnswerError, Grade, QuizGrade, fraction, grade, grade_quiz, js_round2, question_max
from generator.model.models import Question, Quiz

QUESTION: TypeAdapter[Any] = TypeAdapter(Question)


def choice(kind: str, correct: list[bool], **extra: Any) -> Any:
    options = [{"text": f"option {k}", "correct": c, "feedback": "why"} for k, c in enumerate(correct)]
    return QUESTION.validate_python({"id": "q", "type": kind, "prompt": "?", "options": options, **extra})


def ordering(n: int, **extra: Any) -> Any:
    items = [{"text": f"step {k}"} for k in range(n)]
    return QUESTION.validate_python({"id": "q", "type": "ordering", "prompt": "?", "items": items, **extra})


def matching(n: int, distractors: int = 0, **extra: Any) -> Any:
    pairs = [{"left": f"left {k}", "right": f"right {k}"} for k in range(n)]
    data = {"id": "q", "type": "matching", "prompt": "?", "pairs": pairs, **extra}
    return QUESTION.validate_python({**data, "distractors": [f"extra {k}" for k in range(distractors)]})


def roleplay(points: tuple[int, int, int, int, int] = (2, 0, 2, 1, 3)) -> Any:
    """open -(a)-> listen -(c)-> won | -(d)-> stall; open -(b)-> lost; open -(e)-> won.

    With the default points the best path is open, listen, won: 2 + 2 = 4 (the
    direct open -> won choice is worth 3).
    """
    a, b, c, d, e = points

    def pick(text: str, p: int, nxt: str) -> dict[str, Any]:
        return {"text": text, "points": p, "feedback": "why", "next": nxt}

    return QUESTION.validate_python(
        {
            "id": "q",
            "type": "roleplay",
            "prompt": "?",
            "start": "open",
            "steps": [
                {
                    "id": "open",
                    "customer": "Hi",
                    "choices": [pick("a", a, "listen"), pick("b", b, "lost"), pick("e", e, "won")],
                },
                {"id": "listen", "customer": "So", "choices": [pick("c", c, "won"), pick("d", d, "stall")]},
            ],
            "endings": [
                {"id": "won", "title": "Won", "outcome": "success", "text": "."},
                {"id": "stall", "title": "Stall", "outcome": "partial", "text": "."},
                {"id": "lost", "title": "Lost", "outcome": "failure", "text": "."},
            ],
        }
    )


def quiz(questions: list[Any], **extra: Any) -> Quiz:
    dumped = [q.model_dump(exclude_defaults=True) | {"id": f"q{k}", "type": q.type} for k, q in enumerate(questions)]
    return Quiz.model_validate({"id": "quiz", "title": "Quiz", "questions": dumped, **extra})


# ------------------------------------------------------------ the rounding


@pytest.mark.parametrize(
    ("n", "rounded"),
    [(0.125, 0.13), (0.005, 0.01), (1 / 3, 0.33), (2 / 3, 0.67), (7 / 25 * 25, 7.0), (0.0, 0.0), (12.345, 12.35)],
)
def test_rounding_is_javascripts_halves_up(n: float, rounded: float) -> None:
    # Python's round(12.5) is 12; Math.round(12.5) is 13. 0.005 * 100 is 0.5 exactly in doubles.
    assert js_round2(n) == rounded


# ---------------------------------------------------------- single choice


def test_single_choice_is_all_or_nothing() -> None:
    q = choice("single", [False, True, False], points=3)
    assert grade(q, [1]) == Grade(3, 3)
    assert grade(q, [0]) == Grade(0, 3)
    assert grade(q, [2]) == Grade(0, 3)


@pytest.mark.parametrize("answer", [[], [0, 1], [3], [-1], [True]])
def test_single_choice_answers_the_runtime_cannot_send_are_refused(answer: list[int]) -> None:
    with pytest.raises(AnswerError):
        grade(choice("single", [False, True, False]), answer)


# -------------------------------------------------------- multiple choice


@pytest.mark.parametrize(
    ("answer", "score"),
    [
        ([0, 1], 2.0),  # both right ones
        ([1, 0], 2.0),  # in the order the learner saw them
        ([0], 1.0),  # half the right ones: half the points
        ([0, 1, 2], 1.0),  # a wrong one cancels a right one: (2 - 1) / 2
        ([0, 2], 0.0),  # (1 - 1) / 2
        ([2], 0.0),  # (0 - 1) / 2 is below zero: zero
        ([2, 3], 0.0),
    ],
)
def test_multiple_choice_partial_credit(answer: list[int], score: float) -> None:
    q = choice("multiple", [True, True, False, False], points=2)
    assert grade(q, answer) == Grade(score, 2)


@pytest.mark.parametrize(("answer", "score"), [([0, 1], 2.0), ([0], 0.0), ([0, 1, 2], 0.0), ([3], 0.0)])
def test_multiple_choice_without_partial_credit_is_all_or_nothing(answer: list[int], score: float) -> None:
    q = choice("multiple", [True, True, False, False], points=2, partial_credit=False)
    assert grade(q, answer) == Grade(score, 2)


def test_multiple_choice_score_is_rounded_half_up_to_hundredths() -> None:
    eight = choice("multiple", [True] * 8)
    assert fraction(eight, [5]) == 0.125
    assert grade(eight, [5]) == Grade(0.13, 1)
    thirds = choice("multiple", [True, True, True])
    assert grade(thirds, [0]) == Grade(0.33, 1)
    assert grade(thirds, [0, 2]) == Grade(0.67, 1)


@pytest.mark.parametrize("answer", [[], [0, 0], [4]])
def test_multiple_choice_answers_the_runtime_cannot_send_are_refused(answer: list[int]) -> None:
    with pytest.raises(AnswerError):
        grade(choice("multiple", [True, True, False, False]), answer)


def test_multiple_choice_with_no_right_option_scores_zero_as_the_runtime_does() -> None:
    # checks.py refuses this question; the runtime would compute max(0, -1 / 0) = 0.
    assert grade(choice("multiple", [False, False]), [0]) == Grade(0, 1)


# ---------------------------------------------------------------- ordering


@pytest.mark.parametrize(
    ("answer", "score"),
    [
        ([0, 1, 2, 3], 4.0),
        ([1, 0, 2, 3], 2.0),  # two of four in place
        ([0, 2, 1, 3], 2.0),
        ([1, 2, 3, 0], 0.0),  # each one place off: none in place
        ([3, 2, 1, 0], 0.0),
        ([0, 1, 3, 2], 2.0),
    ],
)
def test_ordering_counts_the_steps_in_their_place(answer: list[int], score: float) -> None:
    assert grade(ordering(4, points=4), answer) == Grade(score, 4)


def test_ordering_without_partial_credit_is_all_or_nothing() -> None:
    q = ordering(3, partial_credit=False)
    assert grade(q, [0, 1, 2]) == Grade(1, 1)
    assert grade(q, [0, 2, 1]) == Grade(0, 1)


def test_ordering_thirds_are_rounded() -> None:
    assert grade(ordering(3), [0, 2, 1]) == Grade(0.33, 1)


@pytest.mark.parametrize("answer", [[0, 1], [0, 1, 1], [0, 1, 2, 3], [1, 2, 3]])
def test_ordering_answers_that_are_not_each_step_once_are_refused(answer: list[int]) -> None:
    with pytest.raises(AnswerError):
        grade(ordering(3), answer)


# ---------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("answer", "score"),
    [
        ([0, 1, 2], 3.0),
        ([0, 2, 1], 1.0),  # one of three pairs right
        ([3, 3, 3], 0.0),  # the distractor, three times
        ([0, 0, 0], 1.0),  # the same match for every item: right once
        ([-1, 1, 2], 2.0),  # none chosen for the first: wrong
    ],
)
def test_matching_counts_the_right_pairs(answer: list[int], score: float) -> None:
    assert grade(matching(3, distractors=1, points=3), answer) == Grade(score, 3)


def test_matching_without_partial_credit_is_all_or_nothing() -> None:
    q = matching(2, partial_credit=False, points=5)
    assert grade(q, [0, 1]) == Grade(5, 5)
    assert grade(q, [0, 0]) == Grade(0, 5)


@pytest.mark.parametrize("answer", [[0, 1], [0, 1, 2, 3], [0, 1, 4], [0, 1, -2]])
def test_matching_answers_the_runtime_cannot_send_are_refused(answer: list[int]) -> None:
    with pytest.raises(AnswerError):
        grade(matching(3, distractors=1), answer)


# --------------------------------------------------------------- role-play


@pytest.mark.parametrize(
    ("answer", "score"),
    [
        ([0, 0], 4.0),  # the best path: 2 + 2
        ([0, 1], 3.0),  # 2 + 1 of 4
        ([2], 3.0),  # straight to the good ending, for 3 of 4
        ([1], 0.0),
    ],
)
def test_roleplay_scores_the_path_out_of_the_best_path(answer: list[int], score: float) -> None:
    q = roleplay()
    assert question_max(q) == 4
    assert grade(q, answer) == Grade(score, 4)


def test_roleplay_shares_are_rounded() -> None:
    q = roleplay((1, 0, 2, 0, 0))  # best 3
    assert fraction(q, [0, 1]) == 1 / 3
    assert grade(q, [0, 1]) == Grade(1.0, 3)  # (1 / 3) * 3 is 1 again
    q = roleplay((7, 0, 18, 0, 0))  # best 25
    assert fraction(q, [0, 1]) * 25 != 7  # (7 / 25) * 25 is 6.999...
    assert grade(q, [0, 1]) == Grade(7.0, 25)


def test_roleplay_with_nothing_to_earn_is_right_on_any_path() -> None:
    q = roleplay((0, 0, 0, 0, 0))
    assert fraction(q, [1]) == 1.0
    assert grade(q, [1]) == Grade(0, 0)


@pytest.mark.parametrize("answer", [[], [0], [1, 0], [3], [0, 2]])
def test_roleplay_answers_that_do_not_end_at_an_ending_are_refused(answer: list[int]) -> None:
    with pytest.raises(AnswerError):
        grade(roleplay(), answer)


# -------------------------------------------------------------- whole quiz


def test_quiz_score_adds_the_unrounded_shares_and_rounds_once() -> None:
    thirds = choice("multiple", [True, True, True])
    q = quiz([thirds, thirds, thirds])
    # Each question reports 0.33, but the quiz reports 1 / 3 * 3 = 1, not 0.99.
    assert grade_quiz(q, {"q0": [0], "q1": [1], "q2": [2]}, 33) == QuizGrade(1.0, 3, True)
    assert grade_quiz(q, {"q0": [0], "q1": [1], "q2": [2]}, 34) == QuizGrade(1.0, 3, False)


def test_quiz_pass_compares_the_rounded_score_with_the_mark() -> None:
    q = quiz([choice("multiple", [True, True, True])])
    # 2 / 3 rounds to 0.67, which is 67 %: a pass at 67, though 2 / 3 is below it.
    assert grade_quiz(q, {"q0": [0, 1]}, 67) == QuizGrade(0.67, 1, True)
    assert grade_quiz(q, {"q0": [0, 1]}, 68) == QuizGrade(0.67, 1, False)


def test_quiz_of_every_type() -> None:
    q = quiz(
        [
            choice("single", [False, True], points=2),
            choice("multiple", [True, True, False, False], points=2),
            ordering(4, points=4),
            matching(3, distractors=1, points=3),
            roleplay(),
        ]
    )
    answers = {"q0": [1], "q1": [0, 1, 2], "q2": [1, 0, 2, 3], "q3": [0, 2, 1], "q4": [0, 1]}
    # 2 + 1 + 2 + 1 + 3 = 9 of 2 + 2 + 4 + 3 + 4 = 15, 60 %.
    assert grade_quiz(q, answers, 60) == QuizGrade(9.0, 15, True)
    assert grade_quiz(q, answers, 61) == QuizGrade(9.0, 15, False)
    assert grade_quiz(q, answers, 0) == QuizGrade(9.0, 15, True)
    perfect = {"q0": [1], "q1": [1, 0], "q2": [0, 1, 2, 3], "q3": [0, 1, 2], "q4": [0, 0]}
    assert grade_quiz(q, perfect, 100) == QuizGrade(15.0, 15, True)


def test_quiz_of_role_plays_with_nothing_to_earn_passes() -> None:
    # The runtime's 0 * 100 >= 100 * 0.
    assert grade_quiz(quiz([roleplay((0, 0, 0, 0, 0))]), {"q0": [1]}, 100) == QuizGrade(0.0, 0, True)


def test_a_drawn_quiz_counts_only_the_questions_asked() -> None:
    q = quiz([choice("single", [True, False], points=p) for p in (1, 2, 3)], draw=2)
    assert grade_quiz(q, {"q0": [0], "q2": [1]}, 25) == QuizGrade(1.0, 4, True)
    assert grade_quiz(q, {"q0": [0], "q2": [1]}, 26) == QuizGrade(1.0, 4, False)
    with pytest.raises(AnswerError, match="asks 2 questions, but 3 were answered"):
        grade_quiz(q, {"q0": [0], "q1": [0], "q2": [0]}, 50)


def test_a_draw_larger_than_the_pool_asks_every_question() -> None:
    q = quiz([choice("single", [True, False]), choice("single", [True, False])], draw=5)
    assert grade_quiz(q, {"q0": [0], "q1": [1]}, 50) == QuizGrade(1.0, 2, True)


def test_quiz_answers_must_name_its_questions() -> None:
    q = quiz([choice("single", [True, False])])
    with pytest.raises(AnswerError, match="no question 'nope'"):
        grade_quiz(q, {"nope": [0]}, 50)
    with pytest.raises(AnswerError, match="asks 1 question, but 0"):
        grade_quiz(q, {}, 50)
