"""Ctrl-C, SIGTERM and SIGHUP end the program with one line and the shell's exit code,
never a traceback, at any moment after the package is imported.

Until the command runs, a signal ends the process at once (nothing is written yet).
While it runs, SIGINT raises KeyboardInterrupt and SIGTERM/SIGHUP raise SystemExit, so
that half-written files are removed on the way out (see ``atomic.replacing``). After it,
the process is ending anyway and exits at once again. Imported by the package (after its
own first handler, in ``__init__``) when the process is the program, so kept tiny:
``_signal`` (the C module; ``signal`` builds enums, a window of its own in which Ctrl-C
would still print a traceback) and ``os``, loaded at start-up anyway.

A KeyboardInterrupt can be caught on its way by code that is not ours: Typer turns one in
its argument parsing or in the teardown of its context into a silent exit code 130. So the
handler also records that it raised (``interrupted``), and ``cli.main`` ends such a run
with the line and 130 whatever caught the exception on the way.
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]  # no stubs for the C module
import os

EXIT_INTERRUPTED = 130
raising = False  # set by cli.main while the command runs
interrupted = False  # SIGINT raised KeyboardInterrupt: the run ends with 130, once unwound
said = False  # the program's one line is on stderr (cli._fail): none is added after it
_program: int | None = None  # the process that installed the handlers (not a forked worker)


def _interrupted(signum: int, frame: object) -> None:
    global interrupted
    if os.getpid() != _program:
        # A worker forked to validate fact files: Ctrl-C at a terminal reaches the whole
        # process group, and the program itself ends the run (and the pool), with one line.
        return
    if raising and not interrupted:
        interrupted = True
        raise KeyboardInterrupt
    # Before or after the command, or a second Ctrl-C while the first one unwinds.
    exit_interrupted()


def exit_interrupted() -> None:
    """End the process at once with 130, writing the line unless one is already out."""
    try:
        if not said:
            os.write(2, b"usrufacts: error: interrupted\n")
    finally:
        os._exit(EXIT_INTERRUPTED)


def _terminated(signum: int, frame: object) -> None:
    if raising:
        raise SystemExit(128 + signum)
    os._exit(128 + signum)


def install() -> None:
    """Take over SIGINT, SIGTERM and SIGHUP for the ``usrufacts`` process."""
    global _program
    _program = os.getpid()
    _signal.signal(_signal.SIGINT, _interrupted)
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(_signal, name, None)
        if number is not None and _signal.getsignal(number) == _signal.SIG_DFL:
            _signal.signal(number, _terminated)
