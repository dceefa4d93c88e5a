"""Exit codes and error lines: one line on stderr, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest


def test_version(cli):
    result = cli.run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("usrufacts ")


def test_an_unknown_command_suggests_the_right_one(cli):
    line = cli.fails(2, "tretay")
    assert "treaty" in line


def test_an_unknown_option_is_a_usage_error(cli):
    assert "--jsn" in cli.fails(2, "treaty", "--jsn")


def test_ctrl_c_while_the_arguments_are_parsed_is_exit_130_with_its_line(cli, monkeypatch):
    """Parsing runs option callbacks (--version, completion); Ctrl-C there ends as it does
    anywhere else: 130 (128 + SIGINT, the shell's convention) and one line."""
    from usrufacts.cli import _Group

    def interrupted(self, ctx, args):
        raise KeyboardInterrupt

    monkeypatch.setattr(_Group, "parse_args", interrupted)
    result = cli.run("treaty", "new-start")
    assert (result.exit_code, result.stderr) == (130, "usrufacts: error: interrupted\n")


def test_not_found_is_exit_1(cli):
    cli.fails(1, "show", "no-such-record-anywhere")


@pytest.mark.slow
def test_help_has_examples_for_every_command(cli):
    commands = ["treaty", "timeline", "meetings", "show", "search", "sources", "check", "export"]
    commands += ["about", "schema", "compare arsenal", "compare treaty", "compare figure"]
    for command in commands:
        result = cli.run(*command.split(), "--help")
        assert result.exit_code == 0, command
        assert "Example" in result.stdout, command


def _spawn(*args: str, **kwargs) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "usrufacts", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


@pytest.mark.slow
def test_a_closed_pipe_ends_quietly():
    process = _spawn("timeline")
    assert process.stdout is not None
    process.stdout.readline()
    process.stdout.close()
    _, err = process.communicate()
    assert (process.returncode, err) == (0, b"")


@pytest.mark.slow
def test_interrupt_exits_130_without_a_traceback():
    # A check that reads a very large fact file gives time to send the signal.
    process = subprocess.Popen(
        [sys.executable, "-c",
         "import time, usrufacts.cli as c, usrufacts.query as q; "
         "q.treaties = lambda db: time.sleep(30); "
         "import sys; sys.argv = ['usrufacts', 'treaty']; c.main()"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ},
    )  # fmt: skip
    time.sleep(2.5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 130
    assert b"Traceback" not in err
    assert err.decode().strip() == "usrufacts: error: interrupted"


@pytest.mark.slow
def test_python_dash_m_runs_the_tool():
    result = subprocess.run(
        [sys.executable, "-m", "usrufacts", "treaty", "sort", "--json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert '"id": "sort"' in result.stdout
