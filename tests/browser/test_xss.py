"""Text from YAML can never run script in a learner's browser.

A course is generated with hostile text in every field a trainer can write,
built, served and used in Chromium: every page is opened, every question
answered and every piece of feedback revealed. Nothing may execute.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import BrowserContext, Page

from .conftest import Site

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "</script><script>window.__pwned=1</script>",
    "--><img src=x onerror=window.__pwned=1>",
    "\"'><svg onload=window.__pwned=1>",
    "[a](javascript:window.__pwned=1)",
    '<a href="javascript:window.__pwned=1">b</a>',
    "</div></fieldset>{{7*7}}",
]
# One-line fields (titles) have a length limit and reach more places in the
# theme (<title>, navigation, aria-label), so they get their own mix.
LINE = (
    "</title><img src=x onerror=window.__pwned=1> \"'><svg onload=window.__pwned=1> <script>window.__pwned=1</script>"
)
P = " ".join(PAYLOADS)
THEME = Path(__file__).resolve().parents[2] / "theme"


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def hostile_course(root: Path) -> Path:
    _write(
        root / "course" / "course.yaml",
        {
            "id": "hostile",
            "title": f"Course {LINE}",
            "version": "1.0",
            "description": P,
            "audience": P,
            "modules": [{"id": "m", "title": f"Module {LINE}", "summary": P, "lessons": ["l"], "quiz": "q"}],
        },
    )
    _write(
        root / "course" / "lessons" / "l.yaml",
        {
            "id": "l",
            "title": f"Lesson {LINE}",
            "summary": P,
            "minutes": 5,
            "objectives": [{"id": "o", "text": P}],
            "sections": [{"heading": f"Heading {LINE}", "body": P}],
            "examples": [{"title": P, "account": P, "stage": P, "body": P}],
            "exercise": {"title": P, "body": P},
            "reflection": P,
            "takeaways": [P],
            "sources": [{"author": P, "title": P, "note": P}],
        },
    )
    option = {"text": P, "feedback": P}
    _write(
        root / "quizzes" / "q.yaml",
        {
            "id": "q",
            "title": f"Quiz {LINE}",
            "intro": P,
            "questions": [
                {
                    "id": "s",
                    "type": "single",
                    "objectives": ["o"],
                    "scenario": P,
                    "prompt": f"single {P}",
                    "options": [{**option, "correct": True}, {**option, "text": f"2 {P}"}],
                    "explanation": P,
                },
                {
                    "id": "mu",
                    "type": "multiple",
                    "prompt": f"multiple {P}",
                    "options": [{**option, "correct": True}, {**option, "text": f"2 {P}"}],
                    "explanation": P,
                },
                {
                    "id": "or",
                    "type": "ordering",
                    "prompt": f"ordering {P}",
                    "items": [{"text": f"1 {P}", "feedback": P}, {"text": f"2 {P}", "feedback": P}],
                    "explanation": P,
                },
                {
                    "id": "ma",
                    "type": "matching",
                    "prompt": f"matching {P}",
                    "pairs": [
                        {"left": f"1 {P}", "right": f"a {P}", "feedback": P},
                        {"left": f"2 {P}", "right": f"b {P}", "feedback": P},
                    ],
                    "distractors": [f"c {P}"],
                    "explanation": P,
                },
                {
                    "id": "rp",
                    "type": "roleplay",
                    "scenario": P,
                    "prompt": f"roleplay {P}",
                    "start": "a",
                    "steps": [
                        {
                            "id": "a",
                            "customer": P,
                            "choices": [
                                {"text": f"1 {P}", "points": 1, "feedback": P, "next": "b"},
                                {"text": f"2 {P}", "feedback": P, "next": "bad"},
                            ],
                        },
                        {
                            "id": "b",
                            "customer": P,
                            "choices": [{"text": f"3 {P}", "points": 1, "feedback": P, "next": "good"}],
                        },
                    ],
                    "endings": [
                        {"id": "good", "title": f"Good {LINE}", "outcome": "success", "text": P},
                        {"id": "bad", "title": f"Bad {LINE}", "outcome": "failure", "text": P},
                    ],
                    "explanation": P,
                },
            ],
        },
    )
    (root / "mkdocs.yml").write_text(
        "site_name: Hostile\ndocs_dir: course\nexclude_docs: '*.yaml'\n"
        f"theme: {{name: material, custom_dir: {THEME}, font: false, features: [navigation.instant]}}\n"
        "plugins: [search, coursegen]\n"
    )
    return root


@pytest.fixture(scope="module")
def hostile_site(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site.build(hostile_course(tmp_path_factory.mktemp("hostile")))


def _answer_everything(page: Page) -> None:
    page.wait_for_function("performance.getEntriesByName('coursegen:quiz-ready').length >= 1")
    for group in page.get_by_role("group").all():
        if group.get_by_role("radio").count():
            group.get_by_role("radio").first.check()
        for box in group.get_by_role("checkbox").all():
            box.check()
        for select in group.get_by_role("combobox").all():
            select.select_option(index=1)
    for button in page.get_by_role("button", name="Check answer").all():
        button.click()
    for _ in range(3):
        choose = page.get_by_role("button", name="Choose")
        if not choose.count():
            break
        page.get_by_role("group", name="Your response").get_by_role("radio").first.check()
        choose.click()
    page.get_by_role("heading", name="Your result").wait_for()


def test_no_payload_executes_anywhere(
    site: Site, hostile_site: Path, make_context: Callable[..., BrowserContext]
) -> None:
    context = make_context()
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with site.serving(hostile_site):
        for path in ["", "m/l/", "m/q/"]:
            page.goto(site.url + path)
            if path == "m/q/":
                _answer_everything(page)
            assert page.evaluate("window.__pwned") is None, path
            # Payloads are shown as the text the trainer typed, not run or dropped.
            assert "window.__pwned=1" in page.inner_text("article"), path
            hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
            assert not [h for h in hrefs if "javascript:" in h.lower()], path
        # Navigating with Material's instant loading re-runs content scripts: still nothing.
        page.goto(site.url)
        page.get_by_role("link", name="Quiz").first.click()
        page.wait_for_url("**/m/q/")
        assert page.evaluate("window.__pwned") is None
    assert dialogs == []
