"""usrufacts verify: check a draft's dates and numbers against the fact base."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import render
from ..errors import UsageError
from ..options import Context, FactsOption, JsonOption
from ..render import Column
from ..text import one_line

FORMATS = ("table", "lint", "json", "jsonl", "csv", "md", "yaml")
_DRAFTS = (".md", ".markdown", ".txt", ".text", ".rst")
_GLOB = frozenset("*?[")

COLUMNS = [
    Column("where", "Line:col", lambda f: f"{f['line']}:{f['column']}"),
    Column("text", "Claim"),
    Column("verdict", "Verdict"),
    Column("shown", "The record has", lambda f: _record_has(f)),
    Column("source", "Source", lambda f: (f["sources"] or [{}])[0].get("publisher", "")),
]
EXPLAIN = Column("why", "Why", lambda f: "; ".join(_reasons(f)))
# CSV and Markdown: one row per claim, every file in one table.
MACHINE_COLUMNS = [
    Column("path", "Path"),
    Column("line", "Line"),
    Column("column", "Column"),
    Column("text", "Claim"),
    Column("verdict", "Verdict"),
    Column("record", "Record"),
    Column("field", "Field"),
    Column("claimed", "Claimed"),
    Column("expected", "Expected"),
    Column("shown", "The record has"),
]


def run(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE…",
            help="Drafts (text or Markdown); '-' reads stdin; a folder means its .md and .txt "
            "files; globs are expanded.",
            show_default=False,
        ),
    ],
    show_all: Annotated[
        bool,
        typer.Option("--all", "-a", help="Show every claim: supported and unclear ones too."),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Say which words linked each claim to which record and field, and why "
            "numbers were skipped.",
        ),
    ] = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=f"Output format: {', '.join(FORMATS)} (table on a terminal, lint to a pipe).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
) -> None:
    """Check the dates and numbers in drafts against the fact base.

    Each claim is contradicted, supported, disputed (the sources disagree) or unclear.
    Shows contradicted and disputed claims (--all: every claim). Exit 0 when nothing is
    contradicted, 1 when something is, 2 on bad usage, 3 on a bad fact base.

    Examples: usrufacts verify draft.md · usrufacts verify drafts/*.md --format lint ·
    echo "New START capped warheads at 1,500." | usrufacts verify - --explain ·
    usrufacts verify draft.md --all --json | jq '.[] | select(.verdict == "supported")'
    """
    from ..verify import verify_documents
    from ..verify.report import summary, wanted

    chosen = "json" if as_json else (fmt or "").lower()
    if chosen and chosen not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if not chosen:
        chosen = "table" if sys.stdout.isatty() else "lint"
    ctx = Context(None if chosen == "lint" else chosen, False, facts)
    ctx.out.explicit = fmt is not None or as_json
    documents = read_documents(files)
    findings = verify_documents(ctx.db, documents)
    shown = [f for f in findings if wanted(f, show_all, explain)]
    if chosen == "lint":
        _lint(shown, explain)
    elif chosen == "table":
        columns = [*COLUMNS, EXPLAIN] if explain else COLUMNS
        for path, _ in documents:
            rows = [f for f in shown if f["path"] == path]
            if rows:
                render.table(path, columns, rows, ctx.out)
    else:
        columns = [*MACHINE_COLUMNS, EXPLAIN] if explain else MACHINE_COLUMNS
        render.table("Claims", columns, shown, ctx.out, items=_machine(shown), csv_columns=True)
    if chosen in ("table", "lint"):
        sys.stderr.write(summary(findings, len(documents)) + "\n")
    if any(f["verdict"] == "contradicted" for f in findings):
        raise typer.Exit(1)


def read_documents(arguments: list[str]) -> list[tuple[str, str]]:
    """``(path, text)`` for each draft named: files, '-', folders and globs, in order."""
    import glob

    paths: list[str] = []
    for argument in arguments:
        if argument == "-":
            paths.append("-")
        elif Path(argument).is_dir():
            found = sorted(
                str(p) for p in Path(argument).rglob("*") if p.suffix in _DRAFTS and p.is_file()
            )
            if not found:
                raise UsageError(f"{argument}: no .md or .txt drafts in this folder")
            paths.extend(found)
        elif not Path(argument).exists() and _GLOB & set(argument):
            matched = sorted(glob.glob(argument, recursive=True))
            if not matched:
                raise UsageError(f"{argument}: no file matches this pattern")
            paths.extend(matched)
        else:
            paths.append(argument)
    documents = []
    for path in dict.fromkeys(paths):
        documents.append((path, _read(path)))
    return documents


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder with no drafts") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8") from None


def _lint(findings: list[dict[str, Any]], explain: bool) -> None:
    from ..verify.report import lint_line

    write = sys.stdout.write
    for finding in findings:
        write(one_line(lint_line(finding)) + "\n")
        if explain:
            for step in _reasons(finding):
                write("    " + one_line(step) + "\n")


def _reasons(finding: dict[str, Any]) -> list[str]:
    from ..verify.report import reasons

    return reasons(finding)


def _record_has(finding: dict[str, Any]) -> str:
    if finding["verdict"] in ("skipped", "unclear"):
        return str(finding["note"] or "")
    return f"{finding['shown']} [{finding['record']}]"


def _machine(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The documented keys, in order; ``shown``, ``why`` and ``note`` after them."""
    keys = ("path", "line", "column", "text", "verdict", "record", "field", "claimed",
            "expected", "tolerance", "sources", "shown", "why", "note")  # fmt: skip
    return [{key: finding[key] for key in keys} for finding in findings]
