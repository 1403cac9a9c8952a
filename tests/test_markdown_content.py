"""What trainers expect of Material in a Markdown field: tables, rules, callouts, definition
lists, footnotes, pictures and links to lessons, written right from every page."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.model.outline import Outline, OutlineItem
from generator.pages.addresses import Links
from generator.pages.markdown import MarkdownRenderer
from generator.read.yaml_source import parse_text

OUTLINE = Outline(
    modules=(),
    items=(
        OutlineItem("dimmer", "lesson", None, "Dimmer", "mod/dimmer.md"),
        OutlineItem("ladder", "lesson", None, "Ladder", "mod/ladder.md"),
    ),
    objective_lesson={},
    objective_questions={},
)
LESSONS = {"dimmer", "ladder"}


def render(text: str, src: str = "mod/ladder.md", *, directory_urls: bool = True, base: str | None = None) -> str:
    links = Links(OUTLINE, directory_urls, base)
    return MarkdownRenderer().for_page(links, src, LESSONS).block(text)


def test_a_table_is_a_table_and_three_dashes_a_rule() -> None:
    out = render("| Stage | Says |\n|---|---|\n| Renewal | Price |\n\nAbove\n\n---\n\nBelow")
    assert "<table><thead><tr><th>Stage</th><th>Says</th></tr></thead><tbody>" in out
    assert "<td>Renewal</td><td>Price</td>" in out
    assert "<hr />" in out
    assert "|" not in out


def test_a_callout_is_materials_admonition() -> None:
    out = render('Read on.\n\n!!! tip "Ask *first*"\n    Ask what the customer **values**.\n\n    - one\n\nAfter.')
    assert out == (
        "<p>Read on.</p>\n"
        '<div class="admonition tip"><p class="admonition-title">Ask *first*</p>'
        "<p>Ask what the customer <strong>values</strong>.</p>\n<ul>\n<li>one</li>\n</ul></div>\n"
        "<p>After.</p>"
    )


def test_a_callout_without_a_title_takes_its_kinds_name_and_a_fence_is_left_alone() -> None:
    assert render("!!! warning\n    Careful.") == (
        '<div class="admonition warning"><p class="admonition-title">Warning</p><p>Careful.</p></div>'
    )
    assert "admonition" not in render("```\n!!! note\n    not a callout\n```")


def test_definition_lists_and_footnotes_with_ids_of_their_own() -> None:
    out = render("Trust\n: Built slowly.\n\nA claim[^1].\n\n[^1]: A source.")
    assert "<dl>\n<dt>Trust</dt>\n<dd>Built slowly.</dd>\n</dl>" in out
    ref = out.split('<a href="#')[1].split('"')[0]
    assert ref.startswith("fn-") and f'id="{ref}"' in out
    # Another field on the same page numbers its footnotes from 1 too: the ids differ.
    assert ref not in render("Other[^1].\n\n[^1]: Else.")


@pytest.mark.parametrize(
    "written",
    ["images/value ladder.png", "<images/value ladder.png>", "images/value%20ladder.png", "./images/value ladder.png"],
)
@pytest.mark.parametrize(
    ("src", "directory_urls", "base", "url"),
    [
        ("mod/ladder.md", True, None, "../../images/value%20ladder.png"),
        ("mod/ladder.md", False, None, "../images/value%20ladder.png"),
        ("index.md", True, None, "images/value%20ladder.png"),
        ("final.md", True, None, "../images/value%20ladder.png"),
        ("mod/ladder.md", True, "/training/", "/training/images/value%20ladder.png"),
    ],
)
def test_a_picture_in_the_course_folder_is_found_from_every_page(
    written: str, src: str, directory_urls: bool, base: str | None, url: str
) -> None:
    out = render(f"![The value ladder]({written})", src, directory_urls=directory_urls, base=base)
    assert out == f'<p><img src="{url}" alt="The value ladder" /></p>'


def test_links_to_lessons_by_id_or_file() -> None:
    assert render("[dimmer](lesson:dimmer)") == '<p><a href="../dimmer/">dimmer</a></p>'
    assert render("[dimmer](dimmer.md)") == '<p><a href="../dimmer/">dimmer</a></p>'
    assert render("[dimmer](lesson:dimmer)", base="/t/") == '<p><a href="/t/mod/dimmer/">dimmer</a></p>'
    # A site without the lesson (the facilitator edition) keeps the words, unlinked.
    facilitator = MarkdownRenderer().for_page(Links(OUTLINE, True), "quizzes/q.md", ())
    assert facilitator.block("See [the dimmer](lesson:dimmer).") == "<p>See the dimmer.</p>"


def test_web_links_and_anchors_are_left_as_written() -> None:
    assert render("[a](https://example.org/x)") == (
        '<p><a href="https://example.org/x" rel="noopener noreferrer">a</a></p>'
    )
    assert render("[top](#top)") == '<p><a href="#top">top</a></p>'


def test_without_a_page_urls_stay_as_written() -> None:
    assert MarkdownRenderer().block("![A](images/a.png)") == '<p><img src="images/a.png" alt="A" /></p>'


def test_the_readme_example_renders_as_it_says() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Writing the text", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    body = parse_text(textwrap.dedent(example), "README.md").data[0]["body"]
    out = render(body)
    assert '<img src="../../images/value%20ladder.png" alt="The value ladder: price, service, partnership" />' in out
    assert "<th>Stage</th><th>What the customer asks</th>" in out
    assert '<div class="admonition tip"><p class="admonition-title">Before you answer</p>' in out
