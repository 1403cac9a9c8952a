"""The quiz fragment: structure, escaping, no answer key in the page, the blob, hashes and UI strings."""

from __future__ import annotations

import html
import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest

from generator.model.load import load_course
from generator.model.models import Quiz, RolePlay
from generator.model.roleplay_paths import roleplay_max
from generator.pages.markdown import MarkdownRenderer
from generator.pages.quiz_html import (
    QuizContext,
    blob_seed,
    content_hash,
    decode_blob,
    quiz_data,
    render_quiz,
)
from generator.pages.strings import LANGUAGES, PAGE, PROGRESS, QUIZ, strings_for

FIXTURE = Path(__file__).parent / "fixtures" / "quizcourse"
EVIL = '<script>alert("x")</script> & "quoted" <img src=x onerror=alert(1)>'


def context(**overrides: Any) -> QuizContext:
    values: dict[str, Any] = {
        "pass_mark": 70,
        "markdown": MarkdownRenderer(),
        "strings": strings_for("en").quiz,
        "assets_url": "../../assets/coursegen/",
        "objective_links": {"o-one": ("Lesson <one>", "../lesson-one/"), "o-two": ("Lesson two", "../lesson-two/")},
        "course_id": "course",
    }
    values.update(overrides)
    return QuizContext(**values)


def choice(text: str, *, correct: bool = False, pin: bool = False, feedback: str | None = None) -> dict[str, Any]:
    return {"text": text, "correct": correct, "pin": pin, "feedback": feedback or f"Feedback for {text}."}


def make_quiz(**overrides: Any) -> Quiz:
    data: dict[str, Any] = {
        "id": "demo",
        "title": "Demo",
        "questions": [
            {
                "id": "one",
                "type": "single",
                "objectives": ["o-one"],
                "scenario": "Scenario **text**.",
                "prompt": "Pick one",
                "explanation": "Because the explanation says so.",
                "options": [
                    choice("Alpha", feedback="Alpha feedback text."),
                    choice("Bravo", correct=True, feedback="Bravo feedback text."),
                    choice("Charlie", feedback="Charlie feedback text."),
                    choice("None of these", pin=True, feedback="None feedback text."),
                ],
            },
            {
                "id": "two",
                "type": "multiple",
                "objectives": ["o-two", "o-one"],
                "prompt": "Pick many",
                "points": 3,
                "options": [choice("M1", correct=True), choice("M2", correct=True), choice("M3")],
            },
            {
                "id": "three",
                "type": "ordering",
                "prompt": "Order them",
                "items": [{"text": "First"}, {"text": "Second", "feedback": "Second goes second."}, {"text": "Third"}],
            },
            {
                "id": "four",
                "type": "matching",
                "prompt": "Match them",
                "pairs": [
                    {"left": "L1", "right": "R1", "feedback": "Pair one feedback."},
                    {"left": "L2", "right": "R2"},
                ],
                "distractors": ["R3"],
            },
            {
                "id": "five",
                "type": "roleplay",
                "prompt": "Talk",
                "start": "s1",
                "steps": [
                    {
                        "id": "s1",
                        "customer": "Customer opening line.",
                        "choices": [
                            {"text": "Greedy", "points": 5, "feedback": "Greedy feedback.", "next": "s2"},
                            {"text": "Patient", "points": 1, "feedback": "Patient feedback.", "next": "s3"},
                        ],
                    },
                    {
                        "id": "s2",
                        "customer": "Second line.",
                        "choices": [{"text": "Meh", "points": 0, "feedback": "Meh feedback.", "next": "bad"}],
                    },
                    {
                        "id": "s3",
                        "customer": "Third line.",
                        "choices": [{"text": "Great", "points": 10, "feedback": "Great feedback.", "next": "good"}],
                    },
                ],
                "endings": [
                    {"id": "good", "title": "Good ending title", "outcome": "success", "text": "Good ending text."},
                    {"id": "bad", "title": "Bad ending title", "outcome": "failure", "text": "Bad ending text."},
                ],
            },
        ],
    }
    data.update(overrides)
    return Quiz.model_validate(data)


def blob_of(fragment: str) -> str:
    match = re.search(r'data-key="([^"]*)"', fragment)
    assert match
    return match.group(1)


class _Tree(HTMLParser):
    VOID = frozenset({"input", "link", "br", "img", "hr", "meta"})

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.top_level = 0
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if self.depth == 0:
            self.top_level += 1
        if tag not in self.VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1


