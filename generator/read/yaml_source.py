"""Read one YAML file into plain data plus the line and column of every value.

PyYAML's own constructors lose positions, keep the last of two duplicate keys
silently, read `no` as false (YAML 1.1) and expand aliases without limit. So we
let libyaml parse and compose the node graph (fast, in C when available) and
build the data ourselves, with YAML 1.2 core scalars, position tracking, and
limits that keep a hostile or broken file cheap to reject.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader
from yaml.resolver import BaseResolver

from generator.read.problems import Problem, SourceError, where

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


MAX_BYTES = 1_000_000
MAX_NODES = 100_000
MAX_DEPTH = 64
# Ours, whatever the YAML library says: PyYAML 6.0.4 added a nesting limit of
# its own with its own wording, which a trainer should never have to decode.
TOO_DEEP = f"values are nested more than {MAX_DEPTH} levels deep; flatten the file"
# No field takes a number anywhere near this long. Python refuses to turn an
# integer of more than 4,300 digits into text (sys.get_int_max_str_digits), in
# either direction, so a longer one could be neither read nor quoted in a message.
MAX_INT_DIGITS = 1000
INT_LIMIT = 10**MAX_INT_DIGITS

Path_ = tuple[str | int, ...]

# The characters YAML does not allow in a file (control characters, lone surrogates), as PyYAML has them.
_NOT_PRINTABLE = Reader.NON_PRINTABLE
_EVENTS_CANNOT_READ = re.compile("[\x85\u2028\u2029\ud800-\udfff]")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _Resolver12(BaseResolver):
    """YAML 1.2 core schema: only true/false are booleans, so "no" stays a word."""


_Resolver12.yaml_implicit_resolvers = {}
_Resolver12.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver12.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Resolver12.add_implicit_resolver(_INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
_Resolver12.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)


# Spaces that are letters to YAML, pasted from a web page or a word processor. In a line's
# indentation, the line is not indented at all to YAML: libyaml reports something about
# mappings, or the key quietly starts with the space.
_ODD_SPACES = "\u00a0\u2007\u202f\u3000"
_ODD_INDENT = re.compile(f"^[ ]*([{_ODD_SPACES}])", re.MULTILINE)


def _odd_indent_message(char: str) -> str:
    return (
        f"this line is indented with a no-break space (U+{ord(char):04X}), which YAML reads as a letter; "
        "replace it with ordinary spaces"
    )


_CORE_TAGS = frozenset(tag for found in _Resolver12.yaml_implicit_resolvers.values() for tag, _ in found)


class _Loader(_Parser, _Resolver12):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver12.__init__(self)


class Mark(NamedTuple):
    # A NamedTuple, not a dataclass: one is made for every value of every
    # file, and this is the cheapest immutable record Python has.
    line: int  # 1-based, as editors count
    column: int


@dataclass
class Document:
    """A file's data and where each value (and each mapping key) stands in it.

    Positions are only needed to report a problem, and most builds have none,
    so a document read by the fast path keeps its text and finds its positions
    the first time `values` or `keys` is asked for.
    """

    path: str
    data: Any
    text: str | None = field(default=None, repr=False)
    # Text values that a ` #` ended early (YAML read the rest as a comment): reported with the
    # file's other problems, since the value read is valid and would pass every other check.
    cut: list[Problem] = field(default_factory=list)
    _values: dict[Path_, Mark] | None = field(default=None, repr=False)
    _keys: dict[Path_, Mark] | None = field(default=None, repr=False)

    @property
    def values(self) -> dict[Path_, Mark]:
        if self._values is None:
            self._locate()
        assert self._values is not None
        return self._values

    @property
    def keys(self) -> dict[Path_, Mark]:
        if self._keys is None:
            self._locate()
        assert self._keys is not None
        return self._keys

    def _locate(self) -> None:
        located = _parse_with_positions(self.text or "", self.path)
        self._values, self._keys, self.cut = located.values, located.keys, located.cut

    def value_at(self, loc: Path_) -> Any:
        value = self.data
        for part in loc:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def mark_for(self, loc: Path_, *, key: bool = False) -> Mark:
        """The position of `loc`, or of its nearest ancestor that exists in the file."""
        if key and loc in self.keys:
            return self.keys[loc]
        for end in range(len(loc), -1, -1):
            mark = self.values.get(loc[:end])
            if mark is not None:
                return mark
        return Mark(1, 1)


def _mark(node: Node) -> Mark:
    mark = node.start_mark
    return Mark(mark.line + 1, mark.column + 1)


def _scalar(node: ScalarNode, doc: str) -> Any:
    tag, value = node.tag, node.value
    if tag != _STR and not _spells(tag, value):
        # An explicit tag on a value YAML 1.2 does not spell that way (`!!int abc`,
        # `!!bool yes`): refused, rather than read as some other value.
        message = f"'{value}' is not a {_short(tag)} value; remove the tag, or write the value YAML 1.2's way"
    else:
        try:
            return _convert(tag, value)
        except KeyError:
            message = f"the tag {_short(tag)} is not allowed here; remove it and write the plain value"
            if tag.startswith("!") and not tag.startswith("!!"):
                # "!Important: call first" is text to a trainer, a tag to YAML.
                message = _BANG
        except ValueError:
            message = (
                f"this number is longer than {MAX_INT_DIGITS:,} digits; shorten it, or put it in quotes if it is text"
            )
    mark = _mark(node)
    raise SourceError(Problem(doc, mark.line, mark.column, message))


def _spells(tag: str, value: str) -> bool:
    """Whether `value` is how YAML 1.2's core schema writes a value of `tag` (any other tag: True)."""
    if tag not in _CORE_TAGS:
        return True
    return any(
        t == tag and pattern.match(value) for t, pattern in _Resolver12.yaml_implicit_resolvers.get(value[:1], ())
    )


