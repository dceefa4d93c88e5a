"""usrufacts chart: stockpiles, trade, events per year or any metric, drawn in the terminal.

On a terminal the chart is drawn (plotext); to a pipe, or on a terminal too narrow to draw
in, the data behind it is printed as TSV; ``--output FILE.svg|.png`` writes an image.
"""

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..options import (
    Context,
    FactsOption,
    FromArgument,
    ToArgument,
    YearsArgument,
    parse_date,
    years_of,
)

if TYPE_CHECKING:
    from ..charts import Chart

app = typer.Typer(
    help="Charts: warhead stockpiles, trade, events per year, any metric.\n\n"
    "Drawn on a terminal; to a pipe (or a terminal under 40 columns) the data as TSV; "
    "--output FILE.svg or FILE.png writes an image (the charts extra).",
    epilog="Examples:  usrufacts chart stockpile  ·  usrufacts chart trade --output trade.svg  ·  "
    "usrufacts chart timeline 1985 1995  ·  usrufacts chart figure deployed-strategic-warheads  ·  "
    "usrufacts chart stockpile | head -3",
    no_args_is_help=True,
)

OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the chart as an image (FILE.svg or FILE.png; needs the charts extra).",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite an existing --output file.")]
DrawOption = Annotated[
    bool, typer.Option("--draw", help="Draw even when stdout is not a terminal (no TSV).")
]


def show(chart: "Chart", output: Path | None, force: bool, draw: bool) -> None:
    """Write ``chart`` where the user asked: an image file, the terminal, or TSV to a pipe."""
    from .. import plotting

    if not chart.rows:
        # Nothing matched: like an empty listing, exit 0; the reason goes to stderr.
        sys.stderr.write("usrufacts: nothing to chart: no data for that range\n")
        if output is None and not sys.stdout.isatty():
            plotting.tsv(chart, sys.stdout)
        return
    if output is not None:
        plotting.write_image(chart, output, force)
        sys.stderr.write(f"wrote {output}\n")
        return
    width = _width()
    if not (draw or sys.stdout.isatty()) or width < plotting.MIN_WIDTH:
        plotting.tsv(chart, sys.stdout)
        return
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    height = max(12, min(24, width // 3))
    sys.stdout.write(plotting.terminal(chart, min(width, 120), height, color))


def _width() -> int:
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return shutil.get_terminal_size((80, 24)).columns


@app.command("stockpile")
def stockpile(
    years: YearsArgument = None,
    output: OutputOption = None,
    force: ForceOption = False,
    draw: DrawOption = False,
    facts: FactsOption = None,
) -> None:
    """US and USSR/Russian nuclear warhead stockpiles by year; peaks and disputed years marked.

    Examples: usrufacts chart stockpile · usrufacts chart stockpile --output stockpiles.png ·
    usrufacts chart stockpile | sort -n
    """
    from ..charts import stockpile_chart

    ctx = Context(None, False, facts)
    show(stockpile_chart(ctx.db, years_of(years)), output, force, draw)


@app.command("trade")
def trade(
    years: YearsArgument = None,
    output: OutputOption = None,
    force: ForceOption = False,
    draw: DrawOption = False,
    facts: FactsOption = None,
) -> None:
    """US goods exports to and imports from Russia by year.

    Examples: usrufacts chart trade · usrufacts chart trade --output trade.svg
    """
    from ..charts import trade_chart

    ctx = Context(None, False, facts)
    show(trade_chart(ctx.db, years_of(years)), output, force, draw)


@app.command("timeline")
def timeline(
    start: FromArgument = None,
    end: ToArgument = None,
    output: OutputOption = None,
    force: ForceOption = False,
    draw: DrawOption = False,
    facts: FactsOption = None,
) -> None:
    """Events per year from FROM to TO, stacked by kind (the five commonest, then other).

    Examples: usrufacts chart timeline 1985 1995 ·
    usrufacts chart timeline 2014 2022 --output events.png
    """
    from ..charts import timeline_chart

    first = parse_date(start, "FROM") if start is not None else None
    last = parse_date(end, "TO") if end is not None else first
    ctx = Context(None, False, facts)
    show(timeline_chart(ctx.db, first, last), output, force, draw)


@app.command("figure")
def figure(
    metric: Annotated[str, typer.Argument(help="A metric id, e.g. deployed-strategic-warheads.")],
    years: YearsArgument = None,
    output: OutputOption = None,
    force: ForceOption = False,
    draw: DrawOption = False,
    facts: FactsOption = None,
) -> None:
    """Any metric by date, one line per country.

    Examples: usrufacts chart figure deployed-strategic-warheads ·
    usrufacts chart figure newstart-deployed-warheads --output newstart.svg
    """
    from ..charts import figure_chart

    ctx = Context(None, False, facts)
    show(figure_chart(ctx.db, metric, years_of(years)), output, force, draw)
