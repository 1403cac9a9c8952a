"""What MkDocs logs while `coursegen serve` runs, sorted for a trainer's terminal.

MkDocs' preview server logs every rebuild step, every browser that connects
and every missing favicon; a trainer needs none of it. What is kept: warnings
and errors. Those logged during a build are held until it ends, so that
`coursegen serve` prints them with its own line about the build, once (MkDocs
logs a build error, then raises it again); the others are printed at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# MkDocs' modules and its plugins (ours included) log under "mkdocs"; ProperDocs, which
# runs them too, logs its own modules under "properdocs".
ENGINE_LOGGERS = ("mkdocs", "properdocs")
# Below the engine's logger: the preview server's request log and "Browser connected" lines.
SERVER_LOGGER = "livereload"


class PreviewLog(logging.Handler):
    """Handles the engine's warnings and errors while a preview runs."""

    def __init__(self, echo: Callable[[str], None]) -> None:
        super().__init__(logging.WARNING)
        self.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        self.echo = echo
        self._held: list[logging.LogRecord] | None = None
        self._builder: int | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        # The server logs a missing file (a favicon, a stale link) as a warning; an
        # error of its own (a request it could not answer) is kept.
        if record.name.split(".")[1:2] == [SERVER_LOGGER] and record.levelno < logging.ERROR:
            return False
        return super().filter(record)

    def emit(self, record: logging.LogRecord) -> None:
        held = self._held
        if held is not None and threading.get_ident() == self._builder:
            held.append(record)
        else:
            self.echo(self.format(record))

    @contextmanager
    def holding(self) -> Iterator[list[logging.LogRecord]]:
        """Hold what the calling thread logs until the block ends; the list gets each record."""
        held: list[logging.LogRecord] = []
        self._held, self._builder = held, threading.get_ident()
        try:
            yield held
        finally:
            self._held, self._builder = None, None

    @contextmanager
    def installed(self) -> Iterator[PreviewLog]:
        """Route the engine's log here, and only here, for the length of the block."""
        loggers = [logging.getLogger(name) for name in ENGINE_LOGGERS]
        propagate = [logger.propagate for logger in loggers]
        for logger in loggers:
            logger.addHandler(self)
            logger.propagate = False
        try:
            yield self
        finally:
            for logger, was in zip(loggers, propagate, strict=True):
                logger.removeHandler(self)
                logger.propagate = was
