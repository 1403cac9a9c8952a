"""What the pages carry for the learner's progress tracker (assets/progress.js and friends).

All of a learner's progress in a course lives in their browser, in one
localStorage record under `coursegen-progress:<course id>` (quiz.js keeps its
own per-attempt keys beside it). The record is JSON:

    {"f": 1,                       format of the record itself
     "c": "<course id>",
     "v": "<course version>",      the version it was last written under
     "l": {"<lesson or quiz id>": 1 | 2},        1 opened, 2 finished (lessons)
     "q": {"<quiz id>": {"s": score, "m": max, "p": passed, "h": quiz hash, "t": ms since 1970}},
     "at": "<id of the last lesson or quiz opened>",
     "n": "<the learner's name, as typed on the certificate page>",
     "r": {...},                   the review schedule (assets/src/schedule.js), once there is one
     "x": "YYYY-MM-DD"}            the date the learner's last certificate expired, if it has

`q` holds the best result per quiz; a result counts only while the quiz's
content hash (the one quiz.js keys its saved attempts by) is the same, so an
edited quiz must be passed again while everything else carries over when the
course version changes. The pages that know a quiz's current hash drop a
result for an older version of it: the quiz's own page (results.js) and the
dashboard and certificate pages (dashboard.js, which get every hash). Other
pages carry no hashes (every page listing every quiz would grow the site with
the square of its size), so their navigation marks trust the record until
one of those pages has been opened. A record that is not valid JSON, not format 1, or for
another course is discarded and started afresh; storage that throws is treated
as empty and never breaks a page. An exported file is the record plus
`"format": "coursegen-progress"`; importing refuses a file for another course
or from a newer course version.

Every course page holds one hidden `.cg-pg` element with the facts the scripts
need: course id and version, the page's item id, the word for a navigation
"done" mark, and on pages with a quiz the URL of results.js (quiz.js loads it,
so a quiz page holds one script).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from generator.pages.urls import ASSETS_DIR, link_url

CERTIFICATE_SRC = "certificate.md"


def _attrs(values: Mapping[str, object]) -> str:
    return " ".join(f'data-{k}="{escape(str(v))}"' for k, v in values.items())


@dataclass(frozen=True)
class Tracker:
    """Builds the progress elements of each page for one rendered course."""

    course_id: str
    version: str
    quiz_hashes: Mapping[str, str]  # quiz id -> content hash, every quiz of the outline
    labels: Mapping[str, str]  # strings.strings_for(language).progress
    directory_urls: bool
    # With reporting on (pages/reporting.py): what report.js needs of the course, as JSON.
    reporting: str | None = None
    base: str | None = None  # the site's path (urls.site_path): root-relative URLs under it

    def asset(self, src: str, name: str) -> str:
        return link_url(src, f"{ASSETS_DIR}/{name}", directory_urls=self.directory_urls, base=self.base)

    def page_data(self, src: str, item_id: str = "", *, quiz: bool = False) -> Markup:
        """The hidden `.cg-pg` element for the page built from `src`."""
        values: dict[str, object] = {
            "c": self.course_id,
            "v": self.version,
            "id": item_id,
            "done": self.labels["done"],
        }
        if quiz:
            values["js"] = self.asset(src, "results.js")
        element = Markup(f'<div class="cg-pg" {_attrs(values)} hidden></div>')
        if self.reporting is None:
            return element
        # Only where reporting is on: an ordinary site's pages load nothing for it.
        return (
            element
            + Markup(f'<div class="cg-rep" {_attrs({"r": self.reporting})} hidden></div>')
            + Markup("\n\n")
            + self.script(src, "report.js")
        )

    def script(self, src: str, name: str = "progress.js") -> Markup:
        return Markup(f'<script type="module" src="{escape(self.asset(src, name))}"></script>')

    def stylesheet(self, src: str, name: str = "dashboard.css") -> Markup:
        return Markup(f'<link rel="stylesheet" href="{escape(self.asset(src, name))}">')

    def lesson_control(self) -> Markup:
        """'Mark as done' at the end of a lesson; hidden until progress.js runs."""
        values = {
            "mark": self.labels["mark_done"],
            "undo": self.labels["mark_undone"],
            "msg": self.labels["lesson_done"],
            "msg0": self.labels["lesson_undone"],
        }
        return Markup(
            f'<div class="cg-lc" {_attrs(values)} hidden><button type="button" class="md-button md-button--primary">'
            f'{escape(self.labels["mark_done"])}</button> <span role="status"></span></div>'
        )

    def script_strings(self, keys: Sequence[str]) -> str:
        return json.dumps({k: self.labels[k] for k in keys}, ensure_ascii=False, separators=(",", ":"))


def dashboard_data(
    *,
    modules: Sequence[Mapping[str, Any]],
    final: Mapping[str, Any] | None,
    quiz_hashes: Mapping[str, str],
    require_module_quizzes: bool,
    certificate_url: str | None,
    reviews: Mapping[str, Any] | None = None,
    valid_for_days: int | None = None,
) -> str:
    """The course structure dashboard.js works from, as JSON (escaped by the template).

    `modules` is a list of {"id", "t", "i": [{"id", "k": "l" | "q", "t", "u"}]}; URLs are
    relative to the page; `quiz_hashes` maps every quiz id to its current content hash.
    """
    data: dict[str, Any] = {
        "m": [{"id": m["id"], "t": m["t"], "i": list(m["i"])} for m in modules],
        "f": dict(final) if final else None,
        "h": dict(quiz_hashes),
        "rq": require_module_quizzes,
        "cert": certificate_url,
    }
    if valid_for_days is not None:
        data["cv"] = valid_for_days  # certificates expire (issue 26)
    if reviews is not None:
        data["rv"] = dict(reviews)  # spaced reviews (pages/review_page.py), only in a course that has them
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
