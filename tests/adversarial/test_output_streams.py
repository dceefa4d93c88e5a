"""Standard output that cannot be written: a full disk, a file-size limit, a closed stream,
a reader that leaves early, and Ctrl-C at any moment. Real processes, real file descriptors."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from .conftest import one_error_line

FORMATS = ["table", "json", "jsonl", "csv", "yaml", "md"]


def test_a_full_disk_on_stdout_is_an_error_not_silence(run):
    result = run("treaty", "new-start", "--json", shell_suffix="> /dev/full")
    assert result.returncode == 1
    assert "No space left on device" in one_error_line(result.stderr)


def test_a_large_output_to_a_full_disk_is_one_line_not_a_traceback(run):
    result = run("export", "--format", "json", shell_suffix="> /dev/full")
    assert result.returncode == 1
    one_error_line(result.stderr)


@pytest.mark.parametrize("args", [["treaty", "new-start", "--json"], ["timeline", "--json"]])
def test_a_file_size_limit_on_stdout_is_an_error_not_truncated_success(run, tmp_path, args):
    out = tmp_path / "out.json"
    result = run(*args, shell_suffix=f"> {out}", preexec_fn=_limit)
    assert result.returncode == 1
    assert "File too large" in one_error_line(result.stderr)


def test_a_closed_stdout_is_one_line(run):
    result = run("treaty", "new-start", "--json", shell_suffix=">&-")
    assert result.returncode == 1
    assert "standard output" in one_error_line(result.stderr)


def test_a_closed_stdout_never_lets_the_index_take_its_descriptor(run, own_cache, mini):
    """The index is built while descriptor 1 is closed: it must not become the index."""
    env = {**run.env, "USRUFACTS_CACHE_DIR": str(own_cache)}
    code = (
        f"import pathlib, sys, usrufacts.index as i, usrufacts.cli as c\n"
        f"i.bundled_facts = lambda: pathlib.Path({str(mini)!r})\n"
        "sys.argv = ['usrufacts', 'treaty', 'test-treaty', '--json']\n"
        "c.main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env=env, timeout=30, pass_fds=(), preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    (index,) = own_cache.glob("facts-*.sqlite")
    with sqlite3.connect(index) as db:  # intact, not overwritten by the JSON
        assert db.execute("SELECT json FROM records WHERE id = 'test-treaty'").fetchone()


def test_closed_stderr_still_exits_with_the_right_code(run):
    result = run("show", "no-such-record", shell_suffix="2>&-")
    assert result.returncode == 1


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_a_reader_that_leaves_before_a_long_output_is_exit_0(run, fmt):
    """More than a pipe holds: the write fails while the command is still drawing."""
    result = run("timeline", "--format", fmt, shell_suffix="| true; exit ${PIPESTATUS[0]}")
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],  # written while the arguments are parsed, before any command runs
        ["compare"],  # a bare group prints its help: not an error
        ["treaty", "new-start"],  # short: still in the buffer when the program ends
    ],
    ids=["help", "bare-group", "short-output"],
)
def test_a_reader_gone_wherever_the_write_fails_is_exit_0(run, args):
    result = run(*args, shell_suffix="| true; exit ${PIPESTATUS[0]}")
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_lookup_piped_to_true_is_exit_0(run, fmt):
    result = run("treaty", "--format", fmt, shell_suffix="| true; exit ${PIPESTATUS[0]}")
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""


def test_ctrl_c_at_any_moment_is_exit_130_and_never_a_traceback(run):
    """SIGINT from the start to the end of a run: before, during and after imports, the index
    and the drawing. A process that finished first may exit 0; one killed before Python
    set its handler dies of SIGINT, which a shell also reports as 130.

    The interpreter's own start-up (site, runpy: the first ~15 ms, before the package's
    first line runs) can still report an interrupt its own way; no frame of ours is in it.
    """
    # Moments relative to how long this machine takes to start the program (a loaded CI
    # machine may take ten times as long): from before Python runs to after the output.
    command = [sys.executable, "-m", "usrufacts", "timeline", "--format", "table"]
    subprocess.run(command, stdout=subprocess.DEVNULL, env=run.env, check=True)  # the index
    started = time.monotonic()
    subprocess.run(command, stdout=subprocess.DEVNULL, env=run.env, check=True)
    whole = time.monotonic() - started
    delays = [whole * f for f in (0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.1)]
    outcomes: list[int | str] = []
    for delay in delays:
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=run.env
        )
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
        text = err.decode()
        if "Traceback" in text and not re.search(r'File "[^"]*/usrufacts/[^"]*\.py"', text):
            outcomes.append("interpreter start-up")
            continue
        assert "Traceback" not in text, (delay, text)
        assert process.returncode in (0, 130, -signal.SIGINT), (delay, process.returncode, text)
        if process.returncode == 130:
            assert text.strip() == "usrufacts: error: interrupted", (delay, text)
        outcomes.append(process.returncode)
    assert 130 in outcomes


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_termination_during_an_export_leaves_no_temporary_file(run, tmp_path, sig):
    env = {**run.env, "PYTHONPATH": os.pathsep.join(sys.path)}
    code = (
        "import time, usrufacts.exporting as e, usrufacts.cli as c, sys\n"
        "real = e._write\n"
        "def slow(*a):\n"
        "    real(*a); print('writing', file=sys.stderr, flush=True); time.sleep(30)\n"
        "e._write = slow\n"
        f"sys.argv = ['usrufacts', 'export', '-o', {str(tmp_path / 'out.json')!r}]\n"
        "c.main()\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, env=env)
    assert process.stderr is not None
    assert process.stderr.readline() == b"writing\n"
    (temporary,) = tmp_path.iterdir()
    assert temporary.name.endswith(".tmp")
    process.send_signal(sig)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 128 + sig
    assert b"Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def _limit() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))
