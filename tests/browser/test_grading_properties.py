"""The page reports what the learner chose, and grades it as generator/model/grading.py does.

The grading itself (assets/src/grading.js against its Python twin) is compared in Node on
thousands of cases by tests/test_runtime_grading.py, without a browser. What only a page can
show stays here, on two examples: that the answers a learner gives by clicking are the ones the
`coursegen:quiz-complete` event reports, and that the page wires its grader in.

Each Hypothesis example is a course of generated quizzes (the first holds every
question type), built and served like the fixture course. In the browser every
question asked is answered at random, by label, as a person would: radio
buttons, checkboxes, the move up and down buttons, drop-down lists and a
role-play's choices, step by step. Then the `coursegen:quiz-complete` event must
report the positions that were chosen, and for every question and for the quiz
the same score, max and pass as the reference grader gives for them.

The test goes through the public path only (YAML in, page out, event read), so
it holds whatever the blob's encoding becomes. Every answer is drawn before the
page is touched, and the page's Math.random is seeded from the example, so a
failure replays exactly (the runtime shuffles and draws questions at random).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from playwright.sync_api import BrowserContext, Locator, Page

from generator.model.grading import AnyQuestion, grade, grade_quiz
from generator.model.load import load_course
from generator.model.models import Matching, MultipleChoice, Ordering, Quiz, SingleChoice

from .conftest import Site
from .generated_course import (
    choice_label,
    course,
    left_label,
    option_label,
    prompt,
    right_label,
    step_label,
    write_course,
)

RECORD_EVENTS = (
    "window.__events = [];document.addEventListener('coursegen:quiz-complete', e => window.__events.push(e.detail));"
)


# Math.random seeded per example (mulberry32): the runtime's shuffles and draws
# are then part of the example, so that Hypothesis can replay a failure exactly.
SEEDED_RANDOM = """(() => { let a = %d >>> 0; Math.random = () => {
  a = (a + 0x6D2B79F5) >>> 0; let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296 } })();"""


@dataclass(frozen=True)
class Plan:
    """One question's answer, drawn before the page is touched (draws must not depend on the page)."""

    answer: list[int]  # authored positions, as the event reports them (a multiple choice sorted)
    ups: list[bool]  # ordering: for each swap, the item's Move up (True) or the one above's Move down


def plan(q: AnyQuestion, data: st.DataObject) -> Plan:
    """A random answer, or the right one often enough that full marks are graded too."""
    right = data.draw(st.integers(0, 2), label=f"{q.id}: aim right (0)") == 0
    if isinstance(q, (SingleChoice, MultipleChoice)):
        everything = range(len(q.options))
        if right:
            answer = [k for k in everything if q.options[k].correct]
        elif isinstance(q, SingleChoice):
            answer = [data.draw(st.sampled_from(everything), label=f"{q.id}: option")]
        else:
            answer = sorted(data.draw(st.sets(st.sampled_from(everything), min_size=1), label=f"{q.id}: options"))
    elif isinstance(q, Ordering):
        n = len(q.items)
        answer = list(range(n)) if right else data.draw(st.permutations(range(n)), label=f"{q.id}: order")
        ups = data.draw(st.lists(st.booleans(), min_size=n * n, max_size=n * n), label=f"{q.id}: up or down")
        return Plan(answer, ups)
    elif isinstance(q, Matching):
        n, rights = len(q.pairs), len(q.pairs) + len(q.distractors)
        pick = st.integers(0, rights - 1)
        answer = list(range(n)) if right else [data.draw(pick, label=f"{q.id}: match {k + 1}") for k in range(n)]
    else:
        steps = {step.id: step for step in q.steps}

        @cache
        def best(node: str) -> int:  # the most points still to earn from here
            return max((c.points + best(c.next) for c in steps[node].choices), default=0) if node in steps else 0

        answer, at = [], q.start
        while at in steps:
            choices = steps[at].choices
            if right:
                c = max(range(len(choices)), key=lambda c: choices[c].points + best(choices[c].next))
            else:
                c = data.draw(st.integers(0, len(choices) - 1), label=f"{q.id}: choice at {at}")
            answer.append(c)
            at = choices[c].next
    return Plan(answer, [])


def check(box: Locator) -> None:
    box.get_by_role("button", name="Check answer").click()


def order_shown(box: Locator) -> list[str]:
    return [text.split("\n")[0].strip() for text in box.get_by_role("listitem").all_inner_texts()]


