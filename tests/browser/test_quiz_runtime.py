"""The quiz runtime in Chromium, against the fixture course built and served on 127.0.0.1 under a sub-path.

Every test runs with the `watch` guard: any console error, page error or request
off the machine fails it.
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Locator, Page, expect

from generator.model.load import load_course
from generator.model.models import Matching, MultipleChoice, Ordering, RolePlay, SingleChoice
from generator.pages.markdown import MarkdownRenderer
from generator.pages.quiz_html import content_hash
from generator.pages.strings import QUIZ

from .conftest import FIXTURE, SCREENSHOTS, Site, Watch

ALPHA, BETA, FINAL = "first/alpha-quiz/", "second/beta-quiz/", "final-check/"
OPENER_RIGHT = "Greet Dana by name and ask how the quarter went"
OPENER_WRONG = "Start with the renewal price"
SIGNALS = ["Asking a follow-up question", "Summarising what she said", "Taking notes she can see"]
SIGNALS_WRONG = ["Starting the demo early", "Checking your phone"]
STAGES = ["Agree the agenda", "Ask about the situation", "Explore the impact", "Agree a next step"]
PAIRS = {
    "Curiosity": "Asks why before proposing",
    "Reliability": "Sends the summary when promised",
    "Candour": "Says what the product cannot do",
}
BEST_PATH = [
    "Ask what happened and what it cost her.",
    "Apologise and propose a weekly delivery check.",
    "Book the first check for Monday at nine.",
]
ALPHA_MAX = 1 + 3 + 4 + 3 + 6
RECORD_EVENTS = (
    "window.__events = [];document.addEventListener('coursegen:quiz-complete', e => window.__events.push(e.detail));"
)


# ------------------------------------------------------------------ helpers


def open_quiz(page: Page, site: Site, path: str, ready: int = 1) -> None:
    page.goto(site.url + path)
    wait_ready(page, ready)


def wait_ready(page: Page, count: int = 1) -> None:
    page.wait_for_function(f"performance.getEntriesByName('coursegen:quiz-ready').length >= {count}")


def question(page: Page, prompt: str) -> Locator:
    """The question holding the group named `prompt` (its fieldset's legend)."""
    return page.get_by_role("group", name=prompt).locator("xpath=..")


def roleplay(page: Page) -> Locator:
    return page.get_by_text("Lead the conversation.").locator("xpath=../..")


def focused_text(page: Page) -> str:
    return str(page.evaluate("document.activeElement.innerText"))


def check(q: Locator) -> str:
    """Press Check answer; return the text of the element that receives focus (the result)."""
    q.get_by_role("button", name="Check answer").click()
    text = focused_text(q.page)
    assert q.evaluate("(el) => el.contains(document.activeElement)"), "focus must move to the result"
    return text


def item_order(q: Locator) -> list[str]:
    return [t.split("\n")[0].strip() for t in q.get_by_role("listitem").all_inner_texts()]


def arrange(q: Locator, order: list[str]) -> None:
    for k, text in enumerate(order):
        while (pos := item_order(q).index(text)) > k:
            q.get_by_role("button", name="Move up").nth(pos).click()
    assert item_order(q) == order


def say(q: Locator, text: str) -> None:
    q.get_by_label(text).check()
    q.get_by_role("button", name="Choose").click()


def shot(locator: Locator, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Material's sticky header would cover part of a tall element.
    locator.screenshot(path=str(SCREENSHOTS / f"{name}.png"), style=".md-header { visibility: hidden }")


def summary(page: Page) -> str:
    return page.get_by_role("heading", name=re.compile("^Your result")).locator("xpath=..").inner_text()


def events(page: Page) -> list[dict[str, Any]]:
    return list(page.evaluate("window.__events"))


def answer_alpha(
    page: Page, *, opener: str, signals: list[str], stages: list[str], pairs: dict[str, str], path: list[str]
) -> None:
    q = question(page, "How do you open the call?")
    q.get_by_label(opener).check()
    check(q)
    q = question(page, "Which of these show that you are listening?")
    for label in signals:
        q.get_by_label(label).check()
    check(q)
    q = question(page, "Put the stages of a discovery call in order.")
    arrange(q, stages)
    check(q)
    q = question(page, "Match each attitude with the behaviour that shows it.")
    for left, right in pairs.items():
        q.get_by_label(left).select_option(label=right)
    check(q)
    rp = roleplay(page)
    for text in path:
        say(rp, text)


def answer_alpha_right(page: Page) -> None:
    answer_alpha(page, opener=OPENER_RIGHT, signals=SIGNALS, stages=STAGES, pairs=PAIRS, path=BEST_PATH)


def storage_keys(page: Page) -> list[str]:
    return sorted(k for k in page.evaluate("Object.keys(localStorage)") if k.startswith("coursegen:"))


def alpha_key() -> str:
    quiz = load_course(FIXTURE).quizzes["alpha-quiz"]
    return f"coursegen:quizcourse:alpha-quiz:{content_hash(quiz)}"


# -------------------------------------------------------------------- tests


def test_page_source_and_dom_do_not_reveal_the_key(site: Site, page: Page) -> None:
    bundle = load_course(FIXTURE)
    md = MarkdownRenderer()
    secrets: list[str] = []
    for quiz in bundle.quizzes.values():
        for q in quiz.questions:
            secrets += [q.explanation] if q.explanation else []
            if isinstance(q, (SingleChoice, MultipleChoice)):
                secrets += [o.feedback for o in q.options]
            elif isinstance(q, (Ordering, Matching)):
                items = q.items if isinstance(q, Ordering) else q.pairs
                secrets += [i.feedback for i in items if i.feedback]
            elif isinstance(q, RolePlay):
                secrets += [c.feedback for s in q.steps for c in s.choices] + [e.text for e in q.endings]
                secrets += [e.title for e in q.endings]
    assert len(secrets) > 30
    for path in (ALPHA, BETA, FINAL):
        with urllib.request.urlopen(site.url + path) as response:
            source = response.read().decode("utf-8")
        assert 'class="cg-quiz"' in source and "data-key=" in source
        open_quiz(page, site, path)
        dom = page.content()
        for text in (source, dom):
            lowered = text.lower()
            assert "data-correct" not in lowered
            assert not re.search(r"""["']?correct["']?\s*:\s*true""", lowered)
            for secret in secrets:
                assert secret not in text and md.inline(secret) not in text, secret
        # What is not a secret is there: the prompt, options, and the first step of the role-play.
        if path == ALPHA:
            assert OPENER_RIGHT in source
            assert "the last two deliveries were late" in dom


def test_single_choice_right(site: Site, page: Page) -> None:
    open_quiz(page, site, ALPHA)
    q = question(page, "How do you open the call?")
    labels = q.get_by_role("radio")
    expect(labels).to_have_count(4)
    # The pinned option stays last; raw HTML in an option is shown as text.
    assert q.get_by_label("None of these").evaluate("(el) => !el.parentElement.nextElementSibling")
    expect(q.get_by_label("Say \u201c<b>hello</b>\u201d & ask who is calling", exact=True)).to_be_visible()
    q.get_by_label(OPENER_RIGHT).check()
    result = check(q)
    assert result.startswith("Correct — Score: 1 of 1"), result
    assert "Naming her and asking an open question shows attention." in result
    assert "A named greeting followed by an open question" in result  # the explanation
    assert "Price first" not in result  # feedback only for what was chosen
    review = q.get_by_role("link", name="Review: Opening calls")
    assert review.evaluate("(a) => a.href") == site.url + "first/opening-calls/"
    expect(q.get_by_text("Your answer: Correct")).to_be_visible()
    expect(q.get_by_label(OPENER_RIGHT)).to_be_disabled()
    shot(q, "single-right")


def test_single_choice_wrong(site: Site, page: Page) -> None:
    open_quiz(page, site, ALPHA)
    q = question(page, "How do you open the call?")
    q.get_by_label(OPENER_WRONG).check()
    result = check(q)
    assert result.startswith("Incorrect — Score: 0 of 1"), result
    assert "Price first makes the call a transaction." in result
    assert f"Right answer: {OPENER_RIGHT}" in result
    expect(q.get_by_text("Your answer: Incorrect")).to_be_visible()
    expect(q.get_by_text("Right answer", exact=True)).to_be_visible()
    shot(q, "single-wrong")


def test_check_without_an_answer_asks_for_one(site: Site, page: Page) -> None:
    open_quiz(page, site, ALPHA)
    q = question(page, "How do you open the call?")
    q.get_by_role("button", name="Check answer").click()
    expect(page.get_by_role("status")).to_have_text("Choose an answer first.")
    expect(q.get_by_text("Score:")).to_have_count(0)
    q = question(page, "Match each attitude with the behaviour that shows it.")
    q.get_by_label("Curiosity").select_option(label=PAIRS["Curiosity"])
    q.get_by_role("button", name="Check answer").click()
    expect(page.get_by_role("status")).to_have_text("Choose a match for every item first.")


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        # The scores of every answer are tests/test_runtime_grading.py's; here, how the page shows them.
        (SIGNALS[:2], "Partly correct — Score: 2 of 3"),
        ([SIGNALS[0], *SIGNALS_WRONG], "Incorrect — Score: 0 of 3"),
    ],
)
def test_multiple_choice_partial_credit(site: Site, page: Page, chosen: list[str], expected: str) -> None:
    open_quiz(page, site, ALPHA)
    q = question(page, "Which of these show that you are listening?")
    for label in chosen:
        q.get_by_label(label).check()
    result = check(q)
    assert result.startswith(expected), result
    if len(chosen) == 2 and chosen == SIGNALS[:2]:
        expect(q.get_by_text("Right answer, not chosen")).to_be_visible()
        assert "Right answer: Taking notes she can see" in result
        shot(q, "multiple-partial")


