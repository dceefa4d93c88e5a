"""Terminal output: Rich tables that always fit, stacked blocks, lists of sources, the pager.

Width logic (``plan``): ids, dates, numbers and URLs ("atoms") are never broken or cut; only
prose wraps. When a table does not fit, headings switch to their short forms, then columns
drop, least important first (``Column.priority``); when even the essential columns do not
fit, each record becomes a block of labelled lines (``stacked``). Columns of equal priority
drop together (a US column and its Russian pair). Numbers are right-aligned;
headings and labels are bold, values plain.

Colour follows Rich's own rules (``NO_COLOR``, ``FORCE_COLOR``, ``TTY_COMPATIBLE``, the
stream) with ``--color always`` forcing it and ``--color never`` (or a non-empty
``NO_COLOR``) removing every escape. Output longer than the terminal goes through
``$USRUFACTS_PAGER``, ``$PAGER`` or ``less -FRX`` when stdout is a real terminal, unless
``--no-pager``.
"""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .render_text import safe, show

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from .render import Column, Output, Row

GAP = 2  # spaces between columns
MIN_TEXT = 12  # the narrowest a prose column may be and still read
COMFORTABLE = 24  # prose narrower than this costs a less important column its place
LONG_WORD = 30  # prose words up to this long are never folded either
BOLD = "bold"


def console(out: Output) -> Console:
    """A Rich console on ``out.stream``: markup, emoji and highlighting off, colour by the rules."""
    from rich.console import Console

    never = out.color == "never" or (out.color == "auto" and os.environ.get("NO_COLOR", "") != "")
    return Console(
        file=out.stream,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        force_terminal=True if out.color == "always" else None,
        color_system=None if never else "auto",
        no_color=never,
    )


# --- width logic ---------------------------------------------------------------------------------


class Plan:
    """Which columns a table shows, how wide each is, and which heading each uses."""

    __slots__ = ("headings", "keep", "widths")

    def __init__(self, keep: list[int], widths: list[int], headings: list[str]) -> None:
        self.keep, self.widths, self.headings = keep, widths, headings


def _words(text: str) -> list[str]:
    return text.split() or [""]


