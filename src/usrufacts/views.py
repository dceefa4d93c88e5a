"""What each listing shows, and the words a reader expects. JSON carries the whole records.

Each listing declares its columns here: heading, kind (``text`` wraps; ``atom`` and
``number`` never break) and priority (0 is never dropped; higher numbers drop first on a
narrow terminal). The wording of statuses, parties, units and lists lives here too, so that
every renderer and every command says things the same way.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .render import Column, Row
from .render_text import label, number, quantity, show

# --- words ---------------------------------------------------------------------------------------

USSR_UNTIL = "1992-01-01"  # the Soviet Union dissolved on 1991-12-26; Russia continued its treaties


def party(code: str, when: str | None = None, article: bool = False) -> str:
    """A country code as words: 'us' → 'United States' ('the US' with ``article``); 'ru' →
    'Soviet Union' before 1992 (``when`` is an ISO date), else 'Russia'."""
    if code == "us":
        return "the US" if article else "United States"
    if code == "ru":
        soviet = when is not None and when < USSR_UNTIL
        if soviet:
            return "the Soviet Union" if article else "Soviet Union"
        return "Russia"
    return code.upper()


def parties(codes: list[str], when: str | None) -> str:
    return ", ".join(party(c, when) for c in codes)


_DID = {
    "withdrawn": "withdrew",
    "suspended": "suspended its participation",
    "de-ratified": "revoked its ratification",
    "gave notice of withdrawal": "gave notice of withdrawal",
}
_ENDED = {
    "expired": "expired",
    "superseded": "superseded",
    "terminated": "terminated",
    "withdrawn": "withdrew",
    "never-in-force": "never entered into force",
    "never in force": "never entered into force",
}


def _step(code: str, state: Row, verb_before: str | None = None) -> tuple[str, str]:
    """'Russia suspended its participation 2023-02-21' (the verb left out where it repeats)."""
    verb = str(_DID.get(state["status"], state["status"]))
    name = party(code, state["since"], article=True)
    when = state["since"] + (f" (until {state['until']})" if state.get("until") else "")
    return (f"{name} {when}" if verb == verb_before else f"{name} {verb} {when}"), verb


def status_words(treaty: Row, status: Row | None) -> str:
    """Whether a treaty binds the US and Russia, as a sentence: 'in force since 2011-02-05,
    extended 2021-02-03', 'not in force between the US and Russia: the US withdrew
    2020-11-22, Russia 2021-12-18'. ``status`` is ``query.treaty_status``'s answer (its
    ``code``, ``by``, ``parties`` and ``treaty``); anything not recognised shows the query's
    own ``text``."""
    if not status:
        return ""
    try:
        code, since, who = status["code"], status.get("since"), status.get("by")
        states: dict[str, Row] = status.get("parties") or {}
        said: set[str] = set()
        if code == "not-signed":
            head = "not yet signed"
        elif code == "signed":
            head = f"signed {since}, not yet in force"
        elif code == "unknown":
            head = f"signed {treaty['signed']['date']}; entry into force not recorded"
        elif code == "never-in-force":
            signed = treaty["signed"]["date"]
            head = f"never entered into force (signed {signed})"
            if since and since != signed:
                head += f"; abandoned by {party(who, since, article=True)} {since}" if who else ""
        elif code == "in-force":
            head = f"in force since {since}"
            if status.get("extended"):
                head += f", extended {status['extended']}"
        elif code in ("suspended", "ended") and status["treaty"]["status"] in (
            "in force",
            "suspended",
        ):
            # Binding no longer, or not now, between the two, whatever other parties do.
            verdict = "not in force" if code == "ended" else "suspended"
            out = sorted((c for c in states if c in ("us", "ru")), key=lambda c: states[c]["since"])
            steps, verb = [], None
            for c in out:
                words, verb = _step(c, states[c], verb)
                steps.append(words)
                said.add(c)
            if not steps and code == "suspended":
                steps = [f"suspended {since}"]
            head = f"{verdict} between the US and Russia: " + ", ".join(steps)
        elif code == "ended":
            how = status["status"]
            if how == "withdrawn" and who:
                head = f"not in force: {party(who, since, article=True)} withdrew {since}"
            else:
                head = f"{_ENDED.get(how, how)} {since}"
        else:
            return str(status.get("text", ""))
        rest, verb = [], None
        for c in sorted(states, key=lambda c: states[c]["since"]):
            if c in said or (c == who and states[c]["since"] == since):
                continue
            if states[c]["status"].startswith("gave notice") and states[c].get("until"):
                continue
            words, verb = _step(c, states[c], verb)
            rest.append(words)
        return head + ("; " + ", ".join(rest) if rest else "")
    except (KeyError, TypeError, AttributeError):
        return str(status.get("text", ""))


def ended_words(ended: Row) -> str:
    how, by, date = ended["how"], ended.get("by"), ended["date"]
    if how == "withdrawn" and by:
        words = f"{date}: {party(by, date, article=True)} withdrew"
    elif by:
        words = f"{date}: {_ENDED.get(how, how)} ({party(by, date)})"
    else:
        words = f"{date}: {_ENDED.get(how, how)}"
    return words + (f". {ended['note']}" if ended.get("note") else "")


def with_status(treaty: Row, status: Row) -> Row:
    """The treaty with its status as of a date, placed after its dates."""
    out: Row = {}
    for key, value in treaty.items():
        out[key] = value
        if key == "ended":
            out["status"] = status
    if "status" not in out:
        out["status"] = status
    return out


def field_words(key: str, value: Any, record: Row) -> str | list[str]:
    """A record's field as a reader wants it: a sentence, or a list (one item a line)."""
    when = _record_date(record)
    if key == "parties" and isinstance(value, list):
        return parties(value, when)
    if key == "country" and isinstance(value, str):
        return party(value, when)
    if key == "status" and isinstance(value, dict):
        return status_words(record, value)
    if key == "ended" and isinstance(value, dict):
        return ended_words(value)
    if key == "duration_minutes" and isinstance(value, int | float):
        return quantity(value, "minutes")
    if key == "origin" and isinstance(value, str):
        return _relative(value)
    if key == "value" and isinstance(value, int | float) and record.get("unit"):
        return quantity(value, str(record["unit"]))
    sentences = isinstance(value, list) and all(isinstance(v, str) for v in value)
    if sentences and len(value) > 1 and any(len(v) > 40 and " " in v for v in value):
        return list(value)  # outcomes and the like: one a line
    return show(value)


