"""The browser runtime (generator/assets), as a site serves it.

The scripts' readable sources are in generator/assets/src/; `make runtime` builds them with
esbuild into the minified files beside this runtime's stylesheets, which are committed and
served as they are (tests/test_runtime_build.py checks that they match their sources).
"""

from __future__ import annotations

from importlib import resources

from generator.pages.urls import ASSETS_DIR

RUNTIME_ASSETS = ("quiz.js", "quiz.css", "progress.js", "results.js", "dashboard.js", "dashboard.css")


def runtime_assets() -> dict[str, bytes]:
    """The browser runtime, as served: each file under its path in the built site."""
    package = resources.files("generator") / "assets"
    return {f"{ASSETS_DIR}/{name}": (package / name).read_bytes() for name in RUNTIME_ASSETS}
