from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

FIXTURES = Path(__file__).parent / "fixtures"

# Property tests (tests/test_properties.py). deadline=None: the machine is shared,
# so a slow example is no finding. `make test` runs the same few hundred examples
# every time (derandomize, no database), so a failure there is reproducible;
# `make fuzz` (HYPOTHESIS_PROFILE=fuzz) explores new ones on every run and keeps
# any failure it finds outside the repository, to try first on the next run.
settings.register_profile("default", max_examples=300, deadline=None, derandomize=True, database=None)
settings.register_profile(
    "fuzz",
    max_examples=10_000,
    deadline=None,
    database=DirectoryBasedExampleDatabase(Path(tempfile.gettempdir()) / "coursegen-hypothesis"),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini course, for tests that break or build it."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target)
    return target
