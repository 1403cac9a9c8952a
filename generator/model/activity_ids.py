"""The ids under which a course reports each lesson, quiz and question: the one place that names them.

Ids hang under one IRI the course sets once (course.yaml `xapi_id`), not under the address a site
happens to be served from, so the same course served from staging and production, or from two
LMSs, keeps one set of ids. The pages hand these ids to the browser runtime (pages/reporting.py,
the quiz data's `x`), the statement writer and `coursegen analyse` build and read the same ones,
and `question_activities` / `scorm_interactions` map the id a statement or an LMS holds back to
the question it is about.

xAPI activity ids: `<course>` for the course, `<course>/lesson/<lesson>`, `<course>/quiz/<quiz>`,
`<course>/quiz/<quiz>/question/<question>`, each id escaped as JavaScript's encodeURIComponent
escapes it (report-xapi.js builds lesson ids the same way). SCORM 1.2 records the final
assessment's questions only, each as a CMIIdentifier.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from generator.model.load import CourseBundle
from generator.model.models import Course
from generator.model.outline import Outline, QuestionRef

# What encodeURIComponent leaves as it is besides letters, digits and "-_.~".
_UNESCAPED = "!*'()"
# CMIIdentifier: no spaces or other punctuation, at most 255 characters. ASCII \w, as in JavaScript.
_NOT_IN_IDENTIFIER = re.compile(r"[^\w.:-]", re.ASCII)


def _is_local(site_url: str) -> bool:
    host = urlsplit(site_url).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")


def course_iri(course: Course, site_url: str | None) -> str:
    """The IRI every activity id of the course hangs under.

    course.yaml's `xapi_id` when set; else the site's address and the course id; else a URN
    made of the course id alone (`coursegen lint` warns about the last two: CG403). A local
    address (a preview, a test) never names a course: it would change with the port.
    """
    if course.xapi_id:
        return course.xapi_id.rstrip("/")
    if site_url and urlsplit(site_url).scheme in ("http", "https") and not _is_local(site_url):
        return f"{site_url.rstrip('/')}/xapi/{course.id}"
    return f"urn:coursegen:course:{course.id}"


def _part(item_id: str) -> str:
    return quote(item_id, safe=_UNESCAPED)


def lesson_iri(course: str, lesson_id: str) -> str:
    return f"{course}/lesson/{_part(lesson_id)}"


def quiz_iri(course: str, quiz_id: str) -> str:
    return f"{course}/quiz/{_part(quiz_id)}"


def question_iri(course: str, quiz_id: str, question_id: str) -> str:
    return f"{quiz_iri(course, quiz_id)}/question/{_part(question_id)}"


def scorm_interaction_id(question_id: str) -> str:
    """The cmi.interactions.n.id a question is recorded under."""
    return _NOT_IN_IDENTIFIER.sub("_", question_id)[:255] or "question"


def reported_lessons(outline: Outline) -> list[str]:
    """The lessons a site reports, in outline order, by the id their activities are built from."""
    return [item.id for item in outline.lessons()]


def reported_quizzes(outline: Outline) -> list[str]:
    """The quizzes a site reports, in outline order, the final assessment last."""
    return [item.id for item in outline.quizzes()]


def question_activities(bundle: CourseBundle, course: str) -> dict[str, QuestionRef]:
    """Every question's xAPI activity id under the course IRI `course`, mapped back to its quiz and question."""
    return {
        question_iri(course, quiz_id, question.id): QuestionRef(quiz_id, question.id)
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
