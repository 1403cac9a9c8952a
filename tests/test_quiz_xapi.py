"""What the quiz data hands report-xapi.js (pages/quiz_xapi.py), and what the runtime makes of it.

The definitions and ids come from model/ (one place); the quiz data carries them only where the
site reports to an LRS. The runtime's own functions (report-xapi.js: rolePlayPath, xapiResponse)
are run in Node on that data: a role-play's answer becomes the choices and the ending the model
names, in the shape the schema pins.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema

from generator.model.activity_ids import course_iri, question_iri, quiz_iri
from generator.model.interactions import interaction_definition
from generator.model.load import load_course
from generator.model.models import RolePlay
from generator.model.roleplay_paths import best_path, scores
from generator.pages.markdown import MarkdownRenderer
from generator.pages.quiz_html import QuizContext, content_hash, quiz_data
from generator.pages.quiz_xapi import quiz_xapi
from generator.pages.strings import QUIZ

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "quizcourse"
SCHEMA = json.loads((REPO / "schema" / "xapi-answered.schema.json").read_text(encoding="utf-8"))
REPORT_XAPI = REPO / "generator" / "assets" / "src" / "report-xapi.js"


def _runtime(function: str, *args: Any) -> Any:
    script = (
        f"const m = await import({json.dumps(REPORT_XAPI.as_uri())});"
        f"console.log(JSON.stringify(m.{function}(...JSON.parse(process.argv[1]))))"
    )
    out = subprocess.run(
        ["node", "--no-warnings", "--input-type=module", "-e", script, json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_the_quiz_data_names_each_question_from_the_model() -> None:
    bundle = load_course(FIXTURE)
    quiz = bundle.quizzes["alpha-quiz"]
    iri = course_iri(bundle.course, None)
    data = quiz_xapi(bundle.course, iri, quiz, content_hash(quiz))
    assert data["id"] == quiz_iri(iri, quiz.id)
    assert data["title"] == {"en": quiz.title}
    assert (data["hash"], data["version"]) == (content_hash(quiz), bundle.course.version)
    assert list(data["questions"]) == [q.id for q in quiz.questions]
    for question in quiz.questions:
        entry = data["questions"][question.id]
        assert entry["id"] == question_iri(iri, quiz.id, question.id)
        assert entry["definition"] == interaction_definition(question, "en")
        assert ("start" in entry) == ("leads_to" in entry) == isinstance(question, RolePlay)


def test_only_a_site_that_reports_to_an_lrs_carries_it() -> None:
    bundle = load_course(FIXTURE)
    quiz = bundle.quizzes["alpha-quiz"]
    base = {
        "pass_mark": 70,
        "markdown": MarkdownRenderer(),
        "strings": QUIZ["en"],
        "assets_url": "assets/",
        "objective_links": {},
        "course_id": bundle.course.id,
    }
    assert "xapi" not in quiz_data(quiz, QuizContext(**base))
    xapi = quiz_xapi(bundle.course, "urn:x", quiz, content_hash(quiz))
    assert quiz_data(quiz, QuizContext(**base, xapi=xapi))["xapi"] == xapi


def test_the_runtime_turns_a_role_play_answer_into_its_path_and_ending() -> None:
    bundle = load_course(FIXTURE)
    quiz = bundle.quizzes["alpha-quiz"]
    roleplay = next(q for q in quiz.questions if isinstance(q, RolePlay))
    entry = quiz_xapi(bundle.course, "urn:coursegen:course:quizcourse", quiz, content_hash(quiz))["questions"][
        roleplay.id
    ]
    cases = [best_path(roleplay), *_other_endings(roleplay)]
    assert len({ending for _, ending in cases}) == len(roleplay.endings) > 1
    for hops, ending in cases:
        positions = [k for _, k in hops]
        expected = [f"{step}.{k}" for step, k in hops]
        assert _runtime("rolePlayPath", entry, positions) == {"path": expected, "ending": ending}
        response = _runtime("xapiResponse", {"type": "roleplay", "answer": positions}, entry)
        assert response == "[,]".join(expected)
        statement = _statement(entry, response, expected, ending)
        jsonschema.validate(statement, SCHEMA, format_checker=jsonschema.FormatChecker())


def _other_endings(question: RolePlay) -> list[tuple[list[tuple[str, int]], str]]:
    """A way to each ending the best path does not reach."""
    found = scores(question)
    best_end = best_path(question)[1]
    return [(found.path_to(e.id), e.id) for e in question.endings if e.id != best_end and e.id in found.to]


def _statement(entry: Any, response: str, path: list[str], ending: str) -> dict[str, Any]:
    """The answered statement report-xapi.js makes of a role-play answer, parts as it sets them."""
    ext = "https://w3id.org/coursegen/xapi/"
    course = {"objectType": "Activity", "id": "urn:coursegen:course:quizcourse", "definition": {"name": {"en": "C"}}}
    return {
        "id": "0f1e7cc6-f290-4ec5-9c63-423304298bf0",
        "actor": {"mbox": "mailto:ada@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"objectType": "Activity", "id": entry["id"], "definition": entry["definition"]},
        "result": {
            "response": response,
            "success": True,
            "score": {"scaled": 1, "raw": 5, "min": 0, "max": 5},
            "duration": "PT12.3S",
            "extensions": {ext + "path": path, ext + "ending": ending},
        },
        "context": {
            "contextActivities": {"parent": [course], "grouping": [course]},
            "extensions": {
                ext + "quiz-hash": "0123456789ab",
                ext + "course-version": "1.0",
                ext + "attempt": 1,
                ext + "attempt-total": {"raw": 5, "max": 9},
            },
        },
        "timestamp": "2026-12-08T02:30:00Z",
    }
