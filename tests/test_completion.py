"""Shell completion, driven through the protocol the shells use (Typer's scripts)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _complete(line: str, shell: str = "bash") -> list[str]:
    """What the shell would offer for the last word of ``line`` (the text typed so far)."""
    env = {**os.environ, "_USRUFACTS_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        words = line.split() + ([""] if line.endswith(" ") else [])
        env |= {"COMP_WORDS": " ".join(words), "COMP_CWORD": str(len(words) - 1)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": line}
    result = subprocess.run(
        [sys.executable, "-m", "usrufacts"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout.split()


def test_treaty_new_tab_offers_new_start():
    assert _complete("usrufacts treaty new") == ["new-start"]


def test_zsh_completion_offers_the_id_with_its_name():
    offered = " ".join(_complete("usrufacts treaty new", "zsh"))
    assert "new-start" in offered and "New START" in offered.replace("\\", "")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("usrufacts show reykjavik", "reykjavik-summit-1986"),
        ("usrufacts sources new", "new-start"),
        ("usrufacts compare treaty start-i sa", "salt-i"),
        ("usrufacts compare figure warhead", "warhead-stockpile"),
        ("usrufacts timeline --kind sanc", "sanctions"),
        ("usrufacts timeline --who vladimir", "vladimir-putin"),
        ("usrufacts meetings --who donald", "donald-trump"),
        ("usrufacts meetings --kind su", "summit"),
        ("usrufacts treaty --format js", "jsonl"),
        ("usrufacts treaty --status sus", "suspended"),
        ("usrufacts search x --type peo", "people"),
        ("usrufacts --show-completion z", "zsh"),
    ],
)
def test_ids_names_and_option_values_complete(line, expected):
    assert expected in _complete(line)


def test_command_names_complete():
    assert {"who", "metrics"} <= set(_complete("usrufacts ", "bash"))


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_show_completion_prints_the_script_of_the_shell_named(cli, shell):
    result = cli.run("--show-completion", shell)
    assert result.exit_code == 0
    assert "_USRUFACTS_COMPLETE" in result.stdout
    marker = {"bash": "complete -o", "zsh": "compdef", "fish": "complete --command",
              "powershell": "Register-ArgumentCompleter"}[shell]  # fmt: skip
    assert marker in result.stdout


def test_show_completion_works_under_sh():
    script = 'exec "$0" -m usrufacts --show-completion bash'
    result = subprocess.run(
        ["sh", "-c", script, sys.executable], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "_USRUFACTS_COMPLETE" in result.stdout


def test_show_completion_of_an_unknown_shell_names_the_shells(cli):
    line = cli.fails(2, "--show-completion", "sh")
    assert "bash, zsh, fish, powershell" in line


def test_who_completes_a_surname_that_names_one_person(cli):
    offered = _complete("usrufacts meetings --who bu")
    assert "bush" not in offered  # two presidents
    surnames = [o for o in offered if "-" not in o]
    assert surnames
    for surname in surnames + _complete("usrufacts meetings --who put"):
        result = cli.run("timeline", "--who", surname, "--limit", "1", "--json")
        assert result.exit_code == 0, (surname, result.stderr)
