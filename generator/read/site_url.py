"""The site_url of a project's mkdocs.yml, for the tools that name activities by it.

Read without running anything mkdocs.yml names: `!ENV` is resolved as MkDocs resolves it
(so SITE_URL=… holds here too), any other tag (`!!python/name:`) is left unread.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    pass


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = [str(v) for v in values[:-1]], values[-1]
    for name in names:
        if name in os.environ:
            return os.environ[name]
    return default


def _other(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", _other)


def read_site_url(config_file: Path) -> str | None:
    """mkdocs.yml's site_url; None when there is no file, no site_url, or the file cannot be read
    (the build reports that one with its position)."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    value = data.get("site_url") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value.strip() else None
