"""The role-play map of the facilitator edition: exact SVG for a fixture, and what any map must be.

Run with UPDATE_GOLDEN=1 to rewrite the golden SVG files after an intended change, then look
at them (any browser opens an .svg) and review the diff like any other code change.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest

from generator.model.load import load_course
from generator.model.models import RolePlay
from generator.model.roleplay_paths import best_path, name
from generator.pages.markdown import MarkdownRenderer
from generator.pages.roleplay_map import layout, shorten, svg

FIXTURE = Path(__file__).parent / "fixtures" / "workshop"
GOLDEN = Path(__file__).parent / "golden" / "workshop-facilitator" / "maps"
REPO = Path(__file__).resolve().parents[1]
NS = {"s": "http://www.w3.org/2000/svg"}
MD = MarkdownRenderer()
SHAPES = {"success": "rect", "partial": "polygon", "failure": "polygon"}


def roleplays(root: Path) -> list[tuple[str, RolePlay]]:
    bundle = load_course(root)
    return [(quiz.id, q) for quiz in bundle.quizzes.values() for q in quiz.questions if isinstance(q, RolePlay)]


FIXTURE_MAPS = roleplays(FIXTURE)
BUNDLED_MAPS = roleplays(REPO)


def test_fixture_maps_match_golden_files() -> None:
    assert [q.id for _, q in FIXTURE_MAPS] == ["late-delivery", "review"]
    for quiz_id, q in FIXTURE_MAPS:
        drawn = svg(q, MD, map_id=f"map-{quiz_id}-{q.id}")
        golden = GOLDEN / f"{q.id}.svg"
        if os.environ.get("UPDATE_GOLDEN"):
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(drawn + "\n", encoding="utf-8")
        assert drawn + "\n" == golden.read_text(encoding="utf-8"), f"differs from {golden.relative_to(REPO)}"


def test_the_layout_is_the_same_whatever_the_hash_seed() -> None:
    # grandalf walks sets of vertices; a map must not change from one build to the next.
    script = (
        "from pathlib import Path; from generator.model.load import load_course; "
        "from generator.pages.markdown import MarkdownRenderer; from generator.pages.roleplay_map import svg; "
        f"b = load_course(Path({str(FIXTURE)!r})); q = b.quizzes['calls-quiz'].questions[3]; "
        "print(svg(q, MarkdownRenderer(), map_id='map-calls-quiz-late-delivery'))"
    )
    golden = (GOLDEN / "late-delivery.svg").read_text(encoding="utf-8")
    for seed in ("1", "2", "987"):
        out = subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        assert out == golden, f"PYTHONHASHSEED={seed}"


def _parse(drawn: str) -> ET.Element:
    return ET.fromstring(drawn)  # also proves the SVG is well-formed XML


def _box_texts(root: ET.Element) -> list[list[str]]:
    return [[t.text or "" for t in g.findall("s:text", NS)] for g in root.findall("s:g", NS)]


@pytest.mark.parametrize(("quiz_id", "q"), FIXTURE_MAPS + BUNDLED_MAPS, ids=lambda v: getattr(v, "id", v))
def test_every_map_is_an_accessible_image_with_a_box_for_each_step_choice_and_ending(quiz_id: str, q: RolePlay) -> None:
    map_id = f"map-{quiz_id}-{q.id}"
    root = _parse(svg(q, MD, map_id=map_id))
    assert root.get("role") == "img"
    labelled_by = (root.get("aria-labelledby") or "").split()
    assert labelled_by == [f"{map_id}-title", f"{map_id}-desc"]
    title, desc = root.find("s:title", NS), root.find("s:desc", NS)
    assert title is not None and title.get("id") == labelled_by[0] and title.text == f"Map of the role-play {q.id}"
    assert desc is not None and desc.get("id") == labelled_by[1]
    hops, ending = best_path(q)
    assert name(hops, ending) in (desc.text or "")
    headers = [texts[0] for texts in _box_texts(root)]
    choices = sum(len(step.choices) for step in q.steps)
    assert len(headers) == len(q.steps) + choices + len(q.endings)
    for step in q.steps:
        assert headers.count(f"{'Start' if step.id == q.start else 'Step'} · {step.id}") == 1
    # An ending says its outcome in words, and its shape differs by outcome (not colour alone).
    for e in q.endings:
        group = next(
            g for g in root.findall("s:g", NS) if g.findall("s:text", NS)[0].text == f"{e.outcome.title()} · {e.id}"
        )
        shape = group[0]
        assert shape.tag == f"{{{NS['s']}}}{SHAPES[e.outcome]}"
        corners = len((shape.get("points") or "").split())
        assert corners == {"success": 0, "partial": 6, "failure": 8}[e.outcome]
        if e.outcome == "success":
            assert float(shape.get("rx") or 0) == float(shape.get("height") or 0) / 2  # a capsule
    # Only the best path's choices say "best", and its arrows are the thick ones.
    said_best = [h for h in headers if h.endswith(" · best")]
    assert len(said_best) == len(hops)
    for step, c in hops:
        choice = next(s for s in q.steps if s.id == step).choices[c]
        assert f"{c + 1} · {choice.points} point{'' if choice.points == 1 else 's'} · best" in said_best
    thick = [p for p in root.findall("s:path", NS) if "cg-map-best" in (p.get("class") or "")]
    assert len(thick) == 2 * len(hops)


@pytest.mark.parametrize(("quiz_id", "q"), FIXTURE_MAPS + BUNDLED_MAPS, ids=lambda v: getattr(v, "id", v))
def test_no_two_boxes_overlap_and_every_box_is_inside_the_picture(quiz_id: str, q: RolePlay) -> None:
    drawn = layout(q, MD)
    for box in drawn.boxes:
        assert box.x >= 0 and box.x + box.w <= drawn.width and box.y >= 0 and box.y + box.h <= drawn.height
    for a, b in combinations(drawn.boxes, 2):
        apart = a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
        assert apart, f"{a.id} and {b.id} overlap"
    # Every arrow runs downwards, from the bottom of one box to the top of the next.
    for arrow in drawn.arrows:
        ys = [y for _, y in arrow.points]
        assert ys == sorted(ys), arrow


def test_trainer_text_is_escaped_in_the_map() -> None:
    hostile = '</text><script>alert(1)</script>&"'
    q = RolePlay.model_validate(
        {
            "id": "x",
            "type": "roleplay",
            "prompt": "p",
            "start": "s",
            "steps": [
                {
                    "id": "s",
                    "customer": hostile,
                    "choices": [
                        {"text": hostile, "points": 1, "feedback": "f", "next": "good"},
                        {"text": "b", "feedback": "f", "next": "bad"},
                    ],
                }
            ],
            "endings": [
                {"id": "good", "title": hostile, "outcome": "success", "text": "t"},
                {"id": "bad", "title": "b", "outcome": "failure", "text": "t"},
            ],
        }
    )
    drawn = svg(q, MD, map_id="m")
    root = _parse(drawn)
    assert not [el for el in root.iter() if el.tag.endswith("script")]
    assert "<script" not in drawn and "&lt;script&gt;" in drawn
    # The words come back as the text the trainer wrote, wrapped (Markdown's smart quotes apply
    # to Markdown fields; an ending's title is plain text).
    said = {group[0]: "".join(group[1:]) for group in _box_texts(root)}
    assert said["Start · s"] == said["1 · 1 point · best"] == "</text><script>alert(1)</script>&\u201c"
    assert said["Success · good"] == hostile


def test_long_texts_are_cut_short_with_an_ellipsis_and_never_lose_a_short_one() -> None:
    assert shorten("Offer a discount.", 26, 2) == ["Offer a discount."]
    long = "Say that the carrier, not your company, is to blame for every late delivery this quarter."
    cut = shorten(long, 26, 2)
    assert len(cut) == 2 and all(len(line) <= 26 for line in cut) and cut[-1].endswith("…")
    assert " ".join(cut).rstrip("…").strip() in long
    assert shorten("x" * 60, 26, 2) == ["x" * 26, "x" * 25 + "…"]
