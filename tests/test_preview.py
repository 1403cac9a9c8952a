"""`coursegen serve`: what it prints, and what a saved file does to the preview.

The end-to-end tests run the real command on a copy of the mini course (preview_process);
tests/browser/test_live_preview.py watches an open page in Chromium.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import escape
from mkdocs.exceptions import Abort, PluginError
from preview_process import COURSEGEN, coursegen_serve, fetch, free_port, save, wait_until

from generator.engines.mkdocs_plugin import CourseProblems
from generator.engines.preview import changes_text, failure_lines
from generator.model.load import load_course
from generator.pages.problem_banner import BANNER_ID, problem_banner, with_banner
from generator.read.problems import CourseError

LESSON = "course/lessons/first-lesson.yaml"
QUIZ = "quizzes/basics-quiz.yaml"
LESSON_PAGE = "basics/first-lesson/"
QUIZ_PAGE = "basics/basics-quiz/"
REBUILT = re.compile(r"Rebuilt in \d+\.\d s after (?P<what>.+) changed")


def problems_of(project: Path) -> list[str]:
    """The lines `coursegen check` prints for the project as it is now."""
    with pytest.raises(CourseError) as caught:
        load_course(project)
    return [str(problem) for problem in caught.value.problems]


def test_serve_prints_its_address_then_one_line_per_rebuild(mini: Path) -> None:
    lesson, quiz = mini / LESSON, mini / QUIZ
    with coursegen_serve(mini, sub_path="/training/") as served:
        assert served.url.endswith("/training/")
        assert served.out() == [f"Serving the course at {served.url} — press Ctrl+C to stop"]
        assert "First lesson" in fetch(served.url + LESSON_PAGE)

        save(lesson, lesson.read_text().replace("title: First lesson", "title: Renamed lesson"), mini)
        wait_until(lambda: "Renamed lesson" in fetch(served.url + LESSON_PAGE), "the lesson page changes")
        [line] = served.rebuilt()
        assert (m := REBUILT.fullmatch(line)) and m["what"] == LESSON, line

        save(quiz, quiz.read_text().replace("title: Basics quiz", "title: Renamed quiz"), mini)
        wait_until(lambda: "Renamed quiz" in fetch(served.url + QUIZ_PAGE), "the quiz page changes")
        assert [m["what"] for line in served.rebuilt() if (m := REBUILT.fullmatch(line))] == [LESSON, QUIZ]
        assert served.err() == []
    # Ctrl+C stops it quietly.
    assert served.process.returncode == 0
    assert served.out()[-1] == "Stopped."
    assert served.err() == []


def test_a_broken_save_shows_on_the_page_over_the_last_good_site_until_it_is_fixed(mini: Path) -> None:
    lesson = mini / LESSON
    good = lesson.read_text()
    with coursegen_serve(mini) as served:
        page = served.url + LESSON_PAGE
        save(lesson, good.replace("title: First lesson", "title: Renamed lesson"), mini)
        wait_until(lambda: "Renamed lesson" in fetch(page), "the lesson page changes")

        save(lesson, good.replace("title: First lesson", "title:"), mini)
        expected = problems_of(mini)
        assert expected == [f"{LESSON}:2:7: title: must not be empty; write the text after the colon"]
        summary = (
            f"1 problem found after {LESSON} changed; the browser shows it over the last good version until it is fixed"
        )
        assert served.wait_for_err(lambda lines: summary in lines, "the summary line") == [*expected, summary]
        # The README shows a trainer these very lines.
        readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
        assert f"\n{expected[0]}\n{summary}\n" in readme
        # The page answers at once (MkDocs alone would hold it until a good save), shows the
        # problem as the terminal does, and is still the last good site beneath it.
        shown = fetch(page)
        assert f'id="{BANNER_ID}"' in shown
        assert str(escape(expected[0])) in shown
        assert "Renamed lesson" in shown
        assert len(served.rebuilt()) == 1

        save(lesson, good.replace("title: First lesson", "title: Fixed again"), mini)
        wait_until(lambda: "Fixed again" in fetch(page), "the fixed lesson is served")
        assert BANNER_ID not in fetch(page)
        assert [REBUILT.fullmatch(line) is not None for line in served.rebuilt()] == [True, True]
        assert len(served.err()) == 2
    text = "\n".join(served.out() + served.err())
    for noise in ("Traceback", "INFO", "Building documentation", "Detected file changes", "Browser connected"):
        assert noise not in text


# ProperDocs runs MkDocs plugins by answering every `mkdocs.*` import with its own module; the
# preview then runs on ProperDocs' server and build, unchanged.
ON_PROPERDOCS = """
import sys
from pathlib import Path
import click
import properdocs.replacement
from generator.engines.preview import serve
import mkdocs.livereload
assert mkdocs.livereload.__name__ == "properdocs.livereload"
serve(Path("mkdocs.yml"), sys.argv[1], echo=click.echo, echo_err=lambda line: click.echo(line, err=True))
"""


def test_the_preview_runs_on_properdocs_too(mini: Path) -> None:
    lesson = mini / LESSON
    good = lesson.read_text()
    with coursegen_serve(mini, command=[sys.executable, "-c", ON_PROPERDOCS]) as served:
        assert served.out() == [f"Serving the course at {served.url} — press Ctrl+C to stop"]
        save(lesson, good.replace("title: First lesson", "title:"), mini)
        [problem] = problems_of(mini)
        served.wait_for_err(lambda lines: problem in lines, "the problem line")
        wait_until(lambda: str(escape(problem)) in fetch(served.url + LESSON_PAGE), "the problem on the page")
        save(lesson, good.replace("title: First lesson", "title: Fixed again"), mini)
        wait_until(lambda: "Fixed again" in fetch(served.url + LESSON_PAGE), "the fixed lesson is served")
        [line] = served.rebuilt()
        assert (m := REBUILT.fullmatch(line)) and m["what"] == LESSON, line
        assert len(served.err()) == 2


def test_serve_says_when_its_address_is_taken(mini: Path) -> None:
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = subprocess.run(
            [str(COURSEGEN), "serve", "-a", f"127.0.0.1:{port}"], cwd=mini, capture_output=True, text=True, timeout=120
        )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: cannot serve at 127.0.0.1:{port}: Address already in use; stop what uses it, "
        f"or pass another address with -a, such as -a 127.0.0.1:{port + 1}"
    ]


def test_changes_are_named_relative_to_the_project(tmp_path: Path) -> None:
    files = [tmp_path / "course" / "lessons" / f"{name}.yaml" for name in "abcde"]
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    gone = tmp_path / "course" / ".a.yaml.swp"
    assert changes_text([], tmp_path) == ""
    assert changes_text([files[0], gone], tmp_path) == "course/lessons/a.yaml changed"
    assert changes_text(files[:2], tmp_path) == "course/lessons/a.yaml and course/lessons/b.yaml changed"
    assert changes_text(files, tmp_path) == (
        "course/lessons/a.yaml, course/lessons/b.yaml, course/lessons/c.yaml and 2 more files changed"
    )
    assert changes_text([gone], tmp_path) == "course/.a.yaml.swp was removed"


def aborted(error: Exception) -> Abort:
    """What MkDocs' build raises after logging a build error: Abort, with the error as its context."""
    try:
        try:
            raise error
        except Exception:
            raise Abort("Aborted with a BuildError!") from None
    except Abort as abort:
        return abort


