"""The facilitator edition in Chromium: read by role and label, axe-clean, and printed without a cut map.

Two editions are built and served: the workshop fixture's, and the bundled course's (whatever
its wording: what the tests expect of it is computed from its YAML).

How "no map is cut across pages" is checked: the page is printed to PDF by Chromium itself
(page.pdf, print media, the edition's @page size). Chromium writes a PDF named destination,
with its page and height, for every element a link in the document points to; the test adds
hidden links (display: none, so no layout changes) to each map's SVG and to the caption right
after it, then reads both places from the PDF (pdf_places.py). A map is whole on one page
exactly when its top and the top of the caption below it are on the same page. A control test
shows the check fails when the stylesheet's break-inside rule is taken away from a map placed
across a page break.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from generator.engines.facilitator_site import build_facilitator
from generator.model.load import load_course
from generator.model.models import RolePlay

from .conftest import serving
from .pdf_places import Place, places

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "workshop"
ROOT = Path(__file__).resolve().parents[2]
EDITIONS = {"workshop": FIXTURE, "bundled": ROOT}
MARGINS = {"top": "14mm", "bottom": "14mm", "left": "12mm", "right": "12mm"}

# Links Chromium turns into named destinations; display: none leaves the layout as it was.
MARK_MAPS = """() => {
  const box = document.createElement('div');
  box.style.display = 'none';
  const ids = [...document.querySelectorAll('figure svg[role=img]')].map(svg => svg.id);
  for (const id of ids) for (const target of [id, id + '-caption']) {
    const a = document.createElement('a'); a.href = '#' + target; box.append(a);
  }
  document.body.append(box);
  return ids;
}"""


@dataclass
class Served:
    url: str  # ends with "/": the folder holding one edition per name in EDITIONS


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("facilitator")
    for name, source in EDITIONS.items():
        build_facilitator(source, root / name)
    with serving(lambda url: root) as server:
        yield Served(server.url)


def quiz_pages(source: Path) -> list[tuple[str, list[str]]]:
    """Every quiz page of an edition, with the ids of the maps it should show."""
    bundle = load_course(source)
    return [
        (f"quizzes/{quiz.id}/", [f"map-{quiz.id}-{q.id}" for q in quiz.questions if isinstance(q, RolePlay)])
        for quiz in bundle.quizzes.values()
    ]


def open_page(page: Page, served: Served, edition: str, path: str) -> None:
    page.goto(f"{served.url}{edition}/{path}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def printed_places(page: Page) -> tuple[list[str], dict[str, Place]]:
    ids: list[str] = page.evaluate(MARK_MAPS)
    page.emulate_media(media="print")
    # The edition's @page box: A4 with these margins (a browser's "Default" margins use them).
    pdf = page.pdf(format="A4", margin=MARGINS, print_background=True)
    return ids, places(pdf)


def test_a_facilitator_reads_answers_and_the_map_by_role_and_label(page: Page, served: Served) -> None:
    open_page(page, served, "workshop", "")
    expect(page.get_by_role("heading", level=1)).to_have_text("Answer key: Workshop course")
    page.get_by_role("article").get_by_role("link", name="Calls quiz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Calls quiz")
    expect(page.get_by_role("heading", name="Question 1: greet")).to_be_visible()
    right = page.get_by_role("listitem").filter(has_text="✔ Right answer")
    expect(right.filter(has_text="What happened, Dana?")).to_have_count(1)
    expect(right.filter(has_text="Let me tell you")).to_have_count(0)
    expect(page.get_by_role("listitem").filter(has_text="✘ Wrong answer").first).to_contain_text("Let me tell you")
    expect(page.get_by_role("table", name="The right pairs")).to_be_visible()
    roleplay_map = page.get_by_role("img", name=re.compile(r"^Map of the role-play late-delivery "))
    expect(roleplay_map).to_be_visible()
    expect(roleplay_map).to_have_accessible_name(
        re.compile(r"Best path, drawn with thick arrows: open:1 → listen:1 → won")
    )
    expect(
        page.get_by_role("listitem").filter(has_text="open:1 → listen:1 → won: 4 points, success · best")
    ).to_be_visible()
    box = roleplay_map.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_axe_finds_nothing_on_any_page_of_the_edition(page: Page, served: Served, edition: str) -> None:
    axe = Axe()
    for path in ["", *(path for path, _ in quiz_pages(EDITIONS[edition]))]:
        open_page(page, served, edition, path)
        violations = axe.run(page).response["violations"]
        assert violations == [], (path, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations])


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_printing_never_cuts_a_map_across_pages(page: Page, served: Served, edition: str) -> None:
    printed = 0
    for path, maps in quiz_pages(EDITIONS[edition]):
        if not maps:
            continue
        open_page(page, served, edition, path)
        ids, found = printed_places(page)
        assert ids == maps, path
        for map_id in ids:
            top, caption = found[map_id], found[f"{map_id}-caption"]
            assert top.page == caption.page and top.top < caption.top, (path, map_id, top, caption)
            printed += 1
        page.emulate_media(media="screen")
    assert printed == sum(len(maps) for _, maps in quiz_pages(EDITIONS[edition])) > 0


def test_the_print_check_sees_a_map_cut_when_nothing_keeps_it_on_one_page(page: Page, served: Served) -> None:
    # Chromium moves a picture that fits on a page to the next page whole; a map taller than a
    # page is what gets cut. Here the workshop's map is made three page-heights tall.
    open_page(page, served, "workshop", "quizzes/calls-quiz/")
    page.evaluate("""() => {
      const figure = document.querySelector('figure.cg-fac-map');
      const svg = figure.querySelector('svg');
      for (const [name, value] of [['width', 600], ['height', 3000], ['viewBox', '0 0 600 3000']])
        svg.setAttribute(name, value);
      document.querySelector('article').replaceChildren(figure);
    }""")
    (map_id,), kept = printed_places(page)
    # The print stylesheet scales it down to fit one page.
    assert kept[map_id].page == kept[f"{map_id}-caption"].page, kept
    page.add_style_tag(content=".cg-fac-map svg { max-height: none !important; }")
    _, cut = printed_places(page)
    assert cut[f"{map_id}-caption"].page > cut[map_id].page, cut
