"""Trainer-written Markdown as the plain text a learner reads on the page.

For the paper edition of a quiz (`coursegen paper`): emphasis and code marks go, links keep their
words, lists keep a marker, and punctuation is made smart as on the page (“quotes”, – dashes).
Raw HTML is kept as the text it is, as the page shows it when the course does not allow HTML.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyromark

# As the pages render Markdown (generator/pages/markdown.py), so the paper reads like the page.
_OPTIONS = pyromark.Options.ENABLE_SMART_PUNCTUATION
_BLOCKS = {"Paragraph", "Heading", "CodeBlock", "BlockQuote", "List", "Item"}


def plain(text: str) -> str:
    """Paragraphs separated by a blank line; list items one a line, each starting '- ' or 'n. '."""
    paragraphs: list[tuple[str, bool]] = []  # each with whether it is a list item
    current: list[str] = []
    lists: list[int | None] = []  # the next number of each open list, None for a bulleted one

    def close() -> None:
        line = "".join(current).strip()
        if line:
            paragraphs.append((line, bool(lists)))
        current.clear()

    for event in pyromark.events(text, options=_OPTIONS):
        if event in ("SoftBreak",):
            current.append(" ")
        elif event in ("HardBreak",):
            current.append("\n")
        elif event == "Rule":
            close()
        elif isinstance(event, dict):
            _inline(event, current)
            start, end = event.get("Start"), event.get("End")
            if _block(start) or _block(end):
                close()
            if _kind(start) == "List":
                lists.append(start["List"])  # type: ignore[index]
            elif _kind(end) == "List" and lists:
                lists.pop()
            elif start == "Item" and lists:
                number = lists[-1]
                current.append("- " if number is None else f"{number}. ")
                if number is not None:
                    lists[-1] = number + 1
    close()
    out = ""
    for k, (paragraph, item) in enumerate(paragraphs):
        if k:
            out += "\n" if item and paragraphs[k - 1][1] else "\n\n"
        out += _tidy(paragraph)
    return out


def _inline(event: Mapping[str, object], current: list[str]) -> None:
    for kind in ("Text", "Code", "InlineHtml", "Html", "InlineMath", "DisplayMath"):
        if kind in event:
            current.append(str(event[kind]))


def _kind(tag: object) -> str | None:
    if isinstance(tag, str):
        return tag
    if isinstance(tag, dict) and tag:
        return str(next(iter(tag)))
    return None


def _block(tag: object) -> bool:
    return _kind(tag) in _BLOCKS


def _tidy(paragraph: str) -> str:
    return "\n".join(" ".join(line.split()) for line in paragraph.split("\n"))
