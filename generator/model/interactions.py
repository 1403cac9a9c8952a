"""The xAPI shape of a course's activities: their names and interaction definitions.

The ids themselves come from model/activity_ids.py, the one place that names activities. The
builders here are pure: the pages give the browser runtime what they return, and
`coursegen analyse` compares what it reads with them.

Positions are the authored ones, as the runtime reports answers: option k, step k, pair k;
a matching question's targets are its pairs' right-hand sides, then its distractors.
A role-play's choice is `<step id>.<k>`, its k-th choice at that step.
"""

from __future__ import annotations

from typing import Any

from generator.model.models import Matching, MultipleChoice, Ordering, Question, Quiz, RolePlay, SingleChoice
from generator.model.roleplay_paths import Hop, scores

# The context and result extensions a coursegen statement carries (README "Results in your LMS
# or LRS"). They are names, not addresses to fetch.
EXTENSIONS = "https://w3id.org/coursegen/xapi/"
QUIZ_HASH = EXTENSIONS + "quiz-hash"
COURSE_VERSION = EXTENSIONS + "course-version"
ATTEMPT = EXTENSIONS + "attempt"
ATTEMPT_TOTAL = EXTENSIONS + "attempt-total"
PRETEST = EXTENSIONS + "pretest"
PATH = EXTENSIONS + "path"
ENDING = EXTENSIONS + "ending"

ADL = "http://adlnet.gov/expapi/"
ANSWERED = ADL + "verbs/answered"
INTERACTION_TYPES = {"single": "choice", "multiple": "choice", "ordering": "sequencing", "matching": "matching"}


def _text(language: str, text: str) -> dict[str, str]:
    return {language: text.strip()}


def _components(language: str, texts: list[str], prefix: str = "") -> list[dict[str, Any]]:
    return [{"id": f"{prefix}{k}", "description": _text(language, text)} for k, text in enumerate(texts)]


def roleplay_choice_ids(question: RolePlay) -> list[str]:
    """Every choice of a role-play by its id, step by step: `<step id>.<k>`."""
    return [f"{step.id}.{k}" for step in question.steps for k in range(len(step.choices))]


def correct_response(question: Question) -> str:
    """The right answer in xAPI's response pattern (the best path, for a role-play)."""
    if isinstance(question, SingleChoice | MultipleChoice):
        return "[,]".join(str(k) for k, option in enumerate(question.options) if option.correct)
    if isinstance(question, Ordering):
        return "[,]".join(str(k) for k in range(len(question.items)))
    if isinstance(question, Matching):
        return "[,]".join(f"{k}[.]{k}" for k in range(len(question.pairs)))
    return "[,]".join(f"{step_id}.{k}" for step_id, k in best_path(question))


def best_path(question: RolePlay) -> list[Hop]:
    """The choices of a perfect conversation: the best path's, or with ending scoring the best
    path to the best ending."""
    found = scores(question)
    if question.scoring == "ending":
        best = max(question.endings, key=lambda ending: ending.score or 0)
        return found.path_to(best.id)
    return found.path_from(question.start, {step.id: step for step in question.steps})[0]


def interaction_definition(question: Question, language: str) -> dict[str, Any]:
    """The activity definition of an `answered` statement about `question`, in the course language."""
    definition: dict[str, Any] = {
        "type": ADL + "activities/cmi.interaction",
        "name": _text(language, question.prompt),
        "interactionType": INTERACTION_TYPES.get(question.type, "other"),
        "correctResponsesPattern": [correct_response(question)],
    }
    if isinstance(question, SingleChoice | MultipleChoice):
        definition["choices"] = _components(language, [option.text for option in question.options])
    elif isinstance(question, Ordering):
        definition["choices"] = _components(language, [item.text for item in question.items])
    elif isinstance(question, Matching):
        definition["source"] = _components(language, [pair.left for pair in question.pairs])
        definition["target"] = _components(language, [pair.right for pair in question.pairs] + question.distractors)
    else:
        definition["steps"] = [
            {"id": step.id, "description": _text(language, step.customer)} for step in question.steps
        ]
        texts = [choice.text for step in question.steps for choice in step.choices]
        definition["choices"] = [
            {"id": choice_id, "description": _text(language, text)}
            for choice_id, text in zip(roleplay_choice_ids(question), texts, strict=True)
        ]
    return definition


def quiz_definition(quiz: Quiz, language: str) -> dict[str, Any]:
    return {"type": ADL + "activities/assessment", "name": _text(language, quiz.title)}