def _convert(tag: str, value: str) -> Any:
    """The value of a scalar with one of the YAML 1.2 core tags; KeyError for any other tag.

    ValueError for an integer longer than MAX_INT_DIGITS.
    """
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        if value.startswith(("0o", "0x")):
            number = int(value[2:], 8 if value[1] == "o" else 16)
        else:
            # Leading zeros aside, so that Python's own limit on digits is never reached.
            digits = value.lstrip("+-").lstrip("0")
            if len(digits) > MAX_INT_DIGITS:
                raise ValueError(value)
            number = -int(digits or "0") if value.startswith("-") else int(digits or "0")
        if not -INT_LIMIT < number < INT_LIMIT:
            raise ValueError(value)
        return number
    if tag == _FLOAT:
        lowered = value.lower()
        if lowered.endswith("inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        if lowered.endswith("nan"):
            return math.nan
        return float(value)
    raise KeyError(tag)


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


class _Builder:
    def __init__(self, doc: Document, lines: list[str]) -> None:
        self.doc = doc
        self.lines = lines
        self.count = 0
        self.active: set[int] = set()

    def fail(self, node: Node, message: str) -> SourceError:
        mark = _mark(node)
        return SourceError(Problem(self.doc.path, mark.line, mark.column, message))

    def build(self, node: Node, loc: Path_, owner: int | None = None) -> Any:
        """The value of `node`; `owner` is the column of its key or list dash (None at the top)."""
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(
                node,
                f"the file expands to more than {MAX_NODES:,} values (check its aliases '*'); write the values out",
            )
        if len(loc) > MAX_DEPTH:
            raise self.fail(node, TOO_DEEP)
        self.doc.values.setdefault(loc, _mark(node))
        if isinstance(node, ScalarNode):
            value = _scalar(node, self.doc.path)
            if owner is not None and not node.style and (value is None or isinstance(value, str)):
                cut = _cut_by_comment(node, value or "", owner, self.lines)
                if cut is not None:
                    line, column = cut
                    self.doc.cut.append(Problem(self.doc.path, line, column, _cut_message(loc, value or "")))
            return value
        if id(node) in self.active:
            raise self.fail(node, "an alias refers to a value that contains it; remove the alias")
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                if node.tag != _SEQ:
                    raise self.fail(node, f"the tag {_short(node.tag)} is not allowed here; remove it")
                dash = node.start_mark.column
                return [self.build(item, (*loc, i), dash) for i, item in enumerate(node.value)]
            if isinstance(node, MappingNode):
                return self.mapping(node, loc)
        finally:
            self.active.discard(id(node))
        raise self.fail(node, "unexpected kind of value")  # pragma: no cover

    def mapping(self, node: MappingNode, loc: Path_) -> dict[str, Any]:
        if node.tag != _MAP:
            raise self.fail(node, f"the tag {_short(node.tag)} is not allowed here; remove it")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.value == "<<" and not key_node.style:
                raise self.fail(key_node, "merge keys ('<<') are not supported; write the fields out")
            if not isinstance(key_node, ScalarNode):
                raise self.fail(key_node, "a key must be a plain name, not a list or mapping")
            key = key_node.value
            if key and key[0] in _ODD_SPACES and not key_node.style:
                raise self.fail(key_node, _odd_indent_message(key[0]))
            if key in result:
                first = self.doc.keys[(*loc, key)]
                if loc and isinstance(loc[-1], int):
                    # In a list item, a repeated key is most often the next item with its '- '
                    # forgotten: "keep only one" would have the trainer delete that item.
                    raise self.fail(
                        key_node,
                        f"duplicate key '{key}' (first on line {first.line}): if a new item of the list starts "
                        "here, put '- ' before it, as the item above has; otherwise keep only one of them",
                    )
                raise self.fail(key_node, f"duplicate key '{key}' (first on line {first.line}); keep only one of them")
            self.doc.keys[(*loc, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*loc, key), key_node.start_mark.column)
        return result


# ` #` followed by a letter or digit, as in "the #2 supplier": a comment to YAML, text to a trainer.
# Only the full path below looks for cut values, so only a file with such a `#` goes there.
_HASH_WORD = re.compile(r"#[^\s#]")
_COMMENT_AFTER = re.compile(r"[ \t]+#(?=[^\s#])")


def _maybe_cut(text: str) -> bool:
    # A search for the `#` alone is several times faster than one that also looks behind it.
    return any(m.start() == 0 or text[m.start() - 1] in " \t\n" for m in _HASH_WORD.finditer(text))


def _cut_by_comment(node: ScalarNode, value: str, owner: int, lines: list[str]) -> tuple[int, int] | None:
    """Where a plain text value was ended by a ` #` that reads as text, or None.

    On the value's last line, a `#` after a space starts a comment; on the line below, a `#`
    indented past the value's key would have continued the text. `# note`, with a space, is
    how a comment is written on purpose, so only a `#` followed by a letter or digit counts.
    """
    end = node.end_mark
    if end.line >= len(lines):
        return None
    rest = lines[end.line][end.column :]
    after = _COMMENT_AFTER.match(rest)
    if after is not None:
        return end.line + 1, end.column + after.end()
    if rest.strip() or not value:
        return None
    below = next((k for k in range(end.line + 1, len(lines)) if lines[k].strip()), None)
    if below is None:
        return None
    text = lines[below]
    indent = len(text) - len(text.lstrip(" "))
    if indent > owner and re.match(r"#[^\s#]", text[indent:]):
        return below + 1, indent + 1
    return None


def _cut_message(loc: Path_, value: str) -> str:
    shown = value if len(value) <= 30 else "…" + value[-29:].lstrip()
    read = f'the value ends at "{shown}"' if value else "the value is empty"
    message = (
        f"the text after ' #' was read as a YAML comment, so {read}; put the whole value in quotes, or use a block (|)"
    )
    named = where(loc)
    return f"{named}: {message}" if named else message


def parse_text(text: str, path: str) -> Document:
    """Parse YAML text; raise SourceError with a trainer-readable message on any problem."""
    # What libyaml reads differently from YAML 1.2 (other line breaks) or cannot take at all (a
    # lone surrogate) goes straight to the full pass, which locates it. ASCII text holds none,
    # and str.isascii is far cheaper than a search; other control characters make libyaml
    # refuse the event pass, which then hands the file to the full pass too.
    if not text.isascii() and _EVENTS_CANNOT_READ.search(text):
        return _parse_with_positions(text, path)
    if "#" in text and _maybe_cut(text):
        return _parse_with_positions(text, path)
    data = _plain_data(text)
    if data is not _UNUSUAL:
        return Document(path=path, data=data, text=text)
    return _parse_with_positions(text, path)


# ------------------------------------------------------------------ fast path
#
# A course is hundreds of files of plain mappings, lists and scalars. For those,
# building the data straight from libyaml's events, without a node graph or a
# position for every value, is about four times faster. Anything unusual (an
# anchor, alias or tag, a key that is not a plain scalar, a duplicate or merge
# key, too many values or levels, a syntax error, a second document) sends the
# file down the full path below, which reports it exactly as before. So the
# fast path only ever returns data that the full path would have returned too.

_UNUSUAL: Any = object()
_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = _Resolver12.yaml_implicit_resolvers


def _plain_data(text: str) -> Any:
    parser = _Parser(text)
    try:
        return _events_to_data(parser.get_event)
    except (yaml.YAMLError, ValueError):  # ValueError: a number too long to read, which the full path reports
        return _UNUSUAL
    finally:
        parser.dispose()


def _events_to_data(get_event: Any) -> Any:
    if type(get_event()) is not StreamStartEvent or type(get_event()) is not DocumentStartEvent:
        return _UNUSUAL
    # The container being filled, whether it is a mapping, and the key waiting
    # for its value; the stack holds the same for every enclosing container.
    stack: list[tuple[Any, bool, Any]] = []
    container: Any = None
    is_map = False
    key: str | None = None
    root: Any = _UNUSUAL
    count = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                return _UNUSUAL
            text = event.value
            if is_map and key is None:
                if text in container or (text == "<<" and not event.style) or (text and text[0] in _ODD_SPACES):
                    return _UNUSUAL
                key = text
                continue
            value: Any = text
            if event.implicit[0]:
                for tag, pattern in _IMPLICIT.get(text[:1], ()):
                    if pattern.match(text):
                        value = _convert(tag, text)
                        break
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if (is_map and key is None) or event.anchor is not None or event.tag is not None:
                return _UNUSUAL
            stack.append((container, is_map, key))
            if len(stack) >= MAX_DEPTH:  # near the limit: let the full path judge
                return _UNUSUAL
            container, is_map, key = ({} if kind is MappingStartEvent else []), kind is MappingStartEvent, None
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = container
            container, is_map, key = stack.pop()
        elif kind is DocumentEndEvent and container is None and root is not _UNUSUAL:
            break
        else:
            return _UNUSUAL
        count += 1
        if count > MAX_NODES:
            return _UNUSUAL
        if container is None:
            root = value
        elif is_map:
            container[key] = value
            key = None
        else:
            container.append(value)
    if type(get_event()) is not StreamEndEvent:
        return _UNUSUAL
    return root


# ------------------------------------------------------------------ full path


# Line breaks to libyaml (YAML 1.1), ordinary characters to YAML 1.2 and to an editor, which
# shows no new line: libyaml's complaint would point at a line the trainer cannot see.
_OTHER_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")
_BREAK_NAMES = {"\x85": "a next-line mark", "\u2028": "a line separator", "\u2029": "a paragraph separator"}


def _character_problem(text: str, path: str, at: int, message: str) -> SourceError:
    # Line and column as an editor counts them, by "\n" alone; libyaml reports such a
    # character at a byte offset, or at a line break the editor does not show.
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    return SourceError(Problem(path, line, column, message))


def _parse_with_positions(text: str, path: str) -> Document:
    other_break = _OTHER_LINE_BREAKS.search(text)
    if other_break:
        char = other_break.group()
        raise _character_problem(
            text,
            path,
            other_break.start(),
            f"the character U+{ord(char):04X} ({_BREAK_NAMES[char]}, as word processors paste them) is not "
            "allowed; replace it with a space, or start a new line",
        )
    unprintable = _NOT_PRINTABLE.search(text)
    if unprintable:
        raise _character_problem(
            text,
            path,
            unprintable.start(),
            f"the character U+{ord(unprintable.group()):04X} is not allowed in YAML; "
            "delete it (an editor may show it as a box, or not at all)",
        )
    doc = Document(path=path, data=None, text=text, _values={}, _keys={})
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and (exc.problem or "").startswith(
            ("found unexpected end of stream", "did not find expected ',' or")
        ):
            # The end of the file is not where the trainer must look: the
            # unclosed quote or bracket is.
            mark = exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        under = _odd_indent_before(exc, text) or _under_indented_text(exc, text) or _misread_start(exc, text)
        if under is not None:
            raise SourceError(Problem(path, *under)) from None
        raise SourceError(Problem(path, line, column, _syntax_message(exc, text))) from None
    except yaml.YAMLError as exc:
        raise SourceError(Problem(path, 1, 1, f"not valid YAML: {exc}")) from None
    except RecursionError:
        raise SourceError(Problem(path, 1, 1, TOO_DEEP)) from None
    finally:
        loader.dispose()
    if node is None:
        raise SourceError(Problem(path, 1, 1, "the file is empty; fill it in or delete it"))
    doc.data = _Builder(doc, text.split("\n")).build(node, ())
    return doc


_SYNTAX_HINTS = {
    "mapping values are not allowed": "put text that contains ': ' in quotes, or fix the indentation",
    "found a tab character": "indent with spaces, not tabs",
    "found character '\\t'": "indent with spaces, not tabs",
    "found undefined alias": "define the anchor '&name' before using '*name'",
    "expected a single document": "a file holds one document; remove the extra '---'",
    "but found another document": "a file holds one document; remove the extra '---'",
    "could not find expected ':'": "add the missing ':' after the key, or close the open quote",
    "found unexpected end of stream": "close the open quote or bracket",
    "did not find expected ',' or": "close the bracket, or separate the items with commas",
    "did not find expected '-' indicator": "start every item of this list with '- ' at the same indentation",
    "did not find expected key": "line up the keys of this mapping at the same indentation",
    "did not find expected <document start>": "start the top-level keys at the beginning of the line",
    "found character that cannot start any token": "put text that starts with @, ` or % in quotes",
}


_CURLY_QUOTES = "“”‘’«»„"


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = (exc.problem or exc.context or "syntax error").strip()
    if problem.startswith("exceeded maximum nesting depth"):
        # libyaml 0.2.6 and later stop at 1,000 levels, long before our own limit would report it.
        return TOO_DEEP
    mark = exc.problem_mark
    if mark is not None and problem.startswith("mapping values are not allowed"):
        lines = text.split("\n")
        before = lines[mark.line][: mark.column] if mark.line < len(lines) else ""
        if any(quote in before for quote in _CURLY_QUOTES):
            # The trainer did quote the text, with the quotes a word processor or phone types:
            # YAML reads those as letters, so the ': ' inside still starts a new field.
            return (
                "YAML syntax: this text is in curly quotes (“ ” or ‘ ’), which YAML reads as letters, so its ': ' "
                'starts a new field; put it in straight quotes (") instead'
            )
    if mark is not None and problem.startswith("found character") and text[mark.index : mark.index + 1] == "\t":
        return "YAML syntax: a tab where spaces belong; indent with spaces, not tabs"
    for start, hint in _SYNTAX_HINTS.items():
        if problem.startswith(start):
            return f"YAML syntax: {problem}; {hint}"
    return f"YAML syntax: {problem}; check the indentation and quotes around here"


def _odd_indent_before(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str] | None:
    """The first line up to the error indented with a no-break space, which is then its cause."""
    mark = exc.problem_mark
    if mark is None or text.isascii():
        return None
    end = sum(len(line) + 1 for line in text.split("\n")[: mark.line + 1])
    found = _ODD_INDENT.search(text, 0, end)
    if found is None:
        return None
    at = found.start(1)
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    return line, column, _odd_indent_message(found.group(1))


# The text of a value on its line, after its key and any list dashes.
_VALUE_ON_LINE = re.compile(r"^[ ]*(?:-[ ]+)*(?:[^\s#'\"-][^#]*?:[ ]+)?(?P<value>\S.*)$")


_BANG = "text that starts with '!' is read as a YAML tag; put the whole text in quotes"


def _misread_start(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str] | None:
    """The line, column and message for text that YAML reads as syntax because of how it starts, or None.

    `*Always* ask first` starts with what YAML reads as a reference to another value, and
    `"That's too much," Tomasz says.` with a quotation that YAML reads as the whole value;
    libyaml then reports a missing key or character further on, which misleads.
    """
    lines = text.split("\n")
    for mark in (exc.problem_mark, exc.context_mark):
        if mark is None or mark.line >= len(lines):
            continue
        found = _VALUE_ON_LINE.match(lines[mark.line])
        if found is None:
            continue
        value, at = found.group("value"), (mark.line + 1, found.start("value") + 1)
        if value.startswith("!") and not value.startswith("!!"):
            return (*at, _BANG)
        if value.startswith("*"):
            return (
                *at,
                "YAML syntax: text that starts with '*' is read as a reference to another value (*name); "
                "put the whole text in quotes, or write it as a block (|)",
            )
        if value[:1] in ("'", '"'):
            close = value.find(value[0], 1)
            if close > 0 and value[close + 1 :].strip() and not value[close + 1 :].lstrip().startswith(("#", ":")):
                return (
                    *at,
                    "YAML syntax: this text starts with a quotation mark, so YAML takes the quotation as the whole "
                    "value and cannot read the words after it; write the text as a block (the key, then '|', "
                    "and the text indented on the next line)",
                )
    return None


# A line that ends in a block scalar's `|` or `>` (with its optional indicators and comment),
# after a key or a list dash.
_BLOCK_START = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)*)(?:[^\s#][^#]*?:[ ]+)?[|>][-+1-9]*(?:[ ]+#.*)?[ ]*$")
_KEY_OR_ITEM = re.compile(r"^[ ]*(?:-(?:[ ]|$)|#|[^\s#'\"][^#]*?:(?:[ ]|$)|['\"][^'\"]*['\"][ ]*:(?:[ ]|$))")


def _under_indented_text(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str] | None:
    """The line, column and message for text of a `|` or `>` block that starts left of the block's first line.

    The block ends at such a line, so libyaml reads the rest of the text as a key and reports a
    missing ':' or key further on, which points a trainer at neither the line nor the cause.
    """
    mark = exc.problem_mark
    problem = exc.problem or ""
    if mark is None or not problem.startswith(("could not find expected ':'", "did not find expected key")):
        return None
    lines = text.split("\n")
    found: tuple[int, int, int] | None = None  # the block's first text line, its indent, the offending line
    k = 0
    while k < min(mark.line, len(lines) - 1):
        header = _BLOCK_START.match(lines[k]) if ("|" in lines[k] or ">" in lines[k]) else None
        k += 1
        if header is None:
            continue
        owner = len(header.group("lead"))
        first = next((j for j in range(k, len(lines)) if lines[j].strip()), None)
        if first is None:
            break
        indent = len(lines[first]) - len(lines[first].lstrip(" "))
        if indent <= owner:
            continue
        end = next((j for j in range(first, len(lines)) if lines[j].strip() and lines[j][:indent].strip()), None)
        if end is None or end > mark.line:
            k = first
            continue
        shallower = len(lines[end]) - len(lines[end].lstrip(" "))
        if shallower > owner or not _KEY_OR_ITEM.match(lines[end]):
            found = (first, indent, end)
        k = end
    if found is None:
        return None
    first, indent, end = found
    shallower = len(lines[end]) - len(lines[end].lstrip(" "))
    # The lines up to the reported error continue that text (libyaml reads them as one long key), unless
    # one of them is a key or item of its own: then the error is about that one.
    if any(
        _KEY_OR_ITEM.match(line) and len(line) - len(line.lstrip(" ")) <= shallower
        for line in lines[end + 1 : mark.line]
    ):
        return None
    return (
        end + 1,
        shallower + 1,
        f"YAML syntax: this text is less indented than the first line of its block (line {first + 1}); "
        f"indent it to column {indent + 1}, as that line is",
    )


def read_document(path: Path, display: str) -> Document:
    """Read and parse a file, refusing what a trainer could not have meant to write."""
    try:
        size = path.stat().st_size
        raw = path.read_bytes() if size <= MAX_BYTES else b""
    except IsADirectoryError:
        # The loader reads every name ending in .yaml or .yml, and a folder can have one.
        raise SourceError(
            Problem(display, 1, 1, "this is a folder, not a file; rename it so that its name does not end in .yaml")
        ) from None
    except OSError as exc:
        raise SourceError(Problem(display, 1, 1, f"cannot read the file: {exc.strerror}")) from None
    if size > MAX_BYTES:
        raise SourceError(
            Problem(
                display, 1, 1, f"the file is {size:,} bytes, over the {MAX_BYTES:,} limit; split it into smaller files"
            )
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(
            Problem(display, line, column, "the file is not UTF-8 text; save it with UTF-8 encoding")
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    # An empty or comments-only file is reported by the parser ("the file is empty").
    return parse_text(text, display)
