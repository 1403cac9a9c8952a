"""An output folder never takes the trainer's project with it, and a built site is readable by a web server."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_build import run, snapshot

from generator.cli import main
from generator.engines.output import MARKER, OutputError, check_output


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def invoke(mini: Path, *args: str) -> tuple[int, list[str]]:
    cwd = Path.cwd()
    os.chdir(mini)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output.splitlines()


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (("render", "."), "holds the project itself"),
        (("render", ".."), "holds the project itself"),
        (("render", "course"), "overlaps"),
        (("render", "course/out"), "overlaps"),
        (("render", "quizzes"), "overlaps"),
        (("render", "theme/out"), "overlaps"),
        (("build", "-d", "."), "holds the project itself"),
        (("build", "-d", "course"), "overlaps"),
        (("build", "-d", "course/lessons"), "overlaps"),
        (("build", "-d", "quizzes/site"), "overlaps"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else v,
)
def test_a_target_that_is_or_holds_the_sources_is_refused(mini: Path, args: tuple[str, ...], why: str) -> None:
    (mini / "theme").mkdir()
    (mini / "mkdocs.yml").write_text(
        (mini / "mkdocs.yml").read_text().replace("name: material", "name: material\n  custom_dir: theme")
    )
    before = snapshot(mini)
    code, lines = invoke(mini, *args)
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith("error: ") and why in lines[0], lines
    assert lines[0].endswith("nothing was written.")
    assert snapshot(mini) == before


def test_a_folder_coursegen_did_not_write_is_left_alone(mini: Path, tmp_path: Path) -> None:
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "plan.txt").write_text("my plan")
    for args in (("render", str(mine)), ("build", "-d", str(mine))):
        code, lines = invoke(mini, *args)
        assert code == 1
        assert lines == [
            f"error: {mine} is not empty and was not written by coursegen, so it is left alone; "
            "empty it or choose another folder; nothing was written."
        ]
        assert (mine / "plan.txt").read_text() == "my plan"
        assert sorted(p.name for p in mine.iterdir()) == ["plan.txt"]


def test_a_file_is_not_a_folder(mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("keep me")
    code, lines = invoke(mini, "render", str(target))
    assert code == 2 and "is a file" in lines[-1]  # click's own check of the argument
    assert target.read_text() == "keep me"
    with pytest.raises(OutputError, match="is a file"):
        check_output(target, project=mini, sources=[])


def test_its_own_output_and_empty_folders_are_replaced(mini: Path, tmp_path: Path, umask_022: None) -> None:
    out = tmp_path / "plain"
    out.mkdir()  # empty: nothing to lose
    assert invoke(mini, "render", str(out))[0] == 0
    assert (out / MARKER).is_file()
    (out / "docs" / "stale.md").write_text("left from an earlier render")
    assert invoke(mini, "render", str(out))[0] == 0, "a folder coursegen wrote is coursegen's to replace"
    assert not (out / "docs" / "stale.md").exists()


def test_built_folders_get_the_users_umask_not_0700(mini: Path, tmp_path: Path, umask_022: None) -> None:
    assert invoke(mini, "build")[0] == 0
    assert invoke(mini, "render", str(tmp_path / "plain"))[0] == 0
    for folder in (mini / "site", mini / "site" / "assets", tmp_path / "plain", tmp_path / "plain" / "docs"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o755, folder
    # A second build replaces the first (it carries the marker) and keeps the mode.
    assert invoke(mini, "build")[0] == 0
    assert stat.S_IMODE((mini / "site").stat().st_mode) == 0o755


def test_a_site_built_by_mkdocs_with_the_plugin_can_be_rebuilt_by_coursegen(mini: Path) -> None:

    assert run("-m", "mkdocs", "build", "--strict", cwd=mini).returncode == 0
    assert (mini / "site" / MARKER).is_file()
    assert invoke(mini, "build")[0] == 0
