"""A picture, a table and a callout in a lesson, an answer's feedback and an explanation, as a
learner and a facilitator see them in Chromium: the picture loads with its text alternative,
the table is a table with its headers, the callout is Material's admonition; axe-clean.

The course is the mini fixture with those three written into each place, its picture in
course/images/ under a name with a space, built the ways a site is: `coursegen render` then
MkDocs (root-relative URLs under /training/), MkDocs with the plugin (URLs relative to each
page), and `coursegen facilitator`.
"""

from __future__ import annotations

import shutil
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from generator.engines.facilitator_site import build_facilitator

from .conftest import build_site, mkdocs_build, serving

REPOSITORY = Path(__file__).resolve().parents[2]
MINI = REPOSITORY / "tests" / "fixtures" / "mini"
PLACES = ("lesson", "feedback", "explanation")


def png(width: int, height: int) -> bytes:
    """A small opaque PNG, so that the browser has a picture to decode."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x30\x60\x90" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def content(place: str, indent: int) -> str:
    """A picture, a table and a callout, as a trainer writes them in a `|` block."""
    pad = " " * indent
    lines = [
        f"![The value ladder, {place}](images/value ladder.png)",
        "",
        "| Stage | What the customer says |",
        "|---|---|",
        f"| Renewal | {place} price question |",
        "",
        f'!!! tip "Ask first, {place}"',
        "    Ask what the customer values before you answer.",
    ]
    return "|\n" + "\n".join(pad + line if line else "" for line in lines)


def write_course(root: Path) -> None:
    shutil.copytree(MINI, root)
    # The project's own theme overrides, as a course made with `coursegen new` has them: they
    # fix Material's own axe findings (its search dialog's name, its faint footer notice).
    shutil.copytree(REPOSITORY / "theme", root / "theme")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: theme\n"))
    (root / "course" / "images").mkdir()
    (root / "course" / "images" / "value ladder.png").write_bytes(png(40, 30))
    lesson = root / "course" / "lessons" / "first-lesson.yaml"
    lesson.write_text(lesson.read_text().replace("body: Ask, then listen.", f"body: {content('lesson', 6)}"))
    quiz = root / "quizzes" / "basics-quiz.yaml"
    text = quiz.read_text()
    text = text.replace("        feedback: You used her name.", f"        feedback: {content('feedback', 10)}")
    text = text.replace("    explanation: Use the name you know.", f"    explanation: {content('explanation', 6)}")
    quiz.write_text(text)


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("trainer-content") / "mini"
    write_course(root)
    return root


@pytest.fixture(scope="module")
def learner_sites(course: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Both learner builds in one served folder: render/ and plugin/."""
    served = tmp_path_factory.mktemp("served")

    def build(url: str) -> Path:
        built = build_site(course, tmp_path_factory.mktemp("render"), url + "render/")
        shutil.copytree(built, served / "render")
        mkdocs_build(course / "mkdocs.yml", served / "plugin")
        build_facilitator(course, served / "facilitator")
        return served

    with serving(build) as server:
        yield server.url


def picture_loads(picture: Locator) -> None:
    expect(picture).to_be_visible()
    assert picture.evaluate("(img) => img.complete && img.naturalWidth") == 40


def is_a_table_with_headers(scope: Locator | Page, place: str) -> None:
    row = scope.get_by_role("row", name=f"Renewal {place} price question")
    expect(row).to_be_visible()
    table = scope.get_by_role("table").filter(has_text=f"{place} price question")
    expect(table.get_by_role("columnheader", name="Stage")).to_be_visible()
    expect(table.get_by_role("columnheader", name="What the customer says")).to_be_visible()


def is_materials_admonition(scope: Locator | Page, place: str) -> None:
    title = scope.get_by_text(f"Ask first, {place}", exact=True)
    expect(title).to_be_visible()
    # Material's admonition: a bordered box whose title has a tinted background and an icon.
    style = title.evaluate(
        """(title) => {
          const box = getComputedStyle(title.parentElement), head = getComputedStyle(title);
          return {border: box.borderLeftWidth, background: head.backgroundColor,
                  icon: getComputedStyle(title, '::before').maskImage || getComputedStyle(title, '::before').webkitMaskImage};
        }"""
    )
    assert style["border"] not in ("", "0px"), style
    assert style["background"] not in ("", "rgba(0, 0, 0, 0)", "transparent"), style
    assert style["icon"].startswith("url("), style
    expect(title.locator("xpath=..").get_by_text("Ask what the customer values before you answer.")).to_be_visible()


def axe_clean(page: Page) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], (page.url, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations])


@pytest.mark.parametrize("build", ["render", "plugin"])
def test_a_lesson_shows_its_picture_table_and_callout(learner_sites: str, page: Page, build: str) -> None:
    page.goto(f"{learner_sites}{build}/basics/first-lesson/")
    picture_loads(page.get_by_role("img", name="The value ladder, lesson"))
    is_a_table_with_headers(page, "lesson")
    is_materials_admonition(page, "lesson")
    axe_clean(page)


@pytest.mark.parametrize("build", ["render", "plugin"])
def test_feedback_and_explanation_show_theirs_once_checked(learner_sites: str, page: Page, build: str) -> None:
    page.goto(f"{learner_sites}{build}/basics/basics-quiz/")
    q = page.get_by_role("group", name="How do you answer?").locator("xpath=..")
    q.get_by_label("Hi Dana!").check()
    q.get_by_role("button", name="Check answer").click()
    for place in ("feedback", "explanation"):
        picture_loads(q.get_by_role("img", name=f"The value ladder, {place}"))
        is_a_table_with_headers(q, place)
        is_materials_admonition(q, place)
    axe_clean(page)


def test_the_facilitator_edition_shows_them_too(learner_sites: str, page: Page) -> None:
    page.goto(f"{learner_sites}facilitator/quizzes/basics-quiz/")
    for place in ("feedback", "explanation"):
        picture_loads(page.get_by_role("img", name=f"The value ladder, {place}"))
        is_a_table_with_headers(page, place)
        is_materials_admonition(page, place)
    axe_clean(page)
