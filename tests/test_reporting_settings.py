"""Reporting is on only where a site asks for it, and its settings are checked with a plain message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.engines.plain_project import ConfigError, render_project
from generator.pages.reporting import Reporting, reporting_settings

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "quizcourse"


def test_no_settings_no_reporting() -> None:
    assert reporting_settings(None) is None
    assert reporting_settings({}) is None
    assert reporting_settings({}, scorm12=True) == Reporting(scorm12=True)


def test_an_endpoint_or_the_launch_parameters() -> None:
    assert reporting_settings({"launch": True}) == Reporting(xapi_launch=True)
    assert reporting_settings({"endpoint": "https://lrs.example.org/xAPI/"}) == Reporting(
        xapi_endpoint="https://lrs.example.org/xAPI/"
    )


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"endpoint": "https://lrs.example.org/", "auth": "Basic abc"},
            "unknown setting 'auth'; the settings are endpoint, launch",
        ),
        ({"endpoint": "lrs.example.org"}, "endpoint: 'lrs.example.org' is not an http or https address"),
        ({"endpoint": "https://me:secret@lrs.example.org/"}, "endpoint: holds a user name or password"),
        ({"launch": "yes"}, "launch: must be true or false, not 'yes'"),
        ({"launch": False}, "give an endpoint, or launch: true, or remove xapi"),
    ],
)
def test_a_setting_that_cannot_work_is_refused_plainly(settings: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        reporting_settings(settings)


def scripts(project: Path) -> dict[str, int]:
    docs = project / "docs"
    return {
        p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8").count("report.js") for p in docs.rglob("*.md")
    }


def with_xapi(tmp_path: Path, block: str) -> Path:
    course = tmp_path / "a" / "b" / "quizcourse"
    shutil.copytree(FIXTURE, course)
    shutil.copytree(REPO / "theme", tmp_path / "theme")
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - coursegen\n", "  - coursegen:\n" + block))
    return course


def test_an_ordinary_site_loads_nothing_for_reporting(tmp_path: Path) -> None:
    render_project(FIXTURE, tmp_path / "out")
    assert set(scripts(tmp_path / "out").values()) == {0}
    assert not (tmp_path / "out" / "docs" / "assets" / "coursegen" / "report.js").exists()


def test_a_site_with_xapi_settings_reports_from_every_page(tmp_path: Path) -> None:
    course = with_xapi(tmp_path, "      xapi:\n        launch: true\n")
    render_project(course, tmp_path / "out")
    assert set(scripts(tmp_path / "out").values()) == {1}
    assert (tmp_path / "out" / "docs" / "assets" / "coursegen" / "report.js").is_file()
    assert not (tmp_path / "out" / "docs" / "assets" / "coursegen" / "scorm-launch.js").exists()


def test_a_wrong_setting_names_itself_and_writes_nothing(tmp_path: Path) -> None:
    course = with_xapi(tmp_path, "      xapi:\n        endpont: https://lrs.example.org/\n")
    with pytest.raises(ConfigError, match=r"^mkdocs.yml: plugins.coursegen.xapi: unknown setting 'endpont'"):
        render_project(course, tmp_path / "out")
    assert not (tmp_path / "out").exists()
