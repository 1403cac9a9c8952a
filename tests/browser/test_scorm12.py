"""The SCORM 1.2 package in a real SCORM runtime: scorm-again's Scorm12API plays the LMS.

A test page on 127.0.0.1 sets `window.API` to scorm-again's Scorm12API (node_modules, the pinned
version) and opens the package's launch page in a frame, as an LMS does; Playwright takes the
course inside it. The tests read back exactly what the LMS received, then relaunch with what it
saved (a fresh browser, so nothing comes from localStorage) and check that the learner resumes.
Others open the launch page as other LMSs do (in a new window, under more frames than ADL's search
climbs), and hide the page for real, as a learner's tab switch does, to see when the course commits.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, FrameLocator, Page, Playwright, expect

from generator.publish.scorm12 import package_scorm12
from tests.browser.conftest import CHROMIUM, FIXTURE, Watch, _free_port, guard, serving

REPO = Path(__file__).resolve().parents[2]
SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
TITLE = "Quiz runtime course"
TIMESPAN = re.compile(r"^\d{4}:[0-5]\d:[0-5]\d\.\d\d$")

# The LMS: scorm-again's API as window.API, every value the course sets and every call recorded.
# startLms(saved, how) starts the package's launch page as an LMS does: in a frame ('frame'), in
# a new window (window.open, 'window'), or in a frame under `how` more frames (nest.html).
# closeCourse() takes the course away, as an LMS does when the learner leaves (removes the frame,
# closes the window): the launch page's pagehide finishes the session.
LMS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="scorm12.min.js"></script>
<script>
window.sets = []
window.calls = []
window.commits = []
window.startLms = (saved, how = 'frame') => {
  window.API = new Scorm12API({ autocommit: false, logLevel: 4 })
  if (saved) window.API.loadFromJSON(saved)
  window.API.on('LMSSetValue.cmi.*', (element, value) => window.sets.push([element, value]))
  for (const call of ['LMSInitialize', 'LMSCommit', 'LMSFinish']) window.API.on(call, () => window.calls.push(call))
  // The learner's state as each commit handed it over, unpacked.
  window.API.on('LMSCommit', () => unpack(window.API.cmi.suspend_data).then((state) => window.commits.push(state)))
  if (how == 'window') {
    window.player = window.open('package/launch.html', 'course', 'width=1280,height=900')
    return
  }
  const player = document.createElement('iframe')
  player.title = 'Course player'
  player.style = 'width:1280px;height:900px;border:0'
  player.src = typeof how == 'number' ? `nest.html?n=${how}` : 'package/launch.html'
  document.body.append(player)
}
window.closeCourse = () => (window.player ? window.player.close() : document.querySelector('iframe').remove())
window.saved = () => JSON.parse(JSON.stringify(window.API.cmi))
window.unpack = async (data) => (await import('./package/assets/coursegen/scorm-launch.js')).unpackState(data)
</script></head><body></body></html>
"""

# A frame in a frame: nest.html?n=N holds nest.html?n=N-1, and nest.html?n=1 the launch page, so
# that the launch page is N+1 frames below the LMS's window.
NEST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Nested player</title></head><body>
<script>
const n = Number(new URLSearchParams(location.search).get('n'))
const frame = document.createElement('iframe')
frame.title = 'Nested player'
frame.style = 'width:1280px;height:900px;border:0'
frame.src = n > 1 ? `nest.html?n=${n - 1}` : 'package/launch.html'
document.body.append(frame)
</script></body></html>
"""


@dataclass
class Lms:
    url: str
    root: Path


@pytest.fixture(scope="module")
def lms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lms]:
    work = tmp_path_factory.mktemp("scorm")
    made = package_scorm12(FIXTURE / "mkdocs.yml", work / "dist")
    yield from serve_lms(work, made.path)


@pytest.fixture(scope="module")
def lms_no_final(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lms]:
    """The fixture course without a final assessment: its final check is the last lesson's own quiz."""
    work = tmp_path_factory.mktemp("scorm-no-final")
    course = work / "a" / "b" / "quizcourse"
    shutil.copytree(FIXTURE, course)
    shutil.copytree(REPO / "theme", work / "theme")
    outline = course / "course" / "course.yaml"
    outline.write_text(outline.read_text().replace("final_assessment: final-check\n", ""))
    lesson = course / "course" / "lessons" / "closing-calls.yaml"
    lesson.write_text(lesson.read_text() + "quiz: final-check\n")
    made = package_scorm12(course / "mkdocs.yml", work / "dist")
    with zipfile.ZipFile(made.path) as archive:
        assert b"masteryscore" not in archive.read("imsmanifest.xml")
    yield from serve_lms(work, made.path)


