from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini course, for tests that break or build it."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target)
    return target
