"""The progress tracker's weight and placement.

A page without a quiz loads progress.js and the theme's small stylesheet and
nothing else: together under 1 KB gzipped (gzip -9, as served: runtime_assets()
minifies the scripts). The dashboard and certificate code loads only on the home
and certificate pages, results.js only on quiz pages (quiz.js brings it, so a
quiz page still holds one script).
"""

from __future__ import annotations

import gzip
import re
from importlib import resources
from pathlib import Path

from generator.engines.plain_project import render_project
from generator.pages.runtime_files import runtime_assets
from generator.pages.urls import ASSETS_DIR

BUDGET = 1024
REPO = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "quizcourse"
QUIZZES = {"first/alpha-quiz.md", "second/beta-quiz.md", "final-check.md"}
DASHBOARD = {"index.md", "certificate.md"}


def served(name: str) -> bytes:
    return runtime_assets()[f"{ASSETS_DIR}/{name}"]


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def coursegen_assets(text: str) -> list[str]:
    return sorted(a.rsplit("/", 1)[-1] for a in re.findall(r'(?:src|href)="([^"]*coursegen/[^"]+)"', text))


def test_what_a_page_without_a_quiz_loads_fits_in_1_kb() -> None:
    site_css = (REPO / "theme" / "assets" / "stylesheets" / "coursegen-site.css").read_bytes()
    size = gzipped(served("progress.js")) + gzipped(site_css)
    assert size <= BUDGET, f"progress.js and coursegen-site.css are {size} B gzipped, over {BUDGET} B"


def test_served_scripts_are_the_sources_minified() -> None:
    for name in ("progress.js", "results.js", "dashboard.js", "quiz.js"):
        source = (resources.files("generator") / "assets" / name).read_text(encoding="utf-8")
        js = served(name).decode("utf-8")
        assert len(js) < len(source) and "//" not in js.replace("://", ""), name
        # Every string the source holds reaches the browser untouched.
        code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("//"))
        for literal in re.findall(r"'[^'\n]*'|`[^`\n]*`", code):
            assert literal in js, (name, literal)
    assert served("dashboard.css") == (resources.files("generator") / "assets" / "dashboard.css").read_bytes()


def test_a_quiz_page_with_the_tracker_stays_within_the_quiz_budget() -> None:
    names = ("quiz.js", "quiz.css", "results.js", "progress.js")
    total = sum(gzipped(served(n)) for n in names)
    assert total <= 8 * 1024, f"{names} are {total} B gzipped, over 8 KB"


def test_each_page_loads_only_what_it_needs(tmp_path: Path) -> None:
    render_project(FIXTURE, tmp_path / "out")
    docs = tmp_path / "out" / "docs"
    pages = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    assert set(pages) >= QUIZZES | DASHBOARD
    for src, text in pages.items():
        assert "<style" not in text and "style=" not in text, src
        assert all(tag.startswith('<script type="module" src=') for tag in re.findall(r"<script[^>]*>", text)), src
        assert text.count('class="cg-pg"') == 1, src
        if src in QUIZZES:
            assert coursegen_assets(text) == ["quiz.css", "quiz.js"], src
            assert 'data-js="' in text and "results.js" in text, src
        elif src in DASHBOARD:
            assert coursegen_assets(text) == ["dashboard.css", "dashboard.js", "progress.js"], src
        else:
            assert coursegen_assets(text) == ["progress.js"], src
            assert 'class="cg-lc"' in text, src


def test_scripts_stay_self_contained() -> None:
    for name in ("progress.js", "results.js", "dashboard.js"):
        js = (resources.files("generator") / "assets" / name).read_text(encoding="utf-8")
        imports = re.findall(r"^import .* from '([^']+)'", js, re.MULTILINE)
        assert imports in ([], ["./progress.js"]), name
        assert not re.search(r"https?://|fetch\(|XMLHttpRequest|\.style\b|innerHTML|eval\(|new Function", js), name
    css = (resources.files("generator") / "assets" / "dashboard.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css
