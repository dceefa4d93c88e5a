"""usrufacts sources: the bibliography, or one record's sources; ``sources -`` reads ids."""

from typing import Annotated

import typer

from .. import batch, completing, query, render
from ..errors import UsageError
from ..options import Context, FactsOption, FormatOption, JsonOption, output_options
from ..tiers import parse_tiers


@output_options
def run(
    name: Annotated[
        str | None,
        typer.Argument(
            help="A record's id or name ('-' reads ids from stdin, one a line); "
            "the whole bibliography without it.",
            show_default=False,
            autocompletion=completing.records,
        ),
    ] = None,
    tier: Annotated[
        str | None,
        typer.Option(
            "--tier",
            help="Only these tiers, comma-separated: primary, specialist, major-news, "
            "reference, other.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """The bibliography, or the sources one record cites, best tier first.

    Examples: usrufacts sources · usrufacts sources new-start --format md ·
    usrufacts sources helsinki-summit-2018 --tier primary,specialist ·
    printf 'new-start\\nsalt-i\\n' | usrufacts sources - --json
    """
    tiers: list[str] = []
    if tier is not None:
        try:
            tiers = parse_tiers(tier)
        except ValueError as error:
            raise UsageError(f"--tier: {error}") from None
    ctx = Context(fmt, as_json, facts)
    if name == batch.STDIN:

        def look_up(line: str) -> dict[str, object]:
            rid = query.resolve(ctx.db, line)
            return {"id": rid, "sources": query.sources(ctx.db, rid, tiers)}

        def write(found: list[dict[str, object]]) -> None:
            if ctx.out.format in batch.WHOLE:
                render.table("Sources", render.SOURCE_COLUMNS, [], ctx.out, items=found)
                return
            for item in found:
                rows = item["sources"]
                assert isinstance(rows, list)
                render.table(f"Sources of {item['id']}", render.SOURCE_COLUMNS, rows, ctx.out)

        batch.run(look_up, write)
        return
    found = query.sources(ctx.db, name, tiers)
    render.table("Sources", render.SOURCE_COLUMNS, found, ctx.out)
