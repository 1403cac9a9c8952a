"""Kinds of move that are wrong every time they appear: a cue no single question shows.

A trainer tags each option and role-play choice with the kind of move it makes (`move: discount`).
When a kind is wrong wherever it appears, a learner who has only noticed "the discount is never
the answer" rules it out without knowing the course, however well each question reads on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.author.findings import Finding, questions
from generator.model.load import CourseBundle
from generator.model.models import MultipleChoice, RolePlay, SingleChoice
from generator.read.yaml_source import Path_

# A move wrong once or twice may be chance; from three times on it is a pattern a learner can use.
MINIMUM_PLACES = 3


@dataclass
class _Uses:
    wrong: list[tuple[str, Path_]] = field(default_factory=list)
    right: int = 0


def _tagged(bundle: CourseBundle) -> Iterator[tuple[str, Path_, str, bool]]:
    """Every tagged answer in file order: file, where its `move` is, the move, and whether it is right.

    A role-play choice is right when no choice at its step earns more: a weaker one is a slip.
    """
    for file, i, question in questions(bundle):
        if isinstance(question, (SingleChoice, MultipleChoice)):
            for j, option in enumerate(question.options):
                if option.move is not None:
                    yield file, ("questions", i, "options", j, "move"), option.move, option.correct
        elif isinstance(question, RolePlay):
            for k, step in enumerate(question.steps):
                best = max(choice.points for choice in step.choices)
                for c, choice in enumerate(step.choices):
                    if choice.move is not None:
                        at: Path_ = ("questions", i, "steps", k, "choices", c, "move")
                        yield file, at, choice.move, choice.points == best


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    uses: dict[str, _Uses] = {}
    for file, at, move, right in _tagged(bundle):
        found = uses.setdefault(move, _Uses())
        if right:
            found.right += 1
        else:
            found.wrong.append((file, at))
    for move, found in uses.items():
        if found.right or len(found.wrong) < MINIMUM_PLACES:
            continue
        places = ", ".join(f"{file}:{bundle.documents[file].mark_for(at).line}" for file, at in found.wrong)
        file, at = found.wrong[0]
        yield Finding(
            "CG109",
            file,
            at,
            f"the move '{move}' is wrong in all {len(found.wrong)} places it appears ({places}), so a learner "
            "rules it out without knowing the course; make it the right answer somewhere, in circumstances "
            "the lessons teach",
        )
