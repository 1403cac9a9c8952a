"""Validated course → Markdown pages, runtime assets and a navigation tree.

The output is plain files: any engine that reads mkdocs.yml and Markdown with
raw HTML can build it. Trainer text is rendered to HTML here (see
markdown_render) so that what reaches a browser does not depend on the engine's
Markdown settings; headings stay Markdown so the engine builds the table of
contents and search sections from them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup, escape

from generator.model.load import COURSE_FILE, CourseBundle
from generator.pages.addresses import Links, all_modules, page_paths
from generator.pages.context import PageContext
from generator.pages.dashboard_pages import (
    HOME_SRC,
    certificate_page,
    certificate_src,
    course_outline,
    home_page,
)
from generator.pages.lesson_page import lesson_page, quiz_page
from generator.pages.markdown import MarkdownRenderer, is_safe_url
from generator.pages.progress import CERTIFICATE_SRC, Tracker
from generator.pages.quiz_html import quiz_digest
from generator.pages.reporting import Reporting, reporting_data
from generator.pages.review_page import REVIEW_SRC, reinforcement, review_page
from generator.pages.runtime_files import runtime_assets
from generator.pages.strings import strings_for
from generator.pages.test_out_page import test_out_page, test_out_quiz, test_out_src
from generator.pages.urls import ASSETS_DIR
from generator.read.problems import Problem

NavEntry = dict[str, Any]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~-])")


def heading(text: str) -> Markup:
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
    # Page src -> the YAML file it is made from, relative to the project (for "edit this page").
    sources: dict[str, str] = field(default_factory=dict)

    def finish(self, src: str, html: str) -> str:
        """The HTML an engine made of page `src`, with its quizzes put in place.

        Raises MissingQuiz when a placeholder did not reach the HTML (a theme or
        Markdown extension dropped it): a quiz must never vanish without a word.
        """
        for placeholder, fragment in self.fragments.get(src, {}).items():
            if placeholder not in html:
                quiz_id = _SLOT_QUIZ.search(placeholder)
                raise MissingQuiz(
                    f"{src}: the quiz '{quiz_id.group(1) if quiz_id else '?'}' could not be put on its page, because "
                    "the page the engine made has lost its placeholder; check the theme's and Markdown extensions' "
                    "changes to this page"
                )
            html = html.replace(placeholder, fragment, 1)
        return html

    def clashes(self, docs_dir: Path, shown_as: str) -> list[Problem]:
        """Hand-written files in `docs_dir` that a generated page or runtime file would replace."""
        return [
            Problem(
                f"{shown_as}/{src}",
                1,
                1,
                f"coursegen writes {_what(src)} at this address, which would replace this file; rename or move it",
            )
            for src in [*self.pages, *self.assets]
            if (docs_dir / src).exists()
        ]


class MissingQuiz(ValueError):
    """A quiz placeholder that did not survive the engine's rendering of its page."""


_SLOT_QUIZ = re.compile(r'data-quiz="([^"]*)"')


def _what(src: str) -> str:
    if src == "index.md":
        return "the course home page"
    if src == CERTIFICATE_SRC:
        return "the certificate page"
    if src == REVIEW_SRC:
        return "the review page"
    if src.startswith(ASSETS_DIR + "/"):
        return "the quiz runtime"
    return "a lesson or quiz page"


# A site changes a page's layout by putting its own copy of a template from
# generator/templates into this folder of its theme's custom_dir.
OVERRIDES_FOLDER = "coursegen"


def template_overrides(custom_dir: Path | None) -> list[Path]:
    """The template folder a theme's custom_dir holds for coursegen, if it has one."""
    folder = custom_dir / OVERRIDES_FOLDER if custom_dir is not None else None
    return [folder] if folder is not None and folder.is_dir() else []


