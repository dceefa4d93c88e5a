"""Renderers shared by every command: one per shape of result (record, table).

Each format writes to stdout. Rich is imported only when a table is drawn. Text from
the fact base is never interpreted as markup, and control characters are shown escaped.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any

from .text import BIDI, safe

if TYPE_CHECKING:
    from rich.console import Console

FORMATS = ("table", "json", "jsonl", "csv", "yaml", "md")
Row = dict[str, Any]


class Column:
    """A column of a table: its machine key, its header, and how to get a cell from a row."""

    __slots__ = ("get", "key", "label")

    def __init__(self, key: str, label: str, get: Callable[[Row], Any] | None = None) -> None:
        self.key, self.label, self.get = key, label, get

    def cell(self, row: Row) -> Any:
        return self.get(row) if self.get else row.get(self.key)


class Output:
    """How to write: the format, whether it was asked for, and where to."""

    __slots__ = ("explicit", "format", "sources", "stream")

    def __init__(
        self,
        format: str = "table",
        explicit: bool = False,
        sources: bool = False,
        stream: IO[str] | None = None,
    ) -> None:
        self.format, self.explicit, self.sources = format, explicit, sources
        self.stream = stream or sys.stdout

    @property
    def styled(self) -> bool:
        """Colour only on a terminal that has not asked for none."""
        return self.stream.isatty() and "NO_COLOR" not in os.environ

    @property
    def boxed(self) -> bool:
        return self.styled or self.explicit


# --- text helpers --------------------------------------------------------------------------------


def show(value: Any) -> str:
    """A value as a reader wants it in a table cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:,}" if isinstance(value, int) or value != int(value) else f"{int(value):,}"
    if isinstance(value, list):
        if all(isinstance(v, int | float) for v in value) and value:
            return " / ".join(show(v) for v in value) + " (disputed)"
        return ", ".join(show(v) for v in value)
    if isinstance(value, dict):
        if "name" in value and "id" in value:
            return str(value["name"])
        if "value" in value and "unit" in value:
            return f"{show(value['value'])} {value['unit']}"
        if "text" in value:
            return str(value["text"])
        if "signatories" in value:
            where = f", {value['place']}" if value.get("place") else ""
            names = show(value["signatories"])
            return f"{value['date']}{where}" + (f"; by {names}" if names else "")
        if "how" in value:
            by = f" by {value['by'].upper()}" if value.get("by") else ""
            note = f": {value['note']}" if value.get("note") else ""
            return f"{value['date']}, {value['how'].replace('-', ' ')}{by}{note}"
        return "; ".join(f"{k}: {show(v)}" for k, v in value.items() if v not in (None, [], ""))
    return str(value)


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


# --- machine formats -----------------------------------------------------------------------------


def _json(data: Any, out: Output, indent: int | None = 2) -> str:
    ascii_only = (getattr(out.stream, "encoding", "utf-8") or "").lower().replace("-", "") != "utf8"
    if indent and isinstance(data, list) and not out.stream.isatty():
        # A listing to a pipe: one record a line. Still one JSON document, and written by
        # the C encoder, which is several times faster than indenting the whole array.
        compact = json.JSONEncoder(ensure_ascii=ascii_only, separators=(",", ":")).encode
        return "[\n" + ",\n".join(map(compact, data)) + "\n]" if data else "[]"
    separators = None if indent else (",", ":")
    return json.dumps(data, ensure_ascii=ascii_only, indent=indent, separators=separators)


