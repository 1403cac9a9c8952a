"""The loop closed: learners take a quiz in the built site, their statements go to Ralph on
127.0.0.1, and `coursegen analyse --lrs` reads them back from Ralph.

Several learners answer the final check differently, one retakes it, one takes it on the same
built site served from another port and path, and one on the course built again with another
version. The analysis must count exactly what the learners clicked, first attempts only unless
`--attempts all`, and keep the other course version apart; the activity ids must not depend on
where the site was served.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from generator.analyse.sources import AUTH_VARIABLE
from tests.browser.conftest import FIXTURE, Server, _free_port, mkdocs_build, serving
from tests.browser.lrs import Ralph
from tests.browser.test_xapi import delivered, open_page

REPO = Path(__file__).resolve().parents[2]
QUIZ = "final-check"
# Typography may curl the apostrophe: the group is found by the prompt's start.
SINGLE = re.compile("^Which opening uses the customer")
SINGLE_OPTIONS = [f"Option {word}" for word in ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf")]
SINGLE_OPTIONS.append("None of the above")
MULTIPLE = re.compile("^Which two habits build trust")
MULTIPLE_OPTIONS = ["Keeping small promises", "Admitting limits", "Overpromising"]


@dataclass(frozen=True)
class Answers:
    """One attempt at the final check: the single choice's option, the multiple choice's options."""

    single: int
    multiple: tuple[int, ...]


@dataclass
class Lab:
    first: Server  # the course, version 1.0, under a sub-path
    again: Server  # the same built folder, served from another port at its root
    later: Server  # the course built again as version 1.1
    project: Path  # the version 1.0 project, which `analyse` reads the course from
    lrs: Ralph


def _course(work: Path, version: str) -> Path:
    course = work / version / "b" / "quizcourse"
    shutil.copytree(FIXTURE, course)
    config = course / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - coursegen\n", "  - coursegen:\n      xapi:\n        launch: true\n")
    )
    outline = course / "course" / "course.yaml"
    outline.write_text(outline.read_text().replace('version: "1.0"', f'version: "{version}"'))
    return course


def _origin(server: Server) -> str:
    return f"http://127.0.0.1:{server.port}"


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    work = tmp_path_factory.mktemp("analyse")
    shutil.copytree(REPO / "theme", work / "theme")  # where the fixture's mkdocs.yml looks for it
    first, later = _course(work, "1.0"), _course(work, "1.1")
    # Built by MkDocs with the plugin, whose links are relative: the one built folder works
    # wherever it is copied, here under /training/ on one port and at the root of another.
    with (
        serving(lambda url: mkdocs_build(first / "mkdocs.yml", work / "site-1.0")) as served,
        serving(lambda url: served.root, prefix="/") as again,
        serving(lambda url: mkdocs_build(later / "mkdocs.yml", work / "site-1.1")) as later_served,
    ):
        lrs = Ralph(
            home=work / "ralph",
            port=_free_port(),
            site_origin=_origin(served),
            more_origins=(_origin(again), _origin(later_served)),
        )
        lrs.home.mkdir()
        lrs.make_credentials()
        lrs.start()
        try:
            yield Lab(served, again, later_served, first, lrs)
        finally:
            lrs.stop()


def _question(page: Page, prompt: re.Pattern[str]) -> Any:
    return page.get_by_role("group", name=prompt).locator("xpath=..")


def take_quiz(page: Page, answers: Answers) -> None:
    """Answers the final check's two questions as `answers` says; its result shows."""
    single = _question(page, SINGLE)
    single.get_by_label(SINGLE_OPTIONS[answers.single], exact=True).check()
    single.get_by_role("button", name="Check answer").click()
    expect(single.get_by_text(re.compile("^(Correct|Incorrect)"))).to_be_visible()
    multiple = _question(page, MULTIPLE)
    for k in answers.multiple:
        multiple.get_by_label(MULTIPLE_OPTIONS[k], exact=True).check()
    multiple.get_by_role("button", name="Check answer").click()
    expect(page.get_by_role("heading", name=re.compile("^Your result: "))).to_be_visible()


def learner(
    make_context: Callable[..., BrowserContext], lrs: Ralph, site: Server, name: str, *attempts: Answers
) -> Page:
    """A learner launched from a portal (their own actor and registration) takes the final check,
    once per item of `attempts` (retrying the whole quiz in between), until Ralph has every statement."""
    query = urlencode(
        {
            "endpoint": lrs.endpoint,
            "auth": lrs.auth,
            "actor": json.dumps({"objectType": "Agent", "name": name, "mbox": f"mailto:{name}@example.org"}),
            "registration": str(uuid.uuid4()),
        }
    )
    page = make_context().new_page()
    page.goto(f"{site.url}?{query}")
    open_page(page, "Final check", quiz=True)
    for n, answers in enumerate(attempts):
        if n:
            page.get_by_role("button", name="Retry the whole quiz").click()
            expect(page.get_by_role("heading", name=re.compile("^Your result: "))).to_have_count(0)
        take_quiz(page, answers)
    delivered(page)
    return page


