"""Read fact files, validate them against the model, and check every cross-reference.

Every problem is collected, not just the first: `usrufacts check` reports them all at
once, each naming the file, the record and the field. Imported only when the index is
(re)built, so YAML and pydantic stay off the warm path.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from . import model
from .dates import PartialDate
from .errors import InvalidFactsError, Issue, UsrufactsError

MAX_FILE_BYTES = 40 * 1024 * 1024
COLLECTIONS = ("publishers", "sources", "people", "treaties", "events", "metrics", "figures")
SUFFIXES = (".yaml", ".yml")


class _Refused(yaml.MarkedYAMLError):
    """Something a fact file may not contain; reported with its line."""


class _FactLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """The safe loader, minus implicit timestamps: dates stay the strings that were typed,
    so that an impossible date is reported by the validator instead of crashing the parser.

    Stricter than YAML in three ways. Aliases (``*name``) are refused: each one expands to
    a whole copy of its anchor, so a 3 MB file of aliases became 2.4 GB of records. A key
    given twice in one mapping is an error (YAML would keep the last silently, dropping a
    whole ``events:`` block). An integer too long to be a number stays the text it was,
    so that the validator names its record and field instead of Python refusing it.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            # The same node met twice: only an alias does that.
            raise _Refused(
                None,
                None,
                "uses an alias (*name) of the anchor here; fact files may not use "
                "anchors and aliases: write each record out in full",
                node.start_mark,
            )
        return super().construct_object(node, deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise _Refused(
                        None,
                        None,
                        f"duplicate key {key_node.value!r}; each key may appear once "
                        "(YAML would silently keep only the last)",
                        key_node.start_mark,
                    )
                seen.add(key_node.value)
        return dict(super().construct_mapping(node, deep))

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        if len(node.value) > _LONGEST_INT:
            return str(node.value)
        return super().construct_yaml_int(node)


_LONGEST_INT = 40  # digits; the validator's bounds are far below this
_FactLoader.add_constructor("tag:yaml.org,2002:int", _FactLoader.construct_yaml_int)


_BOOL = "tag:yaml.org,2002:bool"
_FactLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", _BOOL)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.2 booleans only: `yes:` and `no:` (ratification votes) stay keys, not True/False.
_FactLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class FactBase:
    """A validated fact base: plain records per collection, and where each came from."""

    records: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {name: {} for name in COLLECTIONS if name != "figures"}
    )
    figures: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    # CRC-32 of each file's bytes as read, by path (index._fresh compares them).
    digests: dict[str, int] = field(default_factory=dict)
    # Records an overlay replaced: {"id", "collection", "by" (file), "was" (file)}.
    replaced: list[dict[str, str]] = field(default_factory=list)
    # The latest `complete_to` any events file declares: the date the record is complete to.
    complete_to: str | None = None


def fact_files(directory: Path) -> list[Path]:
    """The fact files of a directory, in a stable order (see ``index.fact_entries`` for
    which names count); entries that cannot be read are left out here and reported by
    :func:`load`."""
    from .index import fact_entries

    return [path for path, problem in fact_entries(directory) if problem is None]


def collection_of(path: Path) -> str:
    """The collection a fact file holds: `events.yaml` and `events.nato.yaml` both hold events.

    A collection may be split into topic files (`COLLECTION.TOPIC.yaml`) so that a large
    collection stays readable and several people can extend it without editing one file.
    """
    return path.name.split(".", 1)[0]


def load(directories: Iterable[Path]) -> FactBase:
    """Load, merge (later directories override earlier ones by id) and validate."""
    base = FactBase()
    issues: list[Issue] = []
    for directory in directories:
        issues.extend(_merge_directory(base, directory))
    if not issues:
        issues.extend(_check_references(base))
    if issues:
        raise InvalidFactsError(issues)
    _classify(base)
    return base


