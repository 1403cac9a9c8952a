"""Learner progress across the course, the dashboard and the certificate, in Chromium.

The fixture course is built and served under a sub-path (see conftest). Every
test runs with the `watch` guard: any console error, page error or request off
the machine fails it. `page.goto` is a full page load; clicking a link in the
navigation is Material's instant navigation (checked with `__sameDocument`).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Locator, Page, expect

from generator.model.load import load_course
from generator.pages.quiz_html import content_hash

from .conftest import COURSEGEN, FIXTURE, SCREENSHOTS, Site, Watch, shell_with_coursegen
from .test_quiz_runtime import (
    ALPHA,
    BETA,
    BROKEN_GET,
    FINAL,
    FULL_STORAGE,
    OPENER_WRONG,
    PAIRS,
    SIGNALS_WRONG,
    STAGES,
    answer_alpha,
    answer_alpha_right,
    check,
    open_quiz,
    question,
    shot,
    summary,
    wait_ready,
)

OPENING, CLOSING, CERT = "first/opening-calls/", "second/closing-calls/", "certificate/"
KEY = "coursegen-progress:quizcourse"
BETA_RIGHT = ["A dated meeting", "Both of you, by name", "In writing, the same day", "A short summary with the date"]
HASHES = {quiz.id: content_hash(quiz) for quiz in load_course(FIXTURE).quizzes.values()}
SAME_DOCUMENT = "window.__sameDocument === true"
NO_PRINT_DIALOG = "window.__printed = 0; window.print = () => { window.__printed++ };"


# ------------------------------------------------------------------ helpers


def record(page: Page) -> dict[str, Any]:
    raw = page.evaluate(f"localStorage.getItem({KEY!r})")
    return dict(json.loads(raw)) if raw else {}


def set_record(context: BrowserContext, value: object) -> None:
    """Put a record in place before any page of the context loads (the value as stored: any JSON or text)."""
    text = value if isinstance(value, str) else json.dumps(value)
    context.add_init_script(
        f"try {{ if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', 1); "
        f"localStorage.setItem({KEY!r}, {text!r}) }} }} catch {{}}"
    )


def finish_lesson(page: Page, site: Site, path: str) -> None:
    """Open a (short) lesson: its end is on screen, so it is finished."""
    page.goto(site.url + path)
    expect(page.get_by_role("status")).to_have_text("You have finished this lesson.")


def rendered_twice(page: Page) -> None:
    """Wait until the page has rendered two more frames.

    IntersectionObserver delivers what it saw in the rendering step of a frame, so after
    two frames whatever the lesson's end-of-page observer was going to record, it has:
    a condition to wait on where a test asserts that something did not happen.
    """
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def open_home(page: Page, site: Site) -> None:
    page.goto(site.url)
    expect(page.get_by_text(re.compile(r"^\d+ of 5 done"))).to_be_visible()


def row(page: Page, title: str) -> Locator:
    """The dashboard's line for a lesson or quiz: its list item."""
    return page.locator("article").get_by_role("listitem").filter(has=page.get_by_role("link", name=title, exact=True))


def final_status(page: Page) -> Locator:
    return page.locator("article").get_by_text(re.compile(r"^(Not started|In progress|Done)")).last


def module_status(page: Page, heading: str) -> Locator:
    return page.get_by_role("heading", name=heading, level=2).locator("xpath=following-sibling::p[1]")


def continue_link(page: Page) -> Locator:
    return page.get_by_role("link", name=re.compile(r"^(Continue where you left off|Start the course): "))


def nav_link(page: Page, name: str, *, hidden: bool = False) -> Locator:
    """A link in Material's navigation; `hidden` finds it in the closed drawer of a narrow screen."""
    nav = page.get_by_role("navigation", name="Navigation", include_hidden=hidden)
    return nav.get_by_role("link", name=name, exact=True, include_hidden=hidden).first


def pass_beta(page: Page, site: Site) -> None:
    open_quiz(page, site, BETA)
    answer_beta(page)
    expect(page.get_by_role("heading", name="Your result: Passed")).to_be_visible()


def answer_beta(page: Page) -> None:
    """Answer both questions of the beta quiz on the open page, each rightly."""
    groups = page.get_by_role("group")
    expect(groups).to_have_count(2)
    for k in range(2):
        q = groups.nth(k).locator("xpath=..")
        q.get_by_label(next(t for t in BETA_RIGHT if q.get_by_label(t).count())).check()
        check(q)


