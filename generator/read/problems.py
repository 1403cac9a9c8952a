"""Problems found in a trainer's files, reported one line each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# A list's items named as a trainer counts them: "question 1", not "questions[0]".
_ITEM_NAMES = {
    "checklist": "checklist item",
    "choices": "choice",
    "distractors": "distractor",
    "endings": "ending",
    "examples": "example",
    "items": "step",
    "lessons": "lesson",
    "modules": "module",
    "objectives": "objective",
    "options": "option",
    "pairs": "pair",
    "questions": "question",
    "recurring_names": "recurring name",
    "sections": "section",
    "silence": "silence entry",
    "sources": "source",
    "steps": "step",
    "takeaways": "takeaway",
}


def where(loc: tuple[str | int, ...]) -> str:
    """A value's place in its file, as a problem names it: `question 1 › option 2 › correct`."""
    parts: list[str] = []
    for k, part in enumerate(loc):
        if isinstance(part, int):
            key = loc[k - 1] if k else ""
            named = _ITEM_NAMES.get(str(key))
            item = f"{named} {part + 1}" if named else f"{key} #{part + 1}" if key else f"item {part + 1}"
            if parts and parts[-1] == key:
                parts[-1] = item
            else:
                parts.append(item)
        else:
            parts.append(part)
    return " › ".join(parts)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class SourceError(Exception):
    """One problem that stops a file from being read at all."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class CourseError(Exception):
    """Every problem found in a course; nothing is written when this is raised."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def shown_path(path: Path, root: Path) -> str:
    """`path` as a trainer names it in a problem: relative to the project when it lies inside."""
    path, root = path.resolve(), root.resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
