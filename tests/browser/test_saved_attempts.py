"""A quiz attempt saved in localStorage, in the formats the runtime has written, loads back.

The runtime keeps a learner's attempt at a quiz under coursegen:<course>:<quiz>:<quiz version> as
JSON {drawn, order, answers, shares}: the questions drawn (positions in the quiz data), each one's
option order, each one's answer (tokens, or choice positions for a role-play) and each checked
one's share of its points. Releases before the keys were words wrote {d, o, a, c}. Learners' saved
attempts must keep loading across releases of the runtime, so these are written here by hand, not
by the runtime, and the page must show them as they were left.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from generator.model.load import load_course
from generator.model.models import SingleChoice
from generator.pages.quiz_html import content_hash, decode_blob, quiz_digest

from .conftest import FIXTURE, Site
from .test_quiz_runtime import ALPHA, question, summary, wait_ready


def best_path(data: dict[str, Any]) -> list[int]:
    """The choices of a role-play's best conversation, by position at each step."""

    def best(at: str) -> tuple[int, list[int]]:
        if at not in data["steps"]:
            return 0, []
        choices = data["steps"][at]["choices"]
        options = [(choice["points"] + best(choice["next"])[0], k) for k, choice in enumerate(choices)]
        points, k = max(options)
        return points, [k, *best(choices[k]["next"])[1]]

    points, path = best(data["start"])
    assert points == data["points"]
    return path


@pytest.mark.parametrize("keys", ["words", "letters"])
def test_an_attempt_saved_in_the_runtimes_format_loads(site: Site, page: Page, keys: str) -> None:
    quiz = load_course(FIXTURE).quizzes["alpha-quiz"]
    digest = content_hash(quiz)
    html = (site.server.root / ALPHA / "index.html").read_text(encoding="utf-8")
    blob = html.split('data-key="', 1)[1].split('"', 1)[0]
    single, multiple, ordering, matching, roleplay = decode_blob(blob, f"alpha-quiz:{digest}")["questions"]
    # Every question answered right and checked, the options in the order the trainer wrote them.
    attempt: dict[str, Any] = {
        "drawn": [0, 1, 2, 3, 4],
        "order": {
            "0": [o["token"] for o in single["options"]],
            "1": [o["token"] for o in multiple["options"]],
            "2": [o["token"] for o in reversed(ordering["steps"])],
            "3": matching["choices"],
            "4": 0,
        },
        "answers": {
            "0": [o["token"] for o in single["options"] if o["correct"]],
            "1": [o["token"] for o in multiple["options"] if o["correct"]],
            "2": [o["token"] for o in ordering["steps"]],
            "3": [o["match"] for o in matching["pairs"]],
            "4": best_path(roleplay),
        },
        "shares": {"0": 1, "1": 1, "2": 1, "3": 1, "4": 1},
    }
    saved = attempt if keys == "words" else dict(zip("doac", attempt.values(), strict=True))
    key = f"coursegen:quizcourse:alpha-quiz:{digest}"
    page.context.add_init_script(f"localStorage.setItem({key!r}, {json.dumps(json.dumps(saved))})")
    page.goto(site.url + ALPHA)
    wait_ready(page)
    assert "Your result: Passed" in summary(page)
    opener = question(page, "How do you open the call?")
    expect(opener.get_by_text("Correct — Score: 1 of 1")).to_be_visible()
    expect(opener.get_by_role("radio", checked=True)).to_have_count(1)
    expect(
        question(page, "Which of these show that you are listening?").get_by_text("Correct — Score: 3 of 3")
    ).to_be_visible()
    expect(page.get_by_text("Trust grows — Outcome: success")).to_be_visible()
    # Showing it saves nothing: what is stored stays as it was written until the learner acts.
    assert json.loads(page.evaluate(f"localStorage.getItem({key!r})")) == saved


def test_an_attempt_with_the_eight_digit_tokens_of_earlier_releases_is_dropped(site: Site, page: Page) -> None:
    # Option tokens were eight hex digits until issue 23 made them four; the quiz version (its
    # content hash) did not change, so an attempt saved then is under the same key. Its tokens are
    # on no option any more: the runtime must start a fresh attempt, not show a broken one.
    quiz = load_course(FIXTURE).quizzes["alpha-quiz"]
    digest = content_hash(quiz)
    full = quiz_digest(quiz)

    def old(question_id: str, kind: str, count: int) -> list[str]:
        return [hashlib.sha256(f"{full}/{question_id}/{kind}/{i}/0".encode()).hexdigest()[:8] for i in range(count)]

    single = quiz.questions[0]
    assert isinstance(single, SingleChoice)
    tokens = old(single.id, "o", len(single.options))
    saved = {"drawn": [0, 1, 2, 3, 4], "order": {"0": tokens}, "answers": {"0": tokens[:1]}, "shares": {"0": 1}}
    key = f"coursegen:quizcourse:alpha-quiz:{digest}"
    page.context.add_init_script(f"localStorage.setItem({key!r}, {json.dumps(json.dumps(saved))})")
    page.goto(site.url + ALPHA)
    wait_ready(page)
    opener = question(page, "How do you open the call?")
    expect(opener.get_by_role("radio")).not_to_have_count(0)
    expect(opener.get_by_role("radio", checked=True)).to_have_count(0)
    expect(opener.get_by_text("Score:")).to_have_count(0)