def answer_final(page: Page, *, right: bool = True) -> None:
    q = page.get_by_role("group", name=re.compile("^Which opening uses the customer")).locator("xpath=..")
    q.get_by_label("Option delta" if right else "Option alpha").check()
    check(q)
    q = question(page, "Which two habits build trust?")
    q.get_by_label("Keeping small promises").check()
    q.get_by_label("Admitting limits").check()
    check(q)


def fail_alpha(page: Page, site: Site) -> None:
    open_quiz(page, site, ALPHA)
    answer_alpha(
        page,
        opener=OPENER_WRONG,
        signals=SIGNALS_WRONG,
        stages=list(reversed(STAGES)),
        pairs=dict.fromkeys(PAIRS, "Talks about the weather"),
        path=["Point out that the carrier was at fault."],
    )
    assert "Your result: Not passed yet" in summary(page)


def complete_course(page: Page, site: Site) -> None:
    open_quiz(page, site, FINAL)
    answer_final(page)
    expect(page.get_by_role("heading", name="Your result: Passed")).to_be_visible()


def verify(*args: str, root: Path = FIXTURE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "verify", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def axe_clean(page: Page) -> None:
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.wait_for_function("document.getAnimations().length == 0")
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], [(n["target"], n["failureSummary"]) for n in v["nodes"]]) for v in violations]


# -------------------------------------------------------------------- tests


def test_dashboard_without_progress_reads_as_the_outline(site: Site, page: Page) -> None:
    open_home(page, site)
    expect(page.get_by_text("0 of 5 done (0 %)")).to_be_visible()
    assert page.get_by_role("progressbar", name="Your progress in this course").get_attribute("value") == "0"
    expect(continue_link(page)).to_have_text("Start the course: Opening calls")
    for title in ("Opening calls", "Alpha quiz", "Closing calls", "Beta quiz"):
        expect(row(page, title)).to_contain_text("Not started")
    expect(final_status(page)).to_have_text("Not started")
    expect(module_status(page, "First module")).to_have_text("Not started")
    # Nothing is written by merely looking at the home page.
    assert record(page) == {}


def test_lessons_and_quizzes_in_any_order(site: Site, page: Page) -> None:
    finish_lesson(page, site, CLOSING)
    pass_beta(page, site)
    fail_alpha(page, site)

    open_home(page, site)
    expect(page.get_by_text("2 of 5 done (40 %)")).to_be_visible()
    assert page.get_by_role("progressbar", name="Your progress in this course").get_attribute("value") == "40"
    expect(row(page, "Closing calls")).to_contain_text("Done")
    expect(row(page, "Beta quiz")).to_contain_text("Done · Best score: 2 of 2 (100 %) · passed")
    expect(row(page, "Alpha quiz")).to_contain_text("In progress · Best score: 0 of 17 (0 %) · not passed yet")
    expect(row(page, "Opening calls")).to_contain_text("Not started")
    expect(final_status(page)).to_have_text("Not started")
    expect(module_status(page, "First module")).to_have_text("In progress")
    expect(module_status(page, "Second module")).to_have_text("Done")
    shot(page.locator("article"), "dashboard-partial")

    # A better attempt replaces the best result; a worse one does not.
    open_quiz(page, site, ALPHA)
    page.get_by_role("button", name="Retry the whole quiz").click()
    answer_alpha_right(page)
    open_home(page, site)
    expect(row(page, "Alpha quiz")).to_contain_text("Done · Best score: 17 of 17 (100 %) · passed")
    fail_alpha_again = record(page)["q"]["alpha-quiz"]
    open_quiz(page, site, ALPHA)
    page.get_by_role("button", name="Retry the whole quiz").click()
    q = question(page, "How do you open the call?")
    q.get_by_label(OPENER_WRONG).check()
    check(q)
    assert record(page)["q"]["alpha-quiz"] == fail_alpha_again
    assert record(page)["q"]["alpha-quiz"]["h"] == HASHES["alpha-quiz"]


