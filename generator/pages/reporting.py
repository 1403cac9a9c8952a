"""Reporting: what a site that sends results out of the browser adds to its pages.

Reporting is off on an ordinary site, which then loads nothing for it. It is on in the SCORM 1.2
package (`coursegen package scorm12` sets `scorm12`) and on a site whose mkdocs.yml gives the
coursegen plugin `xapi` settings:

    plugins:
      - coursegen:
          xapi:
            endpoint: https://lrs.example.org/xapi/   # a fixed LRS (optional)
            launch: true                              # accept endpoint, auth, actor, registration
                                                      # from the course's address (optional)

At least one of the two is needed; no credential is ever written into the site (it would be
readable by anyone who can read the site): `auth` only comes with the launch. Where reporting is
on, every page carries a hidden `.cg-rep` element with what report.js needs of the course
(`reporting_data`, described in contract.js as ReportingData) and loads report.js.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator.model.activity_ids import reported_lessons, reported_quizzes
from generator.model.load import CourseBundle

XAPI_KEYS = ("endpoint", "launch")


@dataclass(frozen=True)
class Reporting:
    """Where a site reports to: the SCORM package's LMS, an xAPI LRS, or both."""

    scorm12: bool = False
    xapi_endpoint: str | None = None
    xapi_launch: bool = False

    @property
    def xapi(self) -> bool:
        return self.xapi_launch or self.xapi_endpoint is not None


def reporting_settings(xapi: Mapping[str, Any] | None, *, scorm12: bool = False) -> Reporting | None:
    """The plugin's `xapi` settings (and the package's SCORM switch) as Reporting; None when off.

    Raises ValueError with a message that names the setting and what to write instead.
    """
    xapi = dict(xapi or {})
    unknown = sorted(set(xapi) - set(XAPI_KEYS))
    if unknown:
        raise ValueError(f"unknown setting {unknown[0]!r}; the settings are {', '.join(XAPI_KEYS)}")
    endpoint = xapi.get("endpoint")
    launch = xapi.get("launch", False)
    if endpoint is not None:
        if not isinstance(endpoint, str) or urlsplit(endpoint).scheme not in ("http", "https") or "?" in endpoint:
            raise ValueError(
                f"endpoint: {endpoint!r} is not an http or https address; write the LRS's xAPI address, "
                "such as https://lrs.example.org/xAPI/"
            )
        if urlsplit(endpoint).username or urlsplit(endpoint).password:
            raise ValueError("endpoint: holds a user name or password, which every learner could read; remove it")
    if not isinstance(launch, bool):
        raise ValueError(f"launch: must be true or false, not {launch!r}")
    if xapi and endpoint is None and not launch:
        raise ValueError("give an endpoint, or launch: true, or remove xapi; as it is nothing would be sent")
    reporting = Reporting(scorm12=scorm12, xapi_endpoint=endpoint, xapi_launch=launch)
    return reporting if reporting.scorm12 or reporting.xapi else None


def final_pass_mark(bundle: CourseBundle) -> int | None:
    """The final assessment's pass mark in percent; None for a course without one."""
    final = bundle.outline.final
    return final.pass_mark if final is not None else None


def reporting_data(bundle: CourseBundle, reporting: Reporting, course_iri: str | None = None) -> str:
    """What report.js needs of the course, as JSON (ReportingData in contract.js); `course_iri`
    (model/activity_ids.course_iri) where it reports to an LRS."""
    outline = bundle.outline
    # The ids report.js builds its activity ids from (model/activity_ids.py).
    lessons = reported_lessons(outline)
    quizzes = reported_quizzes(outline)
    titles = {item_id: outline[item_id].title for item_id in [*lessons, *quizzes]}
    data = {
        "t": bundle.course.title,
        "f": bundle.course.final_assessment or None,
        "rq": bundle.course.require_module_quizzes,
        "l": lessons,
        "q": quizzes,
        "n": titles,
        "s": reporting.scorm12,
        "x": {"e": reporting.xapi_endpoint, "p": reporting.xapi_launch, "i": course_iri or ""}
        if reporting.xapi
        else None,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