def parse(fragment: str) -> _Tree:
    tree = _Tree()
    tree.feed(fragment)
    tree.close()
    return tree


# ------------------------------------------------------------------ structure


def test_fragment_is_one_raw_html_block_that_markdown_keeps() -> None:
    quiz = make_quiz(
        questions=[
            {
                "id": "code",
                "type": "single",
                "prompt": "Code",
                "scenario": "Look:\n\n    line one\n\n    line three, after a blank line\n",
                "options": [choice("A", correct=True), choice("B")],
            }
        ]
    )
    fragment = render_quiz(quiz, context())
    assert fragment.startswith('<section class="cg-quiz"')
    assert fragment.endswith("</section>\n")
    lines = fragment.rstrip("\n").split("\n")
    assert all(line.strip() for line in lines), "no blank lines"
    assert not [line for line in lines if line.startswith("    ")], "no indented lines"
    tree = parse(fragment)
    assert tree.top_level == 1 and tree.depth == 0
    page = markdown.markdown("# Title\n\nIntro.\n\n" + fragment + "\nAfter.\n")
    assert fragment.strip() in page
    assert "line one&#10;&#10;line three" in fragment  # newlines in code survive as references


def test_fragment_loads_assets_relative_to_the_page() -> None:
    fragment = render_quiz(make_quiz(), context(assets_url="../assets/coursegen/"))
    assert '<link rel="stylesheet" href="../assets/coursegen/quiz.css">' in fragment
    assert '<script type="module" src="../assets/coursegen/quiz.js"></script>' in fragment
    assert fragment.count("<script") == 1 and "<style" not in fragment and "style=" not in fragment


def test_native_form_structure() -> None:
    fragment = render_quiz(make_quiz(), context())
    tags = parse(fragment).tags
    names = [t for t, _ in tags]
    assert names.count("fieldset") == 4 and names.count("legend") == 4  # the role-play builds its own
    radios = [a for t, a in tags if t == "input" and a.get("type") == "radio"]
    boxes = [a for t, a in tags if t == "input" and a.get("type") == "checkbox"]
    assert len(radios) == 4 and len(boxes) == 3
    labels = {a.get("for") for t, a in tags if t == "label"}
    assert all(a["id"] in labels for a in radios + boxes)
    assert len({a["name"] for a in radios}) == 1
    buttons = [a for t, a in tags if t == "button"]
    assert all(a.get("type") == "button" for a in buttons)
    assert fragment.count(">Check answer</button>") == 4
    assert fragment.count(">Move up</button>") == 3 and fragment.count(">Move down</button>") == 3
    assert names.count("select") == 2
    assert [a for t, a in tags if a.get("role") == "status"], "an aria-live region"
    assert "Question 1 of 5" in fragment and "Question 5 of 5" in fragment
    assert "<p>Scenario <strong>text</strong>.</p>" in fragment


# ------------------------------------------------------------------ escaping


def test_text_from_yaml_is_escaped_everywhere() -> None:
    quiz = make_quiz(
        questions=[
            {
                "id": "evil",
                "type": "single",
                "prompt": EVIL,
                "scenario": EVIL,
                "options": [choice(EVIL, correct=True), choice("Plain")],
            },
            {
                "id": "evil-match",
                "type": "matching",
                "prompt": "Match",
                "pairs": [{"left": EVIL, "right": EVIL + " right"}, {"left": "b", "right": "c"}],
                "distractors": [EVIL + " extra"],
            },
        ]
    )
    ctx = context(
        course_id="course",
        strings={**strings_for("en").quiz, "check": '"><script>bad()</script>'},
        objective_links={},
    )
    fragment = render_quiz(quiz, ctx)
    assert "<script>alert" not in fragment and "<img" not in fragment
    assert "<script>bad" not in fragment
    assert fragment.count("<script") == 1
    assert "&lt;script&gt;alert" in fragment
    tree = parse(fragment)
    strings = json.loads(next(a["data-strings"] for t, a in tree.tags if t == "section" and "data-strings" in a) or "")
    assert strings["check"] == '"><script>bad()</script>'
    # Raw HTML is also escaped inside the blob, which the runtime inserts as HTML.
    data = decode_blob(blob_of(fragment), blob_seed(quiz))
    assert "<script>" not in json.dumps(data) and "<img" not in json.dumps(data)