def test_lesson_is_finished_at_its_end_or_by_the_button_and_can_be_undone(
    site: Site, make_context: Callable[..., BrowserContext]
) -> None:
    page = make_context(viewport={"width": 375, "height": 320}).new_page()
    page.goto(site.url + OPENING)
    button = page.get_by_role("button", name="Mark as done")
    expect(button).to_be_visible()
    rendered_twice(page)
    assert record(page)["l"] == {"opening-calls": 1}, "opened, not finished: the end is not on screen"
    open_home(page, site)
    expect(row(page, "Opening calls")).to_contain_text("In progress")
    expect(continue_link(page)).to_have_text("Continue where you left off: Opening calls")

    page.goto(site.url + OPENING)
    page.get_by_role("button", name="Mark as done").scroll_into_view_if_needed()
    expect(page.get_by_role("button", name="Mark as not done")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("You have finished this lesson.")
    assert record(page)["l"] == {"opening-calls": 2}
    expect(nav_link(page, "Opening calls done", hidden=True)).to_be_attached()

    page.get_by_role("button", name="Mark as not done").click()
    expect(page.get_by_role("status")).to_have_text("This lesson is marked as not done.")
    expect(page.get_by_role("button", name="Mark as done")).to_be_focused()
    rendered_twice(page)  # still at the end: an undo is not overruled
    assert record(page)["l"] == {"opening-calls": 1}
    expect(nav_link(page, "Opening calls", hidden=True)).to_be_attached()
    expect(page.get_by_role("link", name="Opening calls done", include_hidden=True)).to_have_count(0)

    page.get_by_role("button", name="Mark as done").click()
    assert record(page)["l"] == {"opening-calls": 2}
    shot(page.locator(".cg-lc"), "lesson-done-375px")


def test_nav_marks_survive_instant_navigation(site: Site, page: Page) -> None:
    page.goto(site.url + OPENING)
    expect(nav_link(page, "Opening calls done")).to_be_attached()
    page.evaluate("window.__sameDocument = true")

    nav_link(page, "Alpha quiz").click()
    page.wait_for_url(re.compile("alpha-quiz/$"))
    wait_ready(page)
    assert page.evaluate(SAME_DOCUMENT), "instant navigation must not reload the page"
    expect(nav_link(page, "Opening calls done")).to_be_attached()
    answer_alpha_right(page)
    # Passing marks the quiz at once, on the page itself.
    expect(nav_link(page, "Alpha quiz done")).to_be_attached()

    nav_link(page, "Closing calls").click()
    page.wait_for_url(re.compile("closing-calls/$"))
    expect(nav_link(page, "Closing calls done")).to_be_attached()
    for name in ("Opening calls done", "Alpha quiz done", "Beta quiz", "Final check"):
        expect(nav_link(page, name)).to_be_attached()

    nav_link(page, "Quiz runtime course").click()
    page.wait_for_url(re.compile("/training/$"))
    expect(page.get_by_text("3 of 5 done (60 %)")).to_be_visible()
    expect(continue_link(page)).to_have_text("Continue where you left off: Beta quiz")
    for name in ("Opening calls done", "Alpha quiz done", "Closing calls done"):
        expect(nav_link(page, name)).to_be_attached()

    page.go_back()
    page.wait_for_url(re.compile("closing-calls/$"))
    expect(nav_link(page, "Alpha quiz done")).to_be_attached()
    assert page.evaluate(SAME_DOCUMENT)
    # One mark per link, however often the page was entered.
    assert page.locator("nav a:has(> [role=img])").count() == page.locator("nav [role=img]").count()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "nav-marks.png"))


def test_continue_where_you_left_off(site: Site, page: Page) -> None:
    finish_lesson(page, site, OPENING)
    open_quiz(page, site, ALPHA)  # opened, not answered
    open_home(page, site)
    expect(row(page, "Alpha quiz")).to_contain_text("In progress")
    expect(continue_link(page)).to_have_text("Continue where you left off: Alpha quiz")
    continue_link(page).click()
    page.wait_for_url(re.compile("alpha-quiz/$"))
    wait_ready(page)
    answer_alpha_right(page)

    open_home(page, site)
    expect(continue_link(page)).to_have_text("Continue where you left off: Closing calls")
    open_quiz(page, site, FINAL)  # the last item: the next unfinished one comes from the start
    answer_final(page, right=False)
    open_home(page, site)
    expect(final_status(page)).to_contain_text("In progress · Best score: 2 of 3 (67 %) · not passed yet")
    expect(continue_link(page)).to_have_text("Continue where you left off: Final check")
    finish_lesson(page, site, CLOSING)
    open_home(page, site)
    expect(continue_link(page)).to_have_text("Continue where you left off: Beta quiz")


