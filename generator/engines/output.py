"""Where coursegen may write a site or a project, and how it replaces one.

`coursegen build` and `coursegen render` replace their whole output folder. A
mistyped `-d .` or `render course` must not take the trainer's project with
it, so a folder is only ever replaced when coursegen wrote it (it carries
MARKER), or when it is empty or new; never when it is, holds or lies inside
the project's own sources.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.model.load import QUIZZES_DIR

# Written into every folder coursegen makes, so that the next build knows it may replace it.
MARKER = ".coursegen-output"
_MARKER_TEXT = "Written by coursegen, which replaces this folder at every build.\n"


class OutputError(ValueError):
    """An output folder coursegen refuses to write; the message says why and what to do."""


def project_sources(project: Path, docs_dir: Path, custom_dir: Path | None) -> list[Path]:
    """The folders a project's course is made of, for check_output: its YAML, docs and theme."""
    return [project / "course", project / QUIZZES_DIR, docs_dir, *([custom_dir] if custom_dir else [])]


def check_output(target: Path, *, project: Path, sources: Iterable[Path], suggestion: Path | None = None) -> None:
    """Raise OutputError unless `target` may be replaced by coursegen's output.

    `sources` are the folders the project is made of (course/, quizzes/, the
    docs and theme folders): the output may neither hold them nor lie inside them.
    """
    target, project = target.resolve(), project.resolve()
    suggestion = suggestion or project / "site"  # the folder a refusal proposes instead
    if target == project or project.is_relative_to(target):
        raise OutputError(
            f"{target} holds the project itself, which would be deleted; "
            f"write to a folder of its own, such as {suggestion}"
        )
    for source in sources:
        source = source.resolve()
        if target == source or target.is_relative_to(source) or source.is_relative_to(target):
            raise OutputError(
                f"{target} is or overlaps {source}, which holds the course's own files; "
                f"write to a folder outside it, such as {suggestion}"
            )
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target} is a file, not a folder; remove it or choose another folder")
    if target.is_dir() and not (target / MARKER).is_file() and any(target.iterdir()):
        raise OutputError(
            f"{target} is not empty and was not written by coursegen, so it is left alone; "
            "empty it or choose another folder"
        )


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a new folder beside `target`; swap it into place only if the block succeeds.

    Whatever fails while the new output is written leaves the old one exactly
    as it was. Call check_output first: this replaces whatever is at `target`.
    """
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = _new_folder(target.parent, f".{target.name}.new-")
    try:
        yield staging
        mark_as_ours(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def mark_as_ours(folder: Path) -> None:
    """Mark a folder an engine wrote for us (e.g. `mkdocs build` with the plugin)."""
    (folder / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")


def _new_folder(parent: Path, prefix: str) -> Path:
    # Not tempfile.mkdtemp: its folder is mode 0700, and a site served by a web
    # server running as another user would answer 403. os.mkdir honours the umask.
    for attempt in range(1000):
        candidate = parent / f"{prefix}{os.getpid()}-{attempt}"
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        return candidate
    raise OutputError(f"cannot make a new folder in {parent}; remove the {prefix}* folders there")
