"""What a trainer sees in the built site: the navigation's top, role-play speakers, the file control."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from .conftest import Site
from .test_progress import axe_clean, open_home
from .test_quiz_runtime import ALPHA, BEST_PATH, focused_text, open_quiz, roleplay, say

DETAILS = "customer: '\"Two pallets, two days late, and my client noticed.\"'"


def test_the_course_title_is_once_at_the_top_of_the_navigation(site: Site, page: Page) -> None:
    open_home(page, site)
    nav = page.get_by_role("navigation", name="Navigation")
    # The site name above the list is the course title; the home page's entry says what it is.
    expect(nav.get_by_text("Quiz runtime course", exact=True)).to_have_count(1)
    expect(nav.get_by_role("link", name="Overview", exact=True)).to_have_count(1)
    expect(page.get_by_role("heading", name="Quiz runtime course", level=1)).to_be_visible()
    axe_clean(page)


def test_a_step_that_names_its_speaker_is_not_labelled_customer(site: Site, page: Page, course_copy: Path) -> None:
    quiz = course_copy / "quizzes" / "alpha-quiz.yaml"
    text = quiz.read_text()
    assert DETAILS in text
    quiz.write_text(
        text.replace(DETAILS, "customer: '**Dana:** \"Two pallets, two days late, and my client noticed.\"'")
    )
    with site.serving(site.build(course_copy)):
        open_quiz(page, site, ALPHA)
        rp = roleplay(page)
        # The first step says nothing of its speaker: coursegen names her role.
        expect(rp.get_by_text("Customer:", exact=True)).to_have_count(1)
        say(rp, BEST_PATH[0])
        said = focused_text(page)
        assert said.startswith("Dana:") and "Customer" not in said, said
        # The first step, now in the conversation above, still has its label; this one has hers alone.
        expect(rp.get_by_text("Customer:", exact=True)).to_have_count(1)
        expect(rp.get_by_text("Dana:", exact=True)).to_have_count(1)
        axe_clean(page)


def test_load_progress_is_a_button_reached_by_keyboard(site: Site, page: Page, tmp_path: Path) -> None:
    open_home(page, site)
    # Saving gives a file to load; the section is shown once the dashboard runs.
    delete = page.get_by_role("button", name="Delete all progress")
    expect(delete).to_be_visible()
    load = page.get_by_label("Load progress from a file")
    expect(load).to_have_attribute("type", "file")
    label = page.locator("label", has_text="Load progress from a file")
    # Drawn as the buttons beside it: the same colours, padding and corners.
    for prop in ("background-color", "color", "padding-top", "border-top-left-radius", "font-weight"):
        assert label.evaluate(f"(el) => getComputedStyle(el)['{prop}']") == delete.evaluate(
            f"(el) => getComputedStyle(el)['{prop}']"
        ), prop
    delete.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "cg-imp"
    assert label.evaluate("(el) => getComputedStyle(el).outlineStyle") == "solid"  # its focus ring
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")  # as on any file input
    chooser.value.set_files([])
    with page.expect_file_chooser() as chooser:
        label.click()  # the button that can be seen
    saved = tmp_path / "progress.json"
    saved.write_text(json.dumps({"format": "nothing we know"}))
    chooser.value.set_files(saved)
    expect(page.get_by_role("status")).not_to_be_empty()
    axe_clean(page)
