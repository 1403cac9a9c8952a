"""Golden tests: the pages the core renders for the mini course, byte for byte.

Run with UPDATE_GOLDEN=1 to rewrite the files after an intended change, then
review the diff like any other code change.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.model.load import load_course
from generator.pages.course import render_course
from generator.pages.site_settings import SiteSettings
from generator.pages.urls import site_path

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
GOLDEN = Path(__file__).parent / "golden" / "mini"


def _rendered() -> dict[str, str]:
    return render_course(load_course(FIXTURE), SiteSettings(language="en")).pages


def test_pages_match_golden_files() -> None:
    pages = _rendered()
    if os.environ.get("UPDATE_GOLDEN"):
        for src, text in pages.items():
            (GOLDEN / src).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / src).write_text(text)
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text() for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for src, text in pages.items():
        assert text == expected[src], f"{src} differs from tests/golden/mini/{src}"


def test_rendering_is_deterministic() -> None:
    assert _rendered() == _rendered()


def test_navigation_follows_the_outline() -> None:
    nav = render_course(load_course(FIXTURE), SiteSettings(language="en")).nav
    assert nav == [
        {"Mini course": "index.md"},
        {"Basics": [{"First lesson": "basics/first-lesson.md"}, {"Basics quiz": "basics/basics-quiz.md"}]},
        {"Final check": "final-check.md"},
    ]


@pytest.mark.parametrize(
    ("directory_urls", "expected"), [(True, 'href="../basics-quiz/"'), (False, 'href="basics-quiz.html"')]
)
def test_links_in_raw_html_follow_use_directory_urls(directory_urls: bool, expected: str) -> None:
    pages = render_course(load_course(FIXTURE), SiteSettings(language="en", directory_urls=directory_urls)).pages
    assert expected in pages["basics/first-lesson.md"]


def test_page_labels_follow_the_site_language() -> None:
    pages = render_course(load_course(FIXTURE), SiteSettings(language="de")).pages
    assert "## Das Wichtigste" in pages["basics/first-lesson.md"]


def test_a_lessons_quiz_is_shown_on_the_lesson_page_not_as_a_page_of_its_own() -> None:
    rendered = render_course(load_course(FIXTURE), SiteSettings(language="en"))
    lesson = rendered.pages["basics/first-lesson.md"]
    assert "first-check" not in str(rendered.nav)
    assert not any("first-check" in src for src in rendered.pages)
    # Its heading goes into the table of contents, after the takeaways and before the sources.
    assert lesson.index("## Key takeaways") < lesson.index("## Check the first lesson") < lesson.index("## Sources")
    assert 'id="cg-first-check"' in lesson
    # Questions sit one level under the quiz's own heading.
    assert 'role="heading" aria-level="3"' in lesson and 'aria-level="2"' not in lesson
    # The page records quiz results: its progress element names results.js.
    assert 'data-id="first-lesson"' in lesson and 'data-js="../../assets/coursegen/results.js"' in lesson
    home = rendered.pages["index.md"]
    assert '<a href="basics/first-lesson/#cg-first-check">Check the first lesson</a>' in home


def test_quizzes_left_out_for_the_engine_come_back_exactly() -> None:
    bundle = load_course(FIXTURE)
    inline = render_course(bundle, SiteSettings(language="en"))
    deferred = render_course(bundle, SiteSettings(language="en", inline_quizzes=False))
    assert sorted(deferred.fragments) == ["basics/basics-quiz.md", "basics/first-lesson.md", "final-check.md"]
    for src, text in deferred.pages.items():
        assert 'class="cg-quiz"' not in text
        assert deferred.finish(src, text) == inline.pages[src], src


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        (None, None),
        ("", None),
        ("http://127.0.0.1:8000", "/"),
        ("https://intranet.example.com/training/", "/training/"),
        ("https://intranet.example.com/training", "/training/"),
    ],
)
def test_the_site_path_comes_from_site_url(site_url: str | None, expected: str | None) -> None:
    assert site_path(site_url) == expected


@pytest.mark.parametrize(
    ("directory_urls", "quiz", "script"),
    [
        (True, 'href="/training/basics/basics-quiz/"', 'src="/training/assets/coursegen/progress.js"'),
        (False, 'href="/training/basics/basics-quiz.html"', 'src="/training/assets/coursegen/progress.js"'),
    ],
)
def test_with_a_site_path_every_url_is_root_relative(directory_urls: bool, quiz: str, script: str) -> None:
    # Zensical rewrites relative URLs in raw HTML and MkDocs does not (pages/urls.py): root-relative
    # ones come out the same from both.
    pages = render_course(
        load_course(FIXTURE), SiteSettings(language="en", directory_urls=directory_urls, url_base="/training/")
    ).pages
    lesson = pages["basics/first-lesson.md"]
    assert quiz in lesson and script in lesson
    assert not re.search(r'(?:href|src|data-js)="\.', "".join(pages.values())), "no relative URL is left"
