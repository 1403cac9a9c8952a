"""The built site under the Content-Security-Policy the build wrote, sent as a real HTTP header.

Each engine's site (`coursegen build --engine`, no site_url, served under /training/) and the SCORM
package (`coursegen package scorm12`, in scorm-again's LMS, as tests/browser/test_scorm12.py plays
it) are served by a small server on 127.0.0.1 that sends the policy file's last line as the
`Content-Security-Policy` header. An init script (Playwright runs it outside the page's policy)
records every `securitypolicyviolation` event; the `watch` guard fails on any console error, which
is also where Chromium reports a refused script, style or connection. Every page opens, one
question of every quiz grades, progress counts, and the certificate is issued.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, FrameLocator, Page, expect

from generator.engines.csp import policy_file, read_policy
from generator.engines.engine_runner import ENGINES
from generator.model.load import load_course
from generator.model.models import Quiz, RolePlay
from generator.pages.urls import page_url

from .conftest import COURSEGEN, FIXTURE, PREFIX, _free_port
from .test_course_walk import answer, asked, locate, paths
from .test_quiz_runtime import focused_text, say, wait_ready
from .test_scorm12 import LMS_PAGE, SCORM_AGAIN, TITLE
from .test_scorm12 import answer_final as answer_final_in_lms

COURSE = load_course(FIXTURE)
PAGES = COURSE.outline
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile}:${e.lineNumber}`));
"""


class _PolicyHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `root` under `prefix`, with the policy as a header on every file under `guarded`."""

    def __init__(self, *args: Any, root: Path, prefix: str, guarded: str, policy: str, **kwargs: Any) -> None:
        self.prefix, self.guarded, self.policy = prefix, guarded, policy
        super().__init__(*args, directory=str(root), **kwargs)

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.prefix) :])

    def end_headers(self) -> None:
        if self.path.startswith(self.guarded):
            self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def serving_with_policy(root: Path, policy: str, *, prefix: str = PREFIX, guarded: str = PREFIX) -> Iterator[str]:
    port = _free_port()
    handler = functools.partial(_PolicyHandler, root=root, prefix=prefix, guarded=guarded, policy=policy)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def built(engine: str, work: Path) -> tuple[Path, str]:
    """The fixture course built by `engine` without a site_url, and the policy the build wrote."""
    site = work / "site"
    result = subprocess.run(
        [str(COURSEGEN), "build", "--engine", engine, "-d", str(site)],
        cwd=FIXTURE,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    written = policy_file(site)
    assert f"wrote its Content-Security-Policy to {written}" in result.stdout, result.stdout
    assert not list(site.rglob("*.csp.txt")), "the policy is configuration, not part of the site"
    return site, read_policy(written)


def strict(policy: str, *, zensical: bool = False) -> None:
    """The policy is the strict one asked for: nothing inline without a hash, no eval; only
    Zensical's theme needs 'unsafe-inline' styles (engines/csp.py says why)."""
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert re.fullmatch(r"'self'( 'sha256-[A-Za-z0-9+/]+={0,2}')+", directives["script-src"]), directives
    if zensical:
        assert directives.pop("style-src") == "'self' 'unsafe-inline'"
    else:
        assert re.fullmatch(r"'self'( 'sha256-[A-Za-z0-9+/]+={0,2}')*", directives.pop("style-src")), directives
    assert directives["img-src"] == "'self' data:" and directives["connect-src"] == "'self'"
    assert directives["frame-ancestors"] == "'self'"
    assert "unsafe" not in "; ".join(directives.values())


def violations(page: Page) -> list[str]:
    found: list[str] = page.evaluate("window.__csp || []")
    return found


def grade_one_question(page: Page, base: str, quiz: Quiz, *, directory_urls: bool = True) -> None:
    """Answer one question of `quiz` right (from the YAML) and see the runtime grade it."""
    page.goto(base + page_url(PAGES[quiz.id].src, directory_urls=directory_urls))
    wait_ready(page)
    q = asked(page, quiz)[0]
    if isinstance(q, RolePlay):
        said, ending_id, _ = max(paths(q), key=lambda p: p[2])
        for text in said:
            say(locate(page, q), text)
        ending = next(e for e in q.endings if e.id == ending_id)
        assert focused_text(page).startswith(f"{ending.title} — "), focused_text(page)
    else:
        answer(page, q, right=True)


