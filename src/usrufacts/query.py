"""Queries over the compiled index. Returns plain data; never prints."""

from __future__ import annotations

import difflib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from .dates import PartialDate
from .errors import NotFoundError, UsageError
from .index import WORD, normalise

Record = dict[str, Any]

EVENT_KINDS = (
    "summit", "meeting", "call", "treaty", "sanctions", "military", "diplomatic", "election",
    "economic", "crisis", "conflict", "alliance", "un", "aid", "intelligence", "legal",
)  # fmt: skip
CONTACT_KINDS = ("summit", "meeting", "call")
SEARCH_WINDOW = 2000
RECORD_TYPES = ("treaty", "event", "person", "figure", "metric", "source")
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
    cited: dict[str, Record] = {}
    ids = sorted(wanted)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = connection.execute(
            "SELECT id, publisher, title, url, accessed, tier FROM citations "
            f"WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        for row in rows:
            cited[row[0]] = dict(zip(CITATION, row, strict=True))
    for record in records:
        if record["type"] != "source":
            record["sources"] = [cited[i] for i in record["sources"]]
        for value in record.get("values", []):
            value["sources"] = [cited[i] for i in value["sources"]]
    return records


def meta(connection: sqlite3.Connection) -> dict[str, Any]:
    """The index's facts about itself: counts, date range, the facts-as-of date (the newest
    date a source was read) and the complete-to date (the date up to which the editors searched
    for events, declared by ``complete_to`` in an events file; "" when none declares it)."""
    rows = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    out: dict[str, Any] = {
        "facts_as_of": rows["facts_as_of"],
        "complete_to": rows.get("complete_to", ""),
        "version": rows["version"],
    }
    for key in ("counts", "sourced", "date_range", "files"):
        out[key] = json.loads(rows[key])
    return out


# --- finding records by name ---------------------------------------------------------------


def resolve(connection: sqlite3.Connection, name: str, rtype: str | None = None) -> str:
    """The id a name, alias or id stands for; NotFoundError with suggestions otherwise."""
    what = rtype or "record"
    form = normalise(name)
    if not form:
        raise NotFoundError(f"no {what} named {name!r}")
    typed = "" if rtype is None else " AND type = ?"
    params: list[str] = [] if rtype is None else [rtype]
    if connection.execute(f"SELECT 1 FROM records WHERE id = ?{typed}", [name, *params]).fetchone():
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
    if not hits:
        # A bare word that begins or is part of several names is ambiguous, not unknown.
        hits = {
            row[0]
            for row in connection.execute(
                f"SELECT DISTINCT id FROM names WHERE norm LIKE ? ESCAPE '\\'{typed} LIMIT 12",
                [f"%{_like(form)}%", *params],
            )
        }
        if len(form) < 3 or len(hits) == 1:
            hits = set()
    if len(hits) > 1:
        listed = ", ".join(sorted(hits)[:8])
        plural = "treaties" if what == "treaty" else ("people" if what == "person" else what + "s")
        raise NotFoundError(f"{name!r} could be any of several {plural}: {listed}; give the id")
    raise NotFoundError(_not_found(connection, name, form, what, typed, params))


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _not_found(
    connection: sqlite3.Connection, name: str, form: str, what: str, typed: str, params: list[str]
) -> str:
    # Only names of about the same length can be close: that keeps the comparison cheap in
    # a large fact base. (A normalised id is at most its own length.)
    near = [max(1, len(form) - 4), len(form) + 4]
    by_form: dict[str, str] = {}
    names = f"SELECT norm, id FROM names WHERE length(norm) BETWEEN ? AND ?{typed}"
    for norm, rid in connection.execute(names, [*near, *params]):
        by_form.setdefault(norm, rid)
    ids = f"SELECT id FROM records WHERE length(id) BETWEEN ? AND ?{typed}"
    ids_params: list[Any] = [near[0], near[1] + 12, *params]
    (total,) = connection.execute("SELECT max(rowid) FROM records").fetchone()
    if (total or 0) > 20_000:  # a very large base: only ids that start alike
        ids += " AND substr(id, 1, 1) = ?"
        ids_params.append(name[:1].lower())
    for (rid,) in connection.execute(ids, ids_params):
        by_form.setdefault(normalise(rid), rid)
    close = difflib.get_close_matches(form, list(by_form), n=10, cutoff=0.7)
    suggestions = list(dict.fromkeys(by_form[c] for c in close))[:3]
    hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
    listing = "treaty" if what == "treaty" else "search"
    return f"no {what} named {name!r}{hint} ('usrufacts {listing}' lists them)"


def get(connection: sqlite3.Connection, name: str, rtype: str | None = None) -> Record:
    """One record by id, name or alias."""
    rid = resolve(connection, name, rtype)
    row = connection.execute("SELECT json, origin FROM records WHERE id = ?", [rid]).fetchone()
    (record,) = _expand(connection, [json.loads(row[0])])
    record["origin"] = row[1]
    return record


# --- listings --------------------------------------------------------------------------------


def treaties(connection: sqlite3.Connection) -> list[Record]:
    rows = connection.execute(
        "SELECT json FROM records WHERE type = 'treaty' "
        "ORDER BY json_extract(json, '$.signed.date'), id"
    )
    return _records(connection, rows)


def timeline(
    connection: sqlite3.Connection,
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    kinds: Sequence[str] = (),
    who: Sequence[str] = (),
    limit: int | None = None,
) -> list[Record]:
    """Events whose period overlaps FROM..TO, oldest first; partial dates sort first."""
    if start and end and end.last_day() < start.first_day():
        raise UsageError(f"FROM {start} is after TO {end}; give the earlier date first")
    for kind in kinds:
        if kind not in EVENT_KINDS:
            raise UsageError(f"unknown kind {kind!r}; choose from {', '.join(EVENT_KINDS)}")
    sql = ["SELECT json FROM records WHERE type = 'event'"]
    params: list[Any] = []
    if start is not None:
        sql.append("AND date_to >= ?")
        params.append(start.first_day())
    if end is not None:
        sql.append("AND date_from <= ?")
        params.append(end.last_day())
    if kinds:
        sql.append(f"AND kind IN ({','.join('?' * len(kinds))})")
        params.extend(kinds)
    for person in who:
        sql.append("AND id IN (SELECT event_id FROM participants WHERE person_id = ?)")
        params.append(resolve(connection, person, "person"))
    sql.append("ORDER BY date_sort, id")
    if limit is not None:
        sql.append("LIMIT ?")
        params.append(limit)
    return _records(connection, connection.execute(" ".join(sql), params))


def meetings(connection: sqlite3.Connection, who: Sequence[str] = ()) -> list[Record]:
    """Leaders' summits, meetings and calls with every named person present; numbered."""
    people = who or ("donald-trump", "vladimir-putin")
    events = timeline(connection, kinds=CONTACT_KINDS, who=people)
    return [{"number": n, **event} for n, event in enumerate(events, 1)]


def search(connection: sqlite3.Connection, text: str, limit: int = 25) -> list[Record]:
    """Records ranked by relevance to the words of ``text``; an exact name comes first."""
    words = [w for w in normalise_words(text) if w]
    if not words:
        raise UsageError("search needs at least one word or number")
    query = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    # Rank at most SEARCH_WINDOW candidates, taken in rowid order (treaties, events and
    # people first): a query matching tens of thousands of records in a large fact base
    # then costs what it costs on the real one.
    rows = connection.execute(
        "SELECT r.json FROM (SELECT rowid, bm25(search, 8.0, 1.0) AS score FROM search "
        "WHERE search MATCH ? LIMIT ?) AS hits JOIN records r ON r.rowid = hits.rowid "
        "ORDER BY r.type IN ('figure', 'source', 'metric'), hits.score, r.date_sort LIMIT ?",
        [query, SEARCH_WINDOW, limit],
    ).fetchall()
    found = _records(connection, rows)
    try:
        exact = resolve(connection, text)
    except NotFoundError:
        return found
    if any(r["id"] == exact for r in found):
        found.sort(key=lambda r: r["id"] != exact)
        return found
    return [get(connection, exact), *found][:limit]


def normalise_words(text: str) -> list[str]:
    import unicodedata

    return WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def sources(
    connection: sqlite3.Connection, name: str | None = None, tiers: Sequence[str] = ()
) -> list[Record]:
    """The bibliography, or the sources one record cites; best tier first (see
    usrufacts.tiers), then by id or in the order cited. ``tiers`` keeps only those tiers."""
    if name is None:
        where = f"AND c.tier IN ({','.join('?' * len(tiers))})" if tiers else ""
        return _records(
            connection,
            connection.execute(
                "SELECT r.json FROM records r JOIN citations c ON c.id = r.id "
                f"WHERE r.type = 'source' {where} ORDER BY c.rank, c.id",
                list(tiers),
            ),
        )
    record = get(connection, name)
    if record["type"] == "source":
        found = [_without(record, "origin")]
    else:
        found = [{"type": "source", **s, "sources": []} for s in record["sources"]]
    return [s for s in found if not tiers or s["tier"] in tiers]


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
        "SELECT type, json FROM records WHERE json_extract(json, '$.derived_from') IS NULL "
        "ORDER BY type, date_sort, id"
    )
    everyone = _expand(connection, [json.loads(text) for _, text in rows])
    for record in everyone:
        out[names[record["type"]]].append(record)
    return out


