"""`coursegen serve`: MkDocs' live preview, with a line for the trainer at each step.

It does what `mkdocs serve` does (mkdocs/commands/serve.py), with these differences:
- every build goes to a new folder, served only once the build succeeds, so a
  broken save never leaves half a site; the two newest folders are kept, as a
  request may still be reading the older one;
- a failed rebuild does not hold the browser until the file is fixed: the
  browser reloads to the last good site with the problems on top
  (preview_server), and reloads again, clean, once a save fixes them;
- the terminal gets one line at start (the address), one per rebuild (what
  changed, how long it took), and each problem or warning as one line.
"""

from __future__ import annotations

import errno
import logging
import shutil
import signal
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.livereload import _serve_url

from generator.engines.mkdocs_plugin import CourseProblems
from generator.engines.preview_log import PreviewLog
from generator.engines.preview_server import PreviewServer
from generator.engines.site_build import run_build

Echo = Callable[[str], None]
SHOWN_CHANGES = 3


@dataclass
class Outcome:
    """One build: the folder it wrote, and the problems that stopped it (none when it succeeded)."""

    site: Path
    seconds: float
    problems: list[str] = field(default_factory=list)


class PreviewError(Exception):
    """The preview could not start; the message says why, the problems what to fix."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def changes_text(changed: list[Path], project: Path) -> str:
    """`changed` as a trainer names the files: relative to the project, a few at most.

    Editors write and remove temporary files as they save; only files that are
    still there are named, unless every changed file is gone.
    """
    if not changed:
        return ""
    present = [path for path in changed if path.exists()]
    names = [_shown(path, project) for path in (present or changed)]
    verb = "changed" if present else "was removed" if len(names) == 1 else "were removed"
    if len(names) > SHOWN_CHANGES:
        rest = len(names) - SHOWN_CHANGES
        names = [*names[:SHOWN_CHANGES], f"{rest} more file{'s' if rest != 1 else ''}"]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{listed} {verb}"


def _shown(path: Path, project: Path) -> str:
    resolved = path.resolve()
    return resolved.relative_to(project).as_posix() if resolved.is_relative_to(project) else str(path)


def failure_lines(exc: Exception, errors: list[str]) -> list[str]:
    """What stopped a build, one line each: the course's problems, or what the engine logged and raised."""
    cause = exc.__context__ if isinstance(exc, Abort) else exc
    if isinstance(cause, CourseProblems):
        return list(cause.problems)
    lines: list[str] = []
    for message in errors:
        for line in message.splitlines():
            # MkDocs logs a page's error with the page's name, then the error itself again.
            if line.strip() and not any(seen.endswith(line) for seen in lines):
                lines.append(line)
    if not isinstance(exc, Abort) or not lines:
        what = str(exc) if isinstance(exc, MkDocsException) else f"{type(exc).__name__}: {exc}"
        lines.append(f"error: {what}")
    return lines


