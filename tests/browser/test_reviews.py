"""Spaced reviews (issue 26) in Chromium, on a controlled clock: Playwright's clock moves the days.

The fixture course has reviews on by default (2, 7, 28, 90 days, 4 questions). The beta quiz
(module "second") assesses one objective, agree-next-step, with four one-right-answer questions,
so a review of it asks one of them; the alpha quiz (module "first") assesses two more. The
browser runs in Berlin's timezone, whose clocks change on 29 March 2026: the days counted are the
learner's calendar days whatever the hour.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import icalendar
from playwright.sync_api import BrowserContext, Locator, Page, expect

from .conftest import Site
from .test_progress import BETA_RIGHT, answer_beta, axe_clean, record
from .test_quiz_runtime import ALPHA, BETA, answer_alpha_right, check

ZONE = "Europe/Berlin"
START = datetime(2026, 3, 2, 10, 30, tzinfo=ZoneInfo(ZONE))  # a Monday morning, day 0
BETA_WRONG = ["A vague promise", "Nobody in particular", "Next quarter", "The full product catalogue"]
REVIEW = "review/"


def on_day(n: int, hour: int = 10) -> datetime:
    """Day n after START (local calendar days), at `hour` local time."""
    day = START.date() + timedelta(days=n)
    return datetime(day.year, day.month, day.day, hour, 15, tzinfo=ZoneInfo(ZONE))


def long_date(n: int) -> str:
    """Day n after START as the page writes it in English ('March 4, 2026')."""
    day = START.date() + timedelta(days=n)
    return f"{day:%B} {day.day}, {day.year}"


def day_number(n: int) -> int:
    """Day n after START as schedule.js counts days (0 is 1 January 1970)."""
    return (START.date() + timedelta(days=n) - date(1970, 1, 1)).days


def learner(make_context: Callable[..., BrowserContext], **kwargs: Any) -> Page:
    """A learner's browser in Berlin whose clock starts at START."""
    context = make_context(timezone_id=ZONE, locale="en-GB", accept_downloads=True, **kwargs)
    page = context.new_page()
    page.clock.install(time=START)
    return page


def go_to(page: Page, n: int, hour: int = 10) -> None:
    page.clock.set_system_time(on_day(n, hour))


def bound(page: Page) -> None:
    """Wait until the quiz runtime has bound the page's quizzes. (Not by its performance mark:
    Playwright's clock replaces `performance`.)"""
    page.wait_for_selector("cg-quiz-life", state="attached")
    page.evaluate("Promise.all([...document.querySelectorAll('cg-quiz-life')].map((life) => life.ready))")


class Served(Protocol):
    """A site served on 127.0.0.1 (conftest's Site or Server): its address."""

    url: str


def open_quiz(page: Page, site: Served, path: str) -> None:
    page.goto(site.url + path)
    bound(page)


def pass_beta(page: Page, site: Served) -> None:
    open_quiz(page, site, BETA)
    answer_beta(page)
    expect(page.get_by_role("heading", name="Your result: Passed")).to_be_visible()


def due_line(page: Page) -> Locator:
    return page.get_by_role("paragraph").filter(has_text=re.compile(r"reviews? due|next review|no more reviews"))


def open_home(page: Page, site: Site) -> None:
    page.goto(site.url)
    expect(page.get_by_text(re.compile(r"^\d+ of 5 done"))).to_be_visible()


def open_review(page: Page, site: Site) -> None:
    page.goto(site.url + REVIEW)
    expect(page.get_by_role("heading", name="Review", exact=True)).to_be_visible()


def review_status(page: Page) -> Locator:
    return page.get_by_role("status").filter(has_text=re.compile("review|Nothing"))


