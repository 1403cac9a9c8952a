"""`coursegen build --engine`: which engine builds, what a missing one says, output safety with each,
and every URL of every built page resolving under each engine, at the root and under a sub-path,
with and without directory URLs (real builds of the mini course; the browser walk of the bundled
course is tests/browser/test_engines.py)."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import yaml
from test_build import snapshot
from test_output_safety import invoke

from generator.engines.engine_runner import ENGINES, choose_engine, missing_message
from generator.engines.output import MARKER
from generator.engines.site_build import EngineError
from generator.pages.quiz_html import decode_blob


def block(monkeypatch: pytest.MonkeyPatch, *engines: str) -> None:
    """Make `engines` unimportable, as on a machine where they are not installed (None in
    sys.modules is Python's own "no such module")."""
    for engine in engines:
        monkeypatch.setitem(sys.modules, engine, None)


def test_the_default_engine_is_the_first_installed_of_mkdocs_properdocs_zensical(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert ENGINES == ("mkdocs", "properdocs", "zensical")
    assert choose_engine(None) == "mkdocs"
    block(monkeypatch, "mkdocs")
    assert choose_engine(None) == "properdocs"
    block(monkeypatch, "properdocs")
    assert choose_engine(None) == "zensical"
    block(monkeypatch, "zensical")
    with pytest.raises(EngineError, match="no engine is installed"):
        choose_engine(None)


@pytest.mark.parametrize("engine", ENGINES)
def test_an_engine_asked_for_is_used_when_installed(engine: str) -> None:
    assert choose_engine(engine) == engine


@pytest.mark.parametrize("engine", ENGINES)
def test_a_missing_engine_is_one_line_naming_how_to_install_it(
    mini: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    block(monkeypatch, engine)
    code, lines = invoke(mini, "build", "--engine", engine)
    assert code == 1
    assert lines == [f"error: {missing_message(engine)}; nothing was written."]
    assert f"pip install {engine}" in lines[0]
    assert not (mini / "site").exists()


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("target", "why"), [(".", "holds the project itself"), ("course", "overlaps")])
def test_each_engine_refuses_a_target_that_holds_the_sources(mini: Path, engine: str, target: str, why: str) -> None:
    before = snapshot(mini)
    code, lines = invoke(mini, "build", "--engine", engine, "-d", target)
    assert code == 1
    assert len(lines) == 1 and why in lines[0] and lines[0].endswith("nothing was written."), lines
    assert snapshot(mini) == before


@pytest.mark.parametrize("engine", ENGINES)
def test_each_engine_leaves_a_folder_coursegen_did_not_write_alone(mini: Path, tmp_path: Path, engine: str) -> None:
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "plan.txt").write_text("my plan")
    code, lines = invoke(mini, "build", "--engine", engine, "-d", str(mine))
    assert code == 1 and "was not written by coursegen, so it is left alone" in lines[0], lines
    assert sorted(p.name for p in mine.iterdir()) == ["plan.txt"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_failed_build_with_each_engine_leaves_the_previous_site(mini: Path, engine: str) -> None:
    code, lines = invoke(mini, "build", "--engine", engine)
    assert code == 0 and lines[-1] == f"built {mini / 'site'} with {engine}", lines
    assert (mini / "site" / MARKER).is_file()
    before = snapshot(mini / "site")
    # The course is fine; the engine fails while building (every engine loads the extensions then).
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text() + "markdown_extensions:\n  - no_such_markdown_extension\n")
    code, lines = invoke(mini, "build", "--engine", engine)
    assert code == 1
    assert lines[-1] == "The build failed; the previous site is unchanged.", lines
    assert snapshot(mini / "site") == before
    assert not [p for p in mini.iterdir() if p.name.startswith(".site")], "staging folders are cleaned up"


def test_a_site_one_engine_built_is_replaced_by_another(mini: Path) -> None:
    for engine in (*ENGINES, ENGINES[0]):
        code, lines = invoke(mini, "build", "--engine", engine)
        assert code == 0, lines
        generator = re.search(r'<meta name="generator" content="([^"]*)"', (mini / "site/index.html").read_text())
        assert generator and engine in generator[1].lower(), (engine, generator)


# ------------------------------------------------------------- every URL resolves

_ATTRIBUTE = re.compile(r'\b(?:href|src|data-js)="([^"]*)"')
_DASHBOARD = re.compile(r'class="cg-(?:dash|certpage)" data-course="([^"]*)"')
_QUIZ = re.compile(r'data-quiz="([^"]+)"[^>]*data-hash="([^"]+)"[^>]*data-key="([^"]+)"')


def served_at(site: Path, file: Path, base: str) -> str:
    path = file.relative_to(site).as_posix()
    return base + (path[: -len("index.html")] if path.endswith("index.html") else path)


def urls_on(page: str) -> list[str]:
    """What the page names: links and assets, results.js, the dashboard's and the quizzes' own links."""
    found = [html.unescape(u) for u in _ATTRIBUTE.findall(page)]
    for blob in _DASHBOARD.findall(page):
        data = json.loads(html.unescape(blob))
        found += [item["u"] for module in data["m"] for item in module["i"]]
        found += [u for u in (data["f"] and data["f"]["u"], data["cert"]) if u]
    for quiz_id, digest, key in _QUIZ.findall(page):
        data = decode_blob(key, f"{html.unescape(quiz_id)}:{digest}")
        found += [url for q in data["questions"] for _, url in q.get("reviews", [])]
    return found


def broken_urls(site: Path, base: str) -> list[str]:
    """Every URL on every page of `site` (served at `base`) that leaves the site or names no file."""
    origin = urljoin(base, "/")
    broken = []
    for file in site.rglob("*.html"):
        here = served_at(site, file, base)
        for ref in urls_on(file.read_text(encoding="utf-8")):
            target = urldefrag(urljoin(here, ref)).url
            if not target.startswith(origin):
                continue  # another server: a source's web page, Material's or Zensical's own links
            path = urlsplit(target).path
            if not path.startswith(urlsplit(base).path):
                broken.append(f"{file.relative_to(site)}: {ref} (outside {base})")
                continue
            local = site / path[len(urlsplit(base).path) :]
            if path.endswith("/"):
                local = local / "index.html"
            if not local.is_file():
                broken.append(f"{file.relative_to(site)}: {ref}")
    return broken


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "html-urls"])
@pytest.mark.parametrize(
    "base", ["http://127.0.0.1:8000/", "http://127.0.0.1:8000/training/"], ids=["root", "sub-path"]
)
@pytest.mark.parametrize("engine", ENGINES)
def test_every_url_on_every_page_resolves(mini: Path, engine: str, base: str, directory_urls: bool) -> None:
    config = mini / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text().replace("!ENV ", ""))
    assert "use_directory_urls" not in settings
    config.write_text(config.read_text() + f"use_directory_urls: {str(directory_urls).lower()}\n")
    code, lines = invoke(mini, "build", "--engine", engine, "--site-url", base)
    assert code == 0, lines
    site = mini / "site"
    pages = [p.relative_to(site).as_posix() for p in site.rglob("*.html")]
    assert ("basics/first-lesson/index.html" in pages) == directory_urls
    assert ("basics/first-lesson.html" in pages) != directory_urls
    assert broken_urls(site, base) == []
    quiz_page = (site / ("final-check/index.html" if directory_urls else "final-check.html")).read_text()
    # Every engine's pages hold relative URLs, whatever the site_url: the site works wherever it is copied.
    assert 'src="../assets/coursegen/quiz.js"' in quiz_page or 'src="assets/coursegen/quiz.js"' in quiz_page


