"""Build the bundled course (the repository's own course/ and quizzes/) and serve it on 127.0.0.1."""

from __future__ import annotations

import functools
import html
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.pages.markdown import MarkdownRenderer

from .conftest import PREFIX, Server, _free_port, _Handler, build_site

ROOT = Path(__file__).resolve().parents[2]
_MD = MarkdownRenderer()


def plain(markdown: str) -> str:
    """The text a learner sees for a Markdown field: what get_by_label and names match."""
    text = re.sub(r"<[^>]+>", "", _MD.inline(markdown))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


@pytest.fixture(scope="session")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled course, built with site_url = the address it is served at; yields that address."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}{PREFIX}"
    server = Server(root=build_site(ROOT, tmp_path_factory.mktemp("bundled"), url), port=port, url=url)
    handler: Any = functools.partial(_Handler, server_state=server)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield url
    httpd.shutdown()
    httpd.server_close()
