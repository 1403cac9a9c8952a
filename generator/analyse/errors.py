"""The one error `coursegen analyse` reports: a line that says what is wrong and what to do."""

from __future__ import annotations


class AnalyseError(Exception):
    """Input that cannot be analysed; str() is the one line the trainer sees."""
