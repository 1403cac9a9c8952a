"""Validity panels: readers' answers to a quiz's paper, scored against its key (validity/README.md).

A panel is readers who have not read the course ("non-reader") and readers who have ("reader")
answering the same paper (`coursegen paper --all --seed N`), each from their own brief. Scores are
exact: an item is right only as the key has it; a role-play scores the points of the path the
reader's own answers take, out of the best path's (or, with `scoring: ending`, the ending's score
out of the best ending's). An item that every non-reader gets right does not need the course; an
item that every reader misses has a flawed key.

The answers are recorded in validity/panels.yaml, the key of each paper beside it, so that an old
panel is still scored against the paper its readers had, whatever the course has become since.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError

from generator.model.models import Line, Slug, Strict
from generator.model.validation_errors import format_loc, problems_from
from generator.read.problems import CourseError, Problem, SourceError
from generator.read.yaml_source import Document, Path_, read_document

PANELS_FILE = "validity/panels.yaml"
GROUPS = ("non-reader", "reader")

Group = Literal["non-reader", "reader"]
# One letter; several letters (select all, or an order); or a letter per item or per step number.
Answer = str | list[str] | dict[str, str]


class Reader(Strict):
    id: Slug = Field(description="The reader's name in this panel, e.g. nr-1 or r-2; never a real name.")
    group: Group = Field(description="non-reader: has not read the course; reader: has studied its lessons.")
    brief: Line = Field(description="What the reader was told, e.g. 'Answer as a hard-nosed enterprise closer.'")
    answers: dict[str, dict[str, Answer]] = Field(
        description="Per quiz id, per question id: the letter, the letters (select all, or an ordering's order), "
        "or per item or step number the letter, as written on the paper."
    )


class Panel(Strict):
    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")] = Field(description="When the readers answered.")
    course_version: Annotated[str, Field(pattern=r"^\d+(\.\d+){0,2}$")] = Field(
        description="The course version of the paper, as course.yaml said then."
    )
    seed: int = Field(description="The paper's seed (`coursegen paper --seed`); 1 is the default.")
    key: Annotated[str, Field(min_length=1)] = Field(
        description="The paper's key file (`coursegen paper --key`), relative to this file."
    )
    note: Line | None = Field(default=None, description="Anything a later reader of the results should know.")
    readers: list[Reader] = Field(min_length=1, description="Each reader with their group, brief and answers.")


class PanelsFile(Strict):
    panels: list[Panel] = Field(description="Every panel run, oldest first.")


@dataclass(frozen=True)
class ReaderScore:
    id: str
    group: Group
    brief: str
    percent: float  # of the quiz's points
    items: dict[str, float]  # question id -> share of its points, 0 to 1


@dataclass(frozen=True)
class QuizResult:
    quiz: str
    title: str
    pass_mark: int
    date: str
    course_version: str
    seed: int
    items: list[str]  # question ids, in the paper's order
    readers: list[ReaderScore]

    def group(self, group: Group) -> list[ReaderScore]:
        return [reader for reader in self.readers if reader.group == group]

    def mean(self, group: Group) -> float | None:
        found = self.group(group)
        return sum(r.percent for r in found) / len(found) if found else None

    @property
    def every_non_reader_right(self) -> list[str]:
        """Items every non-reader got fully right: answered without the course."""
        found = self.group("non-reader")
        return [item for item in self.items if found and all(r.items[item] == 1 for r in found)]

    @property
    def every_reader_missed(self) -> list[str]:
        """Items no reader got fully right: most likely a flawed key."""
        found = self.group("reader")
        return [item for item in self.items if found and all(r.items[item] < 1 for r in found)]


def read_panels(root: Path) -> list[list[QuizResult]] | None:
    """Every panel of validity/panels.yaml, scored, per quiz in the order the paper gives them;
    None when the project keeps no panels file. Raises CourseError with every problem found."""
    path = root / PANELS_FILE
    if not path.is_file():
        return None
    try:
        doc = read_document(path, PANELS_FILE)
    except SourceError as exc:
        raise CourseError([exc.problem]) from None
    if not isinstance(doc.data, dict):
        raise CourseError([Problem(PANELS_FILE, 1, 1, "the file must be a mapping with one field, panels")])
    try:
        model = PanelsFile.model_validate(doc.data)
    except ValidationError as exc:
        raise CourseError(problems_from(exc, PanelsFile, doc)) from None
    problems: list[Problem] = []
    results = [_score_panel(doc, path.parent, k, panel, problems) for k, panel in enumerate(model.panels)]
    if problems:
        raise CourseError(problems)
    return results


def last_per_quiz(panels: Sequence[list[QuizResult]]) -> dict[str, QuizResult]:
    """The most recent panel for each quiz: the latest date, and of one date the later in the file."""
    found: dict[str, QuizResult] = {}
    for results in panels:
        for result in results:
            if result.quiz not in found or result.date >= found[result.quiz].date:
                found[result.quiz] = result
    return found


def _at(doc: Document, loc: Path_, message: str, *, key: bool = False) -> Problem:
    # As the checks do: a list or mapping (or a name that is wrong) is pointed at by its key.
    mark = doc.mark_for(loc, key=key or isinstance(doc.value_at(loc), (list, dict)))
    return Problem(doc.path, mark.line, mark.column, f"{format_loc(loc)}: {message}")


def _score_panel(doc: Document, folder: Path, k: int, panel: Panel, problems: list[Problem]) -> list[QuizResult]:
    here: Path_ = ("panels", k)
    key = _read_key(doc, folder, here, panel, problems)
    if key is None:
        return []
    seen: set[str] = set()
    for r, reader in enumerate(panel.readers):
        if reader.id in seen:
            problems.append(_at(doc, (*here, "readers", r, "id"), f"reader '{reader.id}' is already in this panel"))
        seen.add(reader.id)
    quizzes = key["quizzes"]
    results = []
    for quiz_id, quiz in quizzes.items():
        scored = []
        for r, reader in enumerate(panel.readers):
            if quiz_id in reader.answers:
                at: Path_ = (*here, "readers", r, "answers", quiz_id)
                scored.append(_score_reader(doc, at, reader, reader.answers[quiz_id], quiz, problems))
        if scored:
            results.append(
                QuizResult(
                    quiz=quiz_id,
                    title=quiz["title"],
                    pass_mark=quiz["pass_mark"],
                    date=panel.date,
                    course_version=panel.course_version,
                    seed=panel.seed,
                    items=list(quiz["questions"]),
                    readers=scored,
                )
            )
    for r, reader in enumerate(panel.readers):
        for quiz_id in reader.answers:
            if quiz_id not in quizzes:
                problems.append(
                    _at(
                        doc,
                        (*here, "readers", r, "answers", quiz_id),
                        f"the paper has no quiz '{quiz_id}'; its quizzes are: {', '.join(quizzes)}",
                    )
                )
    return results


def _read_key(doc: Document, folder: Path, here: Path_, panel: Panel, problems: list[Problem]) -> dict[str, Any] | None:
    path = folder / panel.key
    try:
        key = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        reason = "there is no such file" if isinstance(exc, FileNotFoundError) else f"it cannot be read ({exc})"
        problems.append(
            _at(
                doc,
                (*here, "key"),
                f"{reason}: {panel.key}; write it with coursegen paper --all --seed {panel.seed} --key FILE",
            )
        )
        return None
    if not isinstance(key, dict) or key.get("format") != "coursegen-paper-key/1":
        problems.append(_at(doc, (*here, "key"), f"{panel.key} is not a key written by coursegen paper --key"))
        return None
    if key["version"] != panel.course_version:
        problems.append(
            _at(
                doc,
                (*here, "course_version"),
                f"the key {panel.key} is of course version {key['version']}, not {panel.course_version}; "
                "give the key of the paper the readers answered",
            )
        )
    if key["seed"] != panel.seed:
        problems.append(
            _at(doc, (*here, "seed"), f"the key {panel.key} is of the paper with seed {key['seed']}, not {panel.seed}")
        )
    return key


def _score_reader(
    doc: Document, at: Path_, reader: Reader, answers: dict[str, Answer], quiz: dict[str, Any], problems: list[Problem]
) -> ReaderScore:
    entries: dict[str, Any] = quiz["questions"]
    items: dict[str, float] = {}
    for question_id, entry in entries.items():
        answer = answers.get(question_id)
        if answer is None:
            items[question_id] = 0.0  # unanswered: as a learner who leaves it blank
            continue
        problem = _shape(entry, answer)
        if problem:
            problems.append(_at(doc, (*at, question_id), problem))
            items[question_id] = 0.0
            continue
        items[question_id] = item_score(entry, answer)
    for question_id in answers:
        if question_id not in entries:
            problems.append(
                _at(doc, (*at, question_id), f"the paper has no question '{question_id}' in this quiz", key=True)
            )
    total = sum(entry["points"] for entry in entries.values())
    earned = sum(items[q] * entry["points"] for q, entry in entries.items())
    return ReaderScore(reader.id, reader.group, reader.brief, 100 * earned / total if total else 0.0, items)


def _shape(entry: dict[str, Any], answer: Answer) -> str | None:
    """What is wrong with the form of an answer, or None: the scorer never guesses what was meant."""
    kind = entry["type"]
    if kind == "roleplay":
        if not isinstance(answer, dict):
            return "a role-play answer gives a letter for each step number, e.g. {1: b, 2: a}"
        for step, letter in answer.items():
            if step not in entry["steps"]:
                return f"the conversation has no step {step}; its steps are 1 to {len(entry['steps'])}"
            if letter.strip().lower() not in entry["steps"][step]["choices"]:
                return f"step {step} has no choice '{letter}'; its choices are {', '.join(entry['steps'][step]['choices'])}"
        return None
    letters: str = entry["letters"]
    if kind == "single":
        given = [answer] if isinstance(answer, str) else None
        form = "one letter, e.g. b"
    elif kind in ("multiple", "ordering"):
        given = answer if isinstance(answer, list) else None
        form = "a list of letters, e.g. [a, c]"
    else:
        given = list(answer.values()) if isinstance(answer, dict) else None
        form = "a letter for each item number, e.g. {1: b, 2: a}"
    if given is None:
        return f"a {kind} answer is {form}"
    unknown = [letter for letter in given if letter.strip().lower() not in letters]
    if unknown:
        return f"'{unknown[0]}' is not one of the letters on the paper, {', '.join(letters)}"
    return None


def item_score(entry: dict[str, Any], answer: Answer) -> float:
    """The share of an item's points an answer earns: exact match, or a role-play's path."""
    kind = entry["type"]
    if kind == "single":
        return float(isinstance(answer, str) and answer.strip().lower() == entry["answer"])
    if kind == "multiple":
        return float(isinstance(answer, list) and sorted(a.strip().lower() for a in answer) == sorted(entry["answer"]))
    if kind == "ordering":
        return float(isinstance(answer, list) and [a.strip().lower() for a in answer] == entry["answer"])
    if kind == "matching":
        return float(isinstance(answer, dict) and {k: v.strip().lower() for k, v in answer.items()} == entry["answer"])
    return _roleplay(entry, answer if isinstance(answer, dict) else {})


def _roleplay(entry: dict[str, Any], answer: dict[str, str]) -> float:
    """Follows the reader's letters from step 1; a step left unanswered ends the path there, unfinished."""
    step, points, ending = entry["start"], 0, None
    for _ in range(len(entry["steps"])):
        chosen = entry["steps"][step]["choices"].get(answer.get(step, "").strip().lower())
        if chosen is None:
            break
        points += chosen["points"]
        if "ending" in chosen["next"]:
            ending = chosen["next"]["ending"]
            break
        step = chosen["next"]["step"]
    best = entry["points"]
    if entry["scoring"] == "ending":
        scored = (entry["endings"][ending]["score"] or 0) if ending is not None else 0
        return scored / best if best else 1.0
    # As the runtime: every path scores out of the best path; with nothing to earn, any path is right.
    return points / best if best else 1.0
