"""The runtime's functions that have a Python twin, run in Chromium against it on the same inputs.

The quiz data's obfuscation (quiz-data.js, exported by quiz.js; quiz_html in Python) and the
certificate's verification code (certificate.js, exported by dashboard.js; pages/certificate_code.py)
are computed on both sides and must agree. Each test imports the module as a learner's browser
gets it, the committed file a site serves (runtime_files.runtime_assets()), into a blank page
on 127.0.0.1, and compares what it returns with what the Python function returns.
"""

from __future__ import annotations

import base64
import html
import random
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from generator.engines.plain_project import render_project
from generator.pages import quiz_html
from generator.pages.certificate_code import certificate_code, normalize_name
from generator.pages.runtime_files import runtime_assets

from .conftest import COURSEGEN, FIXTURE, serving, shell_with_coursegen

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def runtime_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A blank page and the served runtime, on 127.0.0.1 under the sub-path; yields the page's URL."""
    root = tmp_path_factory.mktemp("runtime")
    for path, data in runtime_assets().items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    (root / "index.html").write_text('<!doctype html><html lang="en"><title>runtime</title></html>', encoding="utf-8")
    with serving(lambda _url: root) as server:
        yield server.url


def run_js(page: Page, url: str, module: str, body: str, cases: list[Any]) -> list[Any]:
    """`body`, a JavaScript expression of `m` (the served module's exports) and `c` (one case), for each case."""
    if page.url != url:
        page.goto(url)
    script = (
        f"async ([src, cases]) => {{ const m = await import(src); return Promise.all(cases.map(async c => {body})) }}"
    )
    return list(page.evaluate(script, [f"{url}assets/coursegen/{module}", cases]))


# ------------------------------------------------------------------ the quiz data


def test_the_key_is_quiz_htmls_key_for_any_seed(page: Page, runtime_url: str) -> None:
    rng = random.Random(7)
    seeds = ["", "a", "alpha-quiz:0123456789ab", "Zoë’s quiz:ffffffffffff", "山田:太郎", "x" * 300]
    seeds += [f"quiz-{k}:{rng.getrandbits(48):012x}" for k in range(60)]
    keys = run_js(page, runtime_url, "quiz.js", "Array.from(m.obfuscationKey(c))", seeds)
    assert [bytes(key) for key in keys] == [quiz_html._key(seed) for seed in seeds]


def test_unmasking_is_quiz_htmls_xor_at_every_size(page: Page, runtime_url: str) -> None:
    # The key repeats every 256 bytes: sizes around it and well past it.
    rng = random.Random(11)
    cases = []
    for size in [0, 1, 3, 255, 256, 257, 8193, 40000]:
        seed = f"quiz-{size}:{rng.getrandbits(48):012x}"
        cases.append([seed, base64.b64encode(rng.randbytes(size)).decode("ascii")])
    body = "btoa(String.fromCharCode(...m.unmask(Uint8Array.from(atob(c[1]), ch => ch.charCodeAt(0)), c[0])))"
    masked = run_js(page, runtime_url, "quiz.js", body, cases)
    for (seed, data), result in zip(cases, masked, strict=True):
        assert base64.b64decode(result) == quiz_html._xor_keystream(base64.b64decode(data), seed), len(data)


def quiz_blobs(tmp_path: Path) -> list[tuple[str, str]]:
    """(blob, seed) of every quiz of the fixture course and of the bundled course, as their pages carry them."""
    found = []
    for n, course in enumerate((FIXTURE, ROOT)):
        out = tmp_path / f"project{n}"
        render_project(course, out)
        for page in sorted((out / "docs").rglob("*.md")):
            text = page.read_text(encoding="utf-8")
            for quiz, digest, blob in re.findall(
                r'data-quiz="([^"]+)"[^>]*data-hash="([^"]+)"[^>]*data-key="([^"]+)"', text
            ):
                found.append((blob, f"{html.unescape(quiz)}:{digest}"))
    return found


def test_the_runtime_decodes_every_quiz_as_python_does(page: Page, runtime_url: str, tmp_path: Path) -> None:
    cases = [list(case) for case in quiz_blobs(tmp_path)]
    assert len(cases) >= 8
    decoded = run_js(page, runtime_url, "quiz.js", "m.decodeQuizData(c[0], c[1])", cases)
    assert decoded == [quiz_html.decode_blob(blob, seed) for blob, seed in cases]


def test_the_runtime_decodes_whatever_python_encodes(page: Page, runtime_url: str) -> None:
    rng = random.Random(3)
    alphabet = "aZ9 <>&\"'\\/\n\t\u00e9\u2019\u00a0\U0001f642\u5c71"
    values: list[Any] = [
        {},
        {"q": []},
        "",
        [None, True, False, 0, -1, 1.5, 10**15],
        {"".join(rng.choice(alphabet) for _ in range(8)): "".join(rng.choice(alphabet) for _ in range(4000))},
        [{"id": f"q{k}", "f": "<p>" + "x" * k + "</p>"} for k in range(300)],
    ]
    cases = [
        [quiz_html.encode_blob(value, f"quiz-{k}:{k:012x}"), f"quiz-{k}:{k:012x}"] for k, value in enumerate(values)
    ]
    assert run_js(page, runtime_url, "quiz.js", "m.decodeQuizData(c[0], c[1])", cases) == values


