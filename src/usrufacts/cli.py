"""The command line: the app, the mapping of every failure to one line and an exit code.

Each command lives in its own module under ``commands/`` (``usrufacts treaty`` is
``commands/treaty.py``); the options they share are declared once in ``options.py``. Only
the command being run is imported and turned into a click command: building all of them
costs more than a lookup.
"""

import contextlib
import io
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__
from .commands import COMMANDS
from .completing import COMPLETE_VAR, shells
from .errors import EXIT_INTERRUPTED, EXIT_USAGE, OutputError, ReaderGone, UsrufactsError


class _Group(TyperGroup):
    """Maps every failure to one line on stderr and its exit code; never a traceback."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        from . import _signals

        _signals.said = False  # an earlier run in this process (tests) wrote its line
        _tolerant_streams()
        index = sys.modules.get("usrufacts.index")
        if index is not None:  # an earlier run in this process (tests) opened others
            index.opened.clear()
        try:
            try:
                code = super().main(
                    args, prog_name, complete_var, False, windows_expand_args, **extra
                )
            except _CacheDamaged:
                try:
                    code = super().main(
                        args, prog_name, complete_var, False, windows_expand_args, **extra
                    )
                except _CacheDamaged as again:
                    cause = again.__cause__
                    return self._end(
                        _fail(f"the index could not be read: {cause}", 1), standalone_mode
                    )
        except UsrufactsError as error:
            code = _fail(str(error), error.exit_code)
        except typer.Abort:
            code = _interrupted()
        except UnicodeEncodeError as error:
            # An argument holding bytes that are not UTF-8 (kept as lone surrogates) cannot
            # be looked up in text; say which, escaped.
            shown = str(error.object)[:200] if isinstance(error.object, str) else "?"
            code = _fail(f"not valid UTF-8 text: '{shown}'", EXIT_USAGE)
        except Exception as error:  # click's usage errors; the vendored module is private
            sqlite3 = sys.modules.get("sqlite3")
            if sqlite3 is not None and isinstance(error, sqlite3.Error):
                # A query SQLite refused (a pattern too complex), or a fresh index failing.
                return self._end(_fail(f"the lookup failed: {error}", 1), standalone_mode)
            if not hasattr(error, "format_message"):
                raise
            ctx = getattr(error, "ctx", None)
            if type(error).__name__ == "NoArgsIsHelpError" and ctx is not None:
                # A bare command group (`usrufacts compare`) asks for its help: not an error.
                sys.stdout.write(ctx.get_help() + "\n")
                code = 0
            else:
                hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
                code = _fail(
                    error.format_message().replace("\n", " ") + hint,
                    getattr(error, "exit_code", EXIT_USAGE),
                )
        if code == EXIT_INTERRUPTED:
            # Typer ends a KeyboardInterrupt in its parsing or in the teardown of its context
            # (outside invoke below) as exit code 130 and writes nothing.
            code = _interrupted()
        return self._end(code, standalone_mode)

    @staticmethod
    def _end(code: Any, standalone_mode: bool) -> Any:
        if standalone_mode:
            sys.exit(code or 0)
        return code

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except KeyboardInterrupt:
            # Typer ends Ctrl-C while parsing with a silent 130; say it as everywhere else.
            raise typer.Abort from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (BrokenPipeError, ReaderGone):
            _silence_stdout()
            return 0
        except KeyboardInterrupt:
            return _interrupted()
        except Exception as error:
            if not _damaged_cache(error):
                raise
            # A cached index that fails in use ("database disk image is malformed"):
            # discard it; main() answers again from a fresh one, built from the facts.
            from .index import discard_opened

            discard_opened()
            raise _CacheDamaged from error


class _CacheDamaged(Exception):  # noqa: N818 - a signal to main(), caught there
    """The cached index failed in use and was discarded: run the command once more."""


# SQLite's answers that mean the file is at fault, not the query: damaged, not a
# database, unreadable, or built by another version (a table or column missing).
_DAMAGE = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_FORMAT")


def _damaged_cache(error: Exception) -> bool:
    """Whether ``error`` is SQLite finding a cached index unusable (and one was open)."""
    sqlite3 = sys.modules.get("sqlite3")
    index = sys.modules.get("usrufacts.index")
    if sqlite3 is None or not isinstance(error, sqlite3.Error):
        return False
    if index is None or not getattr(index, "opened", None):
        return False
    name = str(getattr(error, "sqlite_errorname", ""))
    return name.startswith(_DAMAGE) or "no such " in str(error) or "malformed" in str(error)


def _tolerant_streams() -> None:
    """Characters a non-UTF-8 terminal cannot show are replaced, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _fail(text: str, code: int) -> int:
    """Write the one error line (escaped: no control or bidi character reaches the
    terminal raw) and return ``code``. A stderr that cannot be written changes nothing.
    The program writes one such line: a Ctrl-C after it adds none (``_signals.said``)."""
    from . import _signals
    from .text import one_line

    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(f"usrufacts: error: {one_line(text)}\n")
        sys.stderr.flush()
    _signals.said = True  # after: a second Ctrl-C in between may add a line, never lose it
    return code


