"""The command line: parse arguments, call the core, hand the result to a renderer.

Each command is a few lines. Shared options are declared once below and accepted after
the command, where users type them (``usrufacts treaty new-start --json``).
"""

import contextlib
import os
import sqlite3
import sys
from collections.abc import Sequence
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__, query, render, views
from .dates import DateError, PartialDate
from .errors import EXIT_INTERRUPTED, EXIT_USAGE, UsageError, UsrufactsError
from .render import Output


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
        _tolerant_streams()
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except UsrufactsError as error:
            code = _fail(str(error), error.exit_code)
        except typer.Abort:
            code = _fail("interrupted", EXIT_INTERRUPTED)
        except Exception as error:  # click's usage errors; the vendored module is private
            if not hasattr(error, "format_message"):
                raise
            hint = ""
            ctx = getattr(error, "ctx", None)
            if ctx is not None:
                hint = f" (see '{ctx.command_path} --help')"
            code = _fail(
                error.format_message().replace("\n", " ") + hint,
                getattr(error, "exit_code", EXIT_USAGE),
            )
        if standalone_mode:
            sys.exit(code or 0)
        return code

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _silence_stdout()
            return 0
        except KeyboardInterrupt:
            return _fail("interrupted", EXIT_INTERRUPTED)


def _tolerant_streams() -> None:
    """Characters a non-UTF-8 terminal cannot show are replaced, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _fail(text: str, code: int) -> int:
    sys.stderr.write(f"usrufacts: error: {text}\n")
    return code


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
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(**_SETTINGS)
compare_app = typer.Typer(
    cls=_Group,
    help="Side-by-side tables: arsenals, treaty limits, any figure.",
    no_args_is_help=True,
)
app.add_typer(compare_app, name="compare")

# --- options shared by every command, declared once -------------------------------------------

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help=f"Output format: {', '.join(render.FORMATS)}.", show_default=False
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
FactsOption = Annotated[
    Path | None,
    typer.Option(
        "--facts",
        envvar="USRUFACTS_FACTS",
        exists=True,
        file_okay=False,
        help="Overlay directory whose records add to and override the bundled ones by id.",
        show_default=False,
    ),
]
SourcesOption = Annotated[bool, typer.Option("--sources", help="Add the sources to table output.")]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="The date to judge status at (YYYY, YYYY-MM or YYYY-MM-DD); today by default.",
        show_default=False,
    ),
]
YearsArgument = Annotated[
    list[str] | None, typer.Argument(help="Years to show; all by default.", show_default=False)
]


class Context:
    """What every command needs: the index and how to write."""

    def __init__(
        self, fmt: str | None, as_json: bool, facts: Path | None, sources: bool = False
    ) -> None:
        chosen = "json" if as_json else (fmt or "table").lower()
        if chosen not in render.FORMATS:
            raise UsageError(f"unknown format {fmt!r}; choose from {', '.join(render.FORMATS)}")
        self.out = Output(format=chosen, explicit=fmt is not None, sources=sources)
        self.directories = facts_directories(facts)

    @cached_property
    def db(self) -> sqlite3.Connection:
        from .index import open_index

        return open_index(self.directories)


def facts_directories(facts: Path | None) -> list[Path]:
    from .index import bundled_facts

    return [bundled_facts()] if facts is None else [bundled_facts(), facts]


def _date(text: str, what: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except DateError as error:
        raise UsageError(f"{what}: {error}") from None


def _as_of(text: str | None) -> PartialDate:
    if text is None:
        return PartialDate.parse(date.today().isoformat())
    return _date(text, "--as-of")


def _years(values: Sequence[str] | None) -> list[int]:
    return [_date(v, "YEAR").year for v in values or []]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"usrufacts {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Facts on United States–Russia relations, with their sources."""


# --- commands ----------------------------------------------------------------------------------


@app.command()
def treaty(
    name: Annotated[
        str | None,
        typer.Argument(help="Id, name or alias; all treaties without it.", show_default=False),
    ] = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    sources: SourcesOption = False,
) -> None:
    """A treaty's dates, status, limits and sources; every treaty without NAME.

    Examples: usrufacts treaty new-start · usrufacts treaty "SALT I" --as-of 1975 ·
    usrufacts treaty --json | jq '.[].id'
    """
    ctx, when = Context(fmt, as_json, facts, sources), _as_of(as_of)
    db = ctx.db
    if name is None:
        found = query.treaties(db)
        rows = [views.with_status(t, query.treaty_status(t, when)) for t in found]
        render.table("Treaties", views.TREATY_COLUMNS, rows, ctx.out)
        return
    found_one = query.get(db, name, "treaty")
    render.record(views.with_status(found_one, query.treaty_status(found_one, when)), ctx.out)


