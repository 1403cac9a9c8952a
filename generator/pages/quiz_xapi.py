"""What report-xapi.js needs of one quiz to send `answered` statements in the shape
schema/xapi-answered.schema.json pins: the activity ids (model/activity_ids.py) and each question's
interaction definition (model/interactions.py), in the course's language.

It travels in the quiz data (quiz_contract.XapiQuiz), which is masked like the answer key it
repeats (correctResponsesPattern), and only on a site that reports to an LRS: a site without
xAPI, and the runtime's code, carry none of it.
"""

from __future__ import annotations

from typing import cast

from generator.model.activity_ids import question_iri, quiz_iri
from generator.model.interactions import interaction_definition, quiz_definition, roleplay_choice_ids
from generator.model.models import Course, Quiz, RolePlay
from generator.pages import quiz_contract as contract


def _question(course_iri: str, quiz: Quiz, index: int, language: str) -> contract.XapiQuestion:
    question = quiz.questions[index]
    definition = cast(contract.XapiInteraction, interaction_definition(question, language))
    item: contract.XapiQuestion = {"id": question_iri(course_iri, quiz.id, question.id), "definition": definition}
    if isinstance(question, RolePlay):
        # The runtime reports a role-play as the positions chosen at each step; with where each
        # choice leads it names the path's choices (`<step>.<k>`) and the ending reached.
        nexts = {f"{step.id}.{k}": choice.next for step in question.steps for k, choice in enumerate(step.choices)}
        item["start"] = question.start
        item["leads_to"] = [nexts[choice_id] for choice_id in roleplay_choice_ids(question)]
    return item


def quiz_xapi(course: Course, course_iri: str, quiz: Quiz, quiz_hash: str) -> contract.XapiQuiz:
    """The quiz's ids, names and interaction definitions, under `course_iri`."""
    language = course.language
    return {
        "id": quiz_iri(course_iri, quiz.id),
        "title": quiz_definition(quiz, language)["name"],
        "hash": quiz_hash,
        "version": course.version,
        "questions": {q.id: _question(course_iri, quiz, i, language) for i, q in enumerate(quiz.questions)},
    }
