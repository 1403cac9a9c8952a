"""The facilitator edition's pages: every quiz as an answer key, every role-play as a map.

A facilitator running a live workshop needs what the learner site hides: the right answers,
every option's feedback, the explanation, the objectives each question assesses, and the shape
of each role-play. These pages are made for a site of their own (engines/facilitator_site.py),
never for the learner site, which neither holds nor links to them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.model.load import CourseBundle
from generator.model.models import Matching, MultipleChoice, Ordering, Quiz, RolePlay, SingleChoice
from generator.model.outline import OutlineItem
from generator.model.roleplay_paths import Hop, best_path, choice_id, count_paths, name, paths, roleplay_max
from generator.pages.addresses import Links
from generator.pages.course import nav_title, template_environment
from generator.pages.markdown import MarkdownRenderer
from generator.pages.roleplay_map import svg
from generator.pages.strings import facilitator_words
from generator.pages.urls import relative_url

HOME_SRC = "index.md"
Words = Mapping[str, Markup]  # strings.facilitator_words
STYLESHEET = "facilitator.css"
# A role-play can have very many paths; the list names this many and counts the rest.
MAX_PATHS_LISTED = 60


@dataclass
class FacilitatorEdition:
    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)
    nav: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class QuizUse:
    quiz: Quiz
    where: Markup  # how the learner site uses it, in words
    src: str
    pass_mark: int


def _where(item: OutlineItem, w: Words) -> Markup:
    if item.kind == "lesson_check" and item.lesson is not None:
        return w["lesson_check"].format(title=item.lesson.title)
    if item.kind == "module_quiz" and item.module is not None:
        return w["module_quiz"].format(title=item.module.title)
    return w["final"]


def quiz_uses(bundle: CourseBundle, w: Words) -> list[tuple[str, list[QuizUse]]]:
    """Every quiz of the course, grouped as the learner meets them: per module its lessons'
    checks then its quiz, then the final assessment (group title "")."""
    # Keyed by module id, as two modules may share a title; the final assessment by "".
    groups: dict[str, tuple[str, list[QuizUse]]] = {}
    for item in bundle.outline.quizzes():
        quiz = bundle.quizzes[item.id]
        key, title = (item.module.id, item.module.title) if item.module is not None else ("", "")
        use = QuizUse(quiz, _where(item, w), _src(quiz), bundle.outline.pass_mark(item.id))
        groups.setdefault(key, (title, []))[1].append(use)
    return list(groups.values())


def _src(quiz: Quiz) -> str:
    return f"quizzes/{quiz.id}.md"


def render_facilitator(
    bundle: CourseBundle, *, language: str | None = None, template_dirs: Sequence[Path] = ()
) -> FacilitatorEdition:
    """The facilitator edition of a validated course: its pages, stylesheet and navigation, in
    `language` (the site's; the course's by default), from the learner site's strings."""
    w = facilitator_words(language or bundle.course.language)
    base = MarkdownRenderer(allow_html=bundle.course.allow_html)
    env = template_environment(template_dirs, lstrip_blocks=True)
    objectives = {
        objective.id: (objective.text, lesson.title)
        for lesson in bundle.lessons.values()
        for objective in lesson.objectives
    }
    out = FacilitatorEdition(assets={STYLESHEET: (resources.files("generator") / "assets" / STYLESHEET).read_bytes()})
    groups = quiz_uses(bundle, w)
    out.nav.append({str(w["nav_answer_key"]): HOME_SRC})
    for title, uses in groups:
        entries = [{nav_title(use.quiz.title): use.src} for use in uses]
        out.nav.append({nav_title(title): entries} if title else entries[0])
        for use in uses:
            # The edition has no lesson pages: a link to a lesson keeps its words, unlinked.
            md = base.for_page(Links(bundle.outline, directory_urls=True), use.src, ())
            out.pages[use.src] = env.get_template("facilitator_quiz.md.j2").render(
                quiz=use.quiz,
                w=w,
                where=use.where,
                pass_mark=use.pass_mark,
                intro=Markup(md.block(use.quiz.intro)) if use.quiz.intro else None,
                questions=[_question(md, w, use.quiz, q, n, objectives) for n, q in enumerate(use.quiz.questions, 1)],
                moves={move.id: move.description for move in bundle.course.moves},
            )
    out.pages[HOME_SRC] = env.get_template("facilitator_home.md.j2").render(
        w=w,
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
    assessed = bundle.outline.objective_questions
    return [
        {
            "id": key,
            "text": text,
            "lesson": lesson,
            "questions": [f"{ref.quiz} › {ref.question}" for ref in assessed.get(key, ())],
        }
        for key, (text, lesson) in objectives.items()
    ]


def _points(w: Words, n: int) -> Markup:
    return w["points_one"] if n == 1 else w["points"].format(n=n)


def _question(
    md: MarkdownRenderer, w: Words, quiz: Quiz, q: Any, number: int, objectives: dict[str, tuple[str, str]]
) -> dict[str, Any]:
    def block(text: str | None) -> Markup | None:
        return Markup(md.block(text)) if text else None

    meta = [w[f"type_{q.type}"]]
    if isinstance(q, RolePlay):
        meta.append(w["at_most"].format(points=_points(w, roleplay_max(q))) if q.scoring == "path" else w["by_ending"])
    else:
        meta.append(_points(w, q.points))
    if isinstance(q, (MultipleChoice, Ordering, Matching)):
        meta.append(w["partial_credit"] if q.partial_credit else w["all_or_nothing"])
    data: dict[str, Any] = {
        "q": q,
        "number": number,
        "meta": Markup(" · ").join(meta),
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
        data.update(_roleplay(md, w, quiz, q))
    return data


def _steps(md: MarkdownRenderer, w: Words, q: RolePlay, hops: list[Hop]) -> list[dict[str, Any]]:
    """Every step with its choices, the best path's marked, for the answer key's list."""
    best = {choice_id(s, c) for s, c in hops}
    endings = {e.id: e for e in q.endings}
    return [
        {
            "id": step.id,
            "start": step.id == q.start,
            "customer": Markup(md.block(step.customer)),
            "choices": [
                {
                    "number": c + 1,
                    "points": _points(w, choice.points),
                    "best": choice_id(step.id, c) in best,
                    "move": choice.move,
                    "text": Markup(md.block(choice.text)),
                    "feedback": Markup(md.block(choice.feedback)),
                    "next": choice.next,
                    "next_kind": (
                        w["next_ending"].format(outcome=w[endings[choice.next].outcome])
                        if choice.next in endings
                        else w["next_step"]
                    ),
                }
                for c, choice in enumerate(step.choices)
            ],
        }
        for step in q.steps
    ]


def _roleplay(md: MarkdownRenderer, w: Words, quiz: Quiz, q: RolePlay) -> dict[str, Any]:
    hops, best_ending = best_path(q)
    endings = {e.id: e for e in q.endings}
    listed = list(paths(q, MAX_PATHS_LISTED))
    # Plain text, escaped by the template as any sentence of the page (its values are numbers).
    if q.scoring == "path":
        scoring = str(w["scoring_path"]).format(points=_points(w, roleplay_max(q)))
    else:
        scoring = str(w["scoring_ending"]).format(n=roleplay_max(q))
    map_id = f"map-{quiz.id}-{q.id}"
    return {
        "map": Markup(svg(q, md, map_id=map_id, words={key: str(text) for key, text in w.items()})),
        "map_id": map_id,
        "scoring": scoring,
        "steps": _steps(md, w, q, hops),
        "endings": [
            {
                "id": e.id,
                "outcome": w[e.outcome.capitalize()],
                "kind": e.outcome,
                "title": e.title,
                "text": Markup(md.block(e.text)),
                "score": e.score,
                "best": e.id == best_ending,
            }
            for e in q.endings
        ],
        "best_path": name(hops, best_ending),
        "paths": [
            {
                "name": name(path, end),
                "points": _points(w, points)
                + (w["ending_scores"].format(n=endings[end].score) if q.scoring == "ending" else ""),
                "outcome": w[endings[end].outcome],
                "best": path == hops and end == best_ending,
            }
            for path, end, points in listed[:MAX_PATHS_LISTED]
        ],
        "paths_left": count_paths(q) - min(len(listed), MAX_PATHS_LISTED),
    }
