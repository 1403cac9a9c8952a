"""Validated course → Markdown pages, runtime assets and a navigation tree.

The output is plain files: any engine that reads mkdocs.yml and Markdown with
raw HTML can build it. Trainer text is rendered to HTML here (see
markdown_render) so that what reaches a browser does not depend on the engine's
Markdown settings; headings stay Markdown so the engine builds the table of
contents and search sections from them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .load import CourseBundle
from .markdown_render import MarkdownRenderer, is_safe_url
from .models import Module, Quiz
from .page_labels import labels_for
from .urls import ASSETS_DIR, relative_url

NavEntry = dict[str, Any]
RUNTIME_ASSETS = ("quiz.js", "quiz.css")

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~-])")


def _heading(text: str) -> Markup:
    # Headings stay Markdown (for the table of contents), so the text is
    # escaped for both HTML and Markdown.
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(text))))


def nav_title(title: str) -> str:
    """A title as the engine expects it in `nav`: HTML, which Material inserts unescaped
    (into the navigation, the header, the footer's aria-label), so it is escaped here."""
    return str(escape(title))


@dataclass
class RenderedCourse:
    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)
    nav: list[NavEntry] = field(default_factory=list)


@dataclass(frozen=True)
class _Page:
    src: str
    title: str
    kind: str


def _environment(md: MarkdownRenderer) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
    )
    env.filters["heading"] = _heading
    env.filters["block"] = lambda text: Markup(md.block(text))
    env.filters["safe_url"] = is_safe_url
    return env


def page_paths(bundle: CourseBundle) -> dict[str, _Page]:
    """Where every lesson and quiz page goes, keyed by lesson or quiz id."""
    paths: dict[str, _Page] = {}
    for module in _all_modules(bundle):
        for lesson_id in module.lessons:
            paths[lesson_id] = _Page(f"{module.id}/{lesson_id}.md", bundle.lessons[lesson_id].title, "lesson")
        if module.quiz:
            paths[module.quiz] = _Page(f"{module.id}/{module.quiz}.md", bundle.quizzes[module.quiz].title, "quiz")
    final = bundle.course.final_assessment
    if final:
        paths[final] = _Page(f"{final}.md", bundle.quizzes[final].title, "quiz")
    return paths


def _all_modules(bundle: CourseBundle) -> list[Module]:
    capstone = [bundle.course.capstone] if bundle.course.capstone else []
    return [*bundle.course.modules, *capstone]


def runtime_assets() -> dict[str, bytes]:
    package = resources.files("generator") / "assets"
    return {f"{ASSETS_DIR}/{name}": (package / name).read_bytes() for name in RUNTIME_ASSETS}


def render_course(
    bundle: CourseBundle,
    *,
    language: str,
    directory_urls: bool = True,
    ui_overrides: Mapping[str, str] | None = None,
) -> RenderedCourse:
    from .i18n import ui_strings
    from .quiz_html import QuizContext, render_quiz

    course = bundle.course
    md = MarkdownRenderer(allow_html=course.allow_html)
    env = _environment(md)
    labels = labels_for(language)
    strings = ui_strings(language, ui_overrides)
    paths = page_paths(bundle)
    out = RenderedCourse(assets=runtime_assets())

    def link(from_src: str, to_id: str) -> str:
        return relative_url(from_src, paths[to_id].src, directory_urls=directory_urls)

    objective_lesson = {
        objective.id: lesson.id for lesson in bundle.lessons.values() for objective in lesson.objectives
    }

    def render_quiz_page(quiz: Quiz, src: str) -> str:
        pass_mark = quiz.pass_mark if quiz.pass_mark is not None else course.pass_mark
        context = QuizContext(
            pass_mark=pass_mark,
            markdown=md,
            strings=strings,
            assets_url=relative_url(src, ASSETS_DIR, directory_urls=directory_urls).rstrip("/") + "/",
            # Only the objectives this quiz assesses: linking every objective
            # of the course from every quiz would grow with the square of its size.
            objective_links={
                oid: (paths[lid].title, link(src, lid))
                for oid in {o for q in quiz.questions for o in q.objectives}
                if (lid := objective_lesson.get(oid)) in paths
            },
            course_id=course.id,
        )
        count = quiz.draw or len(quiz.questions)
        meta = (
            labels["quiz_meta_draw"].format(n=count, pool=len(quiz.questions), mark=pass_mark)
            if quiz.draw
            else labels["quiz_meta"].format(n=count, mark=pass_mark)
        )
        return env.get_template("quiz.md.j2").render(
            quiz=quiz,
            intro=Markup(md.block(quiz.intro)) if quiz.intro else None,
            meta=meta,
            fragment=Markup(render_quiz(quiz, context)),
        )

    home_modules = []
    for module in _all_modules(bundle):
        children: list[NavEntry] = []
        items = []
        for lesson_id in module.lessons:
            page = paths[lesson_id]
            quiz_link = None
            if module.quiz and lesson_id == module.lessons[-1]:
                quiz_link = {"title": paths[module.quiz].title, "url": link(page.src, module.quiz)}
            out.pages[page.src] = env.get_template("lesson.md.j2").render(
                lesson=bundle.lessons[lesson_id], module=module, labels=labels, quiz_link=quiz_link
            )
            children.append({nav_title(page.title): page.src})
            items.append({"title": page.title, "url": link("index.md", lesson_id), "kind": labels["lesson"]})
        if module.quiz:
            page = paths[module.quiz]
            out.pages[page.src] = render_quiz_page(bundle.quizzes[module.quiz], page.src)
            children.append({nav_title(page.title): page.src})
            items.append({"title": page.title, "url": link("index.md", module.quiz), "kind": labels["quiz"]})
        out.nav.append({nav_title(module.title): children})
        home_modules.append({"title": module.title, "summary": module.summary, "entries": items})

    final = None
    if course.final_assessment:
        quiz = bundle.quizzes[course.final_assessment]
        page = paths[quiz.id]
        out.pages[page.src] = render_quiz_page(quiz, page.src)
        out.nav.append({nav_title(page.title): page.src})
        final = {
            "title": quiz.title,
            "url": link("index.md", quiz.id),
            "pass_mark": quiz.pass_mark if quiz.pass_mark is not None else course.pass_mark,
        }

    total = sum(lesson.minutes for lesson in bundle.lessons.values())
    out.pages["index.md"] = env.get_template("home.md.j2").render(
        course=course, modules=home_modules, final=final, labels=labels, total_minutes=total
    )
    out.nav.insert(0, {nav_title(course.title): "index.md"})
    return out
