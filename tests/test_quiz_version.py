"""The quiz version hash: learners' saved answers are kept under it, so it must change only with the quiz.

The golden values below are the bundled course's quizzes as they are today (second edition,
course version 2.0: every quiz was rewritten, so saved answers of the first edition are dropped). A change to
this list means every learner of the bundled course loses their saved quiz answers: only
an edit of the quiz itself (or a deliberate bump of HASH_FORMAT) may change a value here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from generator.model.load import QUIZZES_DIR, load_course
from generator.model.models import (
    Choice,
    Ending,
    Matching,
    MultipleChoice,
    Option,
    Ordering,
    OrderItem,
    Pair,
    Quiz,
    RolePlay,
    SingleChoice,
    Step,
)
from generator.pages.quiz_html import HASH_FORMAT, canonical_quiz, content_hash
from generator.read.yaml_source import read_document

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = {
    "capstone-roleplay": "f47ea523e419",
    "connection-quiz": "92cfe9ddca3a",
    "final-assessment": "1949ab5cad81",
    "p-word-quiz": "04b4f78fc6ea",
    "partnership-attitudes-quiz": "22ebb9cdb3ce",
    "we-relationship-quiz": "e4abcabf5ec7",
}


# A later release of coursegen, as far as a quiz file can tell: the same models, each with a new
# optional field that has a default, at every level of a quiz.
class NewOption(Option):
    hint: str | None = Field(default=None)


class NewSingle(SingleChoice):
    options: list[NewOption] = Field(min_length=2, max_length=10)  # type: ignore[assignment]
    time_limit: int = Field(default=0)


class NewMultiple(MultipleChoice):
    options: list[NewOption] = Field(min_length=2, max_length=10)  # type: ignore[assignment]
    time_limit: int = Field(default=0)


class NewOrderItem(OrderItem):
    image: str | None = Field(default=None)


class NewOrdering(Ordering):
    items: list[NewOrderItem] = Field(min_length=2, max_length=10)  # type: ignore[assignment]
    time_limit: int = Field(default=0)


class NewPair(Pair):
    hint: str | None = Field(default=None)


class NewMatching(Matching):
    pairs: list[NewPair] = Field(min_length=2, max_length=10)  # type: ignore[assignment]
    time_limit: int = Field(default=0)


class NewChoice(Choice):
    mood: str = Field(default="neutral")


class NewStep(Step):
    choices: list[NewChoice] = Field(min_length=1, max_length=6)  # type: ignore[assignment]
    speaker: str | None = Field(default=None)


class NewEnding(Ending):
    badge: bool = Field(default=False)


class NewRolePlay(RolePlay):
    steps: list[NewStep] = Field(min_length=1)  # type: ignore[assignment]
    endings: list[NewEnding] = Field(min_length=2)  # type: ignore[assignment]
    time_limit: int = Field(default=0)


NewQuestion = Annotated[
    NewSingle | NewMultiple | NewOrdering | NewMatching | NewRolePlay,
    Field(discriminator="type"),
]


class NewQuiz(Quiz):
    questions: list[NewQuestion] = Field(min_length=1)  # type: ignore[assignment]
    allow_review: bool = Field(default=True)
    attempts: int | None = Field(default=None)


def quiz_files() -> dict[str, dict[str, Any]]:
    """What each bundled quiz file holds, read as coursegen reads it."""
    files = sorted((ROOT / QUIZZES_DIR).glob("*.yaml"))
    return {path.stem: read_document(path, path.name).data for path in files}


def test_the_bundled_quizzes_keep_their_version_hashes() -> None:
    quizzes = load_course(ROOT).quizzes
    assert {quiz_id: content_hash(quiz) for quiz_id, quiz in quizzes.items()} == GOLDEN


def test_a_new_optional_field_with_a_default_changes_no_hash() -> None:
    files = quiz_files()
    assert sorted(files) == sorted(GOLDEN)
    for quiz_id, data in files.items():
        newer = NewQuiz.model_validate(data)
        assert newer.model_fields_set == Quiz.model_validate(data).model_fields_set
        assert content_hash(newer) == GOLDEN[quiz_id], quiz_id
        # Built another way (every field given, as a copy or a migration would), still the same.
        assert content_hash(NewQuiz.model_validate(newer.model_dump())) == GOLDEN[quiz_id], quiz_id


def test_a_new_field_set_away_from_its_default_does_change_the_hash() -> None:
    data = quiz_files()["connection-quiz"]
    assert content_hash(NewQuiz.model_validate({**data, "attempts": 3})) != GOLDEN["connection-quiz"]
    first = data["questions"][0]
    options = [{**first["options"][0], "hint": "Think of the last call."}, *first["options"][1:]]
    edited = {**data, "questions": [{**first, "options": options}, *data["questions"][1:]]}
    assert content_hash(NewQuiz.model_validate(edited)) != GOLDEN["connection-quiz"]


def test_writing_a_default_out_changes_no_hash() -> None:
    data = quiz_files()["connection-quiz"]
    assert "shuffle" not in data
    assert content_hash(Quiz.model_validate({**data, "shuffle": True})) == GOLDEN["connection-quiz"]
    assert content_hash(Quiz.model_validate({**data, "shuffle": False})) != GOLDEN["connection-quiz"]


def test_silencing_a_lint_warning_changes_no_hash() -> None:
    # A silence entry speaks to `coursegen lint`; learners' saved answers must survive it.
    data = quiz_files()["connection-quiz"]
    because = {"because": "Checked with the course owner."}
    first = {**data["questions"][0], "silence": [{"code": "CG101", **because}]}
    edited = {**data, "silence": [{"code": "CG102", **because}], "questions": [first, *data["questions"][1:]]}
    assert content_hash(Quiz.model_validate(edited)) == GOLDEN["connection-quiz"]


def test_tagging_moves_changes_no_hash() -> None:
    # A move tag speaks to lint and the facilitator edition; learners' saved answers must survive it.
    data = quiz_files()["connection-quiz"]
    questions = []
    for question in data["questions"]:
        if "options" in question:
            question = {**question, "options": [{**o, "move": "listen"} for o in question["options"]]}
        if "steps" in question:
            steps = [{**s, "choices": [{**c, "move": "listen"} for c in s["choices"]]} for s in question["steps"]]
            question = {**question, "steps": steps}
        questions.append(question)
    tagged = Quiz.model_validate({**data, "questions": questions})
    assert "move" in tagged.model_dump_json()
    assert content_hash(tagged) == GOLDEN["connection-quiz"]


def test_the_canonical_form_is_versioned_sorted_compact_json() -> None:
    quiz = load_course(ROOT).quizzes["connection-quiz"]
    canonical = canonical_quiz(quiz)
    assert canonical.startswith(HASH_FORMAT) and HASH_FORMAT == b"coursegen-quiz-v1\n"
    text = canonical[len(HASH_FORMAT) :].decode("utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    # Only what the trainer wrote: no field at its default, e.g. no `shuffle: true`, no `points: 1`.
    assert "shuffle" not in data and "draw" not in data
    assert all("points" not in q or q["points"] != 1 for q in data["questions"])
