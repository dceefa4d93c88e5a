"""Queries over the compiled index. Returns plain data; never prints."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from .dates import PartialDate
from .errors import NotFoundError, UsageError
from .index import normalise
from .tiers import ordered

Record = dict[str, Any]

EVENT_KINDS = (
    "summit", "meeting", "call", "treaty", "sanctions", "military", "diplomatic", "election",
    "economic", "crisis", "conflict", "alliance", "un", "aid", "intelligence", "legal",
)  # fmt: skip
CONTACT_KINDS = ("summit", "meeting", "call")
SEARCH_WINDOW = 2000
RECORD_TYPES = ("treaty", "event", "person", "figure", "metric", "source")
# The order in which a name's near matches are offered: records, then figures, then sources.
NAME_TIERS = (("treaty", "event", "person", "metric"), ("figure",), ("source",))
ARSENAL_METRICS = (
    ("stockpile", "warhead-stockpile"),
    ("deployed", "deployed-strategic-warheads"),
    ("declared", "us-declared-stockpile"),  # the US count only: no ratio
)

# Metrics the tool computes from stored ones and never stores: a total is a sum of facts, not a
# fact of its own, so it cannot drift from its parts. Each sums the parts' US values by date.
DERIVED_METRICS: dict[str, Record] = {
    "us-russia-goods-trade": {
        "label": "Goods trade (derived: exports + imports)",
        "unit": "USD million",
        "note": "Computed by usrufacts as us-exports-to-russia plus us-imports-from-russia for "
        "each date where both are recorded; not a stored fact. Sources are those of the parts.",
        "sum_of": ["us-exports-to-russia", "us-imports-from-russia"],
    },
}


def derived_metrics() -> list[Record]:
    """The computed metrics as metric records (``derived: True``), for listings."""
    return [
        {"id": key, "type": "metric", "derived": True, "sources": [], **spec}
        for key, spec in DERIVED_METRICS.items()
    ]


CITATION = ("id", "publisher", "title", "url", "accessed", "tier")


def _records(connection: sqlite3.Connection, rows: Iterable[tuple[str]]) -> list[Record]:
    # One parse of one array is cheaper than a parse per record.
    return _expand(connection, json.loads("[" + ",".join([row[0] for row in rows]) + "]"))


def _expand(connection: sqlite3.Connection, records: list[Record]) -> list[Record]:
    """Replace the source ids that records store with the sources themselves."""
    wanted: set[str] = set()
    for record in records:
        if record["type"] != "source":
            wanted.update(record["sources"])
        for value in record.get("values", []):
            wanted.update(value["sources"])
    cited = citations(connection, wanted)
    for record in records:
        if record["type"] != "source":
            record["sources"] = [cited[i] for i in record["sources"]]
        for value in record.get("values", []):
            value["sources"] = [cited[i] for i in value["sources"]]
    return records


def citations(connection: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Record]:
    """The sources with these ids, as ``{id: {id, publisher, title, url, accessed, tier}}``;
    ids not in the base are left out. Read 500 at a time (SQLite's parameter limit)."""
    cited: dict[str, Record] = {}
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), 500):  # pragma: no mutate (batching only)
        chunk = wanted[start : start + 500]  # pragma: no mutate (batching only)
        rows = connection.execute(
            f"SELECT {', '.join(CITATION)} FROM citations "
            f"WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        for row in rows:
            cited[row[0]] = dict(zip(CITATION, row, strict=True))  # pragma: no mutate (same size)
    return cited


def meta(connection: sqlite3.Connection) -> dict[str, Any]:
    """The index's facts about itself: counts, date range, the facts-as-of date (the newest
    date a source was read) and the complete-to date (the date up to which the editors searched
    for events, declared by ``complete_to`` in an events file; "" when none declares it)."""
    rows = dict(
        connection.execute(
            "SELECT key, value FROM meta"  # pragma: no mutate (case-blind SQL)
        ).fetchall()
    )
    return {
        "facts_as_of": rows["facts_as_of"],
        "complete_to": rows["complete_to"],
        "version": rows["version"],
        "counts": json.loads(rows["counts"]),
        "date_range": json.loads(rows["date_range"]),
    }


# --- finding records by name ---------------------------------------------------------------


def resolve(connection: sqlite3.Connection, name: str, rtype: str | None = None) -> str:
    """The id a name stands for: an id, a name or alias, or the words of a title
    ("Reykjavik summit", "helsinki 2018"). NotFoundError (exit 1) when nothing matches,
    with did-you-mean suggestions, or when several records do, listing each with its
    kind and date."""
    from . import finding

    what = rtype or "record"
    form = normalise(name)
    if not form:
        raise NotFoundError(f"no {what} named {name!r}")
    typed = "" if rtype is None else " AND type = ?"  # pragma: no mutate (case-blind SQL)
    params: list[str] = [] if rtype is None else [rtype]
    if connection.execute(f"SELECT 1 FROM records WHERE id = ?{typed}", [name, *params]).fetchone():
        return name
    if name in DERIVED_METRICS and rtype in (None, "metric"):  # computed, so not in records
        return name
    rows = connection.execute(f"SELECT id, type FROM names WHERE norm = ?{typed}", [form, *params])
    by_type: dict[str, set[str]] = {}
    for rid, found_type in rows:
        by_type.setdefault(found_type, set()).add(rid)
    # A name shared by records of different types means the most specific: a treaty
    # called "New START" before a source whose title is "New START".
    hits = next((by_type[t] for t in RECORD_TYPES if t in by_type), set())
    if len(hits) == 1:
        return hits.pop()
    candidates = sorted(hits)
    if not candidates:
        # The words of a name or title, records before figures before sources.
        for types in NAME_TIERS:
            wanted = types if rtype is None else tuple(t for t in types if t == rtype)
            candidates = finding.named(connection, name, wanted) if wanted else []
            if candidates:
                break
        if len(candidates) == 1:
            return candidates[0]
    if not candidates:
        # A bare word that begins or is part of several names is ambiguous, not unknown.
        candidates = [
            row[0]
            for row in connection.execute(
                f"SELECT DISTINCT id FROM names WHERE norm LIKE ?{typed} ORDER BY id LIMIT 12",
                # A normalised form is letters and digits only: nothing to escape.
                [f"%{form}%", *params],
            )
        ]
        if len(form) < 3 or len(candidates) == 1:
            candidates = []
    if candidates:  # never a single one: that was returned, or cleared as too loose, above
        listed = "; ".join(finding.describe(connection, candidates[:8]))
        # Candidates come at most 12 at a time (finding.named, the LIKE above): no count.
        more = " and more" if len(candidates) > 8 else ""
        raise NotFoundError(f"{name!r} could be any of: {listed}{more}; give the id")
    raise NotFoundError(_not_found(connection, name, form, what, typed, params))


# A fact base with more records than this suggests, for a name it lacks, only ids that start
# with the same letter: a miss in 55,000 records (bench/synth.py 20) then takes 0.20 s, not
# 0.33 s. Names, aliases and titles are always all compared.
LARGE_BASE = 20_000  # pragma: no mutate (a cost threshold: either side of it is right)


def _not_found(
    connection: sqlite3.Connection, name: str, form: str, what: str, typed: str, params: list[str]
) -> str:
    """The message for a name nothing matches: up to three near names or ids (rapidfuzz),
    records before figures before sources."""
    from .finding import closest

    # Only names of about the same length can be close, which keeps the comparison cheap in a
    # large fact base. The bounds are exact: fuzz.ratio is at most 200·min(a, b)/(a + b), so
    # a name shorter than 7/13 or longer than 13/7 of the form cannot reach the cutoff of 70.
    # An id is compared normalised, which is never longer than the id itself. A wider window
    # finds the same names (so its mutants are equivalent); a narrower one loses a name at the
    # edge, which test_spec_queries.py's window tests catch.
    size = len(form)
    shortest = -(-7 * size // 13)  # pragma: no mutate (exact bound; see above)
    longest = 13 * size // 7  # pragma: no mutate (exact bound; see above)
    by_form: dict[str, tuple[str, str]] = {}
    names = f"SELECT norm, id, type FROM names WHERE length(norm) BETWEEN ? AND ?{typed}"
    for norm, rid, rtype in connection.execute(names, [shortest, longest, *params]):
        by_form.setdefault(norm, (rid, rtype))
    ids = f"SELECT id, type FROM records WHERE length(id) >= ?{typed}"
    ids_params: list[Any] = [shortest, *params]
    (total,) = connection.execute(
        "SELECT coalesce(max(rowid), 0) FROM records"  # pragma: no mutate (case-blind SQL)
    ).fetchone()
    if total > LARGE_BASE:  # only ids that start alike
        ids += " AND substr(id, 1, 1) = ?"  # pragma: no mutate (case-blind SQL)
        ids_params.append(name[:1].lower())
    for rid, rtype in connection.execute(ids, ids_params):
        by_form.setdefault(normalise(rid), (rid, rtype))
    suggestions: list[str] = []
    for kinds in NAME_TIERS:
        forms = [f for f, (_, t) in by_form.items() if t in kinds]
        for found in closest(form, forms, cutoff=70):
            if by_form[found][0] not in suggestions:
                suggestions.append(by_form[found][0])
        if suggestions:
            break
    hint = f"; did you mean {' or '.join(suggestions[:3])}?" if suggestions else ""
    listing = {"treaty": "treaty", "metric": "metrics"}.get(what, "search")
    return f"no {what} named {name!r}{hint} ('usrufacts {listing}' lists them)"


def get(connection: sqlite3.Connection, name: str, rtype: str | None = None) -> Record:
    """One record by id, name or alias."""
    rid = resolve(connection, name, rtype)
    if rid in DERIVED_METRICS:  # computed, never stored (see derived_metrics)
        return next(m for m in derived_metrics() if m["id"] == rid)
    row = connection.execute(
        "SELECT json, origin FROM records WHERE id = ?",  # pragma: no mutate (case-blind SQL)
        [rid],
    ).fetchone()
    (record,) = _expand(connection, [json.loads(row[0])])
    record["origin"] = row[1]
    return record


# --- listings --------------------------------------------------------------------------------


def treaties(connection: sqlite3.Connection) -> list[Record]:
    rows = connection.execute(
        "SELECT json FROM records WHERE type = ? "  # pragma: no mutate (case-blind SQL)
        "ORDER BY json_extract(json, ?), id",  # pragma: no mutate (case-blind SQL)
        ("treaty", "$.signed.date"),  # values, not SQL: their mutants are made and killed
    )
    return _records(connection, rows)


def timeline(
    connection: sqlite3.Connection,
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    kinds: Sequence[str] = (),
    who: Sequence[str] = (),
    limit: int | None = None,
    newest_first: bool = False,
) -> list[Record]:
    """Events whose period overlaps FROM..TO, oldest first (newest first if asked);
    partial dates sort first. ``who`` are names or ids of people all present."""
    if start and end and end.last_day() < start.first_day():
        raise UsageError(f"FROM {start} is after TO {end}; give the earlier date first")
    for kind in kinds:
        if kind not in EVENT_KINDS:
            raise UsageError(f"unknown kind {kind!r}; choose from {', '.join(EVENT_KINDS)}")
    sql = ["SELECT json FROM records WHERE type = ?"]  # pragma: no mutate (case-blind SQL)
    params: list[Any] = ["event"]
    if start is not None:
        sql.append("AND date_to >= ?")  # pragma: no mutate (case-blind SQL)
        params.append(start.first_day())
    if end is not None:
        sql.append("AND date_from <= ?")  # pragma: no mutate (case-blind SQL)
        params.append(end.last_day())
    if kinds:
        sql.append(f"AND kind IN ({','.join('?' * len(kinds))})")
        params.extend(kinds)
    for person in who:
        sql.append(
            "AND id IN (SELECT event_id FROM participants "  # pragma: no mutate (case-blind SQL)
            "WHERE person_id = ?)"  # pragma: no mutate (case-blind SQL)
        )
        params.append(resolve(connection, person, "person"))
    sql.append(
        "ORDER BY date_sort DESC, id DESC"  # pragma: no mutate (case-blind SQL)
        if newest_first
        else "ORDER BY date_sort, id"  # pragma: no mutate (case-blind SQL)
    )
    if limit is not None:
        sql.append("LIMIT ?")  # pragma: no mutate (case-blind SQL)
        params.append(limit)
    return _records(connection, connection.execute(" ".join(sql), params))


MEETING_KINDS = ("summit", "meeting", "call")


def meetings(
    connection: sqlite3.Connection,
    who: Sequence[str],
    start: PartialDate | None,
    end: PartialDate | None,
    kinds: Sequence[str],
    in_person: bool,
    calls: bool,
) -> list[Record]:
    """Leaders' summits, meetings and calls with every named person present, numbered in
    order. Without ``who``: Trump–Putin, unless a FROM/TO span is given, which then shows
    every leaders' contact in it. ``in_person`` keeps summits and meetings held face to face
    (not by telephone or video); ``calls`` keeps calls (and video calls)."""
    if in_person and calls:
        raise UsageError("--in-person and --calls exclude each other; give one")
    for kind in kinds:
        if kind not in MEETING_KINDS:
            raise UsageError(f"unknown kind {kind!r}; choose from {', '.join(MEETING_KINDS)}")
    spanned = start or end  # pragma: no mutate (TO comes only with FROM, so 'and' is the same)
    default = ("donald-trump", "vladimir-putin")  # pragma: no mutate (names ignore case)
    people = who or (() if spanned else default)
    events = timeline(connection, start, end, kinds=kinds or CONTACT_KINDS, who=people)
    if in_person:
        events = [e for e in events if not _remote(e)]
    elif calls:
        events = [e for e in events if _remote(e)]
    return [{"number": n, **event} for n, event in enumerate(events, 1)]


def _remote(event: Record) -> bool:
    return event["kind"] == "call" or event.get("format") in ("call", "video")


def search(
    connection: sqlite3.Connection,
    text: str,
    limit: int | None,
    types: Sequence[str] = (),
) -> tuple[list[Record], int]:
    """Records ranked by relevance to ``text`` (see finding.search), at most ``limit``
    (all for None or 0), and how many matched in all."""
    from . import finding

    ids, total = finding.search(connection, text, limit, finding.types_of(types))
    return by_ids(connection, ids), total


def by_ids(connection: sqlite3.Connection, ids: Sequence[str]) -> list[Record]:
    """The records with these ids, in this order."""
    found: dict[str, Record] = {}
    for start in range(0, len(ids), 500):  # pragma: no mutate (batching only)
        chunk = list(ids[start : start + 500])  # pragma: no mutate (batching only)
        rows = connection.execute(
            f"SELECT json FROM records WHERE id IN ({','.join('?' * len(chunk))})", chunk
        )
        for record in _records(connection, rows):
            found[record["id"]] = record
    return [found[i] for i in ids if i in found]


def sources(
    connection: sqlite3.Connection, name: str | None = None, tiers: Sequence[str] = ()
) -> list[Record]:
    """The bibliography, or the sources one record cites; best tier first (see
    usrufacts.tiers), then by id or in the order cited. A metric cites what its figures cite
    (as ``cite`` does). ``tiers`` keeps only those tiers of the bibliography; a record's
    sources come whole, for the caller to say what a filter would leave out."""
    if name is None:
        where = f"AND c.tier IN ({','.join('?' * len(tiers))})" if tiers else ""
        sql = (
            "SELECT r.json FROM records r "  # pragma: no mutate (case-blind SQL)
            "JOIN citations c ON c.id = r.id "  # pragma: no mutate (case-blind SQL)
            f"WHERE r.type = 'source' {where} ORDER BY c.rank, c.id"
        )
        # Sources cite nothing, so there is nothing to expand (see _expand).
        return [json.loads(text) for (text,) in connection.execute(sql, list(tiers))]
    # A computed metric (DERIVED_METRICS) is not stored: it cites what its parts' figures cite.
    parts = DERIVED_METRICS[name]["sum_of"] if name in DERIVED_METRICS else None
    record = get(connection, name)
    if record["type"] == "source":
        found = [_without(record, "origin")]
    elif record["type"] == "metric":
        metrics = parts or [record["id"]]
        behind = {s["id"]: s for m in metrics for f in figures(connection, m) for s in f["sources"]}
        found = [{"type": "source", **s, "sources": []} for s in ordered(list(behind.values()))]
    else:
        found = [{"type": "source", **s, "sources": []} for s in record["sources"]]
    return found


def _without(record: Record, *keys: str) -> Record:
    return {k: v for k, v in record.items() if k not in keys}


def everything(connection: sqlite3.Connection) -> dict[str, list[Record]]:
    """Every record, per collection, as ``export`` writes them."""
    out: dict[str, list[Record]] = {}
    names = {"treaty": "treaties", "event": "events", "figure": "figures", "metric": "metrics",
             "person": "people", "source": "sources"}  # fmt: skip
    for key in names.values():
        out[key] = []
    rows = connection.execute(
        "SELECT type, json FROM records "  # pragma: no mutate (case-blind SQL)
        "WHERE json_extract(json, ?) IS NULL "  # pragma: no mutate (case-blind SQL)
        "ORDER BY type, date_sort, id",  # pragma: no mutate (case-blind SQL)
        ("$.derived_from",),
    )
    everyone = _expand(connection, [json.loads(text) for _, text in rows])
    for record in everyone:
        out[names[record["type"]]].append(record)
    return out


# --- treaty status ---------------------------------------------------------------------------


STATUS_CODES = ("in-force", "suspended", "ended", "never-in-force")
# A party's own steps that change whether it is bound; the rest (signed, ratified) do not.
_PARTY_HOLDS = ("suspended", "withdrawn", "de-ratified")


def treaty_status(treaty: Record, as_of: PartialDate) -> dict[str, Any]:
    """Whether a treaty binds the United States and Russia to each other on a date.

    A partial date is judged by its last day (``--as-of 2026`` is 2026-12-31). Returns::

        {"as_of": "2020-01-01",
         "code": "not-signed" | "signed" | "in-force" | "suspended" | "ended" | "never-in-force",
         "status": words for the code ("in force", "suspended", "expired", "withdrawn", …),
         "since": the date the status began (not the date it was last restated) or None,
         "by": the party ("us"/"ru") whose act set it, or None,
         "extended": the date of the latest extension in force, or None,
         "treaty": {"status", "since"} of the treaty as a whole (other parties' view),
         "parties": {party: {"status", "since", "until"}} each party's own step that
                    still stood (``until`` the treaty's end, if it ended since),
         "text": one line saying all of it}

    A suspension or withdrawal by either the US or Russia stops the treaty binding the two
    (code "suspended" or "ended") even where it stays in force for other parties (Open
    Skies, CFE). Dates come from the record's ``signed``, ``in_force``, ``status_history``
    and ``ended`` (facts/treaties.yaml).
    """
    day = as_of.last_day()

    def by(date: str | None) -> bool:
        return date is not None and PartialDate.parse(date).first_day() <= day

    signed = treaty["signed"]["date"]
    in_force = treaty.get("in_force")
    ended_ever = treaty.get("ended")
    ended = ended_ever if by((ended_ever or {}).get("date")) else None
    parties: dict[str, dict[str, Any]] = {}
    extended = None
    whole: dict[str, Any] = {"status": "in force", "since": in_force}
    # ISO partial dates sort as text the way dates.sort_key does: a period before its days.
    history = sorted(
        (change for change in treaty["status_history"] if by(change["date"])),
        key=lambda change: change["date"],
    )
    for change in history:
        party, step = change["party"], change["status"]
        if party is None:
            if step == "extended":
                extended = change["date"]
            elif step in ("suspended", "resumed"):
                whole = {"status": _words(step), "since": change["date"]}
            continue
        if step == "withdrawn" and _notice(treaty, party, change["date"]):
            parties[party] = {"status": "gave notice of withdrawal", "since": change["date"]}
        elif step == "resumed":
            parties.pop(party, None)
        elif step in _PARTY_HOLDS:
            held = parties.get(party)
            if held is None or held["status"] != step:  # a restatement keeps the first date
                parties[party] = {"status": step, "since": change["date"]}
    for state in parties.values():
        state["until"] = ended["date"] if ended else None
    out: dict[str, Any] = {
        "as_of": as_of.iso(),
        "code": "not-signed",
        "status": "not yet signed",
        "since": None,
        "by": None,
        "extended": None,
        "treaty": whole,
        "parties": parties,
    }
    if not by(signed):
        out["treaty"] = {"status": "not yet signed", "since": None}
    elif ended is not None:
        never = ended["how"] == "never-in-force"
        out |= {
            "code": "never-in-force" if never else "ended",
            "status": _words(ended["how"]),
            "since": ended["date"],
            "by": ended["by"],
        }
        out["treaty"] = {"status": out["status"], "since": ended["date"]}
    elif not in_force and not (
        treaty.get("ratification") or treaty["status_history"] or ended_ever
    ):
        # No entry into force recorded, no ratification sought and no end: the base does not say.
        out |= {"code": "unknown", "status": "entry into force not recorded", "since": signed}
        out["treaty"] = {"status": out["status"], "since": signed}
    elif not in_force:
        out |= {"code": "never-in-force", "status": "never in force", "since": signed}
        out["treaty"] = {"status": "never in force", "since": signed}
    elif not by(in_force):
        out |= {"code": "signed", "status": "signed", "since": signed}
        out["treaty"] = {"status": "signed", "since": signed}
    else:
        out |= {"code": "in-force", "status": "in force", "since": in_force, "extended": extended}
        # The earliest step by either party that still stands decides the two's relation.
        # ISO dates: text order is date order (as above); a tie goes to the party's code.
        holding = sorted(
            (state["since"], party, state["status"]) for party, state in parties.items()
        )
        left = [h for h in holding if h[2] == "withdrawn"]
        stopped = [h for h in holding if h[2] == "suspended"]
        if left:
            since, party, _ = left[0]
            out |= {"code": "ended", "status": "withdrawn", "since": since, "by": party}
        elif stopped:
            since, party, _ = stopped[0]
            out |= {"code": "suspended", "status": "suspended", "since": since, "by": party}
        elif whole["status"] == "suspended":
            out |= {"code": "suspended", "status": "suspended", "since": whole["since"]}
    out["text"] = _status_text(out, signed)
    return out


def _notice(treaty: Record, party: str, date: str) -> bool:
    """Whether a party's "withdrawn" entry is the notice of a withdrawal that took effect
    later, as the treaty's own ``ended`` (by that party) says: ABM Treaty, 2001-12-13."""
    ended = treaty.get("ended")
    return bool(
        ended and ended["how"] == "withdrawn" and ended["by"] == party and ended["date"] != date
    )


def _status_text(status: dict[str, Any], signed: str) -> str:
    """The status in one line: the headline between the US and Russia, then each party's
    own step where the headline does not already say it."""
    code, since, who = status["code"], status["since"], status["by"]
    by = f" by {who.upper()}" if who else ""
    if code == "not-signed":
        text = "not yet signed"
    elif code == "signed":
        text = f"signed {since}, not yet in force"
    elif code == "unknown":
        text = f"signed {signed}; entry into force not recorded"
    elif code == "never-in-force":
        text = f"never in force (signed {signed})"
        if since != signed:
            text += f"; abandoned{by} {since}"
    elif code == "in-force":
        text = f"in force since {since}"
        if status["extended"]:
            text += f" (extended {status['extended']})"
    elif code == "suspended":
        text = f"suspended{by} since {since}"
    elif status["treaty"]["status"] == "in force":  # one of the two left; others remain
        text = f"not in force between the US and Russia since {since} ({who.upper()} withdrew)"
    else:
        text = f"{status['status']}{by} {since}"
    for party, state in sorted(status["parties"].items()):
        if party == who and state["since"] == since:
            continue
        if state["status"].startswith("gave notice"):
            if not state["until"]:
                text += f"; {party.upper()} {state['status']} {state['since']}"
            continue
        when = (
            f"{state['since']} – {state['until']}" if state["until"] else f"since {state['since']}"
        )
        text += f"; {party.upper()} {state['status']} {when}"
    return text


def _words(status: str) -> str:
    """A status or ending as words: "never-in-force" is "never in force"."""
    return status.replace("-", " ")


def treaties_with_status(
    connection: sqlite3.Connection, as_of: PartialDate, codes: Sequence[str] = ()
) -> list[tuple[Record, dict[str, Any]]]:
    """Every treaty with its status on ``as_of``, only those whose code is one of ``codes``
    when given (``STATUS_CODES``); UsageError for an unknown code."""
    for code in codes:
        if code not in STATUS_CODES:
            raise UsageError(f"unknown status {code!r}; choose from {', '.join(STATUS_CODES)}")
    out = []
    for treaty in treaties(connection):
        status = treaty_status(treaty, as_of)
        if not codes or status["code"] in codes:
            out.append((treaty, status))
    return out


# --- comparisons -------------------------------------------------------------------------------


def _figure_cell(figure: Record | None) -> Any:
    """A figure's value, or the list of its values where sources disagree."""
    if figure is None:
        return None
    if figure["disputed"]:
        return sorted({v["value"] for v in figure["values"]})
    return figure["value"]


def _ratio(a: Any, b: Any) -> Any:
    if a is None or b is None:
        return None
    lows = [min(x) if isinstance(x, list) else x for x in (a, b)]
    highs = [max(x) if isinstance(x, list) else x for x in (a, b)]
    if 0 in (lows[1], highs[1]):
        return None
    if isinstance(a, list) or isinstance(b, list):
        return [round(lows[0] / highs[1], 2), round(highs[0] / lows[1], 2)]
    return round(a / b, 2)


def figures(
    connection: sqlite3.Connection, metric_id: str, years: Sequence[int] = ()
) -> list[Record]:
    sql = (
        "SELECT r.json FROM figures f "  # pragma: no mutate (SQL is case-insensitive)
        "JOIN records r ON r.id = f.id "  # pragma: no mutate (SQL is case-insensitive)
        "WHERE f.metric = ?"  # pragma: no mutate (SQL is case-insensitive)
    )
    params: list[Any] = [metric_id]
    if years:
        sql += f" AND CAST(substr(f.date, 1, 4) AS INTEGER) IN ({','.join('?' * len(years))})"
        params.extend(years)
    sql += " ORDER BY f.date_sort, f.country"  # pragma: no mutate (SQL is case-insensitive)
    return _records(connection, connection.execute(sql, params))


def compare_figure(
    connection: sqlite3.Connection, name: str, years: Sequence[int] = ()
) -> dict[str, Any]:
    """One metric, US beside Russia, a row per date; a derived metric is computed here."""
    if name in DERIVED_METRICS:
        return _compare_derived(connection, name, years)
    try:
        found = get(connection, name, "metric")
    except NotFoundError as error:
        derived = _derived_named(name)
        if derived is None or not str(error).startswith("no metric named"):
            raise
        return _compare_derived(connection, derived, years)
    rows: dict[str, Record] = {}
    for figure in figures(connection, found["id"], years):
        row = rows.setdefault(
            figure["date"], {"date": figure["date"], "us": None, "ru": None, "sources": []}
        )
        row[figure["country"]] = _figure_cell(figure)
        row["sources"] += [s for s in figure["sources"] if s not in row["sources"]]
    for row in rows.values():
        row["ratio"] = _ratio(row["us"], row["ru"])
        row["sources"] = ordered(row["sources"])  # the US figure's and Russia's, merged
    return {"metric": found, "rows": list(rows.values())}


def _derived_named(name: str) -> str | None:
    """The one derived metric whose id and label hold every word of NAME ("trade", "goods
    trade"), or None: derived metrics are not in the index's names table."""
    import re

    words = set(re.findall(r"[a-z0-9]+", name.lower()))
    found = [
        key
        for key, spec in DERIVED_METRICS.items()
        if words and words <= set(re.findall(r"[a-z0-9]+", f"{key} {spec['label']}".lower()))
    ]
    return found[0] if len(found) == 1 else None


def _compare_derived(
    connection: sqlite3.Connection, name: str, years: Sequence[int] = ()
) -> dict[str, Any]:
    """Sum the parts' US values where every part has a value for the date; a disputed part
    gives a [low, high] range. Rows carry every part's sources and ``derived: True``."""
    metric = {"id": name, **DERIVED_METRICS[name]}
    parts = [compare_figure(connection, part, years)["rows"] for part in metric["sum_of"]]
    by_date = [{row["date"]: row for row in rows if row["us"] is not None} for rows in parts]
    rows = []
    for date in [d for d in by_date[0] if all(d in other for other in by_date[1:])]:
        cells = [part[date] for part in by_date]
        low = _exact_sum(min(c["us"]) if isinstance(c["us"], list) else c["us"] for c in cells)
        high = _exact_sum(max(c["us"]) if isinstance(c["us"], list) else c["us"] for c in cells)
        sources = [s for c in cells for s in c["sources"]]
        rows.append(
            {"date": date, "us": low if low == high else [low, high], "ru": None,
             "sources": ordered(list({s["id"]: s for s in sources}.values())), "ratio": None,
             "derived": True}
        )  # fmt: skip
    return {"metric": metric, "rows": rows}


def _exact_sum(values: Iterable[float]) -> float:
    """The sum as the figures are written, in decimal: 4,886.9 + 16,901.1 is 21,788, not
    21,787.999999999996, and 2,000.25 + 1,000.5 keeps its two places. A whole sum is an int."""
    from decimal import Decimal

    total = sum(Decimal(str(value)) for value in values)
    return int(total) if total == int(total) else float(total)


def compare_arsenal(connection: sqlite3.Connection, years: Sequence[int] = ()) -> list[Record]:
    """US and Russian stockpiles and deployed strategic warheads by year, with the ratios,
    and the US stockpile as the US declares it (which leaves out retired warheads)."""
    table: dict[int, Record] = {}
    for label, metric_id in ARSENAL_METRICS:
        for figure in figures(connection, metric_id, years):
            year = int(figure["date"][:4])
            row = table.setdefault(year, {"sources": []})
            row[f"{figure['country']}_{label}"] = _figure_cell(figure)
            row["sources"] += [s for s in figure["sources"] if s not in row["sources"]]
    out = []
    for year in sorted(table):
        row = table[year]
        full: Record = {"year": year}
        for label, _ in ARSENAL_METRICS[:2]:
            us, ru = row.get(f"us_{label}"), row.get(f"ru_{label}")
            full |= {f"us_{label}": us, f"ru_{label}": ru, f"{label}_ratio": _ratio(us, ru)}
        out.append(
            full | {"us_declared": row.get("us_declared"), "sources": ordered(row["sources"])}
        )
    return out


def compare_treaties(connection: sqlite3.Connection, names: Sequence[str]) -> dict[str, Any]:
    """Rows are kinds of limit, columns treaties; a limit a treaty lacks is None, not zero.

    Limits of the same ``kind`` (vocabulary.LIMIT_KINDS) share a row even where their keys differ;
    otherwise the key decides. A cell is ``{value, unit, label, low, note}``: the treaty's own
    wording, and the low end where it set a range.
    """
    from .vocabulary import LIMIT_KINDS

    found = [get(connection, name, "treaty") for name in names]
    rows: dict[str, Record] = {}
    for treaty in found:
        for limit in treaty["limits"]:
            kind = limit.get("kind")
            group = kind or limit["key"]
            if group in rows and rows[group][treaty["id"]] is not None:
                group = f"{limit['key']}:{limit['label']}"  # a second limit of one kind (per side)
            row = rows.setdefault(
                group,
                {
                    "key": kind or limit["key"],
                    "label": LIMIT_KINDS[kind] if kind else limit["label"],
                }
                | {t["id"]: None for t in found},
            )
            row[treaty["id"]] = {
                "value": limit["value"],
                "unit": limit["unit"],
                "label": limit["label"],
                "low": limit.get("low"),
                "note": limit.get("note"),
            }
    return {"treaties": found, "rows": list(rows.values())}


# --- leaders -----------------------------------------------------------------------------------

# Role titles (facts/people.yaml) that make a person the US leader, the Soviet or Russian
# leader (party chief before 1990, then president), or the Soviet/Russian head of government.
US_LEADER = ("President of the United States",)
RU_LEADER = (
    "General Secretary of the Communist Party of the Soviet Union",
    "First Secretary of the Communist Party of the Soviet Union",
    "President of the Soviet Union",
    "President of Russia",
    "Acting President of Russia",
)
RU_GOVERNMENT = ("Premier of the Soviet Union", "Prime Minister of Russia")
# Bounds beyond every date in the facts: no bound, and the last day of a term still running.
FIRST_DAY, LAST_DAY = "0000-01-01", "9999-12-31"


def _terms(
    connection: sqlite3.Connection, first: str = FIRST_DAY, last: str = LAST_DAY
) -> list[Record]:
    """Every leader's term in office some day from ``first`` to ``last``: {id, name, country
    ("us"/"ru"), office ("leader"/"government"), title, start, end, first (day), last (day;
    LAST_DAY while in office)}, by first day. People are picked by the span of their roles
    (index.py stores it), so a large base costs no more than the real one; then each term."""
    out = []
    rows = connection.execute(
        "SELECT json FROM records WHERE type = ? "  # pragma: no mutate (SQL is case-insensitive)
        "AND date_from <= ? AND date_to >= ?",  # pragma: no mutate (SQL is case-insensitive)
        ["person", last, first],
    )
    for (text,) in rows:
        person = json.loads(text)
        for role in person["roles"]:
            title = role["title"]
            if title.startswith(US_LEADER):
                country, office = "us", "leader"
            elif title.startswith(RU_LEADER):
                country, office = "ru", "leader"
            elif title.startswith(RU_GOVERNMENT):
                country, office = "ru", "government"
            else:
                continue
            end = role.get("end")
            began = PartialDate.parse(role["start"]).first_day()
            ended = PartialDate.parse(end).last_day() if end else LAST_DAY
            if began <= last and ended >= first:
                out.append(
                    {"id": person["id"], "name": person["name"], "country": country,
                     "office": office, "title": title, "start": role["start"], "end": end,
                     "first": began, "last": ended}
                )  # fmt: skip
    out.sort(key=lambda t: (t["first"], t["country"], t["office"]))
    return out


def _public(term: Record) -> Record:
    return {k: term[k] for k in ("id", "name", "office", "title", "start", "end")}


def who(connection: sqlite3.Connection, when: PartialDate) -> dict[str, Any]:
    """Who led the US and the Soviet Union or Russia on a date (every day of a partial
    date): {"date", "us": [terms], "ru": [terms]}, a term being {id, name, office
    ("leader" or "government"), title, start, end}. A handover day lists both people."""
    first, last = when.first_day(), when.last_day()
    from datetime import date

    terms = _terms(connection, first, last)
    countries = {t["country"] for t in terms if t["office"] == "leader"}
    if countries != {"us", "ru"} or first > date.today().isoformat():
        covered = _covered(connection)
        span = f"{covered[0][:4]} – {covered[1][:4]}" if covered else "none"
        raise NotFoundError(f"no leaders' terms in the fact base for {when} (it covers {span})")
    terms.sort(key=lambda t: (t["office"] != "leader", t["first"]))  # leaders first
    return {
        "date": when.iso(),
        "us": [_public(t) for t in terms if t["country"] == "us"],
        "ru": [_public(t) for t in terms if t["country"] == "ru"],
    }


def _covered(connection: sqlite3.Connection) -> tuple[str, str] | None:
    """The span over which both countries' leaders are known: from the later first term
    to today (or the earlier last term); None unless both countries have a leader's term."""
    from datetime import date

    by_country: dict[str, list[Record]] = {}
    for term in _terms(connection):
        if term["office"] == "leader":
            by_country.setdefault(term["country"], []).append(term)
    if set(by_country) != {"us", "ru"}:
        return None
    start = max(min(t["first"] for t in terms) for terms in by_country.values())
    end = min(max(t["last"] for t in terms) for terms in by_country.values())
    return start, min(end, date.today().isoformat())


def pairings(connection: sqlite3.Connection, start: PartialDate, end: PartialDate) -> list[Record]:
    """Every pairing of US president and Soviet/Russian leader from ``start`` to ``end``,
    oldest first: {"from", "to", "us": [terms], "ru": [terms]} (``to`` None for a pairing
    that lasts to today). A term ends the day before its successor's begins (terms in
    people.yaml end on the handover day); while the Soviet Union existed its leader is the
    pairing's, not the President of Russia (Yeltsin from 1991-07-10). A day between two
    terms pairs with nobody (Brezhnev died 1982-11-10, Andropov took over 1982-11-12).
    UsageError if ``end`` is before ``start``; NotFoundError if no leader held office then.
    """
    first, last = start.first_day(), end.last_day()
    if last < first:
        raise UsageError(f"--from {start} is after --to {end}; give the earlier date first")
    terms = [t for t in _terms(connection, first, last) if t["office"] == "leader"]
    if not terms:
        raise NotFoundError(f"no leaders' terms in the fact base from {start} to {end}")
    begins = {first, *(max(first, t["first"]) for t in terms)}
    ends_after = {_day_after(t["last"]) for t in terms if t["last"] < last}
    cuts = sorted(begins | ends_after)
    from datetime import date

    ends = None if last >= date.today().isoformat() else last
    out: list[Record] = []
    for number, cut in enumerate(cuts):
        upto = _day_before(cuts[number + 1]) if number + 1 < len(cuts) else ends
        row = {"from": cut, "to": upto, "us": _holding(terms, "us", cut),
               "ru": _holding(terms, "ru", cut)}  # fmt: skip
        if out and _who_ids(out[-1]) == _who_ids(row):
            out[-1]["to"] = upto
        else:
            out.append(row)
    return out


def _who_ids(row: Record) -> tuple[list[str], list[str]]:
    return [t["id"] for t in row["us"]], [t["id"] for t in row["ru"]]


def _holding(terms: list[Record], country: str, day: str) -> list[Record]:
    """The leaders of a country on a day, one entry per person; a successor who starts that
    day replaces the one whose term ends on it; a Soviet office before a Russian one."""
    there = [t for t in terms if t["country"] == country and t["first"] <= day <= t["last"]]
    starting = [t for t in there if t["first"] == day]
    if starting:
        there = [t for t in there if t["last"] != day or t in starting]
    soviet = [t for t in there if "Soviet Union" in t["title"]]
    there = soviet or there
    people: dict[str, Record] = {}
    for term in there:
        people.setdefault(term["id"], _public(term))
    return list(people.values())


def _day_after(day: str) -> str:
    """The next day. Only ever given a term's last day before some asked day, so never
    9999-12-31."""
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def _day_before(day: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


# --- metrics -------------------------------------------------------------------------------------


def metrics(connection: sqlite3.Connection) -> list[Record]:
    """Every metric: {id, label, unit, countries (sorted), years [first, last], figures
    (how many), note}, by id; the derived ones (computed, never stored) too, with
    ``derived: True`` and their figures counted as the dates the computation gives."""
    covered = {
        row[0]: row[1:]
        for row in connection.execute(
            "SELECT metric, "  # pragma: no mutate (SQL is case-insensitive)
            "group_concat(DISTINCT country), "  # pragma: no mutate (SQL is case-insensitive)
            "min(date_sort), max(date_sort), "  # pragma: no mutate (SQL is case-insensitive)
            "count(*) FROM figures GROUP BY metric"  # pragma: no mutate (SQL is case-insensitive)
        )
    }
    rows = connection.execute(
        "SELECT json FROM records "  # pragma: no mutate (SQL is case-insensitive)
        "WHERE type = ? ORDER BY id",  # pragma: no mutate (SQL is case-insensitive)
        ["metric"],
    )
    out = []
    for (text,) in rows:
        metric = json.loads(text)
        found = covered.get(metric["id"])  # (countries, first date, last date, count)
        out.append(
            {
                "id": metric["id"],
                "label": metric["label"],
                "unit": metric["unit"],
                "countries": sorted(found[0].split(",")) if found else [],
                "years": [int(found[1][:4]), int(found[2][:4])] if found else [],
                "figures": found[3] if found else 0,
                "note": metric.get("note"),
            }
        )
    for key, spec in DERIVED_METRICS.items():
        dates = [row["date"] for row in _compare_derived(connection, key)["rows"]]
        out.append(
            {
                "id": key,
                "label": spec["label"],
                "unit": spec["unit"],
                "countries": ["us"],
                "years": [int(min(dates)[:4]), int(max(dates)[:4])] if dates else [],
                "figures": len(dates),
                "note": spec["note"],
                "derived": True,
            }
        )
    out.sort(key=lambda m: m["id"])
    return out


def missing_years(
    connection: sqlite3.Connection, metric_ids: Sequence[str], years: Sequence[int]
) -> list[str]:
    """For each asked year with no figure of these metrics: "no sourced figure for 1967
    (nearest: 1965, 1970)", the nearest years before and after that have one."""
    have: set[int] = set()
    for metric in metric_ids:
        if metric in DERIVED_METRICS:  # computed, so not in the figures table
            dates = [row["date"] for row in _compare_derived(connection, metric)["rows"]]
        else:
            dates = [
                row[0]
                for row in connection.execute(
                    "SELECT date FROM figures "  # pragma: no mutate (SQL is case-insensitive)
                    "WHERE metric = ?",  # pragma: no mutate (SQL is case-insensitive)
                    [metric],
                )
            ]
        have |= {int(day[:4]) for day in dates}
    return [f"no sourced figure for {y}{_nearest(have, y)}" for y in dict.fromkeys(years)
            if y not in have]  # fmt: skip


COUNTRY_NAMES = {"us": "the US", "ru": "Russia"}


def missing_cells(
    connection: sqlite3.Connection, metric_ids: Sequence[str], years: Sequence[int]
) -> list[str]:
    """For each asked year that has a figure of some of these metrics but not of all, the
    blank cells said out loud: "no sourced warhead-stockpile figure for the US in 1986
    (nearest: 1975, 1990)", a line per country; or one line, "no sourced
    deployed-strategic-warheads figure for 1967 (nearest: 2015)", when no country has a figure
    that year and their nearest years are the same. Years with no
    figure at all are ``missing_years``' to report."""
    have: dict[str, dict[str, set[int]]] = {}
    for metric in metric_ids:
        rows = connection.execute(
            "SELECT DISTINCT country, "  # pragma: no mutate (SQL is case-insensitive)
            "substr(date, 1, 4) FROM figures "  # pragma: no mutate (SQL is case-insensitive)
            "WHERE metric = ?",  # pragma: no mutate (SQL is case-insensitive)
            [metric],
        )
        for country, year in rows:
            have.setdefault(metric, {}).setdefault(country, set()).add(int(year))
    any_year = {y for by_country in have.values() for ys in by_country.values() for y in ys}
    out = []
    for year in dict.fromkeys(years):
        if year not in any_year:
            continue
        for metric, by_country in have.items():  # in the order asked; none without figures
            lacking = [
                c
                for c in sorted(by_country, key=lambda c: (c != "us", c))
                if year not in by_country[c]
            ]
            if not lacking:
                continue
            nearest = {_nearest(by_country[c], year) for c in lacking}
            if len(lacking) == len(by_country) > 1 and len(nearest) == 1:
                out.append(f"no sourced {metric} figure for {year}{nearest.pop()}")
                continue
            for country in lacking:
                out.append(
                    f"no sourced {metric} figure for {COUNTRY_NAMES[country]} in {year}"
                    + _nearest(by_country[country], year)
                )
    return out


def _nearest(have: set[int], year: int) -> str:
    """ " (nearest: 1965, 1970)": the closest years before and after YEAR (which has no
    figure) that have one; "" when none has."""
    from bisect import bisect

    ordered = sorted(have)
    at = bisect(ordered, year)  # ordered[at - 1] < year < ordered[at]
    nearest = ", ".join(str(y) for y in ordered[max(at - 1, 0) : at + 1])
    return f" (nearest: {nearest})" if nearest else ""


def empty_span(
    connection: sqlite3.Connection,
    what: str,
    start: PartialDate | None,
    end: PartialDate | None,
) -> str:
    """What to say when a listing over FROM..TO found nothing: whether the span lies
    outside the fact base ("not in the fact base (it covers 1809 – 2026)") or inside it."""
    covers: list[str] = meta(connection)["date_range"]
    if start is None:  # the listings give no TO without a FROM
        return f"no {what} match these filters (the fact base covers {' – '.join(covers)})"
    last = end or start
    span = f" from {start}" + (f" to {last}" if last != start else "")
    outside = covers and (last.last_day() < covers[0] or start.first_day() > covers[1])
    where = "not in the fact base" if outside else "none in the fact base"
    return f"no {what}{span}: {where} (it covers {' – '.join(c[:4] for c in covers)})"
