"""Role-play scoring that a learner can beat without judging: paths through the conversation.

A path is named step:choice → … → ending, choices counted from 1 as they stand in the YAML,
e.g. `open:1 → defend:1 → listen:3 → won`. The checks have already made every role-play a
graph without loops in which every step leads to an ending, so best scores are found step by
step (over the graph, not by listing paths, whose number can grow very fast).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.author.findings import Finding, questions
from generator.author.text import length
from generator.model.load import CourseBundle
from generator.model.models import RolePlay, Step

Hop = tuple[str, int]  # a step's id and the index of the choice taken there


@dataclass
class Scores:
    """For every step and ending: the most points on the way to it from the start, by which hop,
    and the most points from it to an ending, by which choice."""

    to: dict[str, int]
    via: dict[str, Hop]
    ahead: dict[str, int]
    best_choice: dict[str, int]

    def path_to(self, node: str) -> list[Hop]:
        hops: list[Hop] = []
        while node in self.via:
            hops.append(self.via[node])
            node = hops[-1][0]
        return hops[::-1]

    def path_from(self, node: str, steps: dict[str, Step]) -> tuple[list[Hop], str]:
        hops: list[Hop] = []
        while node in steps:
            hops.append((node, self.best_choice[node]))
            node = steps[node].choices[hops[-1][1]].next
        return hops, node


def _order(question: RolePlay, steps: dict[str, Step]) -> list[str]:
    """The steps reachable from the start, each before every step it leads to."""
    done: set[str] = set()
    order: list[str] = []

    def visit(node: str) -> None:
        done.add(node)
        for choice in steps[node].choices:
            if choice.next in steps and choice.next not in done:
                visit(choice.next)
        order.append(node)

    visit(question.start)
    return order[::-1]


def scores(question: RolePlay) -> Scores:
    steps = {step.id: step for step in question.steps}
    order = _order(question, steps)
    result = Scores(to={question.start: 0}, via={}, ahead={e.id: 0 for e in question.endings}, best_choice={})
    for node in order:
        for c, choice in enumerate(steps[node].choices):
            points = result.to[node] + choice.points
            if points > result.to.get(choice.next, -1):
                result.to[choice.next], result.via[choice.next] = points, (node, c)
    for node in reversed(order):
        options = [choice.points + result.ahead[choice.next] for choice in steps[node].choices]
        result.ahead[node] = max(options)
        result.best_choice[node] = options.index(result.ahead[node])
    return result


def name(hops: list[Hop], ending: str) -> str:
    return " → ".join([*(f"{step}:{c + 1}" for step, c in hops), ending])


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    for file, i, question in questions(bundle):
        if isinstance(question, RolePlay):
            owner = ("questions", i)
            yield from _findings(file, owner, question)


def _findings(file: str, owner: tuple[str, int], question: RolePlay) -> Iterator[Finding]:
    steps = {step.id: step for step in question.steps}
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


def slips(question: RolePlay, found: Scores) -> list[tuple[int, int]]:
    """(step index, choice index) of every weaker choice that some full-marks path goes through."""
    top = found.ahead[question.start]
    through: list[tuple[int, int]] = []
    for s, step in enumerate(question.steps):
        if step.id not in found.to:  # unreachable: a check error, so never in a loaded course
            continue
        best = max(choice.points for choice in step.choices)
        for c, choice in enumerate(step.choices):
            if choice.points < best and found.to[step.id] + choice.points + found.ahead[choice.next] == top:
                through.append((s, c))
    return through


def _recovery(
    file: str, owner: tuple[str, int], question: RolePlay, steps: dict[str, Step], found: Scores, top: int
) -> Iterator[Finding]:
    """CG201, for the first weaker choice (in the file's order) that a full-marks path goes through."""
    weaker = slips(question, found)
    if not weaker:
        return
    s, c = weaker[0]
    step = question.steps[s]
    step_id = step.id
    rest, end = found.path_from(step.choices[c].next, steps)
    path = name([*found.path_to(step_id), (step_id, c), *rest], end)
    others = len(weaker) - 1
    more = f" ({others} more weaker choice{'s do' if others > 1 else ' does'} the same)" if others else ""
    yield Finding(
        "CG201",
        file,
        (*owner, "steps", s, "choices", c),
        f"{path} scores the full {top} points though {step_id}:{c + 1} is worth {step.choices[c].points} where the "
        f"best choice is worth {max(ch.points for ch in step.choices)}, so a slip costs nothing{more}; give the way "
        f"back fewer points, so that every path through a weaker choice ends below {top}",
        owner,
    )


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