def _record_date(record: Row) -> str | None:
    signed = record.get("signed")
    if isinstance(signed, dict):
        return str(signed.get("date"))
    date = record.get("date")
    return str(date) if date else None


def _relative(path: str) -> str:
    try:
        shown = os.path.relpath(path)
    except ValueError:
        return path
    return path if shown.startswith("..") else shown


# --- listings ------------------------------------------------------------------------------------


def _headline(treaty: Row) -> str:
    if not treaty["limits"]:
        return ""
    first = treaty["limits"][0]
    return f"{first['label']}: {limit_value(first)} {_unit(first)}"


def _unit(limit: Row) -> str:
    return quantity(limit["value"], limit["unit"]).split(" ", 1)[1]


def limit_value(limit: Row) -> str:
    """A limit's number, as a range where the treaty set one: '1,700–2,200'."""
    low = limit.get("low")
    value = number(limit["value"])
    return f"{number(low)}–{value}" if low is not None else value


def _ended(treaty: Row) -> str:
    ended = treaty.get("ended")
    return f"{ended['date']} ({ended['how'].replace('-', ' ')})" if ended else ""


def _status(treaty: Row) -> str:
    return status_words(treaty, treaty.get("status"))


TREATY_COLUMNS = [
    Column("id", "Id", kind="atom", priority=0),
    Column("name", "Name", priority=1),
    Column("signed", "Signed", lambda t: t["signed"]["date"], kind="atom", priority=3),
    Column("in_force", "In force", kind="atom", priority=5, short="Force"),
    Column("ended", "Ended", _ended, priority=6),
    Column("status", "Status", _status, priority=2),
    Column("headline_limit", "Headline limit", _headline, priority=4, short="Limit"),
]


def _when(event: Row) -> str:
    return f"{event['date']} – {event['end']}" if event.get("end") else str(event["date"])


EVENT_COLUMNS = [
    Column("date", "Date", _when, kind="atom", priority=0),
    Column("kind", "Kind", kind="atom", priority=3),
    Column("title", "Event", priority=0),
    Column("id", "Id", kind="atom", priority=0),
]
MEETING_COLUMNS = [
    Column("number", "#", kind="number", priority=2),
    Column("date", "Date", _when, kind="atom", priority=0),
    Column("format", "Format", lambda e: e.get("format") or e["kind"], kind="atom", priority=4),
    Column("place", "Place", priority=5),
    Column("title", "Event", priority=0),
    Column("id", "Id", kind="atom", priority=0),
]


