"""The MkDocs plugin: a thin layer that hands the core's rendered pages to MkDocs."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.engines.output import mark_as_ours
from generator.engines.site_checks import configured_language, site_config_problems
from generator.model.load import QUIZZES_DIR, load_course
from generator.pages.course import MissingQuiz, NavEntry, RenderedCourse, render_course, template_overrides
from generator.pages.site_settings import PluginOptions, SettingError, SiteSettings
from generator.read.problems import CourseError, shown_path

if TYPE_CHECKING:  # only `mkdocs serve` needs the live-reload server; builds need not import it
    from mkdocs.livereload import LiveReloadServer

# Under "mkdocs.plugins", as MkDocs names its plugins' loggers: its own handler prints them,
# and `mkdocs build --strict` counts our warnings.
log = logging.getLogger("mkdocs.plugins.coursegen")


class CourseProblems(PluginError):
    """The course's problems, one printed line each, as MkDocs' build error.

    `coursegen serve` shows these very lines on the preview page; MkDocs itself
    prints the message, which says first how many there are.
    """

    def __init__(self, problems: list[str]) -> None:
        count = len(problems)
        lines = "\n".join(problems)
        super().__init__(f"the course has {count} problem{'s' if count != 1 else ''}; nothing was built:\n{lines}")
        self.problems = problems


class CoursegenConfig(Config):  # type: ignore[no-untyped-call]
    """The plugin's options as MkDocs reads them; PluginOptions.read then validates their values,
    as `coursegen render`, the facilitator edition and `package` do from a raw mkdocs.yml."""

    root = c.Type(str, default=".")
    """Folder holding course/ and quizzes/, relative to mkdocs.yml."""
    strings = c.Type(dict, default={})
    """Overrides for the quiz runtime's UI strings, by key."""
    xapi = c.Type(dict, default={})
    """Where to send xAPI statements: `endpoint`, `launch` (see pages/reporting.py)."""
    csp = c.Type(dict, default={})
    """The Content-Security-Policy's frame_ancestors and connect_src (engines/csp.py)."""
    scorm12 = c.Type(bool, default=False)
    """Set by `coursegen package scorm12`: the pages report to the package's LMS."""


