"""xAPI statements from the course's pages to a real LRS: Ralph, started here on 127.0.0.1.

The site is the fixture course with `xapi: {launch: true}` in mkdocs.yml, opened as a portal
opens it, with the launch parameters (endpoint, auth, actor, registration) in its address. The
statements are read back from Ralph, exactly, in the shape schema/xapi-answered.schema.json pins
(ids under the course IRI, not the site's address); then Ralph is stopped in the middle of a
quiz, and every statement still arrives once it is back, exactly once.
"""

from __future__ import annotations

import json
import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jsonschema
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from generator.model.activity_ids import course_iri, lesson_iri, question_iri, quiz_iri
from generator.model.interactions import interaction_definition
from generator.model.load import load_course
from generator.pages.quiz_html import content_hash
from tests.browser.conftest import FIXTURE, Server, Watch, _free_port, build_site, serving
from tests.browser.lrs import Ralph

REPO = Path(__file__).resolve().parents[2]
ADL = "http://adlnet.gov/expapi"
ACTOR = {"objectType": "Agent", "name": "Ada Lovelace", "mbox": "mailto:ada@example.org"}
TITLE = "Quiz runtime course"
SCHEMA = json.loads((REPO / "schema" / "xapi-answered.schema.json").read_text(encoding="utf-8"))
EXT = "https://w3id.org/coursegen/xapi/"
DURATION = re.compile(r"^PT\d+(\.\d+)?S$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@dataclass
class Setup:
    site: Server
    lrs: Ralph


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    work = tmp_path_factory.mktemp("xapi")
    course = work / "a" / "b" / "quizcourse"
    shutil.copytree(FIXTURE, course)
    shutil.copytree(REPO / "theme", work / "theme")
    config = course / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - coursegen\n", "  - coursegen:\n      xapi:\n        launch: true\n")
    )
    with serving(lambda url: build_site(course, work / "build", url)) as site:
        lrs = Ralph(home=work / "ralph", port=_free_port(), site_origin=f"http://127.0.0.1:{site.port}")
        lrs.home.mkdir()
        lrs.make_credentials()
        lrs.start()
        try:
            yield Setup(site, lrs)
        finally:
            lrs.stop()


def launch_url(setup: Setup, registration: str) -> str:
    """The course's address as a portal hands it to a learner (the Tin Can launch convention)."""
    query = urlencode(
        {
            "endpoint": setup.lrs.endpoint,
            "auth": setup.lrs.auth,
            "actor": json.dumps(ACTOR),
            "registration": registration,
        }
    )
    return f"{setup.site.url}?{query}"


# How many quizzes the runtime has made work in this document, and the document's start: instant
# navigation keeps one document (the count grows), a full load starts another (it restarts).
_READY = "[performance.getEntriesByName('coursegen:quiz-ready').length, performance.timeOrigin]"


def open_page(page: Page, name: str, *, quiz: bool = False) -> None:
    before = page.evaluate(_READY)
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name=name, exact=True).first.click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    if quiz:  # the heading shows before the runtime has bound the quiz's buttons, on a busy machine
        page.wait_for_function(
            f"([n, t]) => {{ const [now, start] = {_READY}; return start != t ? now >= 1 : now > n }}", arg=before
        )


def answer_first(page: Page) -> None:
    question = page.get_by_role("group", name=re.compile("^Which opening uses the customer")).locator("xpath=..")
    question.get_by_label("Option delta").check()
    question.get_by_role("button", name="Check answer").click()
    expect(question.get_by_text(re.compile("^Correct"))).to_be_visible()


def answer_second(page: Page) -> None:
    question = page.get_by_role("group", name="Which two habits build trust?").locator("xpath=..")
    question.get_by_label("Admitting limits").check()
    question.get_by_label("Keeping small promises").check()
    question.get_by_role("button", name="Check answer").click()
    expect(page.get_by_role("heading", name="Your result: Passed")).to_be_visible()


def registered(lrs: Ralph, registration: str) -> list[dict[str, Any]]:
    """The statements of one registration that Ralph holds, in the order it stored them."""
    found = [s for s in lrs.statements() if s.get("context", {}).get("registration") == registration]
    return sorted(found, key=lambda s: str(s["stored"]))


