"""usrufacts cite: the sources behind records as a reference list to paste."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..options import Context, FactsOption, JsonOption

if TYPE_CHECKING:
    import sqlite3

STYLES = ("apa", "chicago", "mla", "harvard", "bibtex", "ris", "csl-json")
FORMATS = ("text", "md", "json")


def run(
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            help="Records whose sources to cite (any id or name); '-' reads ids from stdin, "
            "one a line or a JSON listing from another usrufacts command.",
            show_default=False,
        ),
    ],
    style: Annotated[
        str, typer.Option("--style", "-s", help=f"Citation style: {', '.join(STYLES)}.")
    ] = "apa",
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="text (one reference a line), md (footnotes) or json."),
    ] = "text",
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """The sources behind records, best first, as a reference list ready to paste.

    Prose styles come from the Citation Style Language's own style files; bibtex, ris and
    csl-json are for reference managers (Zotero, Pandoc).

    Examples: usrufacts cite helsinki-summit-2018 · usrufacts cite new-start --style chicago ·
    usrufacts cite inf-treaty --format md · usrufacts cite new-start --style bibtex > refs.bib ·
    usrufacts timeline 2018 --json | usrufacts cite - ·
    printf 'new-start\\nsalt-i\\n' | usrufacts cite - --style chicago --format md
    """
    import json

    from .. import batch, citations
    from ..text import safe

    style, fmt = style.lower(), "json" if as_json else fmt.lower()
    if style not in STYLES:
        raise UsageError(f"unknown style {style!r}; choose from {', '.join(STYLES)}")
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "md" and style in citations.MACHINE_STYLES:
        raise UsageError(f"--format md needs a prose style ({', '.join(citations.PROSE_STYLES)})")
    ctx = Context(None, False, facts)
    ids, failed, total = _ids(names, ctx.db)
    if not ids:
        batch.finish(failed, total)
        raise UsageError("no ids to cite: name records, or pipe ids into 'cite -'")
    items = citations.csl_items(citations.sources_of(ctx.db, ids))
    if style == "csl-json":
        text = json.dumps(items, indent=2, ensure_ascii=False)
    elif style == "bibtex":
        text = citations.bibtex(items)
    elif style == "ris":
        text = citations.ris(items)
    else:
        refs = citations.references(items, style, "markdown" if fmt == "md" else "plain")
        if fmt == "json":
            rows = [
                {"id": i["id"], "style": style, "reference": r}
                for i, r in zip(items, refs, strict=True)
            ]
            text = json.dumps(rows, indent=2, ensure_ascii=False)
        elif fmt == "md":
            text = "\n".join(f"[^{n}]: {ref}" for n, ref in enumerate(refs, 1))
        else:
            text = "\n".join(safe(ref) for ref in refs)
    sys.stdout.write(text.rstrip("\n") + "\n")
    batch.finish(failed, total)


def _ids(names: list[str], connection: "sqlite3.Connection") -> tuple[list[str], int, int]:
    """The ids named, with '-' replaced by those read from stdin (JSON records, or a name a
    line as ``show -`` reads them: blank lines and ``#`` comments skipped, a name that is
    not found reported on stderr by its line number). Returns the ids, the number of stdin
    lines not found and the number of stdin lines read."""
    import io
    import json

    from .. import batch, query

    ids: list[str] = []
    failed = total = 0
    for name in names:
        if name != "-":
            ids.append(name)
            continue
        text = sys.stdin.read()
        if text.lstrip().startswith(("[", "{")):
            try:
                data = json.loads(text)
            except json.JSONDecodeError as error:
                raise UsageError(f"stdin: not valid JSON ({error.msg})") from None
            records = data if isinstance(data, list) else [data]
            ids += [r["id"] for r in records if isinstance(r, dict) and "id" in r]
        else:
            lines = batch.stdin_lines(io.StringIO(text))
            found, missing = batch.each(lines, lambda line: query.resolve(connection, line))
            ids += found
            failed, total = failed + missing, total + len(lines)
    return ids, failed, total