def _classify(base: FactBase) -> None:
    """Give every source its tier, from its own override or the publisher table."""
    from .tiers import classify, domain_table

    table = domain_table(base.records["publishers"].values())
    for source in base.records["sources"].values():
        source["tier"] = classify(source, table)


def _merge_directory(base: FactBase, directory: Path) -> list[Issue]:
    from .index import fact_entries

    if not directory.is_dir():
        return [Issue(str(directory), "", "", "is not a directory of fact files")]
    try:
        entries = fact_entries(directory)
    except OSError as error:
        return [Issue(str(directory), "", "", f"cannot be read: {error.strerror or error}")]
    issues = [Issue(str(path), "", "", problem) for path, problem in entries if problem]
    files = [path for path, problem in entries if problem is None]
    if not files and not issues:
        return [Issue(str(directory), "", "", "holds no fact files (*.yaml)")]
    seen_here: dict[str, str] = {}
    overridden_figures: set[tuple[str, str, str]] = set()
    for path, dumped, errors, digest in _read_all(files):
        name = str(path)
        base.files.append(name)
        if digest is not None:
            base.digests[name] = digest
        issues.extend(errors)
        if dumped is None:
            continue
        declared = dumped.get("complete_to")
        if declared and (base.complete_to is None or declared > base.complete_to):
            base.complete_to = declared
        for collection in COLLECTIONS:
            for record in dumped.get(collection, []):
                if collection == "figures":
                    key = (record["metric"], record["country"], record["date"])
                    if key not in overridden_figures:
                        overridden_figures.add(key)
                        base.figures[key] = []
                    base.figures[key].append(record)
                    base.origin["/".join(key)] = name
                    continue
                rid = record["id"]
                if rid in seen_here:
                    issues.append(
                        Issue(name, rid, "id", f"duplicate id; already used in {seen_here[rid]}")
                    )
                    continue
                seen_here[rid] = name
                elsewhere = _collection_holding(base, rid)
                if elsewhere is not None and elsewhere != collection:
                    # An overlay replaces a record of its own collection only: a source
                    # called new-start must not silently delete the New START treaty.
                    issues.append(
                        Issue(
                            name,
                            rid,
                            "id",
                            f"is already the id of a record in {elsewhere} "
                            f"({base.origin[rid]}); an overlay may replace only a record of "
                            "its own collection: choose another id",
                        )
                    )
                    continue
                if elsewhere is not None:
                    base.replaced.append(
                        {"id": rid, "collection": collection, "by": name, "was": base.origin[rid]}
                    )
                base.records[collection][rid] = record
                base.origin[rid] = name
    return issues


def _collection_holding(base: FactBase, rid: str) -> str | None:
    for collection, records in base.records.items():
        if rid in records:
            return collection
    return None


# A file's path, its records as plain data (None if unusable), its problems, and the
# CRC-32 of the bytes read (the index keeps it: see index._fresh).
Loaded = tuple[Path, dict[str, Any] | None, list[Issue], int | None]
# Above this many bytes of fact files, files are read and validated in parallel processes.
PARALLEL_BYTES = 8 * 1024 * 1024


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _read_all(files: list[Path]) -> list[Loaded]:
    """Read and validate each file; a large fact base uses every core, one file a process.

    Raises UsrufactsError if a worker process dies (the OOM killer, a signal): a pool
    of ``multiprocessing`` waited for it forever.
    """
    cores = os.cpu_count() or 1
    total = sum(_size(path) for path in files)
    if cores < 2 or len(files) < 2 or total < PARALLEL_BYTES or sys.platform != "linux":
        return [_read_one(path) for path in files]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    largest_first = sorted(files, key=lambda path: -_size(path))
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(min(cores, len(files)), mp_context=context) as pool:
            done = dict(zip(largest_first, pool.map(_read_one, largest_first), strict=True))
    except BrokenProcessPool:
        raise UsrufactsError(
            "a process validating the fact files died (out of memory?); "
            "try again, or with fewer or smaller fact files"
        ) from None
    return [done[path] for path in files]


