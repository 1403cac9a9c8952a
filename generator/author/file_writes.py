"""Write a set of new and changed files as one change: all of them, or none.

`coursegen new lesson` writes a lesson, its quiz and a new course.yaml. Had the lesson been
written and course.yaml not, `coursegen check` would then say the lesson is in no module. So every
text is first written beside its file; only when all are written are they moved into place (a
rename, which cannot leave half a file), and a move that fails puts back what the earlier ones
changed: the new files are removed, the changed ones get their old text back.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class _Undo:
    placed: list[Path] = field(default_factory=list)  # new files moved into place
    replaced: list[tuple[Path, bytes]] = field(default_factory=list)  # changed files, with their old bytes
    folders: list[Path] = field(default_factory=list)  # folders made for new files, deepest last
    partials: list[Path] = field(default_factory=list)  # texts written beside their files, not yet moved

    def run(self) -> None:
        for path in self.partials:
            path.unlink(missing_ok=True)
        for path in self.placed:
            path.unlink(missing_ok=True)
        for path, old in self.replaced:
            _replace(path, old)
        for folder in reversed(self.folders):
            with contextlib.suppress(OSError):  # not empty (or not ours to remove): left as it is
                folder.rmdir()


def _partial(target: Path) -> Path:
    return target.with_name(f".{target.name}.coursegen-new")


def _replace(target: Path, data: bytes) -> None:
    partial = _partial(target)
    partial.write_bytes(data)
    if target.exists():
        shutil.copymode(target, partial)
    os.replace(partial, target)


def _make_folders(folder: Path, undo: _Undo) -> None:
    missing = [parent for parent in [folder, *folder.parents] if not parent.exists()]
    for parent in reversed(missing):
        parent.mkdir()
        undo.folders.append(parent)


def write_all(root: Path, created: Mapping[str, str], changed: Mapping[str, str]) -> None:
    """Write `created` (new files, which must not exist) and `changed` (whole new texts) under `root`.

    Raises the OSError that stopped it, after putting every file back as it was."""
    undo = _Undo()
    try:
        for path, text in {**created, **changed}.items():
            target = root / path
            _make_folders(target.parent, undo)
            partial = _partial(target)
            try:
                partial.write_bytes(text.encode("utf-8"))
            except OSError:
                if partial.is_file():  # half written (a full disk): coursegen's own name, removed
                    partial.unlink()
                raise
            undo.partials.append(partial)
        for path in created:
            target = root / path
            if target.exists():
                raise FileExistsError(17, "File exists", str(target))
            os.rename(_partial(target), target)
            undo.partials.remove(_partial(target))
            undo.placed.append(target)
        for path in changed:
            target = root / path
            old = target.read_bytes()
            shutil.copymode(target, _partial(target))
            os.replace(_partial(target), target)
            undo.partials.remove(_partial(target))
            undo.replaced.append((target, old))
    except BaseException:
        undo.run()
        raise
