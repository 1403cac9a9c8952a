"""Walk the whole bundled course in Chromium, as a learner would.

Every lesson opens; every quiz passes with the right answers and fails with
wrong ones; every ending of every role-play can be reached. Answers come from
the YAML, and elements are found by the text, role and label a learner sees.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Locator, Page, expect

from generator.model.load import load_course
from generator.model.models import Matching, MultipleChoice, Ordering, Question, Quiz, RolePlay, SingleChoice
from generator.pages.urls import page_url

from .bundled import ROOT, bundled, plain
from .test_quiz_runtime import arrange, check, focused_text, say, summary, wait_ready

__all__ = ["bundled"]

BUNDLE = load_course(ROOT)
PAGES = BUNDLE.outline
QUIZZES = list(BUNDLE.quizzes)
LESSONS = list(BUNDLE.lessons)


def url(base: str, item_id: str) -> str:
    return base + page_url(PAGES[item_id].src, directory_urls=True)


def open_quiz(page: Page, base: str, quiz_id: str) -> None:
    page.goto(url(base, quiz_id))
    wait_ready(page)


def locate(page: Page, q: Question) -> Locator:
    if isinstance(q, RolePlay):
        return page.get_by_text(plain(q.prompt), exact=True).locator("xpath=../..")
    found = page.get_by_role("group", name=plain(q.prompt)).locator("xpath=..")
    # Two questions may ask the same thing ("What do you say?"): a reader tells them apart by the
    # situation each describes.
    return found.filter(has_text=" ".join(plain(q.scenario).split()[:6])) if q.scenario else found


def paths(q: RolePlay) -> Iterator[tuple[list[str], str, int]]:
    """Every path through a role-play: the choices' texts, the ending reached, the points."""
    steps = {s.id: s for s in q.steps}

    def walk(step_id: str, said: list[str], points: int) -> Iterator[tuple[list[str], str, int]]:
        for choice in steps[step_id].choices:
            here = [*said, plain(choice.text)]
            if choice.next in steps:
                yield from walk(choice.next, here, points + choice.points)
            else:
                yield here, choice.next, points + choice.points

    yield from walk(q.start, [], 0)


def answer(page: Page, q: Question, *, right: bool) -> None:
    box = locate(page, q)
    if isinstance(q, (SingleChoice, MultipleChoice)):
        chosen = [o for o in q.options if o.correct == right]
        for option in chosen if right or isinstance(q, MultipleChoice) else chosen[:1]:
            box.get_by_label(plain(option.text), exact=True).check()
    elif isinstance(q, Ordering):
        items = [plain(i.text) for i in q.items]
        arrange(box, items if right else items[::-1])
    elif isinstance(q, Matching):
        rights = [p.right for p in q.pairs]
        given = rights if right else rights[1:] + rights[:1]
        for pair, match in zip(q.pairs, given, strict=True):
            box.get_by_label(pair.left, exact=True).select_option(label=match)
    else:
        best = sorted(paths(q), key=lambda p: p[2], reverse=right)[0]
        for text in best[0]:
            say(box, text)
        return
    result = check(box)
    assert result.startswith("Correct" if right else ("Incorrect", "Partly correct")), result


