"""The bundled course built by each engine (MkDocs, ProperDocs, Zensical), served at the root of a
server and under a sub-path, and walked in Chromium the same way: every page opens, every link and
asset it names answers, every quiz grades, no console error, no request off the machine, axe-core
clean. Each engine's site is built once without a site_url and served both at the root and under
/training/ (a portable site works wherever it is copied), and once more with the site_url of the
address it is served at (the canonical links and Material's instant navigation then engage).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Response

from generator.engines.engine_runner import ENGINES
from generator.model.models import Quiz, RolePlay

from .bundled import ROOT
from .conftest import COURSEGEN, PREFIX, serving
from .test_course_walk import BUNDLE, LESSONS, PAGES, answer, asked, locate, paths, url
from .test_quiz_runtime import focused_text, say, wait_ready

# Where each case serves the site, and whether it is built with the site_url of that address.
CASES = {"root": ("/", False), "sub-path": (PREFIX, False), "site-url": (PREFIX, True)}


def coursegen_build(engine: str, site_url: str | None, site: Path) -> Path:
    result = subprocess.run(
        [str(COURSEGEN), "build", "--engine", engine, "-d", str(site), *(["--site-url", site_url] if site_url else [])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith(f"with {engine}"), result.stdout
    return site


@pytest.fixture(scope="module")
def portable_sites() -> dict[str, Path]:
    """Each engine's site built without a site_url, once for the cases that serve it (filled lazily)."""
    return {}


@pytest.fixture(scope="module", params=[(e, c) for e in ENGINES for c in CASES], ids=lambda p: f"{p[0]}-{p[1]}")
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, portable_sites: dict[str, Path]
) -> Iterator[tuple[str, Path]]:
    """(the address the site is served at, the built site), for one engine and one case."""
    engine, case = request.param
    prefix, with_site_url = CASES[case]

    def build(address: str) -> Path:
        if with_site_url:
            return coursegen_build(engine, address, tmp_path_factory.mktemp(f"{engine}-{case}") / "site")
        if engine not in portable_sites:
            portable_sites[engine] = coursegen_build(engine, None, tmp_path_factory.mktemp(engine) / "site")
        return portable_sites[engine]

    with serving(build, prefix=prefix) as server:
        yield server.url, server.root


def page_addresses(base: str, site: Path) -> list[str]:
    """Every HTML page of the built site, as the address it is served at."""
    pages = []
    for file in sorted(site.rglob("*.html")):
        path = file.relative_to(site).as_posix()
        # 404.html is served for any missing address, so it can only name root-relative URLs:
        # the server's root without a site_url (what every engine writes); not a page to walk.
        if path != "404.html":
            pages.append(base + (path[: -len("index.html")] if path.endswith("index.html") else path))
    return pages


_REFERENCES = """() => [
  ...[...document.querySelectorAll('a[href], link[href]')].map((e) => e.href),
  ...[...document.querySelectorAll('script[src], img[src]')].map((e) => e.src),
  ...[...document.querySelectorAll('[data-js]')].map((e) => new URL(e.dataset.js, location.href).href),
]"""


def grade_one_question(page: Page, base: str, quiz: Quiz) -> None:
    """Answer one question of `quiz` right (from the YAML) and see the runtime grade it."""
    page.goto(url(base, quiz.id))
    wait_ready(page)
    q = asked(page, quiz)[0]
    if isinstance(q, RolePlay):
        said, ending_id, _ = max(paths(q), key=lambda p: p[2])
        box = locate(page, q)
        for text in said:
            say(box, text)
        ending = next(e for e in q.endings if e.id == ending_id)
        assert focused_text(page).startswith(f"{ending.title} — "), focused_text(page)
    else:
        answer(page, q, right=True)  # asserts the runtime says "Correct"


def test_every_link_resolves_and_every_quiz_grades(served: tuple[str, Path], page: Page) -> None:
    base, site = served
    failed: list[str] = []

    def on_response(response: Response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url} (loaded by {page.url})")

    page.on("response", on_response)
    addresses = page_addresses(base, site)
    assert base in addresses and len(addresses) > len(LESSONS)
    named: dict[str, str] = {}
    for address in addresses:
        page.goto(address)  # waits for the page's scripts, stylesheets and images
        for ref in page.evaluate(_REFERENCES):
            target = urldefrag(ref).url
            if target.startswith(base) or target.startswith(urljoin(base, "/")):
                named.setdefault(target, address)
    for target, where in sorted(named.items()):
        status = page.request.get(target).status
        if status != 200:
            failed.append(f"{status} {target} (named on {where})")
    assert not failed, "\n".join(failed)
    assert all(target.startswith(base) for target in named), [t for t in named if not t.startswith(base)]

    for quiz in BUNDLE.quizzes.values():
        grade_one_question(page, base, quiz)

    axe = Axe()
    for item in ["", LESSONS[0], next(iter(BUNDLE.quizzes))]:
        page.goto(url(base, item) if item else base)
        page.wait_for_load_state("networkidle")
        violations = axe.run(page).response["violations"]
        assert violations == [], (page.url, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations])


def test_pages_are_the_course_s(served: tuple[str, Path]) -> None:
    """Each engine publishes every generated page, and no template override or YAML file; the
    theme's search override gives each engine its own search box (Material's, named, or Zensical's)."""
    _, site = served
    for ref in PAGES.items:
        assert (site / ref.src.removesuffix(".md") / "index.html").is_file() or ref.src == "index.md", ref.src
    assert not list(site.rglob("*.yaml")) and not (site / "coursegen").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    generator = re.search(r'<meta name="generator" content="([^"]*)"', home)
    assert generator
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">' in home
    if "zensical" in generator[1]:
        assert 'class="md-search__button"' in home and 'class="md-search__form"' not in home
    else:
        assert 'class="md-search__form"' in home and 'class="md-search__button"' not in home