def test_allow_html_lets_trusted_html_through() -> None:
    quiz = make_quiz(
        questions=[
            {
                "id": "rich",
                "type": "single",
                "prompt": "Pick <em>one</em>",
                "options": [choice("<kbd>A</kbd>", correct=True), choice("B")],
            }
        ]
    )
    fragment = render_quiz(quiz, context(markdown=MarkdownRenderer(allow_html=True)))
    assert "<kbd>A</kbd>" in fragment and "Pick <em>one</em>" in fragment


def test_multi_paragraph_label_stays_phrasing_content() -> None:
    quiz = make_quiz(
        questions=[
            {
                "id": "long",
                "type": "single",
                "prompt": "Para one.\n\nPara two.",
                "options": [choice("A\n\nB", correct=True), choice("C")],
            }
        ]
    )
    fragment = render_quiz(quiz, context())
    for tag in ("legend", "label"):
        for inner in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", fragment, re.DOTALL):
            assert "<p>" not in inner
    assert '<span class="cg-pp">Para two.</span>' in fragment


# ------------------------------------------------------------- no key in page


def secrets_of(quiz: Quiz) -> list[str]:
    found = []
    for q in quiz.questions:
        dumped = q.model_dump()
        found += [dumped.get("explanation")] if dumped.get("explanation") else []
        for key in ("options", "items", "pairs"):
            found += [o["feedback"] for o in dumped.get(key, []) if o.get("feedback")]
        if isinstance(q, RolePlay):
            found += [c.feedback for s in q.steps for c in s.choices]
            found += [e.text for e in q.endings] + [e.title for e in q.endings]
    return found


@pytest.mark.parametrize("quiz_id", ["alpha-quiz", "beta-quiz", "final-check"])
def test_no_answer_key_in_the_fragment(quiz_id: str) -> None:
    quiz = load_course(FIXTURE).quizzes[quiz_id]
    md = MarkdownRenderer()
    fragment = render_quiz(quiz, context())
    lowered = fragment.lower()
    assert "data-correct" not in lowered and "correct" not in re.sub(r'data-strings="[^"]*"', "", lowered)
    secrets = secrets_of(quiz)
    assert secrets
    for secret in secrets:
        assert secret not in fragment and md.inline(secret) not in fragment
        assert html.escape(secret) not in fragment


def test_option_values_reveal_neither_correctness_nor_position() -> None:
    quiz = make_quiz()
    fragment = render_quiz(quiz, context())
    first = re.findall(r'name="cg-demo-one" value="([^"]+)"', fragment)
    assert len(first) == 4 and len(set(first)) == 4
    assert all(re.fullmatch(r"[0-9a-f]{4}", v) for v in first)
    data = quiz_data(quiz, context())
    authored = [o["token"] for o in data["questions"][0]["options"]]
    assert sorted(first) == sorted(authored)
    assert first[-1] == authored[-1], "the pinned option keeps its place"
    # The server order follows the values, which are keyed by the whole quiz content.
    assert first[:-1] == sorted(first[:-1])
    # Values do not repeat between questions, so one cannot be matched to another.
    second = re.findall(r'name="cg-demo-two" value="([^"]+)"', fragment)
    assert not set(first) & set(second)


def test_unshuffled_question_keeps_authored_order() -> None:
    quiz = make_quiz(shuffle=False)
    fragment = render_quiz(quiz, context())
    labels = re.findall(r'<label for="cg-demo-one-[^"]+">([^<]+)</label>', fragment)
    assert labels == ["Alpha", "Bravo", "Charlie", "None of these"]


def test_ordering_never_starts_in_the_right_order() -> None:
    for n in range(2, 8):
        quiz = make_quiz(
            id=f"order-{n}",
            questions=[
                {"id": "o", "type": "ordering", "prompt": "Order", "items": [{"text": f"Step {i}"} for i in range(n)]}
            ],
        )
        fragment = render_quiz(quiz, context())
        shown = re.findall(r'<span class="cg-it"[^>]*>(Step \d)</span>', fragment)
        assert sorted(shown) == [f"Step {i}" for i in range(n)]
        assert shown != [f"Step {i}" for i in range(n)]


# ------------------------------------------------------------------ the blob


