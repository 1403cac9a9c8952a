"""`coursegen new`: the exact lines it prints, the files it writes, the outline it leaves.

Every case runs on a copy of tests/fixtures/workbench, whose course.yaml has comments, quoting,
blank lines and both styles of lesson list: they must survive byte for byte, apart from the lines
the command adds. `coursegen check` must pass right after each command, and a refused command
must leave every file as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.model.load import load_course

FIXTURE = Path(__file__).parent / "fixtures" / "workbench"
OUTLINE = "course/course.yaml"
NEXT = "next: replace each TODO text; coursegen lint lists the ones left"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "workbench"
    shutil.copytree(FIXTURE, target)
    return target


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--root", str(root)])


def checks(root: Path) -> str:
    result = run(root, "check")
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result.stdout


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def outline(root: Path) -> str:
    return (root / OUTLINE).read_text()


def original() -> str:
    return (FIXTURE / OUTLINE).read_text()


END = "\n# The end of the outline: coursegen new adds above this comment.\n"


def added(lines: str) -> str:
    """The fixture's outline with lines added at the end of its data, above its closing comment."""
    assert original().endswith(END)
    return original().removesuffix(END) + lines + END


def test_new_lesson_joins_the_end_of_its_module_with_a_check_quiz(root: Path) -> None:
    result = run(root, "new", "lesson", "second-call", "--module", "calls")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "wrote course/lessons/second-call.yaml",
        "wrote quizzes/second-call-check.yaml (the lesson's check: one question on its objective "
        "'second-call-objective')",
        "added 'second-call' to the lessons of module 'calls' in course/course.yaml",
        NEXT,
    ]
    # The only change: the id at the end of the flow list, its comment as far from the list as before.
    assert outline(root) == original().replace(
        "    lessons: [first-call]   # more to come\n", "    lessons: [first-call, second-call]   # more to come\n"
    )
    lesson = (root / "course/lessons/second-call.yaml").read_text()
    assert lesson.startswith("# yaml-language-server: $schema=../../schema/lesson.schema.json\nid: second-call\n")
    assert "objectives:\n  - id: second-call-objective\n" in lesson
    assert lesson.endswith("quiz: second-call-check\n")
    quiz = (root / "quizzes/second-call-check.yaml").read_text()
    assert quiz.startswith("# yaml-language-server: $schema=../schema/quiz.schema.json\nid: second-call-check\n")
    assert "    objectives: [second-call-objective]  #" in quiz
    assert checks(root) == "ok: 2 modules, 3 lessons, 3 quizzes, 10 questions\n"


def test_new_lesson_in_a_block_list_adds_one_line(root: Path) -> None:
    result = run(root, "new", "lesson", "thank-you", "--module", "follow-through")
    assert result.exit_code == 0, result.output
    assert outline(root) == original().replace(
        "      - follow-up   # promises and summaries\n",
        "      - follow-up   # promises and summaries\n      - thank-you\n",
    )
    checks(root)


REORDERED = """\
id: workbench
title: Calls that build trust
version: "1.0"
description: Open a call on the customer's agenda, listen, and keep small promises.
audience: Account managers
modules:
  - id: follow-through
    title: Following through
    lessons:
      - follow-up

  # Calls: the module after it.
  - id: calls
    title: Calls
    lessons: [first-call]
    quiz: calls-quiz
"""


@pytest.mark.parametrize(
    ("args", "added_line"),
    [
        (["lesson", "thank-you", "--module", "follow-through"], "      - thank-you\n"),
        (["quiz", "follow-quiz", "--module", "follow-through"], "    quiz: follow-quiz\n"),
    ],
)
def test_an_entry_goes_above_the_comment_that_introduces_the_next_module(
    root: Path, args: list[str], added_line: str
) -> None:
    (root / OUTLINE).write_text(REORDERED)
    assert run(root, "new", *args).exit_code == 0
    assert outline(root) == REORDERED.replace("      - follow-up\n", "      - follow-up\n" + added_line)
    checks(root)


def test_new_module_comes_after_the_others_with_a_lesson_and_its_quiz(root: Path) -> None:
    result = run(root, "new", "module", "closing")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "wrote course/lessons/closing-intro.yaml",
        "wrote quizzes/closing-quiz.yaml (the module's quiz: one question on the objective 'closing-intro-objective')",
        "added module 'closing' to course/course.yaml, after the other modules",
        NEXT,
    ]
    assert outline(root) == added(
        "  - id: closing\n"
        '    title: "TODO: the module\'s title"\n'
        '    summary: "TODO: one sentence for the course home"\n'
        "    lessons: [closing-intro]\n"
        "    quiz: closing-quiz\n"
    )
    # Its lesson is assessed by the module's quiz, so it has no quiz of its own.
    assert "quiz:" not in (root / "course/lessons/closing-intro.yaml").read_text()
    assert checks(root) == "ok: 3 modules, 3 lessons, 3 quizzes, 10 questions\n"


