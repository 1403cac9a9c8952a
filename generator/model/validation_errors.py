"""Turn pydantic's validation errors into lines a trainer can act on.

pydantic speaks of `string_type` and `extra_forbidden`; a trainer needs to know
which line is wrong and what to write instead.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.model.models import QUESTION_TYPES
from generator.read.problems import Problem, where
from generator.read.yaml_source import Document, Path_

_PATTERN_HINTS = {
    r"^[a-z0-9][a-z0-9-]*$": "use only lowercase letters, digits and hyphens, like 'dimmer-switch'",
    r"^https?://\S+$": "write a full web address starting with https://",
    r"^\d+(\.\d+){0,2}$": 'write a version number like "1.0" (in quotes)',
    r"^[a-z]{2}$": "write a two-letter language code like en, de, fr or es",
    r"\S": "say in words why the warning does not apply here",
}


def format_loc(loc: Path_) -> str:
    return where(loc)


def _clean_loc(loc: tuple[str | int, ...], data: Any) -> Path_:
    """Drop the discriminator that pydantic inserts for tagged unions ('single', ...)."""
    out: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part not in current and part in QUESTION_TYPES:
            continue
        out.append(part)
        if isinstance(current, dict):
            current = current.get(part) if isinstance(part, str) else None
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            current = None
    return tuple(out)


def _model_at(model: type[BaseModel], data: Any, loc: Path_) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc`, following question types."""
    current: Any = model
    value = data
    for k, part in enumerate(loc):
        if isinstance(part, int):
            value = value[part] if isinstance(value, list) and part < len(value) else None
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        value = value.get(part) if isinstance(value, dict) else None
        # In a list, the item the location goes on to names the model (a question's type).
        following = loc[k + 1] if k + 1 < len(loc) else None
        index = following if isinstance(following, int) else 0
        current = _item_model(current.model_fields[part].annotation, value, index)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _item_model(annotation: Any, value: Any, index: int = 0) -> Any:
    """Unwrap list[...] (at item `index`), X | None and tagged unions down to one model class."""
    args = get_args(annotation)
    origin = get_origin(annotation)
    if origin is list and args:
        item = value[index] if isinstance(value, list) and 0 <= index < len(value) else None
        return _item_model(args[0], item)
    if args:
        models = [a for a in _flatten(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
        if len(models) == 1:
            return models[0]
        for candidate in models:
            tag = candidate.model_fields.get("type")
            if tag is not None and isinstance(value, dict) and value.get("type") in get_args(tag.annotation):
                return candidate
        return None
    return annotation


def _flatten(annotation: Any) -> list[Any]:
    args = get_args(annotation)
    if not args:
        return [annotation]
    out: list[Any] = []
    for arg in args:
        out.extend(_flatten(arg))
    return out


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return type(value).__name__


def _message(err: ErrorDetails, model: type[BaseModel], data: Any, loc: Path_) -> str:
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    value = err.get("input")
    if kind == "missing":
        return f"add the required field '{loc[-1]}'"
    if kind == "extra_forbidden":
        parent = _model_at(model, data, loc[:-1])
        valid = list(parent.model_fields) if parent else []
        close = difflib.get_close_matches(str(loc[-1]), valid, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"valid fields: {', '.join(valid)}"
        return f"unknown field '{loc[-1]}'; {hint}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return f"type must be one of {', '.join(QUESTION_TYPES)}, not {_describe(ctx.get('tag'))}"
    # `correct: "true"` and `minutes: "6"`: the value is right, its quotes make it text.
    if kind == "bool_type":
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return f"must be true or false, not text; remove the quotes around {value.strip().lower()}"
        return f"must be true or false, not {_describe(value)}"
    if kind == "int_type":
        if isinstance(value, str) and re.fullmatch(r"[+-]?[0-9]+", value.strip()):
            return f"must be a whole number, not text; remove the quotes around {value.strip()}"
        return f"must be a whole number, not {_describe(value)}"
    if kind == "string_type":
        if value is None:
            return "must not be empty; write the text after the colon"
        return f"must be text, not {_describe(value)}; put it in quotes"
    if kind == "list_type":
        return f"must be a list (one '- ' line per item), not {_describe(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a mapping of fields (name: value), not {_describe(value)}"
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(ctx.get("pattern")), "check its format")
        return f"{_describe(value)} is not allowed here; {hint}"
    if kind == "too_short":
        if isinstance(value, str):
            return "must not be empty"
        need = ctx.get("min_length", 1)
        return f"needs at least {need} item{'s' if need != 1 else ''}"
    if kind == "too_long":
        if isinstance(value, str):
            return f"is too long: at most {ctx.get('max_length')} characters"
        return f"has too many items: at most {ctx.get('max_length')}"
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters; shorten it"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {ctx.get('ge', ctx.get('gt'))}, not {_describe(value)}"
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {ctx.get('le', ctx.get('lt'))}, not {_describe(value)}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')}, not {_describe(value)}"
    return err["msg"]


def problems_from(exc: ValidationError, model: type[BaseModel], doc: Document) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = _clean_loc(tuple(err["loc"]), doc.data)
        if err["type"] == "union_tag_invalid":
            loc = (*loc, "type")
        message = _message(err, model, doc.data, loc)
        mark = doc.mark_for(loc, key=err["type"] == "extra_forbidden")
        where = format_loc(loc)
        problems.append(Problem(doc.path, mark.line, mark.column, f"{where}: {message}" if where else message))
    return problems