@pytest.mark.parametrize("engine", ENGINES)
def test_a_site_built_without_a_site_url_works_at_the_root_and_under_a_sub_path(mini: Path, engine: str) -> None:
    config = mini / "mkdocs.yml"
    config.write_text("".join(line for line in config.read_text().splitlines(True) if "site_url" not in line))
    code, lines = invoke(mini, "build", "--engine", engine)
    assert code == 0, lines
    # 404.html is the exception: served for any missing address, it can only use root-relative
    # URLs, which without a site_url start at the server's root (as every engine writes it).
    (mini / "site" / "404.html").unlink()
    for base in ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/training/", "http://127.0.0.1:8000/a/b/"):
        assert broken_urls(mini / "site", base) == [], base
    assert not re.search(r'(?:href|src)="/(?!/)', "".join(p.read_text() for p in (mini / "site").rglob("*.html")))


def test_broken_urls_finds_a_link_an_engine_moved(mini: Path, tmp_path: Path) -> None:
    """The checker itself: a link written relative to the page, as an engine that rewrote it would leave it."""
    assert invoke(mini, "build", "--site-url", "http://127.0.0.1:8000/training/")[0] == 0
    lesson = mini / "site" / "basics" / "first-lesson" / "index.html"
    assert 'href="../basics-quiz/"' in lesson.read_text()
    lesson.write_text(lesson.read_text().replace('href="../basics-quiz/"', 'href="../../basics-quiz/"', 1))
    assert broken_urls(mini / "site", "http://127.0.0.1:8000/training/") == [
        "basics/first-lesson/index.html: ../../basics-quiz/"
    ]


@pytest.mark.parametrize("relative_links", [False, True], ids=["zensical", "mkdocs"])
def test_render_without_a_site_url_is_portable_on_the_engine_it_is_written_for(
    mini: Path, tmp_path: Path, relative_links: bool
) -> None:
    """`coursegen render` (quizzes inline, so the engine reads their HTML too) writes relative
    URLs: by default as Zensical reads them, with --relative-links as MkDocs and ProperDocs do."""
    config = mini / "mkdocs.yml"
    config.write_text("".join(line for line in config.read_text().splitlines(True) if "site_url" not in line))
    out = tmp_path / "plain"
    assert invoke(mini, "render", str(out), *(["--relative-links"] if relative_links else []))[0] == 0
    engine = ["mkdocs"] if relative_links else ["zensical"]
    result = subprocess.run(
        [sys.executable, "-m", *engine, "build", "-f", str(out / "mkdocs.yml")],
        cwd=out,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (out / "site" / "404.html").unlink()  # root-relative by nature, see above
    for base in ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/training/"):
        assert broken_urls(out / "site", base) == [], base
