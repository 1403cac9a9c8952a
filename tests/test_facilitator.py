"""`coursegen facilitator`: the answer-key edition's pages to the letter, real builds, and where it may go.

Run with UPDATE_GOLDEN=1 to rewrite the golden pages after an intended change, then review the
diff like any other code change.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import escape
from test_build import snapshot

from generator.cli import main
from generator.engines.facilitator_site import build_facilitator
from generator.engines.output import MARKER
from generator.model.load import load_course
from generator.model.models import MultipleChoice, RolePlay, SingleChoice
from generator.pages.facilitator import render_facilitator
from generator.pages.markdown import MarkdownRenderer

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden" / "workshop-facilitator" / "pages"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    """A writable copy of the workshop course."""
    target = tmp_path / "workshop"
    shutil.copytree(FIXTURES / "workshop", target)
    return target


def invoke(cwd: Path, *args: str) -> tuple[int, list[str]]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output.splitlines()


def test_pages_match_golden_files() -> None:
    pages = render_facilitator(load_course(FIXTURES / "workshop")).pages
    if os.environ.get("UPDATE_GOLDEN"):
        for src, text in pages.items():
            (GOLDEN / src).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / src).write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for src, text in pages.items():
        assert text == expected[src], f"{src} differs from {(GOLDEN / src).relative_to(REPO)}"


def test_navigation_follows_the_course_as_learners_meet_it() -> None:
    edition = render_facilitator(load_course(FIXTURES / "workshop"))
    assert edition.nav == [
        {"Answer key": "index.md"},
        {
            "Calls &amp; follow-ups": [
                {"Check the first call": "quizzes/first-call-check.md"},
                {"Calls quiz": "quizzes/calls-quiz.md"},
            ]
        },
        {"Final pool": "quizzes/final-pool.md"},
    ]


def test_the_command_builds_the_edition_into_its_own_folder(workshop: Path) -> None:
    code, lines = invoke(workshop, "facilitator")
    assert code == 0, lines
    site = workshop / "site-facilitator"
    assert re.fullmatch(rf"built the facilitator edition \(4 pages\) in {re.escape(str(site))} in \d+\.\d s", lines[-1])
    assert (site / MARKER).is_file()
    for page in ("index.html", *(f"quizzes/{q}/index.html" for q in ("first-call-check", "calls-quiz", "final-pool"))):
        text = (site / page).read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in text, page
    quiz = (site / "quizzes" / "calls-quiz" / "index.html").read_text(encoding="utf-8")
    assert quiz.count('role="img"') == 1 and 'id="map-calls-quiz-late-delivery"' in quiz
    # The long choice is cut short on the map and given in full in the list beside it.
    long = "Say that the carrier, not your company, is to blame for every late delivery this quarter"
    assert f"<p>{long} and that you cannot do anything.</p>" in quiz
    assert ">Say that the carrier, not</text>" in quiz and ">your company, is to blame…</text>" in quiz
    # A second run replaces the edition it wrote.
    (site / "stale.html").write_text("from an earlier build")
    assert invoke(workshop, "facilitator")[0] == 0
    assert not (site / "stale.html").exists()


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (("-d", "site"), "is inside the learner site"),
        (("-d", "site/facilitator"), "is inside the learner site"),
        (("-d", "public/answers"), "is inside the learner site"),
        (("-d", "out"), "holds the learner site"),
        (("-d", "course"), "overlaps"),
        (("-d", "course/answers"), "overlaps"),
        (("-d", "quizzes"), "overlaps"),
        (("-d", "theme/answers"), "overlaps"),
        (("-d", "."), "holds the project itself"),
        (("-d", ".."), "holds the project itself"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else v,
)
def test_a_target_in_the_learner_site_or_the_sources_is_refused(
    workshop: Path, args: tuple[str, ...], why: str
) -> None:
    config = (workshop / "mkdocs.yml").read_text()
    config = config.replace("name: material", "name: material\n  custom_dir: theme")
    if args[1].startswith(("public", "out")):  # a learner site in a folder of its own choosing
        config += f"site_dir: {'public' if args[1].startswith('public') else 'out/site'}\n"
    (workshop / "mkdocs.yml").write_text(config)
    (workshop / "theme").mkdir()
    before = snapshot(workshop)
    code, lines = invoke(workshop, "facilitator", *args)
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith("error: ") and why in lines[0], lines
    assert lines[0].endswith("; nothing was written.") and "site-facilitator" in lines[0]
    assert snapshot(workshop) == before
    assert not any(p.name.startswith(".") and "new" in p.name for p in workshop.parent.rglob("*"))


def test_a_folder_coursegen_did_not_write_is_left_alone(workshop: Path, tmp_path: Path) -> None:
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "plan.txt").write_text("my plan")
    code, lines = invoke(workshop, "facilitator", "-d", str(mine))
    assert (code, lines) == (
        1,
        [
            f"error: {mine} is not empty and was not written by coursegen, so it is left alone; "
            "empty it or choose another folder; nothing was written."
        ],
    )
    assert sorted(p.name for p in mine.iterdir()) == ["plan.txt"]


def test_a_course_with_problems_leaves_the_previous_edition_as_it_was(workshop: Path) -> None:
    assert invoke(workshop, "facilitator")[0] == 0
    before = snapshot(workshop / "site-facilitator")
    quiz = workshop / "quizzes" / "calls-quiz.yaml"
    quiz.write_text(quiz.read_text().replace("next: won", "next: wonn"))
    code, lines = invoke(workshop, "facilitator")
    assert code == 1
    assert lines[0].startswith("quizzes/calls-quiz.yaml:") and "wonn" in lines[0]
    assert lines[-1] == "1 problem found; nothing was written."
    assert snapshot(workshop / "site-facilitator") == before


def test_the_learner_site_neither_holds_nor_links_to_the_edition(workshop: Path) -> None:
    assert invoke(workshop, "build")[0] == 0
    assert invoke(workshop, "facilitator")[0] == 0
    learner = workshop / "site"
    edition = workshop / "site-facilitator"
    edition_only = {p.relative_to(edition).as_posix() for p in edition.rglob("*") if p.is_file()} - {
        p.relative_to(learner).as_posix() for p in learner.rglob("*") if p.is_file()
    }
    assert "facilitator.css" in edition_only and "quizzes/calls-quiz/index.html" in edition_only
    for path in learner.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js", ".css", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace").lower()
            assert "facilitator" not in text and "answer key" not in text, path
            assert not any(f"/{name}" in text for name in edition_only if name.startswith("quizzes/")), path
    # Move tags are for trainers: no description of one reaches a learner's page.
    descriptions = [str(escape(m.description)).lower() for m in load_course(workshop).course.moves]
    assert descriptions
    for path in learner.rglob("*.html"):
        text = path.read_text(encoding="utf-8").lower()
        assert not any(d in text for d in descriptions) and "cg-fac-move" not in text, path
    # And nothing the learner site serves is a map or an answer marking.
    assert not list(learner.rglob("*.svg")) or all("role-play" not in p.read_text() for p in learner.rglob("*.svg"))


def test_every_tagged_option_and_choice_shows_its_move_and_description() -> None:
    bundle = load_course(FIXTURES / "workshop")
    page = render_facilitator(bundle).pages["quizzes/calls-quiz.md"]
    described = {m.id: str(escape(m.description)) for m in bundle.course.moves}
    quiz = bundle.quizzes["calls-quiz"]
    tagged = [o.move for q in quiz.questions if isinstance(q, (SingleChoice, MultipleChoice)) for o in q.options]
    tagged += [c.move for q in quiz.questions if isinstance(q, RolePlay) for s in q.steps for c in s.choices]
    expected = [f"Move: <strong>{move}</strong> – {described[move]}" for move in tagged if move]
    assert re.findall(r'<p class="cg-fac-move">(.*?)</p>', page) == expected
    assert expected == [
        "Move: <strong>pitch</strong> – Present your own offer before you know the customer&#39;s problem.",
        "Move: <strong>ask</strong> – Ask an open question about what happened &amp; who it affected.",
        "Move: <strong>ask</strong> – Ask an open question about what happened &amp; who it affected.",
        "Move: <strong>discount</strong> – Lower the price to make up for a problem.",
    ]
    # An untagged answer shows no move line: the unmarked options of `habits` and the other choices.
    assert page.count("cg-fac-move") == 4


def test_the_bundled_course_edition_has_every_quiz_answer_and_map(tmp_path: Path) -> None:
    bundle = load_course(REPO)
    started = time.perf_counter()
    site, edition = build_facilitator(REPO, tmp_path / "edition")
    seconds = time.perf_counter() - started
    print(f"bundled facilitator edition: {len(edition.pages)} pages built in {seconds:.2f} s")
    md = MarkdownRenderer(allow_html=bundle.course.allow_html)
    assert len(edition.pages) == len(bundle.quizzes) + 1
    for quiz in bundle.quizzes.values():
        page = (site / "quizzes" / quiz.id / "index.html").read_text(encoding="utf-8")
        headings = re.findall(r'<h2 id="[^"]*">(.*?)</h2>', page)
        assert [html.unescape(h) for h in headings] == [
            f"Question {n}: {q.id}" for n, q in enumerate(quiz.questions, 1)
        ]
        for q in quiz.questions:
            if isinstance(q, (SingleChoice, MultipleChoice)):
                assert page.count("✔ Right answer") >= sum(o.correct for o in q.options)
                for option in q.options:
                    assert md.block(option.feedback) in page, (quiz.id, q.id)
            if q.explanation:
                assert md.block(q.explanation) in page, (quiz.id, q.id)
            if isinstance(q, RolePlay):
                assert f'id="map-{quiz.id}-{q.id}"' in page
                for step in q.steps:
                    for choice in step.choices:
                        assert md.block(choice.text) in page and md.block(choice.feedback) in page
                for ending in q.endings:
                    assert f"{ending.outcome.title()} · {ending.id}</text>" in page


def test_a_build_that_fails_in_mkdocs_leaves_the_previous_edition_as_it_was(
    workshop: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert invoke(workshop, "facilitator")[0] == 0
    before = snapshot(workshop / "site-facilitator")
    # A theme's copy of a template is used for the edition too; this one links to no page,
    # which MkDocs (strict) refuses after the new edition was begun.
    config = workshop / "mkdocs.yml"
    config.write_text(config.read_text().replace("name: material", "name: material\n  custom_dir: theme"))
    overrides = workshop / "theme" / "coursegen"
    overrides.mkdir(parents=True)
    home = (REPO / "generator" / "templates" / "facilitator_home.md.j2").read_text(encoding="utf-8")
    (overrides / "facilitator_home.md.j2").write_text(home + "\n[Notes](missing-notes.md)\n", encoding="utf-8")
    code, lines = invoke(workshop, "facilitator")
    assert code == 1
    assert lines == [
        "error: Aborted with 1 warnings in strict mode!",
        "The build failed; the previous facilitator edition is unchanged.",
    ]
    assert "contains a link 'missing-notes.md'" in caplog.text  # MkDocs' own warning, printed above them
    assert snapshot(workshop / "site-facilitator") == before
    assert not [p for p in workshop.iterdir() if p.name.startswith(".site-facilitator")]
