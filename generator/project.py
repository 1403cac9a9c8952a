"""Write a complete, plugin-free MkDocs project: `coursegen render DIR`.

MkDocs 1.x is unmaintained and Material is in maintenance mode, so a course
must not be locked to our plugin: the rendered project is plain Markdown plus a
mkdocs.yml with the navigation spelled out, which any engine that reads
mkdocs.yml can build.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from .load import CourseBundle, load_course
from .render import RenderedCourse, nav_title, render_course

PLUGIN_NAME = "coursegen"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the tags a course project may use."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # `!ENV [NAME, default]` or `!ENV NAME`, as MkDocs' pyyaml_env_tag reads it.
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = [str(v) for v in values[:-1]], values[-1]
    for name in names:
        if name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


_ConfigLoader.add_constructor("!ENV", _env_tag)


def read_site_config(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return data if isinstance(data, dict) else {}


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The coursegen plugin's options in a raw mkdocs.yml, or {} when it is not listed."""
    for entry in config.get("plugins") or []:
        if entry == PLUGIN_NAME:
            return {}
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return dict(entry[PLUGIN_NAME] or {})
    if isinstance(config.get("plugins"), dict):
        return dict(config["plugins"].get(PLUGIN_NAME) or {})
    return {}


def site_language(config: dict[str, Any], bundle: CourseBundle) -> str:
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("language"):
        return str(theme["language"])
    return bundle.course.language


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a fresh folder beside `target`; swap it into place only if the block succeeds.

    Whatever fails while the new output is written leaves the old one exactly as it was.
    """
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def write_rendered(rendered: RenderedCourse, docs: Path) -> None:
    for src, text in rendered.pages.items():
        path = docs / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for src, data in rendered.assets.items():
        path = docs / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def render_project(source: Path, out: Path, *, site_url: str | None = None) -> RenderedCourse:
    """Validate the course in `source` and write a plain MkDocs project to `out`."""
    source = source.resolve()
    bundle = load_course(source)  # raises CourseError before anything is written
    config = read_site_config(source / "mkdocs.yml")
    options = plugin_options(config)
    rendered = render_course(
        bundle,
        language=site_language(config, bundle),
        directory_urls=bool(config.get("use_directory_urls", True)),
        ui_overrides=options.get("strings"),
    )
    docs_dir = source / str(config.get("docs_dir", "course"))
    with replacing(out) as staging:
        docs = staging / "docs"
        # Pictures and other files a trainer keeps beside the lessons come along.
        if docs_dir.is_dir():
            shutil.copytree(docs_dir, docs, ignore=shutil.ignore_patterns("*.yaml", "*.yml"))
        write_rendered(rendered, docs)
        theme = config.get("theme") if isinstance(config.get("theme"), dict) else {"name": "material"}
        theme = dict(theme or {})
        if theme.get("custom_dir") and (source / theme["custom_dir"]).is_dir():
            shutil.copytree(source / theme["custom_dir"], staging / "overrides")
            theme["custom_dir"] = "overrides"
        plain = {
            key: value for key, value in config.items() if key not in ("plugins", "nav", "docs_dir", "exclude_docs")
        }
        # Themes print site_name as HTML, unescaped; the course title is text.
        plain["site_name"] = config.get("site_name", nav_title(bundle.course.title))
        plain["theme"] = theme
        plain["docs_dir"] = "docs"
        plain["nav"] = rendered.nav
        plugins = [p for p in config.get("plugins") or ["search"] if p != PLUGIN_NAME]
        plain["plugins"] = [p for p in plugins if not (isinstance(p, dict) and PLUGIN_NAME in p)]
        if site_url is not None:
            plain["site_url"] = site_url
        (staging / "mkdocs.yml").write_text(
            "# Written by `coursegen render`: a plain MkDocs project, no coursegen plugin needed.\n"
            + yaml.safe_dump(plain, sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
    return rendered
