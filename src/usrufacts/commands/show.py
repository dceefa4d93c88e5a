"""usrufacts show: any record by id or name; ``show -`` reads ids from stdin."""

from typing import Annotated

import typer

from .. import batch, completing, query, render
from ..options import Context, FactsOption, FormatOption, JsonOption, output_options


@output_options
def run(
    name: Annotated[
        str,
        typer.Argument(
            help="Any record's id or name; '-' reads ids from stdin, one a line.",
            autocompletion=completing.records,
        ),
    ],
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """Any record by id or name: treaty, event, person, figure, metric or source.

    Examples: usrufacts show helsinki-summit-2018 · usrufacts show "Reykjavik summit" ·
    usrufacts show vladimir-putin --json · printf 'new-start\\nsalt-i\\n' | usrufacts show - --json
    """
    ctx = Context(fmt, as_json, facts)
    if name == batch.STDIN:
        batch.run(lambda line: query.get(ctx.db, line), lambda found: batch.write(found, ctx.out))
        return
    render.record(query.get(ctx.db, name), ctx.out)
