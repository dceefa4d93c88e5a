"""Full-text search over the index, and finding a record by the words of its name.

The index's ``search`` table (FTS5, see index.py) has three columns: what a record is
called (id, name, aliases, title), what it says (summary, outcomes, place, people) and what
it cites (sources' titles and publishers). bm25 weighs a hit in the first far above one in
the second, and that far above one in the third (``WEIGHTS``).

A query is words, "quoted phrases" and years or dates. Words match as prefixes (``reykjav``
finds Reykjavik); records with every word rank above records with some; a year or date
keeps only records whose time overlaps it (events and figures by their date, treaties from
signature to end, people over their roles). Source records are left out unless asked for.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .dates import DateError, PartialDate
from .errors import NotFoundError, UsageError
from .index import WORD, normalise

# bm25 column weights: names ≫ body ≫ cited.
WEIGHTS = (20.0, 2.0, 0.3)
TYPES = ("treaty", "event", "person", "figure", "metric", "source")
# Collection names and the record type each holds.
COLLECTIONS = {
    "treaties": "treaty", "events": "event", "people": "person", "figures": "figure",
    "metrics": "metric", "sources": "source",
}  # fmt: skip
DEFAULT_TYPES = ("treaty", "event", "person", "figure", "metric")
_PHRASE = re.compile(r'"([^"]*)"?')
_DATE = re.compile(r"(?<![\w-])(1[0-9]{3}|2[0-9]{3})(-[0-9]{2}(-[0-9]{2})?)?(?![\w-])")


class Query:
    """A search as parsed: words, phrases (each a list of words) and dates."""

    __slots__ = ("dates", "phrases", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.phrases: list[list[str]] = []
        self.dates: list[PartialDate] = []

        def phrase(match: re.Match[str]) -> str:
            words = _words(match.group(1))
            if words:
                self.phrases.append(words)
            return " "

        rest = _PHRASE.sub(phrase, text)

        def date(match: re.Match[str]) -> str:
            try:
                self.dates.append(PartialDate.parse(match.group(0)))
            except DateError:
                return match.group(0)
            return " "

        rest = _DATE.sub(date, rest)
        self.words = list(dict.fromkeys(_words(rest)))

    @property
    def empty(self) -> bool:
        return not (self.words or self.phrases)

    def terms(self, prefix: bool = True) -> list[str]:
        """FTS5 terms: each word (a prefix if four letters or more) and each phrase."""
        out = []
        for word in self.words:  # a word (index.WORD) never holds a quote
            quoted = f'"{word}"'
            out.append(quoted + "*" if prefix and len(word) > 3 and not word.isdigit() else quoted)
        out += [f'"{" ".join(p)}"' for p in self.phrases]
        return out

    def span(self) -> tuple[str, str] | None:
        """The first and last day the query's dates cover, if it has any."""
        if not self.dates:
            return None
        return min(d.first_day() for d in self.dates), max(d.last_day() for d in self.dates)


def _words(text: str) -> list[str]:
    import unicodedata

    return WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def types_of(asked: Sequence[str]) -> tuple[str, ...]:
    """Record types from ``--type`` values (a type or a collection, comma-separated too);
    every type but sources when none are asked for. UsageError for an unknown one."""
    out: list[str] = []
    for value in asked:
        for part in value.split(","):
            name = part.strip().lower()
            found = name if name in TYPES else COLLECTIONS.get(name)
            if found is None:
                choices = ", ".join([*TYPES, *COLLECTIONS])
                raise UsageError(f"unknown type {part!r}; choose from {choices}")
            out.append(found)
    return tuple(dict.fromkeys(out)) or DEFAULT_TYPES


# bm25 ranks at most this many candidates per pass, taken in rowid order (treaties, events
# and people first, the bundled facts before an overlay's): a bounded cost in a fact base a
# hundred times the real one, and all the candidates but for the commonest words in the real
# one (each bm25 score costs a lookup of the row's column sizes).
WINDOW = 1000
_MAX_YEARS = 200  # pragma: no mutate (speed only: a wider span is filtered by the dates alone)
_NO_LIMIT = -1  # SQLite reads any negative LIMIT as no limit
# The search table's matches joined with their records (``r``), to filter on their dates.
_JOINED = " FROM search JOIN records r ON r.rowid = search.rowid WHERE search MATCH ?"