def template_environment(template_dirs: Sequence[Path], *, lstrip_blocks: bool = False) -> jinja2.Environment:
    """The Jinja environment every page template of coursegen's renders in: a theme's overrides
    first, then the package's own templates; autoescaped, since every value is a trainer's text;
    strict, so a misspelt name in an overridden template fails the build instead of printing nothing."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [*(jinja2.FileSystemLoader(str(d)) for d in template_dirs), jinja2.PackageLoader("generator", "templates")]
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=lstrip_blocks,
    )
    env.filters["heading"] = heading
    env.filters["front_matter_title"] = front_matter_title
    return env


def _environment(md: MarkdownRenderer, template_dirs: Sequence[Path]) -> jinja2.Environment:
    env = template_environment(template_dirs)
    env.filters["block"] = lambda text: Markup(md.block(text))
    env.filters["safe_url"] = is_safe_url
    return env


def render_course(
    bundle: CourseBundle,
    *,
    language: str,
    directory_urls: bool = True,
    ui_overrides: Mapping[str, str] | None = None,
    inline_quizzes: bool = True,
    template_dirs: Sequence[Path] = (),
    reporting: Reporting | None = None,
    url_base: str | None = None,
) -> RenderedCourse:
    """The course as pages for an engine that reads mkdocs.yml.

    With `inline_quizzes` false, each quiz's HTML is left out of its page's Markdown, with a
    placeholder in its stead, and kept in `fragments`, for a caller that can put it into the
    engine's HTML (`RenderedCourse.finish`): the engine then never parses it. A template found
    in one of `template_dirs` is used instead of coursegen's own (see OVERRIDES_FOLDER). With
    `reporting`, every page also loads report.js (see pages/reporting.py). With a `url_base` (the
    site's path, urls.site_path) every URL is root-relative under it; without one, relative to the
    page (pages/urls.py says why)."""
    ctx = _context(bundle, language, directory_urls, ui_overrides, inline_quizzes, template_dirs, reporting, url_base)
    assets = runtime_assets(reporting=reporting is not None, scorm12=reporting is not None and reporting.scorm12)
    out = RenderedCourse(assets=assets, fragments=ctx.fragments)
    for module in all_modules(bundle):
        children: list[NavEntry] = []
        if pretest := test_out_quiz(ctx, module):
            # A module's pre-test (issue 26) comes before its lessons: passed, it skips them.
            out.pages[test_out_src(module)] = test_out_page(ctx, module, pretest)
            children.append({nav_title(pretest.title): test_out_src(module)})
        for lesson_id in module.lessons:
            page = ctx.paths[lesson_id]
            out.pages[page.src] = lesson_page(ctx, module, lesson_id)
            children.append({nav_title(page.title): page.src})
        if module.quiz:
            page = ctx.paths[module.quiz]
            out.pages[page.src] = quiz_page(ctx, bundle.quizzes[module.quiz])
            children.append({nav_title(page.title): page.src})
        out.nav.append({nav_title(module.title): children})
    if bundle.course.final_assessment:
        page = ctx.paths[bundle.course.final_assessment]
        out.pages[page.src] = quiz_page(ctx, bundle.quizzes[bundle.course.final_assessment])
        out.nav.append({nav_title(page.title): page.src})
    if reinforcement(ctx):
        out.pages[REVIEW_SRC] = review_page(ctx)
        out.nav.append({nav_title(ctx.progress_labels["review_title"]): REVIEW_SRC})
    outline = course_outline(ctx)
    out.pages[HOME_SRC] = home_page(ctx, outline)
    out.nav.insert(0, {nav_title(bundle.course.title): HOME_SRC})
    cert_src = certificate_src(ctx)
    if cert_src:
        out.pages[cert_src] = certificate_page(ctx, outline, cert_src)
    out.sources = {
        page.src: bundle.files[item] for item, page in ctx.paths.items() if not page.anchor and item in bundle.files
    }
    out.sources.update({src: COURSE_FILE for src in out.pages if src not in out.sources})
    return out


def _context(
    bundle: CourseBundle,
    language: str,
    directory_urls: bool,
    ui_overrides: Mapping[str, str] | None,
    inline_quizzes: bool,
    template_dirs: Sequence[Path],
    reporting: Reporting | None,
    url_base: str | None,
) -> PageContext:
    md = MarkdownRenderer(allow_html=bundle.course.allow_html)
    paths = page_paths(bundle)
    digests = {quiz_id: quiz_digest(bundle.quizzes[quiz_id]) for quiz_id, page in paths.items() if page.kind == "quiz"}
    words = strings_for(language, ui_overrides)
    return PageContext(
        bundle=bundle,
        paths=paths,
        links=Links(paths, directory_urls, url_base),
        md=md,
        env=_environment(md, template_dirs),
        labels=words.page,
        progress_labels=words.progress,
        strings=words.quiz,
        tracker=Tracker(
            course_id=bundle.course.id,
            version=bundle.course.version,
            quiz_hashes={quiz_id: digest[:12] for quiz_id, digest in digests.items()},
            labels=words.progress,
            directory_urls=directory_urls,
            reporting=reporting_data(bundle, reporting) if reporting else None,
            base=url_base,
        ),
        digests=digests,
        inline_quizzes=inline_quizzes,
        objective_lessons={
            objective.id: lesson.id for lesson in bundle.lessons.values() for objective in lesson.objectives
        },
    )
