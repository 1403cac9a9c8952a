"""A real `coursegen serve` on a free port of 127.0.0.1, as a trainer runs it, for the preview tests.

What it prints goes to two files (a pipe nobody reads would fill and stall it), read back
line by line; every wait polls with a deadline.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

COURSEGEN = Path(sys.executable).with_name("coursegen")
DEADLINE = 60.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(condition: Callable[[], object], what: str, timeout: float = DEADLINE) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"not within {timeout:.0f} s: {what}")


def save(path: Path, text: str, project: Path) -> None:
    """Write `path` as an editor that saves atomically does: the watcher sees it whole or not at
    all, never truncated half-way (a rebuild of that would be a problem of the test's making)."""
    temporary = project / f".saving-{path.name}"  # outside the folders the preview watches
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode())
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except OSError:
        return ""


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    url: str  # the address it prints, ends with "/"
    out_file: Path
    err_file: Path

    def out(self) -> list[str]:
        return self.out_file.read_text(encoding="utf-8").splitlines()

    def err(self) -> list[str]:
        return self.err_file.read_text(encoding="utf-8").splitlines()

    def wait_for_out(self, condition: Callable[[list[str]], object], what: str) -> list[str]:
        wait_until(lambda: condition(self.out()), f"{what}; printed: {self.out()} {self.err()}")
        return self.out()

    def wait_for_err(self, condition: Callable[[list[str]], object], what: str) -> list[str]:
        wait_until(lambda: condition(self.err()), f"{what}; printed: {self.out()} {self.err()}")
        return self.err()

    def rebuilt(self) -> list[str]:
        return [line for line in self.out() if line.startswith("Rebuilt in ")]


@contextmanager
def coursegen_serve(project: Path, *, sub_path: str = "/", command: list[str] | None = None) -> Iterator[Served]:
    """`coursegen serve -a 127.0.0.1:PORT` (or `command`, followed by the address) in `project`, whose
    site_url (SITE_URL) ends in `sub_path`; yields once it has printed its address, and stops it as
    Ctrl+C would."""
    port = free_port()
    env = {**os.environ, "SITE_URL": f"https://courses.example.org{sub_path}"}
    out_file, err_file = project / "serve.out", project / "serve.err"
    with out_file.open("wb") as out, err_file.open("wb") as err:
        process = subprocess.Popen(
            [*(command or [str(COURSEGEN), "serve", "-a"]), f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=err,
        )
    served = Served(process, f"http://127.0.0.1:{port}{sub_path}", out_file, err_file)
    try:
        served.wait_for_out(lambda lines: lines or process.poll() is not None, "the first line")
        assert process.poll() is None, f"coursegen serve stopped: {served.out()} {served.err()}"
        yield served
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            # Known, not fixed yet: in a full run serve sometimes needs over 30 s to stop after
            # Ctrl+C (closing note of 2026-12-08); the test's own checks have passed by then.
            process.kill()
            process.wait(timeout=30)
