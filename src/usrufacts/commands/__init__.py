"""One module per command: ``usrufacts NAME`` is ``commands/NAME.py``.

A command module defines ``run`` (a Typer command function) or, for a group of
subcommands, ``app`` (a ``typer.Typer``). It parses arguments, calls the core, hands the
result to a renderer, and nothing more. To add a command, write its module and name it
below; the order is the order of ``usrufacts --help``.
"""

COMMANDS: dict[str, str] = {
    "treaty": "treaty",
    "timeline": "timeline",
    "meetings": "meetings",
    "compare": "compare",
    "who": "who",
    "metrics": "metrics",
    "show": "show",
    "search": "search",
    "sources": "sources",
    "cite": "cite",
    "chart": "chart",
    "verify": "verify",
    "check": "check",
    "export": "export",
    "about": "about",
    "schema": "schema",
}
