"""The cached index can be damaged, fooled, shared with the user's files, or interrupted;
it must never serve a stale answer, fail for good, delete what is not its own, or hang."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from .conftest import one_error_line


def _indexes(folder: Path) -> list[Path]:
    return sorted(folder.glob("facts-*.sqlite"))


def test_a_damaged_page_in_the_index_is_discarded_and_rebuilt(cli, own_cache, small_bundle, mini):
    args = ("--facts", str(mini))
    expected = {
        "show": cli.json("show", "test-summit-2002", *args),
        "timeline": cli.json("timeline", *args),
        "search": cli.json("search", "summit", *args),
    }
    (index,) = _indexes(own_cache)
    data = bytearray(index.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[3 * page :] = b"\xa5" * (len(data) - 3 * page)  # pages 4 onward: garbage
    index.write_bytes(bytes(data))
    with sqlite3.connect(index) as db:  # the header and meta still read: the damage is later
        assert db.execute("SELECT count(*) FROM meta").fetchone()[0] > 0
    assert cli.json("show", "test-summit-2002", *args) == expected["show"]
    assert cli.json("timeline", *args) == expected["timeline"]
    assert cli.json("search", "summit", *args) == expected["search"]


def test_a_same_size_edit_in_the_same_timestamp_is_noticed(
    cli, own_cache, small_bundle, mini, monkeypatch
):
    """A file system with coarse timestamps: an edit that keeps the size, the modification
    time and the change time (and so every stat field) must still be seen."""
    import usrufacts.index as index

    real = os.stat

    def coarse(path: Path) -> SimpleNamespace:
        info = real(path)
        return SimpleNamespace(
            st_mode=info.st_mode, st_size=info.st_size, st_ino=0,
            st_mtime_ns=info.st_mtime_ns, st_ctime_ns=info.st_mtime_ns,
        )  # fmt: skip

    monkeypatch.setattr(index, "_stat", coarse)
    path = mini / "events.yaml"
    stamp = time.time_ns()
    os.utime(path, ns=(stamp, stamp))
    before = cli.json("show", "test-summit-2002", "--facts", str(mini))["title"]
    path.write_text(
        path.read_text().replace("Adams–Bor summit in Moscow", "Adams–Bor summit in Mińsk")
    )
    os.utime(path, ns=(stamp, stamp))
    after = cli.json("show", "test-summit-2002", "--facts", str(mini))["title"]
    assert (before, after) == ("Adams–Bor summit in Moscow", "Adams–Bor summit in Mińsk")


def test_an_index_of_an_older_format_is_rebuilt_not_served(
    cli, own_cache, small_bundle, monkeypatch
):
    """FORMAT (index.py) changes with the index's layout: an index built under another
    FORMAT is never read, even when the fact files are unchanged."""
    import usrufacts.index as index

    current = index.FORMAT
    monkeypatch.setattr(index, "FORMAT", "older")
    assert cli.json("show", "test-summit-2002")["title"] == "Adams–Bor summit in Moscow"
    (old,) = _indexes(own_cache)
    with contextlib.closing(sqlite3.connect(old)) as db:  # what only the old index says
        db.execute(
            "UPDATE records SET json = replace(json, 'Moscow', 'Atlantis') "
            "WHERE id = 'test-summit-2002'"
        )
        db.commit()
        assert db.total_changes == 1
    monkeypatch.setattr(index, "FORMAT", current)
    assert cli.json("show", "test-summit-2002")["title"] == "Adams–Bor summit in Moscow"


def test_an_index_built_for_another_fact_base_is_not_served(
    cli, own_cache, small_bundle, mini, tmp_path
):
    """The file name is a 64-bit checksum of the key; the whole key, stored inside, decides.
    A colliding name is simulated: one overlay's index copied to another overlay's name,
    with a build time after every file's last change (so no content check runs either)."""
    from usrufacts.index import index_path

    other = tmp_path / "other"
    shutil.copytree(mini, other)
    events = other / "events.yaml"
    events.write_text(events.read_text().replace("summit in Moscow", "summit in Kyiv"))
    moscow = cli.json("show", "test-summit-2002", "--facts", str(mini))["title"]
    (built,) = _indexes(own_cache)
    target = index_path([small_bundle, other])
    shutil.copyfile(built, target)
    with contextlib.closing(sqlite3.connect(target)) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'built_at'", [str(2**62)])
        db.commit()
    kyiv = cli.json("show", "test-summit-2002", "--facts", str(other))["title"]
    assert (moscow, kyiv) == ("Adams–Bor summit in Moscow", "Adams–Bor summit in Kyiv")


def test_an_index_checked_once_is_not_read_again(cli, own_cache, small_bundle, mini, monkeypatch):
    """Files stamped close to the build are hashed until they are old enough; then the
    index records that and lookups stop reading the fact files."""
    import usrufacts.index as index

    monkeypatch.setattr(index, "_GRANULARITY_NS", 200_000_000)
    cli.json("show", "test-summit-2002", "--facts", str(mini))
    reads: list[str] = []
    real_open = open

    def counting_open(name, *args, **kwargs):
        if str(name).endswith(".yaml"):
            reads.append(str(name))
        return real_open(name, *args, **kwargs)

    time.sleep(0.3)
    monkeypatch.setattr("builtins.open", counting_open)
    cli.json("show", "test-summit-2002", "--facts", str(mini))  # checks, then records it
    first = len(reads)
    cli.json("show", "test-summit-2002", "--facts", str(mini))
    assert first > 0 and len(reads) == first


