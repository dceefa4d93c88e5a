"""The compiled index: a SQLite database built from the validated fact base.

Parsing and validating YAML costs more than a lookup may. On first use the fact base
is compiled into SQLite (with an FTS5 table for search) and written atomically into the
user cache directory under a key derived from the fact files' paths, sizes and
modification times. Later calls open it read-only and never import YAML or pydantic.
A corrupt cache is rebuilt; an unwritable cache directory falls back to memory.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .atomic import replacing
from .dates import PartialDate
from .tiers import RANK

if TYPE_CHECKING:
    from .loader import FactBase

# Bump when the database layout or the record shapes change.
FORMAT = "17"
_SUFFIXES = (".yaml", ".yml")
KEEP_INDEXES = 4

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (
    id TEXT NOT NULL, type TEXT NOT NULL, title TEXT NOT NULL, kind TEXT,
    date_sort TEXT, date_from TEXT, date_to TEXT, origin TEXT, json TEXT NOT NULL
);
CREATE TABLE names (norm TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL);
CREATE TABLE participants (event_id TEXT NOT NULL, person_id TEXT NOT NULL);
CREATE TABLE figures (
    id TEXT NOT NULL, metric TEXT NOT NULL, country TEXT NOT NULL,
    date TEXT NOT NULL, date_sort TEXT NOT NULL
);
CREATE TABLE citations (
    id TEXT NOT NULL, publisher TEXT NOT NULL, title TEXT NOT NULL, url TEXT NOT NULL,
    accessed TEXT NOT NULL, tier TEXT NOT NULL, rank INTEGER NOT NULL
);
-- Contentless (the text lives in records; search rows share the records' rowids) but with
-- full detail: with detail = column, SQLite 3.40's bm25() scores every row -0.0, and phrase
-- queries are refused. Columns in falling weight: what a record is called (id, name,
-- aliases, title), what it says (summary, outcomes, place, people), what it cites.
-- Two more columns, weighted 0, let FTS5 itself filter without a join: "kind" holds one
-- token naming the record's type (typeevent), "years" one token per year its time covers
-- (y1972), so that a count or a ranking window never touches the records table.
CREATE VIRTUAL TABLE search USING fts5(
    names, body, cited, kind, years, content = '', detail = full,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- The words of ids, names and titles as written (unstemmed, accents dropped) and how many
-- records use each, for "did you mean" on a search with no hits: SQLite keeps the count.
CREATE VIRTUAL TABLE spelling USING fts5(
    words, content = '', detail = none, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE vocabulary USING fts5vocab(spelling, 'row');
"""
# Built after the rows are in: one sort per index instead of one insertion per row.
_INDEXES = """
CREATE UNIQUE INDEX records_id ON records (id);
CREATE INDEX records_type_date ON records (type, date_sort);
CREATE INDEX records_type_from ON records (type, date_from);
CREATE INDEX names_norm ON names (norm);
CREATE INDEX participants_person ON participants (person_id);
CREATE UNIQUE INDEX figures_id ON figures (id);
CREATE UNIQUE INDEX citations_id ON citations (id);
CREATE INDEX citations_rank ON citations (rank, id);
CREATE INDEX figures_metric ON figures (metric, date_sort);
"""


def bundled_facts() -> Path:
    """The fact base that ships with the package (or the checkout's ``facts/``).

    The wheel maps ``facts/`` to ``usrufacts/facts``. This is what
    ``importlib.resources.files("usrufacts") / "facts"`` gives for an installed package,
    without the 9 ms that importing importlib.resources costs every lookup.
    """
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, "facts")
    if os.path.isdir(packaged):
        return Path(packaged)
    return Path(os.path.dirname(os.path.dirname(here))) / "facts"


