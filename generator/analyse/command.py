"""`coursegen analyse` from end to end: statements in, figures and flags out (JSON or HTML files).

Nothing here writes to the trainer's folders: the caller (cli.py) checks the output folder and
swaps the report in, so a failure leaves the previous report as it was.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from generator.analyse.errors import AnalyseError
from generator.analyse.figures import Attempts, LearnerRow, QuizFigure, compute
from generator.analyse.flags import Flag, flag_text, flags_of
from generator.analyse.sources import StatementFile, fetch_from_lrs, lrs_auth, statement_file
from generator.analyse.table import Counts, load_answers
from generator.analyse.words import report_strings
from generator.model.load import CourseBundle


@dataclass
class Analysis:
    course: str
    course_iri: str
    counts: Counts
    attempts: Attempts
    quizzes: list[tuple[QuizFigure, list[Flag]]]
    learners: list[LearnerRow]


@contextmanager
def statements(from_file: Path | None, lrs: str | None, course_iri: str, since: str | None) -> Iterator[StatementFile]:
    """The statements to analyse as one file: the export given, or what the LRS returns."""
    if (from_file is None) == (lrs is None):
        raise AnalyseError("give the statements with --from FILE (an LRS export) or --lrs URL, one of the two")
    if from_file is not None:
        yield statement_file(from_file)
        return
    assert lrs is not None
    auth = lrs_auth()
    with tempfile.TemporaryDirectory(prefix="coursegen-analyse-") as folder:
        path = Path(folder) / "statements.jsonl"
        with path.open("w", encoding="utf-8") as out:
            fetch_from_lrs(lrs, course_iri, out, since=since, auth=auth)
        yield StatementFile(path, array=False)


def analyse(
    bundle: CourseBundle,
    source: StatementFile,
    course_iri: str,
    current_hashes: Mapping[str, str],
    *,
    attempts: Attempts = "first",
    names: bool = False,
) -> Analysis:
    con = duckdb.connect()
    try:
        # Insertion order is never needed: every result is grouped and sorted in SQL.
        con.execute("SET preserve_insertion_order = false")
        counts = load_answers(con, source, course_iri)
        figures, learners = compute(con, bundle, current_hashes, attempts=attempts, names=names)
    finally:
        con.close()
    return Analysis(
        bundle.course.id, course_iri, counts, attempts, [(q, flags_of(q)) for q in figures], learners if names else []
    )


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        # DuckDB sums in parallel, in no fixed order: the last digits of a float may differ from
        # run to run on the same statements. Six places are more than any figure needs.
        return round(value, 6)
    return value


def json_text(analysis: Analysis) -> str:
    """The figures as JSON: what the HTML report shows, for other tools."""
    data = {
        "course": analysis.course,
        "course_iri": analysis.course_iri,
        "attempts": analysis.attempts,
        "counts": _plain(analysis.counts),
        "quizzes": [
            {**_plain(quiz), "flags": [{**_plain(f), "place": str(f.place) if f.place else None} for f in flags]}
            for quiz, flags in analysis.quizzes
        ],
    }
    if analysis.learners:
        data["learners"] = _plain(analysis.learners)
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)


def summary_lines(analysis: Analysis, language: str) -> list[str]:
    """What the command prints beside the report: the counts, then one line per flag."""
    s = report_strings(language)
    c = analysis.counts
    lines = [
        f"read {c.statements} statements: {c.answers} answers analysed, {c.other_courses} about other courses "
        f"ignored, {c.without_context} without coursegen's context ignored, {c.not_answers} not answers"
    ]
    for quiz, flags in analysis.quizzes:
        state = "current" if quiz.current else "not the current content"
        lines.append(f"{quiz.quiz} version {quiz.version}, quiz {quiz.quiz_hash} ({state}): {quiz.attempts} attempts")
        lines += [f.line(flag_text(f, s)) for f in flags]
    return lines


def html_files(analysis: Analysis, course_title: str, language: str) -> dict[str, str]:
    # Imported here: matplotlib takes a while to load, and `--format json` needs none of it.
    from generator.analyse.html import report_files

    s = report_strings(language)
    c = analysis.counts
    return report_files(
        course_title=course_title,
        language=language,
        strings=s,
        quizzes=analysis.quizzes,
        rule=s["rule_first"] if analysis.attempts == "first" else s["rule_all"],
        ignored=s["ignored"].format(other=c.other_courses, old=c.without_context),
        learners=analysis.learners,
    )