def _filtered(match: str, query: Query, types: Sequence[str]) -> str:
    """``match`` kept to ``types`` and the query's years (index.py's ``kind`` and ``years``
    columns). Leaving sources out is a NOT: far cheaper than an OR of the other types."""
    expression = f"({match})"
    years = _years(query)
    if years is not None:
        expression += " AND years : (" + " OR ".join(f"y{y}" for y in years) + ")"
    others = [t for t in TYPES if t not in types]
    if others == ["source"]:  # pragma: no mutate (a short-cut: the OR below finds the same)
        return f"({expression}) NOT kind : typesource"
    if others:
        expression += " AND kind : (" + " OR ".join(f"type{t}" for t in types) + ")"
    return expression


def _years(query: Query) -> range | None:
    """The years the query's dates span, for the FTS5 years column; None if it gives no
    date or spans more than ``_MAX_YEARS`` (then only the records' dates filter)."""
    span = query.span()
    if span is None:
        return None
    years = range(int(span[0][:4]), int(span[1][:4]) + 1)
    return years if len(years) <= _MAX_YEARS else None  # pragma: no mutate (speed only)


def _precise(query: Query) -> tuple[str, list[Any]]:
    """A filter on the records' own dates: what the query's dates span, to the day (the
    years column only narrows the search to whole years, and not over ``_MAX_YEARS``)."""
    span = query.span()
    if span is None:
        return "", []
    overlap = " AND r.date_from <= ? AND r.date_to >= ?"  # pragma: no mutate (case-blind SQL)
    return overlap, [span[1], span[0]]


def _matching(query: Query, types: Sequence[str], match: str, column: str) -> tuple[str, list[Any]]:
    """The FROM/WHERE part of a lookup in ``column`` joined with the records, and its
    parameters."""
    expression = f"{column} : ({match})"
    where, params = _precise(query)
    return _JOINED + where, [_filtered(expression, query, types), *params]


def search(
    connection: sqlite3.Connection,
    text: str,
    limit: int | None,
    types: Sequence[str] = DEFAULT_TYPES,
) -> tuple[list[str], int]:
    """Ids of the records matching ``text``, best first, at most ``limit`` (all for None or
    0), and how many matched in all.

    Order: a record whose id or whole name is the text; then records with every word, by
    bm25 score (weights ``WEIGHTS``); then records with some of the words, by score; ties
    by date. Each pass ranks at most ``WINDOW`` candidates. UsageError if the text has no
    word; NotFoundError (with what was searched, spellings from the index's vocabulary and
    the base's span) if nothing matches.
    """
    query = Query(text)
    if query.empty and not query.dates:
        raise UsageError("search needs at least one word or number")
    if query.empty:  # only a year: what happened then
        return _dated_only(connection, query, limit, types)
    terms = query.terms()
    every = " ".join(terms)  # FTS5: terms side by side must all match
    some = " OR ".join(terms)
    passes = [every]
    if len(terms) > 1:  # pragma: no mutate (one term: the second pass would find nothing)
        passes.append(f"({some}) NOT ({every})")
    score = f"bm25(search, {', '.join(map(str, WEIGHTS))}, 0, 0)"
    where, dated = _precise(query)
    ids: list[str] = []
    total = 0
    first = _exact(connection, text, types)
    for expression in passes:
        match = _filtered(expression, query, types)
        if where:
            (count,) = connection.execute(
                f"SELECT count(*){_JOINED}{where}", [match, *dated]
            ).fetchone()
        else:
            (count,) = connection.execute(
                "SELECT count(*) FROM search WHERE search MATCH ?",  # pragma: no mutate (SQL case)
                [match],
            ).fetchone()
        total += count
        # How many rows to fetch: one more than the limit, for the exact hit moved first. A
        # bound only (the list is cut to the limit below), so its mutants change no output.
        wanted = None if not limit else limit + 1 - len(ids)  # pragma: no mutate (a bound)
        if count and (wanted is None or wanted > 0):  # pragma: no mutate (a bound)
            fetch = _NO_LIMIT if wanted is None else wanted  # pragma: no mutate (a bound)
            rows = connection.execute(
                f"SELECT r.id FROM (SELECT rowid, {score} AS score FROM search "
                "WHERE search MATCH ? LIMIT ?) AS hits "  # pragma: no mutate (SQL case)
                "JOIN records r ON r.rowid = hits.rowid "  # pragma: no mutate (SQL case)
                f"WHERE 1{where} ORDER BY hits.score, r.date_sort LIMIT ?",
                [match, WINDOW, *dated, fetch],
            )
            ids += [row[0] for row in rows]
    if first is not None:
        if first in ids:
            ids.remove(first)
        elif not _matches(connection, first, _filtered(some, query, types), where, dated):
            total += 1  # named exactly but matching no word: one more than the passes counted
        ids.insert(0, first)
    if not ids:
        raise NotFoundError(no_hits(connection, query, types))
    return (ids[:limit] if limit else ids), total