def test_completion_certificate_and_verify(site: Site, make_context: Callable[..., BrowserContext]) -> None:
    context = make_context()
    context.add_init_script(NO_PRINT_DIALOG)
    page = context.new_page()
    page.goto(site.url + CERT)
    expect(page.get_by_text("Your certificate appears here once you have completed the course")).to_be_visible()
    expect(page.get_by_label("Your name, as it should appear on the certificate")).to_be_hidden()

    complete_course(page, site)
    open_home(page, site)
    expect(page.get_by_text("You have completed the course.")).to_be_visible()
    expect(final_status(page)).to_contain_text("Done · Best score: 3 of 3 (100 %) · passed")
    shot(page.locator(".cg-dash"), "dashboard-complete")
    page.get_by_role("link", name="Get your certificate").click()
    page.wait_for_url(re.compile("certificate/$"))

    name = page.get_by_label("Your name, as it should appear on the certificate")
    expect(page.get_by_text("Type your name above.")).to_be_visible()
    typed = "Zoë  O’Brien-Núñez"
    name.fill(typed)
    cert = page.locator(".cg-cert")
    expect(cert.get_by_text(typed, exact=True)).to_be_visible()
    expect(cert.get_by_text("Quiz runtime course", exact=True)).to_be_visible()
    expect(cert.get_by_text("100 %", exact=True)).to_be_visible()
    code = cert.locator("dt:text-is('Verification code') + dd").inner_text()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}", code), code
    date = re.search(r"\((\d{4}-\d\d-\d\d)\)", cert.locator("dt:text-is('Date') + dd").inner_text())
    assert date, "the date is printed as YYYY-MM-DD for the trainer"
    command = cert.locator("code").inner_text()
    # Printed as a trainer would type it: runs of spaces as one.
    assert command == f"coursegen verify {code} --name 'Zoë O’Brien-Núñez' --date {date[1]} --score 100"
    assert record(page)["n"] == typed

    for name_as_typed in (typed, "Zoë O’Brien-Núñez", "zoë o’brien-núñez"):
        result = verify(code, "--name", name_as_typed, "--date", date[1], "--score", "100")
        assert result.returncode == 0 and result.stdout.startswith("valid"), result.stdout + result.stderr
    # Typed up with other values, or a code copied from another certificate: rejected, plainly.
    for args in (
        [code, "--name", typed, "--date", date[1], "--score", "99"],
        [code, "--name", "Someone Else", "--date", date[1], "--score", "100"],
        [code, "--name", typed, "--date", "2020-01-01", "--score", "100"],
        [code, "--name", typed, "--date", date[1], "--score", "100", "--course-version", "2.0"],
    ):
        result = verify(*args)
        # On stderr, so that a script reading stdout never takes a refusal for a result.
        assert result.returncode == 1 and result.stderr.startswith("invalid") and not result.stdout, args
        assert "Traceback" not in result.stdout + result.stderr

    # The name is remembered; printing is one page, A4 or Letter.
    page.reload()
    expect(name).to_have_value(typed)
    page.get_by_role("button", name="Print the certificate").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    expect(cert).to_be_visible()
    expect(name).to_be_hidden()
    expect(page.get_by_role("heading", name="Certificate of completion", level=1)).to_be_hidden()
    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == 1, f"{paper}: {pages} pages"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "certificate.pdf").write_bytes(page.pdf(format="A4"))
    page.emulate_media(media="screen")
    shot(cert, "certificate")


# Typed into the name field, and the name the certificate then prints: a text
# field holds no line break (Chromium pastes one as a space), and the page
# prints control characters as spaces.
HOSTILE_NAMES = [
    ("$(touch pwned) `touch pwned`", "$(touch pwned) `touch pwned`"),
    ("O'Brien '; touch pwned; echo '", "O'Brien '; touch pwned; echo '"),
    ('Ada "$(touch pwned)"\t' + r"\'\'", 'Ada "$(touch pwned)" ' + r"\'\'"),
    ("Ada\n$(touch pwned)\nLovelace", "Ada $(touch pwned) Lovelace"),
    ("\x1b[2J\x1b]0;title\x07Ada > pwned", "[2J ]0;title Ada > pwned"),
]


def test_the_printed_verify_command_runs_nothing_a_learner_typed(
    site: Site, make_context: Callable[..., BrowserContext], tmp_path: Path
) -> None:
    # The trainer pastes the command into a shell; it must hand the printed name
    # to `coursegen verify` as one argument, whatever the learner typed.
    assert COURSEGEN.is_file(), f"{COURSEGEN} is missing: install the project (pip install -e .)"

    page = make_context().new_page()
    complete_course(page, site)
    page.goto(site.url + CERT)
    field = page.get_by_label("Your name, as it should appear on the certificate")
    for typed, printed in HOSTILE_NAMES:
        field.fill(typed)
        expect(page.get_by_text(printed, exact=True)).to_be_visible()
        command = page.get_by_role("code").inner_text()
        argv = shell_with_coursegen("printf '%s\\0' \"$@\"", command, tmp_path)
        assert argv.returncode == 0, argv.stderr
        assert argv.stdout.split("\0")[2:5] == ["--name", printed, "--date"], command
        result = shell_with_coursegen('"$COURSEGEN" "$@" --root "$ROOT"', command, tmp_path)
        assert result.returncode == 0 and result.stdout.startswith("valid: "), command + result.stdout + result.stderr
    assert list(tmp_path.iterdir()) == [], "the shell ran part of a name"


