"""usrufacts meetings: leaders' summits, meetings and calls, numbered."""

from typing import Annotated

import typer

from .. import query, render, views
from ..options import Context, FactsOption, FormatOption, JsonOption, SourcesOption


def run(
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
