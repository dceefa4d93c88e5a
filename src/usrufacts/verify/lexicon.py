"""The lexicon verify links words with, compiled into the cached index.

At build time (``compile_lexicon``) the records' names, aliases, titles, places and metric
labels are turned into phrases, together with the vocabulary kept with the data in
``facts/vocabulary/verify.yaml`` (and an overlay's ``vocabulary/verify.yaml``). The result
is one JSON document in the index's ``verify_lexicon`` table; ``load`` reads it back, so a
call to verify costs one row and one ``json.loads``, never YAML.

Shape of the document::

    phrases   {"new start": [[kind, payload, case], ...]}  kind: treaty, person, event, place,
              country, metric, dateverb, body, limitcue, meeting, anaphor, total, otherkind;
              case: "" (any), "upper" (written in capitals), "title" (a capital first letter)
    starts    {"new": [3, 2]}: the lengths of the phrases each first word begins
    treaties  {id: {name, signed, in_force, ended, status, ratification, limits}}
    events    {id: {title, date, end, kind, people, places}}

Sources are not copied here: verify reads a finding's sources by its record id.
    figures   {metric: {country: [[date, [values], figure id], ...]}}
    metrics   {id: {label, unit}}
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .reading import stem, words

VOCABULARY = Path("vocabulary") / "verify.yaml"
TABLE = "verify_lexicon"
Lexicon = dict[str, Any]

_DROP_FROM_NAMES = {"treaty", "agreement", "the"}
_HOME = {"united states", "russia", "soviet union", "russian federation", "usa", "ussr"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "1": "i", "2": "ii", "3": "iii"}


def vocabulary_files(directories: Iterable[Path]) -> list[Path]:
    """The vocabulary files of these fact directories, in overlay order."""
    return [d / VOCABULARY for d in directories if (d / VOCABULARY).is_file()]


def compile_lexicon(records: Iterable[dict[str, Any]], vocabulary: list[Path]) -> Lexicon:
    """Everything verify needs, from the compiled records and the vocabulary files."""
    import yaml

    vocab: dict[str, Any] = {}
    for path in vocabulary:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, value in loaded.items():
            if isinstance(value, list):
                vocab.setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                target = vocab.setdefault(key, {})
                for sub, items in value.items():
                    target.setdefault(sub, []).extend(items)
    builder = _Builder()
    aliases: dict[str, str] = {}
    for key, phrases in vocab.get("places", {}).items():
        canonical = " ".join(words(key))
        for phrase in [key, *phrases]:
            aliases[" ".join(words(phrase))] = canonical
            builder.add(phrase, "place", canonical, case="title")
    treaties: dict[str, Any] = {}
    events: dict[str, Any] = {}
    figures: dict[str, dict[str, list[Any]]] = {}
    metrics: dict[str, Any] = {}
    people: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for record in records:
        rtype, rid = record["type"], record["id"]
        if rtype == "treaty":
            treaties[rid] = _treaty(record)
            for name in {record["name"], *record.get("aliases", []), record.get("full_name") or ""}:
                builder.name("treaty", rid, name)
        elif rtype == "person":
            people[rid] = record["name"]
            for name in {record["name"], *record.get("aliases", [])}:
                builder.add(name, "person", rid, case="title")
            parts = [p for p in words(record["name"]) if p not in _SUFFIXES]
            if len(parts) > 1:
                surnames.setdefault(parts[-1], set()).add(rid)
        elif rtype == "event" and not record.get("derived_from"):
            events[rid] = _event(record, builder, aliases)
        elif rtype == "metric":
            metrics[rid] = {"label": record["label"], "unit": record["unit"]}
        elif rtype == "figure":
            values = sorted({v["value"] for v in record["values"]})
            by_country = figures.setdefault(record["metric"], {})
            by_country.setdefault(record["country"], []).append([record["date"], values, rid])
    for surname, ids in surnames.items():
        for rid in sorted(ids):
            builder.add(surname, "person", rid, case="title", exact=True)
    for country, phrases in vocab.get("countries", {}).items():
        for phrase in phrases:
            builder.add(phrase, "country", country)
    for entry in vocab.get("metrics", []):
        known = [m for m in entry.get("metrics", []) if m in metrics]
        for phrase in entry.get("phrases", []):
            if known:
                builder.add(phrase, "metric", known)
    for rid, aliases in vocab.get("events", {}).items():
        if rid in events:
            for alias in aliases:
                # A one-word name (Sputnik, Chernobyl) only when written with a capital.
                builder.add(alias, "event", rid, case="title" if len(words(alias)) == 1 else "")
    for field, phrases in vocab.get("treaty_dates", {}).items():
        for phrase in phrases:
            builder.add(phrase, "dateverb", field)
    for country, phrases in vocab.get("bodies", {}).items():
        for phrase in phrases:
            builder.add(phrase, "body", country)
    for phrase in vocab.get("other_kinds", []):
        builder.add(phrase, "otherkind", True)
    for phrase in vocab.get("totals", []):
        builder.add(phrase, "total", True)
    for phrase in vocab.get("treaty_references", []):
        builder.add(phrase, "anaphor", True)
    for phrase in vocab.get("limit_cues", []):
        builder.add(phrase, "limitcue", True)
    for phrase in vocab.get("meeting_words", []):
        builder.add(phrase, "meeting", True)
    starts: dict[str, set[int]] = {}
    for phrase in builder.phrases:
        tokens = phrase.split()
        starts.setdefault(tokens[0], set()).add(len(tokens))
    return {
        "phrases": builder.phrases,
        "starts": {first: sorted(lengths, reverse=True) for first, lengths in starts.items()},
        "treaties": treaties,
        "events": events,
        "figures": figures,
        "metrics": metrics,
        "people": people,
        "complete": [sorted(pair) for pair in vocab.get("complete_contacts", [])],
    }


class _Builder:
    def __init__(self) -> None:
        self.phrases: dict[str, list[list[Any]]] = {}

    def add(
        self, phrase: str, kind: str, payload: Any, case: str = "", exact: bool = False
    ) -> None:
        tokens = words(phrase)
        if not tokens:
            return
        letters = [t for t in re.findall(r"[^\W_]+", phrase) if not t.isdigit()]
        if letters and all(t.isupper() for t in letters) and not exact:
            case = "upper"
        key = " ".join(tokens)
        entry = [kind, payload, case]
        found = self.phrases.setdefault(key, [])
        if entry not in found:
            found.append(entry)

    def name(self, kind: str, rid: str, name: str) -> None:
        """A treaty's name, with and without "Treaty"/"the", and START I as START 1."""
        if not name:
            return
        self.add(name, kind, rid)
        kept = [w for w in name.split() if w.lower() not in _DROP_FROM_NAMES]
        # "Moscow" alone is a city, not the Moscow Treaty: a shortened name must keep two
        # words or an acronym ("Open Skies", "INF").
        distinctive = len(kept) > 1 or (kept and kept[0].isupper())
        if kept and len(kept) < len(name.split()) and distinctive:
            self.add(" ".join(kept), kind, rid)
        parts = name.split()
        if parts and parts[-1].lower() in _ROMAN:
            swapped = parts[-1].lower()
            swapped = _ROMAN[swapped].upper() if swapped.isdigit() else _ROMAN[swapped]
            self.add(" ".join([*parts[:-1], swapped]), kind, rid)


