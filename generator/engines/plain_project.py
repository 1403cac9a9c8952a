"""Write a complete, plugin-free MkDocs project: `coursegen render DIR`.

MkDocs 1.x is unmaintained and Material is in maintenance mode, so a course
must not be locked to our plugin: the rendered project is plain Markdown plus a
mkdocs.yml with the navigation spelled out, which any engine that reads
mkdocs.yml can build.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from mkdocs.utils.yaml import get_yaml_loader

from generator.engines.output import check_output, project_sources, replacing
from generator.engines.source_links import for_zensical
from generator.model.load import CourseBundle, load_course
from generator.pages.course import OVERRIDES_FOLDER, RenderedCourse, nav_title, render_course, template_overrides
from generator.pages.site_settings import PLUGIN_NAME, PluginOptions, SettingError, SiteSettings
from generator.pages.urls import site_path
from generator.read.problems import CourseError, shown_path

# How a plain project writes URLs (see pages/urls.py and engines/source_links.py):
# "source": relative, as Zensical reads raw HTML (to the .md file); "page": relative to the page as
# served, as MkDocs and ProperDocs read it; "root": from the site_url's path, read alike by every
# engine but right only at that path. Both relative forms work wherever the site is served.
LinkStyle = Literal["source", "page", "root"]


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running anything it names.

    MkDocs reads `!!python/name:` tags (Material's emoji and superfences setup)
    by importing what they name; the plain project only has to carry them over,
    so they are kept as they are (Tagged) and written back unchanged. `!ENV` is
    MkDocs' own (mkdocs.utils.yaml.get_yaml_loader adds it below).
    """


class _ConfigDumper(yaml.SafeDumper):
    """Writes the plain project's mkdocs.yml, tags read by _ConfigLoader included."""


@dataclass(frozen=True)
class Tagged:
    """A value under a tag MkDocs resolves itself, such as `!!python/name:pkg.attr`."""

    tag: str
    value: Any
    kind: str  # "scalar", "sequence" or "mapping": how the value was written


def _keep_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.MappingNode):
        return Tagged(node.tag, loader.construct_mapping(node, deep=True), "mapping")
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True), "sequence")
    return Tagged(node.tag, loader.construct_scalar(node), "scalar")  # type: ignore[arg-type]


def _write_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if data.kind == "mapping":
        return dumper.represent_mapping(data.tag, data.value)
    if data.kind == "sequence":
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _keep_tag)
_ConfigLoader.add_multi_constructor("!", _keep_tag)
_ConfigDumper.add_representer(Tagged, _write_tagged)
# MkDocs' loader over ours: `!ENV` read exactly as MkDocs reads it (its pyyaml_env_tag).
_Loader = get_yaml_loader(loader=_ConfigLoader)

# MkDocs' own default, for a mkdocs.yml that names no docs_dir.
DEFAULT_DOCS_DIR = "docs"


class ConfigError(ValueError):
    """mkdocs.yml cannot be read; the message is one located line."""


def site_sources(project: Path, config: dict[str, Any]) -> tuple[list[Path], Path | None]:
    """The folders the course in `project` is made of, as its mkdocs.yml (read_site_config) names
    them, for check_output (docs_dir defaults to MkDocs' own `docs`); and the theme's custom_dir."""
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    custom_dir = project / str(custom) if custom else None
    return project_sources(project, docs_folder(project, config), custom_dir), custom_dir


def docs_folder(project: Path, config: dict[str, Any]) -> Path:
    """The docs_dir a mkdocs.yml (read_site_config) names, where a trainer's pictures sit."""
    return project / str(config.get("docs_dir") or DEFAULT_DOCS_DIR)


def read_site_config(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
        raise ConfigError(f"{path.name}:{where}: {exc.problem or exc.context}; fix mkdocs.yml there") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path.name}:1:1: {exc}; fix mkdocs.yml") from None
    return data if isinstance(data, dict) else {}


def plugin_options(config: dict[str, Any]) -> PluginOptions:
    """The coursegen plugin's options in a raw mkdocs.yml, validated as the plugin validates them
    (the defaults when it is not listed). Raises SettingError."""
    return PluginOptions.read(_raw_plugin_options(config))


def _raw_plugin_options(config: dict[str, Any]) -> dict[str, Any]:
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