class CoursegenPlugin(BasePlugin[CoursegenConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.rendered: RenderedCourse | None = None
        self.root = Path(".")
        self.overrides: list[Path] = []

    # on_config runs before MkDocs cleans site_dir, so a course with errors
    # stops the build while the previous site is still intact. It runs before the other plugins'
    # (search's reads the theme's language, which is the course's: engines/site_checks.py).
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = (Path(config.config_file_path).parent / self.config.root).resolve()
        custom_dir = config.theme.custom_dir
        self.overrides = [d.resolve() for d in template_overrides(Path(custom_dir) if custom_dir else None)]
        started = time.perf_counter()
        try:
            options = PluginOptions.read(dict(self.config))
        except SettingError as exc:
            raise PluginError(str(exc)) from None
        try:
            bundle = load_course(self.root)
        except CourseError as exc:
            # The lines travel apart from MkDocs' message: `coursegen serve` puts them on the page.
            raise CourseProblems([str(problem) for problem in exc.problems]) from None
        config_file = Path(config.config_file_path)
        problems = site_config_problems(config_file, bundle, plugin_needed=False)
        if problems:
            raise CourseProblems(problems)
        if configured_language(config_file) is None:
            config.theme["language"] = bundle.course.language
        try:
            self.rendered = render_course(
                bundle,
                SiteSettings(
                    language=bundle.course.language,
                    directory_urls=config.use_directory_urls,
                    strings=options.strings,
                    # Quiz HTML is final: on_post_page puts it in place (see there).
                    inline_quizzes=False,
                    template_dirs=tuple(self.overrides),
                    reporting=options.reporting,
                    # MkDocs and ProperDocs leave raw HTML alone, so the links stay relative to each
                    # page and the built site works wherever it is copied, whatever site_url says
                    # (pages/urls.py); only a plain project for any engine needs root-relative ones.
                    url_base=None,
                    site_url=config.site_url,
                ),
            )
        except CourseError as exc:
            # The lines travel apart from MkDocs' message: `coursegen serve` puts them on the page.
            raise CourseProblems([str(problem) for problem in exc.problems]) from None
        except ValueError as exc:  # an unknown key under `strings`
            raise PluginError(f"mkdocs.yml: plugins.coursegen.strings: {exc}") from None
        log.info(
            "coursegen: %d lessons, %d quizzes, %d pages in %.2f s",
            len(bundle.lessons),
            len(bundle.quizzes),
            len(self.rendered.pages),
            time.perf_counter() - started,
        )
        docs_dir = Path(config.docs_dir)
        clashes = self.rendered.clashes(docs_dir, shown_path(docs_dir, self.root))
        if clashes:
            raise PluginError("\n".join(str(problem) for problem in clashes))
        # The navigation is the course's (a `nav:` of the site's own was refused above).
        config.nav = self.rendered.nav
        return config

    # on_files is where generated pages join the files MkDocs found on disk,
    # so they are built, searched and linked like hand-written ones. It is also
    # where the theme's static files arrive: our template overrides are read
    # at render time and must not be published as files of the site.
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.rendered is not None
        if self.overrides:
            for file in list(files):
                if any(Path(file.abs_src_path or "").resolve().is_relative_to(d) for d in self.overrides):
                    files.remove(file)
        docs_dir = Path(config.docs_dir)
        for src, text in self.rendered.pages.items():
            file = File.generated(config, src, content=text)
            # "Edit this page" opens the YAML the page is made from, as mkdocs-gen-files'
            # set_edit_path does: relative to docs_dir, which edit_uri points at.
            source = self.rendered.sources.get(src)
            if source is not None:
                file.edit_uri = Path(os.path.relpath(self.root / source, docs_dir)).as_posix()
            self._add(files, file)
        for src, data in self.rendered.assets.items():
            self._add(files, File.generated(config, src, content=data))
        return files

    # The core's titles are HTML already (pages/course.nav_title); Markup says so to
    # the theme's Jinja, whose `| e` then leaves them as they are: Material
    # escapes page titles once more in the footer's link labels, where a title
    # with "&" or a quote would otherwise be read out as "&amp;" or "&#34;".
    # A title the site's own nav gives a generated page is left alone.
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.rendered is not None
        titles = _titles(self.rendered.nav)
        for page in nav.pages:
            if page.title is not None and titles.get(page.file.src_uri) == page.title:
                page.title = Markup(page.title)
        return nav

    # on_post_page receives each page as written to disk, after Markdown, the
    # search index and the theme: quiz HTML is final and, marked
    # data-search-exclude, not indexed, so it goes in here and none of them
    # parses it (it is most of a quiz page). The page is the same as a plain
    # build of `coursegen render` makes (tests/test_build.py).
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        assert self.rendered is not None
        try:
            return self.rendered.finish(page.file.src_uri, output)
        except MissingQuiz as exc:
            raise PluginError(str(exc)) from None

    # on_post_build runs once the site is complete: the marker lets a later
    # `coursegen build` replace this folder, which it refuses for one it did not write.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        mark_as_ours(Path(config.site_dir))

    @staticmethod
    def _add(files: Files, file: File) -> None:
        # A hand-written page at a generated page's address was refused in
        # on_config; what is left here is a file MkDocs excluded (the YAML).
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(file)

    # docs_dir (course/) is watched by MkDocs already; quizzes/ lives beside it
    # and must be watched too, or an edited quiz would not reload the preview.
    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for folder in (self.root / "course", self.root / QUIZZES_DIR):
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _titles(nav: list[NavEntry]) -> dict[str, str]:
    """Each page of a generated navigation, by source path, with its title."""
    titles: dict[str, str] = {}
    for entry in nav:
        for title, target in entry.items():
            if isinstance(target, str):
                titles[target] = title
            else:
                titles.update(_titles(target))
    return titles