def plan(columns: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> Plan | None:
    """Fit ``columns`` (cells given as strings, row by row) in ``width`` terminal cells.

    Returns None when the essential columns (priority 0) cannot fit: stack the records.
    """
    from rich.cells import cell_len

    count = len(columns)
    lengths = [[cell_len(row[i]) for row in cells] for i in range(count)]
    natural = [max([cell_len(c.label), *lengths[i]]) for i, c in enumerate(columns)]
    if sum(natural) + GAP * (count - 1) <= width:
        return Plan(list(range(count)), natural, [c.label for c in columns])

    def need(i: int, heading: str) -> int:
        column = columns[i]
        head = max(cell_len(w) for w in _words(heading))
        widest = max(lengths[i], default=0)
        if column.kind != "text":
            return max(head, widest)
        longest = max((cell_len(w) for row in cells for w in _words(row[i])), default=0)
        return max(head, min(widest, MIN_TEXT), min(longest, LONG_WORD))

    headings = [c.label for c in columns]
    needs = [need(i, headings[i]) for i in range(count)]
    keep = list(range(count))

    def total() -> int:
        return sum(needs[i] for i in keep) + GAP * (len(keep) - 1)

    if total() > width:  # abbreviate before dropping anything
        headings = [c.short or c.label for c in columns]
        needs = [need(i, headings[i]) for i in range(count)]
    # The most important columns present are essential even when none declares priority 0:
    # a table never drops every column (it stacks the records instead).
    essential = min((c.priority for c in columns), default=0)
    while total() > width:  # drop the least important columns, all of that priority at once
        droppable = [columns[i].priority for i in keep if columns[i].priority > essential]
        if not droppable:
            return None
        least = max(droppable)
        keep = [i for i in keep if columns[i].priority != least]

    def spread(keep: list[int]) -> dict[int, int]:
        """Each kept column's need, and the spare room to prose first (up to its natural
        width), then to the headings of atoms."""
        widths = {i: needs[i] for i in keep}
        spare = width - sum(widths.values()) - GAP * (len(keep) - 1)
        for group in ("text", "other"):
            wanting = [
                i for i in keep if (columns[i].kind == "text") == (group == "text")
                and natural[i] > widths[i]
            ]  # fmt: skip
            while spare > 0 and wanting:
                share = max(1, spare // len(wanting))
                for i in list(wanting):
                    extra = min(share, natural[i] - widths[i], spare)
                    widths[i] += extra
                    spare -= extra
                    if widths[i] >= natural[i]:
                        wanting.remove(i)
                    if spare <= 0:
                        break
        return widths

    widths = spread(keep)
    # Prose squeezed to a sliver reads worse than a missing minor column: drop columns less
    # important than the squeezed prose until it has room to read.
    while True:
        squeezed = [
            columns[i].priority for i in keep
            if columns[i].kind == "text" and widths[i] < min(COMFORTABLE, natural[i])
        ]  # fmt: skip
        floor = max(essential, min(squeezed or [99]))
        minor = [columns[i].priority for i in keep if columns[i].priority > floor]
        if not squeezed or not minor:
            break
        least = max(minor)
        keep = [i for i in keep if columns[i].priority != least]
        widths = spread(keep)
    return Plan(keep, [widths[i] for i in keep], [headings[i] for i in keep])


def cells_of(columns: Sequence[Column], rows: Sequence[Row]) -> list[list[str]]:
    return [[safe(show(c.cell(row))).replace("\n", " ") for c in columns] for row in rows]


# --- renderables -----------------------------------------------------------------------------


def grid(
    title: str, columns: Sequence[Column], rows: Sequence[Row], width: int
) -> list[RenderableType]:
    """A table of ``rows`` that fits ``width``, or the rows stacked; with its title."""
    from rich.table import Table
    from rich.text import Text

    cells = cells_of(columns, rows)
    layout = plan(columns, cells, width)
    heading = [Text(safe(title), style=BOLD)] if title else []
    if layout is None:
        return [*heading, stacked(columns, cells, width)]
    table = Table(
        box=None,
        padding=(0, 1),
        pad_edge=False,
        show_edge=False,
        header_style=BOLD,
        collapse_padding=False,
    )
    for i, w in zip(layout.keep, layout.widths, strict=True):
        column = columns[i]
        table.add_column(
            Text(layout.headings[layout.keep.index(i)]),
            width=w,
            justify="right" if column.kind == "number" else "left",
            overflow="fold",
        )
    for row in cells:
        table.add_row(*(_cell(row[i], columns[i].kind) for i in layout.keep))
    return [*heading, table]


def _cell(text: str, kind: str) -> Text:
    from rich.text import Text

    if kind == "text":
        return Text(text)
    return Text(text, no_wrap=True)  # plan() made the column as wide as its widest atom


def wrap(text: str, width: int) -> list[str]:
    """Prose wrapped at spaces to ``width`` terminal cells (an emoji takes two). A word too
    long for a line is folded, except a URL, which is kept whole on a line of its own."""
    from rich.cells import cell_len, chop_cells

    width = max(1, width)
    wide = cell_len(text) - len(text)  # room for double-width characters, wherever they fall
    lines = textwrap.wrap(
        text, max(1, width - wide), break_long_words=False, break_on_hyphens=False
    )
    out: list[str] = []
    for line in lines or [""]:
        if cell_len(line) <= width or "://" in line:
            out.append(line)
        else:
            out.extend(chop_cells(line, width))
    return out


def _indented(indent: str, text: str, width: int) -> str:
    """``text`` after ``indent``, or flush left where the indent would push it past ``width``."""
    return indent + text if len(indent) + len(text) <= width else text


def labelled(pairs: Sequence[tuple[str, str | list[str]]], width: int) -> Text:
    """Label and value lines with a hanging indent; a list value as one bullet a line."""
    from rich.text import Text

    gutter = max((len(name) for name, _ in pairs), default=0) + 2
    if gutter > width // 3:
        gutter = 0  # too narrow for a column of labels: each label on a line of its own
    text = Text()
    for name, value in pairs:
        text.append(name, style=BOLD)
        lines: list[str] = []
        room = width - gutter
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(value, list):
                body = wrap(item, room - 2)
                lines += ["• " + body[0], *("  " + line for line in body[1:])]
            elif item and " " not in item:
                lines.append(item)  # one atom (an id, a date, a path): never folded
            else:
                lines += wrap(item, room)
        if gutter and len(lines[0]) > room:  # one long atom (a URL): on a line of its own
            text.append("\n" + "\n".join(lines) + "\n")
            continue
        if gutter:
            text.append(" " * (gutter - len(name)) + lines[0] + "\n")
            rest = lines[1:]
        else:
            text.append("\n")
            rest = lines
        for line in rest:
            text.append(" " * gutter + line + "\n")
    text.rstrip()
    return text


def stacked(columns: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> Text:
    """Each record as a block of labelled lines, blank lines between: nothing dropped or cut."""
    from rich.text import Text

    blocks = []
    for row in cells:
        pairs: list[tuple[str, str | list[str]]] = [
            (c.short or c.label, row[i]) for i, c in enumerate(columns) if row[i]
        ]
        blocks.append(labelled(pairs, width))
    return Text("\n\n").join(blocks)


def sources_list(cited: Sequence[Row], width: int) -> list[Text]:
    """Sources as a numbered list, each URL whole on a line of its own."""
    from rich.text import Text

    if not cited:
        return []
    text = Text()
    for number, source in enumerate(cited, 1):
        lead = f"{number}. "
        indent = " " * len(lead)
        tier = f"{source['tier']} · " if source.get("tier") else ""
        words = safe(f'{tier}{source["publisher"]}, "{source["title"]}"')
        body = wrap(words, width - len(lead))
        text.append(lead + body[0] + "\n")
        for line in body[1:]:
            text.append(indent + line + "\n")
        url, rid = safe(str(source["url"])), safe(f"[{source['id']}]")
        if len(indent + url + " " + rid) <= width:
            text.append(indent + url + " " + rid + "\n")
        else:
            text.append(_indented(indent, url, width) + "\n")
            text.append(_indented(indent, rid, width) + "\n")
    if cited[0].get("tier") == "other":  # sources come best first
        text.append("No primary, specialist, news or reference source is cited for this.\n")
    text.rstrip()
    return [Text("Sources", style=BOLD), text]


# --- writing -------------------------------------------------------------------------------------


def listing(
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Row],
    out: Output,
    notes: Sequence[str] = (),
    cited: Sequence[Row] = (),
) -> None:
    con = console(out)
    parts = grid(title, columns, rows, con.width)
    if notes:
        parts += notes_list(notes, con.width)
    parts += sources_list(cited, con.width)
    emit(con, parts, out)


def notes_list(notes: Sequence[str], width: int) -> list[Text]:
    """Numbered notes, ``[n]`` as the cells mark them, wrapped with a hanging indent."""
    from rich.text import Text

    text = Text()
    for number, note in enumerate(notes, 1):
        lead = f"[{number}] "
        lines = wrap(safe(note), width - len(lead))
        text.append(lead + lines[0] + "\n")
        for line in lines[1:]:
            text.append(" " * len(lead) + line + "\n")
    text.rstrip()
    return [Text("Notes", style=BOLD), text]


_TRAILING = re.compile(r"[ ]+((?:\x1b\[[0-9;]*m)+)$")  # blanks before closing escape codes


def _untrailed(line: str) -> str:
    """``line`` without trailing blanks, also those inside a closing run of escape codes."""
    while (shorter := _TRAILING.sub(r"\1", line.rstrip())) != line:
        line = shorter
    return line


def emit(con: Console, parts: Sequence[RenderableType], out: Output) -> None:
    """Print ``parts``, a blank line between blocks, through the pager when it is long."""
    from rich.table import Table

    with con.capture() as captured:
        for index, part in enumerate(parts):
            if index and not _is_heading(parts[index - 1]):
                con.print()
            con.print(part, soft_wrap=not isinstance(part, Table), crop=False)
    text = captured.get()
    # No trailing blanks, not even a bold heading's padding inside its escape codes.
    text = "\n".join(_untrailed(line) for line in text.split("\n"))
    if out.pager and _is_tty(out) and text.count("\n") >= con.height and page(text):
        return
    out.stream.write(text)
    out.stream.flush()  # before any note on stderr ("5 meetings and calls") comes after it


def _is_heading(part: Any) -> bool:
    from rich.text import Text

    return isinstance(part, Text) and "\n" not in part.plain and part.style == BOLD


def _is_tty(out: Output) -> bool:
    try:
        return out.stream.isatty()
    except ValueError:
        return False


def page(text: str) -> bool:
    """Show ``text`` through the pager; False if there is none to run (then print it)."""
    import shlex
    import signal
    import subprocess

    command = os.environ.get("USRUFACTS_PAGER") or os.environ.get("PAGER") or "less -FRX"
    try:
        argv = shlex.split(command)
    except ValueError:
        return False
    if not argv or argv == ["cat"]:
        return False
    # Ctrl-C at the terminal while the pager shows the text belongs to the pager (less uses
    # it to stop a search), as with git: this process ignores it until the pager ends, and
    # the pager starts with the default disposition.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        subprocess.run(argv, input=text, text=True, check=False, preexec_fn=_default_sigint)
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return True


def _default_sigint() -> None:
    """In the pager's process, before it runs: Ctrl-C acts as it would without us."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
