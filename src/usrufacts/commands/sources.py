"""usrufacts sources: the bibliography, or one record's sources."""

from typing import Annotated

import typer

from .. import query, render
from ..options import Context, FactsOption, FormatOption, JsonOption


def run(
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