def _hit_date(record: Row) -> Any:
    if record["type"] == "treaty":
        return record["signed"]["date"]
    return record.get("date") or record.get("accessed")


def _hit_title(record: Row) -> Any:
    return record.get("title") or record.get("name") or record.get("label")


SEARCH_COLUMNS = [
    Column("kind", "Kind", lambda r: r.get("kind") or r["type"], kind="atom", priority=3),
    Column("date", "Date", _hit_date, kind="atom", priority=2),
    Column("title", "Title", _hit_title, priority=0),
    Column("id", "Id", kind="atom", priority=0),
]
ARSENAL_COLUMNS = [
    Column("year", "Year", lambda r: str(r["year"]), kind="atom", priority=0),
    Column("us_stockpile", "US stockpile", kind="number", priority=0, short="US"),
    Column("ru_stockpile", "Russia stockpile", kind="number", priority=0, short="RU"),
    Column("stockpile_ratio", "US:RU", kind="number", priority=0),
    Column("us_deployed", "US deployed strategic", kind="number", priority=0, short="US depl."),
    Column("ru_deployed", "Russia deployed strategic", kind="number", priority=0, short="RU depl."),
    Column("deployed_ratio", "US:RU deployed", kind="number", priority=0, short="US:RU depl."),
    Column("us_declared", "US declared stockpile", kind="number", priority=0, short="US decl."),
]
FIGURE_COLUMNS = [
    Column("date", "Date", kind="atom", priority=0),
    Column("us", "United States", kind="number", priority=0, short="US"),
    Column("ru", "Russia", kind="number", priority=0, short="RU"),
    Column("ratio", "US:RU", kind="number", priority=0),
]
CHECK_COLUMNS = [Column("item", "Item", priority=0), Column("value", "Value", priority=0)]


# --- a record's nested tables -------------------------------------------------------------------


def _party_cell(key: str) -> Any:
    def get(item: Row) -> str:
        code = item.get(key)
        return party(code, item.get("date")) if isinstance(code, str) else ""

    return get


def _status_cell(item: Row) -> str:
    return str(item.get("status", "")).replace("-", " ")


NESTED: dict[str, list[Column]] = {
    "limits": [
        Column("label", "Limit", priority=0),
        Column("value", "Value", limit_value, kind="number", priority=0),
        Column("unit", "Unit", _unit, kind="atom", priority=1),
        Column("note", "Note", priority=2),
        Column("key", "Key", kind="atom", priority=3),
    ],
    "status_history": [
        Column("date", "Date", kind="atom", priority=0),
        Column("status", "Status", _status_cell, kind="atom", priority=0),
        Column("party", "Party", _party_cell("party"), kind="atom", priority=1),
        Column("note", "Note", priority=2),
    ],
    "ratification": [
        Column("country", "Country", _party_cell("country"), kind="atom", priority=0),
        Column("body", "Body", priority=1),
        Column("date", "Date", kind="atom", priority=0),
        Column("yes", "Yes", kind="number", priority=1),
        Column("no", "No", kind="number", priority=1),
        Column("note", "Note", priority=2),
    ],
}


def nested_columns(key: str, items: list[Row]) -> list[Column]:
    """The columns of a record's list of objects (its limits, status history, values…)."""
    if key in NESTED:
        return NESTED[key]
    keys = list(dict.fromkeys(k for item in items for k in item))
    columns = []
    for name in keys:
        values = [item.get(name) for item in items if item.get(name) is not None]
        if name == "sources":
            columns.append(
                Column("sources", "Sources", lambda r: [s["id"] for s in r.get("sources") or []],
                       kind="text", priority=3)
            )  # fmt: skip
        elif values and all(isinstance(v, int | float) for v in values):
            columns.append(Column(name, label(name), kind="number", priority=0))
        elif values and all(isinstance(v, str) and " " not in v for v in values):
            columns.append(Column(name, label(name), kind="atom", priority=1))
        else:
            columns.append(Column(name, label(name), priority=2))
    return columns


# --- compare treaty --------------------------------------------------------------------------


