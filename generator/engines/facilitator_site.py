"""`coursegen facilitator`: the facilitator edition, built by MkDocs into a site of its own.

The edition is the answer key, so it must never be published with the learner site: it is
refused inside that site's folder (and around it), it is built from its own MkDocs project in a
temporary folder, and nothing in the learner site's pages or navigation knows it exists.
As with `coursegen build`, the old edition stays in place until the new one is complete.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml

from generator.engines.output import OutputError, check_output, replacing
from generator.engines.plain_project import read_site_config, site_language, site_sources, write_rendered
from generator.engines.site_build import build_project
from generator.model.load import load_course
from generator.model.markdown_checks import COURSE_FOLDER
from generator.pages.course import RenderedCourse, nav_title, template_overrides
from generator.pages.facilitator import STYLESHEET, FacilitatorEdition, render_facilitator
from generator.pages.strings import facilitator_words

DEFAULT_DIR = "site-facilitator"

# The edition's own overrides of Material, whatever the learner site's theme: search engines
# that find it anyway are asked not to list it, and the faint "Made with" notice, below AA
# contrast (axe: color-contrast), is left out as the learner site's theme does.
_OVERRIDES = {
    "main.html": '{% extends "base.html" %}\n'
    '{% block extrahead %}<meta name="robots" content="noindex, nofollow">{% endblock %}\n',
    "partials/copyright.html": '<div class="md-copyright">{% if config.copyright %}'
    '<div class="md-copyright__highlight">{{ config.copyright }}</div>{% endif %}</div>\n',
}


def _apart_from_learners(target: Path, *, learner_site: Path, suggestion: Path) -> None:
    """Refuse a target inside the learner site, or one holding it: learners must never be served
    the answers (check_output refuses the project's own folders)."""
    target, learner_site = target.resolve(), learner_site.resolve()
    if target == learner_site or target.is_relative_to(learner_site):
        raise OutputError(
            f"{target} is inside the learner site {learner_site}, where learners could find the answers; "
            f"write the facilitator edition outside it, such as {suggestion}"
        )
    if learner_site.is_relative_to(target):
        raise OutputError(
            f"{target} holds the learner site {learner_site}, which would be deleted and mixed with the answers; "
            f"write to a folder of its own, such as {suggestion}"
        )


def build_facilitator(root: Path, site_dir: Path | None = None) -> tuple[Path, FacilitatorEdition]:
    """Validate the course in `root` and build its facilitator edition into `site_dir`.

    Raises OutputError for a folder coursegen may not write, CourseError for a course with
    problems (both before anything is written), and EngineError for a failed build, which
    leaves the previous edition as it was."""
    root = root.resolve()
    config = read_site_config(root / "mkdocs.yml")
    sources, custom_dir = site_sources(root, config)
    target = (site_dir if site_dir is not None else root / DEFAULT_DIR).resolve()
    suggestion = root / DEFAULT_DIR
    check_output(target, project=root, sources=sources, suggestion=suggestion)
    _apart_from_learners(target, learner_site=root / str(config.get("site_dir", "site")), suggestion=suggestion)
    bundle = load_course(root)
    language = site_language(config, bundle)
    edition = render_facilitator(bundle, language=language, template_dirs=template_overrides(custom_dir))
    with tempfile.TemporaryDirectory(prefix="coursegen-facilitator-") as work:
        project = Path(work)
        pictures = root / COURSE_FOLDER
        if pictures.is_dir():
            # The pictures and files the course's Markdown points at, as the learner site has them;
            # not its YAML nor any hand-written page, which are no part of the answer key.
            shutil.copytree(pictures, project / "docs", ignore=shutil.ignore_patterns("*.yaml", "*.yml", "*.md"))
        write_rendered(RenderedCourse(pages=edition.pages, assets=edition.assets), project / "docs")
        for name, text in _OVERRIDES.items():
            (project / "overrides" / name).parent.mkdir(parents=True, exist_ok=True)
            (project / "overrides" / name).write_text(text, encoding="utf-8")
        settings = {
            "site_name": nav_title(str(facilitator_words(language)["site_name"]).format(title=bundle.course.title)),
            "docs_dir": "docs",
            "strict": True,
            "use_directory_urls": True,
            "theme": {
                "name": "material",
                "custom_dir": "overrides",
                "language": language,
                "font": False,
                "features": ["navigation.sections", "navigation.footer"],
            },
            # No search: Material's search dialog has no accessible name (axe: aria-dialog-name),
            # and an answer key is read by its navigation and tables of contents.
            "plugins": [],
            "extra_css": [STYLESHEET],
            "markdown_extensions": [{"toc": {"permalink": False}}],
            "nav": edition.nav,
        }
        config_file = project / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8")
        with replacing(target) as staging:
            build_project(config_file, staging)
    return target, edition
