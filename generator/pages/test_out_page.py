"""A module's pre-test (issue 26): pass it before the lessons to test out of the module.

`pretest:` on a module in course.yaml gives the module a page `<module>/test-out/` with a quiz: the
module's own questions drawn at random (those that assess its objectives, as a review asks them:
pages/review_page.py) or a quiz of its own (`pretest: {quiz: …}`), run by the ordinary quiz
runtime. test-out.js, beside it, acts on the result: passed, the module's lessons are marked done
("tested out") and its quiz passed (so its objectives enter the review schedule); failed, it lists
the objectives the missed questions assess, each with a link to its lesson.
"""

from __future__ import annotations

import json

from markupsafe import Markup, escape

from generator.model.models import Module, Quiz
from generator.model.outline import pass_mark_of
from generator.pages.context import PageContext
from generator.pages.quiz_html import QuizContext, quiz_digest, render_quiz
from generator.pages.quiz_xapi import quiz_xapi
from generator.pages.review_page import review_questions
from generator.pages.urls import ASSETS_DIR

# `test-out` is a reserved id (checks.RESERVED_IDS): no lesson or quiz page can take the address.
PAGE = "test-out"
DEFAULT_QUESTIONS = 5


def test_out_src(module: Module) -> str:
    return f"{module.id}/{PAGE}.md"


def test_out_quiz(ctx: PageContext, module: Module) -> Quiz | None:
    """The module's pre-test as a quiz; None for a module without one (or nothing to draw from)."""
    pretest = module.pretest
    if pretest is None:
        return None
    if pretest.quiz is not None:
        return ctx.bundle.quizzes[pretest.quiz]
    questions = [item.question for item in review_questions(ctx) if item.module.id == module.id]
    if not questions:
        return None
    return Quiz(
        id=f"{module.id}-{PAGE}",
        title=ctx.progress_labels["test_out_title"].format(m=module.title),
        pass_mark=pretest.pass_mark if pretest.pass_mark is not None else ctx.bundle.course.pass_mark,
        draw=min(pretest.questions or DEFAULT_QUESTIONS, len(questions)),
        questions=questions,
    )


def test_out_page(ctx: PageContext, module: Module, quiz: Quiz) -> str:
    src = test_out_src(module)
    pass_mark = pass_mark_of(quiz, ctx.bundle.course)
    objectives = {o.id: o.text for lesson_id in module.lessons for o in ctx.bundle.lessons[lesson_id].objectives}
    context = QuizContext(
        pass_mark=pass_mark,
        markdown=ctx.md,
        strings=ctx.strings,
        assets_url=ctx.links.to_src(src, ASSETS_DIR).rstrip("/") + "/",
        objective_links={},
        course_id=ctx.bundle.course.id,
        # Reviews and pre-tests report their answers too, named under the course IRI.
        xapi=quiz_xapi(ctx.bundle.course, ctx.course_iri, quiz, quiz_digest(quiz)[:12]) if ctx.course_iri else None,
    )
    fragment = render_quiz(quiz, context)
    if not ctx.inline_quizzes:
        placeholder = f'<div class="cg-slot" data-quiz="{escape(quiz.id)}"></div>'
        ctx.fragments.setdefault(src, {})[placeholder] = fragment.rstrip("\n")
        fragment = placeholder + "\n"
    data = {
        "quiz": quiz.id,
        "mq": module.quiz,
        "mh": ctx.tracker.quiz_hashes.get(module.quiz, "") if module.quiz else "",
        "lessons": list(module.lessons),
        # What each question assesses of the module, by question id; and each objective's words and lesson.
        "a": {q.id: [o for o in q.objectives if o in objectives] for q in quiz.questions},
        "o": {
            oid: [text, ctx.links.to_item(src, ctx.outline.objective_lesson[oid])]
            for oid, text in objectives.items()
            if oid in ctx.outline.objective_lesson
        },
    }
    labels, tracker = ctx.progress_labels, ctx.tracker
    words = {k: labels[k] for k in ("test_out_passed", "test_out_failed")}
    return ctx.template("test_out.md.j2").render(
        title=labels["test_out_title"].format(m=module.title),
        intro=labels["test_out_intro"].format(n=quiz.draw or len(quiz.questions), mark=pass_mark),
        data=json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        strings=json.dumps(words, ensure_ascii=False, separators=(",", ":")),
        fragment=Markup(fragment),
        page_data=tracker.page_data(src, quiz.id, quiz=True),
        scripts=[tracker.script(src, "test-out.js")],
    )
