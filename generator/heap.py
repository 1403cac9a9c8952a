"""Pausing Python's cycle collector while a course is loaded or rendered.

Loading and rendering allocate hundreds of thousands of small, long-lived
objects (YAML values, models, page text) and free almost nothing in cycles.
The cycle collector is triggered by allocation counts, so on a large course it
walks the whole growing heap again and again for nothing: about a tenth of the
own work at 1000 lessons. Reference counting still frees everything that is
not in a cycle, and the collector resumes as soon as the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block, unless the caller has already paused it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
