"""Import discipline: a warm JSON lookup loads neither YAML, pydantic nor Rich."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
sys.argv = ["usrufacts", *sys.argv[1:]]
from usrufacts.cli import app
try:
    app(prog_name="usrufacts")
except SystemExit:
    pass
heavy = ["yaml", "pydantic", "msgspec", "rich"]
sys.stderr.write(json.dumps([m for m in heavy if m in sys.modules]))
"""


def _loaded(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True)
    return list(json.loads(result.stderr.splitlines()[-1]))


@pytest.mark.slow
def test_a_warm_json_lookup_imports_nothing_heavy():
    _loaded("treaty", "new-start", "--json")  # builds the index if needed
    assert _loaded("treaty", "new-start", "--json") == []


@pytest.mark.slow
def test_a_warm_timeline_and_search_import_nothing_heavy():
    _loaded("timeline", "2018", "--json")
    assert _loaded("timeline", "2018", "--json") == []
    assert _loaded("search", "new start", "--json") == []


@pytest.mark.slow
def test_a_table_imports_rich_but_not_yaml_or_pydantic():
    _loaded("treaty", "new-start")
    assert _loaded("treaty", "new-start", "--format", "table") == ["rich"]


def test_a_piped_text_lookup_and_listing_import_nothing_heavy():
    _loaded("treaty", "new-start")  # the index, if needed
    assert _loaded("treaty", "new-start", "--format", "tsv") == []
    assert _loaded("meetings", "--format", "tsv") == []
    assert _loaded("timeline", "2018", "--fields", "id,date", "--format", "tsv") == []
