"""A quiz as a section of a page: its intro, its one-line summary and its form (or a placeholder)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from generator.model.models import Quiz
from generator.pages.context import PageContext
from generator.pages.quiz_html import QuizContext, render_quiz
from generator.pages.quiz_xapi import quiz_xapi
from generator.pages.urls import ASSETS_DIR


def quiz_section(ctx: PageContext, quiz: Quiz, src: str, *, heading_level: int = 2) -> dict[str, Any]:
    """What quiz.md.j2 and lesson.md.j2 need to show `quiz` on the page built from `src`."""
    pass_mark = ctx.outline.pass_mark(quiz.id)
    md = ctx.md.for_page(ctx.links, src, ctx.bundle.lessons)
    context = QuizContext(
        pass_mark=pass_mark,
        markdown=md,
        strings=ctx.strings,
        assets_url=ctx.links.to_src(src, ASSETS_DIR).rstrip("/") + "/",
        # Only the objectives this quiz assesses: linking every objective
        # of the course from every quiz would grow with the square of its size.
        objective_links={
            oid: (ctx.outline[lid].title, ctx.links.to_item(src, lid))
            for oid in {o for q in quiz.questions for o in q.objectives}
            if (lid := ctx.outline.objective_lesson.get(oid)) is not None and lid in ctx.outline
        },
        course_id=ctx.bundle.course.id,
        digest=ctx.digests[quiz.id],
        heading_level=heading_level,
        xapi=quiz_xapi(ctx.bundle.course, ctx.course_iri, quiz, ctx.digests[quiz.id][:12]) if ctx.course_iri else None,
    )
    count = quiz.draw or len(quiz.questions)
    one = "_one" if count == 1 else ""
    meta = (
        ctx.labels["quiz_meta_draw" + one].format(n=count, pool=len(quiz.questions), mark=pass_mark)
        if quiz.draw
        else ctx.labels["quiz_meta" + one].format(n=count, mark=pass_mark)
    )
    fragment = render_quiz(quiz, context)
    if not ctx.inline_quizzes:
        # A raw-HTML line that Markdown passes through as it is, and that
        # trainer text cannot produce (its raw HTML is escaped).
        placeholder = f'<div class="cg-slot" data-quiz="{escape(quiz.id)}"></div>'
        ctx.fragments.setdefault(src, {})[placeholder] = fragment.rstrip("\n")
        fragment = placeholder + "\n"
    return {
        "quiz": quiz,
        "intro": Markup(md.block(quiz.intro)) if quiz.intro else None,
        "meta": meta,
        "fragment": Markup(fragment),
    }
