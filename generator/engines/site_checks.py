"""Settings of mkdocs.yml that would build a site without a word and with the course wrong in it.

Each is refused with one located line, `mkdocs.yml:line:column: what is wrong; what to do`:
the coursegen plugin missing from `plugins` (the site would have no lessons), a `nav:` (the
navigation is course.yaml's, so a second one repeats the course in it), a theme other than
Material (the quizzes' numbered steps and buttons are Material's), and a `theme.language` that
is not course.yaml's `language` (the course's words and the site's would be two languages).

The course's language is the site's: mkdocs.yml need not say it, and when it does it must agree.
`coursegen build` checks these before any engine runs; the plugin checks all but the first (it is
there) when MkDocs itself runs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.model.load import COURSE_FILE, CourseBundle
from generator.pages.site_settings import PLUGIN_NAME

MATERIAL = "material"


@dataclass(frozen=True)
class _Setting:
    value: object
    line: int
    column: int


def _compose(config_file: Path) -> yaml.Node | None:
    # Composing builds the node tree without constructing values, so MkDocs' tags
    # (`!ENV`, `!!python/name:`) need no constructor and nothing they name is imported.
    try:
        return yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return None  # read_site_config (or MkDocs) reports an unreadable mkdocs.yml with its own line


def _child(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _at(node: yaml.Node, value: object) -> _Setting:
    return _Setting(value, node.start_mark.line + 1, node.start_mark.column + 1)


def _theme(root: yaml.Node | None) -> tuple[_Setting | None, _Setting | None]:
    """The theme's name and language as mkdocs.yml writes them (None where it says nothing)."""
    found = _child(root, "theme")
    if found is None:
        return None, None
    _, theme = found
    if isinstance(theme, yaml.ScalarNode):  # `theme: material`, MkDocs' short form
        return _at(theme, theme.value), None
    name = _child(theme, "name")
    language = _child(theme, "language")
    return (
        _at(name[1], name[1].value) if name and isinstance(name[1], yaml.ScalarNode) else _at(theme, None),
        _at(language[1], language[1].value) if language and isinstance(language[1], yaml.ScalarNode) else None,
    )


def _has_plugin(root: yaml.Node | None) -> tuple[bool, _Setting | None]:
    found = _child(root, "plugins")
    if found is None:
        return False, None
    key, plugins = found
    if isinstance(plugins, yaml.SequenceNode):
        for entry in plugins.value:
            if isinstance(entry, yaml.ScalarNode) and entry.value == PLUGIN_NAME:
                return True, None
            if _child(entry, PLUGIN_NAME) is not None:
                return True, None
    elif _child(plugins, PLUGIN_NAME) is not None:
        return True, None
    return False, _at(key, None)


def configured_language(config_file: Path) -> str | None:
    """The `theme.language` mkdocs.yml sets, if it sets one."""
    _, language = _theme(_compose(config_file))
    return str(language.value) if language is not None and language.value else None


def site_config_problems(config_file: Path, bundle: CourseBundle, *, plugin_needed: bool = True) -> list[str]:
    """The located lines of every setting in `config_file` that coursegen cannot build right
    (none for a project without one: what reads it says so)."""
    root = _compose(config_file) if config_file.is_file() else None
    if root is None:  # no mkdocs.yml, an empty one, or one that is not YAML: what reads it says so
        return []
    shown = config_file.name
    problems: list[str] = []
    if plugin_needed:
        present, plugins = _has_plugin(root)
        if not present:
            line, column = (plugins.line, plugins.column) if plugins else (1, 1)
            problems.append(
                f"{shown}:{line}:{column}: the coursegen plugin is not in `plugins`, so the site would have no "
                f"lessons and no quizzes; add `- {PLUGIN_NAME}` under `plugins:`"
            )
    nav = _child(root, "nav")
    if nav is not None:
        at = _at(nav[0], None)
        problems.append(
            f"{shown}:{at.line}:{at.column}: `nav:` is not used by coursegen, which makes the navigation from "
            f"{COURSE_FILE} (a second one repeats the course in it); remove `nav:` and order lessons and "
            f"modules in {COURSE_FILE}"
        )
    name, language = _theme(root)
    if name is None or name.value != MATERIAL:
        line, column = (name.line, name.column) if name else (1, 1)
        found = f"the theme '{name.value}'" if name and name.value else "MkDocs' default theme"
        problems.append(
            f"{shown}:{line}:{column}: {found} cannot show the course (quiz steps are numbered and "
            "buttons styled by Material); write `theme:` with `name: material` under it"
        )
    if language is not None and language.value != bundle.course.language:
        document = bundle.documents.get(COURSE_FILE)
        mark = document.mark_for(("language",)) if document and "language" in document.data else None
        said = f"{COURSE_FILE}:{mark.line}:{mark.column} says" if mark else f"{COURSE_FILE} says (by default)"
        problems.append(
            f"{shown}:{language.line}:{language.column}: theme.language is '{language.value}' but {said} "
            f"language: {bundle.course.language}; the course's language is the site's: remove `language:` "
            f"from mkdocs.yml's theme, or make the two the same"
        )
    return problems
