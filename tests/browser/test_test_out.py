"""Testing out of a module (issue 26): a pre-test before the lessons, in Chromium.

A copy of the fixture course gives its second module `pretest: {questions: 2}`: two of the beta
quiz's questions, drawn at random, each with one right option. Passed, the module's lesson counts
as done and its quiz as passed (and its objective enters the review schedule); failed, the page
lists the objective to study, with a link to its lesson.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .conftest import Site
from .test_progress import axe_clean, record, row
from .test_reviews import BETA_WRONG, answer_review, bound, due_line, learner, long_date, open_home

PRETEST = "second/test-out/"


@pytest.fixture
def pretest_site(site: Site, course_copy: Path) -> Iterator[Site]:
    outline = course_copy / "course" / "course.yaml"
    outline.write_text(
        outline.read_text().replace("    quiz: beta-quiz\n", "    quiz: beta-quiz\n    pretest:\n      questions: 2\n")
    )
    with site.serving(site.build(course_copy)):
        yield site


def open_pretest(page: Page, site: Site) -> None:
    page.goto(site.url + PRETEST)
    expect(page.get_by_role("heading", name="Test out: Second module", level=1)).to_be_visible()
    bound(page)
    expect(page.get_by_role("heading", name=re.compile(r"^Question \d of 2$"))).to_have_count(2)


def test_passing_the_pretest_tests_out_of_the_module(
    pretest_site: Site, make_context: Callable[..., BrowserContext]
) -> None:
    page = learner(make_context)
    open_pretest(page, pretest_site)
    answer_review(page, right=True)
    expect(page.get_by_role("status").filter(has_text="tested out")).to_have_text(
        "You tested out of this module: its lessons are marked done and its quiz passed."
    )
    saved = record(page)
    assert saved["l"]["closing-calls"] == 2 and saved["q"]["beta-quiz"]["p"] is True
    open_home(page, pretest_site)
    expect(row(page, "Beta quiz")).to_contain_text("Done")
    expect(row(page, "Closing calls")).to_contain_text("Done")
    # The module's objectives are in the review schedule, as after passing its quiz.
    expect(due_line(page)).to_have_text(f"Nothing to review today. Your next review is on {long_date(2)}.")


def test_failing_the_pretest_says_what_to_study(
    pretest_site: Site, make_context: Callable[..., BrowserContext]
) -> None:
    page = learner(make_context)
    open_pretest(page, pretest_site)
    assert BETA_WRONG
    answer_review(page, right=False)
    expect(page.get_by_role("status").filter(has_text="Not passed this time")).to_have_text(
        "Not passed this time. Study these, then take the module's quiz:"
    )
    link = page.get_by_role("listitem").get_by_role("link", name="Agree a dated next step before you hang up.")
    expect(link).to_have_attribute("href", re.compile(r"closing-calls/$"))
    assert "closing-calls" not in record(page)["l"] or record(page)["l"]["closing-calls"] < 2
    assert "beta-quiz" not in record(page)["q"]
    axe_clean(page)
