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
import rjsmin
import yaml
from markupsafe import Markup, escape

from .heap import collector_paused
from .load import CourseBundle
from .markdown_render import MarkdownRenderer, is_safe_url
from .models import Module, Quiz
from .page_labels import SCRIPT_KEYS, labels_for, progress_labels
from .progress import CERTIFICATE_SRC, Tracker, dashboard_data
from .urls import ASSETS_DIR, relative_url

NavEntry = dict[str, Any]
RUNTIME_ASSETS = ("quiz.js", "quiz.css", "progress.js", "results.js", "dashboard.js", "dashboard.css")

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~-])")


def _heading(text: str) -> Markup:
    # Headings stay Markdown (for the table of contents), so the text is
    # escaped for both HTML and Markdown.
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(text))))


def nav_title(title: str) -> str:
    """A title as the engine expects it in `nav`: HTML, which themes insert unescaped
    (Material: the navigation, the header, the footer; MkDocs' readthedocs theme: a
    title attribute too), so it is escaped here, quotes included."""
    return str(escape(title))


# libyaml's emitter when PyYAML has it: this runs once for every page.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter_title(title: str) -> Markup:
    """The front-matter line `title: …` that names a page's title to the engine, as HTML."""
    # Material prints `page.meta.title` as it is, in <title> and the header;
    # without one it runs the nav title through `striptags` for <title>, which
    # unescapes it, and a title holding "</title><script>" would run. So every
    # generated page names its title here, escaped as in the nav so it reads
    # the same, for any theme. PyYAML writes it because MkDocs reads it with
    # PyYAML (tests/test_titles.py: any title comes back unchanged).
    line: str = yaml.dump({"title": nav_title(title)}, Dumper=_Dumper, allow_unicode=True, width=1 << 30)
    return Markup(line.rstrip("\n"))


@dataclass
class RenderedCourse:
    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)
    nav: list[NavEntry] = field(default_factory=list)
    # With render_course(inline_quizzes=False): page src -> {placeholder: quiz HTML}.
    fragments: dict[str, dict[str, str]] = field(default_factory=dict)

    def finish(self, src: str, html: str) -> str:
        """The HTML an engine made of page `src`, with its quizzes put in place."""
        for placeholder, fragment in self.fragments.get(src, {}).items():
            html = html.replace(placeholder, fragment, 1)
        return html


@dataclass(frozen=True)
class _Page:
    src: str
    title: str
    kind: str
    anchor: str = ""  # a lesson's quiz lives inside the lesson's page, at this element id


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
    env.filters["front_matter_title"] = front_matter_title
    return env


def page_paths(bundle: CourseBundle) -> dict[str, _Page]:
    """Where every lesson and quiz page goes, keyed by lesson or quiz id."""
    paths: dict[str, _Page] = {}
    for module in _all_modules(bundle):
        for lesson_id in module.lessons:
            lesson = bundle.lessons[lesson_id]
            src = f"{module.id}/{lesson_id}.md"
            paths[lesson_id] = _Page(src, lesson.title, "lesson")
            if lesson.quiz:
                paths[lesson.quiz] = _Page(src, bundle.quizzes[lesson.quiz].title, "quiz", f"cg-{lesson.quiz}")
        if module.quiz:
            paths[module.quiz] = _Page(f"{module.id}/{module.quiz}.md", bundle.quizzes[module.quiz].title, "quiz")
    final = bundle.course.final_assessment
    if final:
        paths[final] = _Page(f"{final}.md", bundle.quizzes[final].title, "quiz")
    return paths


def _all_modules(bundle: CourseBundle) -> list[Module]:
    capstone = [bundle.course.capstone] if bundle.course.capstone else []
    return [*bundle.course.modules, *capstone]


def _served_script(source: bytes) -> bytes:
    # Comments and spacing are for whoever reads the source; progress.js, which
    # every page loads, must stay under 1 KB gzipped with the theme's stylesheet.
    # rjsmin only drops comments and whitespace (it knows strings, template and
    # regex literals, and keeps the newlines that end statements), so the
    # served script runs exactly as written.
    minified: str = rjsmin.jsmin(source.decode("utf-8"))
    return minified.encode("utf-8") + b"\n"


def runtime_assets() -> dict[str, bytes]:
    """The browser runtime, as served: scripts without comments and spacing."""
    package = resources.files("generator") / "assets"
    assets = {}
    for name in RUNTIME_ASSETS:
        data = (package / name).read_bytes()
        assets[f"{ASSETS_DIR}/{name}"] = _served_script(data) if name.endswith(".js") else data
    return assets


