"""The compiled index: built once, rebuilt after an edit, never a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from usrufacts.index import bundled_facts, index_path


def _indexes(folder: Path) -> list[Path]:
    return sorted(folder.glob("facts-*.sqlite"))


def test_first_use_builds_the_index_and_later_calls_reuse_it(cli, own_cache):
    assert cli.run("treaty", "sort", "--json").exit_code == 0
    (index,) = _indexes(own_cache)
    built = index.stat().st_mtime_ns
    assert cli.run("treaty", "sort", "--json").exit_code == 0
    assert _indexes(own_cache) == [index]
    assert index.stat().st_mtime_ns == built


def test_editing_a_fact_file_rebuilds_the_index(cli, own_cache, mini):
    before = cli.json("show", "test-summit-2002", "--facts", str(mini))
    path = mini / "events.yaml"
    path.write_text(path.read_text().replace("Adams–Bor summit in Moscow", "Edited title"))
    after = cli.json("show", "test-summit-2002", "--facts", str(mini))
    assert (before["title"], after["title"]) == ("Adams–Bor summit in Moscow", "Edited title")


def test_switching_fact_bases_keeps_both_indexes_and_old_ones_go(cli, own_cache, mini):
    cli.run("treaty", "sort")
    cli.run("treaty", "sort", "--facts", str(mini))
    both = _indexes(own_cache)
    assert len(both) == 2
    cli.run("treaty", "sort")
    assert _indexes(own_cache) == both  # no rebuild when switching back
    path = mini / "events.yaml"
    for n in range(5):  # each edit is a new fact base; only the latest few are kept
        path.write_text(path.read_text() + f"# edit {n}\n")
        cli.run("treaty", "sort", "--facts", str(mini))
    assert len(_indexes(own_cache)) == 4


def test_a_garbage_cache_file_is_rebuilt(cli, own_cache):
    own_cache.mkdir(parents=True)
    index_path([bundled_facts()]).write_bytes(b"this is not a database" * 100)
    assert cli.json("treaty", "sort")["id"] == "sort"


def test_a_truncated_cache_file_is_rebuilt(cli, own_cache):
    cli.run("treaty", "sort")
    (index,) = _indexes(own_cache)
    index.write_bytes(index.read_bytes()[:4096])
    assert cli.json("treaty", "sort")["id"] == "sort"


def test_an_unusable_cache_directory_falls_back_to_memory(cli, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("USRUFACTS_CACHE_DIR", str(blocker / "cache"))
    assert cli.json("treaty", "sort")["id"] == "sort"


@pytest.mark.slow
def test_two_processes_building_at_once_both_answer_and_leave_one_index(own_cache):
    env = {**os.environ, "USRUFACTS_CACHE_DIR": str(own_cache)}
    command = [sys.executable, "-m", "usrufacts", "treaty", "new-start", "--json"]
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, env=env) for _ in range(2)]
    outputs = [p.communicate()[0] for p in processes]
    assert [p.returncode for p in processes] == [0, 0]
    assert json.loads(outputs[0]) == json.loads(outputs[1])
    assert len(_indexes(own_cache)) == 1
    assert not list(own_cache.glob("*.tmp"))