def _read_one(path: Path) -> Loaded:
    """One file parsed and validated, as plain data (cheap to send between processes)."""
    import zlib

    name = str(path)
    schema = model.FILES.get(collection_of(path))
    if schema is None:
        expected = ", ".join(f"{stem}.yaml" for stem in model.FILES)
        return (
            path,
            None,
            [Issue(name, "", "", f"unknown fact file; expected one of {expected}")],
            None,
        )
    try:
        raw = _read_bytes(path)
    except OSError as error:
        return path, None, [Issue(name, "", "", f"cannot be read: {error.strerror or error}")], None
    digest = zlib.crc32(raw)
    data, problem = _read_yaml(name, raw)
    if problem is not None:
        return path, None, [problem], digest
    parsed, errors = _validate(name, schema, data)
    if parsed is None:
        return path, None, errors, digest
    return path, parsed.model_dump(mode="json"), errors, digest


def _read_bytes(path: Path) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes: a size from stat() can lie (/proc, a growing file)."""
    import stat

    with open(path, "rb", buffering=0) as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped since listed
            raise OSError(0, "is not a regular file")
        return handle.read(MAX_FILE_BYTES + 1)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise ValueError("duplicate key")  # YAML then reads it and names the line
    return found


def _read_yaml(name: str, raw: bytes) -> tuple[Any, Issue | None]:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    if len(raw) > MAX_FILE_BYTES:
        return None, Issue(
            name, "", "", f"is over {MAX_FILE_BYTES / 1e6:.0f} MB; a fact file may be {limit} MiB"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, Issue(name, "", "", f"is not UTF-8 (byte {exc.start}); save it as UTF-8")
    if text.lstrip()[:1] == "{":
        # JSON is YAML too, and a generated fact base is often written as JSON: the JSON
        # parser reads it some fifty times faster. Anything it rejects (a repeated key, a
        # 5,000-digit number, nesting deeper than Python recurses) goes to YAML, which
        # reports the line and column of the problem.
        try:
            return json.loads(text, object_pairs_hook=_unique_keys), None
        except (ValueError, RecursionError):
            pass
    try:
        data = yaml.load(text, Loader=_FactLoader)
    except _Refused as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}: " if mark else ""
        return None, Issue(name, "", "", f"{where}{exc.problem}")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        return None, Issue(name, "", "", f"malformed YAML at {where}{exc.problem}")
    except yaml.YAMLError as exc:
        return None, Issue(name, "", "", f"malformed YAML: {exc}")
    except (ValueError, RecursionError, OverflowError) as exc:
        return None, Issue(name, "", "", f"malformed YAML: {exc}")
    if data is None:
        return None, Issue(
            name, "", "", f"is empty; expected a mapping with key {collection_of(Path(name))!r}"
        )
    return data, None


def _validate(
    name: str, schema: type[BaseModel], data: Any
) -> tuple[BaseModel | None, list[Issue]]:
    try:
        return schema.model_validate(data), []
    except ValidationError as exc:
        issues: dict[tuple[str, str], Issue] = {}
        for error in exc.errors():
            record, fld = _locate(data, error["loc"])
            message = error["msg"]
            if error["type"] == "extra_forbidden":
                message = "unknown key (a typo?); see docs/FACTS.md for the keys allowed"
            elif error["type"] == "missing":
                message = "is required"
            issues.setdefault((record, fld), Issue(name, record, fld, message))
        return None, list(issues.values())


def _locate(data: Any, loc: tuple[int | str, ...]) -> tuple[str, str]:
    """Turn a pydantic location into (record id, field path)."""
    if len(loc) < 2 or not isinstance(loc[1], int):
        return "", ".".join(str(part) for part in loc)
    collection, index, *rest = loc
    assert isinstance(index, int)
    record = f"{collection}[{index}]"
    items = data.get(collection) if isinstance(data, dict) else None
    if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
        item = items[index]
        if isinstance(item.get("id"), str):
            record = item["id"]
        elif collection == "figures":
            record = "/".join(str(item.get(k)) for k in ("metric", "country", "date"))
    parts: list[str] = []
    for part in rest:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif part.replace("_", "").isalpha() and part.islower():
            parts.append(("." if parts else "") + part)
        else:
            break  # pydantic's union and validator tags are not fields
    return record, "".join(parts)


def _check_references(base: FactBase) -> Iterator[Issue]:
    records = base.records
    sources, people = records["sources"], records["people"]
    every_id = {
        rid for name, collection in records.items() if name != "publishers" for rid in collection
    }
    claimed: dict[str, str] = {}
    for pid, publisher in records["publishers"].items():
        for domain in publisher["domains"]:
            if domain in claimed and claimed[domain] != pid:
                yield Issue(
                    base.origin[pid],
                    pid,
                    "domains",
                    f"{domain} is already a domain of {claimed[domain]}; a host has one publisher",
                )
            claimed.setdefault(domain, pid)

    def refs(
        rid: str, fld: str, ids: list[str], pool: dict[str, Any] | set[str], what: str
    ) -> Iterator[Issue]:
        for ref in ids:
            if ref not in pool:
                yield Issue(base.origin[rid], rid, fld, f"unknown {what} id {ref!r}")

    def ordered(rid: str, fld: str, start: str | None, end: str | None) -> Iterator[Issue]:
        if (
            start
            and end
            and PartialDate.parse(end).last_day() < PartialDate.parse(start).first_day()
        ):
            yield Issue(base.origin[rid], rid, fld, f"{end} is before {start}")

    for collection in ("people", "treaties", "events"):
        for rid, rec in records[collection].items():
            yield from refs(rid, "sources", rec["sources"], sources, "source")
            yield from refs(rid, "related", rec.get("related", []), every_id, "record")
    for rid, rec in people.items():
        for i, role in enumerate(rec["roles"]):
            yield from ordered(rid, f"roles[{i}].end", role["start"], role["end"])
    for rid, rec in records["treaties"].items():
        yield from refs(rid, "signed.signatories", rec["signed"]["signatories"], people, "person")
        signed = rec["signed"]["date"]
        yield from ordered(rid, "in_force", signed, rec["in_force"])
        if rec["ended"]:
            yield from ordered(rid, "ended.date", signed, rec["ended"]["date"])
        for i, change in enumerate(rec["status_history"]):
            yield from ordered(rid, f"status_history[{i}].date", signed, change["date"])
    for rid, rec in records["events"].items():
        yield from refs(rid, "participants", rec["participants"], people, "person")
        yield from ordered(rid, "end", rec["date"], rec["end"])
    for key, values in base.figures.items():
        label = "/".join(key)
        if key[0] not in records["metrics"]:
            yield Issue(_figure_origin(base, key), label, "metric", f"unknown metric {key[0]!r}")
        seen: set[str] = set()
        metric = records["metrics"].get(key[0])
        for value in values:
            # Only a rate of change (GDP growth, in percent) may fall below zero; a count of
            # warheads, launchers or dollars never does.
            if value["value"] < 0 and metric is not None and metric["unit"] != "percent":
                yield Issue(
                    _figure_origin(base, key),
                    label,
                    "value",
                    f"{value['value']} is negative; a count in {metric['unit']} cannot be",
                )
            for src in value["sources"]:
                if src not in sources:
                    yield Issue(
                        _figure_origin(base, key), label, "sources", f"unknown source id {src!r}"
                    )
                if src in seen:
                    yield Issue(
                        _figure_origin(base, key),
                        label,
                        "sources",
                        f"two values for one figure cite {src!r}; a source gives one value",
                    )
                seen.add(src)


def _figure_origin(base: FactBase, key: tuple[str, str, str]) -> str:
    return base.origin["/".join(key)]
