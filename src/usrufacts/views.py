"""Which columns each listing shows. JSON output carries the whole records regardless."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .render import Column, Row


def _headline(treaty: Row) -> str:
    if not treaty["limits"]:
        return ""
    first = treaty["limits"][0]
    value = first["value"]
    shown = f"{value:,}" if isinstance(value, int) else f"{value:g}"
    return f"{first['label']}: {shown} {first['unit']}"


def _ended(treaty: Row) -> str:
    ended = treaty.get("ended")
    return f"{ended['date']} ({ended['how']})" if ended else ""


def with_status(treaty: Row, status: Row) -> Row:
    """The treaty with its status as of a date, placed after its dates."""
    out: Row = {}
    for key, value in treaty.items():
        out[key] = value
        if key == "ended":
            out["status"] = status
    return out


TREATY_COLUMNS = [
    Column("id", "Id"),
    Column("name", "Name"),
    Column("signed", "Signed", lambda t: t["signed"]["date"]),
    Column("in_force", "In force"),
    Column("ended", "Ended", _ended),
    Column("status", "Status", lambda t: t["status"]["text"]),
    Column("headline_limit", "Headline limit", _headline),
]


def _when(event: Row) -> str:
    return f"{event['date']} – {event['end']}" if event.get("end") else str(event["date"])


EVENT_COLUMNS = [
    Column("date", "Date", _when),
    Column("kind", "Kind"),
    Column("title", "Event"),
    Column("id", "Id"),
]
MEETING_COLUMNS = [
    Column("number", "#"),
    Column("date", "Date", _when),
    Column("format", "Format", lambda e: e.get("format") or e["kind"]),
    Column("place", "Place"),
    Column("title", "Event"),
    Column("id", "Id"),
]


def _hit_date(record: Row) -> Any:
    if record["type"] == "treaty":
        return record["signed"]["date"]
    return record.get("date") or record.get("accessed")


def _hit_title(record: Row) -> Any:
    return record.get("title") or record.get("name") or record.get("label")


SEARCH_COLUMNS = [
    Column("type", "Kind", lambda r: r.get("kind") or r["type"]),
    Column("date", "Date", _hit_date),
    Column("title", "Title", _hit_title),
    Column("id", "Id"),
]
ARSENAL_COLUMNS = [
    Column("year", "Year", lambda r: str(r["year"])),
    Column("us_stockpile", "US stockpile"),
    Column("ru_stockpile", "Russia stockpile"),
    Column("stockpile_ratio", "US:RU"),
    Column("us_deployed", "US deployed strategic"),
    Column("ru_deployed", "Russia deployed strategic"),
    Column("deployed_ratio", "US:RU deployed"),
    Column("us_declared", "US declared stockpile"),
]
FIGURE_COLUMNS = [
    Column("date", "Date"),
    Column("us", "United States"),
    Column("ru", "Russia"),
    Column("ratio", "US:RU"),
]
CHECK_COLUMNS = [Column("item", "Item"), Column("value", "Value")]


def treaty_comparison_columns(treaties: list[Row]) -> list[Column]:
    columns = [Column("label", "Limit")]
    columns += [Column(t["id"], t["name"]) for t in treaties]
    return columns


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
    Column("name", "Name"),
    Column("title", "Office"),
    Column("start", "From"),
    Column("end", "To", lambda r: r.get("end") or "now"),
    Column("id", "Id"),
]
PAIRING_COLUMNS = [
    Column("from", "From"),
    Column("to", "To", lambda r: r.get("to") or ""),
    Column("us", "US president", lambda r: ", ".join(t["name"] for t in r["us"])),
    Column("ru", "Soviet/Russian leader", lambda r: ", ".join(t["name"] for t in r["ru"])),
]
METRIC_COLUMNS = [
    Column("id", "Metric"),
    Column("unit", "Unit"),
    Column("years", "Years", lambda r: "–".join(str(y) for y in r["years"])),
    Column("countries", "Of", lambda r: ", ".join(c.upper() for c in r["countries"])),
    Column("label", "Label"),
]


def who_rows(found: Row) -> list[Row]:
    """The leaders on a date as rows: the US first, then the Soviet Union or Russia."""
    return [{"country": c, **term} for c in ("us", "ru") for term in found[c]]
