"""Many lookups in one process: ids read from stdin, one per line (``show -``, ``sources -``).

A script that looks up 500 ids should start one process, not 500. Each line is looked up on
its own; a line that fails is reported on stderr by its number and the others still print;
the command exits 1 at the end if any line failed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import IO, Any, TypeVar

from .errors import NotFoundError, UsrufactsError

STDIN = "-"
T = TypeVar("T")


def stdin_lines(stream: IO[str] | None = None) -> list[tuple[int, str]]:
    """The non-blank lines of ``stream`` (stdin by default), stripped, with their 1-based
    line numbers. Lines starting with ``#`` are comments and skipped."""
    source = sys.stdin if stream is None else stream
    out = []
    for number, line in enumerate(source, 1):
        text = line.strip()
        if text and not text.startswith("#"):
            out.append((number, text))
    return out


def each(
    lines: Iterable[tuple[int, str]],
    look_up: Callable[[str], T],
    errors: IO[str] | None = None,
) -> tuple[list[T], int]:
    """``look_up`` applied to every line; failures written to ``errors`` (stderr) as
    ``usrufacts: error: line N: MESSAGE``. Returns the results in line order and the
    number of lines that failed."""
    stream = sys.stderr if errors is None else errors
    results: list[T] = []
    failed = 0
    for number, text in lines:
        try:
            results.append(look_up(text))
        except UsrufactsError as error:
            failed += 1
            stream.write(f"usrufacts: error: line {number}: {error}\n")
    return results, failed


def finish(failed: int, total: int) -> None:
    """Raise NotFoundError (exit 1) summarising the failed lines, if any failed."""
    if failed:
        raise NotFoundError(f"{failed} of {total} lines not found (see above)")


def run(
    look_up: Callable[[str], Any],
    write: Callable[[list[Any]], None],
    stream: IO[str] | None = None,
) -> None:
    """The whole batch: read stdin, look each line up, ``write`` what was found (once, so that
    JSON output is one array), then exit 1 if any line failed."""
    lines = stdin_lines(stream)
    if not lines:
        raise NotFoundError("no ids on stdin (give one per line)")
    results, failed = each(lines, look_up)
    if results:
        write(results)
    finish(failed, len(lines))


# Formats written as one document (or one line per result) over the whole batch.
WHOLE = ("json", "jsonl", "yaml")


def write(records: list[dict[str, Any]], out: Any) -> None:
    """Records found by a batch: one JSON array (or a line each for jsonl); in the other
    formats, each record as ``show`` draws it, one after another."""
    from . import render

    if out.format in WHOLE:
        render.table("", [], records, out, items=records)
        return
    for record in records:
        render.record(record, out)
