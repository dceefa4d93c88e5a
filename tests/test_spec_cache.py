"""The index cache, specified in-process: which fact base an index answers for, when a cached
index is served and when it is rebuilt, and what a damaged one does.

A cached index is served only when its stored key (the code's version and format, each fact
directory, each fact file's name, size, modification and change times and inode) matches the
fact files now, and when no file stamped within the timestamp granularity of the build has
changed its bytes. The file system is stood in by ``index._stat`` so that each stamp can be set
alone, as a coarse file system (FAT keeps modification times to 2 s) or an editor would leave
it. An index the test has seen is marked with a row of its own in ``meta``: the mark still
being there means the index was served, not rebuilt.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from usrufacts import index
from usrufacts.index import bundled_facts, index_path

RECORD = "test-summit-2002"
TITLE = "Adams–Bor summit in Moscow"
OLD = 978_307_200_000_000_000  # 2001-01-01T00:00:00Z in ns: long before any build
SECOND = 1_000_000_000
GRANULARITY = 3 * SECOND  # the docstring of index._fresh: FAT's 2 s, with a margin
HOUR = 3600 * SECOND


class Disk:
    """A file system whose stamps the test sets: for files in the watched directories,
    ``os.stat`` reports these modification and change times (and inode, if set)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *watched: Path) -> None:
        self.watched = {str(path) for path in watched}
        self.mtime = OLD
        self.ctime = OLD
        self.inode: int | None = None
        self.per_file: dict[str, tuple[int, int]] = {}
        monkeypatch.setattr(index, "_stat", self.stat)

    def stat(self, path: Any) -> Any:
        real = os.stat(path)
        if os.path.dirname(str(path)) not in self.watched:
            return real
        mtime, ctime = self.per_file.get(os.path.basename(str(path)), (self.mtime, self.ctime))
        return SimpleNamespace(
            st_mode=real.st_mode,
            st_size=real.st_size,
            st_ino=real.st_ino if self.inode is None else self.inode,
            st_mtime_ns=mtime,
            st_ctime_ns=ctime,
        )


def _coarse(monkeypatch: pytest.MonkeyPatch) -> None:
    """Timestamps an hour coarse: a file stamped "just now" stays within the granularity
    however slowly the test runs (a loaded machine takes seconds per lookup)."""
    monkeypatch.setattr(index, "_GRANULARITY_NS", HOUR)


def _title(cli: Any, facts: Path) -> str:
    return str(cli.json("show", RECORD, "--facts", str(facts))["title"])


def _retitle(facts: Path, old: str, new: str, *, replace_file: bool = False) -> None:
    """Edit the summit's title in place, keeping the file's size (and inode unless
    ``replace_file``: then a new file is renamed over it, as editors do)."""
    path = facts / "events.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace(f"summit in {old}", f"summit in {new}")
    assert edited != text
    if replace_file:
        fresh = facts / "events.yaml.new"
        fresh.write_text(edited, encoding="utf-8")
        os.replace(fresh, path)
    else:
        path.write_text(edited, encoding="utf-8")
    if len(old) == len(new):
        assert len(edited.encode()) == len(text.encode())


