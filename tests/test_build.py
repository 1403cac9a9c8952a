"""Real builds in a temporary folder: the plugin, `coursegen render` + plain MkDocs, and failure safety."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
EXPECTED_PAGES = [
    "index.html",
    "basics/first-lesson/index.html",
    "basics/basics-quiz/index.html",
    "final-check/index.html",
]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=120)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_mkdocs_build_with_the_plugin(mini: Path) -> None:
    result = run("-m", "mkdocs", "build", "--strict", cwd=mini)
    assert result.returncode == 0, result.stderr
    site = mini / "site"
    for page in EXPECTED_PAGES:
        assert (site / page).is_file(), page
    home = (site / "index.html").read_text()
    # Every lesson and quiz is in the navigation, in the outline's order.
    nav = [home.index(f'href="{href}"') for href in ("basics/first-lesson/", "basics/basics-quiz/", "final-check/")]
    assert nav == sorted(nav)
    assert (site / "assets/coursegen/quiz.js").is_file()
    assert not list(site.rglob("*.yaml")), "course YAML must not be published"


def test_render_builds_with_plain_mkdocs_and_no_plugin(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "plain"
    result = run("-m", "generator", "render", str(out), cwd=mini)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((out / "mkdocs.yml").read_text())
    assert "coursegen" not in str(config["plugins"])
    assert config["nav"][0] == {"Overview": "index.md"}
    result = run("-m", "mkdocs", "build", "--strict", "-f", str(out / "mkdocs.yml"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for page in EXPECTED_PAGES:
        assert (out / "site" / page).is_file(), page


def _break(mini: Path) -> None:
    quiz = mini / "quizzes" / "basics-quiz.yaml"
    quiz.write_text(
        quiz.read_text().replace(
            "correct: true\n        feedback: You used", "correct: maybe\n        feedback: You used"
        )
    )
    lesson = mini / "course" / "lessons" / "first-lesson.yaml"
    lesson.write_text(lesson.read_text().replace("minutes: 5", "minutes: soon"))


def test_failed_coursegen_build_leaves_the_site_as_it_was(mini: Path) -> None:
    assert run("-m", "generator", "build", cwd=mini).returncode == 0
    before = snapshot(mini / "site")
    _break(mini)
    result = run("-m", "generator", "build", cwd=mini)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "course/lessons/first-lesson.yaml:4:10: minutes: must be a whole number, not the text 'soon'",
        "quizzes/basics-quiz.yaml:14:18: question 1 › option 2 › correct: must be true or false, not the text 'maybe'",
        "2 problems found; nothing was written.",
    ]
    assert snapshot(mini / "site") == before


def test_failed_mkdocs_build_leaves_the_site_as_it_was(mini: Path) -> None:
    assert run("-m", "mkdocs", "build", cwd=mini).returncode == 0
    before = snapshot(mini / "site")
    _break(mini)
    result = run("-m", "mkdocs", "build", cwd=mini)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "course/lessons/first-lesson.yaml:4:10: minutes: must be a whole number" in result.stderr
    assert snapshot(mini / "site") == before


def test_failure_late_in_the_build_also_leaves_the_site(mini: Path) -> None:
    # A strict-mode warning aborts MkDocs after it has started writing; coursegen
    # builds into a staging folder, so the old site survives that too.
    assert run("-m", "generator", "build", cwd=mini).returncode == 0
    before = snapshot(mini / "site")
    (mini / "course" / "broken.md").write_text("# Extra\n\n[dead](missing.md)\n")
    result = run("-m", "generator", "build", cwd=mini)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert snapshot(mini / "site") == before
    assert not [p for p in mini.iterdir() if p.name.startswith(".site")], "staging folders are cleaned up"


def test_check_reports_ok(mini: Path) -> None:
    result = run("-m", "generator", "check", cwd=mini)
    assert result.returncode == 0
    assert result.stdout.strip() == "ok: 1 module, 1 lesson, 3 quizzes, 8 questions"


def _articles(site: Path) -> dict[str, str]:
    pages = {}
    for page in sorted(site.rglob("*.html")):
        text = page.read_text()
        start, end = text.find("<article"), text.find("</article>")
        if start >= 0:
            pages[page.relative_to(site).as_posix()] = text[start:end]
    return pages


def test_plugin_puts_quizzes_in_after_markdown_with_the_same_result(mini: Path, tmp_path: Path) -> None:
    # The plugin keeps quiz HTML away from Markdown and puts it into each page
    # afterwards; a learner must get the same page as from `coursegen render` with the
    # plugin's kind of links (relative to each page).
    result = run("-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "with-plugin"), cwd=mini)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "plain"
    assert run("-m", "generator", "render", str(out), "--relative-links", cwd=mini).returncode == 0
    result = run("-m", "mkdocs", "build", "--strict", "-f", str(out / "mkdocs.yml"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with_plugin, plain = _articles(tmp_path / "with-plugin"), _articles(out / "site")
    assert sorted(with_plugin) == sorted(plain) and len(plain) >= 5
    for page, article in plain.items():
        assert with_plugin[page] == article, page
    quizzes = {page: article.count('class="cg-quiz"') for page, article in with_plugin.items()}
    assert quizzes["basics/first-lesson/index.html"] == 1 and quizzes["basics/basics-quiz/index.html"] == 1
    assert not any("cg-slot" in article for article in with_plugin.values())
    # Search finds the same in both: each quiz by its heading, never its answer options.
    index = (tmp_path / "with-plugin" / "search" / "search_index.json").read_text()
    plain_index = (out / "site" / "search" / "search_index.json").read_text()
    docs = [sorted(json.loads(text)["docs"], key=lambda d: d["location"]) for text in (index, plain_index)]
    assert docs[0] == docs[1]  # the same entries (built in another order)
    assert "Check the first lesson" in index and "Only in the closing email" not in index


def test_edit_this_page_opens_the_yaml_the_page_is_made_from(mini: Path) -> None:
    config = mini / "mkdocs.yml"
    text = config.read_text().replace(
        "features: [navigation.instant]", "features: [navigation.instant, content.action.edit]"
    )
    config.write_text(text + "repo_url: https://git.example.com/training/course\nedit_uri: edit/main/course/\n")
    assert run("-m", "mkdocs", "build", "--strict", cwd=mini).returncode == 0
    site = mini / "site"
    base = "https://git.example.com/training/course/edit/main/"
    for page, source in (
        ("basics/first-lesson/index.html", "course/lessons/first-lesson.yaml"),
        ("basics/basics-quiz/index.html", "quizzes/basics-quiz.yaml"),
        ("final-check/index.html", "quizzes/final-check.yaml"),
        ("index.html", "course/course.yaml"),
    ):
        assert f'href="{base}{source}"' in (site / page).read_text(), page


def test_a_theme_can_override_a_page_template(mini: Path, tmp_path: Path) -> None:
    overrides = mini / "theme" / "coursegen"
    overrides.mkdir(parents=True)
    template = (REPO / "generator" / "templates" / "lesson.md.j2").read_text()
    (overrides / "lesson.md.j2").write_text(template + "\n<p>Ask your coach about this lesson.</p>\n")
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("name: material", "name: material\n  custom_dir: theme"))
    assert run("-m", "mkdocs", "build", "--strict", cwd=mini).returncode == 0
    assert "Ask your coach" in (mini / "site" / "basics" / "first-lesson" / "index.html").read_text()
    assert "Ask your coach" not in (mini / "site" / "basics" / "basics-quiz" / "index.html").read_text()
    assert not (mini / "site" / "coursegen").exists(), "the override is a template, not a file of the site"
    out = tmp_path / "plain"
    assert run("-m", "generator", "render", str(out), cwd=mini).returncode == 0
    assert "Ask your coach" in (out / "docs" / "basics" / "first-lesson.md").read_text()
    assert not (out / "overrides" / "coursegen").exists()