def arrange(box: Locator, target: list[int], ups: list[bool]) -> None:
    """Bring the steps into the target order with the move buttons, one swap at a time."""
    shown, swaps = order_shown(box), iter(ups)  # at most n(n-1)/2 swaps
    for k, step in enumerate(target):
        while (at := shown.index(step_label(step))) > k:
            if next(swaps):
                box.get_by_role("button", name="Move up").nth(at).click()
            else:
                box.get_by_role("button", name="Move down").nth(at - 1).click()
            shown[at - 1], shown[at] = shown[at], shown[at - 1]
    assert order_shown(box) == [step_label(step) for step in target]


def give(box: Locator, q: AnyQuestion, chosen: Plan) -> None:
    """Answer in the page as a person would: by the labels they read."""
    event(f"question type: {q.type}")
    if isinstance(q, (SingleChoice, MultipleChoice)):
        for k in chosen.answer:
            box.get_by_label(option_label(k), exact=True).check()
    elif isinstance(q, Ordering):
        arrange(box, chosen.answer, chosen.ups)
    elif isinstance(q, Matching):
        for k, match in enumerate(chosen.answer):
            box.get_by_label(left_label(k), exact=True).select_option(label=right_label(match, len(q.pairs)))
    else:
        steps = {step.id: (k, step) for k, step in enumerate(q.steps)}
        at = q.start
        for c in chosen.answer:
            k, step = steps[at]
            box.get_by_role("group", name="Your response").get_by_label(choice_label(k, c), exact=True).check()
            box.get_by_role("button", name="Choose").click()
            at = step.choices[c].next
        return  # the last choice ends the conversation and grades it
    check(box)


def take_quiz(page: Page, quiz: Quiz, data: st.DataObject) -> dict[str, list[int]]:
    """Answer every question asked; return what was chosen, by question id, in authored positions."""
    plans = {q.id: plan(q, data) for q in quiz.questions}
    page.wait_for_function("performance.getEntriesByName('coursegen:quiz-ready').length >= 1")
    chosen: dict[str, list[int]] = {}
    for q in quiz.questions:
        box = page.locator(".cg-q").filter(has_text=prompt(q.id))
        if box.is_visible():  # with `draw`, only the questions drawn for this attempt are shown
            give(box, q, plans[q.id])
            chosen[q.id] = plans[q.id].answer
    return chosen


def assert_graded_alike(quiz: Quiz, pass_mark: int, chosen: dict[str, list[int]], detail: dict[str, Any]) -> None:
    asked = [q for q in quiz.questions if q.id in chosen]
    assert detail["quizId"] == quiz.id
    assert [a["id"] for a in detail["answers"]] == [q.id for q in asked]
    for a, q in zip(detail["answers"], asked, strict=True):
        assert a["type"] == q.type
        # A multiple choice is reported in the order its options were shown.
        assert (sorted(a["answer"]) if q.type == "multiple" else a["answer"]) == chosen[q.id], q.id
        assert (a["score"], a["max"]) == grade(q, a["answer"]), q.id
    expected = grade_quiz(quiz, {a["id"]: a["answer"] for a in detail["answers"]}, pass_mark)
    assert (detail["score"], detail["max"], detail["passed"]) == expected
    event(f"quiz {'passed' if expected.passed else 'failed'}")
    event(f"quiz {'full marks' if expected.score == expected.max else 'not full marks'}")


# Each example builds a course (half a second) and answers its three quizzes by
# clicking (a few seconds). Two examples: every question type and a drawn quiz
# most times; the many cases are the Node test's. No shrinking: each step would
# rebuild; a failure prints every draw.
@settings(
    max_examples=2,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=course(quizzes=3), data=st.data())
def test_the_runtime_grades_as_the_reference_grader(
    site: Site,
    make_context: Callable[..., BrowserContext],
    tmp_path_factory: pytest.TempPathFactory,
    spec: dict[str, Any],
    data: st.DataObject,
) -> None:
    root = tmp_path_factory.mktemp("generated") / "course"
    paths = write_course(root, spec)
    bundle = load_course(root)
    # A fresh context for each example: no attempt saved by an earlier one is restored.
    context = make_context()
    context.add_init_script(SEEDED_RANDOM % data.draw(st.integers(0, 2**32 - 1), label="Math.random seed"))
    context.add_init_script(RECORD_EVENTS)
    page = context.new_page()
    with site.serving(site.build(root)):
        for path, quiz_spec in zip(paths, spec["quizzes"], strict=True):
            quiz = bundle.quizzes[quiz_spec["id"]]
            pass_mark = quiz.pass_mark if quiz.pass_mark is not None else bundle.course.pass_mark
            page.goto(site.url + path)
            chosen = take_quiz(page, quiz, data)
            page.wait_for_function("window.__events.length > 0")
            events = page.evaluate("window.__events")
            assert len(events) == 1
            assert_graded_alike(quiz, pass_mark, chosen, events[0])
    context.close()
