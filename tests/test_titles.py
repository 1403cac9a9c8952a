"""Titles from YAML reach the engine as HTML, escaped once, wherever a theme prints them.

Material prints page titles and the site name unescaped (and runs a nav title
through `striptags`, which unescapes it, for <title>), so the core hands over
escaped titles: in `nav`, in each page's front matter, and in the site_name
`coursegen render` derives. What a browser makes of them, with and without
this repository's theme: tests/browser/test_xss.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils import meta

from generator.engines.plain_project import render_project
from generator.model.load import load_course
from generator.pages.course import front_matter_title, nav_title, render_course
from generator.pages.site_settings import SiteSettings

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
TITLE = 'Q&A: "partners" & the customer\'s </title><script>window.__pwned=1</script> &amp;'


@given(st.text(min_size=1, max_size=300))
def test_front_matter_gives_the_engine_any_title_escaped_as_in_the_nav(title: str) -> None:
    # MkDocs reads front matter with PyYAML and, if it cannot, silently leaves it in the page.
    page = f"---\n{front_matter_title(title)}\n---\n\n# Heading\n"
    markdown, data = meta.get_data(page)
    assert data == {"title": nav_title(title)}
    assert markdown == "# Heading\n"


def test_every_generated_page_but_the_home_names_its_title() -> None:
    rendered = render_course(load_course(FIXTURE), SiteSettings(language="en"))
    titles = {src: meta.get_data(text)[1].get("title") for src, text in rendered.pages.items()}
    assert titles == {
        "index.md": None,  # the home page's <title> is the site name
        "basics/first-lesson.md": "First lesson",
        "basics/basics-quiz.md": "Basics quiz",
        "final-check.md": "Final check",
        "certificate.md": "Certificate of completion",
    }


def _course_titled(tmp_path: Path, title: str, site_name: str | None) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(FIXTURE, root)
    outline = root / "course" / "course.yaml"
    outline.write_text(outline.read_text().replace("title: Mini course", f"title: {yaml.safe_dump(title)}", 1))
    config = root / "mkdocs.yml"
    lines = [line for line in config.read_text().splitlines() if not line.startswith("site_name:")]
    config.write_text("\n".join(([f"site_name: {site_name}"] if site_name else []) + lines) + "\n")
    return root


def test_render_derives_the_site_name_from_the_course_title_escaped(tmp_path: Path) -> None:
    render_project(_course_titled(tmp_path, TITLE, None), tmp_path / "out")
    config = yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text())
    assert config["site_name"] == nav_title(TITLE)
    assert config["site_name"] == (
        "Q&amp;A: &#34;partners&#34; &amp; the customer&#39;s "
        "&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt; &amp;amp;"
    )
    assert config["nav"][0] == {config["site_name"]: "index.md"}


def test_render_keeps_the_site_name_a_site_gives_itself(tmp_path: Path) -> None:
    # mkdocs.yml is the site's own configuration, read by MkDocs as it is written.
    render_project(_course_titled(tmp_path, TITLE, "Sales & Service"), tmp_path / "out")
    assert yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text())["site_name"] == "Sales & Service"
