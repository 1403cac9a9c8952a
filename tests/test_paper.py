"""`coursegen paper`: a quiz as a learner meets it, to the letter, with nothing that gives an answer away.

Run with UPDATE_GOLDEN=1 to rewrite tests/golden/paper after an intended change, then review the diff.
"""

from __future__ import annotations

import json
import os
import re
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.author.paper import DEFAULT_SEED, paper, quiz_order
from generator.author.plain_markdown import plain
from generator.cli import main
from generator.model.load import CourseBundle, load_course
from generator.model.models import Matching, MultipleChoice, Ordering, RolePlay, SingleChoice

FIXTURES = Path(__file__).parent / "fixtures"
WORKSHOP = FIXTURES / "workshop"
GOLDEN = Path(__file__).parent / "golden" / "paper"
REPO = Path(__file__).resolve().parents[1]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["paper", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("name", "args"), [("calls-quiz.txt", []), ("calls-quiz.md", ["--format", "markdown"])])
def test_the_paper_matches_its_golden_file(name: str, args: list[str]) -> None:
    code, out, err = run("calls-quiz", "--root", str(WORKSHOP), *args)
    assert (code, err) == (0, "")
    if os.environ.get("UPDATE_GOLDEN"):
        (GOLDEN / name).write_text(out, encoding="utf-8")
    assert out == (GOLDEN / name).read_text(encoding="utf-8")


def _secrets(bundle: CourseBundle) -> list[str]:
    """Every text a learner sees only after answering, or never: feedback, explanations, endings,
    objectives, move tags and their descriptions."""
    found = [move.description for move in bundle.course.moves]
    found += [objective.text for lesson in bundle.lessons.values() for objective in lesson.objectives]
    for quiz in bundle.quizzes.values():
        for q in quiz.questions:
            found += [q.explanation or ""]
            if isinstance(q, (SingleChoice, MultipleChoice)):
                found += [o.feedback for o in q.options]
            elif isinstance(q, Ordering):
                found += [i.feedback or "" for i in q.items]
            elif isinstance(q, Matching):
                found += [p.feedback or "" for p in q.pairs]
            elif isinstance(q, RolePlay):
                found += [c.feedback for s in q.steps for c in s.choices]
                found += [e.title for e in q.endings] + [e.text for e in q.endings]
    return [" ".join(plain(text).split()) for text in found if text]


@pytest.mark.parametrize("root", [WORKSHOP, REPO], ids=["workshop", "bundled"])
def test_nothing_on_the_paper_gives_an_answer_away(root: Path) -> None:
    bundle = load_course(root)
    code, out, _ = run("--all", "--root", str(root))
    assert code == 0
    flat = " ".join(out.split())
    leaked = [text for text in _secrets(bundle) if text in flat]
    assert leaked == []
    # Nor a label of the answer key or the facilitator edition (course text may say "correct" itself).
    for mark in ("✔", "✘", "move:", "Feedback", "Explanation", "Right answer", "Wrong answer"):
        assert mark not in out, mark
    # Plain text: no Markdown emphasis or code marks left from the trainer's text.
    assert "**" not in out and "`" not in out
    # Every quiz, in the order learners meet them.
    titles = [bundle.quizzes[q].title for q in quiz_order(bundle)]
    lines = out.splitlines()
    found = [line for line, under in pairwise(lines) if under and set(under) == {"="}]
    assert found == titles


def _shown(out: str, number: int) -> list[list[str]]:
    """The lettered (or numbered) groups of question `number` on a text paper, each a list of texts."""
    block = re.split(r"^(\d+)\. ", out, flags=re.M)
    body = block[block.index(str(number)) + 1]
    groups: list[list[str]] = []
    for chunk in body.split("\n\n"):
        rows = re.split(r"^\s*(?:[a-j]\)|\(\d+\)) ", chunk, flags=re.M)
        if len(rows) > 1:
            groups.append([" ".join(row.split()) for row in rows[1:]])
    return groups


