"""usrufacts who: who led the United States and the Soviet Union or Russia on a date."""

from typing import Annotated

import typer

from .. import query, render, views
from ..errors import UsageError
from ..options import (
    Context,
    FactsOption,
    FormatOption,
    JsonOption,
    as_of_date,
    output_options,
    parse_date,
)


@output_options
def run(
    when: Annotated[
        str | None,
        typer.Argument(
            metavar="[DATE]", help="Year, year-month or date; today by default.", show_default=False
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from", help="List every pairing of leaders from this date.", show_default=False
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", help="… to this date (today by default).", show_default=False),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """The US president and the Soviet or Russian leader (and head of government) on DATE,
    with their terms; with --from/--to, every pairing of president and leader in the span.

    Examples: usrufacts who · usrufacts who 1972-05-26 · usrufacts who 1991-12 ·
    usrufacts who --from 1985 --to 1991 --json
    """
    ctx = Context(fmt, as_json, facts)
    if start is not None or end is not None:
        if when is not None:
            raise UsageError("give DATE or --from/--to, not both")
        first = parse_date(start, "--from") if start is not None else as_of_date(end)
        last = parse_date(end, "--to") if end is not None else as_of_date(None)
        rows = query.pairings(ctx.db, first, last)
        render.table("Leaders", views.PAIRING_COLUMNS, rows, ctx.out)
        return
    found = query.who(ctx.db, as_of_date(when) if when is None else parse_date(when, "DATE"))
    render.table(
        f"Leaders {'on' if len(str(found['date'])) == 10 else 'in'} {found['date']}",
        views.WHO_COLUMNS,
        views.who_rows(found),
        ctx.out,
        items=found,
    )
