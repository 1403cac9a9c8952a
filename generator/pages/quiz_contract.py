"""The quiz data's types: what quiz_html writes into a quiz's data-key for the browser runtime.

The Python half of generator/assets/src/contract.js (QuizData and the question typedefs):
TypedDicts, so that mypy checks every key quiz_html writes, and the data is the plain dicts and
lists pydantic-core serialises compactly. tests/test_runtime_contract.py checks that what is
written has exactly contract.js's keys and types; a key renamed here must be renamed there.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

# A lesson to review after a question: [title, URL relative to the page].
Review = list[str]


class ChoiceOption(TypedDict):
    token: str
    correct: Literal[0, 1]
    feedback: str
    pinned: Literal[0, 1]


class OrderingStep(TypedDict):
    token: str
    feedback: str | None


class MatchingPair(TypedDict):
    token: str
    match: str
    feedback: str | None


class RolePlayChoice(TypedDict):
    text: str
    points: int
    feedback: str
    next: str


class RolePlayStep(TypedDict):
    customer: str
    choices: list[RolePlayChoice]


class RolePlayEnding(TypedDict):
    title: str
    outcome: Literal["success", "partial", "failure"]
    text: str
    score: int | None


class Common(TypedDict):
    """The keys every question has."""

    id: str
    explanation: str | None
    reviews: list[Review]
    points: int


class SingleChoiceQuestion(Common):
    type: Literal["single"]
    shuffle: bool
    options: list[ChoiceOption]


class MultipleChoiceQuestion(Common):
    type: Literal["multiple"]
    shuffle: bool
    partialCredit: bool  # camelCase: the runtime's key, as contract.js spells it
    options: list[ChoiceOption]


class OrderingQuestion(Common):
    type: Literal["ordering"]
    partialCredit: bool
    steps: list[OrderingStep]


class MatchingQuestion(Common):
    type: Literal["matching"]
    partialCredit: bool
    pairs: list[MatchingPair]
    choices: list[str]


class RolePlayQuestion(Common):
    type: Literal["roleplay"]
    scoring: Literal["path", "ending"]
    shuffle: bool
    start: str
    steps: dict[str, RolePlayStep]
    endings: dict[str, RolePlayEnding]


Question = SingleChoiceQuestion | MultipleChoiceQuestion | OrderingQuestion | MatchingQuestion | RolePlayQuestion


class XapiComponent(TypedDict):
    id: str
    description: dict[str, str]


class XapiInteraction(TypedDict):
    """An answered statement's interaction definition (model/interactions.interaction_definition)."""

    type: str
    name: dict[str, str]
    interactionType: str
    correctResponsesPattern: list[str]
    choices: NotRequired[list[XapiComponent]]
    source: NotRequired[list[XapiComponent]]
    target: NotRequired[list[XapiComponent]]
    steps: NotRequired[list[XapiComponent]]


class XapiQuestion(TypedDict):
    id: str  # the question's activity id (model/activity_ids.py)
    definition: XapiInteraction
    start: NotRequired[str]  # a role-play's start step
    leads_to: NotRequired[list[str]]  # a role-play: where each of its choices leads, in their order


class XapiQuiz(TypedDict):
    """What report-xapi.js needs of a quiz: written only where the site reports to an LRS."""

    id: str  # the quiz's activity id
    title: dict[str, str]  # its name: the quiz title, in the course language
    hash: str  # content_hash
    version: str  # the course version
    questions: dict[str, XapiQuestion]  # by question id


class QuizData(TypedDict):
    questions: list[Question]
    xapi: NotRequired[XapiQuiz]
