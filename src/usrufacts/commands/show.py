"""usrufacts show: any record by id or name."""

from typing import Annotated

import typer

from .. import query, render
from ..options import Context, FactsOption, FormatOption, JsonOption


def run(
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