# --- treaty status ---------------------------------------------------------------------------


def treaty_status(treaty: Record, as_of: PartialDate) -> dict[str, Any]:
    """Where a treaty stood on a date: overall, and each party's own suspension or exit."""
    steps: list[tuple[str, str, str | None]] = [(treaty["signed"]["date"], "signed", None)]
    if treaty.get("in_force"):
        steps.append((treaty["in_force"], "in force", None))
    steps += [(c["date"], _words(c["status"]), c["party"]) for c in treaty["status_history"]]
    if treaty.get("ended"):
        steps.append(
            (treaty["ended"]["date"], _words(treaty["ended"]["how"]), treaty["ended"]["by"])
        )
    steps.sort(key=lambda step: PartialDate.parse(step[0]).sort_key())
    status, since = "not yet signed", None
    parties: dict[str, dict[str, str]] = {}
    ended = treaty.get("ended")
    for date, name, party in steps:
        if PartialDate.parse(date).first_day() > as_of.last_day():
            break
        if ended and date == ended["date"] and name == _words(ended["how"]):
            status, since, parties = name + (f" by {party.upper()}" if party else ""), date, {}
        elif party:
            parties[party] = {"status": name, "since": date}
        elif name in {"extended", "ratified"} and status == "in force":
            since = date
            status = f"in force ({name})"
        else:
            status, since = name, date
    text = status + (f" since {since}" if since else "")
    for party, state in sorted(parties.items()):
        text += f"; {party.upper()} {state['status']} since {state['since']}"
    return {
        "as_of": as_of.iso(),
        "status": status,
        "since": since,
        "parties": parties,
        "text": text,
    }


