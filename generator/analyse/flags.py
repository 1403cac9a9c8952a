"""What the figures say a trainer should look at, each at the YAML line to change.

A flag is raised only from a figure whose sample reaches its minimum (stats.py): with fewer
answers the figure is shown greyed in the report, but not acted on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.analyse.estimates import MIN_DIFFICULTY, MIN_DISCRIMINATION
from generator.analyse.figures import Place, QuestionFigure, QuizFigure

TOO_EASY = 0.95
TOO_HARD = 0.25
LOW_DISCRIMINATION = 0.2
RARE_DISTRACTOR = 0.05

# too-easy, too-hard, low-discrimination, negative-discrimination, rare-distractor,
# distractor-draws-upper, unreached-ending: the key of its message in strings.py is flag_<kind>.
Kind = str


@dataclass(frozen=True)
class Flag:
    kind: Kind
    quiz: str
    version: str
    quiz_hash: str
    question: str
    place: Place | None
    values: dict[str, float | int | str]

    def line(self, message: str) -> str:
        where = f"{self.place}: " if self.place else ""
        return f"{where}{message} [{self.quiz} {self.version}/{self.quiz_hash}]"


def _question_flags(quiz: QuizFigure, q: QuestionFigure) -> list[Flag]:
    def flag(kind: Kind, place: Place | None = q.place, **values: float | int | str) -> Flag:
        return Flag(kind, quiz.quiz, quiz.version, quiz.quiz_hash, q.id, place, {"question": q.id, "n": q.n, **values})

    flags: list[Flag] = []
    p = q.difficulty.value
    if p is not None and q.difficulty.enough:
        if p >= TOO_EASY:
            flags.append(flag("too-easy", p=round(p, 3)))
        elif p <= TOO_HARD:
            flags.append(flag("too-hard", p=round(p, 3)))
    r = q.point_biserial.value
    if r is not None and q.point_biserial.enough:
        if r < 0:
            flags.append(flag("negative-discrimination", r=round(r, 3)))
        elif r < LOW_DISCRIMINATION:
            flags.append(flag("low-discrimination", r=round(r, 3)))
    for option in q.options:
        if option.correct:
            continue
        if q.n >= MIN_DIFFICULTY and option.share is not None and option.share < RARE_DISTRACTOR:
            flags.append(
                flag(
                    "rare-distractor",
                    option.place,
                    option=option.id,
                    number=int(option.id) + 1,
                    share=round(option.share, 3),
                    text=option.text,
                )
            )
        if (
            q.n >= MIN_DISCRIMINATION
            and q.upper_n
            and q.lower_n
            and option.upper / q.upper_n > option.lower / q.lower_n
        ):
            flags.append(
                flag(
                    "distractor-draws-upper",
                    option.place,
                    option=option.id,
                    number=int(option.id) + 1,
                    upper=round(option.upper / q.upper_n, 3),
                    lower=round(option.lower / q.lower_n, 3),
                    text=option.text,
                )
            )
    if q.n >= MIN_DIFFICULTY:
        for ending in q.endings:
            if ending.reached == 0:
                flags.append(flag("unreached-ending", ending.place, ending=ending.id, title=ending.title))
    return flags


def flags_of(quiz: QuizFigure) -> list[Flag]:
    return [f for q in quiz.questions for f in _question_flags(quiz, q)]


def flag_text(flag: Flag, strings: Mapping[str, str]) -> str:
    """The flag in the report's language (analyse/words.py)."""
    return strings[f"flag_{flag.kind}"].format(**flag.values)
