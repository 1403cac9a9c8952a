"""The benchmark's synthetic courses are valid courses (the benchmark itself is `make bench`, not a test)."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.model.load import load_course
from generator.model.models import QUESTION_TYPES
from generator.pages.course import render_course

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import synth


def test_synthetic_course_loads_and_renders(tmp_path: Path) -> None:
    course = synth.make_course(12, final_questions=20, module_quizzes=(2,))
    bundle = load_course(synth.write_ours(course, tmp_path / "ours"))
    assert len(bundle.lessons) == 12 and len(bundle.quizzes) == 13
    quizzes = [bundle.quizzes[f"quiz-{i:04d}"] for i in range(1, 13)]
    assert all(len(quiz.questions) == 5 for quiz in quizzes)
    assert {q.type for q in quizzes[0].questions} == set(QUESTION_TYPES)
    assert len(bundle.quizzes["final-assessment"].questions) == 20
    assert [len(m.lessons) for m in bundle.course.modules] == [10, 2]
    pages = render_course(bundle, language="en").pages
    # Every lesson's quiz is on its page, but lesson 2's, which has a page of its own.
    assert set(pages) == {
        *(f"module-0001/lesson-{i:04d}.md" for i in range(1, 11)),
        "module-0001/quiz-0002.md",
        "module-0002/lesson-0011.md",
        "module-0002/lesson-0012.md",
        "final-assessment.md",
        "index.md",
        "certificate.md",
    }
    assert 'data-quiz="quiz-0001"' in pages["module-0001/lesson-0001.md"]
    assert "data-quiz=" not in pages["module-0001/lesson-0002.md"]


def test_the_layout_older_generators_read_has_the_same_lessons_and_quizzes(tmp_path: Path) -> None:
    new = load_course(synth.write_ours(synth.make_course(3), tmp_path / "new"))
    old = load_course(synth.write_ours(synth.make_course(3, layout="module"), tmp_path / "old"))
    assert old.quizzes == new.quizzes
    assert {k: v.model_copy(update={"quiz": None}) for k, v in new.lessons.items()} == old.lessons
    assert [m.quiz for m in old.course.modules] == ["quiz-0001", "quiz-0002", "quiz-0003"]


def test_lessons_differ_in_their_text() -> None:
    course = synth.make_course(2)
    first, second = (lesson["sections"][0]["body"] for lesson in course.lessons)
    assert first != second


def test_reading_text_and_peer_sites_have_the_same_pages_and_reading(tmp_path: Path) -> None:
    course = synth.make_course(3)
    sites = {
        name: write(course, tmp_path / name) / "docs"
        for name, write in (
            ("reading", synth.write_reading),
            ("peer", synth.write_peer),
            ("text", lambda c, p: synth.write_reading(c, p, quiz_text=True)),
        )
    }
    pages = {name: sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) for name, docs in sites.items()}
    assert pages["reading"] == pages["peer"] == pages["text"]
    assert len(pages["reading"]) == 4
    for src in pages["reading"]:
        if src != "index.md":
            reading = (sites["reading"] / src).read_text()
            assert (sites["peer"] / src).read_text().startswith(reading)
            assert (sites["text"] / src).read_text().startswith(reading)
    lesson = (sites["peer"] / "module-0001" / "lesson-0001.md").read_text()
    assert lesson.count("<quiz>") == 5 and lesson.count("</quiz>") == 5 and "- [x] " in lesson


def test_the_benchmark_reports_page_weights_against_their_budgets() -> None:
    import run
    import weights

    def page(name: str, html: int, **files: int) -> weights.PageWeight:
        return weights.PageWeight(name, html, {f"assets/coursegen/{k.replace('_', '.')}": v for k, v in files.items()})

    quiz_page = weights.QuizPageWeight("q/index.html", html=20000, material=4500, text=9000, data=7000, data_plain=6000)
    report = weights.Report(
        final=page("final-assessment/index.html", 22000),
        quiz_pages=[quiz_page],
        lesson=page("m/l/index.html", 8000),
        with_quiz=page(weights.LESSON, 11000),
        without_quiz=page(weights.LESSON, 7000),
        runtime={
            "quiz": page("q/index.html", 0, quiz_js=4000, quiz_css=1500),
            "other": page("l/index.html", 0, progress_js=900),
        },
    )
    rows = run.weight_rows(report)
    # final (no budget), what a quiz page adds, its data's cost, lesson, what the quiz adds, runtime on two kinds
    assert len(rows) == 7
    final, overhead, data, lesson, added, quiz, other = rows
    assert final[2] == "" and lesson[2] == ""
    assert overhead[1] == "6.3 KB" and overhead[2].endswith("❌")  # 20000 - 9000 - 4500 = 6500 B, over 6 KB
    assert data[1] == "1.17×" and data[2] == "≤ 1.15× ❌"
    assert added[2].endswith("✅") and quiz[2].endswith("✅") and other[2].endswith("✅")
    assert added[1].startswith("3.9 KB") and quiz[1] == "5.4 KB" and "quiz.js 3.9 KB" in quiz[0]
