"""Build the bundled course (the repository's own course/ and quizzes/) and serve it on 127.0.0.1."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.pages.markdown import MarkdownRenderer

from .conftest import build_site, serving

ROOT = Path(__file__).resolve().parents[2]
_MD = MarkdownRenderer()


def plain(markdown: str) -> str:
    """The text a learner sees for a Markdown field: what get_by_label and names match."""
    text = re.sub(r"<[^>]+>", "", _MD.inline(markdown))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


@pytest.fixture(scope="session")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled course, built with site_url = the address it is served at; yields that address."""
    with serving(lambda url: build_site(ROOT, tmp_path_factory.mktemp("bundled"), url)) as server:
        yield server.url