def test_new_module_with_a_named_first_lesson(root: Path) -> None:
    result = run(root, "new", "module", "closing", "--lesson", "asking-for-the-order")
    assert result.exit_code == 0, result.output
    assert "    lessons: [asking-for-the-order]\n" in outline(root)
    assert (root / "course/lessons/asking-for-the-order.yaml").is_file()
    checks(root)


def test_new_quiz_for_a_module_without_one(root: Path) -> None:
    result = run(root, "new", "quiz", "follow-quiz", "--module", "follow-through")
    assert result.stdout.splitlines() == [
        "wrote quizzes/follow-quiz.yaml",
        "set quiz: follow-quiz for module 'follow-through' in course/course.yaml",
        NEXT,
    ]
    assert outline(root) == added("    quiz: follow-quiz\n")
    checks(root)


def test_new_quiz_as_the_final_assessment(root: Path) -> None:
    result = run(root, "new", "quiz", "final-check", "--final")
    assert result.stdout.splitlines() == [
        "wrote quizzes/final-check.yaml",
        "set final_assessment: final-check in course/course.yaml",
        NEXT,
    ]
    assert outline(root) == added("final_assessment: final-check\n")
    checks(root)


def test_new_quiz_for_a_lesson_lists_its_objectives(root: Path) -> None:
    lesson = (root / "course/lessons/first-call.yaml").read_text()
    result = run(root, "new", "quiz", "first-call-check", "--lesson", "first-call")
    assert result.stdout.splitlines() == [
        "wrote quizzes/first-call-check.yaml",
        "set quiz: first-call-check in course/lessons/first-call.yaml",
        NEXT,
    ]
    assert (root / "course/lessons/first-call.yaml").read_text() == lesson + "quiz: first-call-check\n"
    assert "    objectives: [call-open, call-listen]  #" in (root / "quizzes/first-call-check.yaml").read_text()
    assert outline(root) == original()
    checks(root)


def test_every_command_in_a_row_keeps_the_course_checking(root: Path) -> None:
    for args in (
        ["new", "lesson", "second-call", "--module", "calls"],
        ["new", "lesson", "thank-you", "--module", "follow-through"],
        ["new", "quiz", "follow-quiz", "--module", "follow-through"],
        ["new", "quiz", "final-check", "--final"],
        ["new", "module", "closing"],
        ["new", "quiz", "first-call-check", "--lesson", "first-call"],
    ):
        assert run(root, *args).exit_code == 0
        checks(root)
    # Every comment line of the outline is still there, unchanged and in order.
    comments = [line for line in original().splitlines() if "#" in line and "lessons: [" not in line]
    assert [line for line in outline(root).splitlines() if "#" in line and "lessons: [" not in line] == comments


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["lesson", "first-call", "--module", "calls"],
            "a lesson with the id 'first-call' already exists (course/lessons/first-call.yaml); choose another id",
        ),
        (
            ["lesson", "calls-quiz", "--module", "calls"],
            "a quiz with the id 'calls-quiz' already exists (quizzes/calls-quiz.yaml); choose another id",
        ),
        (
            ["lesson", "index", "--module", "calls"],
            "the id 'index' is taken by the course home page; choose another id",
        ),
        (
            ["quiz", "certificate", "--final"],
            "the id 'certificate' is taken by the certificate page; choose another id",
        ),
        (
            ["quiz", "404", "--final"],
            "the id '404' is taken by the page shown for a missing address; choose another id",
        ),
        (
            ["lesson", "second-call", "--module", "cals"],
            "no module has the id 'cals' (did you mean 'calls'?); the modules in course/course.yaml are: calls, "
            "follow-through",
        ),
        (
            ["lesson", "Second_Call", "--module", "calls"],
            "'Second_Call' cannot be a lesson id: use lowercase letters, digits and hyphens, starting with a letter "
            "or digit, at most 80 characters (e.g. 'first-call')",
        ),
        (
            ["quiz", "more", "--module", "calls"],
            "module 'calls' already has the quiz 'calls-quiz' in course/course.yaml; a module has one",
        ),
        (
            ["quiz", "more", "--lesson", "follow-up"],
            "lesson 'follow-up' already has the quiz 'follow-up-check' (course/lessons/follow-up.yaml); a lesson has "
            "one",
        ),
        (
            ["quiz", "more", "--lesson", "first-cal"],
            "no lesson has the id 'first-cal' (did you mean 'first-call'?); the lessons are the files in "
            "course/lessons/",
        ),
        (["quiz", "more"], "say where the quiz goes: --module ID, --lesson ID or --final (one of them)"),
        (
            ["quiz", "more", "--final", "--module", "calls"],
            "say where the quiz goes: --module ID, --lesson ID or --final (one of them)",
        ),
        (
            ["module", "calls"],
            "a module with the id 'calls' already exists in course/course.yaml; choose another id",
        ),
        (
            ["module", "closing", "--lesson", "first-call"],
            "a lesson with the id 'first-call' already exists (course/lessons/first-call.yaml); choose another id",
        ),
    ],
)
def test_a_refused_command_says_why_in_one_line_and_writes_nothing(root: Path, args: list[str], error: str) -> None:
    before = files(root)
    result = run(root, "new", *args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: {error}; nothing was written.\n"
    assert files(root) == before


def test_a_lesson_whose_check_quiz_id_is_taken_is_refused(root: Path) -> None:
    assert run(root, "new", "quiz", "second-call-check", "--final").exit_code == 0
    before = files(root)
    result = run(root, "new", "lesson", "second-call", "--module", "calls")
    assert result.stderr == (
        "error: a quiz with the id 'second-call-check' already exists (quizzes/second-call-check.yaml); "
        "choose another id; nothing was written.\n"
    )
    assert files(root) == before


def test_a_course_that_does_not_check_is_not_added_to(root: Path) -> None:
    (root / "quizzes/calls-quiz.yaml").write_text((root / "quizzes/calls-quiz.yaml").read_text() + "intor: x\n")
    before = files(root)
    result = run(root, "new", "lesson", "second-call", "--module", "calls")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "quizzes/calls-quiz.yaml:123:1: intor: unknown field 'intor'; did you mean 'intro'?",
        "The course must check before anything is added to it; nothing was written.",
    ]
    assert files(root) == before


