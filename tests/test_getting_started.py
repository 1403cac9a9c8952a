"""What `make` and `coursegen` say on a machine that is not ready: one line naming what was found.

An older Python is simulated in a real process: the interpreter is told it is 3.10.13 before the
check runs (sys.version_info replaced), as a Python 3.10 would report itself.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parent.parent
OLD = (
    "import collections; "
    "sys.version_info = collections.namedtuple('V', 'major minor micro releaselevel serial')(3, 10, 13, 'final', 0)"
)


def _make_project(tmp_path: Path) -> Path:
    """A folder with the Makefile and the files its venv rule depends on."""
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "site.lock").write_text("")
    (tmp_path / "pyproject.toml").write_text("")
    shutil.copy(REPO / "Makefile", tmp_path / "Makefile")
    return tmp_path


def _python(tmp_path: Path, name: str, body: str) -> Path:
    script = tmp_path / name
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return script


def test_coursegen_on_an_older_python_names_it() -> None:
    code = f"import sys; {OLD}; import generator.cli"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: coursegen needs Python 3.11 or newer; {sys.executable} is Python 3.10.13: "
        "install 3.11 or newer (README, Getting started) and run make again"
    ]


def test_make_on_an_older_python_names_it_and_makes_no_venv(tmp_path: Path) -> None:
    project = _make_project(tmp_path)
    # `python -c CODE` runs CODE as a Python 3.10 would; anything else is refused.
    old = _python(tmp_path, "python3.10", f'[ "$1" = -c ] || exit 9\nexec {sys.executable} -c "import sys; {OLD}; $2"')
    result = subprocess.run(["make", f"PYTHON={old}"], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        f"error: coursegen needs Python 3.11 or newer; {old} is Python 3.10.13: install 3.11 or newer "
        "(README, Getting started), then run make again, or make PYTHON=python3.12"
    )
    assert not (project / ".venv").exists()


def test_make_without_python_says_so(tmp_path: Path) -> None:
    project = _make_project(tmp_path)
    result = subprocess.run(
        ["make", "PYTHON=no-such-python3"], cwd=project, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        "error: no-such-python3 was not found; install Python 3.11 or newer (README, Getting started), "
        "or run make PYTHON=/path/to/python3"
    )


def test_a_venv_that_fails_half_made_is_removed(tmp_path: Path) -> None:
    # Debian's Python without python3-venv makes .venv/bin, then stops: "ensurepip is not available".
    project = _make_project(tmp_path)
    broken = _python(
        tmp_path,
        "python3",
        f'if [ "$2" = venv ]; then mkdir -p "$3/bin"; echo "ensurepip is not available" >&2; exit 1; fi\n'
        f'exec {sys.executable} "$@"',
    )
    result = subprocess.run(["make", f"PYTHON={broken}"], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "ensurepip is not available" in result.stderr
    assert not (project / ".venv").exists()


def test_the_wrapper_runs_the_installed_coursegen_or_says_to_run_make(tmp_path: Path) -> None:
    installed = subprocess.run([str(REPO / "coursegen"), "--version"], capture_output=True, text=True, check=False)
    assert installed.returncode == 0 and installed.stdout.startswith("coursegen, version ")
    shutil.copy(REPO / "coursegen", tmp_path / "coursegen")
    missing = subprocess.run([str(tmp_path / "coursegen"), "check"], capture_output=True, text=True, check=False)
    assert (missing.returncode, missing.stderr.splitlines()) == (
        1,
        [f"error: coursegen is not installed here yet; run make in {tmp_path} first (README, Getting started)"],
    )


def test_make_clean_removes_what_make_wrote_and_keeps_the_course(tmp_path: Path) -> None:
    project = _make_project(tmp_path)
    written = ["site", "site-facilitator", "dist", ".venv", ".venv-ralph", "node_modules", ".pytest_cache"]
    kept = ["course", "quizzes", "theme", "schema"]
    for folder in written + kept:
        (project / folder).mkdir()
        (project / folder / "file").write_text("x")
    (project / "mkdocs.yml").write_text("site_name: x\n")
    result = subprocess.run(["make", "clean"], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in project.iterdir()) == sorted(
        ["Makefile", "mkdocs.yml", "pyproject.toml", "requirements", *kept]
    )
