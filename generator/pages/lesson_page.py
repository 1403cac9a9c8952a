"""A lesson's page (with its own quiz, if it has one) and a quiz's page of its own."""

from __future__ import annotations

from generator.model.models import Module, Quiz
from generator.pages.context import PageContext
from generator.pages.quiz_section import quiz_section


def lesson_page(ctx: PageContext, module: Module, lesson_id: str) -> str:
    page = ctx.outline[lesson_id]
    lesson = ctx.bundle.lessons[lesson_id]
    quiz_link = None
    # The module's quiz page follows its last lesson: that lesson points on to it.
    if module.quiz and lesson_id == module.lessons[-1]:
        quiz_link = {"title": ctx.outline[module.quiz].title, "url": ctx.links.to_item(page.src, module.quiz)}
    lesson_quiz = quiz_section(ctx, ctx.bundle.quizzes[lesson.quiz], page.src, heading_level=3) if lesson.quiz else None
    return ctx.template("lesson.md.j2").render(
        page_src=page.src,
        lesson=lesson,
        module=module,
        labels=ctx.labels,
        quiz_link=quiz_link,
        lesson_quiz=lesson_quiz,
        control=ctx.tracker.lesson_control(),
        page_data=ctx.tracker.page_data(page.src, lesson_id, quiz=bool(lesson.quiz)),
        script=ctx.tracker.script(page.src),
    )


def quiz_page(ctx: PageContext, quiz: Quiz) -> str:
    src = ctx.outline[quiz.id].src
    return ctx.template("quiz.md.j2").render(
        page_src=src, **quiz_section(ctx, quiz, src), page_data=ctx.tracker.page_data(src, quiz.id, quiz=True)
    )
