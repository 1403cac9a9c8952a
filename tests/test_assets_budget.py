"""The quiz runtime's weight: at most 8 KB of JS + CSS (gzip -9) on a quiz page, nothing elsewhere."""

from __future__ import annotations

import gzip
import re
from importlib import resources
from pathlib import Path

from generator.engines.plain_project import render_project

BUDGET = 8 * 1024
FIXTURE = Path(__file__).parent / "fixtures" / "quizcourse"


def gzipped(name: str) -> int:
    data = (resources.files("generator") / "assets" / name).read_bytes()
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def test_runtime_fits_the_budget() -> None:
    js, css = gzipped("quiz.js"), gzipped("quiz.css")
    assert js + css <= BUDGET, f"quiz.js {js} B + quiz.css {css} B gzipped = {js + css} B > {BUDGET} B"


def test_runtime_is_loaded_only_by_quiz_pages(tmp_path: Path) -> None:
    render_project(FIXTURE, tmp_path / "out")
    docs = tmp_path / "out" / "docs"
    pages = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    quizzes = {"first/alpha-quiz.md", "second/beta-quiz.md", "final-check.md"}
    assert quizzes <= set(pages)
    for src, text in pages.items():
        assets = re.findall(r'(?:src|href)="([^"]*coursegen/quiz\.(?:js|css))"', text)
        if src in quizzes:
            assert sorted(a.rsplit("/", 1)[-1] for a in assets) == ["quiz.css", "quiz.js"], src
            # Nothing inline: the only script is the cacheable module, and no style attribute.
            assert text.count("<script") == 1 and "<style" not in text and "style=" not in text, src
        elif src == "review.md":
            # The review page (issue 26) runs its review with the same runtime, and its controller beside it.
            assert sorted(a.rsplit("/", 1)[-1] for a in assets) == ["quiz.css", "quiz.js"], src
            assert text.count("<script") == 2 and "<style" not in text and "style=" not in text, src
        else:
            assert assets == [] and "cg-quiz" not in text, src


def test_runtime_source_stays_self_contained() -> None:
    js = (resources.files("generator") / "assets" / "quiz.js").read_text(encoding="utf-8")
    css = (resources.files("generator") / "assets" / "quiz.css").read_text(encoding="utf-8")
    # No framework, no other host, no inline style or script injected by the runtime.
    assert not re.search(
        r"\bimport\b|\brequire\(|https?://|fetch\(|XMLHttpRequest|\.style\b|innerHTML\s*=\s*['`]<script", js
    )
    assert "@import" not in css and "url(" not in css
