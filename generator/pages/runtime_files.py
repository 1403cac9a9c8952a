"""The browser runtime (generator/assets), as a site serves it."""

from __future__ import annotations

from importlib import resources

import rjsmin

from generator.pages.urls import ASSETS_DIR

RUNTIME_ASSETS = ("quiz.js", "quiz.css", "progress.js", "results.js", "dashboard.js", "dashboard.css")


def _served_script(source: bytes) -> bytes:
    # Comments and spacing are for whoever reads the source; progress.js, which
    # every page loads, must stay under 1 KB gzipped with the theme's stylesheet.
    # rjsmin only drops comments and whitespace (it knows strings, template and
    # regex literals, and keeps the newlines that end statements), so the
    # served script runs exactly as written.
    minified: str = rjsmin.jsmin(source.decode("utf-8"))
    return minified.encode("utf-8") + b"\n"


def runtime_assets() -> dict[str, bytes]:
    """The browser runtime, as served: scripts without comments and spacing."""
    package = resources.files("generator") / "assets"
    assets = {}
    for name in RUNTIME_ASSETS:
        data = (package / name).read_bytes()
        assets[f"{ASSETS_DIR}/{name}"] = _served_script(data) if name.endswith(".js") else data
    return assets