def write_rendered(rendered: RenderedCourse, docs: Path, *, zensical_urls: bool | None = None) -> None:
    """Write the pages and runtime files into `docs`; with `zensical_urls` (the project's
    use_directory_urls), each page's relative href/src are written the way Zensical reads them."""
    for src, text in rendered.pages.items():
        path = docs / src
        path.parent.mkdir(parents=True, exist_ok=True)
        if zensical_urls is not None:
            text = for_zensical(src, text, directory_urls=zensical_urls)
        path.write_text(text, encoding="utf-8")
    for src, data in rendered.assets.items():
        path = docs / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def render_project(
    source: Path,
    out: Path,
    *,
    site_url: str | None = None,
    bundle: CourseBundle | None = None,
    inline_quizzes: bool = True,
    links: LinkStyle = "root",
) -> RenderedCourse:
    """Validate the course in `source` and write a plain MkDocs project to `out`.

    Raises OutputError for an `out` that is not coursegen's to replace, and
    CourseError for a course with problems, both before anything is written.
    `bundle` is the course as load_course(source) read it, for a caller that has it already.
    With `inline_quizzes` false the pages hold placeholders instead of their quizzes, for a
    caller that puts them into the built HTML (RenderedCourse.finish), as the plugin does.
    `links` says how URLs are written (LinkStyle): "source" for Zensical and "page" for MkDocs or
    ProperDocs make a site that works wherever it is served; "root" works on every engine, at the
    site_url's path only (the root of the server without a site_url).
    """
    source = source.resolve()
    config = read_site_config(source / "mkdocs.yml")
    docs_dir = docs_folder(source, config)
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {"name": "material"}
    theme = dict(theme or {})
    sources, custom_dir = site_sources(source, config)
    check_output(out, project=source, sources=sources)
    bundle = bundle or load_course(source)
    if site_url is None and config.get("site_url"):
        site_url = str(config["site_url"])
    # "source" turns the href/src Zensical rewrites into its form as the pages are written;
    # "page" leaves them relative to the served page; "root" writes them from the site_url's path.
    url_base = site_path(site_url) or "/" if links == "root" else None
    rendered = _render(bundle, config, template_overrides(custom_dir), inline_quizzes, url_base)
    directory_urls = bool(config.get("use_directory_urls", True))
    clashes = rendered.clashes(docs_dir, shown_path(docs_dir, source))
    if clashes:
        raise CourseError(clashes)
    with replacing(out) as staging:
        docs = staging / "docs"
        # Pictures and other files a trainer keeps beside the lessons come along.
        if docs_dir.is_dir():
            shutil.copytree(docs_dir, docs, ignore=shutil.ignore_patterns("*.yaml", "*.yml"))
        write_rendered(rendered, docs, zensical_urls=directory_urls if links == "source" else None)
        if custom_dir is not None and custom_dir.is_dir():
            # The template overrides are applied already; the engine must not publish them.
            shutil.copytree(custom_dir, staging / "overrides", ignore=_top_level(OVERRIDES_FOLDER, custom_dir))
            theme["custom_dir"] = "overrides"
        plain = _plain_config(config, theme, bundle, rendered, site_url)
        (staging / "mkdocs.yml").write_text(
            "# Written by `coursegen render`: a plain MkDocs project, no coursegen plugin needed.\n"
            + yaml.dump(plain, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
    return rendered


def _render(
    bundle: CourseBundle,
    config: dict[str, Any],
    template_dirs: list[Path],
    inline_quizzes: bool,
    url_base: str | None,
) -> RenderedCourse:
    """The pages, as the plugin's options in `config` ask; ConfigError names an option that cannot work."""
    try:
        options = plugin_options(config)
        return render_course(
            bundle,
            SiteSettings(
                language=site_language(config, bundle),
                directory_urls=bool(config.get("use_directory_urls", True)),
                strings=options.strings,
                template_dirs=tuple(template_dirs),
                reporting=options.reporting,
                inline_quizzes=inline_quizzes,
                url_base=url_base,
                site_url=config.get("site_url") if isinstance(config.get("site_url"), str) else None,
            ),
        )
    except SettingError as exc:
        raise ConfigError(str(exc)) from None
    except ValueError as exc:  # an unknown key under `strings`, as the plugin reports it
        raise ConfigError(f"mkdocs.yml: plugins.coursegen.strings: {exc}") from None


def _plain_config(
    config: dict[str, Any], theme: dict[str, Any], bundle: CourseBundle, rendered: RenderedCourse, site_url: str | None
) -> dict[str, Any]:
    """The plain project's mkdocs.yml: the site's own, without the plugin, with the navigation spelled out."""
    plain = {key: value for key, value in config.items() if key not in ("plugins", "nav", "docs_dir", "exclude_docs")}
    # Themes print site_name as HTML, unescaped; the course title is text.
    plain["site_name"] = config.get("site_name", nav_title(bundle.course.title))
    # The course's language is the site's (engines/site_checks.py): any engine reads it here.
    plain["theme"] = {**theme, "language": site_language(config, bundle)}
    plain["docs_dir"] = "docs"
    plain["nav"] = rendered.nav
    plugins = [p for p in config.get("plugins") or ["search"] if p != PLUGIN_NAME]
    plain["plugins"] = [p for p in plugins if not (isinstance(p, dict) and PLUGIN_NAME in p)]
    if site_url is not None:
        plain["site_url"] = site_url
    return plain


def _top_level(name: str, root: Path) -> Any:
    """A copytree `ignore` that leaves out `root/name` and nothing else of that name."""
    return lambda folder, names: [name] if Path(folder) == root and name in names else []