def test_every_module_quiz_is_required_when_the_outline_says_so(site: Site, page: Page, course_copy: Path) -> None:
    outline = course_copy / "course" / "course.yaml"
    outline.write_text(outline.read_text() + "require_module_quizzes: true\n")
    with site.serving(site.build(course_copy)):
        complete_course(page, site)
        open_home(page, site)
        expect(final_status(page)).to_contain_text("Done")
        expect(page.get_by_text("You have completed the course.")).to_have_count(0)
        page.goto(site.url + CERT)
        expect(page.get_by_text("pass every quiz of the course, the final assessment included")).to_be_visible()
        open_quiz(page, site, ALPHA)
        answer_alpha_right(page)
        pass_beta(page, site)
        open_home(page, site)
        expect(page.get_by_text("You have completed the course.")).to_be_visible()
        page.goto(site.url + CERT)
        expect(page.get_by_label("Your name, as it should appear on the certificate")).to_be_visible()


def test_export_reset_import_round_trip(site: Site, page: Page, tmp_path: Path) -> None:
    finish_lesson(page, site, OPENING)
    pass_beta(page, site)
    open_home(page, site)
    expect(page.get_by_text("2 of 5 done (40 %)")).to_be_visible()
    before = record(page)

    with page.expect_download() as download:
        page.get_by_role("button", name="Save progress to a file").click()
    assert download.value.suggested_filename == "quizcourse-progress.json"
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text())
    assert data["format"] == "coursegen-progress" and data["c"] == "quizcourse" and data["v"] == "1.0"
    assert data["l"] == before["l"] and data["q"] == before["q"]
    expect(page.get_by_role("status")).to_have_text("Your progress was saved as quizcourse-progress.json.")

    # Reset asks first; declining keeps everything.
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Delete all progress").click()
    assert record(page) == before
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete all progress").click()
    expect(page.get_by_role("status")).to_have_text("All your progress in this course was deleted from this browser.")
    expect(page.get_by_text("0 of 5 done (0 %)")).to_be_visible()
    keys = page.evaluate("Object.keys(localStorage)")
    assert not [k for k in keys if k == KEY or k.startswith("coursegen:quizcourse:")], keys
    open_quiz(page, site, BETA)  # the quiz's own saved attempt went too
    expect(page.get_by_role("heading", name=re.compile("^Your result"))).to_have_count(0)

    open_home(page, site)
    page.get_by_label("Load progress from a file").set_input_files(saved)
    expect(page.get_by_role("status")).to_have_text("Your progress was loaded from the file.")
    expect(page.get_by_text("2 of 5 done (40 %)")).to_be_visible()
    expect(row(page, "Beta quiz")).to_contain_text("Done · Best score: 2 of 2 (100 %)")
    after = record(page)
    assert after["l"] == before["l"] and after["q"] == before["q"]


def test_a_file_from_another_course_or_a_newer_version_is_refused(site: Site, page: Page) -> None:
    finish_lesson(page, site, OPENING)
    open_home(page, site)
    before = record(page)
    upload = page.get_by_label("Load progress from a file")
    status = page.get_by_role("status")
    good = {"format": "coursegen-progress", "f": 1, "c": "quizcourse", "v": "1.0", "l": {}, "q": {}}
    for content, message in [
        ({**good, "c": "another-course"}, "This file holds progress in another course (another-course), not this one"),
        ({**good, "v": "1.1"}, "This file comes from a newer version of this course (1.1) than this site (1.0)"),
        ({**good, "v": "2"}, "newer version of this course (2)"),
        ({**good, "format": "something-else"}, "This file is not a coursegen progress file"),
        ("{not json", "This file is not a coursegen progress file"),
        ([1, 2], "This file is not a coursegen progress file"),
    ]:
        text = content if isinstance(content, str) else json.dumps(content)
        upload.set_input_files({"name": "progress.json", "mimeType": "application/json", "buffer": text.encode()})
        expect(status).to_contain_text(message)
        expect(status).to_contain_text("nothing was changed")
        assert record(page) == before
    # An older version's file is welcome: it is carried over like a stored record.
    upload.set_input_files(
        {
            "name": "progress.json",
            "mimeType": "application/json",
            "buffer": json.dumps({**good, "v": "0.9", "l": {"closing-calls": 2, "../evil": 2}}).encode(),
        }
    )
    expect(status).to_have_text("Your progress was loaded from the file.")
    assert record(page)["l"] == {"opening-calls": before["l"]["opening-calls"], "closing-calls": 2}
    assert record(page)["v"] == "1.0"


