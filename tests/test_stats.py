"""`coursegen stats`: exact text and JSON for fixture courses, and figures that agree with the lint's."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from generator.author import reading_time
from generator.author.stats import course_figures
from generator.author.stats_report import plain_text, print_rich, tables
from generator.author.text import lesson_text, words
from generator.cli import main
from generator.model.load import load_course

FIXTURES = Path(__file__).parent / "fixtures"
WORKBENCH = FIXTURES / "workbench"
MINI = FIXTURES / "mini"
BUNDLED = Path(__file__).parent.parent

WORKBENCH_TEXT = """\
Calls that build trust: reading
module          lessons  words  minutes stated  minutes estimated  objectives
calls                 1    160              10                  9           2
follow-through        1    147              10                  9           2
--------------  -------  -----  --------------  -----------------  ----------
course                2    307              20                 18           4

Questions by type
module          single  multiple  ordering  matching  roleplay  questions
calls                3         2         0         0         1          6
follow-through       1         1         1         0         0          3
--------------  ------  --------  --------  --------  --------  ---------
course               4         3         1         0         1          9

Role-plays
quiz        question            steps  endings  success / partial / failure
calls-quiz  late-delivery-call      2        3                    1 / 1 / 1

Objectives, and the questions that assess each
module          lesson      objective       questions
calls           first-call  call-open               2
calls           first-call  call-listen             2
follow-through  follow-up   follow-promise          2
follow-through  follow-up   follow-summary          3

Validity panels, the last of each quiz: none
"""

MINI_TEXT = """\
Mini course: reading
module  lessons  words  minutes stated  minutes estimated  objectives
basics        1     68               5                  8           2
------  -------  -----  --------------  -----------------  ----------
course        1     68               5                  8           2

Questions by type
module            single  multiple  ordering  matching  roleplay  questions
basics                 2         1         2         1         1          7
final assessment       1         0         0         0         0          1
----------------  ------  --------  --------  --------  --------  ---------
course                 3         1         2         1         1          8

Role-plays
quiz         question  steps  endings  success / partial / failure
basics-quiz  call          2        3                    1 / 1 / 1

Objectives, and the questions that assess each
module  lesson        objective     questions
basics  first-lesson  first-greet           4
basics  first-lesson  first-listen          3

Validity panels, the last of each quiz: none
"""


def _objective(objective_id: str, lesson: str, questions: int) -> dict[str, object]:
    return {"id": objective_id, "lesson": lesson, "questions": questions}


ROLEPLAY = {
    "quiz": "calls-quiz",
    "question": "late-delivery-call",
    "steps": 2,
    "endings": {"success": 1, "partial": 1, "failure": 1},
}
CALLS_OBJECTIVES = [_objective("call-open", "first-call", 2), _objective("call-listen", "first-call", 2)]
FOLLOW_OBJECTIVES = [_objective("follow-promise", "follow-up", 2), _objective("follow-summary", "follow-up", 3)]
WORKBENCH_JSON = {
    "id": "workbench",
    "title": "Calls that build trust",
    "modules": [
        {
            "id": "calls",
            "title": "Calls",
            "lessons": 1,
            "words": 160,
            "minutes": {"stated": 10, "estimated": 8.8},
            "questions": {"single": 3, "multiple": 2, "ordering": 0, "matching": 0, "roleplay": 1, "total": 6},
            "roleplays": [ROLEPLAY],
            "objectives": CALLS_OBJECTIVES,
        },
        {
            "id": "follow-through",
            "title": "Following through",
            "lessons": 1,
            "words": 147,
            "minutes": {"stated": 10, "estimated": 8.7},
            "questions": {"single": 1, "multiple": 1, "ordering": 1, "matching": 0, "roleplay": 0, "total": 3},
            "roleplays": [],
            "objectives": FOLLOW_OBJECTIVES,
        },
    ],
    "final_assessment": None,
    "course": {
        "id": "course",
        "title": "Calls that build trust",
        "lessons": 2,
        "words": 307,
        "minutes": {"stated": 20, "estimated": 17.5},
        "questions": {"single": 4, "multiple": 3, "ordering": 1, "matching": 0, "roleplay": 1, "total": 9},
        "roleplays": [ROLEPLAY],
        "objectives": CALLS_OBJECTIVES + FOLLOW_OBJECTIVES,
    },
    "panels": [],
}


def stats(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["stats", "--root", str(root), *args])


def test_text_for_the_workbench_course() -> None:
    result = stats(WORKBENCH)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == WORKBENCH_TEXT


def test_text_for_a_course_with_a_final_assessment_and_every_question_type() -> None:
    assert stats(MINI).stdout == MINI_TEXT


def test_json_for_the_workbench_course() -> None:
    result = stats(WORKBENCH, "--format", "json")
    assert result.exit_code == 0
    assert result.stdout == json.dumps(WORKBENCH_JSON, indent=2) + "\n"


def test_a_course_that_does_not_check_gets_its_problems_not_figures(mini: Path) -> None:
    (mini / "quizzes/basics-quiz.yaml").write_text((mini / "quizzes/basics-quiz.yaml").read_text() + "intor: x\n")
    result = stats(mini)
    assert result.exit_code == 1 and result.stdout == ""
    assert "intor: unknown field 'intor'; did you mean 'intro'?" in result.stderr


def test_the_terminal_table_shows_the_same_rows() -> None:
    figures = course_figures(load_course(WORKBENCH))
    out = io.StringIO()
    print_rich(figures, Console(file=out, width=160, color_system=None, force_terminal=True))
    drawn = out.getvalue()
    assert "─" in drawn  # drawn as a table, not as the plain text
    for table in tables(figures):
        assert table.title in drawn
        for row in table.rows:
            assert re.search(r"\s+".join(re.escape(cell) for cell in row), drawn), row


def test_words_and_estimates_are_the_lints_own_on_the_bundled_course() -> None:
    bundle = load_course(BUNDLED)
    figures = course_figures(bundle)
    lessons = list(bundle.lessons.values())
    counted = [len(words(lesson_text(lesson))) for lesson in lessons]
    assert figures.course.words == sum(counted)
    assert figures.course.minutes_estimated == pytest.approx(
        sum(
            reading_time.estimate(n, lesson.exercise is not None, lesson.reflection is not None)
            for n, lesson in zip(counted, lessons, strict=True)
        )
    )
    assert figures.course.minutes_stated == sum(lesson.minutes for lesson in lessons)
    assert figures.course.question_total == sum(len(quiz.questions) for quiz in bundle.quizzes.values())
    assert figures.course.lessons == len(lessons)
    assert plain_text(figures) == stats(BUNDLED).stdout


def test_the_readme_shows_what_stats_prints() -> None:
    readme = (BUNDLED / "README.md").read_text()
    assert f"```console\n$ coursegen stats\n{WORKBENCH_TEXT}```\n" in readme
