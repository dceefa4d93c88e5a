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
from .errors import InvalidFactsError, Issue

MAX_FILE_BYTES = 40 * 1024 * 1024
COLLECTIONS = ("publishers", "sources", "people", "treaties", "events", "metrics", "figures")
SUFFIXES = (".yaml", ".yml")


class _FactLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """The safe loader, minus implicit timestamps: dates stay the strings that were typed,
    so that an impossible date is reported by the validator instead of crashing the parser."""


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
    # The latest `complete_to` any events file declares: the date the record is complete to.
    complete_to: str | None = None


def fact_files(directory: Path) -> list[Path]:
    """The fact files of a directory, in a stable order."""
    return sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES and p.is_file())


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
    if not directory.is_dir():
        return [Issue(str(directory), "", "", "is not a directory of fact files")]
    issues: list[Issue] = []
    files = fact_files(directory)
    if not files:
        return [Issue(str(directory), "", "", "holds no fact files (*.yaml)")]
    seen_here: dict[str, str] = {}
    overridden_figures: set[tuple[str, str, str]] = set()
    for path, dumped, errors in _read_all(files):
        name = str(path)
        base.files.append(name)
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
                for other in base.records.values():
                    other.pop(rid, None)
                base.records[collection][rid] = record
                base.origin[rid] = name
    return issues


Loaded = tuple[Path, dict[str, Any] | None, list[Issue]]
# Above this many bytes of fact files, files are read and validated in parallel processes.
PARALLEL_BYTES = 8 * 1024 * 1024


def _read_all(files: list[Path]) -> list[Loaded]:
    """Read and validate each file; a large fact base uses every core, one file a process."""
    cores = os.cpu_count() or 1
    total = sum(path.stat().st_size for path in files)
    if cores < 2 or len(files) < 2 or total < PARALLEL_BYTES or sys.platform != "linux":
        return [_read_one(path) for path in files]
    import multiprocessing

    largest_first = sorted(files, key=lambda path: -path.stat().st_size)
    with multiprocessing.get_context("fork").Pool(min(cores, len(files))) as pool:
        done = dict(
            zip(largest_first, pool.map(_read_one, largest_first, chunksize=1), strict=True)
        )
    return [done[path] for path in files]


def _read_one(path: Path) -> Loaded:
    """One file parsed and validated, as plain data (cheap to send between processes)."""
    name = str(path)
    schema = model.FILES.get(collection_of(path))
    if schema is None:
        expected = ", ".join(f"{stem}.yaml" for stem in model.FILES)
        return path, None, [Issue(name, "", "", f"unknown fact file; expected one of {expected}")]
    data, problem = _read_yaml(path)
    if problem is not None:
        return path, None, [problem]
    parsed, errors = _validate(name, schema, data)
    if parsed is None:
        return path, None, errors
    return path, parsed.model_dump(mode="json"), errors


def _read_yaml(path: Path) -> tuple[Any, Issue | None]:
    name = str(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        return None, Issue(name, "", "", f"is {size / 1e6:.0f} MB; a fact file may be {limit} MiB")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, Issue(name, "", "", f"is not UTF-8 (byte {exc.start}); save it as UTF-8")
    if text.lstrip()[:1] == "{":
        # JSON is YAML too, and a generated fact base is often written as JSON: the JSON
        # parser reads it some fifty times faster. Anything it rejects goes to YAML,
        # which reports the line and column of the problem.
        try:
            return json.loads(text), None
        except ValueError:
            pass
    try:
        data = yaml.load(text, Loader=_FactLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        return None, Issue(name, "", "", f"malformed YAML at {where}{exc.problem}")
    except yaml.YAMLError as exc:
        return None, Issue(name, "", "", f"malformed YAML: {exc}")
    if data is None:
        return None, Issue(
            name, "", "", f"is empty; expected a mapping with key {collection_of(path)!r}"
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
        for value in values:
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