@app.command()
def timeline(
    start: Annotated[
        str | None,
        typer.Argument(metavar="[FROM]", help="Year, year-month or date.", show_default=False),
    ] = None,
    end: Annotated[
        str | None,
        typer.Argument(
            metavar="[TO]", help="Year, year-month or date (inclusive).", show_default=False
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            help=f"Only these kinds: {', '.join(query.EVENT_KINDS)}.",
            show_default=False,
        ),
    ] = None,
    who: Annotated[
        list[str] | None,
        typer.Option(
            "--who", "-w", help="Only events with this person (id or name).", show_default=False
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=0, help="At most this many events.", show_default=False),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    sources: SourcesOption = False,
) -> None:
    """Dated events from FROM to TO, oldest first. One bound alone means that period.

    Examples: usrufacts timeline 2017 2019 · usrufacts timeline 1962-10 ·
    usrufacts timeline --kind sanctions --who putin --limit 5
    """
    ctx = Context(fmt, as_json, facts, sources)
    first = _date(start, "FROM") if start is not None else None
    last = _date(end, "TO") if end is not None else first
    found = query.timeline(ctx.db, first, last, kind or (), who or (), limit)
    render.table("Timeline", views.EVENT_COLUMNS, found, ctx.out)


@app.command()
def meetings(
    who: Annotated[
        list[str] | None,
        typer.Option(
            "--who", "-w", help="Contacts with every person named (repeatable).", show_default=False
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    sources: SourcesOption = False,
) -> None:
    """Leaders' summits, meetings and calls, numbered in order; Trump–Putin by default.

    Examples: usrufacts meetings · usrufacts meetings --who reagan --who gorbachev ·
    usrufacts meetings --who biden --json
    """
    ctx = Context(fmt, as_json, facts, sources)
    found = query.meetings(ctx.db, who or ())
    render.table("Meetings and calls", views.MEETING_COLUMNS, found, ctx.out)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="Any record's id (or name).")],
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """Any record by id: treaty, event, person, figure, metric or source.

    Examples: usrufacts show helsinki-summit-2018 · usrufacts show vladimir-putin --json
    """
    ctx = Context(fmt, as_json, facts)
    render.record(query.get(ctx.db, name), ctx.out)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to look for.")],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="At most this many hits.")
    ] = 25,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    sources: SourcesOption = False,
) -> None:
    """Ranked full-text search over every record, with each hit's kind and date.

    Examples: usrufacts search "new start" · usrufacts search magnitsky --json
    """
    ctx = Context(fmt, as_json, facts, sources)
    render.table(
        f"Search: {text}", views.SEARCH_COLUMNS, query.search(ctx.db, text, limit), ctx.out
    )


