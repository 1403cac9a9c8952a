"""Text from YAML can never run script in a learner's browser.

A course is generated with hostile text in every field a trainer can write,
built, served and used in Chromium: every page is opened, every question
answered and every piece of feedback revealed. Nothing may execute. Titles
reach the theme's own markup too, so they are also checked in sites built
without this repository's theme, the way anyone using coursegen may build one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import BrowserContext, Page, expect

from .conftest import Site, mkdocs_build

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
# One-line fields (titles) have a length limit, reach more places in the theme (<title>,
# navigation, aria-label) and are plain text (Markdown in one is refused), so they get their own mix.
LINE = (
    "</title><img src=x onerror=window.__pwned=1> \"'><svg onload=window.__pwned=1> <script>window.__pwned=1</script>"
)
P = " ".join(PAYLOADS)
THEME = Path(__file__).resolve().parents[2] / "theme"
# Sections keep every module's links on screen; the footer links to the pages before and after.
FEATURES = "navigation.instant, navigation.sections, navigation.footer"


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def hostile_course(root: Path, *, theme: bool = True, site_name: str | None = "Hostile", site_url: str = "") -> Path:
    """The hostile course in `root`; `theme`: built with this repository's custom_dir."""
    _write(
        root / "course" / "course.yaml",
        {
            "id": "hostile",
            "title": f"Course {LINE}",
            "version": "1.0",
            "description": P,
            "audience": P,
            "modules": [{"id": "m", "title": f"Module {LINE}", "summary": P, "lessons": ["l"], "quiz": "q"}],
            "final_assessment": "f",
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
            "examples": [{"title": f"Example {LINE}", "account": P, "stage": P, "body": P}],
            "exercise": {"title": f"Exercise {LINE}", "body": P},
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
    _write(
        root / "quizzes" / "f.yaml",
        {
            "id": "f",
            "title": f"Final {LINE}",
            "questions": [
                {
                    "id": "s",
                    "type": "single",
                    "prompt": P,
                    "options": [{**option, "correct": True}, {**option, "text": f"2 {P}"}],
                }
            ],
        },
    )
    custom_dir = f"custom_dir: {THEME}, " if theme else ""
    (root / "mkdocs.yml").write_text(
        (f"site_name: {site_name}\n" if site_name else "")
        + (f"site_url: {site_url}\n" if site_url else "")
        + "docs_dir: course\nexclude_docs: '*.yaml'\n"
        + f"theme: {{name: material, {custom_dir}font: false, features: [{FEATURES}]}}\n"
        + "plugins: [search, coursegen]\n"
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


def build_with_plugin(source: Path, out: Path) -> Path:
    return mkdocs_build(source / "mkdocs.yml", out)


@pytest.fixture(scope="module", params=["render", "plugin", "render+theme", "plugin+theme"])
def titled_site(
    request: pytest.FixtureRequest, site: Site, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, str]:
    """The hostile course built by `coursegen render` and plain MkDocs, or by the plugin; with
    this repository's theme or with Material alone. The rendered project gets no site_name,
    so coursegen derives it from the course title; MkDocs requires one from a site using the
    plugin. Returns the built site and its site name."""
    plugin, theme = request.param.startswith("plugin"), request.param.endswith("+theme")
    root = tmp_path_factory.mktemp("titled")
    if plugin:
        hostile_course(root, theme=theme, site_url=site.url)
        return build_with_plugin(root, tmp_path_factory.mktemp("titled-site")), "Hostile"
    return site.build(hostile_course(root, theme=theme, site_name=None)), f"Course {LINE}"


# Each page with its title and the titles of the pages before and after it.
PAGES = [
    ("", f"Course {LINE}", None, f"Lesson {LINE}"),
    # The home page's navigation entry (and so the footer's link to it) is "Overview".
    ("m/l/", f"Lesson {LINE}", "Overview", f"Quiz {LINE}"),
    ("m/q/", f"Quiz {LINE}", f"Lesson {LINE}", f"Final {LINE}"),
    ("f/", f"Final {LINE}", f"Quiz {LINE}", None),
    ("certificate/", "Certificate of completion", None, None),
]


def test_titles_read_as_text_wherever_the_theme_prints_them(
    request: pytest.FixtureRequest,
    site: Site,
    titled_site: tuple[Path, str],
    make_context: Callable[..., BrowserContext],
) -> None:
    built, site_name = titled_site
    build = request.node.callspec.params["titled_site"]
    page = make_context().new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with site.serving(built):
        for path, title, before, after in PAGES:
            page.goto(site.url + path)
            # <title>, the header, the logo's label: every one reads the text the trainer typed.
            expect(page).to_have_title(f"{title} - {site_name}" if path else site_name)
            # The home page's header names it as the navigation does ("Overview").
            expect(page.get_by_role("banner")).to_contain_text(title if path else "Overview")
            expect(page.get_by_role("link", name=site_name, exact=True, include_hidden=True).first).to_be_attached()
            expect(page.get_by_role("heading", level=1, name=title, exact=True)).to_be_visible()
            nav = page.get_by_role("navigation", name="Navigation")
            expect(nav.get_by_role("navigation", name=f"Module {LINE}", exact=True)).to_be_visible()
            for entry in (f"Lesson {LINE}", f"Quiz {LINE}", f"Final {LINE}"):
                expect(nav.get_by_role("link", name=entry, exact=True).first).to_be_visible()
            footer = page.get_by_role("contentinfo")
            for direction, other in (("Previous", before), ("Next", after)):
                if other is not None:
                    expect(footer).to_contain_text(other)
                    # Material alone labels these links with the title escaped twice; a
                    # rendered project has no plugin to mark its titles as HTML (README).
                    if build != "render":
                        expect(footer.get_by_role("link", name=f"{direction}: {other}", exact=True)).to_be_visible()
            assert page.evaluate("window.__pwned") is None, (build, path)
        # Material's search lists titles from its index, in its own markup.
        search = page.get_by_role("search")
        # Typed key by key: Material runs the query on keyup.
        search.get_by_role("textbox", name="Search").press_sequentially("Lesson")
        expect(search.get_by_role("heading", name=f"Lesson {LINE}", exact=True)).to_be_visible()
        assert page.evaluate("window.__pwned") is None, build
        # Instant navigation swaps the header and the title in place: still text, still inert.
        page.goto(site.url)
        page.get_by_role("navigation", name="Navigation").get_by_role("link", name=f"Lesson {LINE}").first.click()
        page.wait_for_url("**/m/l/")
        expect(page).to_have_title(f"Lesson {LINE} - {site_name}")
        expect(page.get_by_role("banner")).to_contain_text(f"Lesson {LINE}")
        assert page.evaluate("window.__pwned") is None, build
    assert dialogs == []
