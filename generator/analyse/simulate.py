"""Learners with known abilities answering questions with known parameters, as xAPI statements.

A two-parameter logistic model (2PL): a learner of ability θ answers a question of
discrimination a and difficulty b right with probability 1 / (1 + e^(-a(θ - b))). A wrong answer
picks a distractor by the weights given (a weight of 0 plants an unused distractor; a < 0 plants
a question the weaker learners get right more often). The tests check that `coursegen analyse`
recovers what was planted; benchmarks/run.py times it on a million statements.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import IO

from generator.analyse.statements import Answer, StatementWriter
from generator.model.grading import fraction, question_max
from generator.model.models import Matching, MultipleChoice, Ordering, Question, Quiz, RolePlay, SingleChoice


@dataclass(frozen=True)
class Truth:
    """A question's true parameters; `weights`: how likely each option is picked when wrong (by
    authored position; the right options' weights are not used)."""

    a: float = 1.0
    b: float = 0.0
    weights: tuple[float, ...] | None = None


@dataclass
class Cohort:
    """Who answers, and how often: `learners` first attempts, `retry` of them a second one."""

    learners: int
    seed: int = 1
    retry: float = 0.3
    gain: float = 0.5  # ability gained between attempts, in θ units
    pretest: bool = False  # every learner first takes the quiz as a pre-test
    durations: bool = True
    start: datetime = field(default_factory=lambda: datetime(2026, 1, 5, 9, 0, tzinfo=UTC))


def _right(rng: random.Random, theta: float, truth: Truth) -> bool:
    return rng.random() < 1 / (1 + math.exp(-truth.a * (theta - truth.b)))


def _wrong_pick(rng: random.Random, wrong: list[int], weights: tuple[float, ...] | None) -> int:
    chosen = [weights[k] for k in wrong] if weights else [1.0] * len(wrong)
    return rng.choices(wrong, chosen)[0] if sum(chosen) > 0 else rng.choice(wrong)


def _answer(rng: random.Random, q: Question, right: bool, truth: Truth) -> list[int]:
    """An answer in authored positions, as the runtime reports it."""
    if isinstance(q, SingleChoice):
        correct = [k for k, o in enumerate(q.options) if o.correct]
        wrong = [k for k, o in enumerate(q.options) if not o.correct]
        return correct[:1] if right else [_wrong_pick(rng, wrong, truth.weights)]
    if isinstance(q, MultipleChoice):
        correct = [k for k, o in enumerate(q.options) if o.correct]
        if right:
            return correct
        wrong = [k for k, o in enumerate(q.options) if not o.correct]
        picked = {*correct[: max(1, len(correct) - 1)], _wrong_pick(rng, wrong, truth.weights)} if wrong else set()
        return sorted(picked or correct[:-1])
    if isinstance(q, Ordering):
        order = list(range(len(q.items)))
        if not right:
            order[0], order[1] = order[1], order[0]
        return order
    if isinstance(q, Matching):
        picks = list(range(len(q.pairs)))
        if not right:
            picks[0], picks[1] = picks[1], picks[0]
        return picks
    raise AssertionError("a role-play is walked by _walk")  # pragma: no cover


def _walk(rng: random.Random, q: RolePlay, theta: float, truth: Truth) -> tuple[list[int], list[str], str]:
    """A path through the role-play: the best choice at each step with the 2PL probability."""
    steps = {step.id: step for step in q.steps}
    at, answer, path = q.start, [], []
    while at in steps:
        choices = steps[at].choices
        best = max(range(len(choices)), key=lambda k: choices[k].points)
        others = [k for k in range(len(choices)) if k != best]
        k = best if not others or _right(rng, theta, truth) else _wrong_pick(rng, others, truth.weights)
        answer.append(k)
        path.append(f"{at}.{k}")
        at = choices[k].next
    return answer, path, at


def _response(q: Question, answer: list[int]) -> str:
    if isinstance(q, Matching):
        return "[,]".join(f"{pair}[.]{choice}" for pair, choice in enumerate(answer) if choice >= 0)
    return "[,]".join(str(k) for k in answer)


def _uuid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def simulate(
    writer: StatementWriter,
    quiz: Quiz,
    truths: Mapping[str, Truth],
    cohort: Cohort,
    *,
    learner_prefix: str = "learner",
) -> Iterator[str]:
    """The statements of `cohort` taking `quiz`, one JSON line each."""
    rng = random.Random(cohort.seed)
    for n in range(cohort.learners):
        theta = rng.gauss(0, 1)
        actor = {
            "objectType": "Agent",
            "account": {"homePage": "https://lms.example.com", "name": f"{learner_prefix}-{n}"},
        }
        when = cohort.start + timedelta(minutes=n)
        kinds = [True] if cohort.pretest else []
        kinds += [False] + ([False] if rng.random() < cohort.retry else [])
        for attempt, pretest in enumerate(kinds, start=1):
            ability = theta + cohort.gain * (attempt - 1)
            yield from _attempt(rng, writer, quiz, truths, actor, ability, attempt, pretest, when, cohort.durations)
            when += timedelta(days=1)


def _attempt(
    rng: random.Random,
    writer: StatementWriter,
    quiz: Quiz,
    truths: Mapping[str, Truth],
    actor: Mapping[str, object],
    theta: float,
    attempt: int,
    pretest: bool,
    when: datetime,
    durations: bool,
) -> Iterator[str]:
    answers: list[tuple[Question, list[int], list[str] | None, str | None]] = []
    for q in quiz.questions:
        truth = truths.get(q.id, Truth())
        if isinstance(q, RolePlay):
            answers.append((q, *_walk(rng, q, theta, truth)))
        else:
            answers.append((q, _answer(rng, q, _right(rng, theta, truth), truth), None, None))
    scored = [
        (q, round(fraction(q, a) * question_max(q), 2), float(question_max(q)), a, p, e) for q, a, p, e in answers
    ]
    total = round(sum(raw for _, raw, *_ in scored), 2)
    total_max = sum(m for _, _, m, *_ in scored)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    for q, raw, most, a, walked, ending in scored:
        yield writer.line(
            Answer(
                actor=actor,
                question=q,
                response="[,]".join(walked) if walked is not None else _response(q, a),
                raw=raw,
                max=most,
                attempt=attempt,
                total_raw=total,
                total_max=total_max,
                timestamp=stamp,
                statement_id=_uuid(rng),
                duration=f"PT{rng.lognormvariate(3.4, 0.5):.1f}S" if durations else None,
                pretest=pretest,
                path=walked,
                ending=ending,
            )
        )


def write_statements(out: IO[str], lines: Iterator[str]) -> int:
    count = 0
    for line in lines:
        out.write(line)
        out.write("\n")
        count += 1
    return count