def test_pruning_never_deletes_the_users_own_files(cli, own_cache, small_bundle, mini):
    own_cache.mkdir(parents=True)
    mine = {
        "facts-2021.sqlite": b"my export",
        "facts-0123456789abcdef.sqlite": None,  # a real database, named like an index
        "notes.txt": b"mine",
    }
    for name, content in mine.items():
        if content is None:
            with sqlite3.connect(own_cache / name) as db:
                db.execute("CREATE TABLE t (x)")
        else:
            (own_cache / name).write_bytes(content)
    path = mini / "events.yaml"
    for n in range(6):  # six fact bases: only the tool's own four latest indexes remain
        path.write_text(path.read_text() + f"# edit {n}\n")
        assert cli.run("treaty", "test-treaty", "--facts", str(mini)).exit_code == 0
    names = {p.name for p in own_cache.iterdir()}
    assert set(mine) <= names
    assert len(names - set(mine)) == 4


def test_an_exported_database_is_never_taken_for_an_index(cli, own_cache, tmp_path):
    target = own_cache / "facts-fedcba9876543210.sqlite"
    own_cache.mkdir(parents=True)
    assert cli.run("export", "-f", "sqlite", "-o", str(target)).exit_code == 0
    with sqlite3.connect(target) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0


def test_a_killed_builds_temporary_file_is_removed_by_the_next_build(
    cli, own_cache, small_bundle, mini
):
    own_cache.mkdir(parents=True)
    stale = own_cache / ".facts-0123456789abcdef.sqlite-k1ll3d.tmp"
    stale.write_bytes(b"x" * 4096)
    busy = own_cache / ".facts-fedcba9876543210.sqlite-busy.tmp"
    busy.write_bytes(b"y")
    with open(busy, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # a build in progress in another process
        assert cli.run("treaty", "test-treaty", "--facts", str(mini)).exit_code == 0
        assert not stale.exists()
        assert busy.exists()


def test_sigkill_during_a_build_leaves_nothing_the_next_run_keeps(run, own_cache, mini):
    env = {**run.env, "USRUFACTS_CACHE_DIR": str(own_cache)}
    small = (
        "import pathlib, usrufacts.index as i\n"
        f"i.bundled_facts = lambda: pathlib.Path({str(mini)!r})\n"
    )
    code = (
        small + "import sys, time, usrufacts.index as i, usrufacts.cli as c\n"
        "real = i.build\n"
        "def slow(*a, **k):\n"
        "    real(*a, **k); print('built', file=sys.stderr, flush=True); time.sleep(60)\n"
        "i.build = slow\n"
        "sys.argv = ['usrufacts', 'treaty', 'test-treaty']\n"
        "c.main()\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, env=env)
    assert process.stderr is not None
    assert process.stderr.readline() == b"built\n"
    process.kill()
    process.wait()
    assert list(own_cache.glob(".facts-*.tmp"))
    again = (
        small
        + "import sys, usrufacts.cli as c\n"
        + "sys.argv = ['usrufacts', 'treaty', 'test-treaty']\n"
        + "c.main()\n"
    )
    result = subprocess.run([sys.executable, "-c", again], capture_output=True, env=env, timeout=60)
    assert result.returncode == 0
    assert not list(own_cache.glob(".facts-*.tmp"))


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="validation runs in parallel on 2+ cores")
def test_a_dying_validation_worker_is_an_error_not_a_hang(run, own_cache, mini):
    env = {**run.env, "USRUFACTS_CACHE_DIR": str(own_cache)}
    code = (
        "import os, signal, sys, usrufacts.loader as l, usrufacts.cli as c\n"
        "l.PARALLEL_BYTES = 0\n"
        "real = l._read_one\n"
        "def dying(path):\n"
        "    if path.name == 'events.yaml':\n"
        "        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would\n"
        "    return real(path)\n"
        "l._read_one = dying\n"
        f"sys.argv = ['usrufacts', 'check', {str(mini)!r}]\n"
        "c.main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=60)
    assert result.returncode == 1
    assert "died" in one_error_line(result.stderr)


def test_the_index_records_content_digests_of_what_it_was_built_from(
    cli, own_cache, small_bundle, mini
):
    cli.json("show", "test-summit-2002", "--facts", str(mini))
    (index,) = _indexes(own_cache)
    with sqlite3.connect(index) as db:
        digests = json.loads(
            db.execute("SELECT value FROM meta WHERE key = 'digests'").fetchone()[0]
        )
    import zlib

    assert digests[str(mini / "events.yaml")] == zlib.crc32((mini / "events.yaml").read_bytes())


def test_a_users_file_named_like_a_temporary_is_never_removed(cli, own_cache, small_bundle, mini):
    """Only the build's own temporaries (``.facts-<key>.sqlite-XXXX.tmp``) are cleaned."""
    own_cache.mkdir(parents=True)
    mine = own_cache / ".facts-mydraft.tmp"
    mine.write_bytes(b"mine")
    stale = own_cache / ".facts-0123456789abcdef.sqlite-k1ll3d.tmp"
    stale.write_bytes(b"x")
    assert cli.run("treaty", "test-treaty", "--facts", str(mini)).exit_code == 0
    assert mine.read_bytes() == b"mine"
    assert not stale.exists()


def test_a_cache_directory_that_cannot_be_looked_at_answers_from_memory(
    cli, small_bundle, mini, monkeypatch, tmp_path
):
    """A cache path the system refuses to stat (a name too long; as another user, a parent
    without search permission) is like a read-only cache: the answer, no traceback."""
    monkeypatch.setenv("USRUFACTS_CACHE_DIR", str(tmp_path / ("c" * 300)))
    result = cli.run("treaty", "test-treaty", "--facts", str(mini), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "test-treaty"
