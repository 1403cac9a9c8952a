"""What a trainer's Markdown points at (pictures, lessons, files) and its callouts, read one way
for the checks that report a broken one and for the renderer that writes the page.

The Markdown is CommonMark with tables, footnotes, definition lists and strikethrough
(pulldown-cmark through `pyromark`), plus Material's callout syntax, which CommonMark does not
have: a line `!!! tip "Optional title"` followed by lines indented by four spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote, urlsplit

import pyromark

OPTIONS = (
    pyromark.Options.ENABLE_SMART_PUNCTUATION
    | pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_DEFINITION_LIST
    | pyromark.Options.ENABLE_STRIKETHROUGH
)

# Material's callout types and their aliases (its admonition extension styles each of them).
CALLOUT_TYPES = [
    "note",
    "abstract",
    "summary",
    "tldr",
    "info",
    "todo",
    "tip",
    "hint",
    "important",
    "success",
    "check",
    "done",
    "question",
    "help",
    "faq",
    "warning",
    "caution",
    "attention",
    "failure",
    "fail",
    "missing",
    "danger",
    "error",
    "bug",
    "example",
    "quote",
    "cite",
]
_CALLOUT = re.compile(r"^!!![ \t]+(?P<kind>[A-Za-z-]*)(?:[ \t]+\"(?P<title>[^\"]*)\")?[ \t]*$")
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")

# `![alt](images/value ladder.png)`: a path with spaces, which CommonMark only takes inside <…>
# and otherwise shows as the text it is. A path ending in a picture's extension is surely one.
_SPACED_IMAGE = re.compile(
    r"(!\[[^\]\n]*\]\()(?!<)([^()<>\n\"]*?[ ][^()<>\n\"]*?\.(?:png|jpe?g|gif|svg|webp|avif))([ ]+\"[^\"\n]*\")?\)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Callout:
    kind: str  # as written: checks report one Material does not know
    title: str | None  # None: Material's default, the type's name
    body: str  # the indented lines, unindented
    line: int  # 0-based line of the `!!!` line in the text it was found in


def prepare(text: str) -> str:
    """The text as the parser must read it: picture paths with spaces put inside <…>."""
    if "![" not in text:
        return text
    return _SPACED_IMAGE.sub(lambda m: f"{m.group(1)}<{m.group(2)}>{m.group(3) or ''})", text)


def split_callouts(text: str) -> list[str | Callout]:
    """`text` as Markdown runs and the callouts between them (none when it has no `!!!` line)."""
    if "!!!" not in text:
        return [text]
    lines = text.split("\n")
    parts: list[str | Callout] = []
    run: list[str] = []
    fence: str | None = None
    k = 0
    while k < len(lines):
        line = lines[k]
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
        elif opened:
            fence = opened.group(1)
        else:
            found = _CALLOUT.match(line)
            if found is not None:
                body: list[str] = []
                j = k + 1
                while j < len(lines) and (not lines[j].strip() or lines[j].startswith("    ")):
                    body.append(lines[j][4:])
                    j += 1
                while body and not body[-1].strip():
                    body.pop()
                    j -= 1
                if run:
                    parts.append("\n".join(run))
                    run = []
                parts.append(Callout(found.group("kind"), found.group("title"), "\n".join(body), k))
                k = j
                continue
        run.append(line)
        k += 1
    if run:
        parts.append("\n".join(run))
    return parts


@dataclass(frozen=True)
class Reference:
    kind: Literal["image", "link"]
    url: str  # as the parser read it: <…> removed, %20 kept
    alt: str  # a picture's text alternative; a link's text


def references(text: str) -> Iterator[Reference]:
    """Every picture and link in `text`, callouts' included."""
    for part in split_callouts(text):
        if isinstance(part, Callout):
            yield from references(part.body)
            continue
        source = prepare(part)
        if "](" not in source and "]:" not in source and "<" not in source:
            continue
        stack: list[tuple[Literal["image", "link"], str, list[str]]] = []
        for event in pyromark.events(source, options=OPTIONS):
            if not isinstance(event, dict):
                continue
            start, end, words = event.get("Start"), event.get("End"), event.get("Text", event.get("Code"))
            if isinstance(start, dict) and ("Image" in start or "Link" in start):
                kind: Literal["image", "link"] = "image" if "Image" in start else "link"
                stack.append((kind, str(start["Image" if kind == "image" else "Link"]["dest_url"]), []))
            elif end in ("Image", "Link") and stack:
                kind, url, said = stack.pop()
                if stack:
                    stack[-1][2].extend(said)
                yield Reference(kind, url, "".join(said).strip())
            elif isinstance(words, str) and stack:
                stack[-1][2].append(words)


Target = tuple[Literal["web", "lesson", "file", "page"], str]


def target(url: str) -> Target:
    """What a link or picture address points at.

    "lesson": a lesson by its id (`lesson:dimmer-not-switch`, or the id's `.md` or `.yaml` file);
    "file": a path in the course folder (course/), with %20 and the like decoded; "page": an
    anchor or a path from the site's root, left as written; "web": anything with a scheme.
    """
    if url.startswith("lesson:"):
        return "lesson", url[len("lesson:") :].split("#", 1)[0].strip()
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return "web", url
    if not parts.path or parts.path.startswith("/"):
        return "page", url
    path = unquote(parts.path)
    name = path.rstrip("/").rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    if dot and extension.lower() in ("md", "yaml", "yml"):
        return "lesson", stem
    return "file", path