def _meta(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT key, value FROM meta").fetchall())


def _set_meta(path: Path, key: str, value: str | None) -> None:
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM meta WHERE key = ?", (key,))
        if value is not None:
            db.execute("INSERT INTO meta VALUES (?, ?)", (key, value))
    db.close()


def _mark(path: Path) -> None:
    _set_meta(path, "test-mark", "seen")


def _served(path: Path) -> bool:
    """Whether the index at ``path`` is the one the test marked (not rebuilt since)."""
    return path.is_file() and _meta(path).get("test-mark") == "seen"


def _index(facts: Path) -> Path:
    return index_path([bundled_facts(), facts])


def _built_from_old_files(
    cli: Any, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Disk, Path]:
    """The index built from fact files stamped 10 s ago: the stand-in disk and its path."""
    disk = Disk(monkeypatch, mini)
    disk.mtime = disk.ctime = time.time_ns() - 10 * SECOND
    assert _title(cli, mini) == TITLE
    return disk, _index(mini)


# --- what the key holds -------------------------------------------------------------------


@pytest.mark.parametrize("stamp", ["size", "mtime", "ctime", "inode"])
def test_a_change_of_any_one_stamp_of_a_fact_file_rebuilds_the_index(
    cli, own_cache, mini, monkeypatch, stamp
):
    disk = Disk(monkeypatch, mini)  # old stamps: the bytes are never re-read, the key decides
    assert _title(cli, mini) == TITLE
    if stamp == "size":
        _retitle(mini, "Moscow", "Moscow Oblast")
        expected = "Adams–Bor summit in Moscow Oblast"
    else:
        _retitle(mini, "Moscow", "Moskva", replace_file=stamp == "inode")
        expected = "Adams–Bor summit in Moskva"
        if stamp == "mtime":
            disk.mtime = OLD + SECOND
        elif stamp == "ctime":
            disk.ctime = OLD + SECOND
    assert _title(cli, mini) == expected


def test_two_fact_bases_whose_files_look_alike_on_disk_each_get_their_own_index(
    cli, own_cache, mini, monkeypatch, tmp_path
):
    import shutil

    other = tmp_path / "other"
    shutil.copytree(mini, other)
    _retitle(other, "Moscow", "Moskva")
    disk = Disk(monkeypatch, mini, other)
    disk.inode = 1  # same names, sizes, times and inodes: only the directory differs
    assert _title(cli, mini) == TITLE
    assert _title(cli, other) == "Adams–Bor summit in Moskva"
    assert _title(cli, mini) == TITLE


def test_a_relative_and_an_absolute_path_to_the_same_facts_share_one_index(
    cli, own_cache, mini, monkeypatch
):
    monkeypatch.chdir(mini.parent)
    assert cli.json("show", RECORD, "--facts", mini.name)["title"] == TITLE
    (built,) = own_cache.glob("facts-*.sqlite")
    _mark(built)
    assert _title(cli, mini) == TITLE
    assert list(own_cache.glob("facts-*.sqlite")) == [built]
    assert _served(built)


@pytest.mark.parametrize("setting", ["FORMAT", "__version__"])
def test_an_index_built_by_another_version_or_format_is_not_served(
    cli, own_cache, mini, monkeypatch, setting
):
    assert _title(cli, mini) == TITLE
    first = _index(mini)
    _mark(first)
    monkeypatch.setattr(index, setting, "0-other")
    second = _index(mini)
    assert second != first
    assert _title(cli, mini) == TITLE
    assert second.is_file() and not _served(second)
    assert _served(first)  # kept for when the other version runs again


def test_an_index_whose_stored_key_differs_is_rebuilt(cli, own_cache, mini):
    assert _title(cli, mini) == TITLE
    path = _index(mini)
    _mark(path)
    _set_meta(path, "key", "another fact base")
    assert _title(cli, mini) == TITLE
    assert path.is_file() and not _served(path)
    assert _meta(path)["key"] != "another fact base"


def test_the_index_files_are_named_facts_and_16_hex_digits(cli, own_cache, mini):
    import re

    _title(cli, mini)
    cli.run("treaty", "sort")
    names = sorted(p.name for p in own_cache.iterdir())
    assert len(names) == 2
    assert all(re.fullmatch(r"facts-[0-9a-f]{16}\.sqlite", name) for name in names), names


def test_a_fact_file_named_in_bytes_that_are_not_utf8_is_indexed_and_served(cli, own_cache, mini):
    os.rename(mini / "figures.yaml", os.fsdecode(bytes(mini / "figures") + b".\xff.yaml"))
    assert _title(cli, mini) == TITLE
    (built,) = [p for p in own_cache.glob("facts-*.sqlite")]
    assert "\\xff.yaml" in _meta(built)["key"]
    _mark(built)
    assert _title(cli, mini) == TITLE
    assert _served(built)


def test_an_unreadable_fact_file_is_one_error_line(cli, own_cache, mini):
    (mini / "broken.yaml").symlink_to(mini / "no-such-target.yaml")
    line = cli.fails(3, "show", RECORD, "--facts", str(mini))
    assert "broken.yaml" in line and "cannot be read" in line


def test_a_fact_directory_that_cannot_be_listed_is_one_error_line(
    cli, own_cache, mini, monkeypatch
):
    """As root, no directory is unlistable: the listing fails here by a stand-in."""
    real = index.scan

    def scan(directory: Path) -> Any:
        if Path(directory) == mini:
            raise PermissionError(13, "Permission denied")
        return real(directory)

    monkeypatch.setattr(index, "scan", scan)
    line = cli.fails(3, "show", RECORD, "--facts", str(mini))
    assert line.endswith(
        f"{mini}: cannot be read: Permission denied; run 'usrufacts check' for the full list"
    ), line


# --- when a cached index is served -------------------------------------------------------


@pytest.mark.parametrize("age", ["stamped long ago", "stamped just now"])
def test_an_unchanged_fact_base_is_served_from_the_cache_not_rebuilt(
    cli, own_cache, mini, monkeypatch, age
):
    disk = Disk(monkeypatch, mini)
    if age == "stamped just now":
        _coarse(monkeypatch)
        disk.mtime = disk.ctime = time.time_ns()
    assert _title(cli, mini) == TITLE
    path = _index(mini)
    _mark(path)
    assert _title(cli, mini) == TITLE
    assert _served(path)
    assert list(own_cache.glob("facts-*.sqlite")) == [path]


@pytest.mark.parametrize("changed", ["mtime", "ctime"])
def test_a_same_size_edit_within_the_timestamp_granularity_is_seen(
    cli, own_cache, mini, monkeypatch, changed
):
    disk = Disk(monkeypatch, mini)
    _coarse(monkeypatch)
    # A coarse file system: the edit leaves size, times and inode as they were. One of the
    # two times is recent (within the granularity of the build), the other long past.
    setattr(disk, changed, time.time_ns())
    assert _title(cli, mini) == TITLE
    _retitle(mini, "Moscow", "Moskva")
    assert _title(cli, mini) == "Adams–Bor summit in Moskva"
    _retitle(mini, "Moskva", "Moskau")
    assert _title(cli, mini) == "Adams–Bor summit in Moskau"


def test_a_file_stamped_exactly_the_granularity_before_the_build_is_checked(
    cli, own_cache, mini, monkeypatch
):
    disk, path = _built_from_old_files(cli, mini, monkeypatch)
    _set_meta(path, "built_at", str(disk.mtime + GRANULARITY))
    _retitle(mini, "Moscow", "Moskva")
    assert _title(cli, mini) == "Adams–Bor summit in Moskva"


def test_a_file_stamped_more_than_the_granularity_before_the_build_is_not_read_again(
    cli, own_cache, mini, monkeypatch
):
    disk, path = _built_from_old_files(cli, mini, monkeypatch)
    _set_meta(path, "built_at", str(disk.mtime + GRANULARITY + 1))
    _mark(path)
    # The documented trade-off: what the key cannot see is not looked for once old enough.
    _retitle(mini, "Moscow", "Moskva")
    assert _title(cli, mini) == TITLE
    assert _served(path)


def test_once_the_files_are_older_than_the_granularity_the_check_time_is_recorded(
    cli, own_cache, mini, monkeypatch
):
    disk, path = _built_from_old_files(cli, mini, monkeypatch)
    racy_build = str(disk.mtime + SECOND)  # as if built a second after the last edit
    _set_meta(path, "built_at", racy_build)
    _mark(path)
    before = time.time_ns()
    assert _title(cli, mini) == TITLE  # the files are read and found unchanged
    after = time.time_ns()
    assert _served(path)
    assert before <= int(_meta(path)["built_at"]) <= after
    # From now on the files are not read: a same-size edit goes unseen (the trade-off).
    _retitle(mini, "Moscow", "Moskva")
    assert _title(cli, mini) == TITLE


def test_while_any_checked_file_is_younger_than_the_granularity_the_build_time_stays(
    cli, own_cache, mini, monkeypatch
):
    disk = Disk(monkeypatch, mini)
    _coarse(monkeypatch)
    now = time.time_ns()
    disk.mtime = disk.ctime = now - 2 * HOUR  # older than the granularity
    disk.per_file["events.yaml"] = (now, now)  # the youngest of the files read
    assert _title(cli, mini) == TITLE
    path = _index(mini)
    racy_build = str(now - 2 * HOUR + SECOND)  # every file of the overlay is checked
    _set_meta(path, "built_at", racy_build)
    _mark(path)
    assert _title(cli, mini) == TITLE
    assert _served(path)
    assert _meta(path)["built_at"] == racy_build
    _retitle(mini, "Moscow", "Moskva")  # and so a same-size edit is still seen
    assert _title(cli, mini) == "Adams–Bor summit in Moskva"


def test_an_index_without_its_build_time_checks_every_file_and_is_served(
    cli, own_cache, mini, monkeypatch
):
    Disk(monkeypatch, mini)
    assert _title(cli, mini) == TITLE
    path = _index(mini)
    _set_meta(path, "built_at", None)
    _mark(path)
    assert _title(cli, mini) == TITLE
    assert _served(path)


def test_an_index_without_its_digests_is_rebuilt_when_a_file_must_be_checked(
    cli, own_cache, mini, monkeypatch
):
    disk = Disk(monkeypatch, mini)
    _coarse(monkeypatch)
    disk.ctime = time.time_ns()
    assert _title(cli, mini) == TITLE
    path = _index(mini)
    _set_meta(path, "digests", None)
    _mark(path)
    assert _title(cli, mini) == TITLE
    assert path.is_file() and not _served(path)


# --- damaged indexes ---------------------------------------------------------------------


def test_an_index_damaged_right_after_its_build_is_discarded_and_built_again(
    cli, own_cache, mini, monkeypatch
):
    """The first build's file loses its pages past the third (as a failing disk might) before
    it is read: the answer still comes, from a second build, and the damaged file is gone."""
    real = index.write_database
    builds: list[Path] = []

    def write_then_damage(base: Any, key: str, started: int, path: Path) -> None:
        real(base, key, started, path)
        builds.append(path)
        if len(builds) == 1:
            data = bytearray(path.read_bytes())
            page = int.from_bytes(data[16:18], "big")
            data[3 * page :] = b"\xa5" * (len(data) - 3 * page)
            path.write_bytes(bytes(data))

    monkeypatch.setattr(index, "write_database", write_then_damage)
    assert _title(cli, mini) == TITLE
    assert len(builds) == 2 and builds[0] == builds[1]
    with sqlite3.connect(builds[1]) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()


def test_a_garbage_index_that_cannot_be_deleted_is_built_over(cli, own_cache, mini, monkeypatch):
    """Deleting the unusable file fails (a stand-in for a file system that refuses): the
    answer still comes, from an index written over it."""
    assert _title(cli, mini) == TITLE
    path = _index(mini)
    path.write_bytes(b"not an index" * 100)
    real = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self == path:
            raise PermissionError(13, "Permission denied")
        real(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    assert _title(cli, mini) == TITLE
    assert "key" in _meta(path)


def test_a_directory_where_the_index_should_be_answers_from_memory(cli, own_cache, mini):
    path = _index(mini)
    (path / "inside").mkdir(parents=True)
    assert _title(cli, mini) == TITLE
    assert (path / "inside").is_dir()  # nothing of the user's is removed


def test_an_index_without_a_meta_table_is_rebuilt(cli, own_cache, mini):
    assert _title(cli, mini) == TITLE
    path = _index(mini)
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE meta")
    db.close()
    assert _title(cli, mini) == TITLE
    assert "key" in _meta(path)


# --- name forms and search text the index stores ----------------------------------------
# Expected ids read by hand from facts/treaties*.yaml and tests/fixtures/mini/.


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ＳＴＡＲＴ ＩＩ", "start-ii"),  # fullwidth letters, as some keyboards type them
        ("start 2", "start-ii"),  # 2 and II are one name
        ("NEWSTART", "new-start"),  # spaces, hyphens and case ignored
        ("Hotline", "hotline-agreement-1963"),  # "Hotline Agreement" without "Agreement"
        ("ＨＯＴＬＩＮＥ", "hotline-agreement-1963"),  # typed non-ASCII, stored ASCII
        ("Incidents at Sea", "incsea"),  # "Incidents at Sea Agreement"
    ],
)
def test_a_treaty_is_found_by_its_name_written_another_way(cli, typed, expected):
    assert cli.json("show", typed)["id"] == expected


