"""The review page (issue 26): spaced reviews of the modules a learner has passed, run in the browser.

One page, `review/`, holds every question a review may ask — each module's quiz and lesson-check
questions that assess one of the module's objectives (role-plays left out: a review is a short
retrieval, not a conversation) — as one quiz of the ordinary quiz runtime. review.js (the page's
controller) reads the learner's schedule (assets/src/schedule.js), picks one question per due
objective and hands the quiz its pick; the quiz runtime does the rest (feedback, explanation,
keyboard, screen reader, the site's language).

`review_settings` is what both this page and the dashboard need to know of the schedule: the gaps,
the size of a review, and each module's quiz and objectives.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from generator.model.models import Module, Question, Quiz, Reinforcement, RolePlay
from generator.pages.context import PageContext
from generator.pages.quiz_html import QuizContext, quiz_digest, render_quiz
from generator.pages.quiz_xapi import quiz_xapi
from generator.pages.urls import ASSETS_DIR

# The page's address and its quiz's id. `review` is a reserved id (checks.RESERVED_IDS), so no
# lesson or quiz can take either.
REVIEW_SRC = "review.md"
REVIEW_QUIZ = "review"
# Joins a question's quiz id and its own id: unique across the course, and stable across updates,
# so that the learner's "seen" and "wrong" marks survive one.
_JOIN = "--"


@dataclass(frozen=True)
class ReviewQuestion:
    module: Module
    question: Question
    objectives: list[str]  # the module's objectives it assesses


def _module_objectives(ctx: PageContext, module: Module) -> list[str]:
    return [o.id for lesson_id in module.lessons for o in ctx.bundle.lessons[lesson_id].objectives]


def review_questions(ctx: PageContext) -> list[ReviewQuestion]:
    """Every question a review may ask, module by module: from modules that have a quiz (its pass
    starts the schedule), that quiz's and its lessons' checks' questions assessing its objectives."""
    found: list[ReviewQuestion] = []
    for module in ctx.outline.modules:
        if not module.quiz:
            continue
        own = set(_module_objectives(ctx, module))
        items = list(ctx.outline.in_module(module))
        # The module's quiz first, then its lessons' checks.
        quiz_ids = [i.id for i in items if i.kind == "module_quiz"] + [i.id for i in items if i.kind == "lesson_check"]
        for quiz_id in quiz_ids:
            for question in ctx.bundle.quizzes[quiz_id].questions:
                assessed = [o for o in question.objectives if o in own]
                if assessed and not isinstance(question, RolePlay):
                    renamed = question.model_copy(update={"id": f"{quiz_id}{_JOIN}{question.id}"})
                    found.append(ReviewQuestion(module, renamed, assessed))
    return found


def reinforcement(ctx: PageContext) -> Reinforcement | None:
    """The course's review settings; None when reviews are off or there is nothing to review."""
    settings = ctx.bundle.course.reinforcement
    if not settings.enabled or not review_questions(ctx):
        return None
    return settings


def review_settings(ctx: PageContext, questions: list[ReviewQuestion]) -> dict[str, Any]:
    """schedule.js's ReviewSettings: the gaps, a review's size, and each module's quiz and objectives."""
    settings = ctx.bundle.course.reinforcement
    modules: dict[str, dict[str, Any]] = {}
    for item in questions:
        entry = modules.setdefault(
            item.module.id, {"id": item.module.id, "t": item.module.title, "q": item.module.quiz, "o": []}
        )
        entry["o"].extend(o for o in item.objectives if o not in entry["o"])
    return {"iv": settings.intervals_days, "n": settings.questions, "m": list(modules.values())}


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def review_page(ctx: PageContext) -> str:
    questions = review_questions(ctx)
    src = REVIEW_SRC
    quiz = Quiz(
        id=REVIEW_QUIZ,
        title=ctx.progress_labels["review_title"],
        pass_mark=ctx.bundle.course.pass_mark,
        questions=[item.question for item in questions],
    )
    context = QuizContext(
        pass_mark=ctx.bundle.course.pass_mark,
        markdown=ctx.md,
        strings=ctx.strings,
        assets_url=ctx.links.to_src(src, ASSETS_DIR).rstrip("/") + "/",
        objective_links={
            oid: (ctx.outline[lid].title, ctx.links.to_item(src, lid))
            for oid in {o for item in questions for o in item.objectives}
            if (lid := ctx.outline.objective_lesson.get(oid)) is not None and lid in ctx.outline
        },
        course_id=ctx.bundle.course.id,
        # Reviews and pre-tests report their answers too, named under the course IRI.
        xapi=quiz_xapi(ctx.bundle.course, ctx.course_iri, quiz, quiz_digest(quiz)[:12]) if ctx.course_iri else None,
    )
    # review.js gives the quiz its class once it has picked the questions: the quiz runtime binds
    # only a .cg-quiz, and must not draw at random from every module first.
    fragment = render_quiz(quiz, context).replace('<section class="cg-quiz"', '<section class="cg-rq" hidden', 1)
    if not ctx.inline_quizzes:
        placeholder = f'<div class="cg-slot" data-quiz="{escape(REVIEW_QUIZ)}"></div>'
        ctx.fragments.setdefault(src, {})[placeholder] = fragment.rstrip("\n")
        fragment = placeholder + "\n"
    data = {
        **review_settings(ctx, questions),
        # For each question (by position): the objectives it assesses, and its id.
        "a": [item.objectives for item in questions],
        "ids": [item.question.id for item in questions],
        "c": ctx.bundle.course.title,
    }
    labels, tracker = ctx.progress_labels, ctx.tracker
    return ctx.template("review.md.j2").render(
        p=labels,
        data=_json(data),
        strings=_json({k: labels[k] for k in REVIEW_SCRIPT_KEYS}),
        fragment=Markup(fragment),
        page_data=tracker.page_data(src, ""),
        scripts=[tracker.script(src, "review.js")],
    )


# The words review.js shows (strings.py's PROGRESS table, issue 26's part of it).
REVIEW_SCRIPT_KEYS = (
    "review_none",
    "review_next",
    "review_not_yet",
    "review_done",
    "review_event",
    "review_event_text",
)
# The words the dashboard shows of reviews.
DASHBOARD_REVIEW_KEYS = (
    "review_due_n",
    "review_due_one",
    "review_next",
    "review_not_yet",
    "review_start",
    "review_retention",
)
