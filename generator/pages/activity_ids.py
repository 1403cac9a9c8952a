"""The ids under which a site reports each lesson, quiz and question: the Python side's one place.

The browser builds the same ids when it reports (report-xapi.js: `activity`; report-scorm.js:
`identifier`); the reporting data (pages/reporting.py) names the lessons and quizzes they are
built from, from here. Item analysis reads statements back: `question_activities` and
`scorm_interactions` map the id a statement or an LMS holds to the question it is about.

xAPI activity ids are IRIs under the site's root (the folder its index.html is in):
`<root>lesson/<lesson>`, `<root>quiz/<quiz>`, `<root>quiz/<quiz>/question/<question>`, each id
escaped as JavaScript's encodeURIComponent escapes it. SCORM 1.2 records the final assessment's
questions only, each as a CMIIdentifier.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from generator.model.load import CourseBundle
from generator.model.outline import Outline, QuestionRef

# What encodeURIComponent leaves as it is besides letters, digits and "-_.~".
_UNESCAPED = "!*'()"
# CMIIdentifier: no spaces or other punctuation, at most 255 characters. ASCII \w, as in JavaScript.
_NOT_IN_IDENTIFIER = re.compile(r"[^\w.:-]", re.ASCII)


def _part(item_id: str) -> str:
    return quote(item_id, safe=_UNESCAPED)


def lesson_activity(site_root: str, lesson_id: str) -> str:
    return f"{site_root}lesson/{_part(lesson_id)}"


def quiz_activity(site_root: str, quiz_id: str) -> str:
    return f"{site_root}quiz/{_part(quiz_id)}"


def question_activity(site_root: str, quiz_id: str, question_id: str) -> str:
    return f"{quiz_activity(site_root, quiz_id)}/question/{_part(question_id)}"


def scorm_interaction_id(question_id: str) -> str:
    """The cmi.interactions.n.id a question is recorded under."""
    return _NOT_IN_IDENTIFIER.sub("_", question_id)[:255] or "question"


def reported_lessons(outline: Outline) -> list[str]:
    """The lessons a site reports, in outline order, by the id their activities are built from."""
    return [item.id for item in outline.lessons()]


def reported_quizzes(outline: Outline) -> list[str]:
    """The quizzes a site reports, in outline order, the final assessment last."""
    return [item.id for item in outline.quizzes()]


def question_activities(bundle: CourseBundle, site_root: str) -> dict[str, QuestionRef]:
    """Every question's xAPI activity id, mapped back to its quiz and question."""
    return {
        question_activity(site_root, quiz_id, question.id): QuestionRef(quiz_id, question.id)
        for quiz_id in reported_quizzes(bundle.outline)
        for question in bundle.quizzes[quiz_id].questions
    }


def scorm_interactions(bundle: CourseBundle) -> dict[str, QuestionRef]:
    """The final assessment's questions by the interaction id an LMS records them under."""
    final = bundle.outline.final
    if final is None:
        return {}
    return {
        scorm_interaction_id(question.id): QuestionRef(final.id, question.id)
        for question in bundle.quizzes[final.id].questions
    }
