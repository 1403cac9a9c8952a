"""Measurements in Chromium: JS + CSS bytes on a page, and the quiz runtime's start-up time.

Sites are served from 127.0.0.1 by http.server; every request to any other host is aborted.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import statistics
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
READY_MARK = "coursegen:quiz-ready"


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a page closed mid-download (the next run started): nothing to report


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _Inline(HTMLParser):
    """The text of every inline <script> (no src) and <style> in a page, as served."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "style" or (tag == "script" and not dict(attrs).get("src")):
            self._open = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.parts.append(data)


@dataclass
class PageWeight:
    url: str
    files: dict[str, tuple[int, int]]  # URL path -> (raw bytes, gzip -9 bytes), scripts and stylesheets
    inline_raw: int
    inline_gzip: int

    @property
    def raw(self) -> int:
        return sum(raw for raw, _ in self.files.values()) + self.inline_raw

    @property
    def gzip(self) -> int:
        # Each file is sent (and compressed) on its own; the inline code travels inside the
        # HTML, so it is compressed together.
        return sum(z for _, z in self.files.values()) + self.inline_gzip


def _context(browser: Any) -> Any:
    context = browser.new_context(service_workers="block")

    def route(r: Any) -> None:
        if r.request.url.startswith("http://127.0.0.1:"):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    return context


def weigh(browser: Any, url: str) -> PageWeight:
    """Load `url` and sum every script and stylesheet it fetched, plus its inline code."""
    context = _context(browser)
    page = context.new_page()
    responses: list[Any] = []
    page.on("response", lambda r: responses.append(r))
    html = page.goto(url, wait_until="load").body()
    page.wait_for_load_state("networkidle")
    files: dict[str, tuple[int, int]] = {}
    for response in responses:
        if response.request.resource_type in ("script", "stylesheet"):
            body = response.body()
            files[response.url.split("127.0.0.1:", 1)[1].split("/", 1)[1]] = (len(body), gz(body))
    context.close()
    parser = _Inline()
    parser.feed(html.decode("utf-8"))
    inline = "".join(parser.parts).encode("utf-8")
    return PageWeight(url, files, len(inline), gz(inline) if inline else 0)


_TIMING = (
    "() => {"
    " const nav = performance.getEntriesByType('navigation')[0];"
    f" const ready = performance.getEntriesByName('{READY_MARK}')[0];"
    " return {dcl: nav.domContentLoadedEventStart, interactive: nav.domInteractive,"
    " ready: ready ? ready.startTime : null, start: window.__cgStart ?? null,"
    " quizzes: document.querySelectorAll('.cg-quiz').length,"
    " questions: document.querySelectorAll('.cg-q').length} }"
)


# When the runtime first looks for quizzes (`querySelectorAll('.cg-quiz')`): the start of its
# own work, so that ready − start is the time it takes to bind every quiz on the page.
_START = (
    "(() => { const q = Document.prototype.querySelectorAll;"
    " Document.prototype.querySelectorAll = function (s) {"
    " if (s === '.cg-quiz' && window.__cgStart === undefined) window.__cgStart = performance.now();"
    " return q.call(this, s) } })()"
)


@dataclass
class Readiness:
    questions: int
    runs: int
    ready_after_dcl: float  # ms, median; negative: the quizzes were ready before DOMContentLoaded
    ready_after_interactive: float  # ms, median: from the end of HTML parsing to every quiz bound
    binding: float | None  # ms, median: from the runtime's first look for quizzes to every quiz bound


def readiness(browser: Any, url: str, runs: int) -> Readiness | None:
    """Time from DOMContentLoaded (and from parsing's end) to the runtime's quiz-ready mark."""
    samples = []
    for _ in range(runs):
        context = _context(browser)  # a fresh profile: no saved progress, no cache
        context.add_init_script(_START)
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_function(f"performance.getEntriesByName('{READY_MARK}').length > 0", timeout=10_000)
        samples.append(page.evaluate(_TIMING))
        context.close()
    if not samples or samples[0]["ready"] is None:
        return None
    return Readiness(
        questions=samples[0]["questions"],
        runs=len(samples),
        ready_after_dcl=statistics.median(s["ready"] - s["dcl"] for s in samples),
        ready_after_interactive=statistics.median(s["ready"] - s["interactive"] for s in samples),
        binding=statistics.median(s["ready"] - s["start"] for s in samples) if samples[0]["start"] else None,
    )


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def chromium_version() -> str:
    with chromium() as browser:
        return str(browser.version)
