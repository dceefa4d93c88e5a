"""Options shared by every command, declared once, and what every command needs to run.

Commands import these `Annotated` aliases so that `--format`, `--json`, `--facts`, `--as-of`
and `--sources` read and behave the same everywhere.
"""

import functools
import inspect
import sqlite3
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, TypeVar

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
FromArgument = Annotated[
    str | None,
    typer.Argument(metavar="[FROM]", help="Year, year-month or date.", show_default=False),
]
ToArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="[TO]", help="Year, year-month or date (inclusive).", show_default=False
    ),
]
YearsArgument = Annotated[
    list[str] | None, typer.Argument(help="Years to show; all by default.", show_default=False)
]


# --- display options, declared once -----------------------------------------------------------

_DISPLAY_OPTIONS: dict[str, tuple[Any, Any]] = {
    "fields": (
        Annotated[
            str | None,
            typer.Option(
                "--fields",
                help="Only these fields, in this order (comma-separated), in every format.",
                show_default=False,
            ),
        ],
        None,
    ),
    "no_headers": (
        Annotated[bool, typer.Option("--no-headers", help="No header line in tab-separated text.")],
        False,
    ),
    "color": (
        Annotated[
            str,
            typer.Option(
                "--color",
                help="Colour in terminal tables: auto (NO_COLOR, FORCE_COLOR and the terminal "
                "decide), always or never. Machine formats never carry colour.",
            ),
        ],
        "auto",
    ),
    "no_pager": (
        Annotated[
            bool,
            typer.Option(
                "--no-pager",
                help="Never page long output (by default $USRUFACTS_PAGER, $PAGER or less -FRX).",
            ),
        ],
        False,
    ),
    "excel": (
        Annotated[
            bool, typer.Option("--excel", help="CSV with the UTF-8 byte-order mark Excel needs.")
        ],
        False,
    ),
}
_DISPLAY: ContextVar[dict[str, Any] | None] = ContextVar("display", default=None)
F = TypeVar("F", bound=Callable[..., Any])


def output_options(command: F) -> F:
    """Add the display options (--fields, --no-headers, --color, --no-pager, --excel) to a
    command; ``Context`` picks their values up. Declared once, like sqlite-utils'
    ``output_options`` decorator."""
    signature = inspect.signature(command)
    extra = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
        for name, (kind, default) in _DISPLAY_OPTIONS.items()
    ]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        token = _DISPLAY.set(
            {name: kwargs.pop(name) for name in _DISPLAY_OPTIONS if name in kwargs}
        )
        try:
            return command(*args, **kwargs)
        finally:
            _DISPLAY.reset(token)

    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*signature.parameters.values(), *extra]
    )
    wrapper.__annotations__ = {
        **command.__annotations__,
        **{name: kind for name, (kind, _) in _DISPLAY_OPTIONS.items()},
    }
    return wrapper  # type: ignore[return-value]


def parse_fields(text: str | None) -> list[str] | None:
    """'id, date,title' → ['id', 'date', 'title']; UsageError for an empty list."""
    if text is None:
        return None
    fields = [f.strip() for f in text.split(",") if f.strip()]
    if not fields:
        raise UsageError("--fields needs at least one field name, e.g. --fields id,date")
    return fields


class Context:
    """What every command needs: the index and how to write."""

    def __init__(
        self, fmt: str | None, as_json: bool, facts: Path | None, sources: bool = False
    ) -> None:
        display = _DISPLAY.get() or {}
        excel = bool(display.get("excel", False))
        # --excel is a kind of CSV: alone it means CSV; beside another format it is a mistake.
        chosen = "json" if as_json else (fmt or ("csv" if excel else "table")).lower()
        if chosen not in render.FORMATS:
            raise UsageError(f"unknown format {fmt!r}; choose from {', '.join(render.FORMATS)}")
        if excel and chosen != "csv":
            raise UsageError(f"--excel writes CSV; it does not go with --format {chosen}")
        color = str(display.get("color", "auto")).lower()
        if color not in render.COLORS:
            raise UsageError(f"unknown --color {color!r}; choose from auto, always, never")
        self.out = Output(
            format=chosen,
            explicit=fmt is not None,
            sources=sources,
            fields=parse_fields(display.get("fields")),
            headers=not display.get("no_headers", False),
            color=color,
            pager=not display.get("no_pager", False),
            excel=excel,
        )
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
