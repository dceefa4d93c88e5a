"""Writing files: through links into regular files only, with the mode the user expects,
whole or not at all, and one error line for anything that cannot be written."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from .conftest import one_error_line

ROOT = os.geteuid() == 0
# The schema files kept in the repository: what `schema --output` must write, by name.
COMMITTED_SCHEMAS = sorted(
    p.name for p in (Path(__file__).parents[2] / "facts" / "schema").glob("*.schema.json")
)


def test_export_through_a_symlink_writes_its_target_and_keeps_the_link(cli, tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert cli.run("export", "--output", str(link), "--force").exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "treaties" in json.loads(target.read_text())


def test_sqlite_export_through_a_dangling_symlink_creates_its_target(cli, tmp_path):
    target = tmp_path / "made.db"
    link = tmp_path / "link.db"
    link.symlink_to(target)
    assert cli.run("export", "--format", "sqlite", str(link), "--force").exit_code == 0
    assert link.is_symlink()
    with sqlite3.connect(target) as db:
        assert db.execute("SELECT count(*) FROM sources").fetchone()[0] > 500


def test_export_refuses_a_fifo_and_leaves_it_a_fifo(run, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run("export", "--output", str(fifo), "--force", timeout=15)
    assert result.returncode == 1
    assert "not a regular file" in one_error_line(result.stderr)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_refuses_a_link_to_a_device_and_leaves_both_alone(cli, tmp_path):
    link = tmp_path / "null-link"
    link.symlink_to("/dev/null")
    line = cli.fails(1, "export", "--format", "sqlite", "--output", str(link), "--force")
    assert "not a regular file" in line
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_force_keeps_an_existing_files_mode(cli, tmp_path):
    target = tmp_path / "facts.csv"
    target.write_text("old")
    target.chmod(0o644)
    assert cli.run("export", "-f", "csv", "-o", str(target), "--force").exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o640)
    assert cli.run("export", "-f", "sqlite", "-o", str(target), "--force").exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_honours_the_umask(cli, tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        for fmt in ("json", "sqlite"):
            target = tmp_path / f"new.{fmt}"
            assert cli.run("export", "-f", fmt, "-o", str(target)).exit_code == 0
            assert stat.S_IMODE(target.stat().st_mode) == mode, fmt
        assert cli.run("schema", "--output", str(tmp_path / "schema")).exit_code == 0
        written = sorted((tmp_path / "schema").iterdir())
        assert [p.name for p in written] == COMMITTED_SCHEMAS  # a loop over none passes
        for path in written:
            assert stat.S_IMODE(path.stat().st_mode) == mode, path
    finally:
        os.umask(old)


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("fmt", ["json", "sqlite"])
def test_export_into_a_missing_directory_is_one_line(cli, tmp_path, fmt):
    line = cli.fails(1, "export", "-f", fmt, "-o", str(tmp_path / "nowhere" / "facts.out"))
    assert "nowhere" in line and "does not exist" in line
    assert _listing(tmp_path) == []


@pytest.mark.parametrize("fmt", ["json", "sqlite"])
def test_export_onto_a_directory_is_one_line(cli, tmp_path, fmt):
    (tmp_path / "folder").mkdir()
    line = cli.fails(1, "export", "-f", fmt, "-o", str(tmp_path / "folder"), "--force")
    assert "is a directory" in line
    assert _listing(tmp_path) == ["folder"] and _listing(tmp_path / "folder") == []


def test_schema_output_onto_a_file_is_one_line(cli, tmp_path):
    blocker = tmp_path / "schema"
    blocker.write_text("mine")
    line = cli.fails(1, "schema", "--output", str(blocker))
    assert "not a directory" in line
    assert blocker.read_text() == "mine"


def test_schema_output_under_a_file_is_one_line(cli, tmp_path):
    (tmp_path / "file").write_text("mine")
    line = cli.fails(1, "schema", "--output", str(tmp_path / "file" / "schema"))
    assert "not a directory" in line


@pytest.mark.skipif(ROOT, reason="root may write anywhere")
@pytest.mark.parametrize("command", [["export", "-o"], ["export", "-f", "sqlite", "-o"]])
def test_an_unwritable_directory_is_one_line(cli, tmp_path, command):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        line = cli.fails(1, *command, str(locked / "facts.out"))
        assert "permission denied" in line.lower()
    finally:
        locked.chmod(0o755)


def test_an_unwritable_place_is_one_line_even_for_root(cli):
    line = cli.fails(1, "export", "-o", "/proc/usrufacts-test.json")
    assert "/proc/usrufacts-test.json" in line


def test_a_read_only_file_is_not_replaced_even_with_force(cli, tmp_path):
    target = tmp_path / "keep.json"
    target.write_text("keep me")
    target.chmod(0o444)
    line = cli.fails(1, "export", "-o", str(target), "--force")
    assert "read-only" in line
    assert target.read_text() == "keep me"


@pytest.mark.parametrize("fmt", ["json", "sqlite"])
def test_a_full_disk_is_one_line_and_leaves_nothing_behind(run, tmp_path, fmt):
    target = tmp_path / "facts.out"
    target.write_text("keep me")
    # ulimit -f: writes past 1 KiB fail with EFBIG, as on a full disk (Python ignores SIGXFSZ)
    result = run(
        "export", "-f", fmt, "-o", str(target), "--force", shell_suffix="", preexec_fn=_limit
    )
    assert result.returncode == 1, result.stderr
    assert "cannot write" in one_error_line(result.stderr)
    assert _listing(tmp_path) == ["facts.out"] and target.read_text() == "keep me"


def test_a_full_disk_during_schema_output_is_one_line(run, tmp_path):
    result = run("schema", "--output", str(tmp_path / "schema"), preexec_fn=_limit)
    assert result.returncode == 1, result.stderr
    one_error_line(result.stderr)
    assert not [p for p in (tmp_path / "schema").iterdir() if p.name.endswith(".tmp")]


def _limit() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))
