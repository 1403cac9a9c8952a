"""Placeholder text that `coursegen new` wrote and nobody has replaced yet.

A scaffolded file checks, so that the course builds while it is being written; this is what keeps
its "TODO: …" texts from being published unnoticed (`coursegen lint --strict` fails on them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.author.findings import Finding
from generator.model.load import CourseBundle
from generator.read.yaml_source import Path_

# Every placeholder `coursegen new` writes starts with this word.
PLACEHOLDER = "TODO"
_STARTS_WITH_PLACEHOLDER = re.compile(rf"^\s*{PLACEHOLDER}\b")


def _texts(value: object, at: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield at, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*at, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*at, i))


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    for file in sorted(bundle.documents):
        for at, text in _texts(bundle.documents[file].data, ()):
            if _STARTS_WITH_PLACEHOLDER.match(text):
                yield Finding(
                    "CG402",
                    file,
                    at,
                    f"'{text.strip().splitlines()[0]}' is a placeholder coursegen new wrote; replace it with the real text",
                )
