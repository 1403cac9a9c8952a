from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.model.schema import SCHEMAS, schema_text

ROOT = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "mini"
# Its quiz silences a warning: the schema must accept what the models accept.
LINT_FIXTURE = Path(__file__).parent / "fixtures" / "lint-every-rule"


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_committed_schema_matches_models(kind: str) -> None:
    committed = (ROOT / "schema" / f"{kind}.schema.json").read_text()
    assert committed == schema_text(kind), "run `coursegen schema` and commit schema/"


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_schema_is_valid_2020_12_with_hover_text(kind: str) -> None:
    schema = json.loads(schema_text(kind))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # Every field a trainer can write has a description, which editors show on hover.
    for name, definition in [("root", schema), *schema.get("$defs", {}).items()]:
        for field, spec in definition.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field} has no description"


def _files() -> list[tuple[str, Path]]:
    found = [("course", ROOT / "course" / "course.yaml")]
    found += [("lesson", p) for p in sorted((ROOT / "course" / "lessons").glob("*.yaml"))]
    found += [("quiz", p) for p in sorted((ROOT / "quizzes").glob("*.yaml"))]
    found += [("lesson", p) for p in sorted((FIXTURE / "course" / "lessons").glob("*.yaml"))]
    found += [("quiz", p) for p in sorted((FIXTURE / "quizzes").glob("*.yaml"))]
    found += [("course", LINT_FIXTURE / "course" / "course.yaml")]
    found += [("lesson", p) for p in sorted((LINT_FIXTURE / "course" / "lessons").glob("*.yaml"))]
    found += [("quiz", p) for p in sorted((LINT_FIXTURE / "quizzes").glob("*.yaml"))]
    return found


@pytest.mark.parametrize(("kind", "path"), _files(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_schema_accepts_the_course_files(kind: str, path: Path) -> None:
    data = yaml.safe_load(path.read_text())
    jsonschema.validate(data, json.loads(schema_text(kind)), cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(
    ("kind", "path"), [f for f in _files() if FIXTURE not in f[1].parents and LINT_FIXTURE not in f[1].parents]
)
def test_bundled_files_point_editors_at_the_schema(kind: str, path: Path) -> None:
    first = path.read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (ROOT / "schema" / f"{kind}.schema.json").resolve()
