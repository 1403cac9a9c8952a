"""`mkdocs serve` edit-to-reload: from saving one lesson's YAML to the rebuilt page being served.

Works on a copy of the bundled course (course/, quizzes/, theme/, mkdocs.yml), never on the
repository's own files.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

COPY = ("course", "quizzes", "theme", "mkdocs.yml")


@dataclass
class Reload:
    edits: list[float]  # seconds, one per edit
    page: str
    lesson_file: str
    note: str = ""  # how the copy differs from the bundled course, if it had to

    @property
    def median(self) -> float:
        return statistics.median(self.edits)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, timeout: float) -> float | None:
    """Poll `url` every 10 ms until it contains `text`; the monotonic time it first did."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return time.monotonic()
        time.sleep(0.01)
    return None


def edit_to_reload(repo: Path, work: Path, edits: int) -> Reload:
    """Serve a copy of the bundled course and time `edits` saves of its first lesson."""
    from generator.model.load import load_course
    from generator.read.problems import CourseError

    project = work / "serve-copy"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    for name in COPY:
        source = repo / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy2(source, project / name)
    note = ""
    try:
        bundle = load_course(project)
    except CourseError as exc:
        # A course in the middle of being written may name a final assessment whose file does
        # not exist yet; the copy then goes without it. Any other problem stops the measure.
        outline = project / "course" / "course.yaml"
        final = re.search(r"^final_assessment: *([a-z0-9-]+) *$", outline.read_text(encoding="utf-8"), re.M)
        if final is None or (project / "quizzes" / f"{final.group(1)}.yaml").exists():
            raise
        outline.write_text(outline.read_text(encoding="utf-8").replace(final.group(0) + "\n", ""), encoding="utf-8")
        bundle = load_course(project)
        note = f"without its final assessment: {exc.problems[0]}"
    lesson_id = bundle.course.modules[0].lessons[0]
    src = bundle.outline[lesson_id].src
    page = src.removesuffix(".md") + "/"
    lesson = project / "course" / "lessons" / f"{lesson_id}.yaml"
    original = lesson.read_text(encoding="utf-8")
    title = bundle.lessons[lesson_id].title
    if f"title: {title}\n" not in original:
        raise RuntimeError(f"{lesson}: cannot find its title line to edit")

    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base}
    log = work / "serve.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
    times: list[float] = []
    try:
        if _wait_for(base + page, "</html>", timeout=120) is None:
            raise RuntimeError(f"mkdocs serve did not serve {page}; see {log}")
        for k in range(edits):
            marker = f"Edited {k} {time.time_ns()}"
            time.sleep(1.0)  # let the watcher settle between saves
            lesson.write_text(original.replace(f"title: {title}\n", f"title: {marker}\n"), encoding="utf-8")
            saved = time.monotonic()
            seen = _wait_for(base + page, marker, timeout=60)
            if seen is None:
                raise RuntimeError(f"the edit never showed up on {page}; see {log}")
            times.append(seen - saved)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return Reload(times, page, lesson.relative_to(project).as_posix(), note)
