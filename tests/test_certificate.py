"""The certificate's verification code: its derivation and `coursegen verify`.

The JavaScript twin (generator/assets/src/certificate.js) and the command the certificate page
prints are run in Chromium against these functions: tests/browser/test_runtime_twins.py.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.pages.certificate_code import (
    ALPHABET,
    certificate_code,
    check_date,
    clean_code,
    normalize_name,
    parse_score,
    verify,
)

FIXTURE = Path(__file__).parent / "fixtures" / "quizcourse"
CODE = re.compile(rf"[{ALPHABET}]{{5}}-[{ALPHABET}]{{5}}")
BASE = ("quizcourse", "1.0", "Ada Lovelace", "2025-01-31", 85)


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


def test_verify_says_invalid_on_stderr_with_status_1() -> None:
    # A script reading stdout must not take a refusal for a result.
    result = _verify("EKMVX-V6WYS", "--name", "Ada Lovelace", "--date", "2025-01-31", "--score", "86")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("invalid: the code does not match")
