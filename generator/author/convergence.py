"""The word-matching cue: only the right option echoes the words of the question.

Haladyna, Downing & Rodriguez (2002) warn against "clang associations", options that repeat a
word of the stem: a learner who cannot answer matches words instead. Key words are found
simply (see text.key_words): words of five letters or more, not in a short stop list.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.author.findings import Finding, questions
from generator.author.text import key_words
from generator.model.load import CourseBundle
from generator.model.models import MultipleChoice, SingleChoice


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    for file, i, question in questions(bundle):
        if not isinstance(question, (SingleChoice, MultipleChoice)):
            continue
        prompt = key_words(question.prompt)
        if not prompt:
            continue
        shared = [(option.correct, key_words(option.text).keys() & prompt.keys()) for option in question.options]
        rights = [found for correct, found in shared if correct]
        wrongs = [found for correct, found in shared if not correct]
        # With no wrong option there is nothing to tell the right ones from (CG105 says so).
        if wrongs and all(rights) and not any(wrongs):
            echoed = sorted({prompt[stem] for found in rights for stem in found})
            owner = ("questions", i)
            quoted = ", ".join(f"'{word}'" for word in echoed)
            yield Finding(
                "CG108",
                file,
                (*owner, "prompt"),
                f"only the right option{'s' if len(rights) != 1 else ''} repeat{'' if len(rights) != 1 else 's'} "
                f"the prompt's {quoted}, so matching words finds the answer; reword the right "
                f"option{'s' if len(rights) != 1 else ''}, or use the word in a wrong one too",
                owner,
            )
