"""`mkdocs serve` rebuilds when a lesson or quiz YAML file is saved."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode())
    except OSError:
        return ""


def _wait_until(condition: Callable[[], bool], timeout: float = 30) -> None:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"not true within {timeout}s")


def _wait_for(url: str, text: str) -> None:
    _wait_until(lambda: text in _fetch(url))


@pytest.mark.parametrize(
    ("file", "old", "new", "page"),
    [
        ("course/lessons/first-lesson.yaml", "title: First lesson", "title: Renamed lesson", "basics/first-lesson/"),
        ("quizzes/basics-quiz.yaml", "title: Basics quiz", "title: Renamed quiz", "basics/basics-quiz/"),
    ],
)
def test_saving_yaml_rebuilds_the_preview(mini: Path, file: str, old: str, new: str, page: str) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base}
    log = mini / "serve.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=mini,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
    path = mini / file
    good = path.read_text()
    try:
        _wait_for(base + page, old.split(": ")[1])
        path.write_text(good.replace(old, new))
        _wait_for(base + page, new.split(": ")[1])
        # A broken save is reported as one line naming the file and position;
        # MkDocs holds requests until the next good save, which then shows up.
        path.write_text(good.replace(old, "title:"))
        _wait_until(lambda: f"{file}:2:7: title: must not be empty" in log.read_text())
        path.write_text(good.replace(old, "title: Fixed again"))
        _wait_for(base + page, "Fixed again")
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "Traceback" not in log.read_text()
