"""Hypothesis strategies for valid quizzes of every question type, and a course folder that holds them.

Every text is a plain, unique label ("Option 3", "Say 2.1"), so that a test can
answer by label, as a person would, and know which authored position it chose.
Role-plays are random directed acyclic graphs: every step reachable from the
start, every ending reachable, no loops, and every path ends in an ending,
which is what checks.py demands of a trainer's role-play.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from generator.model.models import RolePlay
from generator.model.roleplay_paths import scores, slips

THEME = Path(__file__).resolve().parents[2] / "theme"
TYPES = ("single", "multiple", "ordering", "matching", "roleplay")
MAX_CHOICES = 6  # a role-play step's limit in models.Step

points = st.one_of(st.integers(1, 5), st.integers(1, 100))


def option_label(k: int) -> str:
    return f"Option {k + 1}"


def step_label(k: int) -> str:
    return f"Step {k + 1}"


def left_label(k: int) -> str:
    return f"Left {k + 1}"


def right_label(k: int, pairs: int) -> str:
    return f"Right {k + 1}" if k < pairs else f"Distractor {k - pairs + 1}"


def choice_label(step: int, k: int) -> str:
    return f"Say {step + 1}.{k + 1}"


def prompt(qid: str) -> str:
    return f"What is the answer to {qid}?"


@st.composite
def choice_question(draw: st.DrawFn, qid: str, kind: str) -> dict[str, Any]:
    n = draw(st.integers(2, 7))
    if kind == "single":
        right = draw(st.integers(0, n - 1))
        correct = [k == right for k in range(n)]
    else:
        correct = draw(st.lists(st.booleans(), min_size=n, max_size=n))
        correct[draw(st.integers(0, n - 1))] = True  # checks.py wants at least one right option
    options = [
        {"text": option_label(k), "correct": c, "feedback": f"Because {k + 1}.", "pin": draw(st.booleans())}
        for k, c in enumerate(correct)
    ]
    question = {"id": qid, "type": kind, "prompt": prompt(qid), "points": draw(points), "options": options}
    if draw(st.booleans()):
        question["shuffle"] = draw(st.booleans())
    if kind == "multiple":
        question["partial_credit"] = draw(st.booleans())
    return question


@st.composite
def ordering_question(draw: st.DrawFn, qid: str) -> dict[str, Any]:
    items = [{"text": step_label(k)} for k in range(draw(st.integers(2, 6)))]
    return {
        "id": qid,
        "type": "ordering",
        "prompt": prompt(qid),
        "points": draw(points),
        "items": items,
        "partial_credit": draw(st.booleans()),
    }


@st.composite
def matching_question(draw: st.DrawFn, qid: str) -> dict[str, Any]:
    n, extra = draw(st.integers(2, 5)), draw(st.integers(0, 3))
    return {
        "id": qid,
        "type": "matching",
        "prompt": prompt(qid),
        "points": draw(points),
        "pairs": [{"left": left_label(k), "right": right_label(k, n)} for k in range(n)],
        "distractors": [right_label(n + k, n) for k in range(extra)],
        "partial_credit": draw(st.booleans()),
    }


@st.composite
def roleplay_question(draw: st.DrawFn, qid: str) -> dict[str, Any]:
    """Steps s1..sN in topological order: a choice leads only to a later step or to an ending."""
    n, m = draw(st.integers(1, 5)), draw(st.integers(2, 4))
    steps, endings = [f"s{k + 1}" for k in range(n)], [f"e{k + 1}" for k in range(m)]
    nexts: list[list[str]] = [[] for _ in range(n)]

    def room(candidates: range) -> list[int]:
        return [k for k in candidates if len(nexts[k]) < MAX_CHOICES]

    # A spanning tree first, so every step is reached; then one way into every ending.
    for k in range(1, n):
        nexts[draw(st.sampled_from(room(range(k))))].append(steps[k])
    for ending in endings:
        nexts[draw(st.sampled_from(room(range(n))))].append(ending)
    # Then a few more choices anywhere forward, so that paths branch and join again.
    for k in range(n):
        for _ in range(draw(st.integers(0 if nexts[k] else 1, MAX_CHOICES - len(nexts[k])))):
            nexts[k].append(draw(st.sampled_from(steps[k + 1 :] + endings)))
        nexts[k] = draw(st.permutations(nexts[k]))
    zero = draw(st.integers(0, 9)) == 0  # now and then nothing to earn on any path
    question = {
        "id": qid,
        "type": "roleplay",
        "prompt": prompt(qid),
        "start": steps[0],
        "steps": [
            {
                "id": steps[k],
                "customer": f"The customer speaks ({k + 1}).",
                "choices": [
                    {
                        "text": choice_label(k, c),
                        "points": 0 if zero else draw(st.integers(0, 5)),
                        "feedback": f"Because {k + 1}.{c + 1}.",
                        "next": target,
                    }
                    for c, target in enumerate(nexts[k])
                ],
            }
            for k in range(n)
        ],
        "endings": [
            {
                "id": e,
                "title": f"Ending {e}",
                "outcome": draw(st.sampled_from(["success", "partial", "failure"])),
                "text": ".",
            }
            for e in endings
        ],
    }
    # Path scoring refuses a graph where a slip can still reach full marks (coursegen check),
    # which random points often make: those role-plays are scored by their endings instead.
    if slips(model := RolePlay.model_validate(question), scores(model)):
        question["scoring"] = "ending"
        for ending in question["endings"]:
            ending["score"] = draw(st.integers(0, 100))
    return question


def question(qid: str, kind: str) -> st.SearchStrategy[dict[str, Any]]:
    if kind in ("single", "multiple"):
        return choice_question(qid, kind)
    if kind == "ordering":
        return ordering_question(qid)
    if kind == "matching":
        return matching_question(qid)
    return roleplay_question(qid)


@st.composite
def quiz(draw: st.DrawFn, quiz_id: str, objective: str, *, every_type: bool = False) -> dict[str, Any]:
    """A valid quiz; with every_type, it holds a question of each type (in a random order) first."""
    kinds = list(draw(st.permutations(TYPES))) if every_type else []
    kinds += draw(st.lists(st.sampled_from(TYPES), min_size=0 if every_type else 1, max_size=4))
    questions = [draw(question(f"q{k + 1}", kind)) | {"objectives": [objective]} for k, kind in enumerate(kinds)]
    out: dict[str, Any] = {
        "id": quiz_id,
        "title": f"Quiz {quiz_id}",
        "shuffle": draw(st.booleans()),
        "questions": questions,
    }
    if draw(st.booleans()):
        out["pass_mark"] = draw(st.integers(0, 100))
    if not every_type and draw(st.integers(0, 2)) == 0:  # the first quiz asks every type, every time
        out["draw"] = draw(st.integers(1, len(questions)))
    return out


@st.composite
def course(draw: st.DrawFn, quizzes: int) -> dict[str, Any]:
    """The course outline's pass mark and `quizzes` quizzes, the first with every question type."""
    return {
        "pass_mark": draw(st.integers(0, 100)),
        "quizzes": [draw(quiz(f"quiz{k + 1}", f"o{k + 1}", every_type=k == 0)) for k in range(quizzes)],
    }


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def write_course(root: Path, spec: dict[str, Any]) -> list[str]:
    """A course folder: module k holds lesson k (objective o{k}) and quiz k. Returns each quiz's page path."""
    quizzes = spec["quizzes"]
    modules = [
        {"id": f"m{k + 1}", "title": f"Module {k + 1}", "lessons": [f"lesson{k + 1}"], "quiz": q["id"]}
        for k, q in enumerate(quizzes)
    ]
    _write(
        root / "course" / "course.yaml",
        {
            "id": "generated",
            "title": "Generated course",
            "version": "1.0",
            "description": "Quizzes generated by Hypothesis.",
            "audience": "The property tests",
            "pass_mark": spec["pass_mark"],
            "modules": modules,
        },
    )
    for k, q in enumerate(quizzes):
        _write(
            root / "course" / "lessons" / f"lesson{k + 1}.yaml",
            {
                "id": f"lesson{k + 1}",
                "title": f"Lesson {k + 1}",
                "minutes": 1,
                "objectives": [{"id": f"o{k + 1}", "text": "Answer the quiz."}],
                "sections": [{"heading": "Reading", "body": "Nothing to read."}],
            },
        )
        _write(root / "quizzes" / f"{q['id']}.yaml", q)
    (root / "mkdocs.yml").write_text(
        "site_name: Generated\ndocs_dir: course\nexclude_docs: '*.yaml'\n"
        f"theme: {{name: material, custom_dir: {THEME}, font: false}}\n"
        "plugins: [search, coursegen]\n"
    )
    return [f"{module['id']}/{module['quiz']}/" for module in modules]
