"""An `answered` statement in the shape README "Results in your LMS or LRS" documents.

The browser runtime sends this shape; the simulator writes it, and schema/xapi-answered.schema.json
pins it. Kept beside the analysis so that what is read and what is written cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.model.activity_ids import question_iri, quiz_iri
from generator.model.interactions import (
    ANSWERED,
    ATTEMPT,
    ATTEMPT_TOTAL,
    COURSE_VERSION,
    ENDING,
    PATH,
    PRETEST,
    QUIZ_HASH,
    interaction_definition,
    quiz_definition,
)
from generator.model.models import Question, Quiz


@dataclass(frozen=True)
class Answer:
    """One learner's answer to one question, in one attempt at a quiz."""

    actor: Mapping[str, Any]
    question: Question
    response: str
    raw: float
    max: float
    attempt: int
    total_raw: float
    total_max: float
    timestamp: str
    statement_id: str
    duration: str | None = None
    pretest: bool = False
    path: list[str] | None = None
    ending: str | None = None


class StatementWriter:
    """Writes `answered` statements of one quiz as JSON lines, the definitions serialised once."""

    def __init__(self, course: str, course_title: str, version: str, quiz: Quiz, quiz_hash: str, language: str):
        self.course, self.version, self.quiz_hash = course, version, quiz_hash
        self._parent = json.dumps(
            {
                "parent": [
                    {
                        "objectType": "Activity",
                        "id": quiz_iri(course, quiz.id),
                        "definition": quiz_definition(quiz, language),
                    }
                ],
                "grouping": [
                    {
                        "objectType": "Activity",
                        "id": course,
                        "definition": {
                            "type": "http://adlnet.gov/expapi/activities/course",
                            "name": {language: course_title},
                        },
                    }
                ],
            },
            ensure_ascii=False,
        )
        self._objects = {
            q.id: json.dumps(
                {
                    "objectType": "Activity",
                    "id": question_iri(course, quiz.id, q.id),
                    "definition": interaction_definition(q, language),
                },
                ensure_ascii=False,
            )
            for q in quiz.questions
        }
        self._verb = json.dumps({"id": ANSWERED, "display": {"en-US": "answered"}})

    def line(self, answer: Answer) -> str:
        result: dict[str, Any] = {
            "response": answer.response,
            "success": answer.raw >= answer.max,
            "score": {
                "scaled": round(answer.raw / answer.max, 4) if answer.max else 1,
                "raw": answer.raw,
                "min": 0,
                "max": answer.max,
            },
        }
        if answer.duration:
            result["duration"] = answer.duration
        if answer.path is not None:
            result["extensions"] = {PATH: answer.path, ENDING: answer.ending}
        extensions: dict[str, Any] = {
            QUIZ_HASH: self.quiz_hash,
            COURSE_VERSION: self.version,
            ATTEMPT: answer.attempt,
            ATTEMPT_TOTAL: {"raw": answer.total_raw, "max": answer.total_max},
        }
        if answer.pretest:
            extensions[PRETEST] = True
        return (
            f'{{"id":"{answer.statement_id}","actor":{json.dumps(answer.actor)},"verb":{self._verb},'
            f'"object":{self._objects[answer.question.id]},"result":{json.dumps(result)},'
            f'"context":{{"contextActivities":{self._parent},"extensions":{json.dumps(extensions)}}},'
            f'"timestamp":"{answer.timestamp}"}}'
        )
