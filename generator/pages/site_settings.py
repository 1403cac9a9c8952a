"""A site's settings: the coursegen plugin's options in mkdocs.yml, validated once, and what a
build of the pages needs of the site (its language, URL form, words, reporting, templates).

The plugin (engines/mkdocs_plugin.py), `coursegen render` (engines/plain_project.py), the
facilitator edition and `coursegen package` all read the options through `PluginOptions.read`,
so a setting means the same, and is refused with the same words, whichever reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from generator.pages.reporting import Reporting, reporting_settings

PLUGIN_NAME = "coursegen"


class SettingError(ValueError):
    """A plugin option that cannot work; the message names it, as `mkdocs.yml: plugins.coursegen.…`."""


class PluginOptions(BaseModel):
    """The coursegen plugin's options, as mkdocs.yml gives them (see CoursegenConfig)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    root: str = "."  # folder holding course/ and quizzes/, relative to mkdocs.yml
    # The site's words, by key; strings_for checks each key and value (its message names them).
    strings: dict[str, Any] = Field(default_factory=dict)
    reporting: Reporting | None = None  # from `xapi` and `scorm12` (pages/reporting.py)

    @classmethod
    def read(cls, options: Mapping[str, Any]) -> PluginOptions:
        """Validate the raw options; SettingError names the one that cannot work."""
        try:
            reporting = reporting_settings(options.get("xapi"), scorm12=options.get("scorm12") is True)
        except ValueError as exc:
            raise SettingError(f"mkdocs.yml: plugins.{PLUGIN_NAME}.xapi: {exc}") from None
        return cls(
            root=str(options.get("root") or "."), strings=dict(options.get("strings") or {}), reporting=reporting
        )


class SiteSettings(BaseModel):
    """What render_course needs of the site besides the course."""

    model_config = ConfigDict(frozen=True)

    language: str
    directory_urls: bool = True
    strings: dict[str, Any] = Field(default_factory=dict)  # overrides of the site's words
    # False: each quiz's HTML is left out of its page behind a placeholder, for a caller that
    # puts it into the engine's HTML (RenderedCourse.finish), so the engine never parses it.
    inline_quizzes: bool = True
    template_dirs: tuple[Path, ...] = ()  # a theme's overrides of coursegen's templates
    reporting: Reporting | None = None
    # The site's path (urls.site_path): every URL root-relative under it; None: relative to the
    # page (pages/urls.py says why).
    url_base: str | None = None
    # mkdocs.yml's site_url: names the course's activities when course.yaml has no xapi_id.
    site_url: str | None = None
