"""A site's settings: the coursegen plugin's options in mkdocs.yml, validated once, and what a
build of the pages needs of the site (its language, URL form, words, reporting, templates).

The plugin (engines/mkdocs_plugin.py), `coursegen render` (engines/plain_project.py), the
facilitator edition and `coursegen package` all read the options through `PluginOptions.read`,
so a setting means the same, and is refused with the same words, whichever reads it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.pages.reporting import Reporting, reporting_settings

PLUGIN_NAME = "coursegen"


class SettingError(ValueError):
    """A plugin option that cannot work; the message names it, as `mkdocs.yml: plugins.coursegen.…`."""


_ORIGIN = re.compile(r"^(?:'self'|'none'|https?://[A-Za-z0-9.-]+(?::[0-9]+)?|https?://\*\.[A-Za-z0-9.-]+)$")


class CspSettings(BaseModel):
    """The coursegen plugin's `csp` settings in mkdocs.yml."""

    model_config = ConfigDict(extra="forbid")

    # Who may show the site in a frame: an LMS's origin, such as https://lms.example.com.
    frame_ancestors: list[str] = Field(default_factory=lambda: ["'self'"])
    # Origins the pages may send to besides the site's own, such as an LRS given at launch.
    connect_src: list[str] = Field(default_factory=list)


def csp_settings(options: Mapping[str, Any]) -> CspSettings:
    """The plugin options' `csp` block as CspSettings; ValueError (one plain line) when wrong."""
    raw = options.get("csp") or {}
    try:
        settings = CspSettings.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise ValueError(
            f"{where}: {error['msg']}; write frame_ancestors and connect_src as lists of origins, "
            "such as [https://lms.example.com]"
        ) from None
    for origin in (*settings.frame_ancestors, *settings.connect_src):
        if not _ORIGIN.match(origin):
            raise ValueError(f"{origin!r} is not an origin; write it as https://lms.example.com (or 'self')")
    return settings


class PluginOptions(BaseModel):
    """The coursegen plugin's options, as mkdocs.yml gives them (see CoursegenConfig)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    root: str = "."  # folder holding course/ and quizzes/, relative to mkdocs.yml
    # The site's words, by key; strings_for checks each key and value (its message names them).
    strings: dict[str, Any] = Field(default_factory=dict)
    reporting: Reporting | None = None  # from `xapi` and `scorm12` (pages/reporting.py)
    csp: CspSettings = Field(default_factory=lambda: CspSettings())  # engines/csp.py writes the policy

    @classmethod
    def read(cls, options: Mapping[str, Any]) -> PluginOptions:
        """Validate the raw options; SettingError names the one that cannot work."""
        try:
            reporting = reporting_settings(options.get("xapi"), scorm12=options.get("scorm12") is True)
        except ValueError as exc:
            raise SettingError(f"mkdocs.yml: plugins.{PLUGIN_NAME}.xapi: {exc}") from None
        try:
            csp = csp_settings(options)
        except ValueError as exc:
            raise SettingError(f"mkdocs.yml: plugins.{PLUGIN_NAME}.csp: {exc}") from None
        return cls(
            root=str(options.get("root") or "."),
            strings=dict(options.get("strings") or {}),
            reporting=reporting,
            csp=csp,
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
