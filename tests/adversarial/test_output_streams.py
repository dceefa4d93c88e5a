"""Standard output that cannot be written: a full disk, a file-size limit, a closed stream,
a reader that leaves early, and Ctrl-C at any moment. Real processes, real file descriptors."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import usrufacts

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
    handler is set on the first lines of its ``__init__``) can still report an interrupt its
    own way. The spread of moments is timed and so only samples; the exact moments between
    our handlers are the next test's.
    """
    # Moments relative to how long this machine takes to start the program (a loaded CI
    # machine may take ten times as long): from before Python runs to after the output.
    command = [sys.executable, "-m", "usrufacts", "timeline", "--format", "table"]
    subprocess.run(command, stdout=subprocess.DEVNULL, env=run.env, check=True)  # the index
    started = time.monotonic()
    subprocess.run(command, stdout=subprocess.DEVNULL, env=run.env, check=True)
    whole = time.monotonic() - started
    delays = [whole * f for f in (0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.1)]
    for delay in delays:
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=run.env
        )
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        text = err.decode()
        if _interpreter_start_up(text):
            continue
        assert "Traceback" not in text, (delay, text)
        assert (process.returncode, text) in {
            (0, ""),
            (-signal.SIGINT, ""),
            (130, "usrufacts: error: interrupted\n"),
        }, (delay, process.returncode, text)
    # However loaded the machine, one moment is certainly inside the command: blocked
    # writing an output longer than the pipe holds (shrunk to one page), nothing read yet.
    reader, writer = os.pipe()
    fcntl.fcntl(writer, fcntl.F_SETPIPE_SZ, 4096)
    with open(reader, "rb") as output:
        process = subprocess.Popen(command, stdout=writer, stderr=subprocess.PIPE, env=run.env)
        os.close(writer)
        assert output.read(1)  # the drawing has begun; the pipe fills up behind it
        process.send_signal(signal.SIGINT)
        assert output.read()  # the rest, up to where the interrupt cut it
        err = process.communicate(timeout=60)[1].decode()
    assert (process.returncode, err) == (130, "usrufacts: error: interrupted\n")


def _interpreter_start_up(stderr: str) -> bool:
    """A traceback for an interrupt before the package set its handler: no frame of ours in
    it, or only ``usrufacts/__init__.py`` at a line before the handler is set."""
    if "Traceback" not in stderr:
        return False
    init = Path(usrufacts.__file__).read_text().splitlines()
    handler_line = next(n for n, line in enumerate(init, 1) if "_signal.signal(" in line)
    ours = re.findall(r'File "[^"]*/usrufacts/([^"/]*\.py)", line (\d+)', stderr)
    return all(name == "__init__.py" and int(line) < handler_line for name, line in ours)


# Runs `python -m usrufacts ARGS` and delivers SIGINT at one exact moment, found by tracing:
# after frame TRIGGER has been entered (call) or left (return), at the Kth line executed in a
# frame whose module starts with one of MODULES and whose "module:qualname" ends with NAME.
# It says "fired" on stderr first, so that a moment the program no longer reaches fails the
# test instead of passing it unexercised.
_AT_MOMENT = r"""
import os, runpy, sys, _signal
event, trigger, modules, name, k = sys.argv[1:6]
modules, k, armed = tuple(modules.split(",")), int(k), False
traced = (*modules, trigger.partition(":")[0])
def local(frame, what, arg):
    global armed, k
    module, qualname = frame.f_globals.get("__name__") or "", frame.f_code.co_qualname
    if not armed and what == event and f"{module}:{qualname}" == trigger:
        armed = True
    elif armed and what == "line" and module.startswith(modules) and (
        f"{module}:{qualname}".endswith(name)
    ):
        k -= 1
        if k == 0:
            sys.settrace(None)
            os.write(2, b"fired\n")
            _signal.raise_signal(_signal.SIGINT)
    return local
def calls(frame, what, arg):
    if (frame.f_globals.get("__name__") or "").startswith(traced):
        return local(frame, what, arg)
    return None
sys.argv = ["-m", *sys.argv[6:]]
sys.settrace(calls)
runpy.run_module("usrufacts", run_name="__main__", alter_sys=True)
"""

_FRAMEWORK = "typer,click"  # Typer's click (vendored as typer._click, or click itself)


_MAIN = ("call", "usrufacts.cli:main", "usrufacts.cli", "usrufacts.cli:main")  # main()'s own lines
_EXIT = ("return", "usrufacts.cli:_Group._end", "usrufacts.cli", "")  # after the command