@pytest.mark.parametrize("engine", ENGINES)
def test_each_engine_s_site_works_under_the_policy_its_build_wrote(
    engine: str, make_context: Callable[..., BrowserContext], tmp_path: Path
) -> None:
    site, policy = built(engine, tmp_path)
    strict(policy, zensical=engine == "zensical")
    context = make_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    with serving_with_policy(site, policy) as base:
        response = page.goto(base)
        assert response and response.headers["content-security-policy"] == policy
        # 404.html is left out: served for any missing address, it names root-relative URLs.
        for file in sorted(set(site.rglob("*.html")) - {site / "404.html"}):
            path = file.relative_to(site).as_posix()
            page.goto(base + (path.removesuffix("index.html") if path.endswith("index.html") else path))
            page.wait_for_load_state("networkidle")
            assert violations(page) == [], (path, violations(page))
        for quiz in COURSE.quizzes.values():
            if quiz.id != COURSE.course.final_assessment:  # taken whole below
                grade_one_question(page, base, quiz)
                assert violations(page) == [], (quiz.id, violations(page))

        # Progress: the fixture's final check passed (its questions as test_progress answers them),
        # the dashboard counts it, and the certificate is issued under the policy.
        page.goto(base + "final-check/")
        wait_ready(page)
        for prompt, labels in (
            (re.compile("^Which opening uses the customer"), ["Option delta"]),
            ("Which two habits build trust?", ["Keeping small promises", "Admitting limits"]),
        ):
            q = page.get_by_role("group", name=prompt).locator("xpath=..")
            for label in labels:
                q.get_by_label(label).check()
            q.get_by_role("button", name="Check answer").click()
        expect(page.get_by_role("heading", name="Your result: Passed")).to_be_visible()
        page.goto(base)
        expect(page.get_by_text("You have completed the course.")).to_be_visible()
        page.get_by_role("link", name="Get your certificate").click()
        page.wait_for_url(re.compile("certificate/$"))
        page.get_by_label("Your name, as it should appear on the certificate").fill("Ada Lovelace")
        expect(page.locator(".cg-cert").get_by_text("Ada Lovelace", exact=True)).to_be_visible()
        assert violations(page) == []


@pytest.fixture(scope="module")
def scorm_lms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture's SCORM package, served as an LMS would, the package's files under its policy."""
    work = tmp_path_factory.mktemp("scorm-csp")
    result = subprocess.run(
        [str(COURSEGEN), "package", "scorm12", "--out", str(work / "dist")],
        cwd=FIXTURE,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    package = next((work / "dist").glob("*.zip"))
    assert f"wrote its Content-Security-Policy to {policy_file(package)}" in result.stdout, result.stdout
    policy = read_policy(policy_file(package))
    strict(policy)
    root = work / "lms"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(root / "package")
    shutil.copy(SCORM_AGAIN, root / "scorm12.min.js")
    (root / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    # The test LMS's own page has inline scripts; only the package is under the package's policy.
    with serving_with_policy(root, policy, prefix="/", guarded="/package/") as base:
        yield base + "lms.html"


def test_the_scorm_package_works_in_an_lms_under_its_policy(
    scorm_lms: str, make_context: Callable[..., BrowserContext]
) -> None:
    context = make_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    # Every quiz grades on the package's own pages (outside an LMS it is the ordinary site).
    package = scorm_lms.removesuffix("lms.html") + "package/"
    for quiz in COURSE.quizzes.values():
        grade_one_question(page, package, quiz, directory_urls=False)
        assert violations(page) == [], (quiz.id, violations(page))

    # In the LMS (a fresh browser): the final check passed reaches it, and the certificate
    # carries the LMS's name.
    context = make_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.goto(scorm_lms)
    page.evaluate("saved => startLms(saved)", {"core": {"student_name": "Lovelace, Ada", "student_id": "ada"}})
    course: FrameLocator = page.get_by_title("Course player").content_frame.get_by_title(TITLE).content_frame
    expect(course.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    navigation = course.get_by_role("navigation", name="Navigation")
    navigation.get_by_role("link", name="Final check", exact=True).first.click()
    answer_final_in_lms(course, right=True)
    page.wait_for_function("window.calls.includes('LMSCommit')")
    assert dict(page.evaluate("window.sets"))["cmi.core.lesson_status"] == "passed"
    navigation.get_by_role("link", name="Overview", exact=True).first.click()  # the home page
    expect(course.get_by_text("You have completed the course.")).to_be_visible()
    course.get_by_role("link", name="Get your certificate").click()
    expect(course.locator(".cg-cert").get_by_text("Ada Lovelace", exact=True)).to_be_visible()
    frames = [f for f in page.frames if "/package/" in f.url]
    assert len(frames) == 2, [f.url for f in page.frames]  # the launch page and the course in it
    for frame in frames:
        assert frame.evaluate("window.__csp || []") == [], frame.url