def test_ordering_right_and_partial(site: Site, page: Page, make_context: Callable[..., BrowserContext]) -> None:
    open_quiz(page, site, ALPHA)
    q = question(page, "Put the stages of a discovery call in order.")
    assert item_order(q) != STAGES, "the steps must start shuffled"
    arrange(q, STAGES)
    result = check(q)
    assert result.startswith("Correct — Score: 4 of 4"), result
    assert "Impact turns a problem into a priority." in result  # item feedback
    expect(q.get_by_text("In the right place")).to_have_count(4)
    expect(q.get_by_role("button", name="Move up").first).to_be_disabled()
    shot(q, "ordering-right")

    other = make_context().new_page()
    open_quiz(other, site, ALPHA)
    q = question(other, "Put the stages of a discovery call in order.")
    arrange(q, [STAGES[0], STAGES[1], STAGES[3], STAGES[2]])
    assert check(q).startswith("Partly correct — Score: 2 of 4")
    expect(q.get_by_text("Belongs at position 4")).to_be_visible()
    shot(q, "ordering-partial")


def test_ordering_move_buttons_keep_focus_and_announce(site: Site, page: Page) -> None:
    open_quiz(page, site, ALPHA)
    q = question(page, "Put the stages of a discovery call in order.")
    first = item_order(q)[0]
    down = q.get_by_role("button", name="Move down").first
    expect(down).to_have_accessible_description(first)
    described_by = down.get_attribute("aria-describedby")
    down.focus()
    page.keyboard.press("Enter")
    assert item_order(q)[1] == first
    # The pressed button moved with its step and still has focus.
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == described_by
    assert page.evaluate("document.activeElement.innerText") == "Move down"
    expect(page.get_by_role("status")).to_have_text("Position 2 of 4")


