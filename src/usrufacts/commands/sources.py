"""usrufacts sources: the bibliography, or one record's sources."""

from typing import Annotated

import typer

from .. import query, render
from ..errors import UsageError
from ..options import Context, FactsOption, FormatOption, JsonOption
from ..tiers import parse_tiers


def run(
    name: Annotated[
        str | None,
        typer.Argument(
            help="A record's id; the whole bibliography without it.", show_default=False
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
    usrufacts sources helsinki-summit-2018 --tier primary,specialist
    """
    tiers: list[str] = []
    if tier is not None:
        try:
            tiers = parse_tiers(tier)
        except ValueError as error:
            raise UsageError(f"--tier: {error}") from None
    ctx = Context(fmt, as_json, facts)
    found = query.sources(ctx.db, name, tiers)
    render.table("Sources", render.SOURCE_COLUMNS, found, ctx.out)