@app.command("sources")
def sources_command(
    name: Annotated[
        str | None,
        typer.Argument(
            help="A record's id; the whole bibliography without it.", show_default=False
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """The bibliography, or the sources one record cites.

    Examples: usrufacts sources · usrufacts sources new-start --format md
    """
    ctx = Context(fmt, as_json, facts)
    render.table("Sources", render.SOURCE_COLUMNS, query.sources(ctx.db, name), ctx.out)


@app.command()
def check(
    directory: Annotated[
        Path | None,
        typer.Argument(
            exists=True,
            file_okay=False,
            help="A fact base to validate on its own; by default the bundled one "
            "(with any --facts overlay).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """Validate a fact base and summarise it: counts, sourcing, date range, facts as of.

    Exit code 3 and every problem, one a line, if it is invalid.
    Examples: usrufacts check · usrufacts check ./my-facts
    """
    from .checking import check_directories

    ctx = Context(fmt, as_json, facts)
    dirs = [directory] if directory else ctx.directories
    summary, rows = check_directories(dirs)
    render.table("Fact base", views.CHECK_COLUMNS, rows, ctx.out, summary)


@app.command()
def export(
    file: Annotated[
        Path | None,
        typer.Argument(metavar="[FILE]", help="Same as --output FILE.", show_default=False),
    ] = None,
    fmt: FormatOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE (atomically) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing --output file.")
    ] = False,
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """The whole fact base as json, jsonl, csv, yaml or sqlite.

    Examples: usrufacts export --format json > facts.json ·
    usrufacts export --format sqlite facts.db && datasette facts.db
    """
    from .exporting import export_all

    if file is not None and output is not None and file != output:
        raise UsageError("give the output file once: FILE or --output FILE")
    chosen = "json" if as_json else (fmt or "json").lower()
    ctx = Context(None if chosen == "sqlite" else chosen, False, facts)
    export_all(ctx.db, chosen, file or output, force, ctx.out)


@app.command()
def about(
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """Version, where the facts and their cache live, counts, and the facts-as-of date.

    Example: usrufacts about
    """
    from .index import cache_directory

    ctx = Context(fmt, as_json, facts)
    info = query.meta(ctx.db)
    rows = views.about_rows(info, ctx.directories, cache_directory())
    render.record({"id": "usrufacts", "type": "about", **rows}, ctx.out)


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write one NAME.schema.json per fact file into this directory.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """JSON Schemas of the fact files, generated from the model, for editors.

    Examples: usrufacts schema > schemas.json · usrufacts schema --output facts/schema
    """
    from .schemas import write_schemas

    write_schemas(output, sys.stdout)


# --- compare -----------------------------------------------------------------------------------


@compare_app.command("arsenal")
def compare_arsenal(
    years: YearsArgument = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    sources: SourcesOption = False,
) -> None:
    """US and Russian warhead stockpiles and deployed strategic warheads, with ratios.

    Examples: usrufacts compare arsenal · usrufacts compare arsenal 1986 2000 2025 --json
    """
    ctx = Context(fmt, as_json, facts, sources)
    rows = query.compare_arsenal(ctx.db, _years(years))
    render.table("Nuclear arsenals (warheads)", views.ARSENAL_COLUMNS, rows, ctx.out)


@compare_app.command("treaty")
def compare_treaty(
    names: Annotated[list[str], typer.Argument(help="Two or more treaties (id, name or alias).")],
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """Treaty limits side by side; a limit a treaty lacks is left empty.

    Examples: usrufacts compare treaty start-i sort new-start ·
    usrufacts compare treaty salt-i salt-ii --json
    """
    if len(names) < 2:
        raise UsageError("compare treaty needs at least two treaties")
    ctx = Context(fmt, as_json, facts)
    result = query.compare_treaties(ctx.db, names)
    columns = views.treaty_comparison_columns(result["treaties"])
    render.table("Treaty limits", columns, result["rows"], ctx.out)


@compare_app.command("figure")
def compare_figure(
    metric: Annotated[str, typer.Argument(help="A metric id, e.g. newstart-deployed-warheads.")],
    years: YearsArgument = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    sources: SourcesOption = False,
) -> None:
    """Any metric, US beside Russia, a row per date.

    Examples: usrufacts compare figure newstart-deployed-warheads ·
    usrufacts compare figure us-exports-to-russia 2021 2022 2023 --json
    """
    ctx = Context(fmt, as_json, facts, sources)
    result = query.compare_figure(ctx.db, metric, _years(years))
    found = result["metric"]
    render.table(
        f"{found['label']} ({found['unit']})", views.FIGURE_COLUMNS, result["rows"], ctx.out
    )


def _slim(argv: Sequence[str]) -> typer.Typer | None:
    """An app holding only the command being run.

    Typer turns every registered command into a click command on each call, which costs
    more than the lookup itself; the one command named on the command line is enough. Help,
    completion and mistyped commands get the whole app.
    """
    if not argv or "_USRUFACTS_COMPLETE" in os.environ:
        return None
    name = argv[0]
    commands = [c for c in app.registered_commands if (c.name or c.callback.__name__) == name]  # type: ignore[union-attr]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return None
    slim = typer.Typer(**_SETTINGS)
    slim.registered_callback = app.registered_callback
    slim.registered_commands = commands
    slim.registered_groups = groups
    return slim


def main() -> None:
    """Entry point for the ``usrufacts`` script."""
    try:
        (_slim(sys.argv[1:]) or app)(prog_name="usrufacts")
        code = 0
    except SystemExit as ended:
        code = ended.code if isinstance(ended.code, int) else (0 if ended.code is None else 1)
    _exit_now(code)


def _exit_now(code: int) -> None:
    """Flush and end the process without tearing every module down one by one.

    Nothing is left to clean up by then (the index is written and renamed, connections
    are read-only), and the teardown of Typer, click and the rest costs ~10 ms per call.
    """
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except (OSError, ValueError):
        pass
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)