def test_matching_right_and_wrong(site: Site, page: Page, make_context: Callable[..., BrowserContext]) -> None:
    open_quiz(page, site, ALPHA)
    q = question(page, "Match each attitude with the behaviour that shows it.")
    expect(q.get_by_label("Curiosity").get_by_role("option")).to_have_count(5)  # placeholder, 3 rights, 1 distractor
    for left, right in PAIRS.items():
        q.get_by_label(left).select_option(label=right)
    result = check(q)
    assert result.startswith("Correct — Score: 3 of 3"), result
    assert "Small promises kept build large trust." in result
    shot(q, "matching-right")

    other = make_context().new_page()
    open_quiz(other, site, ALPHA)
    q = question(other, "Match each attitude with the behaviour that shows it.")
    q.get_by_label("Curiosity").select_option(label="Talks about the weather")
    q.get_by_label("Reliability").select_option(label=PAIRS["Reliability"])
    q.get_by_label("Candour").select_option(label=PAIRS["Candour"])
    assert check(q).startswith("Partly correct — Score: 2 of 3")
    expect(q.get_by_text(f"Right match: {PAIRS['Curiosity']}")).to_be_visible()
    shot(q, "matching-partial")


def test_roleplay_best_path(site: Site, page: Page) -> None:
    open_quiz(page, site, ALPHA)
    rp = roleplay(page)
    expect(rp.get_by_role("group", name="Your response")).to_have_count(1)
    for text in BEST_PATH[:-1]:
        say(rp, text)
        # One step at a time; focus moves to what the customer says next.
        assert focused_text(page).startswith("Customer:")
        expect(rp.get_by_role("group", name="Your response")).to_have_count(1)
    say(rp, BEST_PATH[-1])
    result = focused_text(page)
    assert result.startswith("Trust grows — Outcome: success — Score: 6 of 6"), result
    assert "Dana renews and mentions you to a colleague." in result
    assert "Debrief: your conversation" in result
    for feedback in (
        "Asking about the impact shows you care",
        "Ownership plus a concrete fix",
        "A dated step turns the promise",
    ):
        assert feedback in result
    assert result.count("Points:") == 3
    assert "How this was scored: the points of your choices, 6 of 6." in result
    assert "Listening first and agreeing a concrete step" in result  # explanation
    expect(rp.get_by_role("link", name="Review: Opening calls")).to_be_visible()
    expect(rp.get_by_role("link", name="Review: Closing calls")).to_be_visible()
    shot(rp, "roleplay-success")


@pytest.mark.parametrize(
    ("path", "verdict"),
    [
        (["Point out that the carrier was at fault."], "Lost the account — Outcome: failure — Score: 0 of 6"),
        (
            [*BEST_PATH[:1], "Offer a discount on the renewal."],
            "Polite stall — Outcome: partial success — Score: 3 of 6",
        ),
    ],
)
def test_roleplay_other_endings(site: Site, page: Page, path: list[str], verdict: str) -> None:
    open_quiz(page, site, ALPHA)
    rp = roleplay(page)
    for text in path:
        say(rp, text)
    assert focused_text(page).startswith(verdict)
    if len(path) == 1:
        shot(rp, "roleplay-failure")


def test_a_roleplay_scored_by_its_ending(site: Site, page: Page, course_copy: Path) -> None:
    # The same conversation scored by its endings: the ending reached is the score, out of
    # the best ending's, and the debrief says so.
    course = course_copy
    quiz = course / "quizzes" / "alpha-quiz.yaml"
    text = quiz.read_text()
    text = text.replace("    start: complaint\n", "    start: complaint\n    scoring: ending\n")
    for outcome, score in (("success", 100), ("partial", 40), ("failure", 0)):
        text = text.replace(f"        outcome: {outcome}\n", f"        outcome: {outcome}\n        score: {score}\n")
    quiz.write_text(text)
    with site.serving(site.build(course)):
        open_quiz(page, site, ALPHA)
        rp = roleplay(page)
        for choice in (BEST_PATH[0], "Offer a discount on the renewal."):
            say(rp, choice)
        result = focused_text(page)
        assert result.startswith("Polite stall — Outcome: partial success — Score: 40 of 100"), result
        assert "How this was scored: the ending you reached, 40 of 100." in result
        assert result.count("Points:") == 2, "each choice's points still guide the debrief"


