"""``export --format sqlite``: a database designed for people (and Datasette), not the cache.

One table per collection with ``id`` as primary key; typed columns for what people filter
on (dates as ISO text plus an integer ``year``, kind, country, value, unit); link tables,
with foreign keys, for participants, signatories and the sources each record cites;
FTS5 full-text tables built by sqlite-utils (``<table>_fts``, which Datasette detects);
no absolute paths (the records' ``origin`` is left out). ``metadata`` gives the
Datasette metadata (titles, descriptions, units, source policy) for ``--metadata FILE``.

sqlite-utils is imported inside the functions; the file appears whole or not at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

Record = dict[str, Any]

SOURCE_POLICY = (
    "Every record cites at least one public page the editors read (publisher, title, URL and "
    "the date read). Primary and specialist sources are preferred to news, news to "
    "reference works. Where sources disagree on a number, each value is kept with its own "
    "sources and the figure is marked disputed (value empty): never averaged."
)
LICENSE = "MIT"

# Full-text search: table -> columns indexed.
FTS = {
    "treaties": ["name", "full_name", "aliases", "summary"],
    "events": ["title", "summary", "place"],
    "people": ["name", "aliases"],
    "sources": ["publisher", "title"],
    "metrics": ["label", "note"],
}


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date else None


def _names(values: list[str]) -> str | None:
    return "; ".join(values) if values else None


def _rows(data: dict[str, list[Record]]) -> dict[str, list[Record]]:
    """The collections as table rows; link tables beside them."""
    tables: dict[str, list[Record]] = {name: [] for name in TABLES}
    for s in data["sources"]:
        tables["sources"].append({k: s[k] for k in ("id", "publisher", "title", "url", "accessed")})
    for p in data["people"]:
        tables["people"].append(
            {
                "id": p["id"],
                "name": p["name"],
                "country": p["country"],
                "aliases": _names(p["aliases"]),
            }
        )
        for role in p["roles"]:
            tables["roles"].append({"person_id": p["id"], **role})
    for m in data["metrics"]:
        tables["metrics"].append({k: m.get(k) for k in ("id", "label", "unit", "note")})
    for t in data["treaties"]:
        ended = t.get("ended") or {}
        tables["treaties"].append(
            {
                "id": t["id"],
                "name": t["name"],
                "full_name": t.get("full_name"),
                "category": t["category"],
                "parties": ", ".join(t["parties"]),
                "signed": t["signed"]["date"],
                "signed_year": _year(t["signed"]["date"]),
                "signed_place": t["signed"].get("place"),
                "in_force": t.get("in_force"),
                "ended": ended.get("date"),
                "ended_how": ended.get("how"),
                "ended_by": ended.get("by"),
                "verification": t.get("verification"),
                "summary": t["summary"],
                "aliases": _names(t["aliases"]),
            }
        )
        for person in t["signed"]["signatories"]:
            tables["signatories"].append({"treaty_id": t["id"], "person_id": person["id"]})
        for limit in t["limits"]:
            tables["limits"].append({"treaty_id": t["id"], **limit})
        for vote in t["ratification"]:
            tables["ratifications"].append({"treaty_id": t["id"], **vote})
        for change in t["status_history"]:
            tables["status_changes"].append({"treaty_id": t["id"], **change})
    for e in data["events"]:
        tables["events"].append(
            {
                "id": e["id"],
                "date": e["date"],
                "end": e.get("end"),
                "year": _year(e["date"]),
                "kind": e["kind"],
                "format": e.get("format"),
                "title": e["title"],
                "place": e.get("place"),
                "duration_minutes": e.get("duration_minutes"),
                "outcomes": "\n".join(e["outcomes"]) or None,
                "summary": e["summary"],
            }
        )
        for person in e["participants"]:
            tables["participants"].append({"event_id": e["id"], "person_id": person["id"]})
    for f in data["figures"]:
        tables["figures"].append(
            {
                "id": f["id"],
                "metric_id": f["metric"],
                "country": f["country"],
                "date": f["date"],
                "year": _year(f["date"]),
                "value": f["value"],
                "unit": f["unit"],
                "disputed": int(f["disputed"]),
                "low": min(v["value"] for v in f["values"]),
                "high": max(v["value"] for v in f["values"]),
            }
        )
        for n, value in enumerate(f["values"], 1):
            tables["figure_values"].append(
                {"figure_id": f["id"], "n": n, "value": value["value"], "note": value.get("note")}
            )
            for source in value["sources"]:
                tables["figure_value_sources"].append(
                    {"figure_id": f["id"], "n": n, "source_id": source["id"]}
                )
    for collection, table, key in CITED:
        for record in data[collection]:
            for source in record["sources"]:
                tables[table].append({key: record["id"], "source_id": source["id"]})
    return tables


# Table -> (primary key, foreign keys as (column, other table), column types).
_TEXT, _INT, _REAL = str, int, float
# A None key: rows have only SQLite's rowid (a treaty may list the same kind of limit twice).
TABLES: dict[str, tuple[str | tuple[str, ...] | None, list[tuple[str, str]], dict[str, type]]] = {
    "sources": ("id", [], {}),
    "people": ("id", [], {}),
    "roles": (None, [("person_id", "people")], {"end": _TEXT}),
    "metrics": ("id", [], {"note": _TEXT}),
    "treaties": (
        "id",
        [],
        {
            "full_name": _TEXT,
            "signed_place": _TEXT,
            "in_force": _TEXT,
            "ended": _TEXT,
            "ended_how": _TEXT,
            "ended_by": _TEXT,
            "verification": _TEXT,
            "aliases": _TEXT,
        },
    ),
    "signatories": (
        ("treaty_id", "person_id"),
        [("treaty_id", "treaties"), ("person_id", "people")],
        {},
    ),
    "limits": (None, [("treaty_id", "treaties")], {"value": _REAL, "note": _TEXT}),
    "ratifications": (
        None,
        [("treaty_id", "treaties")],
        {"yes": _INT, "no": _INT, "note": _TEXT},
    ),
    "status_changes": (
        None,
        [("treaty_id", "treaties")],
        {"party": _TEXT, "note": _TEXT},
    ),
    "events": (
        "id",
        [],
        {
            "end": _TEXT,
            "format": _TEXT,
            "place": _TEXT,
            "duration_minutes": _INT,
            "outcomes": _TEXT,
        },
    ),
    "participants": (
        ("event_id", "person_id"),
        [("event_id", "events"), ("person_id", "people")],
        {},
    ),
    "figures": ("id", [("metric_id", "metrics")], {"value": _REAL, "low": _REAL, "high": _REAL}),
    "figure_values": (
        ("figure_id", "n"),
        [("figure_id", "figures")],
        {"value": _REAL, "note": _TEXT},
    ),
    "figure_value_sources": (
        ("figure_id", "n", "source_id"),
        [("figure_id", "figures"), ("source_id", "sources")],
        {},
    ),
    "treaty_sources": (
        ("treaty_id", "source_id"),
        [("treaty_id", "treaties"), ("source_id", "sources")],
        {},
    ),
    "event_sources": (
        ("event_id", "source_id"),
        [("event_id", "events"), ("source_id", "sources")],
        {},
    ),
    "figure_sources": (
        ("figure_id", "source_id"),
        [("figure_id", "figures"), ("source_id", "sources")],
        {},
    ),
    "person_sources": (
        ("person_id", "source_id"),
        [("person_id", "people"), ("source_id", "sources")],
        {},
    ),
}
CITED = (
    ("treaties", "treaty_sources", "treaty_id"),
    ("events", "event_sources", "event_id"),
    ("figures", "figure_sources", "figure_id"),
    ("people", "person_sources", "person_id"),
)
FACETS = (
    ("events", ["kind", "year"], "date"),
    ("treaties", ["category"], "signed"),
    ("figures", ["metric_id", "country"], "date"),
    ("people", ["country"], "name"),
    ("sources", ["publisher"], "id"),
)
# Which column a row page links by (Datasette's "label column").
LABELS = {
    "sources": "title",
    "people": "name",
    "metrics": "label",
    "treaties": "name",
    "events": "title",
}


def write(data: dict[str, list[Record]], path: Path, force: bool = False) -> None:
    """Build the database from ``everything()``'s collections into ``path``, atomically
    (``atomic.writing``: WriteError when it cannot be written, UsageError when it exists
    and ``force`` is false).

    Tables are created in dependency order so every foreign key points at a table that
    exists; sqlite-utils then builds the FTS5 tables and ``PRAGMA foreign_key_check``
    confirms every link resolves (a dangling one raises ValueError naming it).
    """
    import sqlite_utils

    from .atomic import writing

    tables = _rows(data)
    with writing(path, force) as temporary:
        db = sqlite_utils.Database(temporary)
        try:
            db.execute("PRAGMA journal_mode = OFF")  # a temporary file: no journal to leave
            for name, (pk, foreign, types) in TABLES.items():
                columns = {k: type(v) for row in tables[name][:1] for k, v in row.items()}
                columns |= types
                table = db.table(name)
                keys = () if pk is None else (pk,) if isinstance(pk, str) else pk
                table.create(
                    {k: (v if v in (str, int, float) else str) for k, v in columns.items()},
                    pk=pk,
                    foreign_keys=[(col, other, "id") for col, other in foreign],
                    not_null=set(keys),
                )
                rows = tables[name]
                if len(keys) > 1:  # a link table: each link once
                    rows = list({tuple(r[k] for k in keys): r for r in rows}.values())
                table.insert_all(rows)
                for col, _ in foreign:
                    table.create_index([col], if_not_exists=True)
            for name, indexed in FTS.items():
                db.table(name).enable_fts(indexed, fts_version="FTS5", tokenize="porter")
            dangling = db.execute("PRAGMA foreign_key_check").fetchall()
            if dangling:
                raise ValueError(f"export: {len(dangling)} links point nowhere: {dangling[:3]}")
            db.execute("PRAGMA user_version = 1")
            db.vacuum()
        finally:
            db.close()


def metadata(database: str) -> Record:
    """Datasette metadata for the export named ``database`` (the file name without
    ``.db``): title, description, licence, source policy, and per table a description,
    the label column and what each column means, with units."""
    tables: dict[str, Record] = {
        "treaties": {
            "description": "Arms-control and related treaties between the United States "
            "and the USSR/Russia; one row per treaty. Dates are ISO 8601 at the precision "
            "known (YYYY, YYYY-MM or YYYY-MM-DD).",
            "columns": {
                "signed": "Date of signature",
                "in_force": "Date of entry into force",
                "ended": "Date the treaty ended (expiry, withdrawal, termination)",
                "parties": "Parties: us, ru (Russia, or the USSR before 1992)",
            },
        },
        "limits": {
            "description": "Numerical limits a treaty sets; each with its unit.",
            "columns": {"value": "The limit, in `unit`", "unit": "Unit of `value`"},
        },
        "ratifications": {"description": "Votes by which each side ratified a treaty."},
        "status_changes": {"description": "Extensions, suspensions and withdrawals."},
        "events": {
            "description": "Dated events: summits, meetings and calls between leaders, "
            "sanctions, crises and more; `kind` says which.",
            "columns": {"duration_minutes": "Length of a meeting or call, in minutes"},
            # Datasette shows units it knows (pint); warheads and dollars it does not.
            "units": {"duration_minutes": "min"},
        },
        "participants": {"description": "Who took part in each event (event ↔ person)."},
        "people": {"description": "Leaders and officials, with their roles."},
        "roles": {"description": "The offices people held, with start and end dates."},
        "metrics": {"description": "What each series of figures measures, and its unit."},
        "figures": {
            "description": "Numbers by country and date: warhead counts, trade, aid. Where "
            "sources disagree, `disputed` is 1, `value` is empty and `low`/`high` give the "
            "range; figure_values keeps each value with its own sources.",
            "columns": {
                "value": "The figure, in `unit` (empty where disputed)",
                "unit": "Unit of value, low and high (e.g. warheads, USD million)",
                "country": "us or ru (the USSR before 1992)",
            },
        },
        "figure_values": {"description": "Each source's value for a figure."},
        "sources": {
            "description": "The pages the facts were checked against: publisher, title, "
            "URL and the date each was read.",
            "columns": {"accessed": "Date the page was read"},
        },
    }
    for name, label in LABELS.items():
        tables[name]["label_column"] = label
    # What a reader filters by first, offered as facets; listings in date order.
    for name, facets, sort in FACETS:
        tables[name] |= {"facets": facets, "sort": sort}
    for _, table, key in CITED:
        tables[table] = {"description": f"The sources each {key[:-3]} cites."}
    return {
        "title": "usrufacts: United States–Russia relations, with sources",
        "description": "Treaties and their limits, summits, meetings and calls, sanctions, "
        "arsenal counts, trade and leaders, each fact with the sources it was checked "
        "against. Source policy: " + SOURCE_POLICY,
        "license": LICENSE,
        "source": "usrufacts fact base",
        "databases": {database: {"source_policy": SOURCE_POLICY, "tables": tables}},
    }


def write_metadata(database_file: Path, path: Path, force: bool = False) -> None:
    """metadata.json for ``database_file`` at ``path``, atomically (``atomic.writing``)."""
    from .atomic import writing

    text = json.dumps(metadata(database_file.stem), indent=2, ensure_ascii=False)
    with writing(path, force) as temporary:
        Path(temporary).write_text(text + "\n", encoding="utf-8")
