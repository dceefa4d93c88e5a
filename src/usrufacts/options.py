"""Options shared by every command, declared once, and what every command needs to run.

Commands import these `Annotated` aliases so that `--format`, `--json`, `--facts`, `--as-of`
and `--sources` read and behave the same everywhere.
"""

import sqlite3
from collections.abc import Sequence
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated

import typer

from . import completing, render
from .dates import DateError, PartialDate
from .errors import UsageError
from .render import Output

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help=f"Output format: {', '.join(render.FORMATS)}.",
        show_default=False,
        autocompletion=completing.formats,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
FactsOption = Annotated[
    Path | None,
    typer.Option(
        "--facts",
        envvar="USRUFACTS_FACTS",
        exists=True,
        file_okay=False,
        help="Overlay directory whose records add to and override the bundled ones by id.",
        show_default=False,
    ),
]
SourcesOption = Annotated[bool, typer.Option("--sources", help="Add the sources to table output.")]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="The date to judge status at (YYYY, YYYY-MM or YYYY-MM-DD); today by default.",
        show_default=False,
    ),
]
YearsArgument = Annotated[
    list[str] | None, typer.Argument(help="Years to show; all by default.", show_default=False)
]


class Context:
    """What every command needs: the index and how to write."""

    def __init__(
        self, fmt: str | None, as_json: bool, facts: Path | None, sources: bool = False
    ) -> None:
        chosen = "json" if as_json else (fmt or "table").lower()
        if chosen not in render.FORMATS:
            raise UsageError(f"unknown format {fmt!r}; choose from {', '.join(render.FORMATS)}")
        self.out = Output(format=chosen, explicit=fmt is not None, sources=sources)
        self.directories = facts_directories(facts)

    @cached_property
    def db(self) -> sqlite3.Connection:
        from .index import open_index

        return open_index(self.directories)


def facts_directories(facts: Path | None) -> list[Path]:
    from .index import bundled_facts

    return [bundled_facts()] if facts is None else [bundled_facts(), facts]


def parse_date(text: str, what: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except DateError as error:
        raise UsageError(f"{what}: {error}") from None


def as_of_date(text: str | None) -> PartialDate:
    if text is None:
        return PartialDate.parse(date.today().isoformat())
    return parse_date(text, "--as-of")


def years_of(values: Sequence[str] | None) -> list[int]:
    return [parse_date(v, "YEAR").year for v in values or []]


def note(text: str) -> None:
    """A line for the reader beside the output, on stderr: a count, a cut list, a gap.
    Never mixed into stdout, which a script may be parsing."""
    import sys

    sys.stderr.write(text + "\n")


def count_line(shown: int, what: str, out: Output) -> None:
    """ "37 meetings" on stderr after a listing drawn on a terminal (a pipe gets the rows only)."""
    if out.stream.isatty() and out.format == "table":
        note(f"{shown} {what}")