def _interrupted() -> int:
    """The line for Ctrl-C, unless the program has written its one line already; 130."""
    from . import _signals

    if not _signals.said:
        _fail("interrupted", EXIT_INTERRUPTED)
    return EXIT_INTERRUPTED


class _StdoutFile(io.FileIO):
    """File descriptor 1, whose write failures say what they are: the reader left
    (ReaderGone, exit 0 as for ``| head``) or the output is lost (OutputError, exit 1)."""

    def write(self, data: Any) -> int:
        try:
            return super().write(data)
        except BrokenPipeError:
            raise ReaderGone from None
        except OSError as error:
            reason = error.strerror or str(error)
            raise OutputError(f"cannot write the output: {reason}") from None


class _ClosedStdout(io.TextIOBase):
    """Standard output when the program was started with it closed (``>&-``)."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OutputError("cannot write the output: standard output is closed")

    def isatty(self) -> bool:
        return False


def _own_streams() -> None:
    """Standard streams the program can rely on.

    A closed descriptor 0, 1 or 2 is opened on /dev/null first, so that no file opened
    later (the index!) takes its number and receives the output. Writes to standard
    output then fail as OutputError or ReaderGone instead of a traceback or silence.
    """
    closed = []
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            closed.append(descriptor)
    for descriptor in closed:
        with contextlib.suppress(OSError):
            spare = os.open(os.devnull, os.O_RDWR)
            if spare != descriptor:
                os.dup2(spare, descriptor)
                os.close(spare)
    if 2 in closed or sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    old = sys.stdout
    if 1 in closed or old is None:
        sys.stdout = _ClosedStdout()
        return
    try:
        if old.fileno() != 1:
            return
    except (OSError, ValueError, AttributeError):
        return
    buffered = io.BufferedWriter(_StdoutFile(1, "w", closefd=False))
    sys.stdout = io.TextIOWrapper(
        buffered,
        encoding=old.encoding,
        errors="backslashreplace",
        line_buffering=bool(getattr(old, "line_buffering", False)),
    )


def _silence_stdout() -> None:
    """After `| head` closes the pipe, send what is left to /dev/null, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


_SETTINGS: dict[str, Any] = {
    "cls": _Group,
    "help": "Facts on United States–Russia relations, with their sources.\n\n"
    "Treaties and their limits, summits and calls, sanctions, arsenals and trade.",
    "epilog": "Examples:  usrufacts treaty new-start  ·  usrufacts timeline 2017 2019  ·  "
    "usrufacts treaty new-start --json | jq .limits",
    "invoke_without_command": True,  # bare `usrufacts` welcomes (_root)
    # Our own --show-completion takes the shell by name (completing.py): Typer's guesses it
    # from the parent process, which fails under sh.
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"usrufacts {__version__}")
        raise typer.Exit()


def _show_completion(value: str | None) -> None:
    if value is not None:
        from .completing import script

        typer.echo(script(value))
        raise typer.Exit()