def certificate_src(bundle: CourseBundle) -> str | None:
    """Where the certificate page goes; None for a course without a final assessment."""
    if not bundle.course.final_assessment:
        return None
    taken = {page.src for page in page_paths(bundle).values()}
    return CERTIFICATE_SRC if CERTIFICATE_SRC not in taken else "coursegen-" + CERTIFICATE_SRC


def render_course(
    bundle: CourseBundle,
    *,
    language: str,
    directory_urls: bool = True,
    ui_overrides: Mapping[str, str] | None = None,
    inline_quizzes: bool = True,
) -> RenderedCourse:
    """The course as pages for an engine that reads mkdocs.yml.

    With `inline_quizzes` false, each quiz's HTML is left out of its page's Markdown, with a
    placeholder in its stead, and kept in `fragments`, for a caller that can put it into the
    engine's HTML (`RenderedCourse.finish`): the engine then never parses it."""
    with collector_paused():
        return _render_course(
            bundle,
            language=language,
            directory_urls=directory_urls,
            ui_overrides=ui_overrides,
            inline_quizzes=inline_quizzes,
        )


def _render_course(
    bundle: CourseBundle,
    *,
    language: str,
    directory_urls: bool,
    ui_overrides: Mapping[str, str] | None,
    inline_quizzes: bool,
) -> RenderedCourse:
    from .i18n import ui_strings
    from .quiz_html import QuizContext, quiz_digest, render_quiz

    course = bundle.course
    md = MarkdownRenderer(allow_html=course.allow_html)
    env = _environment(md)
    labels = labels_for(language)
    strings = ui_strings(language, ui_overrides)
    paths = page_paths(bundle)
    out = RenderedCourse(assets=runtime_assets())
    plabels = progress_labels(language)
    digests = {quiz_id: quiz_digest(bundle.quizzes[quiz_id]) for quiz_id, page in paths.items() if page.kind == "quiz"}
    tracker = Tracker(
        course_id=course.id,
        version=course.version,
        quiz_hashes={quiz_id: digest[:12] for quiz_id, digest in digests.items()},
        labels=plabels,
        directory_urls=directory_urls,
    )
    cert_src = certificate_src(bundle)

    def link(from_src: str, to_id: str) -> str:
        page = paths[to_id]
        if page.anchor and page.src == from_src:
            return "#" + page.anchor
        url = relative_url(from_src, page.src, directory_urls=directory_urls)
        return f"{url}#{page.anchor}" if page.anchor else url

    objective_lesson = {
        objective.id: lesson.id for lesson in bundle.lessons.values() for objective in lesson.objectives
    }

    def quiz_body(quiz: Quiz, src: str, *, heading_level: int = 2) -> dict[str, Any]:
        """What quiz.md.j2 and lesson.md.j2 need to show `quiz` on the page built from `src`."""
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
            digest=digests[quiz.id],
            heading_level=heading_level,
        )
        count = quiz.draw or len(quiz.questions)
        one = "_one" if count == 1 else ""
        meta = (
            labels["quiz_meta_draw" + one].format(n=count, pool=len(quiz.questions), mark=pass_mark)
            if quiz.draw
            else labels["quiz_meta" + one].format(n=count, mark=pass_mark)
        )
        fragment = render_quiz(quiz, context)
        if not inline_quizzes:
            # A raw-HTML line that Markdown passes through as it is, and that
            # trainer text cannot produce (its raw HTML is escaped).
            placeholder = f'<div class="cg-slot" data-quiz="{escape(quiz.id)}"></div>'
            out.fragments.setdefault(src, {})[placeholder] = fragment.rstrip("\n")
            fragment = placeholder + "\n"
        return {
            "quiz": quiz,
            "intro": Markup(md.block(quiz.intro)) if quiz.intro else None,
            "meta": meta,
            "fragment": Markup(fragment),
        }

    # Looked up once: get_template checks the template file on disk at every call.
    lesson_template, quiz_template = env.get_template("lesson.md.j2"), env.get_template("quiz.md.j2")

    def render_quiz_page(quiz: Quiz, src: str) -> str:
        return quiz_template.render(**quiz_body(quiz, src), page_data=tracker.page_data(src, quiz.id, quiz=True))

    home_modules: list[dict[str, Any]] = []
    for module in _all_modules(bundle):
        children: list[NavEntry] = []
        items: list[dict[str, str]] = []
        for lesson_id in module.lessons:
            page = paths[lesson_id]
            lesson = bundle.lessons[lesson_id]
            quiz_link = None
            if module.quiz and lesson_id == module.lessons[-1]:
                quiz_link = {"title": paths[module.quiz].title, "url": link(page.src, module.quiz)}
            out.pages[page.src] = lesson_template.render(
                lesson=lesson,
                module=module,
                labels=labels,
                quiz_link=quiz_link,
                lesson_quiz=quiz_body(bundle.quizzes[lesson.quiz], page.src, heading_level=3) if lesson.quiz else None,
                control=tracker.lesson_control(),
                page_data=tracker.page_data(page.src, lesson_id, quiz=bool(lesson.quiz)),
                script=tracker.script(page.src),
            )
            children.append({nav_title(page.title): page.src})
            items.append(
                {"id": lesson_id, "title": page.title, "url": link("index.md", lesson_id), "kind": labels["lesson"]}
            )
            if lesson.quiz:
                quiz_page = paths[lesson.quiz]
                items.append(
                    {
                        "id": lesson.quiz,
                        "title": quiz_page.title,
                        "url": link("index.md", lesson.quiz),
                        "kind": labels["quiz"],
                    }
                )
        if module.quiz:
            page = paths[module.quiz]
            out.pages[page.src] = render_quiz_page(bundle.quizzes[module.quiz], page.src)
            children.append({nav_title(page.title): page.src})
            items.append(
                {"id": module.quiz, "title": page.title, "url": link("index.md", module.quiz), "kind": labels["quiz"]}
            )
        out.nav.append({nav_title(module.title): children})
        home_modules.append({"id": module.id, "title": module.title, "summary": module.summary, "entries": items})

    final: dict[str, Any] | None = None
    if course.final_assessment:
        quiz = bundle.quizzes[course.final_assessment]
        page = paths[quiz.id]
        out.pages[page.src] = render_quiz_page(quiz, page.src)
        out.nav.append({nav_title(page.title): page.src})
        final = {
            "id": quiz.id,
            "title": quiz.title,
            "url": link("index.md", quiz.id),
            "pass_mark": quiz.pass_mark if quiz.pass_mark is not None else course.pass_mark,
        }

    def structure_for(src: str) -> str:
        """The outline as dashboard.js needs it, with URLs relative to the page built from `src`."""
        return dashboard_data(
            modules=[
                {
                    "id": module["id"],
                    "t": module["title"],
                    "i": [
                        {"id": e["id"], "k": paths[e["id"]].kind[0], "t": e["title"], "u": link(src, e["id"])}
                        for e in module["entries"]
                    ],
                }
                for module in home_modules
            ],
            final={"id": final["id"], "t": final["title"], "u": link(src, final["id"])} if final else None,
            quiz_hashes=tracker.quiz_hashes,
            require_module_quizzes=course.require_module_quizzes,
            certificate_url=relative_url(src, cert_src, directory_urls=directory_urls) if cert_src else None,
        )

    total = sum(lesson.minutes for lesson in bundle.lessons.values())
    out.pages["index.md"] = env.get_template("home.md.j2").render(
        course=course,
        modules=home_modules,
        final=final,
        labels=labels,
        total_minutes=total,
        p=plabels,
        structure=structure_for("index.md"),
        strings=tracker.script_strings(SCRIPT_KEYS),
        page_data=tracker.page_data("index.md"),
        scripts=[tracker.script("index.md"), tracker.script("index.md", "dashboard.js")],
        stylesheet=tracker.stylesheet("index.md"),
    )
    out.nav.insert(0, {nav_title(course.title): "index.md"})
    if cert_src and final:
        out.pages[cert_src] = env.get_template("certificate.md.j2").render(
            course=course,
            p=plabels,
            wait=plabels["cert_wait"].format(
                what=plabels["cert_all" if course.require_module_quizzes else "cert_final"]
            ),
            home_url=relative_url(cert_src, "index.md", directory_urls=directory_urls),
            strings=tracker.script_strings(SCRIPT_KEYS),
            structure=structure_for(cert_src),
            page_data=tracker.page_data(cert_src),
            scripts=[tracker.script(cert_src), tracker.script(cert_src, "dashboard.js")],
            stylesheet=tracker.stylesheet(cert_src),
        )
    return out