def _matches(
    connection: sqlite3.Connection, rid: str, match: str, where: str, dated: list[Any]
) -> bool:
    """Whether the record ``rid`` is among those ``match`` (and ``where``) find."""
    row = connection.execute(
        f"SELECT 1{_JOINED} AND r.id = ?{where}", [match, rid, *dated]
    ).fetchone()
    return row is not None


def _dated_only(
    connection: sqlite3.Connection, query: Query, limit: int | None, types: Sequence[str]
) -> tuple[list[str], int]:
    """Ids of the records whose time overlaps the query's dates (``search 1987``: what
    happened then), events first, then by date, at most ``limit``; and how many in all.
    People, whose roles span years, only when ``types`` names them rather than being the
    default set. NotFoundError (see ``no_hits``) if none."""
    span = query.span()
    assert span is not None
    kinds = [t for t in types if t != "person"] if set(types) == set(DEFAULT_TYPES) else types
    sql = (
        f" FROM records WHERE type IN ({','.join('?' * len(kinds))})"
        " AND date_from <= ? AND date_to >= ?"  # pragma: no mutate (SQL is case-insensitive)
    )
    params = [*kinds, span[1], span[0]]
    (total,) = connection.execute(f"SELECT count(*){sql}", params).fetchone()
    if not total:
        raise NotFoundError(no_hits(connection, query, types))
    rows = connection.execute(
        f"SELECT id{sql} ORDER BY type != 'event', date_sort LIMIT ?", [*params, limit or _NO_LIMIT]
    )
    return [row[0] for row in rows], total


def _exact(connection: sqlite3.Connection, text: str, types: Sequence[str]) -> str | None:
    """The record whose id or whole name (or alias) is ``text``, among ``types``."""
    marks = ",".join("?" * len(types))
    row = connection.execute(
        f"SELECT id FROM records WHERE id = ? AND type IN ({marks})", [text, *types]
    ).fetchone()
    if row is None:
        row = connection.execute(
            f"SELECT id FROM names WHERE norm = ? AND type IN ({marks}) LIMIT 1",
            [normalise(text), *types],
        ).fetchone()
    return None if row is None else str(row[0])


def named(connection: sqlite3.Connection, name: str, types: Sequence[str]) -> list[str]:
    """Ids of records whose id, name, aliases or title hold every word of ``name`` (whole
    words, stemmed), within its year or date if it gives one; at most 12, oldest first."""
    query = Query(name)
    if query.empty:
        return []
    sql, params = _matching(query, types, " ".join(query.terms(prefix=False)), "names")
    rows = connection.execute(f"SELECT r.id{sql} ORDER BY r.date_sort, r.id LIMIT 12", params)
    return [row[0] for row in rows]


