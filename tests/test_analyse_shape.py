"""The `answered` statement's shape: schema/xapi-answered.schema.json, the fixtures that pin it
(tests/fixtures/xapi/), and the interaction definitions built from the model."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from analysed_course import QUIZ, bundle, write

from generator.analyse.simulate import Cohort
from generator.model.activity_ids import course_iri, question_iri, quiz_iri
from generator.model.interactions import interaction_definition
from generator.model.models import Course

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "schema" / "xapi-answered.schema.json").read_text())
FIXTURES = Path(__file__).parent / "fixtures" / "xapi"
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
EXT = "https://w3id.org/coursegen/xapi/"


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text())
    return data


def test_the_schema_is_valid_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("name", ["answered-choice", "answered-roleplay"])
def test_the_fixtures_match_the_schema_and_the_model(name: str) -> None:
    statement = fixture(name)
    VALIDATOR.validate(statement)
    course = bundle()
    question_id = statement["object"]["id"].rsplit("/", 1)[1]
    question = next(q for q in course.quizzes[QUIZ].questions if q.id == question_id)
    assert statement["object"]["definition"] == interaction_definition(question, "en")
    assert statement["object"]["id"] == question_iri(course.course.xapi_id or "", QUIZ, question_id)
    assert statement["context"]["contextActivities"]["parent"][0]["id"] == quiz_iri(course.course.xapi_id or "", QUIZ)
    assert statement["context"]["contextActivities"]["parent"][0]["definition"]["name"] == {"en": "Desk final"}


def test_a_roleplay_carries_its_path_ending_and_best_path() -> None:
    statement = fixture("answered-roleplay")
    assert statement["result"]["extensions"] == {EXT + "path": ["open.0", "listen.1"], EXT + "ending": "stall"}
    assert statement["object"]["definition"]["correctResponsesPattern"] == ["open.0[,]listen.0"]
    assert statement["object"]["definition"]["interactionType"] == "other"


def test_every_interaction_type_is_defined_from_the_model() -> None:
    questions = {q.id: q for q in bundle().quizzes[QUIZ].questions}
    single = interaction_definition(questions["q01"], "en")
    assert single["interactionType"] == "choice" and single["correctResponsesPattern"] == ["0"]
    assert single["choices"][1] == {"id": "1", "description": {"en": "The account owner (answer 2 to question 1)"}}
    assert interaction_definition(questions["listen"], "en")["correctResponsesPattern"] == ["0[,]1"]
    ordering = interaction_definition(questions["steps"], "en")
    assert ordering["interactionType"] == "sequencing" and ordering["correctResponsesPattern"] == ["0[,]1[,]2"]
    matching = interaction_definition(questions["pairs"], "en")
    assert matching["interactionType"] == "matching"
    assert [t["description"]["en"] for t in matching["target"]] == ["Attention", "Trust", "Speed"]
    assert matching["correctResponsesPattern"] == ["0[.]0[,]1[.]1"]


@pytest.mark.parametrize(
    "broken",
    [
        lambda s: s["context"]["extensions"].pop(EXT + "attempt"),
        lambda s: s["context"]["extensions"].pop(EXT + "quiz-hash"),
        lambda s: s["object"]["definition"].pop("correctResponsesPattern"),
        lambda s: s["object"].update(id="http://127.0.0.1:53333/question/final-greet"),
    ],
)
def test_the_schema_refuses_a_statement_without_what_analysis_needs(broken: Any) -> None:
    statement = copy.deepcopy(fixture("answered-choice"))
    broken(statement)
    assert not VALIDATOR.is_valid(statement)


def test_the_simulator_writes_the_same_shape(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    write(path, Cohort(learners=3, seed=1))
    for line in path.read_text().splitlines():
        VALIDATOR.validate(json.loads(line))


def _course(**fields: Any) -> Course:
    base = {"id": "harbour-desk", "title": "T", "version": "1.0", "description": "D", "audience": "A"}
    return Course.model_validate({**base, "modules": [{"id": "m", "title": "M", "lessons": ["l"]}], **fields})


def test_the_course_iri_is_set_once_else_derived() -> None:
    given = _course(xapi_id="https://training.example.com/courses/harbour-desk/")
    assert course_iri(given, "http://127.0.0.1:8000/") == "https://training.example.com/courses/harbour-desk"
    assert (
        course_iri(_course(), "https://learn.example.com/sales/") == "https://learn.example.com/sales/xapi/harbour-desk"
    )
    # A local address is where a site is tried out, not a name for its results.
    assert course_iri(_course(), "http://127.0.0.1:8000/") == "urn:coursegen:course:harbour-desk"
    assert course_iri(_course(), None) == "urn:coursegen:course:harbour-desk"


def test_site_url_is_read_as_mkdocs_reads_it_without_running_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.engines.plain_project import read_site_config

    def read_site_url(path: Path) -> object:
        return read_site_config(path).get("site_url")

    config = tmp_path / "mkdocs.yml"
    config.write_text(
        'site_url: !ENV [SITE_URL, "https://learn.example.com/"]\n'
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:os.system\n"
    )
    monkeypatch.delenv("SITE_URL", raising=False)
    assert read_site_url(config) == "https://learn.example.com/"
    monkeypatch.setenv("SITE_URL", "https://staging.example.com/")
    assert read_site_url(config) == "https://staging.example.com/"
    assert read_site_url(tmp_path / "missing.yml") is None
