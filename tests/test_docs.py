"""The README is tested: every command appears, every example runs."""

from __future__ import annotations

import re
import shlex

import pytest
from conftest import REPO

README = (REPO / "README.md").read_text()
COMMANDS = ["treaty", "timeline", "compare", "meetings", "show", "search", "sources", "cite",
            "chart", "verify", "check", "export", "about", "schema"]  # fmt: skip
EXAMPLES = [
    line[2:].strip()
    for line in re.findall(r"^\$ usrufacts[^\n]*", README, flags=re.M)
    if "|" not in line and ">" not in line
]


def test_readme_gives_the_two_setup_commands():
    assert "uv run usrufacts treaty new-start" in README
    assert "uv run pytest" in README


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_appears_in_the_readme(command):
    assert f"usrufacts {command}" in README


def test_the_readme_has_examples():
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_readme_example_runs(cli, example, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    args = shlex.split(example)[1:]
    result = cli.run(*args)
    assert result.exit_code == 0, (example, result.stderr)