def _treaty(record: dict[str, Any]) -> dict[str, Any]:
    limits = []
    for limit in record.get("limits", []):
        # The label and unit only: the key is an id, and "deployed-launchers" counts missiles
        # and bombers, not launchers (New START's 700).
        vocabulary = set(words(limit["label"])) | set(words(limit["unit"]))
        limits.append(
            {
                "key": limit["key"],
                "label": limit["label"],
                "value": limit["value"],
                "unit": limit["unit"],
                "words": sorted({stem(w) for w in vocabulary} - _STOP),
            }
        )
    return {
        "name": record["name"],
        "signed": record["signed"]["date"],
        "in_force": record.get("in_force"),
        "ended": record.get("ended"),
        "status": record.get("status_history", []),
        "ratification": record.get("ratification", []),
        "limits": limits,
    }


_STOP = {"per", "of", "and", "the", "to", "by", "a", "an", "on", "each", "in", "or", "be"}
_PAREN = re.compile(r"\([^)]*\)")
_QUOTED = re.compile(r"[\"“”'‘’]([^\"“”'‘’]{3,60})[\"“”'‘’]")


def _event(record: dict[str, Any], builder: _Builder, aliases: dict[str, str]) -> dict[str, Any]:
    rid = record["id"]
    title = record["title"]
    short = _PAREN.sub("", title).strip()
    if len(words(short)) <= 5 and "–" not in short:
        builder.add(short, "event", rid)
    for quoted in _QUOTED.findall(title):
        if len(words(quoted)) >= 2:
            builder.add(quoted, "event", rid)
    places = []
    for part in re.split(r",|;|\band\b", record.get("place") or ""):
        part = re.sub(r"^\s*(?:near|off|the|a)\s+", "", part.strip(), flags=re.I)
        key = " ".join(words(part))
        if not key or key in _HOME or len(key.split()) > 4:
            continue
        places.append(key)
        builder.add(part, "place", key, case="title")
        if key in aliases and aliases[key] not in places:
            places.append(aliases[key])
    return {
        "title": title,
        "date": record["date"],
        "end": record.get("end"),
        "kind": record["kind"],
        "people": [p["id"] for p in record.get("participants", [])],
        "places": places,
    }


# --- the index side --------------------------------------------------------------------------


def store(connection: sqlite3.Connection, lexicon: Lexicon) -> None:
    """Write the lexicon into an index being built."""
    connection.execute(f"CREATE TABLE {TABLE} (key TEXT PRIMARY KEY, json TEXT NOT NULL)")
    text = json.dumps(lexicon, ensure_ascii=False, separators=(",", ":"))
    connection.execute(f"INSERT INTO {TABLE} VALUES ('lexicon', ?)", [text])


def load(connection: sqlite3.Connection) -> Lexicon:
    """The lexicon of an open index."""
    row = connection.execute(f"SELECT json FROM {TABLE} WHERE key = 'lexicon'").fetchone()
    lexicon: Lexicon = json.loads(row[0])
    return lexicon
