"""Whole pages as served: real `mkdocs build`s, each HTML file and the JS + CSS it loads, gzip -9.

The bundled course is built as `make site` builds it; the lesson-quiz budget compares the same
synthetic lesson (benchmarks/synth.py: five questions, one of each type) built with its quiz on
its page and without. benchmarks/weights.py does the weighing; `make bench` reports the same.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from generator.model.load import load_course
from generator.pages.quiz_html import decode_blob

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import weights

REPO = Path(__file__).resolve().parent.parent

# A quiz page is held on what the generator adds to it, not on what the trainer wrote (issue 23:
# the absolute 22 KB once held on the final assessment made the course shorten its feedback).
# weights.QuizPageWeight defines "text content" and "Material's page". The targets are
# weights.QUIZ_PAGE_OVERHEAD (6 KB) and weights.DATA_FACTOR (1.15x); today the final assessment adds
# 7.6 KB (about 1.4 KB of it the random per-option tokens) and base64 in the page costs 1.16 to 1.18x
# its plain JSON (it shares gzip's Huffman tables with the HTML around it). Those are the quiz
# page's encoding, not the course; until it changes, these hold today's figures so that neither grows.
OVERHEAD = weights.QUIZ_PAGE_OVERHEAD_HELD
DATA_FACTOR = weights.DATA_FACTOR_HELD
LESSON_QUIZ_ADDS = weights.LESSON_QUIZ_ADDS
RUNTIME = weights.RUNTIME
LESSON = weights.LESSON


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return weights.build(REPO, tmp_path_factory.mktemp("bundled") / "site")


@pytest.fixture(scope="module")
def lesson_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Lesson 1 of the same synthetic course with its quiz on its page, and with it on a page of its own."""
    work = tmp_path_factory.mktemp("lesson-quiz")
    with_quiz, without = weights.lesson_quiz_courses(work)
    return weights.build(with_quiz, work / "site-with"), weights.build(without, work / "site-without")


def final_page() -> str:
    final = load_course(REPO).course.final_assessment
    assert final
    return f"{final}/index.html"


def quiz_pages(site: Path) -> list[str]:
    return [page for page in weights.pages(site) if weights.kind(site, page) == "quiz"]


def test_a_quiz_page_adds_little_to_its_text_and_materials_page(bundled: Path) -> None:
    found = [weights.weigh_quiz_page(bundled, page) for page in quiz_pages(bundled)]
    assert len(found) == len(load_course(REPO).quizzes)
    for page in found:
        assert 0 < page.material < page.html and 0 < page.text < page.html, page
        assert page.overhead <= OVERHEAD, (
            f"{page.page}: {page.html} B = text {page.text} + Material {page.material} + {page.overhead} B added, "
            f"over {OVERHEAD} B"
        )


def test_the_weighing_splits_the_page_as_defined(bundled: Path) -> None:
    bundle = load_course(REPO)
    page = final_page()
    html = (bundled / page).read_text(encoding="utf-8")
    quiz = bundle.quizzes[page.split("/")[0]]
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.DOTALL)
    assert article
    material = html.replace(article[1], "")
    # Material's page holds none of the quiz, and everything around it.
    assert 'class="cg-quiz"' not in material and "md-header" in material and "md-footer" in material
    assert weights.weigh_quiz_page(bundled, page).material == weights.gz(material.encode("utf-8"))
    # The text content holds the words of every feedback, which the page carries only in its data.
    match = re.search(r'data-quiz="([^"]+)"[^>]*data-hash="([^"]+)"[^>]*data-key="([^"]+)"', html)
    assert match
    data = decode_blob(match[3], f"{match[1]}:{match[2]}")
    text = "\n".join([weights.visible_text(article[1]), *weights._data_texts(data)])
    for question in quiz.questions:
        for option in getattr(question, "options", []):
            words = re.findall(r"[A-Za-z]{6,}", option.feedback)
            assert all(word in text for word in words), (question.id, words)
    assert "<p>" not in text and 'data-key="' not in text


def test_the_quiz_data_compresses_in_the_page(bundled: Path) -> None:
    # The data costs the page about what the same data as plain JSON costs, gzip -9 on its own
    # (1.08 times that with the first edition of the course, 1.16 with the second, whose shorter
    # feedback compresses better as plain JSON while base64 keeps its cost; 2.75 times when it was
    # XOR-ed without being compressed first).
    for name in quiz_pages(bundled):
        page = weights.weigh_quiz_page(bundled, name)
        assert page.data_factor <= DATA_FACTOR, (name, page.data, page.data_plain)
    html = (bundled / final_page()).read_text(encoding="utf-8")
    match = re.search(r'data-quiz="([^"]+)"[^>]*data-hash="([^"]+)"[^>]*data-key="([^"]+)"', html)
    assert match
    data = decode_blob(match[3], f"{match[1]}:{match[2]}")
    assert len(data["q"]) == len(load_course(REPO).quizzes[final_page().split("/")[0]].questions)
    plain = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert len(match[3]) < len(plain) / 2


def test_a_five_question_lesson_quiz_adds_at_most_5_kb(lesson_sites: tuple[Path, Path]) -> None:
    with_quiz, without = (weights.weigh(site, LESSON) for site in lesson_sites)
    text = (lesson_sites[0] / LESSON).read_text(encoding="utf-8")
    assert text.count('class="cg-q"') == 5 and 'class="cg-quiz"' not in (lesson_sites[1] / LESSON).read_text()
    added = with_quiz.html - without.html
    assert 0 < added <= LESSON_QUIZ_ADDS, f"the quiz adds {added} B gzip -9 to {LESSON}, over {LESSON_QUIZ_ADDS} B"


def test_the_runtime_each_page_loads_fits_its_budget(bundled: Path, lesson_sites: tuple[Path, Path]) -> None:
    seen = dict.fromkeys(RUNTIME, 0)
    for site in (bundled, *lesson_sites):
        for page in weights.pages(site):
            kind, weight = weights.kind(site, page), weights.weigh(site, page)
            seen[kind] += 1
            assert weight.runtime <= RUNTIME[kind], (page, kind, weight.files)
            # Every page loads the theme's stylesheet: the weighing does find our files.
            assert "assets/stylesheets/coursegen-site.css" in weight.files, page
            if kind == "quiz":
                names = {path.rsplit("/", 1)[-1] for path in weight.files}
                assert names >= {"quiz.js", "quiz.css", "results.js", "progress.js"}, page
            if kind == "dashboard":
                names = {path.rsplit("/", 1)[-1] for path in weight.files}
                assert names >= {"dashboard.js", "dashboard.css", "progress.js"}, page
    assert seen["quiz"] >= 8 and seen["dashboard"] >= 4 and seen["other"] >= 12, seen
