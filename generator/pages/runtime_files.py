"""The browser runtime (generator/assets), as a site serves it.

The scripts' readable sources are in generator/assets/src/; `make runtime` builds them with
esbuild into the minified files beside this runtime's stylesheets, which are committed and
served as they are (tests/test_runtime_build.py checks that they match their sources).
"""

from __future__ import annotations

from importlib import resources

from generator.pages.urls import ASSETS_DIR

RUNTIME_ASSETS = (
    "quiz.js",
    "quiz.css",
    "progress.js",
    "results.js",
    "dashboard.js",
    "dashboard.css",
    "review.js",
    "review-due.js",
    "test-out.js",
)
# Served only where reporting is on (pages/reporting.py); the launch page only in the SCORM package.
REPORTING_ASSETS = ("report.js",)
SCORM_ASSETS = ("scorm-launch.js",)


def runtime_assets(*, reporting: bool = False, scorm12: bool = False) -> dict[str, bytes]:
    """The browser runtime, as served: each file under its path in the built site."""
    package = resources.files("generator") / "assets"
    names = [*RUNTIME_ASSETS, *(REPORTING_ASSETS if reporting else ()), *(SCORM_ASSETS if scorm12 else ())]
    return {f"{ASSETS_DIR}/{name}": (package / name).read_bytes() for name in names}
