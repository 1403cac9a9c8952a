"""Validated course → Markdown pages, runtime assets and a navigation tree.

The output is plain files: any engine that reads mkdocs.yml and Markdown with
raw HTML can build it. Trainer text is rendered to HTML here (see
pages/markdown.py) so that what reaches a browser does not depend on the engine's
Markdown settings; headings stay Markdown so the engine builds the table of
contents and search sections from them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup, escape

from generator.model.activity_ids import course_iri
from generator.model.load import COURSE_FILE, CourseBundle
from generator.pages.addresses import Links
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
from generator.pages.reporting import reporting_data
from generator.pages.review_page import REVIEW_SRC, reinforcement, review_page
from generator.pages.runtime_files import runtime_assets
from generator.pages.site_settings import SiteSettings
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
    # With SiteSettings.inline_quizzes false: page src -> {placeholder: quiz HTML}.
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


def _environment(
    md: MarkdownRenderer, template_dirs: Sequence[Path], links: Links, lessons: Collection[str]
) -> jinja2.Environment:
    env = template_environment(template_dirs)
    # Pictures and links to lessons are written from the page being built, which every page
    # builder names to its template as `page_src`.
    env.filters["block"] = jinja2.pass_context(
        lambda context, text: Markup(md.for_page(links, context["page_src"], lessons).block(text))
    )
    env.filters["safe_url"] = is_safe_url
    return env


def render_course(bundle: CourseBundle, settings: SiteSettings) -> RenderedCourse:
    """The course as pages for an engine that reads mkdocs.yml, as `settings` asks (SiteSettings
    says what each does; `reporting` makes every page load report.js, see pages/reporting.py).

    Raises ValueError for an unknown key or a value that is not text under `settings.strings`."""
    ctx = _context(bundle, settings)
    reporting = settings.reporting
    assets = runtime_assets(reporting=reporting is not None, scorm12=reporting is not None and reporting.scorm12)
    out = RenderedCourse(assets=assets, fragments=ctx.fragments)
    outline = bundle.outline
    for module in outline.modules:
        children: list[NavEntry] = []
        if pretest := test_out_quiz(ctx, module):
            # A module's pre-test (issue 26) comes before its lessons: passed, it skips them.
            out.pages[test_out_src(module)] = test_out_page(ctx, module, pretest)
            children.append({nav_title(pretest.title): test_out_src(module)})
        for item in outline.in_module(module):
            if item.anchor:  # a lesson check is shown on its lesson's page
                continue
            page = (
                lesson_page(ctx, module, item.id) if item.kind == "lesson" else quiz_page(ctx, bundle.quizzes[item.id])
            )
            out.pages[item.src] = page
            children.append({nav_title(item.title): item.src})
        out.nav.append({nav_title(module.title): children})
    if final := outline.final:
        out.pages[final.src] = quiz_page(ctx, bundle.quizzes[final.id])
        out.nav.append({nav_title(final.title): final.src})
    if reinforcement(ctx):
        out.pages[REVIEW_SRC] = review_page(ctx)
        out.nav.append({nav_title(ctx.progress_labels["review_title"]): REVIEW_SRC})
    dashboard = course_outline(ctx)
    out.pages[HOME_SRC] = home_page(ctx, dashboard)
    # Material prints the site name (the course title) at the top of the navigation: the home
    # page's entry says what it is instead of repeating the title under it.
    out.nav.insert(0, {nav_title(ctx.labels["home"]): HOME_SRC})
    cert_src = certificate_src(ctx)
    if cert_src:
        out.pages[cert_src] = certificate_page(ctx, dashboard, cert_src)
    out.sources = {
        item.src: bundle.files[item.id] for item in outline.items if not item.anchor and item.id in bundle.files
    }
    out.sources.update({src: COURSE_FILE for src in out.pages if src not in out.sources})
    return out


def _context(bundle: CourseBundle, settings: SiteSettings) -> PageContext:
    directory_urls, url_base, reporting = settings.directory_urls, settings.url_base, settings.reporting
    md = MarkdownRenderer(allow_html=bundle.course.allow_html)
    digests = {item.id: quiz_digest(bundle.quizzes[item.id]) for item in bundle.outline.quizzes()}
    words = strings_for(settings.language, settings.strings)
    links = Links(bundle.outline, directory_urls, url_base)
    iri = course_iri(bundle.course, settings.site_url) if reporting is not None and reporting.xapi else None
    return PageContext(
        bundle=bundle,
        links=links,
        md=md,
        env=_environment(md, settings.template_dirs, links, bundle.lessons),
        labels=words.page,
        progress_labels=words.progress,
        strings=words.quiz,
        tracker=Tracker(
            course_id=bundle.course.id,
            version=bundle.course.version,
            quiz_hashes={quiz_id: digest[:12] for quiz_id, digest in digests.items()},
            labels=words.progress,
            directory_urls=directory_urls,
            reporting=reporting_data(bundle, reporting, iri) if reporting else None,
            base=url_base,
        ),
        digests=digests,
        inline_quizzes=settings.inline_quizzes,
        course_iri=iri,
    )