def test_scoring_pass_mark_and_complete_event(
    site: Site, page: Page, make_context: Callable[..., BrowserContext]
) -> None:
    page.context.add_init_script(RECORD_EVENTS)
    open_quiz(page, site, ALPHA)
    answer_alpha_right(page)
    text = summary(page)
    assert "Your result: Passed" in text
    assert f"Score: {ALPHA_MAX} of {ALPHA_MAX} (100%)" in text and "Pass mark: 60%" in text
    expect(page.get_by_role("button", name="Retry the questions you missed")).to_have_count(0)
    (detail,) = events(page)
    assert detail["quizId"] == "alpha-quiz"
    assert (detail["score"], detail["max"], detail["passed"]) == (ALPHA_MAX, ALPHA_MAX, True)
    assert [a["id"] for a in detail["answers"]] == ["opener", "signals", "discovery", "attitudes", "renewal"]
    by_id = {a["id"]: a for a in detail["answers"]}
    assert by_id["opener"]["answer"] == [1]  # authored indices, not shuffled positions
    assert sorted(by_id["signals"]["answer"]) == [0, 1, 2]
    assert by_id["discovery"]["answer"] == [0, 1, 2, 3]
    assert by_id["attitudes"]["answer"] == [0, 1, 2]
    assert by_id["renewal"]["answer"] == [0, 0, 0] and by_id["renewal"]["max"] == 6
    shot(page.get_by_role("heading", name=re.compile("^Your result")).locator("xpath=.."), "summary-passed")

    failing = make_context().new_page()
    failing.context.add_init_script(RECORD_EVENTS)
    open_quiz(failing, site, ALPHA)
    answer_alpha(
        failing,
        opener=OPENER_WRONG,
        signals=SIGNALS_WRONG,
        stages=list(reversed(STAGES)),
        pairs=dict.fromkeys(PAIRS, "Talks about the weather"),
        path=["Point out that the carrier was at fault."],
    )
    assert "Your result: Not passed yet" in summary(failing)
    assert f"Score: 0 of {ALPHA_MAX} (0%)" in summary(failing)
    (detail,) = events(failing)
    assert (detail["score"], detail["passed"]) == (0, False)


def test_draw_quiz_scores_only_drawn_questions(site: Site, page: Page) -> None:
    # Beta: 2 points drawn, pass mark 50 %: one right answer passes.
    page.context.add_init_script(RECORD_EVENTS)
    open_quiz(page, site, BETA)
    groups = page.get_by_role("group")
    expect(groups).to_have_count(2)
    for k in range(2):
        q = groups.nth(k).locator("xpath=..")
        q.get_by_role("radio").nth(0).check()
        check(q)
    detail = events(page)[0]
    assert detail["max"] == 2
    assert detail["passed"] == (detail["score"] >= 1)


def test_retry_wrong_only_then_whole_quiz(site: Site, page: Page) -> None:
    page.context.add_init_script(RECORD_EVENTS)
    open_quiz(page, site, ALPHA)
    answer_alpha(
        page,
        opener=OPENER_RIGHT,
        signals=SIGNALS_WRONG,
        stages=STAGES,
        pairs=dict.fromkeys(PAIRS, "Talks about the weather"),
        path=BEST_PATH,
    )
    assert "Score: 11 of 17 (65%)" in summary(page)
    page.get_by_role("button", name="Retry the questions you missed").click()
    # Focus goes to the first question to redo; right answers keep their results.
    assert focused_text(page).lower() == "question 2 of 5"
    expect(page.get_by_role("heading", name=re.compile("^Your result"))).to_have_count(0)
    opener = question(page, "How do you open the call?")
    expect(opener.get_by_label(OPENER_RIGHT)).to_be_checked()
    expect(opener.get_by_label(OPENER_RIGHT)).to_be_disabled()
    expect(opener.get_by_text("Correct — Score: 1 of 1")).to_be_visible()
    signals = question(page, "Which of these show that you are listening?")
    for label in SIGNALS + SIGNALS_WRONG:
        expect(signals.get_by_label(label)).not_to_be_checked()
        expect(signals.get_by_label(label)).to_be_enabled()
    expect(signals.get_by_text("Score:")).to_have_count(0)
    for label in SIGNALS:
        signals.get_by_label(label).check()
    check(signals)
    matching = question(page, "Match each attitude with the behaviour that shows it.")
    expect(matching.get_by_label("Curiosity")).to_have_value("")
    for left, right in PAIRS.items():
        matching.get_by_label(left).select_option(label=right)
    check(matching)
    assert f"Score: {ALPHA_MAX} of {ALPHA_MAX} (100%)" in summary(page)
    assert [e["score"] for e in events(page)] == [11, ALPHA_MAX]

    page.get_by_role("button", name="Retry the whole quiz").click()
    assert focused_text(page).lower() == "question 1 of 5"
    for prompt in ("How do you open the call?", "Which of these show that you are listening?"):
        expect(question(page, prompt).get_by_text("Score:")).to_have_count(0)
    expect(opener.get_by_label(OPENER_RIGHT)).not_to_be_checked()
    expect(roleplay(page).get_by_role("group", name="Your response")).to_have_count(1)
    expect(roleplay(page).get_by_text("Score:")).to_have_count(0)


def with_foreign_buttons(course: Path) -> Path:
    """The fixture course with buttons in its questions that are not the runtime's: a trainer's own
    (allow_html) in the first question's scenario, and Material's copy button on a code block in the
    second's."""
    (course / "course" / "course.yaml").write_text(
        (course / "course" / "course.yaml").read_text() + "allow_html: true\n"
    )
    quiz = course / "quizzes" / "alpha-quiz.yaml"
    text = quiz.read_text()
    opener = "    scenario: Dana Price from **Harbour Freight** rings about her renewal.\n"
    signals = "    type: multiple\n    objectives: [listen-first]\n"
    assert opener in text and signals in text
    text = text.replace(
        opener,
        "    scenario: |\n"
        "      Dana Price from **Harbour Freight** rings about her renewal.\n"
        '      <button type="button" onclick="this.textContent = \'Her email is open\'">Show her last email</button>\n',
    )
    text = text.replace(
        signals,
        signals + "    scenario: |\n      Your notes:\n\n      ```text\n      asked about the quarter\n      ```\n",
    )
    quiz.write_text(text)
    config = course / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "    - navigation.sections\n", "    - navigation.sections\n    - content.code.copy\n"
        )
    )
    return course


