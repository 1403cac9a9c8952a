"""The progress tracker's weight and placement.

A page without a quiz loads progress.js and the theme's small stylesheet and
nothing else: together under 1 KB gzipped (gzip -9, as served: the scripts are the
minified files `make runtime` builds from generator/assets/src/). The dashboard and certificate code loads only on the home
and certificate pages, results.js only on quiz pages (quiz.js brings it, so a
quiz page still holds one script).
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.engines.plain_project import render_project
from generator.pages.runtime_files import runtime_assets
from generator.pages.urls import ASSETS_DIR

BUDGET = 1024
REPO = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "quizcourse"
QUIZZES = {"first/alpha-quiz.md", "second/beta-quiz.md", "final-check.md"}
DASHBOARD = {"index.md", "certificate.md"}
REVIEW = "review.md"  # spaced reviews (issue 26): on by default


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
    assert set(pages) >= QUIZZES | DASHBOARD | {REVIEW}
    for src, text in pages.items():
        assert "<style" not in text and "style=" not in text, src
        assert all(tag.startswith('<script type="module" src=') for tag in re.findall(r"<script[^>]*>", text)), src
        assert text.count('class="cg-pg"') == 1, src
        if src in QUIZZES:
            assert coursegen_assets(text) == ["quiz.css", "quiz.js"], src
            assert 'data-js="' in text and "results.js" in text, src
        elif src == REVIEW:
            # review.js imports the tracker; the quiz runtime it hands the review to brings no results.js.
            assert coursegen_assets(text) == ["quiz.css", "quiz.js", "review.js"], src
            assert 'data-js="' not in text, src
        elif src == "index.md":
            assert coursegen_assets(text) == ["dashboard.css", "dashboard.js", "progress.js", "review-due.js"], src
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


# What spaced reviews (issue 26) add to the pages that do not show them: the blocks marked
# `reinforcement:start` … `reinforcement:end` in the runtime's sources (the quiz runtime's hook for the
# review page's pick; the schedule's merge when a progress file is loaded), and nothing else (reviews
# have scripts of their own). Measured by building the runtime without those blocks, with the same
# esbuild command as `make runtime`, and weighing every script a page without reviews loads.
REVIEWS_ADD = 300
_BLOCK = re.compile(r"^[ \t]*// reinforcement:start.*?// reinforcement:end\n", re.MULTILINE | re.DOTALL)


def test_reviews_add_at_most_300_bytes_to_pages_without_them(tmp_path: Path) -> None:
    sources = tmp_path / "src"
    shutil.copytree(REPO / "generator" / "assets" / "src", sources)
    blocks = 0
    for path in sources.glob("*.js"):
        text = path.read_text(encoding="utf-8")
        blocks += len(_BLOCK.findall(text))
        path.write_text(_BLOCK.sub("", text), encoding="utf-8")
    assert blocks == 2, "the reinforcement blocks in the runtime's sources changed: update this test"
    script = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["scripts"]["runtime"]
    entries = [arg.rsplit("/", 1)[-1] for arg in script.split() if arg.startswith("generator/assets/src/")]
    options = [arg for arg in script.split()[1:] if arg.startswith("--") and not arg.startswith("--outdir")]
    esbuild = REPO / "node_modules" / ".bin" / "esbuild"
    if not esbuild.exists():
        pytest.fail("the runtime's build tools are missing: run `npm ci` (make test does)")
    result = subprocess.run(
        [str(esbuild), *(str(sources / e) for e in entries), *options, f"--outdir={tmp_path / 'out'}"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    without = {e: gzipped((tmp_path / "out" / e).read_bytes()) for e in entries}
    package = REPO / "generator" / "assets"
    added = {e: gzipped((package / e).read_bytes()) - without[e] for e in entries}
    print(f"bytes gzipped that reviews add, by script: {added}")
    # Per kind of page without reviews: a quiz page, the certificate page, a lesson page.
    pages = {
        "quiz": ("quiz.js", "results.js", "progress.js"),
        "certificate": ("dashboard.js", "progress.js"),
        "lesson": ("progress.js",),
    }
    for kind, names in pages.items():
        total = sum(added[n] for n in names)
        assert total <= REVIEWS_ADD, f"reviews add {total} B gzipped to a {kind} page, over {REVIEWS_ADD} B"
    assert added["progress.js"] == 0 and added["results.js"] == 0 and added["report.js"] == 0