def test_a_failed_build_is_told_by_its_own_lines() -> None:
    problems = ["course/x.yaml:1:1: a", "quizzes/q.yaml:2:3: b"]
    # The course's problems, without the count MkDocs logs above them.
    assert failure_lines(aborted(CourseProblems(problems)), [str(CourseProblems(problems))]) == problems
    # A page's error, logged twice by MkDocs (with the page's name, then alone), is one line.
    page_error = "Error building page 'x.md': no quiz named q"
    assert failure_lines(aborted(PluginError("no quiz named q")), [page_error, "no quiz named q"]) == [page_error]
    assert failure_lines(Abort("Aborted with 1 configuration errors!"), []) == [
        "error: Aborted with 1 configuration errors!"
    ]
    assert failure_lines(KeyError("k"), []) == ["error: KeyError: 'k'"]


def test_the_problem_notice_escapes_what_it_shows() -> None:
    assert problem_banner([]) == ""
    banner = problem_banner(['course/x.yaml:1:1: "<script>alert(1)</script>" & more'])
    assert "<script>" not in banner
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in banner
    assert 'role="alert"' in banner
    assert ">The course has 1 problem<" in banner
    html = b'<html><body class="x"><p>page</p></body></html>'
    assert with_banner(html, banner) == b'<html><body class="x">' + banner.encode() + b"<p>page</p></body></html>"
    assert with_banner(html, "") == html
