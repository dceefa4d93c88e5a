"""Write a synthetic overlay N times the size of the bundled fact base.

Each copy k of every record gets ids suffixed ``-sK`` (references follow), names and
aliases suffixed `` SK``, and dates moved 300 + 75·k years later, so copies never fall in
the real range (1945–2026) that the benchmark's timeline asks for. Records keep their
real shape and text, so the overlay is valid against the schema and indexes like the
real thing. The files are written in JSON syntax (see below).

Usage: python bench/synth.py N [DIR]
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from usrufacts.index import bundled_facts

DATE = re.compile(r"^(\d{4})(-\d{2}(-\d{2})?)?$")
REFERENCE_KEYS = {"sources", "participants", "signatories", "related"}
NAME_KEYS = {"name", "title", "label"}


def _shift(value: str, years: int) -> str:
    match = DATE.match(value)
    if not match:
        return value
    year = int(match[1]) + years
    rest = match[2] or ""
    if rest.endswith("-02-29"):
        rest = "-02-28"  # the shifted year may not be a leap year
    return f"{year:04d}{rest}"


def _copy(node: Any, k: int, ids: set[str], key: str = "") -> Any:
    years = 300 + 75 * k
    if isinstance(node, dict):
        return {name: _copy(value, k, ids, name) for name, value in node.items()}
    if isinstance(node, list):
        if key in REFERENCE_KEYS or key == "aliases":
            return [_copy(item, k, ids, key) for item in node]
        return [_copy(item, k, ids) for item in node]
    if isinstance(node, str):
        if key in {"id", "metric"} or (key in REFERENCE_KEYS and node in ids):
            return f"{node}-s{k}"
        if key in {"date", "start", "end", "in_force"} or (key == "accessed"):
            return _shift(node, years) if key != "accessed" else node
        if key in NAME_KEYS or key == "aliases":
            return f"{node} S{k}"
    return node


def main(argv: list[str]) -> Path:
    copies = int(argv[0]) if argv else 100
    target = (
        Path(argv[1])
        if len(argv) > 1
        else Path(tempfile.mkdtemp(prefix=f"usrufacts-synth-{copies}-"))
    )
    target.mkdir(parents=True, exist_ok=True)
    source = bundled_facts()
    files = {p.stem: yaml.safe_load(p.read_text()) for p in source.glob("*.yaml")}
    ids = {
        r["id"]
        for data in files.values()
        for records in data.values()
        if isinstance(records, list)
        for r in records
        if "id" in r
    }
    for stem, data in files.items():
        if stem == "publishers":  # a lookup table (one publisher per domain), not records
            continue
        # A file's scalar settings (an events file's complete_to) are kept as they are.
        out = {
            key: [_copy(r, k, ids) for k in range(1, copies + 1) for r in records]
            if isinstance(records, list)
            else records
            for key, records in data.items()
        }
        # Written in JSON syntax, which is YAML too and which the loader reads with the
        # JSON parser: PyYAML alone needs over a minute for a base this size.
        (target / f"{stem}.yaml").write_text(json.dumps(out, ensure_ascii=False, indent=1))
    print(target)
    return target


if __name__ == "__main__":
    main(sys.argv[1:])