def analyse(lab: Lab, *options: str) -> dict[str, Any]:
    """`coursegen analyse --lrs` against Ralph, the credentials in the environment, as JSON."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", "analyse", "--lrs", lab.lrs.endpoint, "--format", "json", *options],
        cwd=lab.project,
        env={**os.environ, AUTH_VARIABLE: lab.lrs.auth},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def chosen(report: dict[str, Any], version: str) -> dict[str, Any]:
    """Per question of the final check in `version`: n, and how often each option was chosen."""
    (quiz,) = [q for q in report["quizzes"] if q["quiz"] == QUIZ and q["version"] == version]
    return {
        "attempts": quiz["attempts"],
        "learners": quiz["learners"],
        **{q["id"]: (q["n"], [o["chosen"] for o in q["options"]]) for q in quiz["questions"]},
    }


def tally(attempts: list[Answers]) -> dict[str, tuple[int, list[int]]]:
    """What the analysis must find for these attempts, counted from the clicks themselves."""
    single = [0] * len(SINGLE_OPTIONS)
    multiple = [0] * len(MULTIPLE_OPTIONS)
    for answers in attempts:
        single[answers.single] += 1
        for k in answers.multiple:
            multiple[k] += 1
    return {"eight": (len(attempts), single), "strict": (len(attempts), multiple)}


def answered_objects(lrs: Ralph, name: str) -> list[str]:
    """The activity ids of a learner's answered statements, with their quiz's, in the order stored."""
    mine = [
        s
        for s in lrs.statements()
        if s["actor"].get("mbox") == f"mailto:{name}@example.org" and s["verb"]["id"].endswith("/answered")
    ]
    mine.sort(key=lambda s: str(s["stored"]))
    return [
        f"{s['object']['id']} in {s['context']['contextActivities']['parent'][0]['id']} of "
        f"{s['context']['contextActivities']['grouping'][0]['id']}"
        for s in mine
    ]


def test_analyse_reads_back_exactly_what_the_learners_clicked(
    lab: Lab, make_context: Callable[..., BrowserContext]
) -> None:
    first_attempts = {
        "ada": Answers(3, (0, 1)),
        "ben": Answers(1, (0, 2)),
        "cleo": Answers(3, (1, 2)),
        "dev": Answers(7, (0, 1)),
    }
    retake = Answers(0, (2,))  # ada again, after her first attempt
    elsewhere = Answers(3, (0,))  # eve, on the same site served from another port and path
    other_version = Answers(2, (0, 1))  # fay, on the course built again as version 1.1

    for name, answers in first_attempts.items():
        learner(make_context, lab.lrs, lab.first, name, *([answers, retake] if name == "ada" else [answers]))
    learner(make_context, lab.lrs, lab.again, "eve", elsewhere)
    learner(make_context, lab.lrs, lab.later, "fay", other_version)

    # The same site from two addresses names its activities the same: the course IRI, not the URL.
    assert urlsplit(lab.first.url)[:3] != urlsplit(lab.again.url)[:3]
    ada, eve = answered_objects(lab.lrs, "ada"), answered_objects(lab.lrs, "eve")
    assert len(ada) == 4 and ada[:2] == ada[2:] == eve
    assert all(lab.first.url not in a and lab.again.url not in a for a in ada + eve)
    assert ada[0].startswith("urn:coursegen:course:quizcourse/quiz/final-check/question/")

    first = [*first_attempts.values(), elsewhere]
    by_default = analyse(lab)
    assert by_default["attempts"] == "first"
    # Every answer is read (7 attempts of 2 questions); the first-attempt rule picks from them.
    assert by_default["counts"]["answers"] == 2 * 7, by_default["counts"]
    assert chosen(by_default, "1.0") == {"attempts": 5, "learners": 5, **tally(first)}
    # Another course version is reported apart, never mixed in.
    assert chosen(by_default, "1.1") == {"attempts": 1, "learners": 1, **tally([other_version])}

    every = analyse(lab, "--attempts", "all")
    assert chosen(every, "1.0") == {"attempts": 6, "learners": 5, **tally([*first, retake])}
    assert chosen(every, "1.1") == {"attempts": 1, "learners": 1, **tally([other_version])}
