"""usrufacts check: validate a fact base and summarise it."""

from pathlib import Path
from typing import Annotated

import typer

from .. import render, views
from ..options import (
    Context,
    FactsOption,
    FormatOption,
    JsonOption,
    output_options,
)


@output_options
def run(
    directory: Annotated[
        Path | None,
        typer.Argument(
            exists=True,
            file_okay=False,
            help="A fact base to validate on its own; by default the bundled one "
            "(with any --facts overlay).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    strict_sources: Annotated[
        bool,
        typer.Option(
            "--strict-sources",
            help="Also fail (exit 3) when a treaty, summit, meeting, call, sanctions or UN "
            "event cites nothing above reference.",
        ),
    ] = False,
) -> None:
    """Validate a fact base and summarise it: counts, sourcing and source tiers, date range,
    facts as of.

    Exit code 3 and every problem, one a line, if it is invalid.
    Examples: usrufacts check · usrufacts check ./my-facts · usrufacts check --strict-sources
    """
    from ..checking import check_directories

    ctx = Context(fmt, as_json, facts)
    dirs = [directory] if directory else ctx.directories
    summary, rows = check_directories(dirs, strict_sources)
    render.table("Fact base", views.CHECK_COLUMNS, rows, ctx.out, summary)
