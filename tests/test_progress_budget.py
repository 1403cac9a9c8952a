"""The progress tracker's weight and placement.

A page without a quiz loads progress.js and the theme's small stylesheet and
nothing else: together under 1 KB gzipped (gzip -9, as served: the scripts are the
minified files `make runtime` builds from generator/assets/src/). The dashboard and certificate code loads only on the home
and certificate pages, results.js only on quiz pages (quiz.js brings it, so a
quiz page still holds one script).
"""

from __future__ import annotations

import gzip
import re
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


def test_a_quiz_page_with_the_tracker_stays_within_the_quiz_budget() -> None:
    names = ("quiz.js", "quiz.css", "results.js", "progress.js")
    total = sum(gzipped(served(n)) for n in names)
    # 8.5 KB since issue 22 (benchmarks/weights.py says why).
    assert total <= 8 * 1024 + 512, f"{names} are {total} B gzipped, over 8.5 KB"


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
    # As served: results.js and dashboard.js import the tracker, the one module they share at run
    # time (helpers are built into each script); nothing else is imported, from anywhere.
    for name in ("progress.js", "results.js", "dashboard.js"):
        js = served(name).decode("utf-8")
        imports = re.findall(r"""\bimport\s*(?:[^;"']*?\bfrom\s*)?["']([^"']+)["']""", js)
        assert imports == ([] if name == "progress.js" else ["./progress.js"]), (name, imports)
        assert "import(" not in js, name
        assert not re.search(r"https?://|fetch\(|XMLHttpRequest|\.style\b|innerHTML|eval\(|new Function", js), name
    css = served("dashboard.css").decode("utf-8")
    assert "@import" not in css and "url(" not in css


def test_sources_import_only_each_other() -> None:
    sources = REPO / "generator" / "assets" / "src"
    for path in sources.glob("*.js"):
        imports = re.findall(r"^import .* from '([^']+)'", path.read_text(encoding="utf-8"), re.MULTILINE)
        assert all(re.fullmatch(r"\./[a-z-]+\.js", i) and (sources / i).is_file() for i in imports), (
            path.name,
            imports,
        )
