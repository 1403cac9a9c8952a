"""Paths through a role-play: the best points to and from every step, and the slips a path can recover from.

A path is named step:choice → … → ending, choices counted from 1 as they stand in the YAML,
e.g. `open:1 → defend:1 → listen:3 → won`. Only for a graph the checks have passed: without
loops, every step leading to an ending. Best scores are found step by step over the graph, not
by listing paths, whose number can grow very fast.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def roleplay_max(question: RolePlay) -> int:
    """What a perfect conversation scores: the best path's points, or with ending scoring
    the best ending's score."""
    if question.scoring == "ending":
        return max(ending.score or 0 for ending in question.endings)
    return scores(question).ahead[question.start]
