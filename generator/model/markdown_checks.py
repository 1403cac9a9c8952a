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


def _plan(cls: type[BaseModel]) -> tuple[frozenset[str], frozenset[str]]:
    """The Markdown fields and the title fields of a model class, looked up once per class."""
    plan = _PLANS.get(cls)
    if plan is None:
        mro = cls.__mro__
        plan = _PLANS[cls] = (
            frozenset(name for base in mro if base in _MARKDOWN for name in _MARKDOWN[base]),
            frozenset(name for base in mro if base in _TITLES for name in _TITLES[base]),
        )
    return plan


_PLANS: dict[type[BaseModel], tuple[frozenset[str], frozenset[str]]] = {}
# A text holding none of these has no picture, link, callout or table (nor Markdown in a title).
# A web link is not followed, so only a picture or a link to something in the course counts.
_LOCAL_REF = re.compile(r"!\[|\]\((?![ ]*<?(?:https?:|mailto:|#))|\]:")
_MARKDOWN_SIGNS = re.compile(_LOCAL_REF.pattern + r"|!!!|\|")
_TITLE_SIGNS = re.compile(r"[*_`\[]")
# The same signs in a file's text: a picture, link, callout or a table's row (two pipes on a line),
# or a title or heading line with Markdown's marks.
_MARKS = frozenset("*_`[")


def _has_marked_title(text: str) -> bool:
    for key in ("title:", "heading:"):
        at = text.find(key)
        while at >= 0:
            end = text.find("\n", at)
            if not _MARKS.isdisjoint(text[at + len(key) : end if end >= 0 else len(text)]):
                return True
            at = text.find(key, at + 1)
    return False


def _has_markdown(text: str) -> bool:
    # Substring tests first: a regular expression over every file of a course is slower.
    if "![" in text or "]:" in text or "!!!" in text or "|-" in text or "| -" in text or "|:-" in text:
        return True
    return "](" in text and _LOCAL_REF.search(text) is not None


def _texts(model: BaseModel, loc: Path_) -> Iterator[tuple[Path_, str, bool]]:
    """Every Markdown field (True) and title (False) of `model` that may hold something to check,
    with its text. A build walks every field of the course here, so the walk is kept lean."""
    markdown, titles = _plan(type(model))
    for name, value in model.__dict__.items():
        if type(value) is str:
            if name in markdown and _MARKDOWN_SIGNS.search(value):
                yield (*loc, name), value, True
            elif name in titles and _TITLE_SIGNS.search(value):
                yield (*loc, name), value, False
        elif isinstance(value, list):
            if value and isinstance(value[0], BaseModel):
                for i, item in enumerate(value):
                    yield from _texts(item, (*loc, name, i))
        elif isinstance(value, BaseModel):
            yield from _texts(value, (*loc, name))


def check_markdown(root: Path, items: list[tuple[BaseModel, Document]], lesson_ids: set[str] | None) -> list[Problem]:
    """Every picture, link and callout in every Markdown field, and every title, of `items`.
    With `lesson_ids` None some lessons failed to load, so links to lessons are not judged."""
    folder = root / COURSE_FOLDER
    problems: list[Problem] = []
    for model, doc in items:
        # Most files have nothing to check: one search of the file's text spares walking its values.
        if doc.text is not None and not (_has_markdown(doc.text) or _has_marked_title(doc.text)):
            continue
        for loc, text, is_markdown in _texts(model, ()):
            if not is_markdown:
                problems += _title(doc, loc, text)
                continue
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
            if _LOCAL_REF.search(text):
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
            path = posixpath.normpath(value if kind == "file" else _unquoted_path(ref.url))
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


def _unquoted_path(url: str) -> str:
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
