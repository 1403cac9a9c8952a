"""The one place that runs MkDocs' build: `coursegen build`, the facilitator edition, `package`
and the live preview all build through here, so that the engine's errors become one kind of
error (EngineError) and a change to how MkDocs is called is made once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # MkDocs is imported when a build runs: `coursegen check` and `lint` never need it
    from mkdocs.config.defaults import MkDocsConfig


class EngineError(Exception):
    """An engine is missing or its build failed; the message is one plain line."""


def run_build(config: MkDocsConfig, *, serve_url: str | None = None) -> None:
    """Build a loaded configuration; MkDocs' own errors pass through (the preview shows them)."""
    from mkdocs.commands.build import build

    build(config, serve_url=serve_url)


def build_project(
    config_file: Path,
    site_dir: Path,
    *,
    configure: Callable[[MkDocsConfig], None] | None = None,
    **overrides: Any,
) -> None:
    """Build the MkDocs project of `config_file` into `site_dir`.

    `overrides` are settings given as if mkdocs.yml said them (validated by MkDocs); `configure`
    changes the loaded configuration before the build. Raises EngineError when it fails."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    try:
        config = load_config(str(config_file), **overrides)
        # Set after loading: the staging folder beside the target is coursegen's (engines/output.py
        # checked the target), not a setting for MkDocs to check against docs_dir.
        config.site_dir = str(site_dir)
        if configure is not None:
            configure(config)
        run_build(config)
    except (Abort, ConfigurationError, PluginError) as exc:
        raise EngineError(str(exc)) from None
