"""What a trainer's Markdown refers to must exist, and titles stay plain text.

A picture without its file or its text alternative, a link to a lesson that is not there and a
callout Material does not know all built without a word before; each is now a located line.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel

from generator.model.markdown_refs import CALLOUT_TYPES, Callout, references, split_callouts, target
from generator.model.models import (
    Choice,
    Course,
    Ending,
    Example,
    Exercise,
    Lesson,
    Module,
    Option,
    OrderItem,
    Pair,
    QuestionBase,
    Quiz,
    Section,
    Step,
)
from generator.model.validation_errors import format_loc
from generator.read.problems import Problem
from generator.read.yaml_source import Document, Path_

# The folder a course's pictures and files are found in, and the site's docs_dir: a path in
# Markdown is read from here, whichever lesson or quiz it is written in.
COURSE_FOLDER = "course"

# The fields rendered as Markdown, and those shown as plain text that trainers may take for it.
_MARKDOWN: dict[type[BaseModel], tuple[str, ...]] = {
    Course: ("description",),
    Quiz: ("intro",),
    Lesson: ("reflection",),
    Section: ("body",),
    Example: ("body",),
    Exercise: ("body",),
    QuestionBase: ("scenario", "prompt", "explanation"),
    Option: ("text", "feedback"),
    OrderItem: ("text", "feedback"),
    Pair: ("feedback",),
    Step: ("customer",),
    Choice: ("text", "feedback"),
    Ending: ("text",),
}
_TITLES: dict[type[BaseModel], tuple[str, ...]] = {
    Course: ("title",),
    Module: ("title",),
    Lesson: ("title",),
    Quiz: ("title",),
    Section: ("heading",),
    Example: ("title",),
    Exercise: ("title",),
    Ending: ("title",),
}
# Emphasis, code and links as Markdown writes them: `*price*`, `**price**`, `_price_`, `` `x` ``, [x](y).
_MARKUP = re.compile(
    r"(?P<mark>\*\*?|(?<!\w)__?)(?P<words>[^\s*_](?:[^*_]*?[^\s*_])?)(?P=mark)(?!\w)|`(?P<code>[^`]+)`"
    r"|\[(?P<link>[^\]]+)\]\([^)]*\)"
)


# A table's header rule, `|---|---|`: on a line of its own in a block, inside one long line when
# YAML has joined the lines of a plain value (the learner then sees the pipes).
_TABLE_RULE = re.compile(r"\|[ ]*:?-{3,}:?[ ]*\|")
_TABLE_RULE_LINE = re.compile(r"^[ ]*\|?[ ]*:?-{3,}:?[ ]*\|", re.MULTILINE)


def _fields(model: BaseModel, loc: Path_, table: dict[type[BaseModel], tuple[str, ...]]) -> Iterator[Path_]:
    names = {name for cls in type(model).__mro__ if cls in table for name in table[cls]}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _fields(value, (*loc, name), table)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _fields(item, (*loc, name, i), table)
        elif isinstance(value, str) and name in names:
            yield (*loc, name)


def check_markdown(root: Path, items: list[tuple[BaseModel, Document]], lesson_ids: set[str] | None) -> list[Problem]:
    """Every picture, link and callout in every Markdown field, and every title, of `items`.
    With `lesson_ids` None some lessons failed to load, so links to lessons are not judged."""
    folder = root / COURSE_FOLDER
    problems: list[Problem] = []
    for model, doc in items:
        for loc in _fields(model, (), _TITLES):
            problems += _title(doc, loc, str(doc.value_at(loc)))
        for loc in _fields(model, (), _MARKDOWN):
            text = str(doc.value_at(loc))
            if "|" in text and _TABLE_RULE.search(text) and not _TABLE_RULE_LINE.search(text):
                problems.append(
                    _at(
                        doc,
                        loc,
                        "|",
                        "this table is on one line, as YAML joins the lines of a value that is not a block; write "
                        "the field as a block: the key, then '|', and the table on the lines below",
                    )
                )
            if "!!!" in text:
                problems += _callouts(doc, loc, text)
            if "](" in text or "]:" in text or "<" in text:
                problems += _references(doc, loc, text, folder, lesson_ids)
    return problems


def _title(doc: Document, loc: Path_, text: str) -> list[Problem]:
    found = _MARKUP.search(text)
    if found is None:
        return []
    if found.group("link") is not None:
        what = f"the link around '{found.group('link')}' would show as [ ] and ( )"
    elif found.group("code") is not None:
        what = f"the ` around '{found.group('code')}' would show as they are"
    else:
        what = f"the {found.group('mark')} around '{found.group('words')}' would show as they are"
    return [
        _at(
            doc,
            loc,
            found.group(0),
            f"titles are plain text, so {what}; remove them (Markdown works in a lesson's text, not in its titles)",
        )
    ]


def _callouts(doc: Document, loc: Path_, text: str) -> list[Problem]:
    problems = []
    for part in split_callouts(text):
        if not isinstance(part, Callout):
            continue
        line = f"!!! {part.kind}"
        if part.kind.lower() not in CALLOUT_TYPES:
            hint = difflib.get_close_matches(part.kind.lower(), CALLOUT_TYPES, n=1, cutoff=0.6)
            usual = "note, info, tip, warning, danger, example, question, quote, success or failure"
            problems.append(
                _at(
                    doc,
                    loc,
                    line,
                    f"'{part.kind}' is not a kind of callout"
                    + (f" (did you mean '{hint[0]}'?)" if hint else "")
                    + f"; write one of {usual}",
                )
            )
        elif not part.body.strip():
            problems.append(
                _at(doc, loc, line, "this callout has no text; write it on the lines below, indented by four spaces")
            )
        else:
            problems += _callouts(doc, loc, part.body) if "!!!" in part.body else []
    return problems


def _references(doc: Document, loc: Path_, text: str, folder: Path, lesson_ids: set[str] | None) -> list[Problem]:
    problems = []
    for ref in references(text):
        kind, value = target(ref.url)
        shown = ref.url
        if ref.kind == "image" and not ref.alt:
            problems.append(
                _at(
                    doc,
                    loc,
                    shown,
                    f"the picture '{shown}' has no text alternative, which a learner who cannot see it hears "
                    f"instead; write what it shows between the brackets: ![what it shows]({shown})",
                )
            )
        if kind == "lesson" and ref.kind == "link":
            if lesson_ids is not None and value not in lesson_ids:
                hint = difflib.get_close_matches(value, sorted(lesson_ids), n=1, cutoff=0.7)
                problems.append(
                    _at(
                        doc,
                        loc,
                        shown,
                        f"the link '{shown}' names no lesson"
                        + (f" (did you mean '{hint[0]}'?)" if hint else "")
                        + "; link a lesson by its id, as [its title](lesson:the-lesson-id)",
                    )
                )
        elif kind in ("file", "lesson"):
            path = posixpath.normpath(value if kind == "file" else unquoted_path(ref.url))
            what = "picture" if ref.kind == "image" else "file"
            if path == ".." or path.startswith("../"):
                problems.append(
                    _at(
                        doc,
                        loc,
                        shown,
                        f"the {what} '{shown}' is outside the {COURSE_FOLDER}/ folder; put it there, and write its "
                        f"path from that folder, such as images/{path.rsplit('/', 1)[-1]}",
                    )
                )
            elif not (folder / path).is_file():
                problems.append(_at(doc, loc, shown, _missing(what, shown, path, folder)))
    return problems


def unquoted_path(url: str) -> str:
    return unquote(urlsplit(url).path)


def _missing(what: str, shown: str, path: str, folder: Path) -> str:
    parent = (folder / path).parent
    near = sorted(p.name for p in parent.iterdir() if p.is_file()) if parent.is_dir() else []
    hint = difflib.get_close_matches(path.rsplit("/", 1)[-1], near, n=1, cutoff=0.6)
    where = f"{COURSE_FOLDER}/{path}"
    return (
        f"the {what} '{shown}' is not there: there is no {where}"
        + (f" (did you mean '{hint[0]}'?)" if hint else "")
        + f"; put the file there, or write its path from the {COURSE_FOLDER}/ folder"
    )


def _at(doc: Document, loc: Path_, needle: str, message: str) -> Problem:
    """A problem at `needle` inside the value at `loc`, or at the value when it cannot be found
    as written (YAML's escapes or folded lines)."""
    mark = doc.mark_for(loc)
    line, column = mark
    text = doc.text
    if text is not None and needle:
        starts = [0]
        for found in re.finditer("\n", text):
            starts.append(found.end())
        offset = starts[mark.line - 1] + mark.column - 1 if mark.line - 1 < len(starts) else 0
        value = doc.value_at(loc)
        at = text.find(needle, offset, offset + 2 * len(str(value)) + 200)
        if at >= 0:
            line = text.count("\n", 0, at) + 1
            column = at - (text.rfind("\n", 0, at) + 1) + 1
    where = format_loc(loc)
    return Problem(doc.path, line, column, f"{where}: {message}" if where else message)
