"""usrufacts compare: side-by-side tables of arsenals, treaty limits and figures."""

from typing import TYPE_CHECKING, Annotated

import typer

from .. import completing, query, render, views
from ..errors import NotFoundError, UsageError
from ..options import (
    Context,
    FactsOption,
    FormatOption,
    JsonOption,
    SourcesOption,
    YearsArgument,
    note,
    output_options,
    years_of,
)

ChartOption = Annotated[
    bool, typer.Option("--chart", help="Draw a chart under the table (terminal only).")
]

if TYPE_CHECKING:
    from ..charts import Chart

app = typer.Typer(
    help="Side-by-side tables: arsenals, treaty limits, any figure.",
    no_args_is_help=True,
)


@app.command("arsenal")
@output_options
def arsenal(
    years: YearsArgument = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    sources: SourcesOption = False,
    chart: ChartOption = False,
) -> None:
    """US and Russian warhead stockpiles and deployed strategic warheads, with ratios.

    Examples: usrufacts compare arsenal · usrufacts compare arsenal 1986 2000 2025 --json ·
    usrufacts compare arsenal --chart
    """
    ctx = Context(fmt, as_json, facts, sources)
    _chart_fits(ctx, chart)
    asked = years_of(years)
    rows = query.compare_arsenal(ctx.db, asked)
    _gaps(ctx, [m for _, m in query.ARSENAL_METRICS], asked, bool(rows))
    render.table("Nuclear arsenals (warheads)", views.ARSENAL_COLUMNS, rows, ctx.out, header=True)
    if chart:
        from ..charts import stockpile_chart

        _chart_below(ctx, stockpile_chart(ctx.db, years_of(years)))


@app.command("treaty")
@output_options
def treaty(
    names: Annotated[
        list[str],
        typer.Argument(
            help="Two or more treaties (id, name or alias).", autocompletion=completing.treaties
        ),
    ],
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    chart: Annotated[bool, typer.Option("--chart", hidden=True)] = False,
    sources: SourcesOption = False,
) -> None:
    """Treaty limits side by side; a limit a treaty lacks is left empty.

    Limits that measure the same thing share a row (START I's accountable warheads beside
    New START's deployed ones); each limit's own wording and note is listed under the table.

    Examples: usrufacts compare treaty start-i sort new-start ·
    usrufacts compare treaty salt-i salt-ii --json
    """
    if chart:
        # One axis cannot hold warheads, launchers and tons of throw-weight honestly.
        raise UsageError(
            "--chart draws compare arsenal and compare figure; treaty limits come in "
            "different units (warheads, launchers, tons), so they stay in the table"
        )
    if len(names) < 2:
        raise UsageError("compare treaty needs at least two treaties")
    ctx = Context(fmt, as_json, facts, sources)
    result = query.compare_treaties(ctx.db, names)
    columns, rows, notes = views.treaty_comparison(result, marks=ctx.out.layout in ("table", "md"))
    cited = [s for t in result["treaties"] for s in t["sources"]]
    render.table(
        "Treaty limits",
        columns,
        rows,
        ctx.out,
        result["rows"],
        header=True,
        notes=notes,
        cited=cited,
    )


@app.command("figure")
@output_options
def figure(
    metric: Annotated[
        str | None,
        typer.Argument(
            help="A metric id or name, e.g. newstart-deployed-warheads; every metric without it.",
            show_default=False,
            autocompletion=completing.metrics,
        ),
    ] = None,
    years: YearsArgument = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    sources: SourcesOption = False,
    chart: ChartOption = False,
) -> None:
    """Any metric, US beside Russia, a row per date.

    Examples: usrufacts compare figure · usrufacts compare figure newstart-deployed-warheads ·
    usrufacts compare figure us-exports-to-russia 2021 2022 2023 --json ·
    usrufacts compare figure deployed-strategic-warheads --chart
    """
    ctx = Context(fmt, as_json, facts, sources)
    if metric is None:
        render.table("Metrics", views.METRIC_COLUMNS, query.metrics(ctx.db), ctx.out)
        return
    _chart_fits(ctx, chart)
    asked = years_of(years)
    result = query.compare_figure(ctx.db, metric, asked)
    found = result["metric"]
    _gaps(ctx, [found["id"]], asked, bool(result["rows"]))
    render.table(
        f"{found['label']} ({found['unit']})",
        views.FIGURE_COLUMNS,
        result["rows"],
        ctx.out,
        header=True,
    )
    if chart:
        from ..charts import figure_chart

        _chart_below(ctx, figure_chart(ctx.db, found["id"], years_of(years)))


def _chart_fits(ctx: Context, chart: bool) -> None:
    """A machine format (json, csv…) stays one clean document: no chart under it."""
    if chart and ctx.out.format != "table":
        raise UsageError("--chart goes with table output; 'usrufacts chart' gives the data")
    if chart:  # a chart is for a reader: the table above it is drawn as one, even to a pipe
        ctx.out.explicit = True


def _chart_below(ctx: Context, built: "Chart") -> None:
    """The chart under the table, drawn even to a pipe: the reader asked for it."""
    import sys

    from .chart import show

    sys.stdout.write("\n")
    show(built, None, False, draw=True)


def _gaps(ctx: Context, metric_ids: list[str], years: list[int], any_rows: bool) -> None:
    """Say which asked years have no figure: on stderr beside the rows, or as the error
    (exit 1) when no asked year has one; and, for the years that have rows, each blank cell
    (a metric or a country with no figure that year), so that a blank is never silent."""
    gaps = query.missing_years(ctx.db, metric_ids, years)
    if gaps and not any_rows:
        raise NotFoundError("; ".join(gaps))
    for gap in gaps + query.missing_cells(ctx.db, metric_ids, years):
        note(gap)
