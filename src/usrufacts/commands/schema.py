"""usrufacts schema: JSON Schemas of the fact files."""

import sys
from pathlib import Path
from typing import Annotated

import typer


def run(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write one NAME.schema.json per fact file into this directory.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """JSON Schemas of the fact files, generated from the model, for editors.

    Examples: usrufacts schema > schemas.json · usrufacts schema --output facts/schema
    """
    from ..schemas import write_schemas

    write_schemas(output, sys.stdout)
