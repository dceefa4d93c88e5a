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


def _transcripts(section: str) -> list[tuple[str, list[str]]]:
    """The ``$ usrufacts …`` commands of a README section's console blocks, each with the
    output shown under it (up to the next command, a blank line or an ellipsis)."""
    body = README.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    shown: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", body, flags=re.S):
        for part in re.split(r"^(?=\$ usrufacts )", block, flags=re.M):
            if not part.startswith("$ usrufacts "):
                continue
            command, *rest = part.rstrip("\n").split("\n")
            lines = []
            for line in rest:
                if not line.strip() or line == "…":
                    break
                lines.append(line.rstrip())
            shown.append((command[2:], lines))
    return shown


TRANSCRIPTS = _transcripts("Citations, charts and a database to explore")


def test_the_writers_section_shows_a_chart_and_citations_in_two_styles():
    commands = [command for command, _ in TRANSCRIPTS]
    assert "usrufacts chart stockpile" in commands
    assert "usrufacts cite start-i --style apa" in commands
    assert "usrufacts cite start-i --style chicago --format md" in commands


@pytest.mark.parametrize(
    ("example", "shown"), [t for t in TRANSCRIPTS if t[1]], ids=[t[0] for t in TRANSCRIPTS if t[1]]
)
def test_the_writers_section_shows_real_output(cli, example, shown):
    """What the README shows under a command is what the command prints: a chart as drawn
    on an 80-column terminal, the first references of a list. When the facts change, paste
    the new output (``COLUMNS=80 usrufacts chart stockpile --draw``) into the README."""
    command, _, head = example.partition(" | head -")
    args = shlex.split(command)[1:]
    if args[0] == "chart" and not head:
        args.append("--draw")  # the README shows the terminal
    result = cli.run(*args, env={"COLUMNS": "80"})
    assert result.exit_code == 0, (example, result.stderr)
    printed = [line.rstrip() for line in result.stdout.splitlines()]
    assert printed[: len(shown)] == shown
