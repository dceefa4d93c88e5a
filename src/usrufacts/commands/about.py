"""usrufacts about: version, paths, counts and the facts-as-of date."""

from .. import query, render, views
from ..options import Context, FactsOption, FormatOption, JsonOption, output_options


@output_options
def run(
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """Version, where the facts and their cache live, counts, and the facts-as-of date.

    Example: usrufacts about
    """
    from ..index import cache_directory

    ctx = Context(fmt, as_json, facts)
    info = query.meta(ctx.db)
    rows = views.about_rows(info, ctx.directories, cache_directory())
    render.record({"id": "usrufacts", "type": "about", **rows}, ctx.out)
