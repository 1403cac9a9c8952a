"""'All of the above' and 'none of the above', in the four languages a course can be shown in.

Haladyna, Downing & Rodriguez (2002): avoid "all of the above" (a learner who sees two right
options picks it without judging the rest) and use "none of the above" carefully (choosing it
shows only that the learner knows what is wrong, not what is right).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.author.findings import Finding, questions
from generator.model.load import CourseBundle
from generator.model.models import MultipleChoice, SingleChoice

# Matched without case at the start of an option ("None of the above", "All of these, except
# B"), after Markdown marks and punctuation: inside a sentence, "invite all of them" is no cue.
PHRASES = re.compile(
    r"^\W*("
    + "|".join(
        [
            # English: all/none of the above, of these, of them; all the above
            r"(?:all|none) of (?:the above|these|them|those|the options|the answers)\b",
            r"all the above\b",
            # German: alle/keine (der) (oben) genannten, obigen, vorherigen; keine davon
            r"(?:alle|keine)(?: der| dieser| von den)? (?:oben |zuvor )?(?:genannten|obigen|vorherigen|vorstehenden)\b",
            r"(?:alle|keine) (?:antworten|antwort|optionen|aussagen) (?:sind|ist) (?:richtig|korrekt|zutreffend)\b",
            r"(?:keine|alle) davon\b",
            # French: toutes/aucune (des réponses) ci-dessus, précédentes; tout ce qui précède
            r"(?:toutes?|tous|aucune?)(?: les| des| de ces)? (?:réponses |propositions |options )?"
            r"(?:ci-dessus|précédente?s?|ci-avant)",
            r"tout ce qui précède\b",
            r"(?:aucune|toutes) (?:de )?ces (?:réponses|propositions)\b",
            # Spanish: todas/ninguna de las (respuestas, opciones) anteriores
            r"(?:todas|todos|ninguna|ninguno)(?: de)? (?:las|los) (?:respuestas |opciones )?anteriores\b",
            r"(?:ninguna|ninguno|todas|todos) de (?:estas|estos|ellas|ellos)\b",
        ]
    )
    + ")",
    re.IGNORECASE,
)


def catch_all(text: str) -> str | None:
    """The phrase if the option is an 'all/none of the above' option, else None."""
    match = PHRASES.match(" ".join(text.replace("*", "").replace("_", " ").split()))
    return match.group(1) if match else None


_NONE = {"none", "keine", "aucune", "aucun", "ninguna", "ninguno"}


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    for file, i, question in questions(bundle):
        if not isinstance(question, (SingleChoice, MultipleChoice)):
            continue
        owner = ("questions", i)
        for k, option in enumerate(question.options):
            phrase = catch_all(option.text)
            if phrase is None:
                continue
            why = (
                "choosing it shows only what the learner rules out, not what they would do"
                if phrase.split()[0].lower() in _NONE
                else "a learner who spots two right options picks it without judging the rest"
            )
            yield Finding(
                "CG106",
                file,
                (*owner, "options", k, "text"),
                f"'{phrase}': {why}; replace it with an option that says something of its own",
                owner,
            )
