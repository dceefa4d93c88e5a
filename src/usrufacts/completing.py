"""Shell completion: record ids and names, metrics, people and option values.

Each function here is a Typer ``autocompletion`` callback: it gets the word being typed and
returns ``(value, help)`` pairs (zsh and fish show the help beside each value). Values come
from the cached index, read with one indexed range query per TAB; nothing is built or
validated unless no index exists yet.

``--show-completion SHELL`` prints the script for the shell named (bash, zsh, fish or
powershell): guessing the shell from the parent process fails under ``sh`` (Dockerfiles,
CI) and guessed wrong under some terminals.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

SHELLS = ("bash", "zsh", "fish", "powershell")
COMPLETE_VAR = "_USRUFACTS_COMPLETE"
LIMIT = 100
Pairs = list[tuple[str, str]]


def _db() -> sqlite3.Connection | None:
    from pathlib import Path

    from .index import bundled_facts, open_index

    overlay = os.environ.get("USRUFACTS_FACTS")
    directories = [bundled_facts()] + ([Path(overlay)] if overlay else [])
    try:
        return open_index(directories)
    except Exception:  # completion must never print a traceback into the shell
        return None


def _ids(incomplete: str, types: Sequence[str]) -> Pairs:
    """Ids that start with the typed text, then ids of records whose name or alias does
    (Typer offers only values that start with the typed text, so "new" completes to
    new-start, and "prague" to nothing rather than to the New START's id)."""
    db = _db()
    if db is None:
        return []
    from .index import normalise

    marks = ",".join("?" * len(types))
    typed = incomplete.lower()
    found: dict[str, str] = {}
    rows = db.execute(
        f"SELECT id, title FROM records WHERE id >= ? AND id < ? AND type IN ({marks}) "
        "AND json_extract(json, '$.derived_from') IS NULL ORDER BY id LIMIT ?",
        [typed, typed + "\uffff", *types, LIMIT],
    )
    found.update(rows.fetchall())
    form = normalise(incomplete)
    if form and len(found) < LIMIT:
        rows = db.execute(
            "SELECT DISTINCT n.id, r.title FROM names n JOIN records r ON r.id = n.id "
            f"WHERE n.norm >= ? AND n.norm < ? AND n.type IN ({marks}) ORDER BY n.id LIMIT ?",
            [form, form + "\uffff", *types, LIMIT],
        )
        for rid, title in rows:
            found.setdefault(rid, title)
    return [(rid, str(title)) for rid, title in found.items()]


def records(incomplete: str) -> Pairs:
    """Any record but a source or a figure (those are many and rarely typed)."""
    return _ids(incomplete, ("treaty", "event", "person", "metric"))


def treaties(incomplete: str) -> Pairs:
    return _ids(incomplete, ("treaty",))


def metrics(incomplete: str) -> Pairs:
    return _ids(incomplete, ("metric",))


def people(incomplete: str) -> Pairs:
    """Person ids, and surnames that name one person only (``--who put`` → ``putin``, which
    the commands resolve; ``bush`` names two and is not offered)."""
    found = _ids(incomplete, ("person",))
    typed = incomplete.lower()
    db = _db() if typed and "-" not in typed else None
    if db is not None:
        rows = db.execute(
            "SELECT id, title FROM records WHERE type = 'person' AND id LIKE ? ESCAPE '\\'",
            ["%-" + typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"],
        ).fetchall()
        surnames: dict[str, list[tuple[str, str]]] = {}
        for rid, title in rows:
            surnames.setdefault(rid.rsplit("-", 1)[1], []).append((rid, title))
        for surname, holders in sorted(surnames.items()):
            if surname.startswith(typed) and len(holders) == 1:
                found.append((surname, f"{holders[0][1]} ({holders[0][0]})"))
    return found


def _choices(incomplete: str, values: Sequence[str]) -> list[str]:
    return [v for v in values if v.startswith(incomplete.lower())]


def formats(incomplete: str) -> list[str]:
    from .render import FORMATS

    return _choices(incomplete, FORMATS)


def event_kinds(incomplete: str) -> list[str]:
    from .query import EVENT_KINDS

    return _choices(incomplete, EVENT_KINDS)


def meeting_kinds(incomplete: str) -> list[str]:
    from .query import MEETING_KINDS

    return _choices(incomplete, MEETING_KINDS)


def statuses(incomplete: str) -> list[str]:
    from .query import STATUS_CODES

    return _choices(incomplete, STATUS_CODES)


def types(incomplete: str) -> list[str]:
    from .finding import COLLECTIONS, TYPES

    return _choices(incomplete, [*TYPES, *COLLECTIONS])


def shells(incomplete: str) -> list[str]:
    return _choices(incomplete, SHELLS)


def script(shell: str, prog_name: str = "usrufacts") -> str:
    """The completion script for ``shell``; UsageError naming the shells otherwise.

    Typer keeps the scripts in a private module; its version is pinned in pyproject.toml.
    """
    from .errors import UsageError

    if shell not in SHELLS:
        raise UsageError(f"unknown shell {shell!r}; choose from {', '.join(SHELLS)}")
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=prog_name, complete_var=COMPLETE_VAR, shell=shell)


def enable() -> None:
    """Register Typer's completion classes (whose instructions its scripts use)."""
    from typer._completion_classes import completion_init

    completion_init()
