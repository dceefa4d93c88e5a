"""usrufacts metrics: every metric ``compare figure`` can show."""

from .. import query, render, views
from ..options import Context, FactsOption, FormatOption, JsonOption, output_options


@output_options
def run(
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """Every metric with its unit, the years it covers and the countries it has figures for.

    Examples: usrufacts metrics · usrufacts metrics --json | jq '.[].id' ·
    usrufacts compare figure warhead-stockpile
    """
    ctx = Context(fmt, as_json, facts)
    render.table("Metrics", views.METRIC_COLUMNS, query.metrics(ctx.db), ctx.out)
