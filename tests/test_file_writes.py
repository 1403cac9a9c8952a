"""author/file_writes.write_all: every file of a change, or none, whichever step fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.author.file_writes import write_all


def snapshot(root: Path) -> dict[str, bytes | None]:
    return {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(root.rglob("*"))}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "course.yaml").write_text("old outline\n")
    (tmp_path / "course" / "lesson.yaml").write_text("old lesson\n")
    return tmp_path


def test_all_written(root: Path) -> None:
    write_all(root, {"course/lessons/new.yaml": "new\n"}, {"course/course.yaml": "new outline\n"})
    assert snapshot(root) == {
        "course": None,
        "course/course.yaml": b"new outline\n",
        "course/lesson.yaml": b"old lesson\n",
        "course/lessons": None,
        "course/lessons/new.yaml": b"new\n",
    }


def test_a_text_that_cannot_be_written_leaves_everything(root: Path) -> None:
    # A folder where course.yaml's new text is written beside it: nothing is moved into place.
    (root / "course" / ".course.yaml.coursegen-new").mkdir()
    before = snapshot(root)
    with pytest.raises(IsADirectoryError):
        write_all(root, {"course/lessons/new.yaml": "new\n"}, {"course/course.yaml": "new outline\n"})
    assert snapshot(root) == before


def test_a_replace_that_fails_puts_back_the_others(root: Path) -> None:
    # The second changed "file" is a folder: replacing it fails after the new file is in place
    # and the first changed file is replaced; both are undone.
    (root / "course" / "in-the-way").mkdir()
    before = snapshot(root)
    with pytest.raises(IsADirectoryError):
        write_all(
            root,
            {"course/lessons/new.yaml": "new\n"},
            {"course/lesson.yaml": "new lesson\n", "course/in-the-way": "text\n"},
        )
    assert snapshot(root) == before


def test_a_new_file_that_appeared_is_not_replaced(root: Path) -> None:
    (root / "course" / "taken.yaml").write_text("someone else's\n")
    before = snapshot(root)
    with pytest.raises(FileExistsError):
        write_all(root, {"course/new.yaml": "new\n", "course/taken.yaml": "mine\n"}, {})
    assert snapshot(root) == before
