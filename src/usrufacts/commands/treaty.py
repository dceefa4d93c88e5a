"""usrufacts treaty: one treaty's dates, status, limits and sources, or every treaty."""

from typing import Annotated

import typer

from .. import query, render, views
from ..options import (
    AsOfOption,
    Context,
    FactsOption,
    FormatOption,
    JsonOption,
    SourcesOption,
    as_of_date,
)


def run(
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
    ctx, when = Context(fmt, as_json, facts, sources), as_of_date(as_of)
    db = ctx.db
    if name is None:
        found = query.treaties(db)
        rows = [views.with_status(t, query.treaty_status(t, when)) for t in found]
        render.table("Treaties", views.TREATY_COLUMNS, rows, ctx.out)
        return
    found_one = query.get(db, name, "treaty")
    render.record(views.with_status(found_one, query.treaty_status(found_one, when)), ctx.out)
