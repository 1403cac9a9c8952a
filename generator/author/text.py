"""How the lint measures text: characters, words, key words and runs of words."""

from __future__ import annotations

import re

from generator.model.models import Lesson

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Markdown marks a learner never sees as characters: emphasis and code spans.
_MARKS = re.compile(r"[*`]")

# Words of five letters or more that say nothing about a question's subject: grammar, and the
# boilerplate of how questions are asked. Short on purpose, so that a trainer can read it all and
# know which words the convergence rule (CG108) compares.
_STOP_LIST = """
    about above after again against along among another answer apply around based because
    before being below best between both cannot choose could doing during every first
    following happens might never option other others right should since still their there
    these thing things think those three through under until where which while whose would
    wrong yours select statement statements
"""
STOP_WORDS = frozenset(_STOP_LIST.split())
KEY_WORD_LETTERS = 5


def length(text: str) -> int:
    """Characters as a learner reads them: runs of white space count once, Markdown's * and ` not at all."""
    return len(" ".join(_MARKS.sub("", text).split()))


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def key_words(text: str) -> dict[str, str]:
    """Words of five letters or more, not in STOP_WORDS, by a stem that drops a final s
    (customer = customers), each with the word as written, to quote it back to the trainer."""
    found: dict[str, str] = {}
    for word in words(text):
        if len(word) >= KEY_WORD_LETTERS and word.isalpha() and word not in STOP_WORDS:
            found.setdefault(word[:-1] if word.endswith("s") and not word.endswith("ss") else word, word)
    return found


def runs(text: str, size: int) -> set[tuple[str, ...]]:
    """Every run of `size` consecutive words, compared without case or punctuation."""
    found = words(text)
    return {tuple(found[i : i + size]) for i in range(len(found) - size + 1)}


def lesson_text(lesson: Lesson) -> str:
    """Everything a learner reads on the lesson's page, as one text."""
    parts = [objective.text for objective in lesson.objectives]
    parts += [f"{section.heading}\n{section.body}" for section in lesson.sections]
    parts += [f"{example.title}\n{example.body}" for example in lesson.examples]
    if lesson.exercise is not None:
        parts.append(f"{lesson.exercise.title}\n{lesson.exercise.body}")
        parts += lesson.exercise.checklist
    parts += [lesson.reflection or "", *lesson.takeaways]
    return "\n\n".join(parts)
