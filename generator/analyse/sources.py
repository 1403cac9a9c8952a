"""Where statements come from: an export file (JSON lines or a JSON array) or an LRS.

Both end as one JSON-lines or JSON-array file that DuckDB reads natively; a file DuckDB cannot
read is then scanned line by line once, only to name the first broken line.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from generator.analyse.errors import AnalyseError

AUTH_VARIABLE = "COURSEGEN_LRS_AUTH"
TIMEOUT = 30.0
PAGE = 1000


@dataclass(frozen=True)
class StatementFile:
    path: Path
    array: bool  # a JSON array; else one statement a line


def statement_file(path: Path) -> StatementFile:
    """The export at `path`, its form told by its first character."""
    try:
        with path.open("rb") as f:
            start = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise AnalyseError(f"cannot read {path}: {exc.strerror}; give the path of an LRS export") from None
    return StatementFile(path, start.startswith(b"["))


def first_broken_line(source: StatementFile, reason: str = "") -> str:
    """Why DuckDB could not read `source` (its `reason`): `file:line: what is wrong`."""
    name = source.path
    if source.array:
        try:
            data = json.loads(source.path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            return f"{name}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})"
        except UnicodeDecodeError:
            return f"{name}: not UTF-8 text"
        bad = next((k for k, item in enumerate(data) if not isinstance(item, dict)), None)
        return (
            f"{name}: item {bad} of the array is not a statement (a JSON object)"
            if bad is not None
            else f"{name}: not a list of statements"
        )
    with source.path.open(encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                return f"{name}:{number}: not a JSON statement ({exc.msg} at column {exc.colno})"
            if not isinstance(value, dict):
                return f"{name}:{number}: not a statement (a JSON object), but {type(value).__name__}"
    # Valid JSON throughout: a field of another type than xAPI's (DuckDB's first line says which).
    return f"{name}: a statement field is not of its xAPI type ({reason.splitlines()[0] if reason else 'unknown'})"


def lrs_auth(environ: dict[str, str] | None = None) -> str | None:
    """The Authorization header from COURSEGEN_LRS_AUTH: 'Basic …' / 'Bearer …' as it is, or user:password."""
    value = (environ if environ is not None else dict(os.environ)).get(AUTH_VARIABLE, "").strip()
    if not value:
        return None
    if value.split(" ", 1)[0] in ("Basic", "Bearer"):
        return value
    if ":" in value:
        return "Basic " + base64.b64encode(value.encode("utf-8")).decode("ascii")
    raise AnalyseError(f"{AUTH_VARIABLE} is neither 'Basic …', 'Bearer …' nor user:password; set it to one of these")


def _get(url: str, headers: dict[str, str], timeout: float) -> dict[str, Any]:
    shown = urllib.parse.urlsplit(url)._replace(query="").geturl()
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            raise AnalyseError(
                f"the LRS at {shown} refused the credentials ({exc.code}); set {AUTH_VARIABLE} to 'Basic …' "
                "or user:password of an account that may read statements"
            ) from None
        if exc.code == 400:
            raise AnalyseError(
                f"the LRS at {shown} refused the query (400 {exc.reason}); check that --since is an ISO 8601 "
                "timestamp such as 2026-01-01T00:00:00Z"
            ) from None
        raise AnalyseError(
            f"the LRS at {shown} answered {exc.code} {exc.reason}; try again later, or ask its administrator"
        ) from None
    except TimeoutError:
        raise AnalyseError(
            f"the LRS at {shown} did not answer within {timeout:.0f} s; try again, or a shorter --since window"
        ) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise AnalyseError(
                f"the LRS at {shown} did not answer within {timeout:.0f} s; try again, or a shorter --since window"
            ) from None
        raise AnalyseError(f"cannot reach the LRS at {shown} ({exc.reason}); check the address") from None
    try:
        page = json.loads(body)
    except ValueError:
        page = None
    if not isinstance(page, dict) or not isinstance(page.get("statements"), list):
        raise AnalyseError(
            f"the LRS at {shown} did not answer with a list of statements; check the address ends in /xAPI/"
        )
    return page


def fetch_from_lrs(
    endpoint: str, activity: str, out: IO[str], *, since: str | None, auth: str | None, timeout: float | None = None
) -> int:
    """Every statement about `activity` or an activity under it, written to `out` one a line.

    GET statements with related_activities (so the questions, whose grouping is the course,
    are found), then each `more` page, until the LRS has no more.
    """
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise AnalyseError(f"--lrs {endpoint!r} is not an http or https address; give the LRS's xAPI address")
    base = endpoint if endpoint.endswith("/") else endpoint + "/"
    query = {
        "activity": activity,
        "related_activities": "true",
        "verb": "http://adlnet.gov/expapi/verbs/answered",
        "limit": str(PAGE),
    }
    if since:
        query["since"] = since
    headers = {"X-Experience-API-Version": "1.0.3", "Accept": "application/json"}
    if auth:
        headers["Authorization"] = auth
    timeout = timeout or TIMEOUT  # read at call time, so a test can shorten the wait
    url: str | None = base + "statements?" + urllib.parse.urlencode(query)
    count = 0
    while url:
        page = _get(url, headers, timeout)
        for statement in page["statements"]:
            out.write(json.dumps(statement, ensure_ascii=False))
            out.write("\n")
            count += 1
        more = page.get("more")
        # `more` is relative to the LRS's host (xAPI 1.0.3, 2.1.3), or absolute.
        url = urllib.parse.urljoin(base, more) if isinstance(more, str) and more else None
    return count
