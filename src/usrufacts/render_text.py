"""Values as words, for every renderer: escaping, numbers, units, lists. No Rich here.

``safe`` (from ``text``, the one escape helper) neutralises what a terminal would act on;
``flat`` does that for one cell of TSV or CSV; ``show`` turns a value into the words a
reader expects in a table cell; ``machine`` into the form a program expects in a TSV or CSV
cell (numbers without thousands separators, lists joined with ``; ``).
"""

from __future__ import annotations

from typing import Any

from .text import safe

__all__ = ["flat", "label", "machine", "number", "quantity", "safe", "show", "singular"]


def flat(text: str) -> str:
    """Text for one TSV or CSV cell: as ``safe``, and tabs, newlines and carriage returns
    escaped too (``\\t``, ``\\n``, ``\\r``), since a raw one would start a new field or record."""
    text = safe(text)
    if "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def number(value: float) -> str:
    """1550 → '1,550'; 3.5 → '3.5'; 3.0 → '3'."""
    if isinstance(value, int) or value == int(value):
        return f"{int(value):,}"
    return f"{value:,}"


def quantity(value: float, unit: str) -> str:
    """A number with its unit, in the singular where the value is 1: '1 site', '2 sites'."""
    return f"{number(value)} {singular(unit) if value == 1 else unit}"


_IRREGULAR = {"people": "person", "series": "series", "kilotons": "kiloton"}


def singular(unit: str) -> str:
    """'sites' → 'site', 'delivery vehicles' → 'delivery vehicle', 'metric tons' → 'metric ton'."""
    head, _, last = unit.rpartition(" ")
    if last in _IRREGULAR:
        last = _IRREGULAR[last]
    elif last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return f"{head} {last}" if head else last


def show(value: Any) -> str:
    """A value as a reader wants it in a table cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, list):
        if all(isinstance(v, int | float) for v in value) and value:
            return " / ".join(show(v) for v in value) + " (disputed)"
        return ", ".join(show(v) for v in value)
    if isinstance(value, dict):
        if "name" in value and "id" in value:
            return str(value["name"])
        if "value" in value and "unit" in value:
            return quantity(value["value"], value["unit"])
        if "text" in value:
            return str(value["text"])
        if "signatories" in value:
            where = f", {value['place']}" if value.get("place") else ""
            names = show(value["signatories"])
            return f"{value['date']}{where}" + (f"; by {names}" if names else "")
        if "how" in value:
            by = f" by {value['by'].upper()}" if value.get("by") else ""
            note = f": {value['note']}" if value.get("note") else ""
            return f"{value['date']}, {value['how'].replace('-', ' ')}{by}{note}"
        return "; ".join(f"{k}: {show(v)}" for k, v in value.items() if v not in (None, [], ""))
    return str(value)


def machine(value: Any) -> str:
    """A value as a program wants it in a TSV or CSV cell: '1550', 'us; ru', a source's id."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(int(value)) if value == int(value) else repr(value)
    if isinstance(value, list):
        return "; ".join(machine(_ref(v)) for v in value)
    if isinstance(value, dict):
        return show(value)
    return str(value)


def _ref(value: Any) -> Any:
    """A linked record inside a list (a source, a participant) by its id."""
    return value["id"] if isinstance(value, dict) and "id" in value else value


def label(key: str) -> str:
    """A machine key as a heading: 'in_force' → 'In force'."""
    return key.replace("_", " ").capitalize()
