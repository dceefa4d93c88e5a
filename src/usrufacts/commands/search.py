"""usrufacts search: ranked full-text search over every record."""

from typing import Annotated

import typer

from .. import completing, query, render, views
from ..options import (
    Context,
    FactsOption,
    FormatOption,
    JsonOption,
    SourcesOption,
    note,
    output_options,
)


@output_options
def run(
    text: Annotated[
        str, typer.Argument(help='Words, "quoted phrases", years or dates to look for.')
    ],
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            "-t",
            help="Only these types or collections: treaty, event, person, figure, metric, "
            "source (repeatable or comma-separated); all but sources by default.",
            show_default=False,
            autocompletion=completing.types,
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, help="At most this many hits; 0 for all.")
    ] = 25,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    sources: SourcesOption = False,
) -> None:
    """Ranked search: names and titles count most, then summaries, then cited sources.

    Any word may match (records with every word come first); words match as prefixes;
    "quoted words" match as a phrase; a year or date keeps only what falls in it.

    Examples: usrufacts search reykjavik · usrufacts search "trade 2013" ·
    usrufacts search '"open skies"' · usrufacts search putin --type source --limit 0
    """
    ctx = Context(fmt, as_json, facts, sources)
    hits, total = query.search(ctx.db, text, limit, kind or ())
    render.table(f"Search: {text}", views.SEARCH_COLUMNS, hits, ctx.out)
    if len(hits) < total:
        note(f"{len(hits)} of {total}; --limit 0 for all")