def cache_directory() -> Path:
    """Where compiled indexes live; ``USRUFACTS_CACHE_DIR`` overrides the platform default."""
    override = os.environ.get("USRUFACTS_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("usrufacts", appauthor=False))


Scan = list[tuple[Path, "os.stat_result | str"]]
_stat = os.stat  # follows links; a test stands in a file system with coarse timestamps


def scan(directory: Path) -> Scan:
    """The fact-file entries of ``directory`` by name: each with its stat (links followed),
    or why it cannot be read. Raises OSError if the directory cannot be listed.

    A fact file is a ``*.yaml``/``*.yml`` name not starting with a dot: hidden files and
    editors' lock and swap files (``.#events.yaml``, ``.events.yaml.swp``) are never read;
    backups (``events.yaml~``, ``#events.yaml#``) do not end in ``.yaml``.
    """
    found: Scan = []
    with os.scandir(directory) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith(".") or not name.endswith(_SUFFIXES):
                continue
            path = Path(entry.path)
            try:
                info: os.stat_result | str = _stat(path)
            except OSError as error:
                info = f"cannot be read: {error.strerror or error}"
            found.append((path, info))
    found.sort(key=lambda item: item[0].name)
    return found


def fact_entries(directory: Path) -> list[tuple[Path, str | None]]:
    """The fact files of ``directory`` in name order, each with the reason it cannot be
    read (None if it can). Raises OSError if the directory cannot be listed."""
    import stat

    out: list[tuple[Path, str | None]] = []
    for path, info in scan(directory):
        if isinstance(info, str):
            out.append((path, info))
        elif stat.S_ISDIR(info.st_mode):
            out.append((path, "is a directory, not a fact file"))
        elif not stat.S_ISREG(info.st_mode):
            out.append((path, "is not a regular file (a pipe, device or socket)"))
        else:
            out.append((path, None))
    return out


class _Snapshot:
    """What the fact directories look like now: the cache key and each file's times."""

    __slots__ = ("key", "stamps")

    def __init__(self, directories: Iterable[Path]) -> None:
        parts = [f"{__version__}/{FORMAT}"]
        self.stamps: dict[str, int] = {}
        for directory in directories:
            parts.append(os.path.abspath(directory))
            try:
                entries = scan(directory)
            # An unreadable directory or file changes the key from any readable one's, and the
            # build then fails: whether the parts after it are added does not matter.
            except OSError as error:
                parts.append(f"<{error.strerror}>")
                continue  # pragma: no mutate (see above)
            for path, info in entries:
                if isinstance(info, str):
                    parts.append(f"{path.name}:{info}")
                    continue  # pragma: no mutate (see above)
                # The inode and change time too: an editor that renames a new file into
                # place, or `touch -d` resetting the modification time, is still seen.
                parts.append(
                    f"{path.name}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:"
                    f"{info.st_ino}"
                )
                # By absolute path, as the digests are: another working directory or a
                # relative --facts reaches the same files.
                self.stamps[os.path.abspath(path)] = max(info.st_mtime_ns, info.st_ctime_ns)
            parts.append(_verify_vocabulary_stamp(directory))
        self.key = _storable("|".join(parts))  # pragma: no mutate (any separator will do)


def _storable(text: str) -> str:
    """A path as SQLite can store it: bytes that were not UTF-8 in a file name (held as
    lone surrogates) become ``\\xff`` escapes."""
    if text.isascii():
        return text
    raw = text.encode("utf-8", "surrogateescape")  # pragma: no mutate (codec names: any case)
    return raw.decode("utf-8", "backslashreplace")  # pragma: no mutate (codec names: any case)


def cache_key(directories: Iterable[Path]) -> str:
    """The fact files' paths, sizes, times and inodes, and the code version.

    The whole description is stored in the index and compared exactly, so the short
    checksum in the file name only has to tell files apart, not guard correctness. What
    the description cannot see (an edit of the same size within the file system's
    timestamp granularity) the content digests catch: see :func:`_fresh`.
    """
    return _Snapshot(directories).key


def _file_name(key: str) -> str:
    """``facts-<16 hex digits>.sqlite``: two checksums of ``key`` (a storable text: no lone
    surrogates, see :func:`_storable`)."""
    data = key.encode()
    return f"facts-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.sqlite"


def index_path(directories: list[Path]) -> Path:
    """Where the index of these fact directories is cached."""
    return cache_directory() / _file_name(cache_key(directories))


# Marks a database as an index this program built (SQLite's application_id, bytes 68-71
# of the file): pruning deletes nothing else, whatever its name.
APPLICATION_ID = 0x75737266  # "usrf"
_OWN_NAME = re.compile(r"facts-[0-9a-f]{16}\.sqlite")
# Timestamps may be this coarse (FAT keeps modification times to 2 s); a file stamped
# within it of the moment the index read it may have changed unseen since.
_GRANULARITY_NS = 3_000_000_000
opened: list[Path] = []  # cache files this process opened, for discard_opened()


def open_index(directories: list[Path]) -> sqlite3.Connection:
    """A connection to the index of these fact directories, building it if needed."""
    import time

    started = time.time_ns()  # before the files are looked at: see _fresh
    now = _Snapshot(directories)
    path = cache_directory() / _file_name(now.key)
    connection = _open_cached(path, now)
    if connection is not None:
        opened.append(path)
        return connection
    from .loader import load

    base = load(directories)
    try:
        connection = _store(base, now.key, started, path.parent, path)
        opened.append(path)
        return connection
    except (OSError, sqlite3.Error):
        # A read-only or missing cache directory: answer from memory instead.
        connection = sqlite3.connect(":memory:")
        # Never served again, so its stored key and build time are never read.
        build(connection, base, now.key, started)  # pragma: no mutate (see above)
        return connection


def discard_opened() -> None:
    """Delete the cached indexes this process opened (one proved damaged): the next
    open_index builds afresh."""
    while opened:
        with contextlib.suppress(OSError):
            opened.pop().unlink()


def _open_cached(path: Path, now: _Snapshot) -> sqlite3.Connection | None:
    try:
        if not path.is_file():
            return None
    except OSError:  # a name too long, a parent without search permission: build in memory
        return None
    try:
        # uri=True is for SQLite builds without SQLITE_USE_URI; this one reads file: URIs
        # either way, so dropping it changes nothing here.
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # pragma: no mutate (above)
        meta = dict(
            connection.execute(
                "SELECT key, value FROM meta WHERE key IN (?, ?, ?)",  # pragma: no mutate (SQL)
                ("key", "built_at", "digests"),  # values, not SQL: their mutants are made
            ).fetchall()
        )
        if meta.get("key") == now.key and _fresh(path, meta, now):
            return connection
        connection.close()
    except (sqlite3.Error, ValueError, KeyError):  # KeyError: no digests stored
        pass
    with contextlib.suppress(OSError):
        path.unlink()  # truncated, garbage or stale: rebuild
    return None


def _fresh(path: Path, meta: dict[str, str], now: _Snapshot) -> bool:
    """Whether files the key cannot vouch for still hold what the index was built from.

    A file stamped no earlier than the build's start minus the timestamp granularity may
    have been edited after it was read with neither its size nor its times changing (the
    same second, a coarse file system). Those files, and only those, are read and their
    CRC-32 compared with the one taken of the bytes the index was built from. Once they
    are old enough, the index records the check's time, so later lookups read nothing.
    """
    import time

    built_at = int(meta.get("built_at", "0"))
    racy = [name for name, stamp in now.stamps.items() if stamp >= built_at - _GRANULARITY_NS]
    if not racy:
        return True
    checked_at = time.time_ns()
    digests = json.loads(meta["digests"])
    for name in racy:
        try:
            with open(name, "rb") as handle:
                if zlib.crc32(handle.read()) != digests.get(name):
                    return False
        except OSError:
            return False
    age = checked_at - max(now.stamps[name] for name in racy)
    if age > _GRANULARITY_NS:  # pragma: no mutate (exactly as old: either way is safe)
        with contextlib.suppress(sqlite3.Error), sqlite3.connect(path) as writable:
            writable.execute(
                "UPDATE meta SET value = ? WHERE key = ?",  # pragma: no mutate (SQL case)
                (str(checked_at), "built_at"),
            )
    return True


def _store(base: FactBase, key: str, started: int, folder: Path, path: Path) -> sqlite3.Connection:
    from .atomic import remove_stale

    folder.mkdir(parents=True, exist_ok=True)
    # Left by a build that was killed; only names write_database's temporaries take
    # (".facts-<16 hex>.sqlite-XXXXXXXX.tmp"), never a user's ".facts-notes.tmp".
    remove_stale(folder, ".facts-" + "[0-9a-f]" * 16 + ".sqlite-*.tmp")
    write_database(base, key, started, path)
    # Keep the few most recently built indexes (with and without an overlay, say), so that
    # switching between fact bases does not rebuild each time; drop the rest.
    built = sorted((p for p in folder.glob("facts-*.sqlite") if _own(p)), key=_mtime)
    for old in [p for p in reversed(built) if p != path][KEEP_INDEXES - 1 :]:
        with contextlib.suppress(OSError):
            old.unlink()
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _own(path: Path) -> bool:
    """Whether ``path`` is an index this program built (never a user's own database)."""
    if not _OWN_NAME.fullmatch(path.name) or path.is_symlink():
        return False
    try:
        with open(path, "rb") as handle:
            header = handle.read(72)
    except OSError:
        return False
    return (
        header[:16] == b"SQLite format 3\x00"
        and int.from_bytes(header[68:72], "big") == APPLICATION_ID
    )


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def write_database(base: FactBase, key: str, started: int, path: Path) -> None:
    """Build the database beside ``path`` and rename it into place when it is complete."""
    with replacing(path) as temporary:
        connection = sqlite3.connect(temporary)
        try:
            # No journal: a half-built file is never renamed into place anyway.
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            build(connection, base, key, started)
        finally:
            connection.close()


# --- compiling records into their output shapes -------------------------------------------


_ROMAN = {"1": "i", "2": "ii", "3": "iii"}
WORD = re.compile(r"[^\W_]+")


def normalise(name: str) -> str:
    """The form names are matched in: case, spaces, hyphens and 1/2/3 vs I/II/III ignored."""
    if name.isascii():
        text = name.lower()
    else:
        import unicodedata

        text = unicodedata.normalize("NFKC", name).casefold()
    return "".join([_ROMAN.get(t, t) for t in WORD.findall(text)])


def _name_forms(name: str) -> set[str]:
    forms = {normalise(name)}
    stripped = [t for t in name.split() if t.casefold() not in {"treaty", "agreement", "the"}]
    if stripped:
        forms.add(normalise(" ".join(stripped)))
    return {form for form in forms if form}


_NAMED = frozenset({"treaty", "person", "metric"})


def build(connection: sqlite3.Connection, base: FactBase, key: str, started: int = 0) -> None:
    """Compile a validated fact base into an empty database. ``started`` is when the fact
    files were first looked at (ns since the epoch), for the staleness check."""
    connection.executescript(_SCHEMA)
    compiled = list(compile_records(base))
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    rows = []
    names: list[tuple[str, str, str]] = []
    search: list[tuple[int, str, str, str, str, str]] = []
    participants: list[tuple[str, str]] = []
    figures: list[tuple[str, str, str, str, str]] = []
    for record, extra in compiled:
        rid, rtype = record["id"], record["type"]
        date = record.get("date")
        span = _span(date, record.get("end")) if date else _lasting(record)
        rows.append(
            (
                rid,
                rtype,
                extra["title"],
                record.get("kind"),
                PartialDate.parse(date).sort_key() if date else None,
                span[0],
                span[1],
                _storable(base.origin.get(str(extra.get("origin_key", rid))) or "") or None,
                encode(record),
            )
        )
        # Treaties, people and metrics are asked for by name; other records by their id,
        # which the records table holds (their titles are for search).
        if rtype in _NAMED:
            for name in {rid, extra["title"], *extra.get("names", [])}:
                names.extend((form, rid, rtype) for form in _name_forms(name))
        search.append(
            (len(rows), *_search_text(base, record, extra), f"type{rtype}", _years(*span))
        )
        participants.extend((rid, p["id"]) for p in record.get("participants", []))
        if rtype == "figure" and date:
            figures.append(
                (rid, record["metric"], record["country"], date, PartialDate.parse(date).sort_key())
            )
    connection.executemany(
        "INSERT INTO records (rowid, id, type, title, kind, date_sort, date_from, date_to, "
        "origin, json) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(number, *row) for number, row in enumerate(rows, 1)],
    )
    connection.executemany("INSERT INTO names VALUES (?,?,?)", sorted(set(names)))
    connection.executemany(
        "INSERT INTO search (rowid, names, body, cited, kind, years) VALUES (?,?,?,?,?,?)",
        search,
    )
    connection.executemany(
        "INSERT INTO spelling (rowid, words) VALUES (?,?)",
        [(row[0], row[1]) for row in search],
    )
    connection.executemany("INSERT INTO participants VALUES (?,?)", participants)
    connection.executemany(
        "INSERT INTO citations VALUES (?,?,?,?,?,?,?)",
        [
            (
                s["id"],
                s["publisher"],
                s["title"],
                s["url"],
                s["accessed"],
                s["tier"],
                RANK[s["tier"]],
            )
            for s in base.records["sources"].values()
        ],
    )
    connection.executemany("INSERT INTO figures VALUES (?,?,?,?,?)", figures)
    meta = _meta(base, compiled, key)
    meta["built_at"] = str(started)
    meta["digests"] = json.dumps({os.path.abspath(n): d for n, d in base.digests.items()})
    connection.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
    connection.executescript(_INDEXES)
    _build_verify_tables(connection, compiled, base)
    connection.commit()


# --- verify (issue 11): the lexicon verify links a draft's words with ----------------------


def _verify_vocabulary_stamp(directory: Path) -> str:
    """The vocabulary kept with the facts (``vocabulary/verify.yaml``) is part of the key."""
    try:
        stat = os.stat(os.path.join(directory, "vocabulary", "verify.yaml"))
    except OSError:
        return "vocabulary:-"
    return f"vocabulary:{stat.st_size}:{stat.st_mtime_ns}"


def _build_verify_tables(
    connection: sqlite3.Connection, compiled: list[Compiled], base: FactBase
) -> None:
    from .verify import lexicon

    directories = list(dict.fromkeys(Path(name).parent for name in base.files))
    found = lexicon.vocabulary_files(directories)
    lexicon.store(connection, lexicon.compile_lexicon((r for r, _ in compiled), found))


def _lasting(record: dict[str, Any]) -> tuple[str | None, str | None]:
    """The years an undated record covers, for a year in a search: a treaty from its
    signature to its end, a person over their roles (an open end is far in the future)."""
    if record["type"] == "treaty":
        ended = record.get("ended")
        return _span(record["signed"]["date"], ended["date"] if ended else "9999")
    roles = record.get("roles") or []
    if record["type"] == "person" and roles:
        first = min(PartialDate.parse(r["start"]).first_day() for r in roles)
        ends = [r.get("end") for r in roles]
        last = "9999-12-31" if None in ends else max(PartialDate.parse(e).last_day() for e in ends)
        return first, last
    return None, None


YEAR_TOKENS_UNTIL = 2100  # an open end (a treaty in force, a leader in office) stops here


def _years(first: str | None, last: str | None) -> str:
    """``y1972 y1973 …``: a token per year from ``first`` to ``last`` (ISO days)."""
    if not first or not last:
        return ""
    end = min(int(last[:4]), YEAR_TOKENS_UNTIL)
    return " ".join(f"y{year}" for year in range(int(first[:4]), end + 1))


def _search_text(
    base: FactBase, record: dict[str, Any], extra: dict[str, Any]
) -> tuple[str, str, str]:
    """A record's three search columns: what it is called (id, name, aliases, title), what
    it says, and the titles and publishers of what it cites."""
    called = " ".join([record["id"], extra["title"], *extra.get("names", [])])
    sources = base.records["sources"]
    cited = [
        f"{sources[s]['publisher']} {sources[s]['title']}"
        for s in record["sources"]  # every compiled record has the list (a source's is empty)
        if s in sources
    ]
    return called, extra["body"], " ".join(cited)


def _span(date: str | None, end: str | None) -> tuple[str | None, str | None]:
    if not date:
        return None, None
    start = PartialDate.parse(date)
    return start.first_day(), PartialDate.parse(end or date).last_day()


def summarise(base: FactBase, compiled: list[Compiled]) -> dict[str, Any]:
    """Counts per type, how many records cite a source, the date range, facts as of."""
    counts: dict[str, int] = {}
    dated: list[str] = []
    cited = 0
    for record, _ in compiled:
        counts[record["type"]] = counts.get(record["type"], 0) + 1
        if record["type"] != "source" and record["sources"]:
            cited += 1
        if record["type"] in {"event", "figure"}:
            dated.append(record["date"])
    citing = len(compiled) - counts.get("source", 0) - counts.get("metric", 0)
    accessed = [s["accessed"] for s in base.records["sources"].values()]

    def order(date: str) -> str:
        return PartialDate.parse(date).sort_key()

    return {
        "counts": counts,
        "sourced": [cited, citing],
        "date_range": [min(dated, key=order), max(dated, key=order)] if dated else [],
        "facts_as_of": max(accessed) if accessed else "",
        "complete_to": base.complete_to or "",
        "files": base.files,
    }


def _meta(base: FactBase, compiled: list[Compiled], key: str) -> dict[str, str]:
    """The summary as the meta table stores it (``query.meta`` reads it back)."""
    summary = summarise(base, compiled)
    stored = {
        name: json.dumps(summary[name]) for name in ("counts", "sourced", "date_range", "files")
    }
    return {
        "key": key,
        "version": __version__,
        "facts_as_of": summary["facts_as_of"],
        "complete_to": summary["complete_to"],
        **stored,
    }


def _cite(base: FactBase, ids: list[str]) -> list[str]:
    """Citations are stored as source ids, best tier first (the cited order within a tier),
    and expanded when read (see query._expand): copying each source into every record
    citing it made the index slow to build."""
    sources = base.records["sources"]
    return sorted(ids, key=lambda i: RANK[sources[i]["tier"]])


def _person_ref(base: FactBase, pid: str) -> dict[str, str]:
    return {"id": pid, "name": base.records["people"][pid]["name"]}


Compiled = tuple[dict[str, Any], dict[str, Any]]


def compile_records(base: FactBase) -> Iterator[Compiled]:
    """Every record in its output shape, with what the index needs to find it.

    The order is the order of rowids, which search reads its candidates in: treaties,
    events and people before figures and sources, the bundled facts before an overlay's.
    """
    records = base.records
    for treaty in records["treaties"].values():
        yield from _compile_treaty(base, treaty)
    for event in records["events"].values():
        out = {"id": event["id"], "type": "event", **_without(event, "id", "sources")}
        out["participants"] = [_person_ref(base, p) for p in event["participants"]]
        out["sources"] = _cite(base, event["sources"])
        yield out, _event_extra(out)
    for person in records["people"].values():
        roles = " ".join(role["title"] for role in person["roles"])
        yield (
            {
                "id": person["id"],
                "type": "person",
                **_without(person, "id", "sources"),
                "sources": _cite(base, person["sources"]),
            },
            {
                "title": person["name"],
                "names": person["aliases"],
                "body": " ".join([*person["aliases"], roles]),
            },
        )
    for metric in records["metrics"].values():
        yield (
            {"id": metric["id"], "type": "metric", **_without(metric, "id"), "sources": []},
            {
                "title": metric["label"],
                "body": metric["note"] or "",
            },
        )
    for (metric_id, country, date), values in base.figures.items():
        metric = records["metrics"][metric_id]
        distinct = {v["value"] for v in values}
        cited = [s for v in values for s in v["sources"]]
        fid = f"{metric_id}-{country}-{date}"
        yield (
            {
                "id": fid,
                "type": "figure",
                "metric": metric_id,
                "label": metric["label"],
                "country": country,
                "date": date,
                "unit": metric["unit"],
                "value": values[0]["value"] if len(distinct) == 1 else None,
                "disputed": len(distinct) > 1,
                "values": [
                    {"value": v["value"], "sources": _cite(base, v["sources"]), "note": v["note"]}
                    for v in values
                ],
                "sources": _cite(base, list(dict.fromkeys(cited))),
            },
            {
                "title": f"{metric['label']}, {country.upper()}, {date}",
                "body": "",
                "origin_key": f"{metric_id}/{country}/{date}",
            },
        )
    for source in records["sources"].values():
        yield (
            {"id": source["id"], "type": "source", **_without(source, "id"), "sources": []},
            {"title": source["title"], "body": source["publisher"]},
        )


def _without(record: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in keys}


def _event_extra(event: dict[str, Any]) -> dict[str, Any]:
    body = [event.get("place") or "", event["summary"], *event.get("outcomes", [])]
    body += [p["name"] for p in event["participants"]]
    return {"title": event["title"], "body": " ".join(body)}


def _compile_treaty(base: FactBase, treaty: dict[str, Any]) -> Iterator[Compiled]:
    tid, name = treaty["id"], treaty["name"]
    signed = dict(treaty["signed"])
    signed["signatories"] = [_person_ref(base, p) for p in signed["signatories"]]
    cited = _cite(base, treaty["sources"])
    out = {"id": tid, "type": "treaty", **_without(treaty, "id", "sources"), "sources": cited}
    out["signed"] = signed
    body = [treaty["full_name"] or "", *treaty["aliases"], treaty["summary"], signed["place"] or ""]
    yield (
        out,
        {
            "title": name,
            "names": [*treaty["aliases"], treaty["full_name"] or ""],
            "body": " ".join(body),
        },
    )
    # The treaty's milestones are dated events too, so the timeline shows them.
    milestones: list[tuple[str, str, str, str | None, list[dict[str, str]]]] = [
        ("signed", signed["date"], f"{name} signed", signed["place"], signed["signatories"]),
    ]
    if treaty["in_force"]:
        milestones.append(("in-force", treaty["in_force"], f"{name} enters into force", None, []))
    for change in treaty["status_history"]:
        who = f" by {change['party'].upper()}" if change["party"] else ""
        label = change["status"].replace("-", " ")
        milestones.append((change["status"], change["date"], f"{name} {label}{who}", None, []))
    if treaty["ended"]:
        ended = treaty["ended"]
        who = f" by {ended['by'].upper()}" if ended["by"] else ""
        label = ended["how"].replace("-", " ")
        milestones.append((ended["how"], ended["date"], f"{name} {label}{who}", None, []))
    seen: set[str] = set()
    for status, date, title, place, people in milestones:
        mid = f"{tid}-{status}-{date}" if status != "signed" else f"{tid}-signed"
        if mid in seen or any(mid in records for records in base.records.values()):
            continue
        seen.add(mid)
        note = next(
            (c["note"] for c in treaty["status_history"] if c["date"] == date and c["note"]),
            treaty["ended"]["note"]
            if treaty["ended"] and treaty["ended"]["date"] == date
            else None,
        )
        event = {
            "id": mid,
            "type": "event",
            "date": date,
            "end": None,
            "title": title,
            "kind": "treaty",
            "format": None,
            "participants": people,
            "place": place,
            "duration_minutes": None,
            "outcomes": [],
            "summary": note or treaty["summary"],
            "related": [tid],
            "sources": cited,
            "derived_from": tid,
        }
        yield event, {**_event_extra(event), "origin_key": tid}