def _yaml(data: Any) -> str:
    """YAML that reads back as ``data``: control characters are YAML escapes (PyYAML's
    own), and so are bidi overrides, which PyYAML would write raw."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def write_double_quoted(self, text: str, split: bool = True) -> None:
            if BIDI.isdisjoint(text):
                return super().write_double_quoted(text, split)
            # Escaping every non-ASCII character is the only switch PyYAML has.
            self.allow_unicode, keep = False, self.allow_unicode
            try:
                super().write_double_quoted(text, split)
            finally:
                self.allow_unicode = keep

    def string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = None if BIDI.isdisjoint(value) else '"'
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, string)
    return str(yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100))


def _csv(columns: Sequence[Column], rows: Sequence[Row], out: Output) -> None:
    import csv

    writer = csv.writer(out.stream, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    for row in rows:
        writer.writerow([_csv_cell(c.cell(row)) for c in columns])


def _csv_cell(value: Any) -> Any:
    """Scalars as they are; a disputed cell (a list of numbers) or an object as JSON, so that
    a script can still parse it; a list of names joined for reading."""
    if isinstance(value, dict):
        if "name" in value and "id" in value:
            return safe(str(value["name"]))
        if "value" in value and "unit" in value:
            return safe(f"{value['value']} {value['unit']}")
        return json.dumps(value)
    if isinstance(value, list):
        if value and all(isinstance(v, int | float) for v in value):
            return json.dumps(value)
        return safe(show(value))
    if isinstance(value, str):
        return safe(value)
    return "" if value is None else value


def _markdown(title: str, columns: Sequence[Column], rows: Sequence[Row], out: Output) -> None:
    def cell(value: Any) -> str:
        return safe(show(value)).replace("|", "\\|").replace("\n", " ")

    if title:
        out.stream.write(f"## {cell(title)}\n\n")
    out.stream.write("| " + " | ".join(c.label for c in columns) + " |\n")
    out.stream.write("|" + "---|" * len(columns) + "\n")
    for row in rows:
        out.stream.write("| " + " | ".join(cell(c.cell(row)) for c in columns) + " |\n")


# --- Rich ----------------------------------------------------------------------------------------


def _console(out: Output) -> Console:
    from rich.console import Console

    return Console(
        file=out.stream,
        highlight=False,
        markup=False,
        emoji=False,
        color_system="auto" if out.styled else None,
        force_terminal=out.styled or None,
        soft_wrap=False,
        width=_width(out),
    )


def _width(out: Output) -> int | None:
    """A terminal's own width; to a pipe, wide enough not to fold lines a script will grep."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return None if out.stream.isatty() else 200


_WIDE = frozenset({"title", "name", "label"})


def _rich_table(title: str, columns: Sequence[Column], rows: Sequence[Row], out: Output) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=Text(safe(title)) if title else None,
        box=box.ROUNDED if out.boxed else None,
        header_style="bold" if out.styled else "",
        title_style="bold" if out.styled else "",
        show_edge=out.boxed,
        pad_edge=out.boxed,
    )
    for column in columns:
        table.add_column(
            column.label,
            overflow="fold",
            min_width=min(24, (_width(out) or 80) // 5) if column.key in _WIDE else None,
        )
    for row in rows:
        table.add_row(*(Text(safe(show(column.cell(row)))) for column in columns))
    return table


def _sources_list(rows: Sequence[Row]) -> list[Row]:
    """Every row's sources once, best tier first (each record's are already in that order)."""
    from .tiers import ordered

    seen: dict[str, Row] = {}
    for row in rows:
        for source in row.get("sources", []):
            seen.setdefault(source["id"], source)
    return ordered(list(seen.values()))


SOURCE_COLUMNS = [
    Column("id", "Source"),
    Column("tier", "Tier"),
    Column("publisher", "Publisher"),
    Column("title", "Title"),
    Column("url", "URL"),
    Column("accessed", "Read"),
]


# --- the two shapes --------------------------------------------------------------------------


def table(
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Row],
    out: Output,
    items: Any = None,
) -> None:
    """A table of rows. JSON, JSON Lines and YAML carry ``items`` (the rows by default) whole:
    a list of records, or one object where the result is a single document."""
    data = list(rows) if items is None else items
    if out.format == "json":
        out.stream.write(_json(data, out) + "\n")
    elif out.format == "jsonl":
        for item in data if isinstance(data, list) else [data]:
            out.stream.write(_json(item, out, indent=None) + "\n")
    elif out.format == "yaml":
        out.stream.write(_yaml(data))
    elif out.format == "csv":
        _csv(columns, rows, out)
    elif out.format == "md":
        _markdown(title, columns, rows, out)
        if out.sources:
            out.stream.write("\n")
            _markdown("Sources", SOURCE_COLUMNS, _sources_list(rows), out)
    else:
        cited = _sources_text(_sources_list(rows), out) if out.sources else []
        _console(out).print(_rich_table(title, columns, rows, out), *cited, sep="\n")