def test_other_buttons_in_a_quiz_leave_answers_alone(
    site: Site, make_context: Callable[..., BrowserContext], course_copy: Path
) -> None:
    built = site.build(with_foreign_buttons(course_copy))
    # Material's copy button writes to the clipboard.
    page = make_context(permissions=["clipboard-read", "clipboard-write"]).new_page()
    with site.serving(built):
        open_quiz(page, site, ALPHA)
        opener = question(page, "How do you open the call?")
        signals = question(page, "Which of these show that you are listening?")
        trainers = opener.get_by_role("button", name="Show her last email")
        copy = signals.get_by_role("button", name="Copy to clipboard")

        def still_answered(*, both: bool) -> None:
            expect(opener.get_by_text("Incorrect — Score: 0 of 1")).to_be_visible()
            expect(opener.get_by_label(OPENER_WRONG)).to_be_checked()
            expect(opener.get_by_label(OPENER_WRONG)).to_be_disabled()
            expect(opener.get_by_text("Price first makes the call a transaction.")).to_be_visible()
            if both:
                expect(signals.get_by_text("Incorrect — Score: 0 of 3")).to_be_visible()
                for label in SIGNALS_WRONG:
                    expect(signals.get_by_label(label)).to_be_checked()

        opener.get_by_label(OPENER_WRONG).check()
        assert check(opener).startswith("Incorrect")
        # A button in a question not answered yet: no retry of the missed ones.
        copy.click()
        still_answered(both=False)

        for label in SIGNALS_WRONG:
            signals.get_by_label(label).check()
        assert check(signals).startswith("Incorrect")
        # A button in an answered question: answering disabled the question's own controls only.
        expect(trainers).to_be_enabled()
        trainers.click()
        expect(opener.get_by_role("button", name="Her email is open")).to_be_visible()
        expect(copy).to_be_enabled()
        copy.click()

        still_answered(both=True)
        page.reload()
        wait_ready(page)
        still_answered(both=True)


def test_shuffle_per_attempt_keeps_pinned_option(site: Site, make_context: Callable[..., BrowserContext]) -> None:
    with urllib.request.urlopen(site.url + FINAL) as response:
        source = response.read().decode("utf-8")
    served = re.findall(r"Option [a-z]+|None of the above", source)
    orders = set()
    for _ in range(4):
        page = make_context().new_page()
        open_quiz(page, site, FINAL)
        q = question(page, "Which opening uses the customer")
        labels = [
            t.strip() for t in q.get_by_role("radio").evaluate_all("(els) => els.map(e => e.labels[0].innerText)")
        ]
        assert labels[-1] == "None of the above"
        assert sorted(labels) == sorted(served)
        orders.add(tuple(labels))
        page.context.close()
    assert len(orders) > 1, "each attempt shuffles the options"
    assert orders != {tuple(served)}


def test_draw_from_pool(site: Site, make_context: Callable[..., BrowserContext]) -> None:
    drawn = set()
    for _ in range(12):
        page = make_context().new_page()
        open_quiz(page, site, BETA)
        groups = page.get_by_role("group")
        expect(groups).to_have_count(2)
        expect(page.get_by_role("heading", name="Question 1 of 2")).to_be_visible()
        expect(page.get_by_role("heading", name="Question 2 of 2")).to_be_visible()
        drawn.add(tuple(groups.evaluate_all("(els) => els.map(e => e.querySelector('legend').innerText)")))
        page.context.close()
        if len(drawn) > 1:
            break
    assert len(drawn) > 1, "each attempt draws its own questions"


def test_progress_persists_across_reload(site: Site, page: Page) -> None:
    open_quiz(page, site, ALPHA)
    q = question(page, "How do you open the call?")
    q.get_by_label(OPENER_RIGHT).check()
    check(q)
    question(page, "Which of these show that you are listening?").get_by_label(SIGNALS[1]).check()
    ordering = question(page, "Put the stages of a discovery call in order.")
    ordering.get_by_role("button", name="Move down").first.click()
    order = item_order(ordering)
    say(roleplay(page), BEST_PATH[0])
    assert storage_keys(page) == [alpha_key()]

    page.reload()
    wait_ready(page)
    q = question(page, "How do you open the call?")
    expect(q.get_by_label(OPENER_RIGHT)).to_be_checked()
    expect(q.get_by_text("Correct — Score: 1 of 1")).to_be_visible()
    expect(question(page, "Which of these show that you are listening?").get_by_label(SIGNALS[1])).to_be_checked()
    assert item_order(question(page, "Put the stages of a discovery call in order.")) == order
    rp = roleplay(page)
    expect(rp.get_by_text("Two pallets, two days late")).to_be_visible()
    expect(rp.get_by_label("Apologise and propose a weekly delivery check.")).to_be_visible()


