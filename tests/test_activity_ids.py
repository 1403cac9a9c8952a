"""Activity and question ids (model/activity_ids.py): the ids the browser reports under, from one place."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from generator.model.activity_ids import (
    lesson_iri,
    question_activities,
    question_iri,
    quiz_iri,
    reported_quizzes,
    scorm_interaction_id,
    scorm_interactions,
)
from generator.model.load import load_course
from generator.model.outline import QuestionRef

FIXTURE = Path(__file__).parent / "fixtures" / "quizcourse"
ROOT = "https://learn.example.org/courses/harbour-desk"
ODD = ["plain-id", "a b/c?d#e", "Zoë’s (draft)!*~", "x" * 300, "", "日本"]


def test_activity_ids_are_iris_under_the_course_iri() -> None:
    assert lesson_iri(ROOT, "opening-calls") == ROOT + "/lesson/opening-calls"
    assert quiz_iri(ROOT, "alpha-quiz") == ROOT + "/quiz/alpha-quiz"
    assert question_iri(ROOT, "alpha-quiz", "q1") == ROOT + "/quiz/alpha-quiz/question/q1"


def test_escaping_matches_the_browsers() -> None:
    # The runtime escapes with encodeURIComponent and cleans CMIIdentifiers with this expression
    # (report-xapi.js `activity`, report-scorm.js `identifier`): the same ids must come out here.
    script = (
        "const ids = JSON.parse(process.argv[1]);"
        "console.log(JSON.stringify(ids.map(id => [encodeURIComponent(id),"
        " id.replace(/[^\\w.:-]/g, '_').slice(0, 255) || 'question'])))"
    )
    out = subprocess.run(["node", "-e", script, json.dumps(ODD)], capture_output=True, text=True, check=True)
    expected = json.loads(out.stdout)
    ours = [[quiz_iri("", i).removeprefix("/quiz/"), scorm_interaction_id(i)] for i in ODD]
    assert ours == expected


def test_a_statement_maps_back_to_its_question() -> None:
    bundle = load_course(FIXTURE)
    activities = question_activities(bundle, ROOT)
    quizzes = reported_quizzes(bundle.outline)
    assert len(activities) == sum(len(bundle.quizzes[q].questions) for q in quizzes)
    first = bundle.quizzes[quizzes[0]].questions[0]
    assert activities[question_iri(ROOT, quizzes[0], first.id)] == QuestionRef(quizzes[0], first.id)
    final = bundle.course.final_assessment
    assert final is not None
    interactions = scorm_interactions(bundle)
    assert set(interactions.values()) == {QuestionRef(final, q.id) for q in bundle.quizzes[final].questions}
