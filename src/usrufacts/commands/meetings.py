"""usrufacts meetings: leaders' summits, meetings and calls, numbered."""

from typing import Annotated

import typer

from .. import completing, query, render, views
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
    who: Annotated[
        list[str] | None,
        typer.Option(
            "--who",
            "-w",
            help="Contacts with every person named (repeatable).",
            show_default=False,
            autocompletion=completing.people,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            help="Only summit, meeting or call (repeatable).",
            show_default=False,
            autocompletion=completing.meeting_kinds,
        ),
    ] = None,
    in_person: Annotated[
        bool, typer.Option("--in-person", help="Only contacts face to face.")
    ] = False,
    calls: Annotated[bool, typer.Option("--calls", help="Only telephone and video calls.")] = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    sources: SourcesOption = False,
) -> None:
    """Leaders' summits, meetings and calls, numbered in order.

    Trump–Putin by default; with FROM (and TO), every leaders' contact in that span.

    Examples: usrufacts meetings · usrufacts meetings 2025 --calls ·
    usrufacts meetings 1985 1991 --in-person · usrufacts meetings --who reagan --who gorbachev
    """
    ctx = Context(fmt, as_json, facts, sources)
    first = parse_date(start, "FROM") if start is not None else None
    last = parse_date(end, "TO") if end is not None else first
    found = query.meetings(ctx.db, who or (), first, last, kind or (), in_person, calls)
    render.table("Meetings and calls", views.MEETING_COLUMNS, found, ctx.out)
    count_line(len(found), "meetings and calls", ctx.out)
    if not found:
        note(query.empty_span(ctx.db, "meetings or calls", first, last))
