"""One name, two people: a first name with two surnames, or one company name for two accounts.

A learner who meets "Aisha Benn" in one lesson and "Aisha Rahman" in another wonders whether she
married, or misreads a scenario; "Galloway Timber" and "Galloway Foods" blur two accounts.

The heuristic, applied to every text of every file: a name is a capitalised word followed, on the
same line or the next, by another capitalised word (a middle initial such as "R." between them is
skipped): "Aisha Benn", "Chip R. Bell", "Galloway Timber". The first word is the name; it is
reported when the course follows it with two or more different second words. Words that the
course also writes in lower case somewhere ("When", "Partner") are ordinary words that start a
sentence or a title, not names; so are honorifics, months and weekdays. A capitalised word right
after a name ("Dental" in "Oakhurst Dental Clinics") is part of that name. A name listed under
`recurring_names` in course.yaml (or whose first word is) is never reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.author.findings import Finding
from generator.model.load import COURSE_FILE, CourseBundle
from generator.read.yaml_source import Path_

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_GAP = re.compile(r"[ \t]*\n?[ \t]*")  # white space within a line, or across one line break
_INITIAL_GAP = re.compile(r"\.[ \t]*\n?[ \t]*")
_NOT_NAMES_LIST = """
    Dr Mr Mrs Ms Mx Prof Sir Dame Herr Frau Mme Mlle Sr Sra
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
"""
NOT_NAMES = frozenset(_NOT_NAMES_LIST.split())


# Ids, references between files and links are not prose: "dana-call" as an id must not make
# "Dana" an ordinary word.
_NOT_PROSE = re.compile(r"^(?:[a-z0-9][a-z0-9-]*|https?://\S+)$")


def _strings(value: Any, loc: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        if not _NOT_PROSE.match(value):
            yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "silence":  # a trainer's reason for lint, not the course's text
                yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for k, item in enumerate(value):
            yield from _strings(item, (*loc, k))


def _capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and any(ch.islower() for ch in word[1:])


def _name_word(word: str, ordinary: set[str]) -> bool:
    return (
        word[0].isupper()
        and word[1:].islower()
        and "'" not in word
        and "’" not in word
        and word not in NOT_NAMES
        and word.lower() not in ordinary
    )


def pairs(text: str, ordinary: set[str]) -> Iterator[tuple[str, str]]:
    """(name, second word) for every name in the text, by the heuristic above."""
    tokens = list(_TOKEN.finditer(text))
    for k, first in enumerate(tokens[:-1]):
        word = first.group()
        if not _name_word(word, ordinary):
            continue
        second = tokens[k + 1]
        if not _GAP.fullmatch(text, first.end(), second.start()):
            continue
        # The middle of a longer name ("Oakhurst Dental Clinics") is not a name of its own.
        before = tokens[k - 1] if k else None
        if (
            before is not None
            and _GAP.fullmatch(text, before.end(), first.start())
            and _name_word(before.group(), ordinary)
        ):
            continue
        if len(second.group()) == 1 and second.group().isupper() and k + 2 < len(tokens):
            after = tokens[k + 2]
            if not _INITIAL_GAP.fullmatch(text, second.end(), after.start()):
                continue
            second = after
        surname = re.sub(r"['’]s$", "", second.group())
        if _capitalised(surname):
            yield word, surname


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    texts = [
        (file, loc, text)
        for file in sorted(bundle.documents)
        for loc, text in _strings(bundle.documents[file].data, ())
    ]
    ordinary = {word.lower() for _, _, text in texts for word in _TOKEN.findall(text) if word[0].islower()}
    recurring = {name.split()[0].lower() for name in bundle.course.recurring_names if name.split()}
    seen: dict[str, dict[str, tuple[str, Path_]]] = {}
    for file, loc, text in texts:
        for name, second in pairs(text, ordinary):
            if name.lower() not in recurring:
                seen.setdefault(name, {}).setdefault(second, (file, loc))
    for name, variants in seen.items():
        if len(variants) < 2:
            continue
        (first, (first_file, _)), *others = variants.items()
        for second, (file, loc) in others:
            yield Finding(
                "CG401",
                file,
                loc,
                f"'{name} {second}' here, but '{name} {first}' in {first_file}: one name for two people or "
                f"companies confuses learners; rename one of them, or list '{name}' under recurring_names in "
                f"{COURSE_FILE} if both are meant",
            )
