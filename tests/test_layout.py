"""The pipeline's stages import only earlier stages, and the core never imports an engine.

Tools beside the pipeline (author/: `coursegen lint`; analyse/: `coursegen analyse`) read what
read/ and model/ produce and import nothing later: they never change a page. publish/ (`coursegen package`) sits beside
engines/: it builds through an engine and packs the result, and only cli.py imports it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parents[1] / "generator"
STAGES = ["read", "model", "pages", "engines"]
# Each tool package and the stages it may import.
TOOLS = {
    "analyse": ["read", "model"],
    "author": ["read", "model"],
    "publish": ["read", "model", "pages", "engines"],
}
# A tool that may import MkDocs (through the engine it builds with).
BUILDS_WITH_AN_ENGINE = {"publish"}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_no_later_stage(stage: str) -> None:
    later = STAGES[STAGES.index(stage) + 1 :]
    modules = sorted((GENERATOR / stage).glob("*.py"))
    assert modules, f"generator/{stage}/ holds no module"
    for module in modules:
        for name in imported_modules(module):
            parts = name.split(".")
            assert not (parts[0] == "generator" and len(parts) > 1 and parts[1] in [*later, "cli"]), (
                f"{module.relative_to(GENERATOR.parent)} imports {name}, a later stage"
            )


@pytest.mark.parametrize(("tool", "allowed"), sorted(TOOLS.items()))
def test_a_tool_imports_only_the_stages_it_reads(tool: str, allowed: list[str]) -> None:
    modules = sorted((GENERATOR / tool).glob("*.py"))
    assert modules, f"generator/{tool}/ holds no module"
    for module in modules:
        for name in imported_modules(module):
            parts = name.split(".")
            if parts[0] == "generator" and len(parts) > 1:
                assert parts[1] in [*allowed, tool], f"{module.relative_to(GENERATOR.parent)} imports {name}"
        if tool not in BUILDS_WITH_AN_ENGINE:
            assert not any(n == "mkdocs" or n.startswith("mkdocs.") for n in imported_modules(module)), module


def test_only_the_command_imports_publish() -> None:
    for module in sorted(GENERATOR.rglob("*.py")):
        if module.parent.name == "publish" or module.name == "cli.py":
            continue
        for name in imported_modules(module):
            assert not name.startswith("generator.publish"), f"{module.relative_to(GENERATOR.parent)} imports {name}"


def test_no_stage_imports_a_tool() -> None:
    for stage in STAGES:
        for module in sorted((GENERATOR / stage).glob("*.py")):
            for name in imported_modules(module):
                parts = name.split(".")
                assert not (parts[0] == "generator" and len(parts) > 1 and parts[1] in TOOLS), (
                    f"{module.relative_to(GENERATOR.parent)} imports {name}, a tool"
                )


@pytest.mark.parametrize("stage", ["read", "model", "pages"])
def test_the_core_does_not_import_mkdocs(stage: str) -> None:
    for module in sorted((GENERATOR / stage).glob("*.py")):
        assert not any(n == "mkdocs" or n.startswith("mkdocs.") for n in imported_modules(module)), module


def test_no_module_is_left_beside_the_stages() -> None:
    top = sorted(p.name for p in GENERATOR.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "cli.py"]


def test_no_two_modules_share_a_file_name() -> None:
    # Two modules of one name in two stages (roleplay_paths once was) read as one job to a
    # reader and a search, whatever each does.
    seen: dict[str, Path] = {}
    for module in sorted(GENERATOR.rglob("*.py")):
        if module.name in ("__init__.py", "__main__.py"):
            continue
        other = seen.setdefault(module.name, module)
        assert other == module, f"{module.relative_to(GENERATOR.parent)} and {other.relative_to(GENERATOR.parent)}"


def test_one_module_runs_mkdocs_build() -> None:
    # Build, facilitator, package and preview all build through engines/site_build.py.
    building = sorted(
        module.relative_to(GENERATOR.parent).as_posix()
        for module in GENERATOR.rglob("*.py")
        if "mkdocs.commands.build" in imported_modules(module)
        or any(
            isinstance(node, ast.ImportFrom)
            and node.module == "mkdocs.commands"
            and "build" in [a.name for a in node.names]
            for node in ast.walk(ast.parse(module.read_text(encoding="utf-8")))
        )
    )
    assert building == ["generator/engines/site_build.py"]


def test_the_command_leaves_exiting_to_click() -> None:
    # cli.py raises click's exceptions; click prints them and exits, in one place.
    text = (GENERATOR / "cli.py").read_text(encoding="utf-8")
    assert text.count("sys.exit(") <= 1


MAX_FUNCTION_LINES = 60


def test_no_function_is_longer_than_a_screen() -> None:
    too_long = [
        f"{module.relative_to(GENERATOR.parent)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for module in sorted(GENERATOR.rglob("*.py"))
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8")))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not too_long, too_long