def test_two_tabs_of_one_browser_share_one_attempt(site: Site, make_context: Callable[..., BrowserContext]) -> None:
    # Both tabs open the quiz before either answers: each must take over what the other saves.
    context = make_context()
    first, second = context.new_page(), context.new_page()
    open_quiz(first, site, ALPHA)
    open_quiz(second, site, ALPHA)

    opener = question(first, "How do you open the call?")
    opener.get_by_label(OPENER_RIGHT).check()
    assert check(opener).startswith("Correct")
    # The second tab shows the first tab's answer without a reload ...
    there = question(second, "How do you open the call?")
    expect(there.get_by_text("Correct — Score: 1 of 1")).to_be_visible()
    expect(there.get_by_label(OPENER_RIGHT)).to_be_checked()
    # ... so what is answered there next is saved on top of it, and the first tab takes that over.
    signals = question(second, "Which of these show that you are listening?")
    for label in SIGNALS:
        signals.get_by_label(label).check()
    assert check(signals).startswith("Correct")
    expect(
        question(first, "Which of these show that you are listening?").get_by_text("Correct — Score: 3 of 3")
    ).to_be_visible()
    # An answer begun but not yet checked is shared as well.
    question(first, "Match each attitude with the behaviour that shows it.").get_by_label("Curiosity").select_option(
        label=PAIRS["Curiosity"]
    )
    curiosity = question(second, "Match each attitude with the behaviour that shows it.").get_by_label("Curiosity")
    expect(curiosity.get_by_role("option", selected=True)).to_have_text(PAIRS["Curiosity"])

    for page in (first, second):
        page.reload()
        wait_ready(page)
        expect(question(page, "How do you open the call?").get_by_text("Correct — Score: 1 of 1")).to_be_visible()
        expect(
            question(page, "Which of these show that you are listening?").get_by_text("Correct — Score: 3 of 3")
        ).to_be_visible()
        curiosity = question(page, "Match each attitude with the behaviour that shows it.").get_by_label("Curiosity")
        expect(curiosity.get_by_role("option", selected=True)).to_have_text(PAIRS["Curiosity"])
    assert storage_keys(first) == [alpha_key()]

    # Progress deleted in one tab (the dashboard's "Delete all progress") is gone from the other too,
    # not saved back by its next answer.
    second.evaluate(f"localStorage.removeItem({alpha_key()!r})")
    expect(question(first, "How do you open the call?").get_by_text("Score:")).to_have_count(0)
    expect(question(first, "How do you open the call?").get_by_label(OPENER_RIGHT)).not_to_be_checked()
    signals = question(first, "Which of these show that you are listening?")
    signals.get_by_label(SIGNALS_WRONG[0]).check()
    assert check(signals).startswith("Incorrect")
    second.reload()
    wait_ready(second)
    expect(question(second, "Which of these show that you are listening?").get_by_text("Score: 0 of 3")).to_be_visible()
    expect(question(second, "How do you open the call?").get_by_text("Score:")).to_have_count(0)


def test_stale_progress_is_discarded_after_a_content_change(site: Site, page: Page, course_copy: Any) -> None:
    open_quiz(page, site, ALPHA)
    q = question(page, "How do you open the call?")
    q.get_by_label(OPENER_RIGHT).check()
    check(q)
    old_key = alpha_key()
    assert storage_keys(page) == [old_key]

    quiz = course_copy / "quizzes" / "alpha-quiz.yaml"
    quiz.write_text(quiz.read_text().replace("Price first makes", "Leading with price makes"))
    edited = site.build(course_copy)
    with site.serving(edited):
        page.reload()
        wait_ready(page)
        q = question(page, "How do you open the call?")
        expect(q.get_by_label(OPENER_RIGHT)).not_to_be_checked()
        expect(q.get_by_label(OPENER_RIGHT)).to_be_enabled()
        expect(q.get_by_text("Score:")).to_have_count(0)
        assert storage_keys(page) == [], "stale progress is removed"
        q.get_by_label(OPENER_WRONG).check()
        assert check(q).startswith("Incorrect")
        (key,) = storage_keys(page)
        assert key.startswith("coursegen:quizcourse:alpha-quiz:") and key != old_key


BROKEN_GET = """
Object.defineProperty(window, 'localStorage', {
  configurable: true,
  get() { throw new DOMException('storage disabled by the test', 'SecurityError') },
});
"""
FULL_STORAGE = """
Storage.prototype.setItem = function () { throw new DOMException('storage full (test)', 'QuotaExceededError') };
"""


@pytest.mark.parametrize("script", [BROKEN_GET, FULL_STORAGE], ids=["disabled", "full"])
def test_broken_storage_still_grades(
    site: Site, make_context: Callable[..., BrowserContext], watch: Watch, script: str
) -> None:
    context = make_context()
    context.add_init_script(RECORD_EVENTS + script)
    page = context.new_page()
    open_quiz(page, site, ALPHA)
    answer_alpha_right(page)
    assert "Your result: Passed" in summary(page)
    assert len(events(page)) == 1
    # The `watch` guard fails the test on any page error, Material's included:
    # theme/partials/javascripts/base.html guards Material's storage helpers.


@pytest.mark.parametrize(
    "saved",
    [
        "{not json",
        '{"d":"x"}',
        '{"d":[99],"o":{},"a":{},"c":{}}',
        '{"d":[0],"o":{"0":["zz"]},"a":{},"c":{}}',
        "5",
        '{"drawn":[99],"order":{},"answers":{},"shares":{}}',
        '{"drawn":[0],"order":{"0":["zz"]},"answers":{},"shares":{}}',
        '{"drawn":[0,0],"order":{},"answers":{},"shares":{}}',
    ],
)
def test_corrupt_saved_progress_is_ignored(site: Site, page: Page, saved: str) -> None:
    page.context.add_init_script(f"localStorage.setItem({alpha_key()!r}, {saved!r})")
    open_quiz(page, site, ALPHA)
    expect(page.get_by_role("group")).to_have_count(5)
    q = question(page, "How do you open the call?")
    q.get_by_label(OPENER_RIGHT).check()
    assert check(q).startswith("Correct")