def asked(page: Page, quiz: Quiz) -> list[Question]:
    """The questions of this attempt: all of them, or the ones drawn from the pool."""
    shown = [q for q in quiz.questions if locate(page, q).is_visible()]
    assert len(shown) == (quiz.draw or len(quiz.questions))
    return shown


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_every_lesson_opens(bundled: str, page: Page, lesson_id: str) -> None:
    lesson = BUNDLE.lessons[lesson_id]
    page.goto(url(bundled, lesson_id))
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
    for objective in lesson.objectives:
        expect(page.get_by_text(objective.text, exact=True)).to_be_visible()
    for section in lesson.sections:
        expect(page.get_by_role("heading", level=2, name=section.heading, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Key takeaways")).to_be_visible()


@pytest.mark.parametrize("quiz_id", QUIZZES)
def test_right_answers_pass(bundled: str, page: Page, quiz_id: str) -> None:
    quiz = BUNDLE.quizzes[quiz_id]
    open_quiz(page, bundled, quiz_id)
    for q in asked(page, quiz):
        answer(page, q, right=True)
    result = summary(page)
    assert "Your result: Passed" in result and "(100%)" in result, result


@pytest.mark.parametrize("quiz_id", QUIZZES)
def test_wrong_answers_fail(bundled: str, page: Page, quiz_id: str) -> None:
    quiz = BUNDLE.quizzes[quiz_id]
    open_quiz(page, bundled, quiz_id)
    for q in asked(page, quiz):
        answer(page, q, right=False)
    assert "Your result: Not passed yet" in summary(page)


ENDINGS = [
    pytest.param(quiz.id, q.id, ending.id, id=f"{quiz.id}-{q.id}-{ending.id}")
    for quiz in BUNDLE.quizzes.values()
    for q in quiz.questions
    if isinstance(q, RolePlay)
    for ending in q.endings
]


@pytest.mark.parametrize(("quiz_id", "question_id", "ending_id"), ENDINGS)
def test_every_roleplay_ending_can_be_reached(
    bundled: str, page: Page, quiz_id: str, question_id: str, ending_id: str
) -> None:
    quiz = BUNDLE.quizzes[quiz_id]
    q = next(q for q in quiz.questions if q.id == question_id)
    assert isinstance(q, RolePlay)
    said, _, points = next(p for p in paths(q) if p[1] == ending_id)
    ending = next(e for e in q.endings if e.id == ending_id)
    open_quiz(page, bundled, quiz_id)
    for _ in range(30):  # a quiz that draws from a pool may leave the role-play out
        if locate(page, q).is_visible():
            break
        page.evaluate("localStorage.clear()")
        page.reload()
        wait_ready(page)
    box = locate(page, q)
    for text in said:
        say(box, text)
    result = focused_text(page)
    assert result.startswith(f"{ending.title} — "), result
    # `scoring: ending` scores the ending reached; `path`, the points of the choices made.
    scored = ending.score if q.scoring == "ending" else points
    assert f"Score: {scored} of " in result


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_home_and_lesson_pages(bundled: str, make_context: Callable[..., BrowserContext], scheme: str) -> None:
    page = make_context(color_scheme=scheme).new_page()
    axe = Axe()
    for path in ["", page_url(PAGES[LESSONS[0]].src, directory_urls=True)]:
        page.goto(bundled + path)
        violations = axe.run(page).response["violations"]
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_bundled_course_is_what_the_brief_asks_for() -> None:
    course = BUNDLE.course
    assert [m.title for m in course.modules] == [
        "The We relationship",
        "Partnership attitudes",
        "The p-word critique",
        "Connection",
    ]
    assert len(BUNDLE.lessons) >= 11 and course.capstone is not None and course.final_assessment
    for module in [*course.modules, course.capstone]:
        assert module.quiz
        quiz = BUNDLE.quizzes[module.quiz]
        roleplays = [q for q in quiz.questions if isinstance(q, RolePlay)]
        assert roleplays and max(len(q.endings) for q in roleplays) >= 3
        if module is not course.capstone:
            assert len(quiz.questions) >= 6
            assert len({q.type for q in quiz.questions}) >= 3
            scenario = [q for q in quiz.questions if q.scenario]
            assert len(scenario) * 3 >= len(quiz.questions) * 2, "at most a third plain recall"
    final = BUNDLE.quizzes[course.final_assessment]
    assert (final.draw or len(final.questions)) >= 15 and final.pass_mark
    for lesson in BUNDLE.lessons.values():
        assert 2 <= len(lesson.objectives) <= 4 and lesson.examples and lesson.exercise and lesson.reflection
        assert lesson.takeaways and lesson.sources
        words = sum(len(s.body.split()) for s in lesson.sections)
        assert 400 <= words <= 900, (lesson.id, words)


def test_no_all_of_the_above_and_answers_spread() -> None:
    positions: list[int] = []
    for quiz in BUNDLE.quizzes.values():
        for q in quiz.questions:
            if isinstance(q, SingleChoice):
                positions.append(next(i for i, o in enumerate(q.options) if o.correct))
            if isinstance(q, (SingleChoice, MultipleChoice)):
                assert not any("all of the above" in o.text.lower() for o in q.options)
    # The right answer is not always in the same place in the YAML either.
    assert len(set(positions)) >= 3 and max(positions.count(p) for p in set(positions)) <= len(positions) / 2


def test_course_text_is_in_our_own_words() -> None:
    tool = ROOT.parent / "shared" / "tools" / "seed_overlap.py"
    if not tool.exists():
        # The tool is the project's shared material, beside a checkout, not in it: a clone
        # on its own cannot run this one check, and says so instead of failing.
        pytest.skip(f"{tool} is not beside this checkout; the own-words check needs the shared tools")
    result = subprocess.run([sys.executable, str(tool), "course", "quizzes"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
