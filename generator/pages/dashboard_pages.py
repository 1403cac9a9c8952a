"""The pages that carry the learner's dashboard: the course home and the certificate.

Both show the course outline with each item's state; the outline is made once
(`course_outline`) and turned into dashboard.js's data in one place
(`dashboard_structure`), with links relative to the page that carries it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.model.outline import OutlineItem
from generator.pages.context import PageContext
from generator.pages.progress import CERTIFICATE_SRC, dashboard_data
from generator.pages.strings import SCRIPT_KEYS

HOME_SRC = "index.md"


@dataclass(frozen=True)
class DashboardOutline:
    """Every module with its lessons and quizzes in order, and the final assessment."""

    modules: list[dict[str, Any]]
    final: dict[str, Any] | None


def course_outline(ctx: PageContext) -> DashboardOutline:
    def entry(item: OutlineItem) -> dict[str, str]:
        return {
            "id": item.id,
            "title": item.title,
            "url": ctx.links.to_item(HOME_SRC, item.id),
            "kind": ctx.labels[item.page_kind],
        }

    modules = [
        {
            "id": module.id,
            "title": module.title,
            "summary": module.summary,
            "entries": [entry(item) for item in ctx.outline.in_module(module)],
        }
        for module in ctx.outline.modules
    ]
    final = None
    if item := ctx.outline.final:
        final = {
            "id": item.id,
            "title": item.title,
            "url": ctx.links.to_item(HOME_SRC, item.id),
            "pass_mark": item.pass_mark,
        }
    return DashboardOutline(modules, final)


def certificate_src(ctx: PageContext) -> str | None:
    """Where the certificate page goes; None for a course without a final assessment."""
    # No lesson or quiz can take this page: `certificate` is a reserved id (checks.RESERVED_IDS).
    return CERTIFICATE_SRC if ctx.bundle.course.final_assessment else None


def dashboard_structure(ctx: PageContext, outline: DashboardOutline, src: str) -> str:
    """The outline as dashboard.js needs it, with URLs relative to the page built from `src`."""
    final = outline.final
    cert_src = certificate_src(ctx)
    return dashboard_data(
        modules=[
            {
                "id": module["id"],
                "t": module["title"],
                "i": [
                    {
                        "id": e["id"],
                        "k": ctx.outline[e["id"]].page_kind[0],
                        "t": e["title"],
                        "u": ctx.links.to_item(src, e["id"]),
                    }
                    for e in module["entries"]
                ],
            }
            for module in outline.modules
        ],
        final={"id": final["id"], "t": final["title"], "u": ctx.links.to_item(src, final["id"])} if final else None,
        quiz_hashes=ctx.tracker.quiz_hashes,
        require_module_quizzes=ctx.bundle.course.require_module_quizzes,
        certificate_url=ctx.links.to_src(src, cert_src) if cert_src else None,
    )


def home_page(ctx: PageContext, outline: DashboardOutline) -> str:
    tracker = ctx.tracker
    return ctx.template("home.md.j2").render(
        page_src=HOME_SRC,
        course=ctx.bundle.course,
        modules=outline.modules,
        final=outline.final,
        labels=ctx.labels,
        total_minutes=sum(lesson.minutes for lesson in ctx.bundle.lessons.values()),
        p=ctx.progress_labels,
        structure=dashboard_structure(ctx, outline, HOME_SRC),
        strings=tracker.script_strings(SCRIPT_KEYS),
        page_data=tracker.page_data(HOME_SRC),
        scripts=[tracker.script(HOME_SRC), tracker.script(HOME_SRC, "dashboard.js")],
        stylesheet=tracker.stylesheet(HOME_SRC),
    )


def certificate_page(ctx: PageContext, outline: DashboardOutline, src: str) -> str:
    course, labels, tracker = ctx.bundle.course, ctx.progress_labels, ctx.tracker
    return ctx.template("certificate.md.j2").render(
        page_src=src,
        course=course,
        p=labels,
        wait=labels["cert_wait"].format(what=labels["cert_all" if course.require_module_quizzes else "cert_final"]),
        home_url=ctx.links.to_src(src, HOME_SRC),
        strings=tracker.script_strings(SCRIPT_KEYS),
        structure=dashboard_structure(ctx, outline, src),
        page_data=tracker.page_data(src),
        scripts=[tracker.script(src), tracker.script(src, "dashboard.js")],
        stylesheet=tracker.stylesheet(src),
    )
