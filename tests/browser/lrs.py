"""Ralph, a real learning record store, run by the tests on 127.0.0.1 (file-system back end).

Ralph lives in its own virtualenv, .venv-ralph (requirements/ralph.in says why; `make test`
installs it). One Ralph serves one test module on a free port; `stop()` and `start()` take it down
and bring it back on the same port with the same data, as an outage does.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
RALPH = REPO / ".venv-ralph" / "bin" / "ralph"
USER, PASSWORD = "coursegen", "a-test-password"

# Ralph's server, run as its docs run it in production: its app in uvicorn. Not `ralph runserver`,
# whose reloader restarts the LRS whenever a file changes in the folder it runs from. One setting
# differs from Ralph 5.1's: its file-system back end writes each request's statements with
# "create", which refuses the second request (the file exists); here it appends, as a file of
# statements must. And a query's `verb` and `activity` reach that back end as Ralph's IRI models,
# which it compares with the statements' strings, so a filtered GET (what `coursegen analyse --lrs`
# sends, as xAPI 1.0.3 specifies it) matched nothing; here they reach it as the strings they are.
# Everything else (validation, ids, duplicates, auth, CORS, the filters themselves) is Ralph's own.
SERVE = """
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
_query = FSLRSBackend.query_statements


def query_statements(self, params, target=None):
    iris = {
        name: value.model_dump(mode="json")
        for name in ("verb", "activity")
        if (value := getattr(params, name, None)) is not None and hasattr(value, "model_dump")
    }
    return _query(self, params.model_copy(update=iris) if iris else params, target)


FSLRSBackend.query_statements = query_statements
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


@dataclass
class Ralph:
    home: Path
    port: int
    site_origin: str  # the origin of the course's pages, which Ralph lets read its answers (CORS)
    more_origins: tuple[str, ...] = ()  # the same course served from other addresses too
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    @property
    def auth(self) -> str:
        return "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "RALPH_APP_DIR": str(self.home / "app"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_RUNSERVER_CORS_ALLOW_ORIGINS": json.dumps([self.site_origin, *self.more_origins]),
        }

    def make_credentials(self) -> None:
        if not RALPH.exists():
            raise AssertionError(f"{RALPH} is missing: run `make test` (it installs Ralph into .venv-ralph)")
        result = subprocess.run(
            [str(RALPH), "auth", "-u", USER, "-p", PASSWORD, "-s", "all", "-M", "mailto:lrs@example.org", "-w"],
            env=self.env(),
            capture_output=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr.decode()

    def start(self) -> None:
        log = (self.home / "ralph.log").open("ab")
        self.process = subprocess.Popen(
            [str(RALPH.with_name("python")), "-c", SERVE, str(self.port)],
            cwd=self.home,
            env={**self.env(), "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.home / "data")},
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert self.process.poll() is None, (self.home / "ralph.log").read_text()[-2000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__lbheartbeat__", timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise AssertionError("Ralph did not answer within 90 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None

    def statements(self) -> list[dict[str, Any]]:
        """Every statement Ralph holds, oldest first."""
        found: list[dict[str, Any]] = []
        url = f"{self.endpoint}statements?limit=500&ascending=true"
        while url:
            request = urllib.request.Request(
                url, headers={"Authorization": self.auth, "X-Experience-API-Version": "1.0.3"}
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                page = json.load(response)
            found += page["statements"]
            more = page.get("more")
            url = f"http://127.0.0.1:{self.port}{more}" if more else ""
        return found