def record(full: Row, out: Output) -> None:
    """One record: every field, its nested tables, and its sources."""
    if out.format == "json":
        out.stream.write(_json(full, out) + "\n")
        return
    if out.format == "jsonl":
        out.stream.write(_json(full, out, indent=None) + "\n")
        return
    if out.format == "yaml":
        out.stream.write(_yaml(full))
        return
    fields, nested = _split(full)
    if out.format == "csv":
        _csv([Column(k, k) for k in fields], [fields], out)
        return
    title = str(full.get("name") or full.get("title") or full.get("label") or full["id"])
    pairs = [{"field": _label(k), "value": v} for k, v in fields.items()]
    pair_columns = [Column("field", "Field"), Column("value", "Value")]
    tables = [(title, pair_columns, pairs)]
    for key, items in nested.items():
        keys = list(dict.fromkeys(k for item in items for k in item if k != "sources"))
        columns = [Column(k, _label(k)) for k in keys]
        if any("sources" in item for item in items):
            columns.append(Column("sources", "Sources", lambda r: [s["id"] for s in r["sources"]]))
        tables.append((_label(key), columns, items))
    cited = full.get("sources", [])
    if out.format == "md":
        tables.append(("Sources", SOURCE_COLUMNS, cited))
        for index, (name, columns, rows) in enumerate(tables):
            if index:
                out.stream.write("\n")
            _markdown(name, columns, rows, out)
        return
    console = _console(out)
    heading = _fields_text(title, pairs, out, console.width)
    drawn = [_rich_table(name, columns, rows, out) for name, columns, rows in tables[1:] if rows]
    console.print(heading, *drawn, *_sources_text(cited, out), sep="\n")


def _wrap(value: str, width: int) -> list[str]:
    """Wrap at spaces, then fold any line still wider than the width in terminal cells
    (an emoji or a CJK character takes two)."""
    import textwrap

    from rich.cells import cell_len, chop_cells

    # Leave room for the extra cells of wide characters, wherever in the value they fall.
    narrower = max(10, width - (cell_len(value) - len(value)))
    lines: list[str] = []
    for line in textwrap.wrap(value, narrower, break_on_hyphens=False) or [""]:
        lines.extend([line] if cell_len(line) <= width else chop_cells(line, width))
    return lines


def _fields_text(title: str, pairs: list[Row], out: Output, width: int) -> Any:
    """A record's fields as a list of labels and values with a hanging indent.

    Laid out as text rather than as a Rich table: it reads the same and draws in a tenth
    of the time, which is most of a table lookup's cost.
    """
    from rich.text import Text

    bold = "bold" if out.styled else ""
    gutter = max(len(pair["field"]) for pair in pairs) + 2
    text = Text(safe(title) + "\n", style=bold)
    for pair in pairs:
        lines = _wrap(safe(show(pair["value"])), max(20, width - gutter))
        text.append(pair["field"].ljust(gutter), style=bold)
        text.append(lines[0] + "".join("\n" + " " * gutter + line for line in lines[1:]) + "\n")
    text.rstrip()
    return text


def _sources_text(cited: Sequence[Row], out: Output) -> list[Any]:
    """Sources as a numbered list: a table would fold the URLs beyond use."""
    from rich.text import Text

    if not cited:
        return []
    lines = [
        f'{number}. {source["tier"]} · {source["publisher"]}, "{source["title"]}" '
        f"{source['url']} [{source['id']}]"
        for number, source in enumerate(cited, 1)
    ]
    if cited[0]["tier"] == "other":  # sources come best first
        lines.append("No primary, specialist, news or reference source is cited for this.")
    text = Text(safe("\n".join(lines)), overflow="fold")
    return [Text("Sources", style="bold" if out.styled else ""), text]


def _split(data: Row) -> tuple[Row, dict[str, list[Row]]]:
    """Scalar-ish fields for the main table; lists of objects become tables of their own."""
    fields: Row = {}
    nested: dict[str, list[Row]] = {}
    for key, value in data.items():
        if key in {"sources", "type"} or value in (None, [], {}, ""):
            continue
        if isinstance(value, list) and all(isinstance(v, dict) and "name" not in v for v in value):
            nested[key] = value
        else:
            fields[key] = value
    return {"id": data["id"], "type": data["type"], **fields}, nested


def record_data(data: Any, out: Output) -> None:
    """A document that is not a record (``export``): JSON or YAML only."""
    out.stream.write(_yaml(data) if out.format == "yaml" else _json(data, out) + "\n")
