"""Machine formats: JSON, JSON Lines, YAML, CSV and Markdown. Never any terminal escapes.

CSV is for spreadsheets: every field the JSON carries, flattened (an object's parts in
columns of their own, ``signed.date``; a list joined with ``; ``, a linked record in it — a
source, a participant — by its id), with a header and a stable column order (the order
the fields first appear). Control characters are escaped as in tables, and a text cell
starting with ``=``, ``+``, ``-`` or ``@`` gets a leading ``'`` so that a spreadsheet shows
it as text rather than running it as a formula. ``--excel`` adds the UTF-8 byte-order
mark Excel needs to read ``–`` and ``ё``. Markdown tables come from tabulate.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .render_text import flat, label, machine, safe, show
from .text import BIDI

if TYPE_CHECKING:
    from .render import Column, Output, Row


def listing(
    layout: str,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Row],
    out: Output,
    items: Any,
    notes: Sequence[str] = (),
    cited: Sequence[Row] = (),
) -> None:
    data = list(rows) if items is None else items
    if layout == "csv":
        csv_rows(data if isinstance(data, list) else list(rows), out)
    elif layout == "md":
        markdown(title, columns, rows, out)
        if notes:
            out.stream.write("\n" + "".join(f"{n}. {flat(t)}\n" for n, t in enumerate(notes, 1)))
        if cited:
            from .render import SOURCE_COLUMNS

            out.stream.write("\n")
            markdown("Sources", SOURCE_COLUMNS, cited, out)
    else:
        _data(layout, data, out)


def record(layout: str, full: Row, out: Output) -> None:
    if layout == "csv":
        csv_rows([{k: v for k, v in full.items() if k != "origin"}], out)
    elif layout == "md":
        _record_markdown(full, out)
    else:
        _data(layout, full, out)


def document(data: Any, out: Output) -> None:
    """A whole document (``export``): YAML when asked for, else JSON."""
    out.stream.write(to_yaml(data) if out.format == "yaml" else to_json(data, out) + "\n")


def _data(layout: str, data: Any, out: Output) -> None:
    if layout == "json":
        out.stream.write(to_json(data, out) + "\n")
    elif layout == "jsonl":
        for item in data if isinstance(data, list) else [data]:
            out.stream.write(to_json(item, out, indent=None) + "\n")
    else:
        out.stream.write(to_yaml(data))


def to_json(data: Any, out: Output, indent: int | None = 2) -> str:
    # A stream that does not say its encoding gets escapes, which any encoding holds.
    encoding = getattr(out.stream, "encoding", None) or "ascii"  # pragma: no mutate (all say)
    ascii_only = encoding.lower().replace("-", "") != "utf8"
    if indent and isinstance(data, list) and not out.stream.isatty():
        # A listing to a pipe: one record a line. Still one JSON document, and written by
        # the C encoder, which is several times faster than indenting the whole array.
        compact = json.JSONEncoder(ensure_ascii=ascii_only, separators=(",", ":")).encode
        return "[\n" + ",\n".join(map(compact, data)) + "\n]" if data else "[]"
    separators = None if indent else (",", ":")
    return json.dumps(data, ensure_ascii=ascii_only, indent=indent, separators=separators)


def to_yaml(data: Any) -> str:
    """YAML that reads back as ``data``: control characters are YAML escapes (PyYAML's
    own), and so are bidi overrides, which PyYAML would write raw."""
    import yaml

    class Dumper(yaml.SafeDumper):
        # The default only matches the base class's signature: PyYAML always passes split.
        def write_double_quoted(
            self,
            text: str,
            split: bool = True,  # pragma: no mutate (PyYAML always passes split)
        ) -> None:
            # split is False only for a mapping key, and keys here are field names, which
            # never fold: leaving split out (True) is the same.
            if BIDI.isdisjoint(text):
                return super().write_double_quoted(text, split)  # pragma: no mutate (see above)
            # Escaping every non-ASCII character is the only switch PyYAML has.
            self.allow_unicode, keep = False, self.allow_unicode
            try:
                super().write_double_quoted(text, split)  # pragma: no mutate (as above)
            finally:
                self.allow_unicode = keep

    def string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        # PyYAML writes any style it does not know ('XX"XX') double-quoted too.
        style = None if BIDI.isdisjoint(value) else '"'  # pragma: no mutate (any style: '"')
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, string)
    return str(
        yaml.dump(
            data,
            Dumper=Dumper,
            sort_keys=False,  # pragma: no mutate (None is as false as False)
            allow_unicode=True,
            width=100,
        )
    )


# --- CSV -----------------------------------------------------------------------------------------


def csv_rows(records: Sequence[Row], out: Output) -> None:
    """Records (every listing's rows are objects) as CSV: a column per field, an object's
    parts flattened (see the module)."""
    import csv

    parts: dict[str, list[str] | None] = {}  # field → its parts if it holds an object
    for item in records:
        for key, value in item.items():
            known = parts.setdefault(key)
            if isinstance(value, dict):
                known = known or []
                known.extend(k for k in value if k not in known)
                parts[key] = known
    header = [
        f"{key}.{part}" if subs else key for key, subs in parts.items() for part in subs or [key]
    ]
    if out.excel:
        out.stream.write("\ufeff")
    writer = csv.writer(out.stream, lineterminator="\n")
    writer.writerow(header)
    for item in records:
        line: list[Any] = []
        for key, subs in parts.items():
            value = item.get(key)
            if subs is None:
                line.append(csv_cell(value))
            else:
                line.extend(
                    csv_cell(value.get(p) if isinstance(value, dict) else None) for p in subs
                )
        writer.writerow(line)


_FORMULA = ("=", "+", "-", "@")


def csv_cell(value: Any) -> Any:
    """A cell: numbers as numbers, text escaped and never a formula."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = flat(machine(value))
    return "'" + text if text.startswith(_FORMULA) else text


# --- Markdown ------------------------------------------------------------------------------------


def markdown(title: str, columns: Sequence[Column], rows: Sequence[Row], out: Output) -> None:
    """A GitHub pipe table (tabulate), its title as a heading; pipes in cells escaped."""
    from tabulate import tabulate

    def cell(value: Any) -> str:
        return flat(show(value)).replace("|", "\\|").replace("\\n", " ")

    if title:
        out.stream.write(f"## {cell(title)}\n\n")
    body = [[cell(c.cell(row)) for c in columns] for row in rows]
    aligns = ["right" if c.kind == "number" else "left" for c in columns]
    text = tabulate(
        body,
        headers=[cell(c.label) for c in columns],
        tablefmt="github",
        colalign=aligns,
        disable_numparse=True,
    )
    out.stream.write(text + "\n")


def sources_of(rows: Sequence[Row]) -> list[Row]:
    """Every source the rows cite, once, best tier first (usrufacts.tiers)."""
    from .tiers import ordered

    seen: dict[str, Row] = {}
    for row in rows:
        for source in row.get("sources") or []:
            if isinstance(source, dict):
                seen.setdefault(source["id"], source)
    return ordered(list(seen.values()))


def _record_markdown(full: Row, out: Output) -> None:
    from .render import SOURCE_COLUMNS, Column
    from .render_record import split, title_of

    title = title_of(full)
    fields, nested = split(full)
    pairs = [{"field": label(k), "value": v} for k, v in fields.items()]
    sections: list[tuple[str, list[Column], list[Row]]] = [
        (title, [Column("field", "Field"), Column("value", "Value")], pairs)
    ]
    for key, items in nested.items():
        keys = list(dict.fromkeys(k for item in items for k in item if k != "sources"))
        sections.append((label(key), [Column(k, label(k)) for k in keys], items))
    if full.get("sources"):
        sections.append(("Sources", SOURCE_COLUMNS, full["sources"]))
    for index, (name, columns, rows) in enumerate(sections):
        if index:
            out.stream.write("\n")
        markdown(safe(name), columns, rows, out)