def delivered(page: Page, timeout: float = 30_000) -> None:
    """Wait until the page's queue of statements is empty: the LRS has taken every one."""
    page.wait_for_function(
        "(localStorage.getItem('coursegen-xapi:quizcourse') || '[]') == '[]'", timeout=timeout, polling=200
    )


def activity(iri: str, kind: str, name: str) -> dict[str, Any]:
    return {
        "objectType": "Activity",
        "id": iri,
        "definition": {"type": f"{ADL}/activities/{kind}", "name": {"en": name}},
    }


def expected_statements(setup: Setup, registration: str) -> list[dict[str, Any]]:
    bundle = load_course(FIXTURE)
    # No xapi_id and a site on 127.0.0.1: the course id names the course, whatever the port.
    iri = course_iri(bundle.course, setup.site.url)
    assert iri == "urn:coursegen:course:quizcourse"
    final = bundle.quizzes["final-check"]
    course = activity(iri, "course", TITLE)
    quiz = activity(quiz_iri(iri, "final-check"), "assessment", "Final check")
    attempt = {
        EXT + "quiz-hash": content_hash(final),
        EXT + "course-version": "1.0",
        EXT + "attempt": 1,
        EXT + "attempt-total": {"raw": 3, "max": 3},
    }

    def statement(
        verb: str, obj: dict[str, Any], result: dict[str, Any], parents: list[Any] | None, extensions: Any = None
    ) -> dict[str, Any]:
        context: dict[str, Any] = {"registration": registration}
        if parents is not None:
            context["contextActivities"] = {"parent": parents, "grouping": [course]}
        if extensions is not None:
            context["extensions"] = extensions
        return {
            "actor": ACTOR,
            "verb": {"id": f"{ADL}/verbs/{verb}", "display": {"en-US": verb}},
            "object": obj,
            "result": result,
            "context": context,
        }

    def question(index: int) -> dict[str, Any]:
        q = final.questions[index]
        return {
            "objectType": "Activity",
            "id": question_iri(iri, "final-check", q.id),
            "definition": interaction_definition(q, "en"),
        }

    full = {"scaled": 1, "min": 0}
    return [
        statement(
            "experienced",
            activity(lesson_iri(iri, "opening-calls"), "lesson", "Opening calls"),
            {"completion": True},
            [course],
        ),
        statement(
            "answered",
            question(0),
            {"response": "3", "success": True, "score": {**full, "raw": 1, "max": 1}},
            [quiz],
            attempt,
        ),
        statement(
            "answered",
            question(1),
            {"response": "0[,]1", "success": True, "score": {**full, "raw": 2, "max": 2}},
            [quiz],
            attempt,
        ),
        statement(
            "passed", quiz, {"success": True, "completion": True, "score": {**full, "raw": 3, "max": 3}}, [course]
        ),
        statement(
            "completed", course, {"completion": True, "success": True, "score": {**full, "raw": 3, "max": 3}}, None
        ),
    ]


def as_sent(statement: dict[str, Any]) -> dict[str, Any]:
    """A statement as the course sent it: without what the LRS adds (stored, authority) or what the
    browser makes fresh each time (id, timestamp, an answer's duration), which are checked apart;
    an `answered` statement must validate against the schema that pins its shape."""
    assert UUID.match(statement["id"]), statement["id"]
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", statement["timestamp"])
    sent = {k: v for k, v in statement.items() if k not in ("id", "timestamp", "stored", "authority")}
    if statement["verb"]["id"] == f"{ADL}/verbs/answered":
        jsonschema.validate(statement, SCHEMA, format_checker=jsonschema.FormatChecker())
        sent["result"] = {k: v for k, v in sent["result"].items() if k != "duration"}
        # Timed on the page: each question's check came after the page showed it.
        assert DURATION.match(statement["result"]["duration"]), statement["result"]
    return sent


def queue(page: Page) -> list[Any]:
    return list(json.loads(page.evaluate("localStorage.getItem('coursegen-xapi:quizcourse') || '[]'")))


