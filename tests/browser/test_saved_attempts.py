"""A quiz attempt saved in localStorage, in the format the runtime has always written, loads back.

The runtime keeps a learner's attempt at a quiz under coursegen:<course>:<quiz>:<quiz version> as
JSON {d, o, a, c}: the questions drawn (positions in the quiz data), each one's option order,
each one's answer (tokens, or choice positions for a role-play) and each checked one's share of
its points. Learners' saved attempts must keep loading across releases of the runtime, so this
one is written here by hand, not by the runtime, and the page must show it as it was left.
"""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import Page, expect

from generator.model.load import load_course
from generator.pages.quiz_html import content_hash, decode_blob

from .conftest import FIXTURE, Site
from .test_quiz_runtime import ALPHA, question, summary, wait_ready


def best_path(data: dict[str, Any]) -> list[int]:
    """The choices of a role-play's best conversation, by position at each step."""

    def best(at: str) -> tuple[int, list[int]]:
        if at not in data["st"]:
            return 0, []
        options = [(choice["p"] + best(choice["n"])[0], k) for k, choice in enumerate(data["st"][at]["o"])]
        points, k = max(options)
        return points, [k, *best(data["st"][at]["o"][k]["n"])[1]]

    points, path = best(data["s"])
    assert points == data["p"]
    return path


def test_an_attempt_saved_in_the_runtimes_format_loads(site: Site, page: Page) -> None:
    quiz = load_course(FIXTURE).quizzes["alpha-quiz"]
    digest = content_hash(quiz)
    html = (site.server.root / ALPHA / "index.html").read_text(encoding="utf-8")
    blob = html.split('data-key="', 1)[1].split('"', 1)[0]
    single, multiple, ordering, matching, roleplay = decode_blob(blob, f"alpha-quiz:{digest}")["q"]
    # Every question answered right and checked, the options in the order the trainer wrote them.
    attempt = {
        "d": [0, 1, 2, 3, 4],
        "o": {
            "0": [o["v"] for o in single["o"]],
            "1": [o["v"] for o in multiple["o"]],
            "2": [o["v"] for o in reversed(ordering["o"])],
            "3": matching["x"],
            "4": 0,
        },
        "a": {
            "0": [o["v"] for o in single["o"] if o["c"]],
            "1": [o["v"] for o in multiple["o"] if o["c"]],
            "2": [o["v"] for o in ordering["o"]],
            "3": [o["m"] for o in matching["o"]],
            "4": best_path(roleplay),
        },
        "c": {"0": 1, "1": 1, "2": 1, "3": 1, "4": 1},
    }
    key = f"coursegen:quizcourse:alpha-quiz:{digest}"
    page.context.add_init_script(f"localStorage.setItem({key!r}, {json.dumps(json.dumps(attempt))})")
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
    assert json.loads(page.evaluate(f"localStorage.getItem({key!r})")) == attempt
