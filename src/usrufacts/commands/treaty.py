"""usrufacts treaty: one treaty's dates, status, limits and sources, or every treaty."""

from typing import Annotated

import typer

from .. import completing, query, render, views
from ..options import (
    AsOfOption,
    Context,
    FactsOption,
    FormatOption,
    JsonOption,
    SourcesOption,
    as_of_date,
    count_line,
    output_options,
)


@output_options
def run(
    name: Annotated[
        str | None,
        typer.Argument(
            help="Id, name or alias; all treaties without it.",
            show_default=False,
            autocompletion=completing.treaties,
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            help="Only treaties that are in-force, suspended, ended or never-in-force between "
            "the US and Russia at --as-of (repeatable).",
            show_default=False,
            autocompletion=completing.statuses,
        ),
    ] = None,
    in_force: Annotated[
        bool, typer.Option("--in-force", help="Shorthand for --status in-force.")
    ] = False,
    as_of: AsOfOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    sources: SourcesOption = False,
) -> None:
    """A treaty's dates, status, limits and sources; every treaty without NAME.

    The status says whether the treaty binds the US and Russia to each other on the date,
    with each party's own suspension or withdrawal after it.

    Examples: usrufacts treaty new-start · usrufacts treaty "SALT I" --as-of 1975 ·
    usrufacts treaty --status in-force · usrufacts treaty --json | jq '.[].id'
    """
    ctx, when = Context(fmt, as_json, facts, sources), as_of_date(as_of)
    db = ctx.db
    codes = [*(status or ()), *(["in-force"] if in_force else [])]
    if name is None:
        found = query.treaties_with_status(db, when, codes)
        rows = [views.with_status(t, s) for t, s in found]
        render.table("Treaties", views.TREATY_COLUMNS, rows, ctx.out)
        count_line(len(rows), "treaties", ctx.out)
        return
    found_one = query.get(db, name, "treaty")
    render.record(views.with_status(found_one, query.treaty_status(found_one, when)), ctx.out)
