"""usrufacts: a command-line reference for facts on United States–Russia relations."""

# Ctrl-C while Typer and the rest are still importing ends quietly with 130. The first
# handler is installed before anything else of ours runs, with modules Python has already
# loaded at start-up (`_signal`, `os`, `sys`), so that only the few lines above it run with
# Python's default handler, like the interpreter's own start-up (runpy) before them;
# `_signals.install()` then takes over.
import _signal  # type: ignore[import-not-found]  # no stubs for the C module
import os
import sys

# This process is the program (the script or `python -m usrufacts`), not a test runner or
# another program importing the package.
if (os.path.basename(sys.argv[0]) if sys.argv else "") in {"usrufacts", "-m", "usrufacts.exe"}:
    _signal.signal(
        _signal.SIGINT,
        lambda signum, frame: (os.write(2, b"usrufacts: error: interrupted\n"), os._exit(130)),
    )
    from . import _signals

    _signals.install()

__version__ = "0.1.0"