def test_blob_round_trips_to_the_grader_data() -> None:
    quiz = make_quiz()
    ctx = context()
    fragment = render_quiz(quiz, ctx)
    assert 'data-hash="' + content_hash(quiz) + '"' in fragment
    data = decode_blob(blob_of(fragment), f"demo:{content_hash(quiz)}")
    assert data == quiz_data(quiz, ctx)
    single, multiple, ordering, matching, rp = data["questions"]
    assert [q["id"] for q in data["questions"]] == ["one", "two", "three", "four", "five"]
    assert [o["correct"] for o in single["options"]] == [0, 1, 0, 0]
    assert [o["pinned"] for o in single["options"]] == [0, 0, 0, 1]
    assert single["options"][1]["feedback"] == "<p>Bravo feedback text.</p>"
    assert single["explanation"] == "<p>Because the explanation says so.</p>"
    assert single["points"] == 1 and single["shuffle"] is True
    assert single["reviews"] == [["Lesson <one>", "../lesson-one/"]]
    assert multiple["type"] == "multiple"
    assert multiple["points"] == 3 and multiple["partialCredit"] is True
    assert multiple["reviews"] == [["Lesson two", "../lesson-two/"], ["Lesson <one>", "../lesson-one/"]]
    assert ordering["type"] == "ordering"
    assert ordering["steps"][1]["feedback"] == "<p>Second goes second.</p>" and ordering["steps"][0]["feedback"] is None
    assert matching["type"] == "matching"
    assert [o["match"] for o in matching["pairs"]] == matching["choices"][:2] and len(matching["choices"]) == 3
    assert matching["pairs"][0]["feedback"] == "<p>Pair one feedback.</p>"
    assert rp["type"] == "roleplay"
    assert rp["points"] == 11 and rp["start"] == "s1"
    assert rp["steps"]["s1"]["choices"][0] == {
        "text": "Greedy",
        "points": 5,
        "feedback": "<p>Greedy feedback.</p>",
        "next": "s2",
    }
    assert rp["endings"]["good"] == {
        "title": "Good ending title",
        "outcome": "success",
        "text": "<p>Good ending text.</p>",
        "score": None,
    }
    assert rp["scoring"] == "path"


def test_blob_is_not_plain_json_or_base64_json() -> None:
    import base64

    fragment = render_quiz(make_quiz(), context())
    raw = base64.b64decode(blob_of(fragment))
    assert b"correct" not in raw and b"feedback" not in raw and not raw.startswith(b"{")
    with pytest.raises(ValueError):
        decode_blob(blob_of(fragment), "demo:000000000000")


def test_blob_is_compressed_then_obfuscated_as_the_runtime_undoes_it() -> None:
    # quiz.js: base64 → XOR with the key → DecompressionStream("deflate-raw") → JSON.
    import base64
    import zlib

    from generator.pages import quiz_html

    quiz = load_course(FIXTURE).quizzes["alpha-quiz"]
    ctx = context()
    blob = blob_of(render_quiz(quiz, ctx))
    packed = quiz_html._xor_keystream(base64.b64decode(blob), blob_seed(quiz))
    raw = zlib.decompress(packed, wbits=-15)
    assert json.loads(raw) == quiz_data(quiz, ctx)
    # Compressed before the XOR, so it is much smaller than the JSON; XOR-ed bytes would not shrink.
    assert len(packed) < len(raw) / 2


# ------------------------------------------------------------ hashes, scores


def test_content_hash_is_stable_and_tracks_content() -> None:
    a, b = make_quiz(), make_quiz()
    assert content_hash(a) == content_hash(b)
    assert re.fullmatch(r"[0-9a-f]{12}", content_hash(a))
    changed = make_quiz(title="Demo, edited")
    assert content_hash(changed) != content_hash(a)

    # The order a trainer writes the fields in is not content.
    def reverse(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: reverse(value[key]) for key in reversed(value)}
        return [reverse(item) for item in value] if isinstance(value, list) else value

    shuffled = Quiz.model_validate(reverse(a.model_dump(mode="json", exclude_defaults=True)))
    assert content_hash(shuffled) == content_hash(a)
    # Same content from YAML on disk: same hash on every load.
    first = content_hash(load_course(FIXTURE).quizzes["alpha-quiz"])
    assert first == content_hash(load_course(FIXTURE).quizzes["alpha-quiz"])
    # Rendering is deterministic too, so a rebuild changes nothing.
    quiz = load_course(FIXTURE).quizzes["alpha-quiz"]
    assert render_quiz(quiz, context()) == render_quiz(quiz, context())