def serve_lms(work: Path, package: Path) -> Iterator[Lms]:
    root = work / "lms"
    root.mkdir()
    with zipfile.ZipFile(package) as archive:
        archive.extractall(root / "package")
    shutil.copy(SCORM_AGAIN, root / "scorm12.min.js")
    (root / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    (root / "nest.html").write_text(NEST_PAGE, encoding="utf-8")
    with serving(lambda url: root) as server:
        yield Lms(url=server.url + "lms.html", root=root)


def launch(page: Page, lms: Lms, saved: dict[str, Any] | None = None) -> FrameLocator:
    """Open the LMS, start the package, and return the course's frame once its home is shown."""
    page.goto(lms.url)
    page.evaluate("saved => startLms(saved)", saved)
    course = page.get_by_title("Course player").content_frame.get_by_title(TITLE).content_frame
    expect(course.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    return course


def open_page(course: FrameLocator, name: str) -> None:
    course.get_by_role("navigation", name="Navigation").get_by_role("link", name=name, exact=True).first.click()
    expect(course.get_by_role("heading", name=name, level=1)).to_be_visible()


def answer_final(course: FrameLocator, *, right: bool) -> None:
    """The fixture's final check: one single choice (8 options, the 4th right), one select-two."""
    first = course.get_by_role("group", name=re.compile("^Which opening uses the customer")).locator("xpath=..")
    first.get_by_label("Option delta" if right else "Option alpha").check()
    first.get_by_role("button", name="Check answer").click()
    second = course.get_by_role("group", name="Which two habits build trust?").locator("xpath=..")
    second.get_by_label("Keeping small promises").check()
    second.get_by_label("Admitting limits").check()
    second.get_by_role("button", name="Check answer").click()
    verdict = "Passed" if right else "Not passed yet"
    expect(course.get_by_role("heading", name=f"Your result: {verdict}")).to_be_visible()


def last_set(page: Page) -> dict[str, str]:
    """The last value the course set for each element."""
    return {element: value for element, value in page.evaluate("window.sets")}


def wait_for_commit(page: Page, count: int) -> None:
    page.wait_for_function("n => window.calls.filter(c => c == 'LMSCommit').length >= n", arg=count)


def commit_count(page: Page) -> int:
    count: int = page.evaluate("window.calls.filter(c => c == 'LMSCommit').length")
    return count


def finish_session(page: Page) -> dict[str, Any]:
    page.evaluate("closeCourse()")
    page.wait_for_function("window.calls.includes('LMSFinish')")
    saved: dict[str, Any] = page.evaluate("saved()")
    return saved


def test_the_lms_receives_status_score_interactions_time_and_exit_and_the_learner_resumes(
    lms: Lms, make_context: Callable[..., BrowserContext]
) -> None:
    page = make_context().new_page()
    course = launch(page, lms, {"core": {"student_name": "Lovelace, Ada", "student_id": "ada"}})
    assert page.evaluate("window.calls") == ["LMSInitialize"]
    assert last_set(page) == {"cmi.core.lesson_status": "incomplete"}

    open_page(course, "Opening calls")
    expect(course.get_by_role("status")).to_have_text("You have finished this lesson.")
    open_page(course, "Final check")
    answer_final(course, right=True)
    wait_for_commit(page, 1)
    values = last_set(page)
    assert {k: v for k, v in values.items() if k.startswith("cmi.core.")} == {
        "cmi.core.lesson_status": "passed",
        "cmi.core.score.min": "0",
        "cmi.core.score.max": "100",
        "cmi.core.score.raw": "100",
        "cmi.core.session_time": values["cmi.core.session_time"],
        "cmi.core.exit": "",
    }
    assert TIMESPAN.match(values["cmi.core.session_time"]), values["cmi.core.session_time"]
    interactions = {k: v for k, v in values.items() if k.startswith("cmi.interactions.")}
    time0, time1 = interactions.pop("cmi.interactions.0.time"), interactions.pop("cmi.interactions.1.time")
    assert re.fullmatch(r"\d\d:\d\d:\d\d", time0) and re.fullmatch(r"\d\d:\d\d:\d\d", time1)
    assert interactions == {
        "cmi.interactions.0.id": "eight",
        "cmi.interactions.0.type": "choice",
        "cmi.interactions.0.weighting": "1",
        "cmi.interactions.0.student_response": "d",
        "cmi.interactions.0.result": "correct",
        "cmi.interactions.1.id": "strict",
        "cmi.interactions.1.type": "choice",
        "cmi.interactions.1.weighting": "2",
        "cmi.interactions.1.student_response": "a,b",
        "cmi.interactions.1.result": "correct",
    }
    suspend_data = values["cmi.suspend_data"]
    assert 0 < len(suspend_data) <= 4096 and suspend_data.isascii()
    # Never a commit per click: one after the quiz, none for the lesson or the answers.
    assert page.evaluate("window.calls") == ["LMSInitialize", "LMSCommit"]

    saved = finish_session(page)
    assert page.evaluate("window.calls") == ["LMSInitialize", "LMSCommit", "LMSCommit", "LMSFinish"]
    assert saved["core"]["lesson_status"] == "passed"
    assert saved["core"]["exit"] == ""
    # What the course sent at the end (scorm-again keeps session time in its own form).
    assert TIMESPAN.match(last_set(page)["cmi.core.session_time"])
    assert saved["suspend_data"].startswith("cg1:")

    # Relaunched on another day, in a browser that kept nothing: the LMS's data brings it back.
    again = make_context().new_page()
    relaunched = {
        "core": {"student_name": "Lovelace, Ada", "entry": "resume", **saved["core"]},
        "suspend_data": saved["suspend_data"],
    }
    relaunched["core"].pop("session_time")
    course = launch(again, lms, relaunched)
    expect(course.get_by_text("You have completed the course.")).to_be_visible()
    expect(course.get_by_text(re.compile(r"^2 of 5 done"))).to_be_visible()
    expect(course.get_by_text("Done · Best score: 3 of 3 (100 %) · passed")).to_be_visible()
    course.get_by_role("link", name="Get your certificate").click()
    expect(course.get_by_label("Your name, as it should appear on the certificate")).to_have_value("Ada Lovelace")
    expect(course.locator(".cg-cert").get_by_text("Ada Lovelace", exact=True)).to_be_visible()
    expect(course.locator(".cg-cert").get_by_text("100 %", exact=True)).to_be_visible()
    finish_session(again)
    assert again.evaluate("window.calls").count("LMSInitialize") == 1


def test_failing_the_final_reports_failed_and_suspends(lms: Lms, make_context: Callable[..., BrowserContext]) -> None:
    page = make_context().new_page()
    course = launch(page, lms)
    open_page(course, "Final check")
    answer_final(course, right=False)
    wait_for_commit(page, 1)
    values = last_set(page)
    assert values["cmi.core.lesson_status"] == "failed"
    assert values["cmi.core.score.raw"] == "67"
    assert values["cmi.core.exit"] == "suspend"
    assert values["cmi.interactions.0.student_response"] == "a"
    assert values["cmi.interactions.0.result"] == "wrong"
    assert values["cmi.interactions.1.result"] == "correct"
    saved = finish_session(page)
    assert saved["core"]["lesson_status"] == "failed"
    assert saved["core"]["exit"] == "suspend"


def test_opened_without_an_lms_the_package_is_the_ordinary_site(lms: Lms, page: Page) -> None:
    page.goto(lms.url.replace("lms.html", "package/launch.html"))
    page.wait_for_url(re.compile(r"/package/index\.html$"))
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()


def test_a_quiz_left_half_done_resumes_on_relaunch(lms: Lms, make_context: Callable[..., BrowserContext]) -> None:
    page = make_context().new_page()
    course = launch(page, lms)
    open_page(course, "Final check")
    first = course.get_by_role("group", name=re.compile("^Which opening uses the customer")).locator("xpath=..")
    first.get_by_label("Option delta").check()
    first.get_by_role("button", name="Check answer").click()
    expect(first.get_by_text(re.compile("^Correct"))).to_be_visible()
    # The learner leaves mid-quiz: the launch page packed the attempt as the frame saved it.
    saved = finish_session(page)
    assert saved["core"]["lesson_status"] == "incomplete"
    assert saved["core"]["exit"] == "suspend"
    assert page.evaluate("window.calls") == ["LMSInitialize", "LMSCommit", "LMSFinish"]

    again = make_context().new_page()
    course = launch(again, lms, {"core": {"entry": "resume"}, "suspend_data": saved["suspend_data"]})
    open_page(course, "Final check")
    first = course.get_by_role("group", name=re.compile("^Which opening uses the customer")).locator("xpath=..")
    expect(first.get_by_text(re.compile("^Correct"))).to_be_visible()
    second = course.get_by_role("group", name="Which two habits build trust?")
    expect(second.get_by_label("Keeping small promises")).to_be_enabled()
    expect(course.get_by_role("heading", name=re.compile("^Your result"))).to_have_count(0)


def test_a_course_without_a_final_assessment_is_completed_when_every_lesson_is_done(
    lms_no_final: Lms, make_context: Callable[..., BrowserContext]
) -> None:
    page = make_context().new_page()
    course = launch(page, lms_no_final)
    open_page(course, "Opening calls")
    expect(course.get_by_role("status")).to_have_text("You have finished this lesson.")
    assert last_set(page)["cmi.core.lesson_status"] == "incomplete"
    open_page(course, "Closing calls")
    # Its quiz makes the page long: the learner reads on to the end, which finishes the lesson.
    course.get_by_role("button", name="Mark as done", exact=True).scroll_into_view_if_needed()
    expect(course.get_by_text("You have finished this lesson.")).to_be_visible()
    page.wait_for_function("window.sets.some(([e, v]) => e == 'cmi.core.lesson_status' && v == 'completed')")
    saved = finish_session(page)
    assert saved["core"]["lesson_status"] == "completed"
    assert saved["core"]["exit"] == ""
    assert not any(element.startswith("cmi.core.score") for element, _ in page.evaluate("window.sets"))


def unpacked(page: Page, suspend_data: str) -> dict[str, Any]:
    """cmi.suspend_data as the runtime's own unpacking (scorm-launch.js) reads it back."""
    state: dict[str, Any] = page.evaluate("data => unpack(data)", suspend_data)
    assert state is not None, suspend_data
    return state


def test_a_course_opened_in_a_new_window_finds_the_openers_api(
    lms: Lms, make_context: Callable[..., BrowserContext]
) -> None:
    """Many LMSs open a SCO in a window of its own: the launch page has no parent with an API
    and finds it in window.opener."""
    page = make_context().new_page()
    page.goto(lms.url)
    with page.context.expect_page() as opened:
        page.evaluate("startLms(null, 'window')")
    window = opened.value
    course = window.get_by_title(TITLE).content_frame
    expect(course.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    assert window.evaluate("window.opener != null && window.parent == window")
    assert page.evaluate("window.calls") == ["LMSInitialize"]
    assert last_set(page) == {"cmi.core.lesson_status": "incomplete"}

    # Moving between the course's pages keeps the one session in the window.
    open_page(course, "Opening calls")
    expect(course.get_by_role("status")).to_have_text("You have finished this lesson.")
    open_page(course, "Final check")
    answer_final(course, right=True)
    wait_for_commit(page, 1)
    assert last_set(page)["cmi.core.lesson_status"] == "passed"
    assert last_set(page)["cmi.core.score.raw"] == "100"
    assert page.evaluate("window.calls") == ["LMSInitialize", "LMSCommit"]

    # The learner closes the course's window: its pagehide commits and finishes, once.
    window.close()
    page.wait_for_function("window.calls.includes('LMSFinish')")
    assert page.evaluate("window.calls") == ["LMSInitialize", "LMSCommit", "LMSCommit", "LMSFinish"]
    saved = page.evaluate("saved()")
    assert saved["core"]["lesson_status"] == "passed"
    assert saved["core"]["exit"] == ""
    assert unpacked(page, saved["suspend_data"])["r"]["q"]["final-check"]["p"] is True


@pytest.mark.parametrize(("frames_between", "found"), [(6, True), (7, False)])
def test_the_api_is_searched_for_up_to_seven_parents_then_the_package_is_the_ordinary_site(
    lms: Lms, make_context: Callable[..., BrowserContext], frames_between: int, found: bool
) -> None:
    """ADL's algorithm climbs at most 7 parents: 7 frames up the LMS's API is found; 8 frames up
    the search gives up and the launch page opens the ordinary site, with no session."""
    page = make_context().new_page()
    page.goto(lms.url)
    page.evaluate("n => startLms(null, n)", frames_between)
    frame = page.get_by_title("Course player").content_frame
    for _ in range(frames_between):
        frame = frame.get_by_title("Nested player").content_frame
    if found:
        course = frame.get_by_title(TITLE).content_frame
        expect(course.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
        assert page.evaluate("window.calls") == ["LMSInitialize"]
        assert last_set(page) == {"cmi.core.lesson_status": "incomplete"}
    else:
        # The launch page itself became the course's home page.
        expect(frame.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
        expect(frame.get_by_role("navigation", name="Navigation")).to_be_visible()
        launch_frame = next(f for f in page.frames if f.url.endswith("/package/index.html"))
        assert launch_frame.parent_frame is not None and launch_frame.parent_frame.url.endswith("nest.html?n=1")
        assert page.evaluate("window.calls") == []
        assert page.evaluate("window.sets") == []


@pytest.fixture
def hideable(playwright: Playwright, tmp_path: Path, watch: Watch) -> Iterator[BrowserContext]:
    """A Chromium in which a page in a background tab is hidden for real.

    Playwright keeps every page it drives visible (it turns DevTools' focus emulation on, and a
    page so emulated never hides), so `bring_to_front` of another tab fires no visibilitychange.
    This Chromium is started here and attached to over CDP without Playwright's defaults: in its
    own browser context, bringing another tab to the front hides the page as a learner's tab switch
    does (checked: visibilitychange to hidden fires, document.visibilityState is 'hidden').
    """
    port = _free_port()
    chromium = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--remote-debugging-address=127.0.0.1",
            f"--remote-debugging-port={port}",
            f"--user-data-dir={tmp_path / 'profile'}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        endpoint = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(endpoint + "/json/version", timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline or chromium.poll() is not None:
                    raise
                time.sleep(0.1)
        browser = playwright.chromium.connect_over_cdp(endpoint, no_defaults=True)
        context = browser.contexts[0]
        guard(context, watch)
        yield context
        browser.close()
    finally:
        chromium.terminate()
        chromium.wait(timeout=30)


def test_hiding_the_page_commits_the_new_progress_and_answers_never_commit(lms: Lms, hideable: BrowserContext) -> None:
    other_tab = hideable.new_page()
    page = hideable.new_page()
    page.bring_to_front()
    course = launch(page, lms)
    assert page.evaluate("document.visibilityState") == "visible"

    # Progress without a finished quiz: a lesson finished, and half the final answered (clicks).
    open_page(course, "Opening calls")
    expect(course.get_by_role("status")).to_have_text("You have finished this lesson.")
    open_page(course, "Final check")
    first = course.get_by_role("group", name=re.compile("^Which opening uses the customer")).locator("xpath=..")
    first.get_by_label("Option alpha").check()
    first.get_by_label("Option delta").check()
    first.get_by_role("button", name="Check answer").click()
    expect(first.get_by_text(re.compile("^Correct"))).to_be_visible()
    assert page.evaluate("window.calls") == ["LMSInitialize"]
    assert "cmi.suspend_data" not in last_set(page)

    # The learner switches to another tab: the course's page is hidden, and commits. (A second
    # commit follows, still hidden, only if the launch page was still packing the last click.)
    other_tab.bring_to_front()
    page.wait_for_function("document.visibilityState == 'hidden'")
    page.wait_for_function("commits.some(s => s && Object.values(s.a).some(a => '0' in a.shares))", polling=100)
    hidden_commits = commit_count(page)
    assert hidden_commits in (1, 2) and page.evaluate("window.calls").count("LMSFinish") == 0
    committed = page.evaluate("API.cmi.suspend_data")
    assert committed == last_set(page)["cmi.suspend_data"]
    state = unpacked(page, committed)
    assert state["r"]["l"]["opening-calls"] >= 2  # record.js's FINISHED
    [(key, attempt)] = state["a"].items()
    assert key.startswith("final-check:")
    assert list(attempt["shares"]) == ["0"]  # the first question checked, the second not yet
    assert last_set(page)["cmi.core.exit"] == "suspend"
    assert TIMESPAN.match(last_set(page)["cmi.core.session_time"])

    # Back on the course, more clicks: nothing is committed until the quiz is finished.
    page.bring_to_front()
    page.wait_for_function("document.visibilityState == 'visible'")
    second = course.get_by_role("group", name="Which two habits build trust?").locator("xpath=..")
    second.get_by_label("Keeping small promises").check()
    second.get_by_label("Admitting limits").check()
    second.get_by_label("Keeping small promises").uncheck()
    second.get_by_label("Keeping small promises").check()
    assert commit_count(page) == hidden_commits
    second.get_by_role("button", name="Check answer").click()
    expect(course.get_by_role("heading", name="Your result: Passed")).to_be_visible()
    wait_for_commit(page, hidden_commits + 1)

    # Another lesson finished, no quiz: no commit, until the course goes (pagehide) with it.
    open_page(course, "Closing calls")
    expect(course.get_by_role("status")).to_have_text("You have finished this lesson.")
    assert commit_count(page) == hidden_commits + 1
    saved = finish_session(page)
    assert page.evaluate("window.calls") == ["LMSInitialize", *["LMSCommit"] * (hidden_commits + 2), "LMSFinish"]
    state = unpacked(page, saved["suspend_data"])
    assert state["r"]["l"]["closing-calls"] >= 2
    assert state["r"]["q"]["final-check"]["p"] is True
    assert state["a"] == {}


def test_an_answer_checked_just_before_a_tab_switch_reaches_the_lms(lms: Lms, hideable: BrowserContext) -> None:
    """The launch page packs what the frame saves asynchronously: hidden at once after a click,
    it first commits what it had, then what the click saved, while the page stays hidden."""
    other_tab = hideable.new_page()
    page = hideable.new_page()
    page.bring_to_front()
    course = launch(page, lms)
    open_page(course, "Final check")
    first = course.get_by_role("group", name=re.compile("^Which opening uses the customer")).locator("xpath=..")
    first.get_by_label("Option delta").check()
    first.get_by_role("button", name="Check answer").click(no_wait_after=True)
    other_tab.bring_to_front()
    page.wait_for_function("commits.some(s => s && Object.values(s.a).some(a => '0' in a.shares))", polling=100)
    assert page.evaluate("document.visibilityState") == "hidden"
    calls = page.evaluate("window.calls")
    assert calls[0] == "LMSInitialize" and set(calls[1:]) == {"LMSCommit"} and 1 <= len(calls[1:]) <= 2, calls