@pytest.mark.parametrize("damage", ["not-base64", "truncated"])
def test_quiz_data_that_does_not_decode_is_reported_in_the_quiz(
    site: Site, page: Page, watch: Watch, tmp_path: Path, damage: str
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site.server.root, copy)
    final = copy / FINAL / "index.html"
    html = final.read_text(encoding="utf-8")
    (blob,) = re.findall(r'data-key="([^"]+)"', html)
    damaged = "%not base64%" if damage == "not-base64" else blob[: len(blob) // 8 * 4]
    final.write_text(html.replace(blob, damaged), encoding="utf-8")
    with site.serving(copy):
        page.goto(site.url + FINAL)
        expect(page.get_by_role("alert")).to_have_text(QUIZ["en"]["broken"])
    # Inside the quiz, above its questions; its controls are off, not left to do nothing.
    alert = page.get_by_role("alert")
    assert alert.evaluate("(el) => el.closest('[data-quiz]')?.dataset.quiz") == "final-check"
    buttons = page.get_by_role("button", name="Check answer")
    expect(buttons.first).to_be_visible()
    for button in buttons.all():
        expect(button).to_be_disabled()
    # The reason is logged for whoever looks into it; nothing else went wrong.
    assert len(watch.errors) == 1 and watch.errors[0].startswith("console: coursegen quiz"), watch.errors
    watch.errors.clear()


def test_instant_navigation_between_quiz_pages(site: Site, page: Page) -> None:
    page.context.add_init_script(RECORD_EVENTS)
    open_quiz(page, site, ALPHA)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("navigation").get_by_role("link", name="Beta quiz").first.click()
    page.wait_for_url(re.compile("beta-quiz/$"))
    wait_ready(page, 2)
    assert page.evaluate("window.__sameDocument === true"), "instant navigation must not reload the page"
    expect(page.get_by_role("heading", name="Beta quiz", level=1)).to_be_visible()
    groups = page.get_by_role("group")
    expect(groups).to_have_count(2)
    for k in range(2):
        q = groups.nth(k).locator("xpath=..")
        q.get_by_role("radio").nth(0).check()
        check(q)
        expect(q.get_by_text("Score:")).to_have_count(1)  # bound once: one result, not two
    assert len(events(page)) == 1

    page.get_by_role("navigation").get_by_role("link", name="Alpha quiz").first.click()
    page.wait_for_url(re.compile("alpha-quiz/$"))
    wait_ready(page, 3)
    assert page.evaluate("window.__sameDocument === true")
    answer_alpha_right(page)
    assert [e["quizId"] for e in events(page)] == ["beta-quiz", "alpha-quiz"]
    assert "Your result: Passed" in summary(page)

    page.go_back()
    page.wait_for_url(re.compile("beta-quiz/$"))
    wait_ready(page, 4)
    # Back on Beta, its finished attempt is restored, without a second event.
    expect(page.get_by_role("heading", name=re.compile("^Your result"))).to_be_visible()
    assert len(events(page)) == 2


def window_listeners(page: Page) -> Counter[str]:
    """The event listeners on the page's window, by event type, as Chromium's DevTools count them
    (however they were added, and gone however they were removed: an AbortSignal included)."""
    cdp = page.context.new_cdp_session(page)
    try:
        window = cdp.send("Runtime.evaluate", {"expression": "window"})["result"]["objectId"]
        listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": window})["listeners"]
    finally:
        cdp.detach()
    return Counter(listener["type"] for listener in listeners)


def test_fifty_instant_navigations_leave_no_listener_behind(site: Site, page: Page) -> None:
    # Material's instant navigation swaps the page's content and runs quiz.js's binding again,
    # without a new document: a quiz's listeners must leave with the quiz.
    open_quiz(page, site, ALPHA)
    page.evaluate("window.__sameDocument = true")
    nav = page.get_by_role("navigation", name="Navigation")
    counts = []
    for visit in range(50):
        nav.get_by_role("link", name="Opening calls").first.click()
        page.wait_for_url(re.compile("opening-calls/$"))
        nav.get_by_role("link", name="Alpha quiz").first.click()
        page.wait_for_url(re.compile("alpha-quiz/$"))
        wait_ready(page, visit + 2)
        counts.append(window_listeners(page))
    assert page.evaluate("window.__sameDocument === true"), "instant navigation must not reload the page"
    # One quiz on the page: one storage listener (the quiz's, for its other tabs), every time.
    assert [count["storage"] for count in counts] == [1] * 50
    assert counts[-1] == counts[0], (counts[0], counts[-1])
    # The quiz bound last still works.
    answer_alpha_right(page)
    assert "Your result: Passed" in summary(page)


def test_keyboard_only_completion(site: Site, page: Page) -> None:
    page.context.add_init_script(RECORD_EVENTS)
    open_quiz(page, site, ALPHA)
    kb = page.keyboard

    def active(expr: str) -> Any:
        return page.evaluate(f"(() => {{ const a = document.activeElement; return {expr} }})()")

    def tab_to(expr: str, limit: int = 80) -> None:
        for key in ("Tab", "Shift+Tab"):
            for _ in range(limit):
                kb.press(key)
                if active(expr):
                    return
        raise AssertionError(f"no focusable element matches {expr}")

    def label() -> str:
        return str(active("a.labels && a.labels[0] ? a.labels[0].innerText.trim() : ''"))

    def pick_radio(name_end: str, target: str) -> None:
        tab_to(f"a.type == 'radio' && a.name.endsWith({name_end!r})")
        kb.press("Space")
        for _ in range(10):
            if label() == target:
                break
            kb.press("ArrowDown")
        assert label() == target and active("a.checked")

    def press_check() -> str:
        tab_to("a.tagName == 'BUTTON' && a.innerText == 'Check answer' && !a.disabled")
        kb.press("Enter")
        return focused_text(page)

    pick_radio("-opener", OPENER_RIGHT)
    assert "Score:" not in question(page, "How do you open the call?").inner_text(), "arrow keys must not submit"
    assert press_check().startswith("Correct")

    tab_to("a.type == 'checkbox' && a.name.endsWith('-signals')")
    for k in range(5):
        if label() in SIGNALS:
            kb.press("Space")
        if k < 4:
            kb.press("Tab")
    assert press_check().startswith("Correct")

    q = question(page, "Put the stages of a discovery call in order.")
    for k, text in enumerate(STAGES):
        pos = item_order(q).index(text)
        if pos == k:
            continue
        tab_to(
            f"a.dataset.mv == '-1' && document.getElementById(a.getAttribute('aria-describedby')).innerText == {text!r}"
        )
        for _ in range(pos - k):
            kb.press("Enter")
    assert item_order(q) == STAGES
    assert press_check().startswith("Correct")

    for left, right in PAIRS.items():
        tab_to(f"a.tagName == 'SELECT' && a.labels[0].innerText == {left!r}")
        for _ in range(6):
            if active("a.selectedOptions[0].text") == right:
                break
            kb.press("ArrowDown")
        assert active("a.selectedOptions[0].text") == right
    assert press_check().startswith("Correct")

    for step, text in enumerate(BEST_PATH):
        pick_radio(f"-renewal-{step}", text)
        tab_to("a.tagName == 'BUTTON' && a.innerText == 'Choose'")
        kb.press("Enter")
    assert focused_text(page).startswith("Trust grows")
    tab_to("a.tagName == 'BUTTON' && a.innerText == 'Retry the whole quiz'")
    (detail,) = events(page)
    assert (detail["score"], detail["passed"]) == (ALPHA_MAX, True)


def test_assets_load_only_on_quiz_pages(site: Site, page: Page) -> None:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(site.url + "first/opening-calls/")
    page.wait_for_load_state("networkidle")
    page.goto(site.url)
    page.wait_for_load_state("networkidle")
    assert not [u for u in seen if "/coursegen/quiz." in u]
    open_quiz(page, site, ALPHA)
    assert {u.rsplit("/", 1)[-1] for u in seen if "/coursegen/quiz." in u} == {"quiz.js", "quiz.css"}


def test_quizzes_are_bound_before_domcontentloaded(site: Site, page: Page) -> None:
    # The quiz data is inflated in microtasks right after quiz.js runs, so every quiz is bound (its
    # options in their shuffled order, saved answers back) before the page is first shown.
    for path in (ALPHA, FINAL):
        page.goto(site.url + path, wait_until="load")
        wait_ready(page)
        ready, dcl = page.evaluate(
            "[performance.getEntriesByName('coursegen:quiz-ready')[0].startTime,"
            " performance.getEntriesByType('navigation')[0].domContentLoadedEventStart]"
        )
        assert ready <= dcl, (path, ready, dcl)


def test_narrow_screen_has_no_horizontal_scroll(site: Site, make_context: Callable[..., BrowserContext]) -> None:
    page = make_context(viewport={"width": 375, "height": 800}).new_page()
    open_quiz(page, site, ALPHA)
    answer_alpha(
        page,
        opener=OPENER_WRONG,
        signals=SIGNALS[:2],
        stages=list(reversed(STAGES)),
        pairs=dict.fromkeys(PAIRS, "Talks about the weather"),
        path=[*BEST_PATH[:1], "Offer a discount on the renewal."],
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(question(page, "Put the stages of a discovery call in order."), "ordering-375px")
    shot(question(page, "Match each attitude with the behaviour that shows it."), "matching-375px")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "quiz-375px.png"), full_page=True)


