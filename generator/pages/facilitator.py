"""The facilitator edition's pages: every quiz as an answer key, every role-play as a map.

A facilitator running a live workshop needs what the learner site hides: the right answers,
every option's feedback, the explanation, the objectives each question assesses, and the shape
of each role-play. These pages are made for a site of their own (engines/facilitator_site.py),
never for the learner site, which neither holds nor links to them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.model.load import CourseBundle
from generator.model.models import Choice, Matching, MultipleChoice, Ordering, Quiz, RolePlay, SingleChoice
from generator.model.roleplay_paths import Hop, roleplay_max
from generator.pages.addresses import all_modules
from generator.pages.course import nav_title, template_environment
from generator.pages.markdown import MarkdownRenderer
from generator.pages.roleplay_map import OUTCOME_WORD, best_path, choice_id, svg
from generator.pages.urls import relative_url

HOME_SRC = "index.md"
STYLESHEET = "facilitator.css"
# A role-play can have very many paths; the list names this many and counts the rest.
MAX_PATHS_LISTED = 60
TYPE_NAMES = {
    "single": "Single choice",
    "multiple": "Select all that apply",
    "ordering": "Ordering",
    "matching": "Matching",
    "roleplay": "Role-play",
}


@dataclass
class FacilitatorEdition:
    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)
    nav: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class QuizUse:
    quiz: Quiz
    where: str  # how the learner site uses it, in words
    src: str


def quiz_uses(bundle: CourseBundle) -> list[tuple[str, list[QuizUse]]]:
    """Every quiz of the course, grouped as the learner meets them: per module its lessons'
    checks then its quiz, then the final assessment (group title "")."""
    groups: list[tuple[str, list[QuizUse]]] = []
    for module in all_modules(bundle):
        uses: list[QuizUse] = []
        for lesson_id in module.lessons:
            lesson = bundle.lessons[lesson_id]
            if lesson.quiz:
                quiz = bundle.quizzes[lesson.quiz]
                uses.append(QuizUse(quiz, f"Lesson check on “{lesson.title}”", _src(quiz)))
        if module.quiz:
            quiz = bundle.quizzes[module.quiz]
            uses.append(QuizUse(quiz, f"Module quiz of “{module.title}”", _src(quiz)))
        if uses:
            groups.append((module.title, uses))
    if bundle.course.final_assessment:
        quiz = bundle.quizzes[bundle.course.final_assessment]
        groups.append(("", [QuizUse(quiz, "Final assessment", _src(quiz))]))
    return groups


def _src(quiz: Quiz) -> str:
    return f"quizzes/{quiz.id}.md"


def render_facilitator(bundle: CourseBundle, *, template_dirs: Sequence[Path] = ()) -> FacilitatorEdition:
    """The facilitator edition of a validated course: its pages, stylesheet and navigation."""
    md = MarkdownRenderer(allow_html=bundle.course.allow_html)
    env = template_environment(template_dirs, lstrip_blocks=True)
    objectives = {
        objective.id: (objective.text, lesson.title)
        for lesson in bundle.lessons.values()
        for objective in lesson.objectives
    }
    out = FacilitatorEdition(assets={STYLESHEET: (resources.files("generator") / "assets" / STYLESHEET).read_bytes()})
    groups = quiz_uses(bundle)
    out.nav.append({"Answer key": HOME_SRC})
    for title, uses in groups:
        entries = [{nav_title(use.quiz.title): use.src} for use in uses]
        out.nav.append({nav_title(title): entries} if title else entries[0])
        for use in uses:
            out.pages[use.src] = env.get_template("facilitator_quiz.md.j2").render(
                quiz=use.quiz,
                where=use.where,
                pass_mark=use.quiz.pass_mark if use.quiz.pass_mark is not None else bundle.course.pass_mark,
                intro=Markup(md.block(use.quiz.intro)) if use.quiz.intro else None,
                questions=[_question(md, use.quiz, q, n, objectives) for n, q in enumerate(use.quiz.questions, 1)],
                moves={move.id: move.description for move in bundle.course.moves},
            )
    out.pages[HOME_SRC] = env.get_template("facilitator_home.md.j2").render(
        course=bundle.course,
        groups=[
            (title, [(use, relative_url(HOME_SRC, use.src, directory_urls=True)) for use in uses])
            for title, uses in groups
        ],
        objectives=_coverage(bundle, objectives),
    )
    return out


def _coverage(bundle: CourseBundle, objectives: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    """Every objective with the questions that assess it, for the home page."""
    assessed: dict[str, list[str]] = {key: [] for key in objectives}
    for _, uses in quiz_uses(bundle):
        for use in uses:
            for question in use.quiz.questions:
                for objective in question.objectives:
                    assessed.setdefault(objective, []).append(f"{use.quiz.id} › {question.id}")
    return [
        {"id": key, "text": text, "lesson": lesson, "questions": assessed[key]}
        for key, (text, lesson) in objectives.items()
    ]


def _points(n: int) -> str:
    return f"{n} point{'' if n == 1 else 's'}"


def _question(
    md: MarkdownRenderer, quiz: Quiz, q: Any, number: int, objectives: dict[str, tuple[str, str]]
) -> dict[str, Any]:
    def block(text: str | None) -> Markup | None:
        return Markup(md.block(text)) if text else None

    meta = [TYPE_NAMES[q.type]]
    if isinstance(q, RolePlay):
        meta.append(f"at most {_points(roleplay_max(q))}" if q.scoring == "path" else "scored by its ending")
    else:
        meta.append(_points(q.points))
    if isinstance(q, (MultipleChoice, Ordering, Matching)):
        meta.append("partial credit" if q.partial_credit else "all or nothing")
    data: dict[str, Any] = {
        "q": q,
        "number": number,
        "meta": " · ".join(meta),
        "objectives": [{"id": o, "text": objectives[o][0], "lesson": objectives[o][1]} for o in q.objectives],
        "scenario": block(q.scenario),
        "prompt": block(q.prompt),
        "explanation": block(q.explanation),
    }
    if isinstance(q, (SingleChoice, MultipleChoice)):
        data["options"] = [
            {"correct": o.correct, "pin": o.pin, "move": o.move, "text": block(o.text), "feedback": block(o.feedback)}
            for o in q.options
        ]
    elif isinstance(q, Ordering):
        data["in_order"] = [{"text": block(i.text), "feedback": block(i.feedback)} for i in q.items]
    elif isinstance(q, Matching):
        data["pairs"] = q.pairs
        data["pair_feedback"] = [block(p.feedback) for p in q.pairs]
    elif isinstance(q, RolePlay):
        data.update(_roleplay(md, quiz, q))
    return data


def _roleplay(md: MarkdownRenderer, quiz: Quiz, q: RolePlay) -> dict[str, Any]:
    hops, best_ending = best_path(q)
    best = {choice_id(s, c) for s, c in hops}
    endings = {e.id: e for e in q.endings}
    steps = [
        {
            "id": step.id,
            "start": step.id == q.start,
            "customer": Markup(md.block(step.customer)),
            "choices": [
                {
                    "number": c + 1,
                    "points": _points(choice.points),
                    "best": choice_id(step.id, c) in best,
                    "move": choice.move,
                    "text": Markup(md.block(choice.text)),
                    "feedback": Markup(md.block(choice.feedback)),
                    "next": choice.next,
                    "next_kind": (f"ending, {endings[choice.next].outcome}" if choice.next in endings else "step"),
                }
                for c, choice in enumerate(step.choices)
            ],
        }
        for step in q.steps
    ]
    paths = list(_paths(q))
    if q.scoring == "path":
        scoring = f"Scored by path: the points of the choices made, out of the best path's {_points(roleplay_max(q))}."
    else:
        scoring = (
            "Scored by ending: the score of the ending reached, out of the best ending's "
            f"{roleplay_max(q)} %. Choice points only guide the debrief."
        )
    map_id = f"map-{quiz.id}-{q.id}"
    return {
        "map": Markup(svg(q, md, map_id=map_id)),
        "map_id": map_id,
        "scoring": scoring,
        "steps": steps,
        "endings": [
            {
                "id": e.id,
                "outcome": OUTCOME_WORD[e.outcome],
                "title": e.title,
                "text": Markup(md.block(e.text)),
                "score": e.score,
                "best": e.id == best_ending,
            }
            for e in q.endings
        ],
        "best_path": _path_name(hops, best_ending),
        "paths": [
            {
                "name": _path_name(path, end),
                "points": _points(points)
                + (f", the ending scores {endings[end].score} %" if q.scoring == "ending" else ""),
                "outcome": endings[end].outcome,
                "best": path == hops and end == best_ending,
            }
            for path, end, points in paths[:MAX_PATHS_LISTED]
        ],
        "paths_left": _count_paths(q) - min(len(paths), MAX_PATHS_LISTED),
    }


def _path_name(hops: list[Hop], ending: str) -> str:
    return " → ".join([*(choice_id(s, c) for s, c in hops), ending])


def _paths(q: RolePlay) -> Iterator[tuple[list[Hop], str, int]]:
    """Every path from the start to an ending, in the YAML's order of choices, up to the
    list's limit plus one (enough to know that some are left out)."""
    steps = {step.id: step for step in q.steps}
    found = 0

    def walk(node: str, hops: list[Hop], points: int) -> Iterator[tuple[list[Hop], str, int]]:
        nonlocal found
        if node not in steps:
            found += 1
            yield hops, node, points
            return
        choices: list[Choice] = steps[node].choices
        for c, choice in enumerate(choices):
            if found > MAX_PATHS_LISTED:
                return
            yield from walk(choice.next, [*hops, (node, c)], points + choice.points)

    yield from walk(q.start, [], 0)


def _count_paths(q: RolePlay) -> int:
    """How many paths lead from the start to an ending, counted without listing them."""
    steps = {step.id: step for step in q.steps}
    memo: dict[str, int] = {}

    def count(node: str) -> int:
        if node not in steps:
            return 1
        if node not in memo:
            memo[node] = sum(count(choice.next) for choice in steps[node].choices)
        return memo[node]

    return count(q.start)
