"""`coursegen serve` in Chromium: the open page follows each save, broken or not, by itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from preview_process import coursegen_serve, save

from generator.model.load import load_course
from generator.read.problems import CourseError

LESSON = "course/lessons/first-lesson.yaml"
WAIT = 60_000  # ms: a rebuild on a busy machine; expect() polls until then


def test_the_open_page_reloads_shows_a_broken_save_and_recovers(mini: Path, page: Page) -> None:
    lesson = mini / LESSON
    good = lesson.read_text()
    with coursegen_serve(mini) as served:
        page.goto(served.url + "basics/first-lesson/")
        expect(page.get_by_role("heading", name="First lesson", level=1)).to_be_visible()

        save(lesson, good.replace("title: First lesson", "title: Renamed lesson"), mini)
        expect(page.get_by_role("heading", name="Renamed lesson", level=1)).to_be_visible(timeout=WAIT)

        save(lesson, good.replace("title: First lesson", "title:"), mini)
        with pytest.raises(CourseError) as caught:
            load_course(mini)
        [problem] = [str(p) for p in caught.value.problems]
        notice = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="The course has 1 problem"))
        expect(notice).to_contain_text(problem, timeout=WAIT)
        # The last good page is still there beneath the notice, and the terminal says the same.
        expect(page.get_by_role("heading", name="Renamed lesson", level=1)).to_be_visible()
        assert problem in served.err()
        violations = Axe().run(page, context=f"#{notice.get_attribute('id')}").response["violations"]
        assert violations == [], violations

        save(lesson, good.replace("title: First lesson", "title: Fixed again"), mini)
        expect(page.get_by_role("heading", name="Fixed again", level=1)).to_be_visible(timeout=WAIT)
        expect(page.get_by_role("alert")).to_have_count(0)
