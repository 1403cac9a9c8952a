"""Every page keeps its address: no id, hand-written page or theme can silently replace or drop one."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_build import run, snapshot
from test_error_table import report

from generator.engines.plain_project import ConfigError, read_site_config, render_project
from generator.model.load import load_course
from generator.pages.course import MissingQuiz, render_course
from generator.pages.site_settings import SiteSettings
from generator.read.problems import CourseError


def _rename_final(mini: Path, new_id: str) -> None:
    old = mini / "quizzes" / "final-check.yaml"
    (mini / "quizzes" / f"{new_id}.yaml").write_text(old.read_text().replace("id: final-check", f'id: "{new_id}"'))
    old.unlink()
    outline = mini / "course" / "course.yaml"
    outline.write_text(outline.read_text().replace("final_assessment: final-check", f'final_assessment: "{new_id}"'))


@pytest.mark.parametrize(
    ("quiz_id", "page"),
    [
        ("index", "the course home page"),
        ("certificate", "the certificate page"),
        ("404", "the page shown for a missing address"),
    ],
)
def test_an_id_that_would_take_a_generated_page_is_refused(mini: Path, quiz_id: str, page: str) -> None:
    _rename_final(mini, quiz_id)
    assert report(mini) == [
        f"quizzes/{quiz_id}.yaml:1:5: id: the id '{quiz_id}' is taken by {page}; choose another id and rename the file"
    ]


def test_a_lesson_cannot_be_called_index_either(mini: Path) -> None:
    lessons = mini / "course" / "lessons"
    (lessons / "index.yaml").write_text(
        (lessons / "first-lesson.yaml").read_text().replace("id: first-lesson", "id: index")
    )
    (lessons / "first-lesson.yaml").unlink()
    outline = mini / "course" / "course.yaml"
    outline.write_text(outline.read_text().replace("lessons: [first-lesson]", "lessons: [index]"))
    assert report(mini) == [
        "course/lessons/index.yaml:1:5: id: the id 'index' is taken by the course home page; "
        "choose another id and rename the file"
    ]


CLASH = (
    "course/index.md:1:1: coursegen writes the course home page at this address, "
    "which would replace this file; rename or move it"
)


def test_render_refuses_a_hand_written_page_at_a_generated_address(mini: Path, tmp_path: Path) -> None:
    (mini / "course" / "index.md").write_text("# My own home page\n")
    with pytest.raises(CourseError) as caught:
        render_project(mini, tmp_path / "plain")
    assert [str(p) for p in caught.value.problems] == [CLASH]
    assert not (tmp_path / "plain").exists()


def test_the_plugin_refuses_it_too_and_keeps_the_old_site(mini: Path) -> None:
    assert run("-m", "mkdocs", "build", "--strict", cwd=mini).returncode == 0
    before = snapshot(mini / "site")
    (mini / "course" / "basics").mkdir()
    (mini / "course" / "basics" / "first-lesson.md").write_text("# Mine\n")
    result = run("-m", "generator", "build", cwd=mini)
    assert result.returncode == 1
    assert (
        "course/basics/first-lesson.md:1:1: coursegen writes a lesson or quiz page at this address, "
        "which would replace this file; rename or move it"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(mini / "site") == before


def test_a_quiz_whose_placeholder_the_engine_dropped_is_an_error(mini: Path) -> None:
    rendered = render_course(load_course(mini), SiteSettings(language="en", inline_quizzes=False))
    src = "basics/basics-quiz.md"
    assert rendered.fragments[src], "the quiz page has a quiz to put in place"
    with pytest.raises(
        MissingQuiz, match=r"^basics/basics-quiz\.md: the quiz 'basics-quiz' could not be put on its page"
    ):
        rendered.finish(src, "<html><body><h1>Basics quiz</h1></body></html>")
    placeholder = next(iter(rendered.fragments[src]))
    assert "cg-quiz" in rendered.finish(src, f"<main>{placeholder}</main>")


MATERIAL_EXTENSIONS = """
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def test_render_carries_materials_python_name_tags_over(mini: Path, tmp_path: Path) -> None:
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text() + MATERIAL_EXTENSIONS)
    out = tmp_path / "plain"
    render_project(mini, out)
    written = (out / "mkdocs.yml").read_text()
    assert "!!python/name:material.extensions.emoji.twemoji" in written
    assert "!!python/name:pymdownx.superfences.fence_code_format" in written
    # Read back as MkDocs reads it, the plain project builds.
    result = run("-m", "mkdocs", "build", "--strict", "-f", str(out / "mkdocs.yml"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (out / "site" / "index.html").is_file()


def test_a_broken_mkdocs_yml_is_one_located_line(mini: Path, tmp_path: Path) -> None:
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text() + "theme: [unclosed\n")
    with pytest.raises(ConfigError) as caught:
        read_site_config(config)
    assert str(caught.value).startswith("mkdocs.yml:")
    result = run("-m", "generator", "render", str(tmp_path / "plain"), cwd=mini)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("error: mkdocs.yml:"), result.stderr


def test_an_unknown_string_key_is_one_line_from_render_too(mini: Path, tmp_path: Path) -> None:
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - coursegen\n", "  - coursegen:\n      strings:\n        chek: Go\n")
    )
    result = run("-m", "generator", "render", str(tmp_path / "plain"), cwd=mini)
    assert result.returncode == 1
    assert result.stderr.startswith("error: mkdocs.yml: plugins.coursegen.strings: unknown UI string 'chek'")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
