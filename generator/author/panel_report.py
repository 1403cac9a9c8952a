"""What `coursegen panel` prints, and the panel figures `coursegen stats` adds: text lines or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from generator.author.panel import Group, QuizResult


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value)} %"


def _items(found: list[str], of: int) -> str:
    return f"{len(found)} of {of}" + (f" ({', '.join(found)})" if found else "")


def text_lines(panels: Sequence[list[QuizResult]]) -> list[str]:
    """Per panel and quiz: every reader's score and brief, each group's mean, and the telling items."""
    if not panels:
        return ["no panel recorded yet"]
    lines: list[str] = []
    for results in panels:
        if not results:
            continue
        first = results[0]
        if lines:
            lines.append("")
        lines += [f"Panel of {first.date}: course {first.course_version}, paper seed {first.seed}"]
        for result in results:
            lines.append(
                f"{result.quiz}: {result.title} ({len(result.items)} item{'s' if len(result.items) != 1 else ''}, pass mark {result.pass_mark} %)"
            )
            width = max(len(reader.id) for reader in result.readers)
            for reader in result.readers:
                lines.append(
                    f"  {reader.group:<10}  {reader.id:<{width}}  {percent(reader.percent):>5}  {reader.brief}"
                )
            means = [
                f"{group}s: mean {percent(result.mean(group))} ({len(result.group(group))})"
                for group in ("non-reader", "reader")
            ]
            lines.append("  " + "; ".join(means))
            lines.append(f"  every non-reader right: {_items(result.every_non_reader_right, len(result.items))}")
            lines.append(f"  every reader missed: {_items(result.every_reader_missed, len(result.items))}")
    return lines


def result_json(result: QuizResult) -> dict[str, Any]:
    def group(name: Group) -> dict[str, Any]:
        readers, mean = result.group(name), result.mean(name)
        return {
            "count": len(readers),
            "mean": None if mean is None else round(mean, 1),
            "scores": {reader.id: round(reader.percent, 1) for reader in readers},
        }

    return {
        "quiz": result.quiz,
        "date": result.date,
        "course_version": result.course_version,
        "seed": result.seed,
        "pass_mark": result.pass_mark,
        "items": len(result.items),
        "non_readers": group("non-reader"),
        "readers": group("reader"),
        "every_non_reader_right": result.every_non_reader_right,
        "every_reader_missed": result.every_reader_missed,
    }
