"""Renderers shared by every command: one per shape of result, each format in its own module.

Public API (all a command needs):

- ``table(title, columns, rows, out, items=None, header=False)`` — a listing: a list of
  records or rows. ``columns`` (``Column``) say what a terminal table and piped text show,
  and how important each column is; JSON, JSON Lines and YAML carry ``items`` (the rows by
  default) whole; CSV carries every field of the rows, flattened. ``header`` says whether
  piped text starts with a header line (yes for comparisons, whose columns a reader cannot
  guess; no for listings of records, gh's convention).
- ``record(full, out)`` — one record: its fields, its nested tables, its sources.
- ``record_data(data, out)`` — a document that is not a record (``export``): JSON or YAML.
- ``Output`` — how to write: format, ``--fields``, ``--no-headers``, ``--color``,
  ``--no-pager``, ``--excel``, ``--sources``; built by ``options.Context``.

Where each format lives: ``render_terminal`` (Rich tables, widths, stacked blocks, pager,
colour), ``render_plain`` (tab-separated text for programs), ``render_machine`` (JSON,
JSON Lines, YAML, CSV, Markdown), ``render_record`` (the record view), ``render_text``
(values as words; no Rich). Rich is imported only when a terminal table is drawn: piped
text and the machine formats never load it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any

from .errors import UsageError
from .render_text import label, safe, show

__all__ = [
    "FORMATS",
    "SOURCE_COLUMNS",
    "Column",
    "Output",
    "Row",
    "record",
    "record_data",
    "safe",
    "show",
    "table",
]

FORMATS = ("table", "tsv", "json", "jsonl", "csv", "yaml", "md")
COLORS = ("auto", "always", "never")
Row = dict[str, Any]


class Column:
    """A column: its machine key, its heading, how to get its cell, and how to lay it out.

    ``kind`` is ``"text"`` (prose: wraps), ``"atom"`` (an id, date, URL or code: never
    broken, never cut) or ``"number"`` (an atom, right-aligned). ``priority`` 0 is never
    dropped; when a terminal is too narrow, the column with the highest priority number goes
    first. ``short`` is a shorter heading used before any column is dropped.
    """

    __slots__ = ("get", "key", "kind", "label", "priority", "short")

    def __init__(
        self,
        key: str,
        label: str,
        get: Callable[[Row], Any] | None = None,
        *,
        kind: str = "text",
        priority: int = 1,
        short: str | None = None,
    ) -> None:
        self.key, self.label, self.get = key, label, get
        self.kind, self.priority, self.short = kind, priority, short

    def cell(self, row: Row) -> Any:
        return self.get(row) if self.get else row.get(self.key)


class Output:
    """How to write: the format, whether it was asked for, the display options, and where to."""

    __slots__ = (
        "color",
        "excel",
        "explicit",
        "fields",
        "format",
        "headers",
        "pager",
        "sources",
        "stream",
    )

    def __init__(
        self,
        format: str = "table",
        explicit: bool = False,
        sources: bool = False,
        stream: IO[str] | None = None,
        *,
        fields: Sequence[str] | None = None,
        headers: bool = True,
        color: str = "auto",
        pager: bool = True,
        excel: bool = False,
    ) -> None:
        self.format, self.explicit, self.sources = format, explicit, sources
        self.stream = stream or sys.stdout
        self.fields = list(fields) if fields else None
        self.headers, self.color, self.pager, self.excel = headers, color, pager, excel

    @property
    def terminal(self) -> bool:
        """Is stdout a terminal, by Rich's rules (TTY_COMPATIBLE, then FORCE_COLOR, then the
        stream itself), or was colour asked for? Decided without importing Rich."""
        if self.color == "always":
            return True
        compatible = os.environ.get("TTY_COMPATIBLE", "")
        if compatible in ("0", "1"):
            return compatible == "1"
        force = os.environ.get("FORCE_COLOR")
        if force is not None:
            return force != ""
        try:
            return self.stream.isatty()
        except ValueError:
            return False

    @property
    def layout(self) -> str:
        """The format to write: a default table becomes tab-separated text off a terminal."""
        if self.format == "table" and not self.explicit and not self.terminal:
            return "tsv"
        return self.format


SOURCE_COLUMNS = [
    Column("id", "Source", kind="atom", priority=0),
    Column("tier", "Tier", kind="atom", priority=3),
    Column("publisher", "Publisher", priority=2),
    Column("title", "Title", priority=3),
    Column("url", "URL", kind="atom", priority=0),
    Column("accessed", "Read", kind="atom", priority=5),
]


def table(
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Row],
    out: Output,
    items: Any = None,
    header: bool = False,
    notes: Sequence[str] = (),
    cited: Sequence[Row] | None = None,
    csv_columns: bool = False,
) -> None:
    """A listing of ``rows`` in the format ``out`` asks for (see the module's docstring).

    ``notes`` are numbered footnotes shown under a terminal or Markdown table (cells refer to
    them as ``[n]``); ``cited`` are the sources ``--sources`` lists, by default those the
    rows cite. ``csv_columns`` makes CSV follow ``columns`` instead of the JSON's fields,
    for a report whose rows are not records (``verify``).
    """
    if out.fields:
        columns, rows, items = select(out.fields, columns, rows, items)
    if out.sources and cited is None:
        from .render_machine import sources_of

        cited = sources_of(rows)
    cited = list(cited or []) if out.sources else []
    layout = out.layout
    if layout in ("json", "jsonl", "yaml", "csv", "md"):
        from . import render_machine

        data = None if csv_columns and layout == "csv" else items
        if csv_columns and layout == "csv":
            rows = [{c.key: c.cell(row) for c in columns} for row in rows]
        render_machine.listing(layout, title, columns, rows, out, data, notes, cited)
    elif layout == "tsv":
        from . import render_plain

        render_plain.listing(columns, rows, out, header, cited)
    else:
        from . import render_terminal

        render_terminal.listing(title, columns, rows, out, notes, cited)


def record(full: Row, out: Output) -> None:
    """One record: every field, its nested tables, and its sources."""
    if out.fields:
        full = select_record(out.fields, full)
    layout = out.layout
    if layout in ("json", "jsonl", "yaml", "csv", "md"):
        from . import render_machine

        render_machine.record(layout, full, out)
    else:
        from . import render_record

        render_record.record(full, out, plain=layout == "tsv")


def record_data(data: Any, out: Output) -> None:
    """A document that is not a record (``export``): JSON or YAML only."""
    from . import render_machine

    render_machine.document(data, out)


# --- --fields ----------------------------------------------------------------------------------


def _check_fields(fields: Sequence[str], valid: Sequence[str]) -> None:
    unknown = [f for f in fields if f not in valid]
    if unknown:
        raise UsageError(
            f"unknown field {safe(unknown[0])!r} for --fields; choose from {', '.join(valid)}"
        )


def select(
    fields: Sequence[str], columns: Sequence[Column], rows: Sequence[Row], items: Any
) -> tuple[list[Column], list[Row], Any]:
    """Only ``fields``, in that order: the columns shown, and the items machine formats write.

    A field is a column's key or any key of the rows. UsageError names the valid ones.
    """
    by_key = {c.key: c for c in columns}
    records = items if isinstance(items, list) else rows
    valid = list(dict.fromkeys([*by_key, *(k for row in records for k in row)]))
    _check_fields(fields, valid)
    chosen = [by_key.get(f) or Column(f, label(f), kind=_guess_kind(f)) for f in fields]

    def pick(row: Row) -> Row:
        return {c.key: row[c.key] if c.key in row else c.cell(row) for c in chosen}

    picked = [pick(row) for row in records]
    if isinstance(items, dict) and "rows" in items:
        items = {**items, "rows": picked}
    elif items is None or isinstance(items, list):
        items = picked
    return chosen, list(rows), items


def select_record(fields: Sequence[str], full: Row) -> Row:
    """A record with only ``fields``, in that order."""
    _check_fields(fields, list(full))
    return {f: full[f] for f in fields}


_ATOMS = frozenset({"id", "date", "end", "url", "since", "accessed", "key", "in_force", "number"})


def _guess_kind(key: str) -> str:
    return "atom" if key in _ATOMS or key.endswith("_id") else "text"