def treaty_comparison(result: Row, marks: bool = True) -> tuple[list[Column], list[Row], list[str]]:
    """Columns, rows and numbered notes for ``compare treaty`` (``query.compare_treaties``).

    A cell shows the limit (a range where the treaty set one) and, with ``marks``, where the
    limit has a note or its own wording differs from the row's, a marker ``[n]`` for note n.
    """
    notes: list[str] = []
    names = {t["id"]: t["name"] for t in result["treaties"]}

    def marked(row: Row, tid: str) -> str:
        cell = row.get(tid)
        if not isinstance(cell, dict):
            return ""
        own = cell.get("label") if cell.get("label") != row["label"] else None
        text = limit_value(cell)
        if own or cell.get("note"):
            said = f"{names[tid]}" + (f" (“{own}”)" if own else "")
            notes.append(said + (f": {cell['note']}" if cell.get("note") else ""))
            if marks:
                text += f" [{len(notes)}]"
        return text

    shown = []
    for row in result["rows"]:
        line = {"label": row["label"]}
        for tid in names:
            line[tid] = marked(row, tid)
        shown.append(line)
    columns = [Column("label", "Limit", priority=0)]
    columns += [Column(tid, name, kind="number", priority=0) for tid, name in names.items()]
    if not marks:
        notes = []
    return columns, shown, notes


# --- about and the welcome -----------------------------------------------------------------------


def about_rows(info: dict[str, Any], directories: list[Path], cache: Path) -> Row:
    return {
        "version": info["version"],
        "facts": [str(d) for d in directories],
        "cache": str(cache),
        "counts": info["counts"],
        "date_range": " – ".join(info["date_range"]),
        "facts_as_of": info["facts_as_of"],
        "complete_to": info["complete_to"] or "not declared",
    }


def _term(term: Row) -> str:
    office = "" if term["office"] == "leader" else " (head of government)"
    return f"{term['name']}{office}, {term['start']} – {term.get('end') or 'now'}"


WHO_COLUMNS = [
    Column("name", "Name", priority=0),
    Column("title", "Office", priority=2),
    Column("start", "From", kind="atom", priority=0),
    Column("end", "To", lambda r: r.get("end") or "now", kind="atom", priority=0),
    Column("id", "Id", kind="atom", priority=0),
]
PAIRING_COLUMNS = [
    Column("from", "From", kind="atom", priority=0),
    Column("to", "To", lambda r: r.get("to") or "", kind="atom", priority=0),
    Column("us", "US president", lambda r: ", ".join(t["name"] for t in r["us"]), priority=0),
    Column(
        "ru",
        "Soviet/Russian leader",
        lambda r: ", ".join(t["name"] for t in r["ru"]),
        priority=0,
    ),
]
METRIC_COLUMNS = [
    Column("id", "Metric", kind="atom", priority=0),
    Column("unit", "Unit", priority=3),
    Column(
        "years", "Years", lambda r: "–".join(str(y) for y in r["years"]), kind="atom", priority=2
    ),
    Column(
        "countries",
        "Of",
        lambda r: ", ".join(c.upper() for c in r["countries"]),
        kind="atom",
        priority=4,
    ),
    Column("label", "Label", priority=0),
]


def who_rows(found: Row) -> list[Row]:
    """The leaders on a date as rows: the US first, then the Soviet Union or Russia."""
    return [{"country": c, **term} for c in ("us", "ru") for term in found[c]]


WELCOME_EXAMPLES = (
    ("usrufacts treaty new-start", "a treaty: dates, status, limits, sources"),
    ("usrufacts treaty", "every treaty and where it stands"),
    ("usrufacts meetings", "Trump–Putin meetings and calls, numbered"),
    ("usrufacts timeline 2018", "what happened in a year"),
    ("usrufacts compare treaty start-i sort new-start", "limits side by side"),
    ("usrufacts search helsinki", "search every record"),
)


def welcome(facts_as_of: str, counts: dict[str, int]) -> str:
    """What bare ``usrufacts`` prints: what it is, how current, and six commands to try."""
    plural = {"treaty": "treaties", "person": "people"}
    counted = ", ".join(
        f"{n:,} {k if n == 1 else plural.get(k, k + 's')}" for k, n in counts.items()
    )
    width = max(len(command) for command, _ in WELCOME_EXAMPLES) + 2
    lines = [
        "usrufacts: facts on United States–Russia (and US–Soviet) relations, with their sources.",
        f"Facts as of {facts_as_of} ({counted}).",
        "",
        "Try:",
        *(f"  {command.ljust(width)}{what}" for command, what in WELCOME_EXAMPLES),
        "",
        "Every command: usrufacts --help. Add --json for scripts.",
    ]
    return "\n".join(lines) + "\n"
