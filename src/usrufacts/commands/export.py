"""usrufacts export: the whole fact base in a machine format."""

from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from ..exporting import EXPORT_FORMATS
from ..options import Context, FactsOption, JsonOption


def _formats(incomplete: str) -> list[str]:
    return [f for f in EXPORT_FORMATS if f.startswith(incomplete.lower())]


# Not the shared --format: export writes whole files, never a table or Markdown.
ExportFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help=f"Output format: {', '.join(EXPORT_FORMATS[:-1])} or {EXPORT_FORMATS[-1]} "
        "(json by default; sqlite needs a FILE).",
        show_default=False,
        autocompletion=_formats,
    ),
]


def run(
    file: Annotated[
        Path | None,
        typer.Argument(metavar="[FILE]", help="Same as --output FILE.", show_default=False),
    ] = None,
    fmt: ExportFormatOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE (atomically) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing --output file.")
    ] = False,
    metadata: Annotated[
        Path | None,
        typer.Option(
            "--metadata",
            help="With --format sqlite: also write Datasette's metadata.json to this file.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """The whole fact base as json, jsonl, csv, yaml or sqlite.

    Examples: usrufacts export --format json > facts.json ·
    usrufacts export --format sqlite facts.db --metadata metadata.json &&
    datasette facts.db --metadata metadata.json
    """
    from ..exporting import export_all

    if file is not None and output is not None and file != output:
        raise UsageError("give the output file once: FILE or --output FILE")
    chosen = "json" if as_json else (fmt or "json").lower()
    ctx = Context(None if chosen == "sqlite" else chosen, False, facts)
    export_all(ctx.db, chosen, file or output, force, ctx.out, metadata)
