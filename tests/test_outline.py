"""The outline (model/outline.py): the one walk of a course that every page, report and tool uses."""

from __future__ import annotations

from typing import Any

from generator.model.models import Course, Lesson, Quiz
from generator.model.outline import QuestionRef, build_outline


def _lesson(lesson_id: str, objective: str, quiz: str | None = None) -> Lesson:
    data: dict[str, Any] = {
        "id": lesson_id,
        "title": f"Lesson {lesson_id}",
        "minutes": 5,
        "objectives": [{"id": objective, "text": "Do it"}],
        "sections": [{"heading": "H", "body": "B"}],
    }
    if quiz:
        data["quiz"] = quiz
    return Lesson.model_validate(data)


def _quiz(quiz_id: str, objectives: list[str], pass_mark: int | None = None) -> Quiz:
    options = [{"text": "a", "correct": True, "feedback": "f"}, {"text": "b", "feedback": "f"}]
    questions = [
        {"id": f"q{n}", "type": "single", "prompt": "P", "objectives": [o], "options": options}
        for n, o in enumerate(objectives, 1)
    ]
    data: dict[str, Any] = {"id": quiz_id, "title": f"Quiz {quiz_id}", "questions": questions}
    if pass_mark is not None:
        data["pass_mark"] = pass_mark
    return Quiz.model_validate(data)


COURSE = Course.model_validate(
    {
        "id": "c",
        "title": "C",
        "version": "1.0",
        "description": "D",
        "audience": "A",
        "pass_mark": 75,
        "modules": [{"id": "m1", "title": "M1", "lessons": ["l1", "l2"], "quiz": "mq"}],
        "capstone": {"id": "cap", "title": "Cap", "lessons": ["l3"]},
        "final_assessment": "fin",
    }
)
LESSONS = {"l1": _lesson("l1", "o1", quiz="chk"), "l2": _lesson("l2", "o2"), "l3": _lesson("l3", "o3")}
QUIZZES = {
    "chk": _quiz("chk", ["o1"]),
    "mq": _quiz("mq", ["o2", "o1"], pass_mark=50),
    "fin": _quiz("fin", ["o3", "o1"]),
}
OUTLINE = build_outline(COURSE, LESSONS, QUIZZES)


def test_items_come_in_the_order_the_learner_meets_them_capstone_included() -> None:
    assert [(i.id, i.kind, i.module.id if i.module else None) for i in OUTLINE.items] == [
        ("l1", "lesson", "m1"),
        ("chk", "lesson_check", "m1"),
        ("l2", "lesson", "m1"),
        ("mq", "module_quiz", "m1"),
        ("l3", "lesson", "cap"),
        ("fin", "final_assessment", None),
    ]
    assert [m.id for m in OUTLINE.modules] == ["m1", "cap"]
    assert OUTLINE.final is OUTLINE["fin"]


def test_each_item_knows_its_page_and_its_pass_mark() -> None:
    assert (OUTLINE["l1"].src, OUTLINE["l1"].anchor, OUTLINE["l1"].pass_mark) == ("m1/l1.md", "", None)
    # A lesson check is shown on its lesson's page.
    assert (OUTLINE["chk"].src, OUTLINE["chk"].anchor) == ("m1/l1.md", "cg-chk")
    assert OUTLINE["chk"].lesson is LESSONS["l1"]
    assert OUTLINE["mq"].src == "m1/mq.md"
    assert OUTLINE["fin"].src == "fin.md"
    # The quiz's own pass mark, else the course's.
    assert [OUTLINE.pass_mark(q) for q in ("chk", "mq", "fin")] == [75, 50, 75]
    assert [i.id for i in OUTLINE.quizzes()] == ["chk", "mq", "fin"]
    assert [i.id for i in OUTLINE.lessons()] == ["l1", "l2", "l3"]


def test_objectives_map_to_their_lesson_and_the_questions_that_assess_them() -> None:
    assert OUTLINE.objective_lesson == {"o1": "l1", "o2": "l2", "o3": "l3"}
    assert OUTLINE.objective_questions["o1"] == (
        QuestionRef("chk", "q1"),
        QuestionRef("mq", "q2"),
        QuestionRef("fin", "q2"),
    )
    assert OUTLINE.objective_questions["o3"] == (QuestionRef("fin", "q1"),)