def test_roleplay_max_is_the_best_path_total() -> None:
    rp = make_quiz().questions[4]
    assert isinstance(rp, RolePlay)
    assert roleplay_max(rp) == 11  # not the greedy 5 + 0
    alpha = load_course(FIXTURE).quizzes["alpha-quiz"].questions[4]
    assert isinstance(alpha, RolePlay)
    assert roleplay_max(alpha) == 6


def test_quiz_settings_are_on_the_root() -> None:
    quiz = make_quiz(draw=3)
    fragment = render_quiz(quiz, context(pass_mark=55, course_id="sales-101"))
    root = parse(fragment).tags[0][1]
    assert root["data-quiz"] == "demo" and root["data-course"] == "sales-101"
    assert root["data-pass"] == "55" and root["data-draw"] == "3"
    assert root["data-hash"] == content_hash(quiz)


# ----------------------------------------------------------------- UI strings


@pytest.mark.parametrize("table", [QUIZ, PAGE, PROGRESS], ids=["quiz", "page", "progress"])
def test_every_language_has_every_string_with_the_same_placeholders(table: dict[str, dict[str, str]]) -> None:
    assert set(LANGUAGES) == set(table) == {"en", "de", "fr", "es"}
    english = table["en"]
    for language in LANGUAGES:
        strings = table[language]
        assert set(strings) == set(english), language
        for key, text in strings.items():
            assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", english[key])), (language, key)
            assert text.strip() == text and text


def test_keys_are_unique_across_the_tables_so_one_flat_override_reaches_any() -> None:
    keys = [key for table in (QUIZ, PAGE, PROGRESS) for key in table["en"]]
    assert len(keys) == len(set(keys))


def test_ui_strings_pick_language_and_apply_overrides() -> None:
    assert strings_for("de").quiz["check"] == "Antwort prüfen"
    assert strings_for("fr-CA").quiz["check"] == "Vérifier la réponse"
    assert strings_for("es_MX").quiz["check"] == "Comprobar respuesta"
    assert strings_for("pt").quiz == QUIZ["en"]
    custom = strings_for("en", {"check": "Submit", "passed": "Well done"}).quiz
    assert custom["check"] == "Submit" and custom["passed"] == "Well done"
    assert QUIZ["en"]["check"] == "Check answer", "overrides do not leak into the defaults"


def test_every_word_on_a_page_is_overridable_by_one_flat_key() -> None:
    words = strings_for("de", {"takeaways": "Das Wichtigste", "mark_done": "Erledigt", "check": "Prüfen"})
    assert words.page["takeaways"] == "Das Wichtigste"
    assert words.progress["mark_done"] == "Erledigt"
    assert words.quiz["check"] == "Prüfen"
    assert words.page["sources"] == strings_for("de").page["sources"], "the rest stays German"


def test_unknown_override_key_is_named() -> None:
    with pytest.raises(ValueError) as error:
        strings_for("en", {"chek": "Submit"})
    message = str(error.value)
    assert "'chek'" in message and "check" in message and "retry_all" in message


def test_strings_reach_the_runtime_in_the_site_language() -> None:
    fragment = render_quiz(make_quiz(), context(strings=strings_for("de").quiz))
    root = parse(fragment).tags[0][1]
    strings = json.loads(root["data-strings"] or "")
    assert strings["retry_all"] == "Das ganze Quiz wiederholen"
    # What the runtime shows when the quiz's data does not decode travels with the others.
    assert strings["broken"].startswith("Dieses Quiz konnte nicht geladen werden.")
    assert "Frage 1 von 5" in fragment and ">Antwort prüfen</button>" in fragment


def test_keystream_is_the_key_repeated_at_every_size() -> None:
    # _xor_keystream XORs as one big integer, for speed; it must be byte i XOR key byte i % 256,
    # as the runtime does it. (The key itself is quiz.js's: tests/browser/test_runtime_twins.py.)
    from generator.pages import quiz_html

    rng = random.Random(7)
    for size in [1, 3, 255, 256, 257, 8193, 40000] * 6:
        seed = f"quiz-{size}:{rng.getrandbits(48):012x}"
        data = rng.randbytes(size)
        key = quiz_html._key(seed)
        assert len(key) == quiz_html.KEY_BYTES
        expected = bytes(b ^ key[i % quiz_html.KEY_BYTES] for i, b in enumerate(data))
        assert quiz_html._xor_keystream(data, seed) == expected, size
        assert quiz_html._xor_keystream(expected, seed) == data
