"""The certificate's verification code: its derivation, the JavaScript twin, and `coursegen verify`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.pages.certificate import (
    ALPHABET,
    certificate_code,
    check_date,
    clean_code,
    normalize_name,
    parse_score,
    verify,
)
from generator.pages.runtime_files import runtime_assets

FIXTURE = Path(__file__).parent / "fixtures" / "quizcourse"
ASSETS = resources.files("generator") / "assets"
CODE = re.compile(rf"[{ALPHABET}]{{5}}-[{ALPHABET}]{{5}}")
BASE = ("quizcourse", "1.0", "Ada Lovelace", "2025-01-31", 85)

NAMES = [
    "Ada Lovelace",
    "  Ada \t Lovelace\n",
    "ADA LOVELACE",
    "Zoë O’Brien-Núñez",
    unicodedata.normalize("NFD", "Zoë O’Brien-Núñez"),
    "İstanbul Iğdır",
    "ΟΔΥΣΣΕΥΣ",
    "Straße",
    "山田 太郎",
    "محمد عبد الله",
    "Ada\u00a0Lovelace\u3000",
    "Emoji 🙂 Person",
    "",
    "x" * 300,
    'quote " and \\ backslash',
]


# ------------------------------------------------------------------- Python


def test_code_format_and_a_fixed_example() -> None:
    code = certificate_code(*BASE)
    assert CODE.fullmatch(code), code
    # Pinned: a certificate printed today must verify with every later coursegen.
    assert code == "EKMVX-V6WYS"


@pytest.mark.parametrize(
    "changed",
    [
        ("other-course", "1.0", "Ada Lovelace", "2025-01-31", 85),
        ("quizcourse", "1.1", "Ada Lovelace", "2025-01-31", 85),
        ("quizcourse", "1.0", "Ada Lovelave", "2025-01-31", 85),
        ("quizcourse", "1.0", "Ada Lovelace", "2025-01-30", 85),
        ("quizcourse", "1.0", "Ada Lovelace", "2025-01-31", 86),
    ],
)
def test_every_value_changes_the_code(changed: tuple[str, str, str, str, int]) -> None:
    assert certificate_code(*changed) != certificate_code(*BASE)


def test_names_differing_only_in_spacing_case_or_unicode_form_agree() -> None:
    same = ["Ada Lovelace", "  ada   LOVELACE ", "Ada\u00a0Lovelace", "Ada\u2003Lovelace\t"]
    assert {certificate_code("c", "1", n, "2025-01-31", 90) for n in same} == {
        certificate_code("c", "1", "ada lovelace", "2025-01-31", 90)
    }
    composed, decomposed = "Zoë", unicodedata.normalize("NFD", "Zoë")
    assert composed != decomposed and normalize_name(composed) == normalize_name(decomposed)


def test_codes_spread_over_the_alphabet() -> None:
    codes = {certificate_code("c", "1", f"Learner {i}", "2025-01-31", i % 101) for i in range(2000)}
    assert len(codes) == 2000
    assert set("".join(codes).replace("-", "")) == set(ALPHABET)


@pytest.mark.parametrize("typed", ["ekmvx-v6wys", "EKMVXV6WYS", " EKMVX V6WYS ", "EKMVX-V6WYS"])
def test_codes_are_read_forgivingly(typed: str) -> None:
    assert clean_code(typed) == "EKMVX-V6WYS"
    assert verify(typed, course_id="quizcourse", version="1.0", name="Ada Lovelace", date="2025-01-31", score=85)


def test_crockford_lookalikes() -> None:
    code = certificate_code(*BASE)
    assert clean_code(code.replace("0", "O").replace("1", "I")) == code


@pytest.mark.parametrize(("text", "value"), [("85", 85), ("85%", 85), (" 85 % ", 85), ("0", 0), ("100", 100)])
def test_parse_score(text: str, value: int) -> None:
    assert parse_score(text) == value


@pytest.mark.parametrize("text", ["101", "-1", "85.5", "eighty", ""])
def test_parse_score_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="whole percentage"):
        parse_score(text)


@pytest.mark.parametrize("text", ["31/01/2025", "2025-1-31", "2025-02-30", "yesterday"])
def test_check_date_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        check_date(text)


# ------------------------------------------------------- the JavaScript twin


def _js(call: str, cases: list[list[Any]], folder: Path = Path(str(ASSETS))) -> list[Any]:
    """`call`, an expression of `m` (dashboard.js's exports) and `c` (one case), on each case.

    Run by Node if present, else by Chromium, on the scripts in `folder`."""
    node = shutil.which("node")
    if node:
        script = f"""
        globalThis.document = {{ querySelector: () => null, querySelectorAll: () => [], documentElement: {{}} }};
        globalThis.window = {{}};
        const m = await import({json.dumps((folder / "dashboard.js").as_uri())});
        console.log(JSON.stringify({json.dumps(cases)}.map(c => {call})));
        """
        result = subprocess.run(
            [node, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60, check=True
        )
        return list(json.loads(result.stdout))
    from playwright.sync_api import Route, sync_playwright

    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.fail("neither node nor /usr/bin/chromium is available to run the JavaScript twin")

    def serve(route: Route) -> None:
        name = route.request.url.rsplit("/", 1)[-1]
        if name.endswith(".js"):
            route.fulfill(body=(folder / name).read_bytes(), content_type="text/javascript")
        else:
            route.fulfill(body="<!doctype html><title>t</title>", content_type="text/html")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        page.route("http://coursegen.test/**", serve)
        page.goto("http://coursegen.test/index.html")
        results = page.evaluate(
            f"async cases => {{ const m = await import('/dashboard.js'); return cases.map(c => {call}) }}", cases
        )
        browser.close()
    return list(results)


def _js_codes(cases: list[list[Any]]) -> list[str]:
    return [str(code) for code in _js("m.certCode(...c)", cases)]


def test_javascript_computes_the_same_codes() -> None:
    cases: list[list[Any]] = [
        [course, version, name, date, score]
        for name in NAMES
        for course, version, date, score in [
            ("quizcourse", "1.0", "2025-01-31", 85),
            ("customer-relationships", "2.10.3", "1999-12-31", 0),
            ("c", "1", "2030-06-15", 100),
        ]
    ]
    expected = [certificate_code(*case) for case in cases]
    assert _js_codes(cases) == expected


def test_javascript_names_normalise_the_same_way() -> None:
    # The twin's whitespace class is spelt out in both languages; keep them the same.
    py = re.search(
        r'_SPACE = re.compile\("(.+?)"\)',
        (Path(__file__).parents[1] / "generator" / "pages" / "certificate.py").read_text(),
    )
    js = re.search(r"const SPACE = /(.+?)/\n", (ASSETS / "dashboard.js").read_text(encoding="utf-8"))
    assert py and js and py[1] == js[1]


# ---------------------------------------------------------- coursegen verify


def _verify(*args: str) -> Any:
    return CliRunner().invoke(main, ["verify", *args, "--root", str(FIXTURE)])


def test_verify_accepts_a_matching_code() -> None:
    code = certificate_code("quizcourse", "1.0", "Zoë O’Brien", "2025-01-31", 85)
    result = _verify(code, "--name", "Zoë O’Brien", "--date", "2025-01-31", "--score", "85")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("valid: ") and result.output.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "Ada Lovelace", "--date", "2025-01-31", "--score", "86"], "invalid: the code does not match"),
        (["--name", "Ada Lovelace", "--date", "2025-01-31", "--score", "85", "--course-version", "2.0"], "invalid"),
        (
            ["--name", "Ada Lovelace", "--date", "2025-02-30", "--score", "85"],
            "invalid: '2025-02-30' is not a real date",
        ),
        (["--name", "Ada Lovelace", "--date", "2025-01-31", "--score", "lots"], "invalid: the score must be"),
        (["--name", "Ada Lovelace"], "error: give the code, --name, --date and --score"),
    ],
)
def test_verify_rejects_plainly(args: list[str], message: str) -> None:
    result = _verify("EKMVX-V6WYS", *args)
    assert result.exit_code == 1
    assert result.output.startswith(message), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def test_verify_an_older_certificate_with_its_course_version() -> None:
    code = certificate_code("quizcourse", "0.9", "Ada Lovelace", "2024-05-01", 90)
    args = ["--name", "Ada Lovelace", "--date", "2024-05-01", "--score", "90"]
    assert _verify(code, *args).exit_code == 1
    assert _verify(code, *args, "--course-version", "0.9").exit_code == 0


def test_verify_reports_a_broken_course_like_check(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["verify", "EKMVX-V6WYS", "--name", "A", "--date", "2025-01-31", "--score", "1", "--root", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "course/course.yaml:1:1: the course outline is missing" in result.output


# ------------------------------------------------ the command the page prints

# Names a learner might type to run something on the trainer's machine, who
# pastes the command from the certificate into a shell.
SHELL_NAMES = [
    "$(touch pwned)",
    "`touch pwned`",
    "O'Brien $(touch pwned) `touch pwned`",
    "'; touch pwned; echo '",
    '"; touch pwned; echo "$(touch pwned)"',
    "\\'$(touch pwned)\\'",
    "'\\''",
    "Ada\nLovelace\n$(touch pwned)\n",
    "${HOME:+$(touch pwned)} $HOME ~ * ? [a] & | > pwned < /dev/null #",
    "--score=1 -x",
    "",
]
DATE, SCORE = "2025-01-31", 85
COURSEGEN = Path(sys.executable).with_name("coursegen")


def _served_assets(folder: Path) -> Path:
    """The runtime as a learner's browser gets it (minified), where a test can import it."""
    folder.mkdir()
    for src, data in runtime_assets().items():
        (folder / Path(src).name).write_bytes(data)
    return folder


def _sh(function: str, command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`command` run by a POSIX shell, `coursegen` in it being the shell function `function`."""
    return subprocess.run(
        ["sh", "-c", f"coursegen() {{ {function}; }}\n{command}"],
        cwd=cwd,
        env={**os.environ, "COURSEGEN": str(COURSEGEN), "ROOT": str(FIXTURE)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_printed_command_gives_verify_any_name_unchanged_and_runs_none_of_it(tmp_path: Path) -> None:
    assert COURSEGEN.is_file(), f"{COURSEGEN} is missing: install the project (pip install -e .)"
    cases: list[list[Any]] = [
        [certificate_code("quizcourse", "1.0", name, DATE, SCORE), name, DATE, SCORE] for name in SHELL_NAMES
    ]
    commands = _js("m.verifyCommand(...c)", cases, _served_assets(tmp_path / "assets"))
    work = tmp_path / "shell"
    work.mkdir()
    for (code, name, _, _), command in zip(cases, commands, strict=True):
        assert command.startswith(f"coursegen verify {code} --name '"), command
        argv = _sh("printf '%s\\0' \"$@\"", command, work)
        assert argv.returncode == 0, argv.stderr
        assert argv.stdout.split("\0") == ["verify", code, "--name", name, "--date", DATE, "--score", str(SCORE), ""]
        result = _sh('"$COURSEGEN" "$@" --root "$ROOT"', command, work)
        assert result.returncode == 0, command + result.stdout + result.stderr
        assert result.stdout.startswith(f'valid: the code matches "{name.strip()}", {DATE}, {SCORE} %'), result.stdout
    assert list(work.iterdir()) == [], "the shell ran part of a name"


def test_the_certificate_prints_a_name_on_one_line_without_control_characters(tmp_path: Path) -> None:
    typed = ["  Ada \t Lovelace\n", "Ada\r\nLovelace", "\x1b]0;owned\x07Ada\x1b[2J", "Zoë\x85O’Brien\x9b1m\x7f", "\x00"]
    printed = _js("m.certName(c[0])", [[name] for name in typed], _served_assets(tmp_path / "assets"))
    assert printed == ["Ada Lovelace", "Ada Lovelace", "]0;owned Ada [2J", "Zoë O’Brien 1m", ""]