def test_the_key_scores_the_paper_it_came_with(tmp_path: Path) -> None:
    bundle = load_course(WORKSHOP)
    key_file = tmp_path / "key.json"
    code, out, _ = run("--all", "--root", str(WORKSHOP), "--key", str(key_file), "--seed", "7")
    assert code == 0
    key = json.loads(key_file.read_text(encoding="utf-8"))
    assert key == paper(bundle, quiz_order(bundle), seed=7).key
    assert (key["format"], key["course"], key["version"], key["seed"]) == (
        "coursegen-paper-key/1",
        "workshop",
        "1.2",
        7,
    )
    quiz = bundle.quizzes["calls-quiz"]
    # Only this quiz's part of the paper: question numbers restart in each quiz.
    part = out[out.index("Calls quiz\n") :].split("\n\nFinal pool\n")[0]
    entries = key["quizzes"]["calls-quiz"]["questions"]
    assert list(entries) == [q.id for q in quiz.questions]
    for q in quiz.questions:
        entry = entries[q.id]
        groups = _shown(part, entry["number"])
        if isinstance(q, SingleChoice):
            (shown,) = groups
            right = next(o for o in q.options if o.correct)
            assert shown["abcdefghij".index(entry["answer"])] == plain(right.text)
        elif isinstance(q, MultipleChoice):
            (shown,) = groups
            assert sorted(shown["abcdefghij".index(a)] for a in entry["answer"]) == sorted(
                plain(o.text) for o in q.options if o.correct
            )
        elif isinstance(q, Matching):
            _, rights = groups
            assert {int(k): rights["abcdefghij".index(v)] for k, v in entry["answer"].items()} == {
                k: p.right for k, p in enumerate(q.pairs, 1)
            }
        elif isinstance(q, RolePlay):
            assert entry["points"] == 4 and entry["start"] == "1"
            steps = {s.id: s for s in q.steps}
            for n, shown in enumerate(groups, 1):
                step = steps[entry["steps"][str(n)]["id"]]
                for letter, choice in entry["steps"][str(n)]["choices"].items():
                    original = next(c for c in step.choices if plain(c.text) == shown["abcdefghij".index(letter)])
                    assert choice["points"] == original.points
    # The ordering question of the final pool: its letters in key order are the steps in the right order.
    final = bundle.quizzes["final-pool"]
    final_part = out[out.index("\n\nFinal pool\n") :]
    for q in final.questions:
        if isinstance(q, Ordering):
            entry = key["quizzes"]["final-pool"]["questions"][q.id]
            (shown,) = _shown(final_part, entry["number"])
            assert [shown["abcdefghij".index(a)] for a in entry["answer"]] == [plain(i.text) for i in q.items]
            assert entry["answer"] != sorted(entry["answer"])  # never printed in the right order


def test_the_same_seed_gives_the_same_paper_and_another_seed_another() -> None:
    bundle = load_course(REPO)
    ids = quiz_order(bundle)
    assert paper(bundle, ids).text == paper(bundle, ids, seed=DEFAULT_SEED).text
    assert paper(bundle, ids, seed=2).text != paper(bundle, ids).text


def test_a_quiz_that_does_not_shuffle_keeps_its_order_and_pins_stay(tmp_path: Path) -> None:
    bundle = load_course(WORKSHOP)
    quiz = bundle.quizzes["calls-quiz"].model_copy(update={"shuffle": False})
    bundle.quizzes["calls-quiz"] = quiz
    entry = paper(bundle, ["calls-quiz"]).key["quizzes"]["calls-quiz"]["questions"]["greet"]
    assert entry["answer"] == "b"  # the right option is the second, as written


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["calls-quz"],
            "no quiz has the id 'calls-quz' (did you mean 'calls-quiz'?); the quizzes are: "
            "first-call-check, calls-quiz, final-pool",
        ),
        ([], "name one quiz (coursegen paper QUIZ_ID) or ask for --all, not both"),
        (["calls-quiz", "--all"], "name one quiz (coursegen paper QUIZ_ID) or ask for --all, not both"),
    ],
)
def test_a_wrong_quiz_is_one_line(args: list[str], error: str) -> None:
    code, out, err = run(*args, "--root", str(WORKSHOP))
    assert (code, out, err) == (1, "", error + "\n")