@pytest.mark.parametrize(
    ("event", "trigger", "modules", "name", "k"),
    [
        # Typer turns a KeyboardInterrupt in its parsing into a silent exit code 130 ...
        ("call", "usrufacts.cli:_Group.main", _FRAMEWORK, "parse_args", 1),
        ("call", "usrufacts.cli:_Group.main", "usrufacts.cli", "_Group.invoke", 1),
        # ... and in the teardown of the root context, after the command has returned.
        ("return", "usrufacts.cli:_Group.invoke", _FRAMEWORK, "Context.__exit__", 1),
        # main() from the handler's install to the command (the `try:` line was outside) ...
        *[(*_MAIN, k) for k in (4, 5, 6, 7)],
        # ... and while it takes the command's exit code: in an except clause, not its try.
        *[(*_EXIT, k) for k in (1, 2, 3, 4)],
    ],
    ids=["parsing", "invoke", "teardown", *[f"main-{k}" for k in (4, 5, 6, 7)]]
    + [f"exit-{k}" for k in (1, 2, 3, 4)],
)
def test_ctrl_c_at_each_moment_of_the_framework_is_one_line_and_130(
    run, event, trigger, modules, name, k
):
    """SIGINT at exact moments between our handlers: in Typer's parsing and teardown, and
    while main() takes the command's exit code. Each once gave exit 130 with nothing on
    stderr, or a traceback; each must be the one line and 130, every run."""
    args = ["treaty", "new-start", "--format", "table"]
    run(*args)  # the index, built before the run that is interrupted
    command = [sys.executable, "-c", _AT_MOMENT, event, trigger, modules, name, str(k), *args]
    result = subprocess.run(
        command,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=run.env, timeout=60,
    )  # fmt: skip
    assert result.stderr.decode().startswith("fired\n"), "the moment was never reached"
    assert (result.returncode, result.stderr.decode()) == (
        130,
        "fired\nusrufacts: error: interrupted\n",
    )


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_termination_during_an_export_leaves_no_temporary_file(run, tmp_path, sig):
    """The child starts with the signal's default action, as a job started from a shell
    has: under `nohup` (which ignores SIGHUP, and the program keeps it ignored) the test
    would otherwise wait for an exit that never comes."""
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
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=lambda: signal.signal(sig, signal.SIG_DFL),
    )
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


@pytest.mark.skipif(
    (os.cpu_count() or 1) < 2 or sys.platform != "linux",
    reason="validation runs in parallel on Linux with 2+ cores",
)
def test_ctrl_c_at_a_terminal_during_parallel_validation_is_one_line_from_one_process(
    run, own_cache, mini, tmp_path
):
    """A terminal sends Ctrl-C to the whole process group, the workers validating fact files
    too: the program answers for them with its one line, and no idle worker adds a
    traceback. One worker reads the largest file until the others have read the rest and
    sleep waiting for more; then it presses Ctrl-C."""
    env = {**run.env, "USRUFACTS_CACHE_DIR": str(own_cache)}
    done = tmp_path / "done"
    done.mkdir()
    files = sorted(mini.glob("*.yaml"), key=lambda path: -path.stat().st_size)
    code = (
        "import os, pathlib, signal, sys, time, usrufacts.loader as l, usrufacts.cli as c\n"
        "l.PARALLEL_BYTES = 0\n"
        "real = l._read_one\n"
        f"done, others = pathlib.Path({str(done)!r}), {len(files) - 1}\n"
        "def waiting(pid):  # asleep (reading the queue of work), not running Python code\n"
        "    return open(f'/proc/{pid}/stat').read().rpartition(')')[2].split()[0] == 'S'\n"
        "def pressed(path):\n"
        f"    if path.name != {files[0].name!r}:\n"
        "        loaded = real(path)\n"
        "        (done / path.name).write_text(str(os.getpid()))\n"
        "        return loaded\n"
        "    while len(marks := list(done.iterdir())) < others or not all(\n"
        "        waiting(pid) for pid in {mark.read_text() for mark in marks}\n"
        "    ):\n"
        "        time.sleep(0.01)\n"
        "    os.killpg(0, signal.SIGINT)  # Ctrl-C; the other workers wait for work\n"
        "    return real(path)\n"
        "l._read_one = pressed\n"
        f"sys.argv = ['usrufacts', 'check', {str(mini)!r}]\n"
        "c.main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=env, timeout=60,
        start_new_session=True,  # its own process group: the Ctrl-C reaches no one else
    )  # fmt: skip
    assert len(list(done.iterdir())) == len(files) - 1  # the moment was reached
    assert (result.returncode, result.stderr.decode()) == (130, "usrufacts: error: interrupted\n")
