"""`coursegen build --engine …`: the site built by MkDocs, ProperDocs or Zensical.

MkDocs 1.x is unmaintained (2.0 drops plugins) and Material is in maintenance until 2027, so a
course must keep building after them. ProperDocs is a fork of MkDocs 1.6 that runs plugins: it
runs the coursegen plugin as MkDocs does. Zensical reads mkdocs.yml but runs no third-party
plugin: it builds the plain project `coursegen render` writes, made in a folder beside the site,
and coursegen then puts the quizzes into the HTML Zensical wrote, as the plugin does for MkDocs.

Every engine writes into a new folder that replaces the old site only when the build succeeds,
and only a site folder coursegen may replace (engines/output.py), whatever the engine would do.
"""

from __future__ import annotations

import importlib.util
import logging
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from generator.engines.output import check_output, replacing
from generator.engines.plain_project import read_site_config, render_project, site_sources
from generator.engines.site_build import EngineError, build_project
from generator.model.load import CourseBundle
from generator.pages.course import MissingQuiz
from generator.pages.urls import page_url

# In the order `--engine` picks by default: MkDocs first while Material's plugin API is what the
# site is made with, then its maintained fork, then Zensical.
ENGINES = ("mkdocs", "properdocs", "zensical")

_INSTALL = {
    "mkdocs": "pip install mkdocs mkdocs-material",
    "properdocs": "pip install properdocs mkdocs-material",
    "zensical": "pip install zensical",
}


def installed(engine: str) -> bool:
    """Whether `engine` can be imported here (its Python package is its name)."""
    return importlib.util.find_spec(engine) is not None


def missing_message(engine: str) -> str:
    return (
        f"the {engine} engine is not installed; install it with `{_INSTALL[engine]}` "
        "(or `pip install 'coursegen[engines]'` for ProperDocs and Zensical)"
    )


def choose_engine(requested: str | None) -> str:
    """The engine asked for, or the first installed of ENGINES; EngineError when it is missing."""
    if requested is not None:
        if not installed(requested):
            raise EngineError(missing_message(requested))
        return requested
    for engine in ENGINES:
        if installed(engine):
            return engine
    raise EngineError(f"no engine is installed to build the site; install one with `{_INSTALL['mkdocs']}`")


def site_folder(config_file: Path, site_dir: Path | None) -> Path:
    """Where the site goes: `site_dir` if given, else mkdocs.yml's site_dir, beside mkdocs.yml."""
    if site_dir is not None:
        return Path(site_dir)
    config = read_site_config(config_file)
    return config_file.resolve().parent / str(config.get("site_dir") or "site")


def check_site_folder(config_file: Path, target: Path) -> None:
    """OutputError unless coursegen may replace `target` (read from mkdocs.yml as every engine reads it)."""
    project = config_file.resolve().parent
    check_output(target, project=project, sources=site_sources(project, read_site_config(config_file))[0])


def build_with_engine(
    engine: str,
    config_file: Path,
    target: Path,
    *,
    site_url: str | None,
    strict: bool,
    bundle: CourseBundle | None = None,
) -> None:
    """Build the project of `config_file` with `engine` into `target`, replacing it only on success.

    Call choose_engine and check_site_folder first. Raises EngineError when the build fails.
    `bundle`, the course the caller has read already, spares Zensical's path reading it again
    (the plugin of MkDocs and ProperDocs reads it in the engine's own process).
    """
    with replacing(target) as staging:
        if engine == "mkdocs":
            _mkdocs(config_file, staging, site_url=site_url, strict=strict)
        elif engine == "properdocs":
            _run(
                "properdocs",
                [sys.executable, "-m", __name__, str(config_file), str(staging), site_url or "", str(strict)],
            )
        else:
            _zensical(config_file, staging, target, site_url=site_url, strict=strict, bundle=bundle)


def _mkdocs(config_file: Path, staging: Path, *, site_url: str | None, strict: bool) -> None:
    overrides: dict[str, Any] = {"strict": strict, **({"site_url": site_url} if site_url is not None else {})}
    build_project(config_file, staging, **overrides)


def _zensical(
    config_file: Path, staging: Path, target: Path, *, site_url: str | None, strict: bool, bundle: CourseBundle | None
) -> None:
    from generator.engines.output import OutputError
    from generator.read.problems import CourseError

    # Zensical writes only inside its project folder, so the plain project goes beside the site
    # (one file system): its built site is then moved into place, not copied.
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}.zensical-") as work:
        project = Path(work) / "project"
        try:
            # The quizzes are put in after Zensical, as the plugin does after MkDocs: the engine
            # never parses their HTML, which was half of Zensical's time on a 1000-lesson course.
            rendered = render_project(
                config_file.resolve().parent,
                project,
                site_url=site_url,
                bundle=bundle,
                inline_quizzes=False,
                links="source",  # relative, so the site works wherever it is served
            )
        except (OutputError, CourseError) as exc:  # the course was checked before; the config was not
            raise EngineError(str(exc)) from None
        config = project / "mkdocs.yml"
        directory_urls = bool(read_site_config(config).get("use_directory_urls", True))
        with config.open("a", encoding="utf-8") as file:
            file.write("site_dir: site\n")
        _run(
            "zensical",
            [sys.executable, "-m", "zensical", "build", "-f", str(config), *(["--strict"] if strict else [])],
        )
        site = project / "site"
        for src in rendered.fragments:
            url = page_url(src, directory_urls=directory_urls)
            page = site / (url + "index.html" if url.endswith("/") or not url else url)
            try:
                page.write_text(rendered.finish(src, page.read_text(encoding="utf-8")), encoding="utf-8")
            except (OSError, MissingQuiz) as exc:
                raise EngineError(str(exc)) from None
        staging.rmdir()
        site.rename(staging)


def _run(engine: str, command: list[str]) -> None:
    # The engine prints its own messages above; coursegen adds one line when it fails.
    if subprocess.run(command, check=False).returncode != 0:
        raise EngineError(f"the {engine} build failed (its messages are above)")


def _properdocs_main(argv: list[str]) -> int:
    """Run in a process of its own: ProperDocs serves `import mkdocs` (the plugin's) from itself,
    which must happen before anything imports MkDocs, and would redirect MkDocs in coursegen's own."""
    import properdocs.replacement  # noqa: F401  (the redirect)
    from properdocs.commands.build import build
    from properdocs.config import load_config
    from properdocs.exceptions import Abort, ConfigurationError, PluginError

    config_file, site_dir, site_url, strict = argv
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    overrides: dict[str, Any] = {"strict": strict == "True", **({"site_url": site_url} if site_url else {})}
    try:
        config = load_config(config_file, **overrides)
        config.site_dir = site_dir
        build(config)
    except (Abort, ConfigurationError, PluginError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_properdocs_main(sys.argv[1:]))