def test_course_version_bump_keeps_what_still_applies(
    site: Site, make_context: Callable[..., BrowserContext], course_copy: Path
) -> None:
    old = {
        "f": 1,
        "c": "quizcourse",
        "v": "1.0",
        "l": {"opening-calls": 2, "closing-calls": 2, "a-removed-lesson": 2, "alpha-quiz": 1},
        "q": {
            "alpha-quiz": {"s": 17, "m": 17, "p": True, "h": HASHES["alpha-quiz"], "t": 1700000000000},
            "beta-quiz": {"s": 2, "m": 2, "p": True, "h": HASHES["beta-quiz"], "t": 1700000000000},
        },
        "at": "alpha-quiz",
    }
    outline = course_copy / "course" / "course.yaml"
    outline.write_text(outline.read_text().replace('version: "1.0"', 'version: "1.1"'))
    quiz = course_copy / "quizzes" / "alpha-quiz.yaml"
    quiz.write_text(quiz.read_text().replace("Price first makes", "Leading with price makes"))
    context = make_context()
    set_record(context, old)
    page = context.new_page()
    with site.serving(site.build(course_copy)):
        open_home(page, site)
        # Finished lessons stay finished; the edited quiz must be passed again; the unchanged one counts.
        expect(page.get_by_text("3 of 5 done (60 %)")).to_be_visible()
        expect(row(page, "Opening calls")).to_contain_text("Done")
        expect(row(page, "Alpha quiz")).to_contain_text("In progress")
        expect(row(page, "Alpha quiz")).not_to_contain_text("Best score")
        expect(row(page, "Beta quiz")).to_contain_text("Done · Best score: 2 of 2")
        expect(nav_link(page, "Beta quiz done")).to_be_attached()
        expect(nav_link(page, "Alpha quiz")).to_be_attached()
        page.goto(site.url + OPENING)
        assert record(page)["v"] == "1.1"
        # A file saved under 1.1 is refused by a site still on 1.0.
        data = {**record(page), "format": "coursegen-progress"}
    page.goto(site.url)
    page.get_by_label("Load progress from a file").set_input_files(
        {"name": "p.json", "mimeType": "application/json", "buffer": json.dumps(data).encode()}
    )
    expect(page.get_by_role("status")).to_contain_text("newer version of this course (1.1) than this site (1.0)")


def test_a_quiz_page_drops_a_result_for_an_older_version_of_its_quiz(
    site: Site, make_context: Callable[..., BrowserContext]
) -> None:
    # Lesson pages carry no quiz hashes (that would grow every page with the course), so they
    # trust the record; the quiz's own page knows its hash and drops the stale result.
    stale = {"s": 17, "m": 17, "p": True, "h": "000000000000", "t": 1700000000000}
    current = {"s": 2, "m": 2, "p": True, "h": HASHES["beta-quiz"], "t": 1700000000000}
    context = make_context()
    set_record(
        context, {"f": 1, "c": "quizcourse", "v": "1.0", "l": {}, "q": {"alpha-quiz": stale, "beta-quiz": current}}
    )
    page = context.new_page()
    page.goto(site.url + CLOSING)
    expect(nav_link(page, "Alpha quiz done")).to_be_attached()
    open_quiz(page, site, ALPHA)
    expect(nav_link(page, "Alpha quiz")).to_be_attached()
    expect(nav_link(page, "Alpha quiz done")).to_have_count(0)
    expect(nav_link(page, "Beta quiz done")).to_be_attached()
    assert set(record(page)["q"]) == {"beta-quiz"}
    page.goto(site.url + CLOSING)
    expect(nav_link(page, "Alpha quiz done")).to_have_count(0)


CORRUPT = [
    "{not json",
    "5",
    "null",
    "[]",
    '{"f":2,"c":"quizcourse","v":"1.0","l":{},"q":{}}',
    '{"f":1,"c":"quizcourse","v":"1.0","l":[],"q":{}}',
    '{"f":1,"c":"quizcourse","v":"1.0","l":{"opening-calls":"x","closing-calls":{}},'
    '"q":{"alpha-quiz":{"s":"a","m":0,"p":true,"h":"' + HASHES["alpha-quiz"] + '"},"beta-quiz":7,"final-check":null},'
    '"at":{"x":1},"n":42}',
]


