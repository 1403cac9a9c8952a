"""`mkdocs serve` rebuilds when a lesson or quiz YAML file is saved."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
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


def _wait_for(url: str, text: str, timeout: float = 30) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if text in _fetch(url):
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear at {url} within {timeout}s")


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
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=mini,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(base + page, old.split(": ")[1])
        path = mini / file
        path.write_text(path.read_text().replace(old, new))
        _wait_for(base + page, new.split(": ")[1])
        # A broken save keeps the last good preview and reports the problem.
        path.write_text(path.read_text().replace(new, "title:"))
        time.sleep(3)
        assert new.split(": ")[1] in _fetch(base + page)
    finally:
        server.terminate()
        _, err = server.communicate(timeout=10)
    assert f"{file}:" in err and "title: must not be empty" in err
