"""The course's language (course.yaml) is the site's: mkdocs.yml need not say it again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main


@pytest.mark.parametrize("theme_language", ["", "  language: de\n"])
@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_a_german_course_is_a_german_site(
    mini: Path, monkeypatch: pytest.MonkeyPatch, theme_language: str, engine: str
) -> None:
    outline = mini / "course" / "course.yaml"
    outline.write_text(outline.read_text().replace("title: Mini course\n", "title: Mini course\nlanguage: de\n"))
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("  language: en\n", theme_language))
    monkeypatch.chdir(mini)
    result = CliRunner().invoke(main, ["build", "--engine", engine])
    assert result.exit_code == 0, result.output
    home = (mini / "site" / "index.html").read_text()
    assert '<html lang="de"' in home
    quiz = (mini / "site" / "basics" / "basics-quiz" / "index.html").read_text()
    assert "Antwort prüfen" in quiz and "Check answer" not in quiz
    if engine != "zensical":  # Zensical's search has no per-language stemmers
        # Material's search splits and stems German words: it read the language before the course's pages.
        assert json.loads((mini / "site" / "search" / "search_index.json").read_text())["config"]["lang"] == ["de"]