@pytest.mark.parametrize("stored", CORRUPT)
def test_corrupt_storage_never_breaks_a_page(
    site: Site, make_context: Callable[..., BrowserContext], stored: str
) -> None:
    context = make_context()
    context.add_init_script(NO_PRINT_DIALOG)
    set_record(context, stored)
    page = context.new_page()
    open_home(page, site)
    expect(continue_link(page)).to_be_visible()
    page.goto(site.url + CLOSING)
    expect(page.get_by_role("status")).to_have_text("You have finished this lesson.")
    expect(nav_link(page, "Closing calls done")).to_be_attached()
    complete_course(page, site)
    page.goto(site.url + CERT)
    expect(page.get_by_label("Your name, as it should appear on the certificate")).to_be_visible()
    assert record(page)["c"] == "quizcourse"


@pytest.mark.parametrize("script", [BROKEN_GET, FULL_STORAGE], ids=["disabled", "full"])
def test_unavailable_storage_never_breaks_a_page(
    site: Site, make_context: Callable[..., BrowserContext], watch: Watch, script: str
) -> None:
    context = make_context()
    context.add_init_script(script)
    page = context.new_page()
    open_home(page, site)
    expect(page.get_by_role("status")).to_have_text(
        "This browser does not let the site keep data, so your progress cannot be kept."
    )
    page.goto(site.url + OPENING)
    expect(page.get_by_role("button", name="Mark as not done")).to_be_visible()
    page.get_by_role("button", name="Mark as not done").click()
    complete_course(page, site)
    page.goto(site.url + CERT)
    expect(page.get_by_text("Your certificate appears here once you have completed the course")).to_be_visible()
    # The `watch` guard fails the test on any page error.


def test_keyboard_only(site: Site, make_context: Callable[..., BrowserContext]) -> None:
    context = make_context()
    context.add_init_script(NO_PRINT_DIALOG)
    page = context.new_page()
    kb = page.keyboard

    def active(expr: str) -> Any:
        return page.evaluate(f"(() => {{ const a = document.activeElement; return {expr} }})()")

    def tab_to(expr: str, limit: int = 80) -> None:
        for _ in range(limit):
            kb.press("Tab")
            if active(expr):
                return
        raise AssertionError(f"no focusable element matches {expr}")

    finish_lesson(page, site, OPENING)
    tab_to("a.innerText == 'Mark as not done'")
    kb.press("Enter")
    assert record(page)["l"]["opening-calls"] == 1
    assert active("a.innerText") == "Mark as done"
    kb.press("Space")
    assert record(page)["l"]["opening-calls"] == 2

    complete_course(page, site)
    open_home(page, site)
    tab_to("a.innerText == 'Get your certificate'")
    kb.press("Enter")
    page.wait_for_url(re.compile("certificate/$"))
    tab_to("a.id == 'cg-name'")
    kb.type("Ada Lovelace")
    tab_to("a.innerText == 'Print the certificate'")
    kb.press("Enter")
    assert page.evaluate("window.__printed") == 1
    expect(page.locator(".cg-cert").get_by_text("Ada Lovelace", exact=True)).to_be_visible()

    page.goto(site.url)
    tab_to("a.innerText == 'Save progress to a file'")
    with page.expect_download():
        kb.press("Enter")
    page.once("dialog", lambda d: d.accept())
    tab_to("a.innerText == 'Delete all progress'")
    kb.press("Enter")
    expect(page.get_by_text("0 of 5 done (0 %)")).to_be_visible()


