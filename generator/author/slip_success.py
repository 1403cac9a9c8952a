"""A role-play in which a slip still leads to a success ending.

The score may take the slip into account (path scoring refuses a slip that reaches full marks),
but the story does not: the learner reads that it went well, and learns the slip did not matter.
A slip is a choice worth fewer points than the best choice at its step, as everywhere in lint.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.author.findings import Finding, questions
from generator.author.roleplay_paths import _way_to
from generator.model.load import CourseBundle
from generator.model.models import RolePlay
from generator.model.roleplay_paths import name, scores


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    for file, i, question in questions(bundle):
        if isinstance(question, RolePlay):
            yield from _findings(file, ("questions", i), question)


def _findings(file: str, owner: tuple[str, int], question: RolePlay) -> Iterator[Finding]:
    """One warning per role-play, at its first such slip, naming the others: one fix may mend them all."""
    steps = {step.id: step for step in question.steps}
    success = {ending.id: ending for ending in question.endings if ending.outcome == "success"}
    found = scores(question)
    dead: set[str] = set()  # steps from which no success ending can be reached, shared by every search
    slips: list[tuple[int, int, str]] = []
    for s, step in enumerate(question.steps):
        if step.id not in found.to:  # unreachable: a check error, so never in a loaded course
            continue
        best = max(choice.points for choice in step.choices)
        for c, choice in enumerate(step.choices):
            if choice.points >= best:
                continue
            way = _way_to(choice.next, set(success), steps, dead)
            if way is not None:
                hops, end = way
                slips.append((s, c, name([*found.path_to(step.id), (step.id, c), *hops], end)))
    if not slips:
        return
    s, c, path = slips[0]
    step = question.steps[s]
    choice = step.choices[c]
    end = path.rsplit(" → ", 1)[1]
    others = [f"{question.steps[k].id}:{j + 1}" for k, j, _ in slips[1:]]
    also = f" (so do the slips at {', '.join(others)})" if others else ""
    yield Finding(
        "CG205",
        file,
        (*owner, "steps", s, "choices", c),
        f"{path} slips at {step.id}:{c + 1} ({_points(choice.points)} where the best choice earns "
        f"{max(x.points for x in step.choices)}) and still reaches the success ending '{end}'{also}, so the story "
        "tells the learner the slip did not matter; lead the slip to a partial or failure ending that says what "
        "it cost",
        owner,
    )


def _points(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"