def test_an_outline_with_windows_line_ends_keeps_them(root: Path) -> None:
    (root / OUTLINE).write_bytes(original().replace("\n", "\r\n").encode())
    assert run(root, "new", "quiz", "final-check", "--final").exit_code == 0
    assert (root / OUTLINE).read_bytes() == added("final_assessment: final-check\n").replace("\n", "\r\n").encode()
    checks(root)


def test_an_outline_that_cannot_be_written_back_as_it_is_is_not_touched(root: Path) -> None:
    # ruamel.yaml would write `[ first-call ]` as `[first-call]`: a change the trainer did not ask for.
    text = outline(root).replace("lessons: [first-call]", "lessons: [ first-call ]")
    (root / OUTLINE).write_text(text)
    before = files(root)
    result = run(root, "new", "quiz", "follow-quiz", "--module", "follow-through")
    assert result.stderr == (
        "error: course/course.yaml:17:15: coursegen new cannot add to this file without also rewriting this line "
        "(as 'lessons: [first-call]     # more to come'); write the line that way first, or add the entry by hand; "
        "nothing was written.\n"
    )
    assert files(root) == before


def test_placeholders_are_lint_warnings_until_replaced(root: Path) -> None:
    assert run(root, "new", "lesson", "second-call", "--module", "calls").exit_code == 0
    lint = run(root, "lint", "--strict")
    assert lint.exit_code == 1
    # The workbench names no xapi_id (CG403): only the placeholders are looked at here.
    lines = [line for line in lint.stdout.splitlines() if "warning[CG403]" not in line]
    assert lines[0] == (
        "course/lessons/second-call.yaml:3:8: warning[CG402]: 'TODO: the lesson's title' is a placeholder "
        "coursegen new wrote; replace it with the real text"
    )
    assert lines[-1] == "20 warnings (CG402: 19, CG403: 1); 0 silenced"
    # Every text the scaffold wrote is a placeholder: none of them is left unflagged.
    written = [root / "course/lessons/second-call.yaml", root / "quizzes/second-call-check.yaml"]
    assert sum(path.read_text().count("TODO") for path in written) == 19
    for path in written:
        path.write_text(path.read_text().replace("TODO: ", "Written: "))
    assert "CG402" not in run(root, "lint").stdout


def test_ruamel_is_only_the_writer_of_coursegen_new() -> None:
    # One reader per format: the pipeline reads YAML with PyYAML alone.
    generator = Path(__file__).parent.parent / "generator"
    users = sorted(str(p.relative_to(generator)) for p in generator.rglob("*.py") if "ruamel" in p.read_text())
    assert users == ["author/scaffold.py"]


def test_the_bundled_course_takes_every_command_and_still_checks(tmp_path: Path) -> None:
    bundled = Path(__file__).parent.parent
    for folder in ("course", "quizzes"):
        shutil.copytree(bundled / folder, tmp_path / folder)
    first = load_course(tmp_path).course.modules[0].id
    for args in (
        ["new", "lesson", "workbench-lesson", "--module", first],
        ["new", "module", "workbench-module"],
        ["new", "quiz", "workbench-check", "--lesson", "workbench-module-intro"],
    ):
        result = run(tmp_path, *args)
        assert result.exit_code == 0, result.output
        checks(tmp_path)
    before = (bundled / OUTLINE).read_text().splitlines()
    after = outline(tmp_path).replace(", workbench-lesson]", "]").splitlines()
    # Apart from the lesson added to a list, every line of the outline is still there, in order.
    assert [line for line in after if line in before] == before