def test_reduced_motion_and_print(site: Site, make_context: Callable[..., BrowserContext]) -> None:
    page = make_context(reduced_motion="reduce").new_page()
    open_quiz(page, site, ALPHA)
    q = question(page, "How do you open the call?")
    q.get_by_label(OPENER_RIGHT).check()
    check(q)
    assert page.evaluate("getComputedStyle(document.activeElement).animationName") == "none"
    page.emulate_media(media="print")
    expect(q.get_by_role("button", name="Check answer")).to_be_hidden()
    expect(q.get_by_text("Correct — Score: 1 of 1")).to_be_visible()
    expect(q.get_by_label(OPENER_RIGHT)).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_quiz_page_before_and_after_answering(
    site: Site, make_context: Callable[..., BrowserContext], scheme: str
) -> None:
    page = make_context(color_scheme=scheme).new_page()
    open_quiz(page, site, ALPHA)
    axe = Axe()
    before = axe.run(page).response["violations"]
    assert before == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in before]
    answer_alpha(
        page,
        opener=OPENER_WRONG,
        signals=SIGNALS[:2],
        stages=[STAGES[0], STAGES[1], STAGES[3], STAGES[2]],
        pairs={**PAIRS, "Curiosity": "Talks about the weather"},
        path=[*BEST_PATH[:1], "Offer a discount on the renewal."],
    )
    page.evaluate("document.activeElement.blur()")
    page.wait_for_function("document.getAnimations().length == 0")
    # A hovered link takes Material's accent colour, which theme/ makes AA.
    page.get_by_role("link", name=re.compile("^Review")).first.hover()
    after = axe.run(page).response["violations"]
    assert after == [], [(v["id"], [(n["target"], n["failureSummary"]) for n in v["nodes"]]) for v in after]
    for prompt, name in [
        ("How do you open the call?", "single"),
        ("Which of these show that you are listening?", "multiple"),
        ("Put the stages of a discovery call in order.", "ordering"),
        ("Match each attitude with the behaviour that shows it.", "matching"),
    ]:
        shot(question(page, prompt), f"{name}-answered-{scheme}")
    shot(roleplay(page), f"roleplay-answered-{scheme}")
