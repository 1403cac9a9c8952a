"""Build the quiz fixture course once and serve it on 127.0.0.1 under a sub-path, for Playwright.

The site is built with `site_url` set to the address it is served at, since
Material's instant navigation only engages then. Serving under /training/
also proves the runtime works from a sub-path.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from generator.engines.plain_project import render_project

FIXTURE = Path(__file__).parent.parent / "fixtures" / "quizcourse"
PREFIX = "/training/"
CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


COURSEGEN = Path(sys.executable).with_name("coursegen")


def shell_with_coursegen(function: str, command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`command` (as a trainer pastes it) run by a POSIX shell in which `coursegen` is the shell
    function `function`; $COURSEGEN is the real command and $ROOT the fixture course."""
    return subprocess.run(
        ["sh", "-c", f"coursegen() {{ {function}; }}\n{command}"],
        cwd=cwd,
        env={**os.environ, "COURSEGEN": str(COURSEGEN), "ROOT": str(FIXTURE)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def mkdocs_build(config: Path, site: Path) -> Path:
    """`mkdocs build --strict` of the project whose mkdocs.yml is `config`, into `site`."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return site


def build_site(source: Path, work: Path, site_url: str) -> Path:
    render_project(source, work / "project", site_url=site_url)
    return mkdocs_build(work / "project" / "mkdocs.yml", work / "site")


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, server_state: Server, **kwargs: Any) -> None:
        self.state = server_state
        super().__init__(*args, directory=str(server_state.root), **kwargs)

    def translate_path(self, path: str) -> str:
        prefix = self.state.prefix
        if not path.startswith(prefix):
            return str(self.state.root / "__outside_the_sub_path__")
        return super().translate_path("/" + path[len(prefix) :])

    def log_message(self, *args: Any) -> None:
        pass


@dataclass
class Server:
    root: Path
    port: int = 0
    url: str = ""
    requests: list[str] = field(default_factory=list)
    prefix: str = PREFIX  # the path the site is served under: PREFIX, or "/" for the server's root


@dataclass
class Site:
    server: Server
    url: str  # base URL, ends with "/"
    build: Callable[[Path], Path]  # build another course into a site served at the same address

    @contextmanager
    def serving(self, root: Path) -> Iterator[None]:
        old = self.server.root
        self.server.root = root
        try:
            yield
        finally:
            self.server.root = old


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that leaves a page drops the downloads it no longer needs: the broken pipe
        # is the browser's choice, not a failure, and its traceback would bury real output.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serving(make_root: Callable[[str], Path], prefix: str = PREFIX) -> Iterator[Server]:
    """Serve a folder on 127.0.0.1 under `prefix` (PREFIX, or "/" for the root); `make_root` gets
    the address first (to build with site_url set to it) and returns the folder."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}{prefix}"
    server = Server(root=make_root(url), port=port, url=url, prefix=prefix)
    httpd = _QuietServer(("127.0.0.1", port), functools.partial(_Handler, server_state=server))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    counter = iter(range(1000))
    builders: list[Callable[[Path], Path]] = []

    def first_build(url: str) -> Path:
        def build(source: Path) -> Path:
            return build_site(source, tmp_path_factory.mktemp(f"site{next(counter)}"), url)

        builders.append(build)
        return build(FIXTURE)

    with serving(first_build) as server:
        yield Site(server=server, url=server.url, build=builders[0])


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture course (its theme path points back at the repository's theme/)."""
    target = tmp_path / "a" / "b" / "quizcourse"
    shutil.copytree(FIXTURE, target)
    shutil.copytree(FIXTURE.parents[2] / "theme", tmp_path / "theme")
    return target


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (or `apt-get install -y chromium`)")
    return {
        "executable_path": CHROMIUM,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@dataclass
class Watch:
    """What a page did that a test must not see: console errors, page errors, requests off the machine."""

    errors: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)


def guard(context: BrowserContext, watch: Watch) -> None:
    def route(r: Any) -> None:
        if r.request.url.startswith("http://127.0.0.1:"):
            r.continue_()
        else:
            watch.offsite.append(r.request.url)
            r.abort()

    context.route("**/*", route)

    def on_page(page: Page) -> None:
        page.on("console", lambda m: m.type == "error" and watch.errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: watch.errors.append(f"pageerror: {e}"))

    context.on("page", on_page)


@pytest.fixture
def watch() -> Iterator[Watch]:
    w = Watch()
    yield w
    assert not w.offsite, f"requests off the machine: {w.offsite}"
    assert not w.errors, f"console errors: {w.errors}"


@pytest.fixture
def make_context(new_context: Callable[..., BrowserContext], watch: Watch) -> Callable[..., BrowserContext]:
    """A fresh, guarded browser context (own localStorage); keyword args go to new_context."""

    def make(**kwargs: Any) -> BrowserContext:
        context = new_context(**kwargs)
        guard(context, watch)
        return context

    return make


@pytest.fixture
def page(make_context: Callable[..., BrowserContext]) -> Page:
    return make_context().new_page()