def answer_review(page: Page, *, right: bool) -> None:
    """Answer every question of the review on the page (beta's kind: one right option each)."""
    groups = page.get_by_role("group")
    expect(groups.first).to_be_visible()
    for k in range(groups.count()):
        q = groups.nth(k).locator("xpath=..")
        labels = BETA_RIGHT if right else BETA_WRONG
        q.get_by_label(next(t for t in labels if q.get_by_label(t).count())).check()
        check(q)
    expect(page.get_by_role("heading", name=re.compile("^Your result"))).to_be_visible()


def asked(page: Page) -> str:
    """The prompt of the one question the review on the page asks."""
    group = page.get_by_role("group")
    expect(group).to_have_count(1)
    return group.inner_text().splitlines()[0]


def schedule(page: Page) -> dict[str, list[int]]:
    return dict(record(page).get("r", {}).get("o", {}))


def test_a_passed_module_is_due_on_day_2_not_day_1(site: Site, make_context: Callable[..., BrowserContext]) -> None:
    page = learner(make_context)
    pass_beta(page, site)
    open_home(page, site)
    expect(due_line(page)).to_have_text(f"Nothing to review today. Your next review is on {long_date(2)}.")
    open_review(page, site)
    expect(review_status(page)).to_have_text(f"Nothing to review today. Your next review is on {long_date(2)}.")
    expect(page.get_by_role("group")).to_have_count(0)

    go_to(page, 1, hour=23)
    open_home(page, site)
    expect(due_line(page)).to_have_text(f"Nothing to review today. Your next review is on {long_date(2)}.")

    go_to(page, 2, hour=0)
    open_home(page, site)
    expect(due_line(page)).to_have_text("1 review due · Start the review")
    page.get_by_role("link", name="Start the review").click()
    expect(page.get_by_role("heading", name="Question 1 of 1")).to_be_visible()
    answer_review(page, right=True)
    # Right: up one box, due 7 days later.
    expect(review_status(page)).to_have_text(
        f"Your review is recorded. Nothing to review today. Your next review is on {long_date(9)}."
    )
    assert schedule(page) == {"agree-next-step": [2, day_number(9), 1]}
    open_home(page, site)
    expect(due_line(page)).to_have_text(f"Nothing to review today. Your next review is on {long_date(9)}.")
    expect(page.get_by_text("Reviews: 1 of 1 right at the last review")).to_be_visible()
    axe_clean(page)


def test_a_wrong_answer_brings_the_objective_back_sooner(
    site: Site, make_context: Callable[..., BrowserContext]
) -> None:
    page = learner(make_context)
    pass_beta(page, site)
    go_to(page, 2)
    open_review(page, site)
    first = asked(page)
    answer_review(page, right=True)
    go_to(page, 9)
    open_review(page, site)
    # Another of the objective's questions: one not seen yet comes first.
    second = asked(page)
    assert second != first
    answer_review(page, right=False)
    # Wrong: back to box 1, due 2 days later (a right answer would have waited 28).
    assert schedule(page) == {"agree-next-step": [1, day_number(11), 0]}
    expect(review_status(page)).to_contain_text(f"Your next review is on {long_date(11)}.")
    open_home(page, site)
    expect(page.get_by_text("Reviews: 0 of 1 right at the last review")).to_be_visible()


def test_a_month_away_is_one_review_not_a_flood(
    site: Site, make_context: Callable[..., BrowserContext], course_copy: Path
) -> None:
    # Two of the three objectives a review at most: the third waits for the next review.
    course_yaml = course_copy / "course" / "course.yaml"
    course_yaml.write_text(course_yaml.read_text() + "reinforcement:\n  questions: 2\n")
    root = site.build(course_copy)
    with site.serving(root):
        page = learner(make_context)
        open_quiz(page, site, ALPHA)
        answer_alpha_right(page)
        pass_beta(page, site)
        go_to(page, 35)
        open_home(page, site)
        expect(due_line(page)).to_have_text("2 reviews due · Start the review")
        open_review(page, site)
        expect(page.get_by_role("heading", name="Question 1 of 2")).to_be_visible()
        expect(page.get_by_role("heading", name=re.compile(r"^Question \d of"))).to_have_count(2)


