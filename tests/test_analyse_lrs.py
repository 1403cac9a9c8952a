"""`coursegen analyse --lrs` against a small real HTTP server on 127.0.0.1: the statements API's
paging (`more`), the headers, and an LRS that refuses, fails or does not answer."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from analysed_course import ROOT, write
from click.testing import CliRunner, Result

from generator.analyse import sources
from generator.analyse.simulate import Cohort
from generator.cli import main

PAGE = 100


class _Lrs(http.server.ThreadingHTTPServer):
    statements: list[dict[str, Any]]
    mode: str
    seen: list[tuple[str, dict[str, str]]]


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Lrs

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.server.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        mode = self.server.mode
        if mode == "timeout":
            time.sleep(3)
        if mode == "500" or self.headers.get("X-Experience-API-Version") != "1.0.3":
            self.send_error(500, "Internal Server Error")
            return
        if mode == "401" or self.headers.get("Authorization") != "Basic dHJhaW5lcjpzZWNyZXQ=":
            self.send_error(401, "Unauthorized")
            return
        query = parse_qs(urlsplit(self.path).query)
        start = int(query.get("from", ["0"])[0])
        chunk = self.server.statements[start : start + PAGE]
        more = f"/xAPI/statements?from={start + PAGE}" if start + PAGE < len(self.server.statements) else ""
        body = json.dumps({"statements": chunk, "more": more}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def lrs(statements: list[dict[str, Any]], mode: str = "ok") -> Iterator[_Lrs]:
    server = _Lrs(("127.0.0.1", 0), _Handler)
    server.statements, server.mode, server.seen = statements, mode, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def address(server: _Lrs) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/xAPI/"


def analyse(*args: str, auth: str | None = "trainer:secret") -> Result:
    env = {"COURSEGEN_LRS_AUTH": auth} if auth else {}
    return CliRunner(env=env).invoke(main, ["analyse", "--root", str(ROOT), "--format", "json", *args])


@pytest.fixture(scope="module")
def statements(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path = tmp_path_factory.mktemp("lrs") / "statements.jsonl"
    write(path, Cohort(learners=40, seed=4))
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_every_page_is_read_and_analysed_like_the_export(statements: list[dict[str, Any]], tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(s) + "\n" for s in statements))
    with lrs(statements) as server:
        result = analyse("--lrs", address(server), "--since", "2026-01-01T00:00:00Z")
    assert result.exit_code == 0, result.output
    pages = -(-len(statements) // PAGE)
    assert len(server.seen) == pages
    first, headers = server.seen[0]
    query = parse_qs(urlsplit(first).query)
    assert query["activity"] == ["https://training.example.com/courses/harbour-desk"]
    assert query["related_activities"] == ["true"]
    assert query["since"] == ["2026-01-01T00:00:00Z"]
    assert headers["x-experience-api-version"] == "1.0.3"
    assert headers["authorization"] == "Basic dHJhaW5lcjpzZWNyZXQ="
    from_lrs = json.loads(result.stdout)
    from_file = json.loads(analyse("--from", str(export)).stdout)
    assert from_lrs["counts"]["answers"] == len(statements)
    assert from_lrs["quizzes"] == from_file["quizzes"]


@pytest.mark.parametrize(
    ("mode", "auth", "message"),
    [
        ("401", "trainer:secret", "refused the credentials (401); set COURSEGEN_LRS_AUTH to"),
        ("ok", None, "refused the credentials (401); set COURSEGEN_LRS_AUTH to"),
        ("500", "trainer:secret", "answered 500 Internal Server Error; try again later"),
        ("timeout", "trainer:secret", "did not answer within 1 s"),
    ],
)
def test_an_lrs_that_refuses_fails_or_is_silent_is_one_line(
    statements: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    mode: str,
    auth: str | None,
    message: str,
) -> None:
    monkeypatch.setattr(sources, "TIMEOUT", 1.0)
    report = tmp_path / "report"
    with lrs(statements, mode) as server:
        result = CliRunner(env={"COURSEGEN_LRS_AUTH": auth} if auth else {"COURSEGEN_LRS_AUTH": ""}).invoke(
            main, ["analyse", "--root", str(ROOT), "--lrs", address(server), "--out", str(report)]
        )
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: the LRS at {address(server)}statements ")
    assert message in line
    assert "secret" not in line
    assert not report.exists()


def test_credentials_are_never_an_option() -> None:
    result = CliRunner().invoke(main, ["analyse", "--help"])
    assert "COURSEGEN_LRS_AUTH" in result.stdout
    assert "--auth" not in result.stdout and "--password" not in result.stdout
