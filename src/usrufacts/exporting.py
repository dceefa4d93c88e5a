"""``usrufacts export``: the whole fact base in one file, written atomically."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from . import render
from .atomic import output_file, writing
from .errors import UsageError
from .query import everything

EXPORT_FORMATS = ("json", "jsonl", "csv", "yaml", "sqlite")
CSV_COLUMNS = [
    render.Column("id", "id"),
    render.Column("type", "type"),
    render.Column("date", "date", lambda r: r.get("date") or (r.get("signed") or {}).get("date")),
    render.Column("title", "title", lambda r: r.get("title") or r.get("name") or r.get("label")),
    render.Column("kind", "kind", lambda r: r.get("kind") or r.get("category")),
    render.Column("country", "country"),
    render.Column(
        "value",
        "value",
        lambda r: r.get("value") if not r.get("disputed") else [v["value"] for v in r["values"]],
    ),
    render.Column("unit", "unit"),
    render.Column("summary", "summary"),
    render.Column("url", "url"),
    render.Column("sources", "sources", lambda r: " ".join(s["id"] for s in r.get("sources", []))),
]


def export_all(
    connection: sqlite3.Connection,
    fmt: str,
    output: Path | None,
    force: bool,
    out: render.Output,
    metadata: Path | None = None,
) -> None:
    """Write the whole fact base in ``fmt`` to ``output`` (stdout when None), atomically.

    ``sqlite`` builds the people-friendly database of ``sqlite_export`` and, with
    ``metadata``, its Datasette metadata.json. Raises UsageError for an unknown format, an
    existing file without ``force``, sqlite/--metadata without a file, or --metadata naming
    the database itself (through a link too).
    """
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    if metadata is not None and fmt != "sqlite":
        raise UsageError("--metadata goes with --format sqlite")
    if fmt == "sqlite" and output is None:
        raise UsageError(
            "--format sqlite needs a file: export --format sqlite FILE (or --output FILE)"
        )
    if output is not None and metadata is not None and _same_file(output, metadata):
        raise UsageError(
            f"--metadata {metadata} is the database itself; "
            "give the metadata its own file (metadata.json)"
        )
    for target in (output, metadata):
        if target is not None:
            output_file(target, force)  # refuse a bad target before the work, not after
    if fmt == "sqlite":
        from . import sqlite_export

        assert output is not None
        sqlite_export.write(everything(connection), output, force)
        if metadata is not None:
            sqlite_export.write_metadata(output, metadata, force)
        return
    data = everything(connection)
    if output is None:
        _write(data, fmt, out)
        return
    with (
        writing(output, force) as temporary,
        open(temporary, "w", encoding="utf-8", newline="") as stream,
    ):
        _write(data, fmt, render.Output(format=fmt, stream=stream))


def _same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file: the same path once links are followed, or (both
    existing) the same inode, as a hard link would. Writing the metadata there would replace
    the database just written."""
    import os

    if os.path.realpath(first) == os.path.realpath(second):
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them does not exist yet
        return False


def _write(data: dict[str, list[dict[str, Any]]], fmt: str, out: render.Output) -> None:
    flat = [record for records in data.values() for record in records]
    if fmt in {"json", "yaml"}:
        render.record_data(data, out)
    else:
        render.table("", CSV_COLUMNS, flat, out)
