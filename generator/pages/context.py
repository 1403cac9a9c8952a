"""What every page builder of one course shares: the course, its addresses, words and templates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import jinja2

from generator.model.load import CourseBundle
from generator.model.outline import Outline
from generator.pages.addresses import Links
from generator.pages.markdown import MarkdownRenderer
from generator.pages.progress import Tracker


@dataclass
class PageContext:
    bundle: CourseBundle
    links: Links
    md: MarkdownRenderer
    env: jinja2.Environment
    # The site's words (strings.strings_for), overrides applied: page labels, the progress
    # tracker's and certificate's words, and the quiz runtime's.
    labels: Mapping[str, str]
    progress_labels: Mapping[str, str]
    strings: Mapping[str, str]
    tracker: Tracker
    digests: Mapping[str, str]  # quiz id -> quiz_digest, computed once per build
    inline_quizzes: bool
    # The course IRI activity ids hang under (model/activity_ids.py); None where nothing goes to an LRS.
    course_iri: str | None = None
    # With inline_quizzes false: page src -> {placeholder: quiz HTML}, filled as pages are built.
    fragments: dict[str, dict[str, str]] = field(default_factory=dict)
    _templates: dict[str, jinja2.Template] = field(default_factory=dict)

    def template(self, name: str) -> jinja2.Template:
        # Looked up once: get_template checks the template file on disk at every call.
        if name not in self._templates:
            self._templates[name] = self.env.get_template(name)
        return self._templates[name]

    @property
    def outline(self) -> Outline:
        return self.bundle.outline
