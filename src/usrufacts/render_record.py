"""The record view: one record's fields as labelled lines, its lists of objects as tables,
its sources as a numbered list.

On a terminal: labels bold, values plain, prose wrapped with a hanging indent, a list of
sentences (outcomes) one bullet a line. To a pipe: one line per field, ``KEY<TAB>VALUE``;
one line per item of a nested list, ``KEY<TAB>cell<TAB>cell…`` (``limits``,
``status_history``); one line per source,
``sources<TAB>id<TAB>tier<TAB>url<TAB>publisher<TAB>title``.
Every line starts with its field's key, so ``grep ^limits`` finds them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .render_text import flat, label, machine

if TYPE_CHECKING:
    from .render import Output, Row


def split(data: Row) -> tuple[Row, dict[str, list[Row]]]:
    """Scalar-ish fields for the labelled lines; lists of objects become tables of their own."""
    fields: Row = {}
    nested: dict[str, list[Row]] = {}
    for key, value in data.items():
        if key in {"sources", "type"} or value in (None, [], {}, ""):
            continue
        if isinstance(value, list) and all(isinstance(v, dict) and "name" not in v for v in value):
            nested[key] = value
        else:
            fields[key] = value
    head: Row = {k: data[k] for k in ("id", "type") if k in data}
    return {**head, **fields}, nested


def title_of(full: Row) -> str:
    return str(full.get("name") or full.get("title") or full.get("label") or full.get("id", ""))


def record(full: Row, out: Output, plain: bool) -> None:
    from . import views

    fields, nested = split(full)
    cited = [s for s in full.get("sources") or [] if isinstance(s, dict)]
    if plain:
        _plain(full, fields, nested, cited, out)
        return
    from rich.text import Text

    from .render_terminal import console, emit, grid, labelled, sources_list
    from .render_text import safe

    con = console(out)
    width = con.width
    pairs = [(label(k), _words(views.field_words(k, v, full))) for k, v in fields.items()]
    parts: list[Any] = [Text(safe(title_of(full)), style="bold")]
    if pairs:
        parts.append(labelled(pairs, width))
    for key, items in nested.items():
        parts += grid(label(key), views.nested_columns(key, items), items, width)
    parts += sources_list(cited, width)
    emit(con, parts, out)


def _words(value: str | list[str]) -> str | list[str]:
    from .render_text import safe

    return [safe(v) for v in value] if isinstance(value, list) else safe(value)


def _plain(
    full: Row, fields: Row, nested: dict[str, list[Row]], cited: list[Row], out: Output
) -> None:
    from . import views

    lines = []
    for key, value in fields.items():
        words = views.field_words(key, value, full)
        text = "; ".join(words) if isinstance(words, list) else words
        lines.append(f"{key}\t{flat(text)}")
    for key, items in nested.items():
        columns = views.nested_columns(key, items)
        for item in items:
            lines.append("\t".join([key, *(flat(machine(c.cell(item))) for c in columns)]))
    for source in cited:
        cells = (source.get(k) for k in ("id", "tier", "url", "publisher", "title"))
        lines.append("\t".join(["sources", *(flat(machine(v)) for v in cells)]))
    if lines:
        out.stream.write("\n".join(lines) + "\n")