def test_a_finished_quiz_and_lesson_reach_the_lrs_as_these_statements(
    setup: Setup, make_context: Callable[..., BrowserContext]
) -> None:
    registration = str(uuid.uuid4())
    page = make_context().new_page()
    page.goto(launch_url(setup, registration))
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    # The credential leaves the address bar at once; it holds for the visit all the same.
    assert page.url == setup.site.url
    open_page(page, "Opening calls")
    expect(page.get_by_role("status")).to_have_text("You have finished this lesson.")
    open_page(page, "Final check", quiz=True)
    answer_first(page)
    answer_second(page)

    delivered(page)
    stored = registered(setup.lrs, registration)
    assert [as_sent(s) for s in stored] == expected_statements(setup, registration)
    assert all(s["authority"]["mbox"] == "mailto:lrs@example.org" for s in stored)


def test_statements_made_while_the_lrs_is_down_arrive_exactly_once(
    setup: Setup, make_context: Callable[..., BrowserContext], watch: Watch
) -> None:
    registration = str(uuid.uuid4())
    page = make_context().new_page()
    page.goto(launch_url(setup, registration))
    open_page(page, "Opening calls")
    expect(page.get_by_role("status")).to_have_text("You have finished this lesson.")
    open_page(page, "Final check", quiz=True)
    answer_first(page)
    delivered(page)
    assert len(registered(setup.lrs, registration)) == 1

    setup.lrs.stop()
    try:
        answer_second(page)
        # The statements wait in the browser, and a reload does not lose them.
        page.wait_for_function("JSON.parse(localStorage.getItem('coursegen-xapi:quizcourse') || '[]').length == 4")
        waiting = [entry["s"]["id"] for entry in queue(page)]
        page.reload()
        expect(page.get_by_role("heading", name="Your result: Passed")).to_be_visible()
        assert [entry["s"]["id"] for entry in queue(page)] == waiting
    finally:
        setup.lrs.start()

    # The next try, after a pause of at most 30 s, finds the LRS back.
    delivered(page, timeout=90_000)
    stored = registered(setup.lrs, registration)
    ids = [s["id"] for s in stored]
    assert len(ids) == len(set(ids)) == 5
    assert set(waiting) <= set(ids)
    assert [as_sent(s) for s in stored] == expected_statements(setup, registration)
    # The browser saying it could not reach the LRS while it was down is expected; nothing else.
    watch.errors[:] = [e for e in watch.errors if "ERR_CONNECTION_REFUSED" not in e]


def test_without_an_endpoint_nothing_is_sent(setup: Setup, make_context: Callable[..., BrowserContext]) -> None:
    # The site accepts launch parameters but has no endpoint of its own: opened without them,
    # it keeps nothing to send and asks nothing of the LRS.
    context = make_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(setup.site.url)
    open_page(page, "Opening calls")
    expect(page.get_by_role("status")).to_have_text("You have finished this lesson.")
    open_page(page, "Final check", quiz=True)
    answer_first(page)
    answer_second(page)
    page.evaluate("() => new Promise(done => setTimeout(done, 100))")
    assert queue(page) == []
    assert not [url for url in requests if f":{setup.lrs.port}/" in url]


def test_a_review_says_it_is_a_review(setup: Setup, make_context: Callable[..., BrowserContext]) -> None:
    # Issue 26: a review's statements carry the activity-kind extension; a module quiz's carry none.
    from tests.browser.test_reviews import START, ZONE, answer_review, go_to, pass_beta

    registration = str(uuid.uuid4())
    page = make_context(timezone_id=ZONE).new_page()
    page.clock.install(time=START)
    page.goto(launch_url(setup, registration))
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    pass_beta(page, setup.site)
    go_to(page, 2)
    page.goto(setup.site.url + "review/")
    answer_review(page, right=True)
    delivered(page)
    stored = registered(setup.lrs, registration)
    kinds = {
        (s["object"]["id"].split("/", 1)[1], s.get("context", {}).get("extensions", {}).get(KIND))
        for s in stored
        if s["verb"]["id"].endswith(("/passed", "/failed"))
    }
    assert kinds == {("quiz/beta-quiz", None), ("quiz/review", "review")}, kinds
    answered = [s for s in stored if s["verb"]["id"].endswith("/answered") and "quiz/review/" in s["object"]["id"]]
    assert len(answered) == 1 and answered[0]["context"]["extensions"][KIND] == "review"


KIND = "https://w3id.org/coursegen/xapi/activity-kind"