def _words(status: str) -> str:
    return {"in-force": "in force", "never-in-force": "never in force"}.get(status, status)


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
    sql = "SELECT r.json FROM figures f JOIN records r ON r.id = f.id WHERE f.metric = ?"
    params: list[Any] = [metric_id]
    if years:
        sql += f" AND CAST(substr(f.date, 1, 4) AS INTEGER) IN ({','.join('?' * len(years))})"
        params.extend(years)
    return _records(
        connection, connection.execute(sql + " ORDER BY f.date_sort, f.country", params)
    )


def compare_figure(
    connection: sqlite3.Connection, name: str, years: Sequence[int] = ()
) -> dict[str, Any]:
    """One metric, US beside Russia, a row per date; a derived metric is computed here."""
    if name in DERIVED_METRICS:
        return _compare_derived(connection, name, years)
    found = get(connection, name, "metric")
    rows: dict[str, Record] = {}
    for figure in figures(connection, found["id"], years):
        row = rows.setdefault(
            figure["date"], {"date": figure["date"], "us": None, "ru": None, "sources": []}
        )
        row[figure["country"]] = _figure_cell(figure)
        row["sources"] += [s for s in figure["sources"] if s not in row["sources"]]
    for row in rows.values():
        row["ratio"] = _ratio(row["us"], row["ru"])
    return {"metric": found, "rows": list(rows.values())}