def describe(connection: sqlite3.Connection, ids: Sequence[str]) -> list[str]:
    """``id (kind, date)`` for each id (ids of the index: name resolution's candidates):
    enough to choose between candidates. A treaty's date is its signature."""
    out = []
    for rid in ids:
        row = connection.execute(
            "SELECT type, kind, coalesce("  # pragma: no mutate (SQL: any case)
            "json_extract(json, ?), json_extract(json, ?))"  # pragma: no mutate (SQL: any case)
            " FROM records WHERE id = ?",  # pragma: no mutate (SQL: any case)
            ["$.date", "$.signed.date", rid],
        ).fetchone()
        what = ", ".join(str(part) for part in (row[1] or row[0], row[2]) if part)
        out.append(f"{rid} ({what})")
    return out


# --- when nothing is found -------------------------------------------------------------------


def no_hits(connection: sqlite3.Connection, query: Query, types: Sequence[str]) -> str:
    """One line: what was searched, spellings the index knows, and the span of the base."""
    what = "records" if set(types) == set(DEFAULT_TYPES) else ", ".join(types)
    parts = [f"no {what} match {query.text!r}"]
    span = query.span()
    if span is not None:
        parts[0] += f" in {span[0][:4]}" + (f"–{span[1][:4]}" if span[1][:4] != span[0][:4] else "")
    near = spellings(connection, query.words)
    if near:
        parts.append("did you mean " + " ".join(near) + "?")
    searched = "ids, names, titles, summaries and cited sources"
    if "source" not in types:
        searched += " (--type source searches the sources too)"
    parts.append("searched " + searched)
    covers = _covers(connection)
    if covers:
        parts.append(f"the fact base covers {covers}")
    return "; ".join(parts)


def _covers(connection: sqlite3.Connection) -> str:
    import json

    (stored,) = connection.execute(
        "SELECT value FROM meta WHERE key = ?",  # pragma: no mutate (SQL: any case)
        ("date_range",),
    ).fetchone()
    return " – ".join(str(d)[:4] for d in json.loads(stored))


def spellings(connection: sqlite3.Connection, words: Sequence[str]) -> list[str]:
    """Each unknown word replaced by the closest word of the index's vocabulary (rapidfuzz
    ratio ≥ 75, the commoner word on a tie); [] if no word is unknown or none is close."""
    out: list[str] = []
    changed = False  # pragma: no mutate (None is as false as False)
    counts: dict[str, int] | None = None  # the vocabulary, read for the first unknown word
    for word in words:
        known = connection.execute(
            "SELECT 1 FROM vocabulary WHERE term = ?",  # pragma: no mutate (SQL: any case)
            [word],
        ).fetchone()
        if known or len(word) < 3 or word.isdigit():
            out.append(word)
            continue
        if counts is None:
            # Every word of any length: rapidfuzz prunes by length itself (the whole
            # vocabulary, some 4,600 words, takes under a millisecond), and a fixed ±2 window
            # lost "ratificat" → "ratification" (ratio 86) to "pratica" (75).
            counts = {
                term: doc
                for term, doc in connection.execute(
                    "SELECT term, doc FROM vocabulary"  # pragma: no mutate (SQL: any case)
                )
                if not term.isdigit()
            }
        best = closest(word, counts, cutoff=75, counts=counts)
        if best:
            changed = True
            out.append(best[0])
        else:
            out.append(word)
    return out if changed else []


def closest(
    word: str, choices: Iterable[str], cutoff: float, counts: Mapping[str, int] | None = None
) -> list[str]:
    """Up to 20 of ``choices`` whose rapidfuzz ratio (normalised Indel similarity, 0–100)
    with ``word`` is at least ``cutoff``, best first; of equal scores the commoner by
    ``counts`` first when given, else the earlier choice.

    rapidfuzz is imported here, on the not-found path only: it costs ~40 ms to import.
    """
    from rapidfuzz import fuzz, process

    found = process.extract(
        word,
        list(choices),
        scorer=fuzz.ratio,
        score_cutoff=cutoff,
        limit=20,  # pragma: no mutate (a cost bound: three suggestions are wanted)
    )
    if counts is not None:
        found.sort(key=lambda hit: (-hit[1], -counts[hit[0]]))
    return [hit[0] for hit in found]
