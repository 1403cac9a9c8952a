"""The served runtime is built from its readable sources, and they type-check against the contract.

generator/assets/src/ holds the scripts as written; `make runtime` builds them with esbuild (the
exact version in package-lock.json, installed by `npm ci`) into generator/assets/, which is
committed and served as it is. These tests rebuild into a temporary folder with the same command
(package.json's `runtime` script) and require the committed files to be byte for byte what it
writes; and run tsc over the sources, which checks every `@type` and `@param` against
contract.js, the types of what Python hands the runtime.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from generator.pages.facilitator import STYLESHEET as FACILITATOR_STYLESHEET
from generator.pages.runtime_files import REPORTING_ASSETS, RUNTIME_ASSETS, SCORM_ASSETS, runtime_assets
from generator.pages.urls import ASSETS_DIR

REPO = Path(__file__).resolve().parent.parent
# Every file the runtime serves, on every site or only where reporting is on.
ALL_ASSETS = (*RUNTIME_ASSETS, *REPORTING_ASSETS, *SCORM_ASSETS)
SCRIPTS = sorted(name for name in ALL_ASSETS if name.endswith(".js"))


def npm_run(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    npm = shutil.which("npm")
    if npm is None or not (REPO / "node_modules" / ".bin" / "esbuild").exists():
        pytest.fail("the runtime's build tools are missing: run `npm ci` (make test does)")
    return subprocess.run(
        [npm, "run", "--silent", script],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_served_scripts_are_their_sources_built(tmp_path: Path) -> None:
    result = npm_run("runtime", RUNTIME_OUT=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == SCRIPTS, "one served script per entry, no other file"
    package = resources.files("generator") / "assets"
    stale = [name for name in SCRIPTS if (tmp_path / name).read_bytes() != (package / name).read_bytes()]
    assert not stale, f"generator/assets/{stale} differ from their sources in src/: run `make runtime` and commit"


def test_the_sources_type_check_against_the_contract() -> None:
    result = npm_run("typecheck")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_site_serves_the_committed_files_as_they_are() -> None:
    package = resources.files("generator") / "assets"
    assert runtime_assets() == {f"{ASSETS_DIR}/{name}": (package / name).read_bytes() for name in RUNTIME_ASSETS}
    everything = runtime_assets(reporting=True, scorm12=True)
    assert everything == {f"{ASSETS_DIR}/{name}": (package / name).read_bytes() for name in ALL_ASSETS}


def test_the_package_ships_the_served_files_and_not_the_sources(tmp_path: Path) -> None:
    # Built from a copy, so that the build leaves nothing in the checkout.
    project = tmp_path / "project"
    shutil.copytree(REPO / "generator", project / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, project / name)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(project),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("coursegen-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assets = sorted(
            n.removeprefix("generator/assets/") for n in archive.namelist() if n.startswith("generator/assets/")
        )
    # The learner site's runtime (reporting included), and the facilitator edition's stylesheet.
    assert assets == sorted([*ALL_ASSETS, FACILITATOR_STYLESHEET])
