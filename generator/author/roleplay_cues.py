"""Lint's role-play cues (CG201-CG203): scoring that a learner can beat without judging.

A slip that costs nothing, a best path that ends badly, a success reached by always picking
the longest choice. The graph itself (paths, best scores, names) is model/roleplay_paths.py's.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.author.findings import Finding, questions
from generator.author.text import length
from generator.model.load import CourseBundle
from generator.model.models import RolePlay, Step
from generator.model.roleplay_paths import Hop, Scores, name, scores, steps_by_id, way_to


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    for file, i, question in questions(bundle):
        if isinstance(question, RolePlay):
            owner = ("questions", i)
            yield from _findings(file, owner, question)


def _findings(file: str, owner: tuple[str, int], question: RolePlay) -> Iterator[Finding]:
    steps = steps_by_id(question)
    found = scores(question)
    top = found.ahead[question.start]
    yield from _recovery(file, owner, question, steps, found, top)
    outcomes = {ending.id: ending.outcome for ending in question.endings}
    for e, ending in enumerate(question.endings):
        if ending.outcome != "success" and found.to.get(ending.id) == top:
            yield Finding(
                "CG202",
                file,
                (*owner, "endings", e, "outcome"),
                f"the best-scoring path, {name(found.path_to(ending.id), ending.id)} ({top} points), ends in "
                f"a {ending.outcome} ending; give the way to a success ending more points, or make this one a success",
                owner,
            )
    hops, end = _longest_walk(question, steps)
    if end is not None and outcomes[end] == "success":
        yield Finding(
            "CG203",
            file,
            (*owner, "steps"),
            f"picking the longest choice at every step, {name(hops, end)}, reaches the success ending '{end}', "
            "so a learner wins without reading; make a weaker choice the longest at one of those steps",
            owner,
        )


def _recovery(
    file: str, owner: tuple[str, int], question: RolePlay, steps: dict[str, Step], found: Scores, top: int
) -> Iterator[Finding]:
    """CG201: with ending scoring, a path through a weaker choice still reaches the best-scored ending.

    With path scoring the same thing is a check error (model/checks.py), so it never gets here.
    """
    if question.scoring != "ending":
        return
    best = max(ending.score or 0 for ending in question.endings)
    winners = {ending.id for ending in question.endings if (ending.score or 0) == best}
    for s, step in enumerate(question.steps):
        if step.id not in found.to:
            continue
        strongest = max(choice.points for choice in step.choices)
        for c, choice in enumerate(step.choices):
            rest = way_to(choice.next, winners, steps) if choice.points < strongest else None
            if rest is None:
                continue
            hops, end = rest
            path = name([*found.path_to(step.id), (step.id, c), *hops], end)
            yield Finding(
                "CG201",
                file,
                (*owner, "steps", s, "choices", c),
                f"{path} reaches '{end}', the best-scored ending ({best}), though {step.id}:{c + 1} is worth "
                f"{choice.points} where the best choice is worth {strongest}, so a slip costs nothing; lead the way "
                "back to an ending that scores less",
                owner,
            )
            return


def _longest_walk(question: RolePlay, steps: dict[str, Step]) -> tuple[list[Hop], str | None]:
    """Where always taking the longest choice leads; None where two choices tie for longest."""
    hops: list[Hop] = []
    node = question.start
    while node in steps:
        lengths = [length(choice.text) for choice in steps[node].choices]
        longest = max(lengths)
        if lengths.count(longest) > 1:
            return hops, None
        hops.append((node, lengths.index(longest)))
        node = steps[node].choices[hops[-1][1]].next
    return hops, node
