"""Text for programs (gh's convention): what a listing writes to a pipe, and ``--format tsv``.

One record a line, fields separated by tabs, no title, no padding, no box, nothing wrapped
or cut; an empty cell stays empty between its tabs. Numbers are written without thousands
separators, lists joined with ``; ``, linked records by id; tabs, newlines and control
characters inside a cell are escaped (``\\t``, ``\\n``, ``\\x1b``). A header line of column
keys comes first only where the caller asks (comparisons) and ``--no-headers`` is not given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .render_text import flat, machine

if TYPE_CHECKING:
    from .render import Column, Output, Row


def cell(value: Any) -> str:
    return flat(machine(value))


def listing(
    columns: Sequence[Column],
    rows: Sequence[Row],
    out: Output,
    header: bool,
    cited: Sequence[Row] = (),
) -> None:
    lines = []
    if header and out.headers:
        lines.append("\t".join(cell(c.key) for c in columns))
    for row in rows:
        lines.append("\t".join(cell(c.cell(row)) for c in columns))
    if lines:
        out.stream.write("\n".join(lines) + "\n")
    if cited:  # asked for: after a blank line, so the records end where it is
        out.stream.write("\n")
        sources(cited, out)


def sources(cited: Sequence[Row], out: Output) -> None:
    """Cited sources, one a line, each URL whole: id, tier, URL, publisher, title."""
    keys = ("id", "tier", "url", "publisher", "title")
    lines = ["\t".join(cell(s.get(k)) for k in keys) for s in cited]
    if lines:
        out.stream.write("\n".join(lines) + "\n")
