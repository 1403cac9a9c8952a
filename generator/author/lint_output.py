"""What `coursegen lint` prints: one line per warning and a summary, or one JSON document."""

from __future__ import annotations

import json
from collections import Counter

from generator.author.lint import LintReport


def _counted(total: int, counts: Counter[str]) -> str:
    return f" ({', '.join(f'{code}: {n}' for code, n in sorted(counts.items()))})" if total else ""


def summary(report: LintReport) -> str:
    """e.g. `3 warnings (CG101: 2, CG302: 1); 1 silenced (CG107: 1)`."""
    shown, silenced = len(report.shown), len(report.silenced)
    return (
        f"{shown} warning{'s' if shown != 1 else ''}{_counted(shown, report.counts(silenced=False))}; "
        f"{silenced} silenced{_counted(silenced, report.counts(silenced=True))}"
    )


def text_lines(report: LintReport) -> list[str]:
    return [*(str(w) for w in report.shown), summary(report)]


def json_text(report: LintReport) -> str:
    warnings = []
    for w in report.warnings:
        item: dict[str, object] = {
            "file": w.file,
            "line": w.line,
            "column": w.column,
            "code": w.code,
            "message": w.message,
            "silenced": w.because is not None,
        }
        if w.because is not None:
            item["because"] = w.because
        warnings.append(item)
    shown, silenced = report.counts(silenced=False), report.counts(silenced=True)
    document = {
        "warnings": warnings,
        "counts": {code: {"warnings": shown[code], "silenced": silenced[code]} for code in sorted(shown | silenced)},
        "total": {"warnings": len(report.shown), "silenced": len(report.silenced)},
    }
    return json.dumps(document, indent=2, ensure_ascii=False)
