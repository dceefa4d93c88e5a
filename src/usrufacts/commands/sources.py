"""usrufacts sources: the bibliography, or one record's sources; ``sources -`` reads ids."""

from typing import Annotated

import typer

from .. import batch, completing, query, render
from ..errors import UsageError
from ..options import Context, FactsOption, FormatOption, JsonOption, note, output_options
from ..tiers import parse_tiers


@output_options
def run(
    name: Annotated[
        str | None,
        typer.Argument(
            help="A record's id or name ('-' reads ids from stdin, one a line); "
            "the whole bibliography without it.",
            show_default=False,
            autocompletion=completing.records,
        ),
    ] = None,
    tier: Annotated[
        str | None,
        typer.Option(
            "--tier",
            help="Only these tiers, comma-separated: primary, specialist, major-news, "
            "reference, other.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """The bibliography, or the sources one record cites, best tier first.

    A metric lists what its figures cite. A record whose best source is 'other', or that
    cites nothing in the --tier asked, is said so on stderr.

    Examples: usrufacts sources · usrufacts sources new-start --format md ·
    usrufacts sources helsinki-summit-2018 --tier primary,specialist ·
    printf 'new-start\\nsalt-i\\n' | usrufacts sources - --json
    """
    tiers: list[str] = []
    if tier is not None:
        try:
            tiers = parse_tiers(tier)
        except ValueError as error:
            raise UsageError(f"--tier: {error}") from None
    ctx = Context(fmt, as_json, facts)
    if name == batch.STDIN:

        def look_up(line: str) -> dict[str, object]:
            rid = query.resolve(ctx.db, line)
            return {"id": rid, "sources": _cited(ctx, rid, tiers)}

        def write(found: list[dict[str, object]]) -> None:
            if ctx.out.format in batch.WHOLE:
                render.table("Sources", render.SOURCE_COLUMNS, [], ctx.out, items=found)
                return
            for item in found:
                rows = item["sources"]
                assert isinstance(rows, list)
                render.table(f"Sources of {item['id']}", render.SOURCE_COLUMNS, rows, ctx.out)

        batch.run(look_up, write)
        return
    if name is None:
        render.table("Sources", render.SOURCE_COLUMNS, query.sources(ctx.db, None, tiers), ctx.out)
        return
    rid = query.resolve(ctx.db, name)
    cited = query.sources(ctx.db, rid)
    render.table("Sources", render.SOURCE_COLUMNS, _kept(cited, tiers), ctx.out)
    _say_how_well_sourced(rid, cited, tiers)


def _cited(ctx: Context, rid: str, tiers: list[str]) -> list[dict[str, object]]:
    """One id of ``sources -``: its sources in the tiers asked; the note, if any, on stderr."""
    cited = query.sources(ctx.db, rid)
    _say_how_well_sourced(rid, cited, tiers)
    return _kept(cited, tiers)


def _kept(cited: list[dict[str, object]], tiers: list[str]) -> list[dict[str, object]]:
    return [s for s in cited if not tiers or s["tier"] in tiers]


def _say_how_well_sourced(rid: str, cited: list[dict[str, object]], tiers: list[str]) -> None:
    """On stderr, beside the list: that a --tier filter left nothing (and what the record's
    best source is), or that the record's best source is ``other``. Quiet for a source itself
    and for a record with a better source. ``cited`` comes best tier first."""
    if not cited or [s["id"] for s in cited] == [rid]:
        return
    best = cited[0]["tier"]
    if tiers and not _kept(cited, tiers):
        asked = " or ".join([", ".join(tiers[:-1]), tiers[-1]] if len(tiers) > 1 else tiers)
        count = f"{len(cited)} sources; drop --tier to list them"
        if len(cited) == 1:
            count = "1 source; drop --tier to list it"
        note(f"{rid} cites no {asked} source; its best source is {best} ({count})")
    elif best == "other":
        note(
            f"{rid}: best source is other (a copy, blog or aggregator); no primary, specialist, "
            "major-news or reference source is cited"
        )