def test_only_the_tracker_loads_on_lesson_pages(site: Site, page: Page) -> None:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(site.url + OPENING)
    page.wait_for_load_state("networkidle")
    assert sorted(u.rsplit("/", 1)[-1] for u in seen if "/coursegen/" in u) == ["progress.js"]
    seen.clear()
    open_quiz(page, site, ALPHA)
    page.wait_for_load_state("networkidle")
    assert sorted(u.rsplit("/", 1)[-1] for u in seen if "/coursegen/" in u) == [
        "progress.js",
        "quiz.css",
        "quiz.js",
        "results.js",
    ]
    seen.clear()
    open_home(page, site)
    page.wait_for_load_state("networkidle")
    assert sorted(u.rsplit("/", 1)[-1] for u in seen if "/coursegen/" in u) == [
        "dashboard.css",
        "dashboard.js",
        "progress.js",
    ]
    # No inline script or style anywhere on these pages.
    for path in ("", OPENING, ALPHA, CERT):
        page.goto(site.url + path)
        assert page.evaluate("[...document.querySelectorAll('article script')].every(s => s.src)")
        assert page.evaluate("document.querySelectorAll('article [style]').length") == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_dashboard_lesson_and_certificate(
    site: Site, make_context: Callable[..., BrowserContext], scheme: str
) -> None:
    page = make_context(color_scheme=scheme).new_page()
    open_home(page, site)
    axe_clean(page)
    page.goto(site.url + OPENING)
    expect(page.get_by_role("button", name="Mark as not done")).to_be_visible()
    axe_clean(page)
    fail_alpha(page, site)
    complete_course(page, site)
    open_home(page, site)
    expect(page.get_by_text("You have completed the course.")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Continue where")).hover()
    axe_clean(page)
    shot(page.locator("article"), f"dashboard-{scheme}")
    page.goto(site.url + CERT)
    axe_clean(page)  # no name yet
    page.get_by_label("Your name, as it should appear on the certificate").fill("Ada Lovelace")
    axe_clean(page)
    shot(page.locator("article"), f"certificate-page-{scheme}")
    page.goto(site.url + "first/alpha-quiz/")
    wait_ready(page)
    expect(nav_link(page, "Opening calls done")).to_be_attached()
    axe_clean(page)


@pytest.mark.parametrize(("language", "mark", "done"), [("de", "Als erledigt markieren", "erledigt")])
def test_strings_follow_the_site_language(
    site: Site, page: Page, course_copy: Path, language: str, mark: str, done: str
) -> None:
    config = course_copy / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: en", f"language: {language}"))
    with site.serving(site.build(course_copy)):
        page.goto(site.url + OPENING)
        expect(page.get_by_role("button", name=re.compile("nicht erledigt"))).to_be_visible()
        page.get_by_role("button", name=re.compile("nicht erledigt")).click()
        expect(page.get_by_role("button", name=mark)).to_be_visible()
        page.get_by_role("button", name=mark).click()
        expect(nav_link(page, f"Opening calls {done}")).to_be_attached()
        open_quiz(page, site, ALPHA)
        page.goto(site.url)
        expect(page.get_by_text("1 von 5 erledigt (20 %)")).to_be_visible()
        expect(continue_link_de(page)).to_have_text("Weitermachen, wo Sie aufgehört haben: Alpha quiz")


def continue_link_de(page: Page) -> Locator:
    return page.get_by_role("link", name=re.compile(r"^Weitermachen"))


def test_a_lesson_quiz_is_taken_on_the_lesson_page_and_counts(
    site: Site, page: Page, course_copy: Path, watch: Watch
) -> None:
    # Beta quiz moves from the second module's own page into its lesson.
    outline = course_copy / "course" / "course.yaml"
    outline.write_text(outline.read_text().replace("    quiz: beta-quiz\n", "") + "require_module_quizzes: true\n")
    lesson = course_copy / "course" / "lessons" / "closing-calls.yaml"
    lesson.write_text(lesson.read_text() + "quiz: beta-quiz\n")
    with site.serving(site.build(course_copy)):
        open_home(page, site)
        expect(nav_link(page, "Beta quiz")).to_have_count(0)
        expect(row(page, "Beta quiz")).to_contain_text("Not started")

        seen: list[str] = []
        page.on("request", lambda r: seen.append(r.url))
        page.get_by_role("link", name="Beta quiz", exact=True).click()
        wait_ready(page)
        assert page.url == site.url + CLOSING + "#cg-beta-quiz"
        expect(page.get_by_role("heading", name="Closing calls", level=1)).to_be_visible()
        expect(page.get_by_role("heading", name="Beta quiz", level=2)).to_be_visible()
        expect(page.get_by_role("heading", name="Question 1 of 2", level=3)).to_be_visible()
        # Its table of contents lists the quiz like any other part of the lesson.
        toc = page.get_by_role("navigation", name="Table of contents")
        expect(toc.get_by_role("link", name="Beta quiz")).to_be_attached()

        answer_beta(page)
        expect(page.get_by_role("heading", name="Your result: Passed", level=3)).to_be_visible()
        page.wait_for_load_state("networkidle")
        # The home page loaded progress.js already; instant navigation keeps it.
        assert sorted({u.rsplit("/", 1)[-1] for u in seen if "/coursegen/" in u}) == [
            "quiz.css",
            "quiz.js",
            "results.js",
        ]
        saved = record(page)
        assert saved["q"]["beta-quiz"]["p"] is True and saved["q"]["beta-quiz"]["h"] == HASHES["beta-quiz"]
        assert saved["at"] == "closing-calls"
        axe_clean(page)
        shot(page.locator("article"), "lesson-quiz-passed")

        # The lesson quiz counts towards the course like a module quiz.
        complete_course(page, site)
        open_home(page, site)
        expect(page.get_by_text("You have completed the course.")).to_have_count(0)
        open_quiz(page, site, ALPHA)
        answer_alpha_right(page)
        open_home(page, site)
        expect(row(page, "Beta quiz")).to_contain_text("Done · Best score: 2 of 2 (100 %) · passed")
        expect(page.get_by_text("You have completed the course.")).to_be_visible()
