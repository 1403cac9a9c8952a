"""What `coursegen stats` prints: its tables, as plain aligned text, as rich tables, or as JSON.

The tables are built once (`tables`) and drawn by either renderer, so the terminal and a pipe
show the same rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table as RichTable

from generator.author.panel_report import percent, result_json
from generator.author.stats import OUTCOMES, CourseFigures, PartFigures
from generator.model.models import QUESTION_TYPES


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    # The last row is a total, set apart from the others.
    total: bool = False


def _minutes(value: float) -> str:
    return str(round(value))


def tables(figures: CourseFigures) -> list[Table]:
    parts = [*figures.modules, *([figures.final] if figures.final else [])]
    rows = [*parts, figures.course]
    return [
        Table(
            f"{figures.title}: reading",
            ["module", "lessons", "words", "minutes stated", "minutes estimated", "objectives"],
            [
                [
                    p.id,
                    str(p.lessons),
                    str(p.words),
                    str(p.minutes_stated),
                    _minutes(p.minutes_estimated),
                    str(len(p.objectives)),
                ]
                # The final assessment has no lessons: its row would be all zeros.
                for p in [*figures.modules, figures.course]
            ],
            total=True,
        ),
        Table(
            "Questions by type",
            ["module", *QUESTION_TYPES, "questions"],
            [[p.id, *(str(p.questions[kind]) for kind in QUESTION_TYPES), str(p.question_total)] for p in rows],
            total=True,
        ),
        Table(
            "Role-plays",
            ["quiz", "question", "steps", "endings", " / ".join(OUTCOMES)],
            [
                [
                    r.quiz,
                    r.question,
                    str(r.steps),
                    str(sum(r.endings.values())),
                    " / ".join(str(r.endings[outcome]) for outcome in OUTCOMES),
                ]
                for r in figures.course.roleplays
            ],
        ),
        Table(
            "Objectives, and the questions that assess each",
            ["module", "lesson", "objective", "questions"],
            [[part.id, o.lesson, o.id, str(o.questions)] for part in figures.modules for o in part.objectives],
        ),
        Table(
            "Validity panels, the last of each quiz",
            [
                "quiz",
                "date",
                "version",
                "non-readers (mean)",
                "readers (mean)",
                "all non-readers right",
                "all readers missed",
            ],
            [
                [
                    p.quiz,
                    p.date,
                    p.course_version,
                    f"{len(p.group('non-reader'))} ({percent(p.mean('non-reader'))})",
                    f"{len(p.group('reader'))} ({percent(p.mean('reader'))})",
                    f"{len(p.every_non_reader_right)} of {len(p.items)}",
                    f"{len(p.every_reader_missed)} of {len(p.items)}",
                ]
                for p in figures.panels
            ],
        ),
    ]


def _numeric(table: Table, column: int) -> bool:
    return column > 0 and all(row[column].replace(" / ", "").isdigit() for row in table.rows)


def plain_text(figures: CourseFigures) -> str:
    """Aligned columns with no drawing characters: for a pipe, a file or a screen reader."""
    blocks = []
    for table in tables(figures):
        if not table.rows:
            blocks.append(f"{table.title}: none")
            continue
        widths = [max(len(row[i]) for row in [table.headers, *table.rows]) for i in range(len(table.headers))]
        right = [_numeric(table, i) for i in range(len(table.headers))]

        def line(cells: list[str], widths: list[int] = widths, right: list[bool] = right) -> str:
            return "  ".join(
                cell.rjust(w) if r else cell.ljust(w) for cell, w, r in zip(cells, widths, right, strict=True)
            ).rstrip()

        lines = [table.title, line(table.headers)]
        for k, row in enumerate(table.rows):
            if table.total and k == len(table.rows) - 1:
                lines.append(line(["-" * w for w in widths]))
            lines.append(line(row))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def print_rich(figures: CourseFigures, console: Console) -> None:
    for table in tables(figures):
        if not table.rows:
            console.print(f"{table.title}: none")
            continue
        drawn = RichTable(title=table.title, box=box.SIMPLE_HEAD, title_justify="left", show_footer=False)
        for i, header in enumerate(table.headers):
            # Two-word headers on two lines, and long ids folded, so that the tables fit 80 columns.
            drawn.add_column(
                header.replace(" ", "\n", 1) if len(header) > 9 and "/" not in header else header,
                justify="right" if _numeric(table, i) else "left",
                no_wrap=_numeric(table, i) and "/" not in header,
                overflow="fold",
            )
        for k, row in enumerate(table.rows):
            last = table.total and k == len(table.rows) - 1
            drawn.add_row(*row, end_section=table.total and k == len(table.rows) - 2, style="bold" if last else None)
        console.print(drawn)


def _part_json(part: PartFigures) -> dict[str, Any]:
    return {
        "id": part.id,
        "title": part.title,
        "lessons": part.lessons,
        "words": part.words,
        "minutes": {"stated": part.minutes_stated, "estimated": round(part.minutes_estimated, 1)},
        "questions": {**part.questions, "total": part.question_total},
        "roleplays": [
            {"quiz": r.quiz, "question": r.question, "steps": r.steps, "endings": r.endings} for r in part.roleplays
        ],
        "objectives": [{"id": o.id, "lesson": o.lesson, "questions": o.questions} for o in part.objectives],
    }


def json_text(figures: CourseFigures) -> str:
    document = {
        "id": figures.id,
        "title": figures.title,
        "modules": [_part_json(part) for part in figures.modules],
        "final_assessment": _part_json(figures.final) if figures.final else None,
        "course": _part_json(figures.course),
        "panels": [result_json(result) for result in figures.panels],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)