def test_a_name_without_the_word_treaty_is_that_treaty_not_every_name_with_the_word(cli, mini):
    # "test" is also a word of the Limited, Threshold and Comprehensive Test Ban treaties.
    assert cli.json("treaty", "Test", "--facts", str(mini))["id"] == "test-treaty"


def test_search_finds_records_by_the_publisher_of_what_they_cite(cli, mini):
    found = cli.json("search", '"Another Publisher"', "--facts", str(mini))
    # src-two (Another Publisher) is cited by the two 1986 stockpile figures only.
    assert sorted(r["id"] for r in found) == [
        "warhead-stockpile-ru-1986",
        "warhead-stockpile-us-1986",
    ]


def test_an_index_busy_elsewhere_is_served_without_recording_the_check(
    cli, own_cache, mini, monkeypatch
):
    disk, path = _built_from_old_files(cli, mini, monkeypatch)
    racy_build = str(disk.mtime + SECOND)
    _set_meta(path, "built_at", racy_build)
    _mark(path)
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another process is writing: readers may, writers wait
    try:
        assert _title(cli, mini) == TITLE
    finally:
        other.rollback()
        other.close()
    assert _served(path)
    assert _meta(path)["built_at"] == racy_build


def test_a_fact_file_that_can_no_longer_be_read_is_not_answered_from_the_old_index(
    cli, own_cache, mini, monkeypatch
):
    disk = Disk(monkeypatch, mini)
    _coarse(monkeypatch)
    disk.ctime = time.time_ns()
    events = mini / "events.yaml"
    stamp = os.stat(events)
    real_stat = disk.stat

    def lying(path: Any) -> Any:  # a file system that still reports the file as it was
        if str(path) == str(events) and not os.path.exists(path):
            return SimpleNamespace(
                st_mode=stamp.st_mode,
                st_size=stamp.st_size,
                st_ino=stamp.st_ino,
                st_mtime_ns=disk.mtime,
                st_ctime_ns=disk.ctime,
            )
        return real_stat(path)

    monkeypatch.setattr(index, "_stat", lying)
    assert _title(cli, mini) == TITLE
    events.unlink()
    events.symlink_to(mini / "gone.yaml")
    line = cli.fails(3, "show", RECORD, "--facts", str(mini))
    assert "events.yaml" in line
