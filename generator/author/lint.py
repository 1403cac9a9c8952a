"""`coursegen lint`: every rule run over a loaded course, each finding placed and matched to its silence.

The rules are in the modules beside this one; README.md ("Lint warnings") has the table of codes.
Positions are looked up only for files that have a finding, so a clean course costs no second parse.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from generator.author import (
    answer_count,
    catch_all_options,
    convergence,
    feedback,
    length_cues,
    move_cues,
    names,
    pass_mark,
    placeholders,
    reading_time,
    recall,
    roleplay_paths,
    roleplay_share,
    slip_success,
)
from generator.author.findings import Finding, lessons, quizzes
from generator.model.lint_codes import LINT_CODES
from generator.model.load import CourseBundle
from generator.model.models import Silence
from generator.read.yaml_source import Document, Path_

RULES: tuple[Callable[[CourseBundle], Iterable[Finding]], ...] = (
    length_cues.findings,
    answer_count.findings,
    catch_all_options.findings,
    feedback.findings,
    convergence.findings,
    roleplay_paths.findings,
    slip_success.findings,
    roleplay_share.findings,
    move_cues.findings,
    pass_mark.findings,
    recall.findings,
    reading_time.findings,
    names.findings,
    placeholders.findings,
)


@dataclass(frozen=True, order=True)
class LintWarning:
    file: str
    line: int
    column: int
    code: str
    message: str
    # The trainer's reason, when a `silence` entry covers this warning.
    because: str | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: warning[{self.code}]: {self.message}"


@dataclass(frozen=True)
class LintReport:
    warnings: list[LintWarning]  # sorted by file, line and column; silenced ones included

    @property
    def shown(self) -> list[LintWarning]:
        return [w for w in self.warnings if w.because is None]

    @property
    def silenced(self) -> list[LintWarning]:
        return [w for w in self.warnings if w.because is not None]

    def counts(self, silenced: bool) -> Counter[str]:
        return Counter(w.code for w in (self.silenced if silenced else self.shown))


def _silence_lists(bundle: CourseBundle) -> Iterator[tuple[str, Path_, list[Silence]]]:
    """Every `silence` list of the course: its file, and the lesson, quiz or question it belongs to."""
    for file, lesson in lessons(bundle):
        yield file, (), lesson.silence
    for file, quiz in quizzes(bundle):
        yield file, (), quiz.silence
        for i, question in enumerate(quiz.questions):
            yield file, ("questions", i), question.silence


def _place(doc: Document, finding: Finding, because: str | None) -> LintWarning:
    # As the checks do: a list or mapping is pointed at by its key, a single value directly.
    mark = doc.mark_for(finding.at, key=isinstance(doc.value_at(finding.at), (list, dict)))
    return LintWarning(doc.path, mark.line, mark.column, finding.code, finding.message, because)


def lint_course(bundle: CourseBundle) -> LintReport:
    silences = {(file, owner): found for file, owner, found in _silence_lists(bundle) if found}
    used: set[tuple[str, Path_, str]] = set()
    placed: list[LintWarning] = []
    for rule in RULES:
        for finding in rule(bundle):
            because = None
            if LINT_CODES[finding.code].scope != "course":
                for entry in silences.get((finding.file, finding.owner), []):
                    if entry.code == finding.code:
                        because = entry.because
                        used.add((finding.file, finding.owner, entry.code))
            placed.append(_place(bundle.documents[finding.file], finding, because))
    for (file, owner), silence in silences.items():
        for k, entry in enumerate(silence):
            if (file, owner, entry.code) not in used:
                stale = Finding(
                    "CG001",
                    file,
                    (*owner, "silence", k, "code"),
                    f"no {entry.code} warning is left here to silence; remove this entry, so that it cannot "
                    "hide a new one",
                )
                placed.append(_place(bundle.documents[file], stale, None))
    return LintReport(sorted(placed))
