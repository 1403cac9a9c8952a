"""The learner's state fits SCORM 1.2's cmi.suspend_data (4096 characters) for the bundled course.

The largest state the bundled course can produce is computed from the course as it is (another
version of the course gives other numbers): every lesson finished, every quiz opened and passed
with full marks, the longest name the dashboard takes from a file, and an attempt under way at
the quiz whose attempt is largest, every question drawn and all but the last answered with the
longest answer its type allows. The runtime's own packing (scorm-launch.js, in Chromium) must
keep it whole within the limit, and give it back unchanged.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from generator.model.activity_ids import reported_quizzes
from generator.model.load import CourseBundle, load_course
from generator.model.models import Matching, MultipleChoice, Ordering, RolePlay, SingleChoice
from generator.pages.quiz_html import quiz_digest
from generator.pages.runtime_files import runtime_assets
from tests.browser.conftest import serving

REPO = Path(__file__).resolve().parents[2]
LIMIT = 4096
# The dashboard keeps at most this much of a name loaded from a file.
NAME_LENGTH = 200
WORST_SHARE = 1 / 3  # a share of the points with the most digits JSON writes


def token(*parts: object) -> str:
    """Eight hex digits as random as the runtime's option tokens (which deflate cannot shrink)."""
    return hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()[:8]


def longest_path(question: RolePlay) -> list[int]:
    """The choice positions along the longest way through a role-play."""
    steps = {step.id: step for step in question.steps}

    def walk(step_id: str) -> list[int]:
        if step_id not in steps:
            return []
        ways = [[k, *walk(choice.next)] for k, choice in enumerate(steps[step_id].choices)]
        return max(ways, key=len)

    return walk(question.start)


def longest_attempt(quiz_id: str, bundle: CourseBundle, salt: int = 0) -> dict[str, Any]:
    """An attempt under way: every question drawn, all but the last answered at their longest."""
    questions = bundle.quizzes[quiz_id].questions
    attempt: dict[str, Any] = {"drawn": list(range(len(questions))), "order": {}, "answers": {}, "shares": {}}
    for index, question in enumerate(questions):
        key = str(index)
        if isinstance(question, SingleChoice | MultipleChoice):
            tokens = [token(quiz_id, question.id, k, salt) for k in range(len(question.options))]
            attempt["order"][key] = tokens[::-1]
            answer: list[Any] = tokens if isinstance(question, MultipleChoice) else tokens[:1]
        elif isinstance(question, Ordering):
            tokens = [token(quiz_id, question.id, k, salt) for k in range(len(question.items))]
            attempt["order"][key] = tokens[::-1]
            answer = tokens[::-1]
        elif isinstance(question, Matching):
            tokens = [
                token(quiz_id, question.id, k, salt) for k in range(len(question.pairs) + len(question.distractors))
            ]
            attempt["order"][key] = tokens[::-1]
            answer = tokens[: len(question.pairs)][::-1]
        else:
            assert isinstance(question, RolePlay)
            attempt["order"][key] = 0
            answer = longest_path(question)
        attempt["answers"][key] = answer
        if index < len(questions) - 1:
            attempt["shares"][key] = WORST_SHARE
    return attempt


def quiz_points(bundle: CourseBundle, quiz_id: str) -> int:
    """The most a quiz gives (a role-play's best is at most 100 per step: count that, an upper bound)."""
    total = 0
    for question in bundle.quizzes[quiz_id].questions:
        if isinstance(question, RolePlay):
            total += 100 * len(question.steps)
        else:
            total += question.points
    return total