def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            metavar="SHELL",
            callback=_show_completion,
            is_eager=True,
            autocompletion=shells,
            help="Print the completion script for SHELL (bash, zsh, fish or powershell), e.g. "
            "usrufacts --show-completion bash >> ~/.bashrc",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Facts on United States–Russia relations, with their sources."""
    if ctx.invoked_subcommand is None and not ctx.resilient_parsing:
        _welcome()


def _welcome() -> None:
    """Bare ``usrufacts``: what it is, how current its facts are, six commands to try."""
    from . import query, views
    from .index import bundled_facts, open_index

    info = query.meta(open_index([bundled_facts()]))
    sys.stdout.write(views.welcome(info["facts_as_of"], info["counts"]))


def build_app(names: Sequence[str] | None = None) -> typer.Typer:
    """The app with the commands named (each imported from ``commands/``), or with all.

    ``names`` are keys of ``COMMANDS``; `_wanted` passes only those.
    """
    import importlib

    if COMPLETE_VAR in os.environ:
        from .completing import enable

        enable()
    app = typer.Typer(**_SETTINGS)
    app.callback()(_root)
    for name in COMMANDS if names is None else names:
        module = importlib.import_module(f"usrufacts.commands.{COMMANDS[name]}")
        group = getattr(module, "app", None)
        if isinstance(group, typer.Typer):
            app.add_typer(group, name=name)
        else:
            app.command(name)(module.run)
    return app


def _wanted(argv: Sequence[str]) -> list[str] | None:
    """The one command named on the command line (or on the line being completed); None
    (all) for help, typos and completing the command name itself."""
    if COMPLETE_VAR in os.environ:
        argv = _completing()
    if not argv or argv[0] not in COMMANDS:
        return None
    return [argv[0]]


def _completing() -> list[str]:
    """The words after the program's name on the line being completed, but the last (which
    is being typed): bash passes them in COMP_WORDS, the other shells in
    _TYPER_COMPLETE_ARGS."""
    words = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS", "")
    parts = words.split()
    cword = os.environ.get("COMP_CWORD", "")
    if cword.isdigit():
        parts = parts[: int(cword)]
    elif words and not words.endswith(" "):
        parts = parts[:-1]
    return parts[1:]


def __getattr__(name: str) -> typer.Typer:
    """``from usrufacts.cli import app`` gives the whole app, built on first use."""
    if name == "app":
        return build_app()
    raise AttributeError(name)


def main() -> None:
    """Entry point for the ``usrufacts`` script."""
    from . import _signals

    _own_streams()
    _signals.install()
    sys.unraisablehook = _unraisable
    # A KeyboardInterrupt can land anywhere, also in the except clauses that take the
    # command's exit code: they are inside this try. The handler raises only while raising
    # is on, inside it, and once (a second Ctrl-C ends the process at once).
    try:
        _signals.raising = True  # from here a signal unwinds, removing half-written files
        code = _run()
        _signals.raising = False
    except KeyboardInterrupt:
        _signals.raising = False
        code = _interrupted()
    if _signals.interrupted:  # whoever caught the KeyboardInterrupt on its way (Typer)
        code = _interrupted()
    _exit_now(code)


def _run() -> int:
    """Run the command named in ``sys.argv``; its exit code."""
    try:
        build_app(_wanted(sys.argv[1:]))(prog_name="usrufacts")
        return 0
    except SystemExit as ended:
        return ended.code if isinstance(ended.code, int) else (0 if ended.code is None else 1)
    except (BrokenPipeError, ReaderGone):
        _silence_stdout()
        return 0
    except UsrufactsError as error:  # raised outside the command, e.g. by a flush
        return _fail(str(error), error.exit_code)


def _unraisable(info: Any) -> None:
    """An exception Python cannot raise (in a finaliser or a callback) prints no traceback;
    Ctrl-C landing there still ends the program as Ctrl-C does."""
    if isinstance(info.exc_value, KeyboardInterrupt):
        from . import _signals

        _signals.exit_interrupted()


def _exit_now(code: int) -> None:
    """Flush and end the process without tearing every module down one by one.

    Nothing is left to clean up by then (the index is written and renamed, connections
    are read-only), and the teardown of Typer, click and the rest costs ~10 ms per call.
    Output that cannot be flushed turns a success into exit 1 with one line; an error
    already reported keeps its own code and line.
    """
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ReaderGone):
        _silence_stdout()
    except OutputError as error:
        _silence_stdout()
        if code == 0:
            code = _fail(str(error), error.exit_code)
    except (OSError, ValueError, AttributeError):
        pass
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    os._exit(code)
