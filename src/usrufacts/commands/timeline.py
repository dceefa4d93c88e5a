"""usrufacts timeline: dated events in a span, oldest first."""

from typing import Annotated

import typer

from .. import completing, query, render, views
from ..errors import UsageError
from ..options import (
    Context,
    FactsOption,
    FormatOption,
    FromArgument,
    JsonOption,
    SourcesOption,
    ToArgument,
    count_line,
    note,
    output_options,
    parse_date,
)


@output_options
def run(
    start: FromArgument = None,
    end: ToArgument = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            help=f"Only these kinds: {', '.join(query.EVENT_KINDS)}.",
            show_default=False,
            autocompletion=completing.event_kinds,
        ),
    ] = None,
    who: Annotated[
        list[str] | None,
        typer.Option(
            "--who",
            "-w",
            help="Only events with this person (id or name).",
            show_default=False,
            autocompletion=completing.people,
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=0, help="At most this many events.", show_default=False),
    ] = None,
    latest: Annotated[
        int | None,
        typer.Option(
            "--latest", min=1, help="The N most recent events, newest first.", show_default=False
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    sources: SourcesOption = False,
) -> None:
    """Dated events from FROM to TO, oldest first. One bound alone means that period.

    Examples: usrufacts timeline 2017 2019 · usrufacts timeline 1962-10 ·
    usrufacts timeline --kind sanctions --who putin --limit 5 · usrufacts timeline --latest 10
    """
    ctx = Context(fmt, as_json, facts, sources)
    first = parse_date(start, "FROM") if start is not None else None
    last = parse_date(end, "TO") if end is not None else first
    if latest is not None and limit is not None:
        raise UsageError("give --latest N or --limit N, not both")
    newest = latest is not None
    found = query.timeline(
        ctx.db, first, last, kind or (), who or (), latest if newest else limit, newest
    )
    render.table("Timeline", views.EVENT_COLUMNS, found, ctx.out)
    count_line(len(found), "events", ctx.out)
    if not found:
        note(query.empty_span(ctx.db, "events", first, last))