def largest_state(bundle: CourseBundle) -> dict[str, Any]:
    course = bundle.course
    lessons = [item.id for item in bundle.outline.lessons()]
    quizzes = reported_quizzes(bundle.outline)
    now = 4_102_444_800_000  # a 13-digit time, as every date until 2286 is
    record = {
        "f": 1,
        "c": course.id,
        "v": course.version,
        "l": {**dict.fromkeys(lessons, 2), **dict.fromkeys(quizzes, 1)},
        "q": {
            quiz_id: {
                "s": (points := quiz_points(bundle, quiz_id)),
                "m": points,
                "p": True,
                "h": quiz_digest(bundle.quizzes[quiz_id])[:12],
                "t": now,
            }
            for quiz_id in quizzes
        },
        "at": max([*lessons, *quizzes], key=len),
        "n": "".join(chr(ord("a") + (k * 7) % 26) for k in range(NAME_LENGTH)),
        "r": largest_schedule(bundle),
    }
    attempts = {quiz_id: longest_attempt(quiz_id, bundle) for quiz_id in quizzes}
    biggest = max(attempts, key=lambda quiz_id: len(json.dumps(attempts[quiz_id])))
    # Today's review under way (review.js keeps its pick beside the quiz runtime's attempts).
    review_set = {
        "day": DAY,
        "picks": [{"i": 100 + k, "o": [objective]} for k, objective in enumerate(record["r"]["o"])],
    }
    return {
        "r": record,
        "a": {f"{biggest}:{record['q'][biggest]['h']}": attempts[biggest], "review-set": review_set},
    }


DAY = 115_000  # a 6-digit day number, as every day until 2284 is


def largest_schedule(bundle: CourseBundle) -> dict[str, Any]:
    """Spaced reviews (issue 26) at their largest: every objective a review can ask about scheduled and
    reviewed, every question it can ask seen (pages/review_page.py says which those are)."""
    objectives: dict[str, list[int]] = {}
    seen: dict[str, int] = {}
    for module in bundle.outline.modules:
        if not module.quiz:
            continue
        own = {o.id for lesson_id in module.lessons for o in bundle.lessons[lesson_id].objectives}
        quiz_ids = [module.quiz, *(q for lid in module.lessons if (q := bundle.lessons[lid].quiz))]
        for quiz_id in quiz_ids:
            for question in bundle.quizzes[quiz_id].questions:
                assessed = [o for o in question.objectives if o in own]
                if assessed and not isinstance(question, RolePlay):
                    seen[f"{quiz_id}--{question.id}"] = 2
                    objectives.update({o: [4, DAY, 1] for o in assessed})
    assert objectives and seen
    return {"o": objectives, "s": seen}


@pytest.fixture(scope="module")
def runtime_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("runtime")
    for path, data in runtime_assets(reporting=True, scorm12=True).items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    (root / "blank.html").write_text("<!doctype html><title>blank</title>", encoding="utf-8")
    with serving(lambda url: root) as server:
        yield server.url


def pack(page: Page, runtime_url: str, state: dict[str, Any]) -> tuple[str, Any]:
    page.goto(runtime_url + "blank.html")
    result: list[Any] = page.evaluate(
        """async ([url, state]) => {
            const { packState, unpackState } = await import(url)
            const packed = await packState(state)
            return [packed, await unpackState(packed)]
        }""",
        [runtime_url + "assets/coursegen/scorm-launch.js", state],
    )
    return result[0], result[1]


def test_the_largest_state_of_the_bundled_course_fits_whole(page: Page, runtime_url: str) -> None:
    state = largest_state(load_course(REPO))
    packed, unpacked = pack(page, runtime_url, state)
    print(f"largest state: {len(json.dumps(state))} characters of JSON, {len(packed)} packed")
    assert 0 < len(packed) <= LIMIT
    assert packed.isascii()
    assert unpacked == state


def test_what_does_not_fit_goes_first_the_attempts_never_the_results(page: Page, runtime_url: str) -> None:
    bundle = load_course(REPO)
    state = largest_state(bundle)
    # Attempts under way at every quiz at once: more than 4096 characters can hold.
    state["a"] = {
        f"{q}:{state['r']['q'][q]['h']}-{k}": longest_attempt(q, bundle, k)
        for k in range(3)
        for q in reported_quizzes(bundle.outline)
    }
    packed, unpacked = pack(page, runtime_url, state)
    assert 0 < len(packed) <= LIMIT
    assert unpacked["r"] == state["r"]
    assert len(unpacked["a"]) < len(state["a"])
    assert all(unpacked["a"][key] == state["a"][key] for key in unpacked["a"])