def _compare_derived(
    connection: sqlite3.Connection, name: str, years: Sequence[int]
) -> dict[str, Any]:
    """Sum the parts' US values where every part has a value for the date; a disputed part
    gives a [low, high] range. Rows carry every part's sources and ``derived: True``."""
    metric = next(m for m in derived_metrics() if m["id"] == name)
    parts = [compare_figure(connection, part, years)["rows"] for part in metric["sum_of"]]
    by_date = [{row["date"]: row for row in rows if row["us"] is not None} for rows in parts]
    rows = []
    for date in [d for d in by_date[0] if all(d in other for other in by_date[1:])]:
        cells = [part[date] for part in by_date]
        lows = [min(c["us"]) if isinstance(c["us"], list) else c["us"] for c in cells]
        highs = [max(c["us"]) if isinstance(c["us"], list) else c["us"] for c in cells]
        low, high = round(sum(lows), 1), round(sum(highs), 1)
        sources = [s for c in cells for s in c["sources"]]
        rows.append(
            {"date": date, "us": low if low == high else [low, high], "ru": None,
             "sources": list({s["id"]: s for s in sources}.values()), "ratio": None,
             "derived": True}
        )  # fmt: skip
    return {"metric": metric, "rows": rows}


def compare_arsenal(connection: sqlite3.Connection, years: Sequence[int] = ()) -> list[Record]:
    """US and Russian stockpiles and deployed strategic warheads by year, with the ratios,
    and the US stockpile as the US declares it (which leaves out retired warheads)."""
    table: dict[int, Record] = {}
    for label, metric_id in ARSENAL_METRICS:
        for figure in figures(connection, metric_id, years):
            year = int(figure["date"][:4])
            row = table.setdefault(year, {"year": year, "sources": []})
            row[f"{figure['country']}_{label}"] = _figure_cell(figure)
            row["sources"] += [s for s in figure["sources"] if s not in row["sources"]]
    out = []
    for year in sorted(table):
        row = table[year]
        full: Record = {"year": year}
        for label, _ in ARSENAL_METRICS[:2]:
            us, ru = row.get(f"us_{label}"), row.get(f"ru_{label}")
            full |= {f"us_{label}": us, f"ru_{label}": ru, f"{label}_ratio": _ratio(us, ru)}
        out.append(full | {"us_declared": row.get("us_declared"), "sources": row["sources"]})
    return out


def compare_treaties(connection: sqlite3.Connection, names: Sequence[str]) -> dict[str, Any]:
    """Rows are kinds of limit, columns treaties; a limit a treaty lacks is None, not zero."""
    found = [get(connection, name, "treaty") for name in names]
    rows: dict[str, Record] = {}
    for treaty in found:
        for limit in treaty["limits"]:
            row = rows.setdefault(
                limit["key"],
                {"key": limit["key"], "label": limit["label"]} | {t["id"]: None for t in found},
            )
            row[treaty["id"]] = {"value": limit["value"], "unit": limit["unit"]}
    return {"treaties": found, "rows": list(rows.values())}
