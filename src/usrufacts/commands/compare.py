"""usrufacts compare: side-by-side tables of arsenals, treaty limits and figures."""

from typing import Annotated

import typer

from .. import query, render, views
from ..errors import UsageError
from ..options import (
    Context,
    FactsOption,
    FormatOption,
    JsonOption,
    SourcesOption,
    YearsArgument,
    years_of,
)

app = typer.Typer(
    help="Side-by-side tables: arsenals, treaty limits, any figure.",
    no_args_is_help=True,
)


@app.command("arsenal")
def arsenal(
    years: YearsArgument = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    sources: SourcesOption = False,
) -> None:
    """US and Russian warhead stockpiles and deployed strategic warheads, with ratios.

    Examples: usrufacts compare arsenal · usrufacts compare arsenal 1986 2000 2025 --json
    """
    ctx = Context(fmt, as_json, facts, sources)
    rows = query.compare_arsenal(ctx.db, years_of(years))
    render.table("Nuclear arsenals (warheads)", views.ARSENAL_COLUMNS, rows, ctx.out)


@app.command("treaty")
def treaty(
    names: Annotated[list[str], typer.Argument(help="Two or more treaties (id, name or alias).")],
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """Treaty limits side by side; a limit a treaty lacks is left empty.

    Examples: usrufacts compare treaty start-i sort new-start ·
    usrufacts compare treaty salt-i salt-ii --json
    """
    if len(names) < 2:
        raise UsageError("compare treaty needs at least two treaties")
    ctx = Context(fmt, as_json, facts)
    result = query.compare_treaties(ctx.db, names)
    columns = views.treaty_comparison_columns(result["treaties"])
    render.table("Treaty limits", columns, result["rows"], ctx.out)


@app.command("figure")
def figure(
    metric: Annotated[str, typer.Argument(help="A metric id, e.g. newstart-deployed-warheads.")],
    years: YearsArgument = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    sources: SourcesOption = False,
) -> None:
    """Any metric, US beside Russia, a row per date.

    Examples: usrufacts compare figure newstart-deployed-warheads ·
    usrufacts compare figure us-exports-to-russia 2021 2022 2023 --json
    """
    ctx = Context(fmt, as_json, facts, sources)
    result = query.compare_figure(ctx.db, metric, years_of(years))
    found = result["metric"]
    render.table(
        f"{found['label']} ({found['unit']})", views.FIGURE_COLUMNS, result["rows"], ctx.out
    )
