"""The mutation-testing set-up names things that exist: a renamed function or test file would
otherwise drop out of `scripts/mutate-core` silently (a pattern that matches nothing) or stop
the run before it starts (a test path that is gone)."""

from __future__ import annotations

import ast
import re
import tomllib

from conftest import REPO


def _core_patterns() -> list[str]:
    script = (REPO / "scripts" / "mutate-core").read_text(encoding="utf-8")
    return re.findall(r'^\s+"(usrufacts\.[^"]+)"$', script, re.MULTILINE)


def _functions(module: str) -> set[str]:
    """Top-level functions as mutmut names them (x_NAME), and classes (xǁCLASSǁ)."""
    tree = ast.parse((REPO / "src" / "usrufacts" / f"{module}.py").read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            names.add(f"x_{node.name}__")
        elif isinstance(node, ast.ClassDef):
            names.add(f"xǁ{node.name}ǁ")
    return names


def test_every_core_pattern_names_a_function_that_exists() -> None:
    patterns = _core_patterns()
    assert len(patterns) > 20
    for pattern in patterns:
        module, _, target = pattern.removeprefix("usrufacts.").partition(".")
        assert (REPO / "src" / "usrufacts" / f"{module}.py").is_file(), pattern
        if target == "*":
            continue
        assert target.removesuffix("*") in _functions(module), pattern


def test_the_mutation_tier_lists_test_files_that_exist() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    for path in config["pytest_add_cli_args_test_selection"]:
        assert (REPO / path).is_file(), path
    for path in config["only_mutate"]:
        assert (REPO / path).is_file(), path
