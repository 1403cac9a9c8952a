"""The benchmark's synthetic courses are valid courses (the benchmark itself is `make bench`, not a test)."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.load import load_course
from generator.models import QUESTION_TYPES
from generator.render import render_course

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import synth


def test_synthetic_course_loads_and_renders(tmp_path: Path) -> None:
    course = synth.make_course(3, final_questions=20)
    bundle = load_course(synth.write_ours(course, tmp_path / "ours"))
    assert len(bundle.lessons) == 3 and len(bundle.quizzes) == 4
    quizzes = [bundle.quizzes[f"quiz-{i:04d}"] for i in (1, 2, 3)]
    assert all(len(quiz.questions) == 5 for quiz in quizzes)
    assert {q.type for q in quizzes[0].questions} == set(QUESTION_TYPES)
    assert len(bundle.quizzes["final-assessment"].questions) == 20
    pages = render_course(bundle, language="en").pages
    expected = {f"module-{i:04d}/{kind}-{i:04d}.md" for i in (1, 2, 3) for kind in ("lesson", "quiz")}
    assert expected | {"final-assessment.md", "index.md"} <= set(pages)


def test_lessons_differ_in_their_text() -> None:
    course = synth.make_course(2)
    first, second = (lesson["sections"][0]["body"] for lesson in course.lessons)
    assert first != second


def test_reading_and_peer_sites_have_the_same_reading_pages(tmp_path: Path) -> None:
    course = synth.make_course(3)
    reading = synth.write_reading(course, tmp_path / "reading") / "docs"
    peer = synth.write_peer(course, tmp_path / "peer") / "docs"
    lessons = sorted(p.relative_to(reading).as_posix() for p in reading.rglob("lesson-*.md"))
    assert len(lessons) == 3
    assert all((reading / p).read_text() == (peer / p).read_text() for p in lessons)
    quiz = (peer / "module-0001" / "quiz-0001.md").read_text()
    assert quiz.count("<quiz>") == 5 and quiz.count("</quiz>") == 5 and "- [x] " in quiz
