"""Every command that writes, run in a folder it cannot write to, ends in one line and no traceback.

The folder is made read-only for real, the way a trainer meets it: as root (where chmod stops
nothing) the project is bind-mounted read-only in a mount namespace of the command's own
(`unshare -m`), which gives "Read-only file system" as on a read-only share; as any other user its
folders lose their write permission, which gives "Permission denied". Both run the installed
`coursegen` in a process of its own.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
COURSEGEN = str(Path(sys.executable).with_name("coursegen"))
AS_ROOT = os.geteuid() == 0
REASON = "read-only file system" if AS_ROOT else "permission denied"

_MOUNT = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && cd "$2" && shift 2 && exec "$@"'


@contextmanager
def _unwritable(folders: list[Path]) -> Iterator[None]:
    modes = {folder: folder.stat().st_mode for folder in folders}
    for folder in folders:
        folder.chmod(modes[folder] & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        yield
    finally:
        for folder, mode in modes.items():
            folder.chmod(mode)


def run_read_only(project: Path, read_only: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`coursegen ARGS` in `project`, with `read_only` (a folder or a file) unwritable."""
    if AS_ROOT:
        command = ["unshare", "-m", "sh", "-c", _MOUNT, "sh", str(read_only), str(project), COURSEGEN, *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    folders = [read_only, *(p for p in read_only.rglob("*") if p.is_dir())] if read_only.is_dir() else []
    with _unwritable(folders or [read_only.parent]):
        return subprocess.run(
            [COURSEGEN, *args], cwd=project, capture_output=True, text=True, timeout=timeout, check=False
        )


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target)
    return target


COMMANDS = [
    (["build"], "build into a folder you can write to with -d"),
    (["build", "--engine", "mkdocs", "-d", "elsewhere"], "build into a folder you can write to with -d"),
    (["facilitator"], "build the edition into a folder you can write to with -d"),
    (["render", "plain"], "write the project into a folder you can write to"),
    (["schema"], "write the schemas into a folder you can write to with --out"),
    (["package", "scorm12"], "write the package into a folder you can write to with --out"),
    (
        ["paper", "basics-quiz", "--key", "key.json"],
        "write the key into a folder you can write to with --key; nothing was printed",
    ),
    (
        ["new", "lesson", "extra", "--module", "basics"],
        "make the project folder writable, or copy the project to a folder you can write to",
    ),
    (["new", "module", "extra"], "make the project folder writable, or copy the project to a folder you can write to"),
]


@pytest.mark.parametrize(("args", "advice"), COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS])
def test_a_read_only_project_gives_one_line(project: Path, args: list[str], advice: str) -> None:
    before = snapshot(project)
    result = run_read_only(project, project, *args)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    folder = "course/lessons" if args[:2] == ["new", "lesson"] else ""
    folder = "course/lessons" if args[:2] == ["new", "module"] else folder
    where = project / folder if folder else project
    assert lines == [f"error: cannot write to {where}: {REASON}; {advice}"]
    assert snapshot(project) == before


def test_the_preview_needs_no_write_in_the_project(project: Path) -> None:
    # `coursegen serve` builds into a temporary folder of its own, so a read-only project is
    # previewed: it says where, and stops cleanly.
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    args = ["serve", "-a", f"127.0.0.1:{port}"]
    if AS_ROOT:
        command = ["unshare", "-m", "sh", "-c", _MOUNT, "sh", str(project), str(project), COURSEGEN, *args]
        context: Any = contextlib.nullcontext()
    else:
        command = [COURSEGEN, *args]
        context = _unwritable([project, *(p for p in project.rglob("*") if p.is_dir())])
    with context:
        process = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert process.stdout is not None
            first = process.stdout.readline()
        finally:
            process.send_signal(signal.SIGINT)
            _, errors = process.communicate(timeout=60)
    assert first == f"Serving the course at http://127.0.0.1:{port}/ — press Ctrl+C to stop\n", errors
    assert "Traceback" not in errors


def test_new_lesson_writes_all_its_files_or_none(project: Path) -> None:
    # course.yaml cannot be replaced (root: it is a read-only mount of its own, so the rename over it
    # fails with "Device or resource busy", after the lesson and quiz are written; another user:
    # course/ cannot be written, while course/lessons/ and quizzes/ can). Nothing is left behind,
    # and the course still checks.
    before = snapshot(project)
    outline = project / "course" / "course.yaml"
    result = run_read_only(
        project, outline if AS_ROOT else project / "course", "new", "lesson", "extra", "--module", "basics"
    )
    assert "Traceback" not in result.stderr + result.stdout
    reason = "device or resource busy" if AS_ROOT else "permission denied"
    advice = "make the project folder writable, or copy the project to a folder you can write to"
    assert (result.returncode, result.stderr.splitlines()) == (
        1,
        [f"error: cannot write to {project / 'course'}: {reason}; {advice}"],
    )
    assert snapshot(project) == before
    assert not list(project.rglob(".*coursegen-new"))
    checked = subprocess.run([COURSEGEN, "check"], cwd=project, capture_output=True, text=True, check=False)
    assert (checked.returncode, checked.stdout) == (0, "ok: 1 module, 1 lesson, 3 quizzes, 8 questions\n")