class Preview:
    """One run of `coursegen serve`."""

    def __init__(self, config_file: Path, dev_addr: str | None, echo: Echo, echo_err: Echo) -> None:
        self.config_file = config_file
        self.project = config_file.resolve().parent
        self.dev_addr = dev_addr
        self.echo, self.echo_err = echo, echo_err
        self.log = PreviewLog(echo_err)
        self.work = Path(tempfile.mkdtemp(prefix="coursegen-preview-"))
        self.sites: list[Path] = []
        self.url = ""
        self.server: PreviewServer | None = None

    def _config(self, site: Path) -> MkDocsConfig:
        config = load_config(str(self.config_file), site_dir=str(site), dev_addr=self.dev_addr)
        if self.url:
            config.site_url = self.url
        return config

    def _build(self, config: MkDocsConfig | None = None) -> Outcome:
        site = Path(tempfile.mkdtemp(dir=self.work, prefix="site-"))
        started = time.perf_counter()
        with self.log.holding() as held:
            try:
                if config is None:
                    config = self._config(site)
                else:
                    config.site_dir = str(site)
                run_build(config, serve_url=self.url)
                problems: list[str] = []
            except Exception as exc:
                if not isinstance(exc, MkDocsException):
                    # Not the course's fault but coursegen's or a plugin's: the trace is for a bug report.
                    traceback.print_exc()
                problems = failure_lines(exc, [r.getMessage() for r in held if r.levelno >= logging.ERROR])
        for record in held:
            if record.levelno < logging.ERROR:
                self.echo_err(self.log.format(record))
        outcome = Outcome(site=site, seconds=time.perf_counter() - started, problems=problems)
        if problems:
            shutil.rmtree(site, ignore_errors=True)
        else:
            self.sites.append(site)
            for old in self.sites[:-2]:
                shutil.rmtree(old, ignore_errors=True)
            self.sites = self.sites[-2:]
        return outcome

    def _rebuild(self) -> None:
        # Called by the server's build loop after files changed; it must not raise,
        # or MkDocs would keep every browser waiting until a build succeeds.
        assert self.server is not None
        what = changes_text(self.server.take_changes(), self.project)
        after = f" after {what}" if what else ""
        outcome = self._build()
        if outcome.problems:
            for line in outcome.problems:
                self.echo_err(line)
            count = len(outcome.problems)
            self.echo_err(
                f"{count} problem{'s' if count != 1 else ''} found{after}; the browser shows "
                + (
                    "them over the last good version until they are fixed"
                    if count != 1
                    else "it over the last good version until it is fixed"
                )
            )
        else:
            self.server.root = str(outcome.site)
            self.echo(f"Rebuilt in {outcome.seconds:.1f} s{after}")
        self.server.show_problems(outcome.problems)

    def run(self) -> None:
        """Build, serve, rebuild on every save until Ctrl+C (or SIGTERM)."""
        previous = signal.signal(signal.SIGTERM, _stop)
        try:
            with self.log.installed():
                self._serve()
        except KeyboardInterrupt:  # before the server started
            self.echo("Stopped.")
        finally:
            signal.signal(signal.SIGTERM, previous)
            shutil.rmtree(self.work, ignore_errors=True)

    def _serve(self) -> None:
        with self.log.holding() as held:
            try:
                config = self._config(self.work / "first")
            except Exception as exc:
                raise PreviewError(
                    "the preview did not start",
                    failure_lines(exc, [r.getMessage() for r in held if r.levelno >= logging.ERROR]),
                ) from None
        config.plugins.on_startup(command="serve", dirty=False)
        host, port = config.dev_addr
        mount_path = urlsplit(config.site_url or "/").path
        config.site_url = self.url = _serve_url(host, port, mount_path)
        try:
            outcome = self._build(config)
            if outcome.problems:
                raise PreviewError("the preview did not start", outcome.problems)
            server = self.server = PreviewServer(
                builder=self._rebuild,
                host=host,
                port=port,
                root=str(outcome.site),
                mount_path=mount_path,
                on_ready=lambda url: self.echo(f"Serving the course at {url} — press Ctrl+C to stop"),
            )
            server.error_handler = self._error_page
            server.watch(config.docs_dir)
            if config.config_file_path:
                server.watch(config.config_file_path)
            # Plugins add what to watch (ours adds quizzes/) and hand the same server back.
            config.plugins.on_serve(server, config=config, builder=self._rebuild)
            for item in config.watch:
                server.watch(item)
            try:
                server.serve()  # type: ignore[no-untyped-call]
            except OSError as exc:
                if exc.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
                    raise
                raise PreviewError(
                    f"cannot serve at {host}:{port}: {exc.strerror or exc}; "
                    f"stop what uses it, or pass another address with -a, such as -a {host}:{port + 1}"
                ) from None
            except KeyboardInterrupt:
                self.echo("Stopped.")
            finally:
                server.shutdown()
        finally:
            config.plugins.on_shutdown()

    def _error_page(self, code: int) -> bytes | None:
        assert self.server is not None
        page = Path(self.server.root) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None


def _stop(signum: int, frame: FrameType | None) -> Any:
    # SIGTERM (a test, a process manager) stops the preview as Ctrl+C does, cleaning up after it.
    raise KeyboardInterrupt


def serve(config_file: Path, dev_addr: str | None, echo: Echo, echo_err: Echo) -> None:
    """Run the preview; raises PreviewError when it cannot start."""
    Preview(config_file, dev_addr, echo, echo_err).run()