def test_the_calendar_holds_the_schedule(site: Site, make_context: Callable[..., BrowserContext]) -> None:
    page = learner(make_context)
    pass_beta(page, site)
    open_review(page, site)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Add review reminders to your calendar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == "quizcourse-reviews.ics"
    text = Path(download.path()).read_bytes()
    assert b"\r\n" in text and all(len(line) <= 75 for line in text.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    assert [event.decoded("DTSTART") for event in events] == [START.date() + timedelta(days=2)]
    event = events[0]
    assert str(event["URL"]) == site.url + REVIEW
    assert site.url + REVIEW in str(event["DESCRIPTION"])
    assert [str(alarm["ACTION"]) for alarm in event.walk("VALARM")] == ["DISPLAY"]
    uid = str(event["UID"])

    # After a review the calendar is made again from the new schedule.
    go_to(page, 2)
    open_review(page, site)
    answer_review(page, right=True)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Add review reminders to your calendar (.ics)").click()
    events = list(icalendar.Calendar.from_ical(Path(download_info.value.path()).read_bytes()).walk("VEVENT"))
    assert [event.decoded("DTSTART") for event in events] == [START.date() + timedelta(days=9)]
    assert str(events[0]["UID"]) != uid


def test_two_tabs_share_one_schedule(site: Site, make_context: Callable[..., BrowserContext]) -> None:
    page = learner(make_context)
    pass_beta(page, site)
    go_to(page, 2)
    open_review(page, site)
    other = page.context.new_page()
    open_review(other, site)
    expect(other.get_by_role("heading", name="Question 1 of 1")).to_be_visible()
    answer_review(page, right=True)
    # The other tab learns of the review the moment it is recorded: nothing is due any more.
    expect(review_status(other)).to_have_text(f"Nothing to review today. Your next review is on {long_date(9)}.")
    expect(other.get_by_role("group")).to_have_count(0)


def test_cleared_storage_has_nothing_due(site: Site, make_context: Callable[..., BrowserContext]) -> None:
    page = learner(make_context)
    pass_beta(page, site)
    go_to(page, 3)
    open_home(page, site)
    expect(due_line(page)).to_have_text("1 review due · Start the review")
    page.evaluate("localStorage.clear()")
    open_home(page, site)
    expect(due_line(page)).to_have_count(0)
    open_review(page, site)
    expect(review_status(page)).to_have_text(
        "Nothing to review yet: reviews start once you have passed a module's quiz."
    )
    axe_clean(page)


def test_the_review_page_is_accessible_with_a_review_due(
    site: Site, make_context: Callable[..., BrowserContext]
) -> None:
    page = learner(make_context)
    pass_beta(page, site)
    go_to(page, 2)
    open_review(page, site)
    expect(page.get_by_role("heading", name="Question 1 of 1")).to_be_visible()
    axe_clean(page)


def test_the_schedule_travels_in_the_progress_file(
    site: Site, make_context: Callable[..., BrowserContext], tmp_path: Path
) -> None:
    page = learner(make_context)
    pass_beta(page, site)
    go_to(page, 2)
    open_review(page, site)
    answer_review(page, right=True)
    taken = schedule(page)
    open_home(page, site)
    with page.expect_download() as download:
        page.get_by_role("button", name="Save progress to a file").click()
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)

    # Another browser: the file brings the schedule, and the next review is where it was.
    other = learner(make_context)
    go_to(other, 3)
    open_home(other, site)
    other.get_by_label("Load progress from a file").set_input_files(saved)
    expect(other.get_by_role("status")).to_have_text("Your progress was loaded from the file.")
    assert schedule(other) == taken
    expect(due_line(other)).to_have_text(f"Nothing to review today. Your next review is on {long_date(9)}.")
