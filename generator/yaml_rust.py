"""The quickest reader of plain course files: yaml-rs (the saphyr YAML 1.2 parser, in Rust).

Reading YAML is most of loading a large course, and yaml-rs turns a plain file
into Python data several times faster than libyaml does through PyYAML's
events. It does not read every file the way the reference reader
(yaml_source) does, though: it drops tags, takes a merge key `<<` as a plain
key, reads 0b11, 1_000, +0x1 and .NaN as numbers, expands aliases, accepts
flow collections libyaml refuses (`[a:]`) and control characters YAML forbids
(it cuts a text short at a NUL; yaml_source.parse_text refuses those before
any reader sees the file), reads a byte-order mark and the line breaks of YAML
1.1 (NEL, LS, PS) as text, and overflows its stack on lines nested thousands
of levels deep (`- - - …`). So a file goes to it only when its text shows
none of those, and what comes back is checked for the rest (string keys,
depth, size, integers too long). Any other file is left to the reference
reader, which decides and reports. The loader also re-reads with the
reference reader any file read here that fails validation, so problems are
always reported from the reference reading, with its positions and wording.

The checks look at the whole text, block scalars included, so Markdown such
as `- *emphasis*` or `[a link](url)` at the start of a line can send a file to
the reference reader for nothing: a little slower, never different.
tests/test_yaml_rust.py checks that both readers agree on every scalar
spelling that could tell them apart and on every course file we ship.
"""

from __future__ import annotations

import re
from typing import Any

try:
    import yaml_rs
except ImportError:  # pragma: no cover - yaml-rs is a dependency; without it, libyaml reads everything
    yaml_rs = None  # type: ignore[assignment]

UNREAD: Any = object()

# What may stand right before an indicator that starts a node (`!tag`, `&anchor`, `? key`).
_NODE_START = frozenset(" \t\r\n[]{},")
# Number spellings that yaml-rs reads as numbers and YAML 1.2's core schema as
# text: 0b11, +0x1, 1_000 (.NaN and .Inf are caught in the data, as non-finite
# floats). Any 0b, 0o or 0x at all sends a file to the reference reader: one
# search, where telling the spellings apart would cost a pass per spelling.
_RADIX = re.compile(r"0[bBoOxX]")
_BESIDE_UNDERSCORE = frozenset("0123456789+-.")
# A sequence opened on the line of another (`- - x`): the one way to nest deeply
# in few bytes, once flow collections are out.
_COMPACT_NESTING = re.compile(r"-[ \t]+-(?:[ \t]|$)", re.MULTILINE)
# Flow collections are where the parsers disagree on what is valid (`[a:]`,
# `[:x]`), so a file with one goes to the reference reader, unless it is a list
# of plain words on one line (`objectives: [first-step, next-step]`).
_SIMPLE_FLOW = re.compile(r"\[[\w .,-]*\][ \t]*(?:$|#| #)", re.MULTILINE)
# The last character before a node that opens a flow collection, spaces aside.
_BEFORE_FLOW = frozenset("\n-:?,[{")
# Characters yaml-rs reads as YAML 1.2 has them, as text, and libyaml as YAML 1.1
# does: a byte-order mark (dropped or refused) and NEL, LS and PS (line breaks).
_READ_OTHERWISE = re.compile("[\ufeff\x85\u2028\u2029]")


def read_plain(text: str, max_depth: int, max_nodes: int, int_limit: int) -> Any:
    """The file's data if it is a plain mapping yaml-rs reads as the reference would; else UNREAD."""
    if yaml_rs is None or "<<" in text or _READ_OTHERWISE.search(text):
        return UNREAD
    if _has_flow_collection(text) or _COMPACT_NESTING.search(text):
        return UNREAD
    if _has_indicator(text, "!") or _has_indicator(text, "&") or _has_indicator(text, "?", key=True):
        return UNREAD
    if _RADIX.search(text) or _has_underscore_number(text):
        return UNREAD
    try:
        data = yaml_rs.loads(text, parse_datetime=False, alias_limits=_NO_ALIASES)
    except Exception:  # any refusal (a syntax error, an alias): the reference reader explains it
        return UNREAD
    if type(data) is not dict or not _plain_tree(data, max_depth, max_nodes, int_limit):
        return UNREAD
    return data


def _has_indicator(text: str, mark: str, *, key: bool = False) -> bool:
    """Whether `mark` starts a node somewhere: a property (`!x`, `&x`) or, with key=True, `? `."""
    at = text.find(mark)
    while at != -1:
        if at == 0 or text[at - 1] in _NODE_START:
            after = text[at + 1 : at + 2]
            if (not after or after.isspace()) if key else (after and not after.isspace() and after != "["):
                return True
        at = text.find(mark, at + 1)
    return False


def _has_flow_collection(text: str) -> bool:
    # A bracket in running text ("see [the article](...)") is not where a node
    # starts; one at the start of a line or after "- ", ": ", "? " or "," may be.
    for opener in "[{":
        at = text.find(opener)
        while at != -1:
            i = at - 1
            while i >= 0 and text[i] in " \t":
                i -= 1
            if (i < 0 or text[i] in _BEFORE_FLOW) and not (opener == "[" and _SIMPLE_FLOW.match(text, at)):
                return True
            at = text.find(opener, at + 1)
    return False


def _has_underscore_number(text: str) -> bool:
    at = text.find("_")
    while at != -1:
        if (at and text[at - 1] in _BESIDE_UNDERSCORE) or text[at + 1 : at + 2] in _BESIDE_UNDERSCORE:
            return True
        at = text.find("_", at + 1)
    return False


def _plain_tree(data: dict[str, Any], max_depth: int, max_nodes: int, int_limit: int) -> bool:
    """String keys, finite numbers, within the reference reader's depth, size and number limits."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    nodes = 1
    while stack:
        node, depth = stack.pop()
        if depth >= max_depth:
            return False
        nodes += len(node)
        if nodes > max_nodes:
            return False
        if type(node) is dict:
            for key in node:
                if type(key) is not str:
                    return False
            values = node.values()
        else:
            values = node
        for value in values:
            kind = type(value)
            if kind is dict or kind is list:
                stack.append((value, depth + 1))
            elif (kind is float and value - value != 0) or (kind is int and not -int_limit < value < int_limit):
                return False  # nan or ±inf, or an integer the reference reader refuses
    return True


_NO_ALIASES = yaml_rs.AliasLimits(max_total_replayed_events=0) if yaml_rs is not None else None
