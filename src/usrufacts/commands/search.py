"""usrufacts search: ranked full-text search over every record."""

from typing import Annotated

import typer

from .. import query, render, views
from ..options import Context, FactsOption, FormatOption, JsonOption, SourcesOption


def run(
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