# -------------------------------------------------------------- the certificate

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


def test_the_runtime_computes_the_same_codes(page: Page, runtime_url: str) -> None:
    cases: list[list[Any]] = [
        [course, version, name, date, score]
        for name in NAMES
        for course, version, date, score in [
            ("quizcourse", "1.0", "2025-01-31", 85),
            ("customer-relationships", "2.10.3", "1999-12-31", 0),
            ("c", "1", "2030-06-15", 100),
        ]
    ]
    codes = run_js(page, runtime_url, "dashboard.js", "m.certificateCode(...c)", cases)
    assert codes == [certificate_code(*case) for case in cases]
    assert codes[0] == "EKMVX-V6WYS"


def test_the_runtime_normalises_names_as_python_does(page: Page, runtime_url: str) -> None:
    # Every character either language could take for white space or a control character, between
    # letters, at the ends and doubled; then the names above.
    # (Not other characters: Python's and Chromium's Unicode versions differ, and with them the case
    # of letters added since; both lower-case every letter of the names above alike.)
    kinds = {"Cc", "Cf", "Zs", "Zl", "Zp"}
    candidates = {cp for cp in range(0x3100) if chr(cp).isspace() or unicodedata.category(chr(cp)) in kinds}
    candidates |= {0x180E, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xFFFE, 0xFFFF}
    candidates -= set(range(0xD800, 0xE000))
    names = [f"Ab{chr(cp)}Cd" for cp in sorted(candidates)]
    names += [f"{chr(cp)}Ab {chr(cp)}{chr(cp)}Cd{chr(cp)}" for cp in sorted(candidates)]
    names += NAMES
    normalised = run_js(page, runtime_url, "dashboard.js", "m.normalizeName(c)", names)
    for name, js in zip(names, normalised, strict=True):
        assert js == normalize_name(name), ascii(name)


def test_the_certificate_prints_a_name_on_one_line_without_control_characters(page: Page, runtime_url: str) -> None:
    typed = ["  Ada \t Lovelace\n", "Ada\r\nLovelace", "\x1b]0;owned\x07Ada\x1b[2J", "Zoë\x85O’Brien\x9b1m\x7f", "\x00"]
    printed = run_js(page, runtime_url, "dashboard.js", "m.certificateName(c)", typed)
    assert printed == ["Ada Lovelace", "Ada Lovelace", "]0;owned Ada [2J", "Zoë O’Brien 1m", ""]


# Names a learner might type to run something on the trainer's machine, who pastes the command
# from the certificate into a shell.
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


def test_the_printed_command_gives_verify_any_name_unchanged_and_runs_none_of_it(
    page: Page, runtime_url: str, tmp_path: Path
) -> None:
    assert COURSEGEN.is_file(), f"{COURSEGEN} is missing: install the project (pip install -e .)"
    cases: list[list[Any]] = [
        [certificate_code("quizcourse", "1.0", name, DATE, SCORE), name, DATE, SCORE] for name in SHELL_NAMES
    ]
    commands = run_js(page, runtime_url, "dashboard.js", "m.verifyCommand(...c)", cases)
    for (code, name, _, _), command in zip(cases, commands, strict=True):
        assert command.startswith(f"coursegen verify {code} --name '"), command
        argv = shell_with_coursegen("printf '%s\\0' \"$@\"", command, tmp_path)
        assert argv.returncode == 0, argv.stderr
        assert argv.stdout.split("\0") == ["verify", code, "--name", name, "--date", DATE, "--score", str(SCORE), ""]
        result = shell_with_coursegen('"$COURSEGEN" "$@" --root "$ROOT"', command, tmp_path)
        assert result.returncode == 0, command + result.stdout + result.stderr
        assert result.stdout.startswith(f'valid: the code matches "{name.strip()}", {DATE}, {SCORE} %'), result.stdout
    assert list(tmp_path.iterdir()) == [], "the shell ran part of a name"


def test_the_page_gets_nothing_but_the_runtime(page: Page, runtime_url: str) -> None:
    # The modules import nothing from elsewhere: dashboard.js brings progress.js, and that is all.
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    run_js(page, runtime_url, "dashboard.js", "typeof m.certificateCode", [0])
    run_js(page, runtime_url, "quiz.js", "typeof m.decodeQuizData", [0])
    assert sorted({u.removeprefix(runtime_url) for u in seen}) == [
        "",
        "assets/coursegen/dashboard.js",
        "assets/coursegen/progress.js",
        "assets/coursegen/quiz.js",
    ]
