"""engines/source_links.py: raw HTML URLs written relative to the .md file, as Zensical reads them
(its rewriting, measured on Zensical 0.1.2, is checked by the real builds of tests/test_engines.py)."""

from __future__ import annotations

from posixpath import normpath

import pytest

from generator.engines.source_links import for_zensical, source_relative


@pytest.mark.parametrize(
    ("served_relative", "expected"),
    [
        ("../assets/coursegen/quiz.js", "assets/coursegen/quiz.js"),
        ("../../basics/quiz/", "../basics/quiz/"),
        ("../quiz/#cg-q1", "quiz/#cg-q1"),
        ("../", "./"),
        ("./", "lesson/"),
        ("sub/page/?x=1", "lesson/sub/page/?x=1"),
    ],
)
def test_a_url_from_the_served_folder_becomes_the_same_target_from_the_md_folder(
    served_relative: str, expected: str
) -> None:
    # basics/lesson.md is served at basics/lesson/: both forms must name the same place.
    assert source_relative(served_relative, "lesson") == expected
    path = served_relative.split("?")[0].split("#")[0]
    assert normpath("basics/lesson/" + path) == normpath("basics/" + expected.split("?")[0].split("#")[0])


@pytest.mark.parametrize("url", ["#cg-q1", "/training/x/", "https://example.com/a", "mailto:a@b.c", "data:x", ""])
def test_urls_that_are_not_relative_stay_as_written(url: str) -> None:
    assert source_relative(url, "lesson") == url


def test_only_href_and_src_of_raw_html_outside_code_change() -> None:
    page = (
        '<p class="cg-next"><a href="../quiz/">Quiz</a></p>\n'
        '<script type="module" src="../../assets/coursegen/progress.js"></script>\n'
        '<div class="cg-pg" data-js="../../assets/coursegen/results.js" hidden></div>\n'
        '`<a href="../x/">` in a code span\n\n'
        '```html\n<img src="../pic.png" alt="">\n```\n'
        "[a Markdown link](../other.md)\n"
    )
    assert for_zensical("basics/lesson.md", page, directory_urls=True) == (
        '<p class="cg-next"><a href="quiz/">Quiz</a></p>\n'
        '<script type="module" src="../assets/coursegen/progress.js"></script>\n'
        '<div class="cg-pg" data-js="../../assets/coursegen/results.js" hidden></div>\n'
        '`<a href="../x/">` in a code span\n\n'
        '```html\n<img src="../pic.png" alt="">\n```\n'
        "[a Markdown link](../other.md)\n"
    )


@pytest.mark.parametrize(
    ("src", "directory_urls"), [("index.md", True), ("basics/index.md", True), ("basics/lesson.md", False)]
)
def test_pages_served_from_their_md_folder_are_left_as_they_are(src: str, directory_urls: bool) -> None:
    page = '<a href="../quiz/">Quiz</a><script src="assets/coursegen/quiz.js"></script>'
    assert for_zensical(src, page, directory_urls=directory_urls) == page
