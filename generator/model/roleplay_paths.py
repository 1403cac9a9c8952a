"""Role-play graphs: paths through a conversation, the best one, how many there are and their names.

The one module for them, used by the checks, lint's role-play cues, the reference grader, the
quiz data and the facilitator edition's map and path lists. A path is named
step:choice → … → ending, choices counted from 1 as they stand in the YAML, e.g.
`open:1 → defend:1 → listen:3 → won`. Past the checks only (model/checks.py): a graph without
loops, every step leading to an ending. Best scores and counts are found step by step over the
graph, not by listing paths, whose number can grow very fast.
"""

from __future__ import annotations

from collections.abc import Iterator
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


def steps_by_id(question: RolePlay) -> dict[str, Step]:
    return {step.id: step for step in question.steps}


def choice_id(step_id: str, index: int) -> str:
    """A choice's name, `step:n`, n counted from 1 as the choices stand in the YAML."""
    return f"{step_id}:{index + 1}"


def name(hops: list[Hop], ending: str) -> str:
    """A path's name, e.g. `open:1 → defend:1 → won`."""
    return " → ".join([*(choice_id(step, c) for step, c in hops), ending])


def best_path(question: RolePlay) -> tuple[list[Hop], str]:
    """The choices of the best conversation and the ending it reaches.

    With path scoring, the path worth the most points; with ending scoring, the path worth the
    most points to the best-scoring ending (the first such ending in the YAML)."""
    found = scores(question)
    if question.scoring == "ending":
        ending = max(question.endings, key=lambda e: e.score or 0).id
        return found.path_to(ending), ending
    return found.path_from(question.start, steps_by_id(question))


def paths(question: RolePlay, limit: int) -> Iterator[tuple[list[Hop], str, int]]:
    """Paths from the start to an ending with their points, in the YAML's order of choices,
    up to `limit` plus one (enough to know that some are left out)."""
    steps = steps_by_id(question)
    found = 0

    def walk(node: str, hops: list[Hop], points: int) -> Iterator[tuple[list[Hop], str, int]]:
        nonlocal found
        if node not in steps:
            found += 1
            yield hops, node, points
            return
        for c, choice in enumerate(steps[node].choices):
            if found > limit:
                return
            yield from walk(choice.next, [*hops, (node, c)], points + choice.points)

    yield from walk(question.start, [], 0)


def count_paths(question: RolePlay) -> int:
    """How many paths lead from the start to an ending, counted without listing them."""
    steps = steps_by_id(question)
    memo: dict[str, int] = {}

    def count(node: str) -> int:
        if node not in steps:
            return 1
        if node not in memo:
            memo[node] = sum(count(choice.next) for choice in steps[node].choices)
        return memo[node]

    return count(question.start)


def way_to(
    node: str, targets: set[str], steps: dict[str, Step], dead: set[str] | None = None
) -> tuple[list[Hop], str] | None:
    """Some path from `node` to one of `targets`, or None; depth first, choices in file order.

    `dead` remembers the steps from which no target can be reached, so that each step is
    explored once, however many paths lead to it.
    """
    dead = set() if dead is None else dead
    if node in targets:
        return [], node
    if node not in steps or node in dead:
        return None
    for c, choice in enumerate(steps[node].choices):
        found = way_to(choice.next, targets, steps, dead)
        if found is not None:
            return [(node, c), *found[0]], found[1]
    dead.add(node)
    return None


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
