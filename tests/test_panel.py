"""`coursegen panel` and the panel table of `coursegen stats`: a small made-up panel, scored exactly.

tests/fixtures/panel holds a panels file and the key of the workshop course's paper (seed 1); each
test copies the workshop course and puts them in its validity/ folder. The readers are invented
for the tests: the bundled course's real panels are recorded in validity/ by whoever runs them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.author.panel import item_score
from generator.author.paper import paper, quiz_order
from generator.cli import main
from generator.model.load import load_course

FIXTURES = Path(__file__).parent / "fixtures"
PANEL = FIXTURES / "panel"
KEY = "workshop-1.2-seed-1.json"
FILE = "validity/panels.yaml"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "workshop"
    shutil.copytree(FIXTURES / "workshop", root)
    shutil.copytree(PANEL, root / "validity")
    return root


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def edit(root: Path, old: str, new: str) -> None:
    path = root / FILE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_fixture_key_is_the_workshop_paper_key() -> None:
    bundle = load_course(FIXTURES / "workshop")
    assert json.loads((PANEL / KEY).read_text(encoding="utf-8")) == paper(bundle, quiz_order(bundle), seed=1).key


def test_every_reader_group_and_telling_item(course: Path) -> None:
    result = invoke("panel", "--root", str(course))
    assert (result.exit_code, result.stderr) == (0, "")
    # calls-quiz has 7 points: greet, habits and match 1 each, the role-play's best path 4.
    # nr-1: greet, habits, role-play c (1) then b (2) = 3 of 4: 5 of 7. nr-2: greet, match = 2 of 7.
    # r-1: greet, habits, role-play 4 = 6 of 7. r-2: greet, habits, role-play b (2) then a (1) = 5 of 7.
    assert result.stdout.splitlines() == [
        "Panel of 2026-11-02: course 1.2, paper seed 1",
        "final-pool: Final pool (3 items, pass mark 50 %)",
        "  non-reader  nr-a   40 %  Answer as a friendly, customer-minded account manager.",
        "  reader      r-a   100 %  Answer as the course teaches.",
        "  non-readers: mean 40 % (1); readers: mean 100 % (1)",
        "  every non-reader right: 1 of 3 (first-words)",
        "  every reader missed: 0 of 3",
        "",
        "Panel of 2026-12-01: course 1.2, paper seed 1",
        "first-call-check: Check the first call (1 item, pass mark 70 %)",
        "  non-reader  nr-1  100 %  Answer as a friendly, customer-minded account manager.",
        "  non-reader  nr-2    0 %  Answer as a hard-nosed enterprise closer.",
        "  reader      r-1   100 %  Answer as the course teaches.",
        "  reader      r-2   100 %  Answer as the course teaches, quickly.",
        "  non-readers: mean 50 % (2); readers: mean 100 % (2)",
        "  every non-reader right: 0 of 1",
        "  every reader missed: 0 of 1",
        "calls-quiz: Calls quiz (4 items, pass mark 60 %)",
        "  non-reader  nr-1   71 %  Answer as a friendly, customer-minded account manager.",
        "  non-reader  nr-2   29 %  Answer as a hard-nosed enterprise closer.",
        "  reader      r-1    86 %  Answer as the course teaches.",
        "  reader      r-2    71 %  Answer as the course teaches, quickly.",
        "  non-readers: mean 50 % (2); readers: mean 79 % (2)",
        "  every non-reader right: 1 of 4 (greet)",
        "  every reader missed: 1 of 4 (match)",
    ]
    document = json.loads(invoke("panel", "--root", str(course), "--format", "json").stdout)
    calls = document[1][1]
    assert calls["non_readers"] == {"count": 2, "mean": 50.0, "scores": {"nr-1": 71.4, "nr-2": 28.6}}
    assert calls["readers"] == {"count": 2, "mean": 78.6, "scores": {"r-1": 85.7, "r-2": 71.4}}
    assert (calls["every_non_reader_right"], calls["every_reader_missed"]) == (["greet"], ["match"])
    # The ending-scored role-play of the final pool: 'later' scores 40 of 100, so nr-a has 41 of 102.
    assert document[0][0]["non_readers"]["scores"] == {"nr-a": 40.2}


def test_stats_shows_the_last_panel_of_each_quiz(course: Path) -> None:
    result = invoke("stats", "--root", str(course))
    assert result.exit_code == 0
    assert result.stdout.split("\n\n")[-1].splitlines() == [
        "Validity panels, the last of each quiz",
        "quiz              date        version  non-readers (mean)  readers (mean)  all non-readers right  "
        "all readers missed",
        "first-call-check  2026-12-01  1.2      2 (50 %)            2 (100 %)       0 of 1                 0 of 1",
        "calls-quiz        2026-12-01  1.2      2 (50 %)            2 (79 %)        1 of 4                 1 of 4",
        "final-pool        2026-11-02  1.2      1 (40 %)            1 (100 %)       1 of 3                 0 of 3",
    ]
    panels = json.loads(invoke("stats", "--root", str(course), "--format", "json").stdout)["panels"]
    assert [(p["quiz"], p["date"]) for p in panels] == [
        ("first-call-check", "2026-12-01"),
        ("calls-quiz", "2026-12-01"),
        ("final-pool", "2026-11-02"),
    ]


def test_the_bundled_course_keeps_a_panels_file_and_it_scores() -> None:
    assert invoke("panel", "--root", str(REPO)).exit_code == 0
    assert (REPO / "validity" / "README.md").is_file()


# (case, old text in the fixture's panels file, new text, the one located line it gives)
BAD = [
    (
        "key-missing",
        "    key: workshop-1.2-seed-1.json\n    readers:\n      - id: nr-a",
        "    key: keys/missing.json\n    readers:\n      - id: nr-a",
        f"{FILE}:7:10: panels[0].key: there is no such file: keys/missing.json; write it with coursegen paper "
        "--all --seed 1 --key FILE",
    ),
    (
        "other-version",
        '  - date: "2026-11-02"\n    course_version: "1.2"',
        '  - date: "2026-11-02"\n    course_version: "1.1"',
        f"{FILE}:5:21: panels[0].course_version: the key workshop-1.2-seed-1.json is of course version 1.2, not 1.1; "
        "give the key of the paper the readers answered",
    ),
    (
        "other-seed",
        "    seed: 1\n    key: workshop-1.2-seed-1.json\n    readers:\n      - id: nr-a",
        "    seed: 2\n    key: workshop-1.2-seed-1.json\n    readers:\n      - id: nr-a",
        f"{FILE}:6:11: panels[0].seed: the key workshop-1.2-seed-1.json is of the paper with seed 1, not 2",
    ),
    (
        "unknown-question",
        "            fix: a\n",
        "            fixx: a\n",
        f"{FILE}:15:13: panels[0].readers[0].answers.final-pool.fixx: the paper has no question 'fixx' in this quiz",
    ),
    (
        "unknown-quiz",
        "          final-pool:\n            first-words: a\n            fix: a",
        "          final-pol:\n            first-words: a\n            fix: a",
        f"{FILE}:13:11: panels[0].readers[0].answers.final-pol: the paper has no quiz 'final-pol'; its quizzes are: "
        "first-call-check, calls-quiz, final-pool",
    ),
    (
        "letter-not-on-paper",
        "            fix: a\n",
        "            fix: e\n",
        f"{FILE}:15:18: panels[0].readers[0].answers.final-pool.fix: 'e' is not one of the letters on the paper, a, b",
    ),
    (
        "list-for-single",
        "            fix: a\n",
        "            fix: [a]\n",
        f"{FILE}:15:13: panels[0].readers[0].answers.final-pool.fix: a single answer is one letter, e.g. b",
    ),
    (
        "step-not-in-conversation",
        "            review: {1: b}",
        "            review: {1: b, 3: a}",
        f"{FILE}:16:13: panels[0].readers[0].answers.final-pool.review: the conversation has no step 3; its steps "
        "are 1 to 1",
    ),
    (
        "bad-group",
        "        group: non-reader\n        brief: Answer as a friendly, customer-minded account manager.\n        answers:\n          final-pool:",
        "        group: novice\n        brief: Answer as a friendly, customer-minded account manager.\n        answers:\n          final-pool:",
        f"{FILE}:10:16: panels[0].readers[0].group: must be one of 'non-reader' or 'reader', not the text 'novice'",
    ),
]


@pytest.mark.parametrize(("old", "new", "error"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_a_bad_panel_is_one_located_line(course: Path, old: str, new: str, error: str) -> None:
    edit(course, old, new)
    for command in ("panel", "stats"):
        result = invoke(command, "--root", str(course))
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.splitlines() == [error, "1 problem found; nothing was written."]


ROLEPLAY = {
    "type": "roleplay",
    "points": 4,
    "scoring": "path",
    "start": "1",
    "steps": {
        "1": {"choices": {"a": {"points": 2, "next": {"step": "2"}}, "b": {"points": 0, "next": {"ending": "lost"}}}},
        "2": {
            "choices": {"a": {"points": 2, "next": {"ending": "won"}}, "b": {"points": 1, "next": {"ending": "won"}}}
        },
    },
    "endings": {"won": {"outcome": "success", "score": 100}, "lost": {"outcome": "failure", "score": 20}},
}


@pytest.mark.parametrize(
    ("answer", "path_score", "ending_score"),
    [
        ({"1": "a", "2": "a"}, 1.0, 1.0),
        ({"1": "a", "2": "b"}, 0.75, 1.0),
        ({"1": "b", "2": "a"}, 0.0, 0.2),  # step 2 is never reached, so its answer does not count
        ({"1": "a"}, 0.5, 0.0),  # the path stops at step 2, unanswered: no ending reached
        ({}, 0.0, 0.0),
    ],
)
def test_a_role_play_scores_the_readers_own_path(
    answer: dict[str, str], path_score: float, ending_score: float
) -> None:
    assert item_score(ROLEPLAY, answer) == path_score
    assert item_score({**ROLEPLAY, "scoring": "ending", "points": 100}, answer) == ending_score


def test_exact_match_gives_no_partial_credit() -> None:
    entry = {"type": "multiple", "points": 1, "letters": "abcd", "answer": ["a", "c"]}
    assert item_score(entry, ["c", "a"]) == 1.0
    assert item_score(entry, ["a"]) == 0.0
    assert item_score(entry, ["a", "c", "d"]) == 0.0
    ordering = {"type": "ordering", "points": 1, "letters": "abc", "answer": ["b", "c", "a"]}
    assert (item_score(ordering, ["b", "c", "a"]), item_score(ordering, ["b", "a", "c"])) == (1.0, 0.0)
