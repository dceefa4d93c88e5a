"""Files that appear whole or not at all: write beside the target, then rename.

Two entry points. :func:`replacing` is the bare mechanism (the index cache uses it).
:func:`writing` is for files a user names (``export --output``, ``schema --output``): it
writes through symbolic links into the regular file they point to, refuses anything that
is not a regular file (a FIFO, a device, a directory), keeps an existing file's mode and
gives a new one the mode the umask allows, and turns every failure into one
:class:`WriteError` line, leaving nothing half-written behind.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import UsrufactsError

TEMPORARY_SUFFIX = ".tmp"


class WriteError(UsrufactsError):
    """A file the user asked for could not be written (exit 1); nothing was changed."""

    exit_code = 1


@contextmanager
def replacing(path: Path, mode: int | None = None) -> Iterator[str]:
    """A temporary file name in ``path``'s directory; renamed to ``path`` when the block ends
    without an error, removed when it raises. Readers never see a half-written file.

    The temporary file is created 0600 and given ``mode`` before the rename. While the block
    runs, the file holds an exclusive ``flock``: :func:`remove_stale` deletes only
    temporaries nobody holds (those of a killed process).
    """
    import tempfile

    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}-", suffix=TEMPORARY_SUFFIX
    )
    try:
        _lock(descriptor)
        yield temporary
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        for leftover in ("", "-journal", "-wal", "-shm"):  # SQLite's companions too
            Path(temporary + leftover).unlink(missing_ok=True)
        raise
    finally:
        os.close(descriptor)


def _lock(descriptor: int) -> None:
    try:
        import fcntl

        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (ImportError, OSError):  # no flock here: stale files are then never removed
        pass


def remove_stale(folder: Path, pattern: str) -> list[Path]:
    """Delete the temporaries matching ``pattern`` in ``folder`` that no live process is
    writing (a process killed mid-write leaves one); return what was deleted.

    A temporary being written holds an flock (see :func:`replacing`); taking the lock
    proves its writer is gone. Never raises.
    """
    removed: list[Path] = []
    try:
        import fcntl
    except ImportError:
        return removed
    try:
        candidates = list(folder.glob(pattern))
    except OSError:
        return removed
    for candidate in candidates:
        if not candidate.name.endswith(TEMPORARY_SUFFIX):
            continue
        try:
            descriptor = os.open(candidate, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                continue
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            candidate.unlink()
            removed.append(candidate)
        except OSError:
            continue
        finally:
            os.close(descriptor)
    return removed


def output_file(path: Path, force: bool) -> Path:
    """The regular file that writing to ``path`` should replace: ``path`` itself, or the file
    a symbolic link at ``path`` leads to (created if the link dangles).

    Raises WriteError (exit 1) for a missing directory, a directory, a FIFO, a device or
    anything else that is not a regular file, a read-only file, and a file that exists when
    ``force`` is false (that one a UsageError, exit 2: add --force).
    """
    from .errors import UsageError

    real = Path(os.path.realpath(path))
    try:
        info = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise _error(path, error) from None
    if info is None:
        parent = real.parent
        if not parent.is_dir():
            what = "does not exist" if not parent.exists() else "is not a directory"
            raise WriteError(f"cannot write {path}: directory {parent} {what}")
        return real
    if stat.S_ISDIR(info.st_mode):
        raise WriteError(f"cannot write {path}: it is a directory; give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(
            f"cannot write {path}: it is not a regular file (a pipe, device or socket); "
            "give a file name"
        )
    if not force:
        raise UsageError(f"{path} exists; add --force to overwrite it")
    if not info.st_mode & 0o222 or not os.access(real, os.W_OK):
        raise WriteError(f"cannot write {path}: the file is read-only")
    return real


@contextmanager
def writing(path: Path, force: bool) -> Iterator[str]:
    """Write the user's file ``path`` atomically: yields a temporary name to write to.

    See :func:`output_file` for what is refused. The result keeps an existing file's
    permission bits; a new file gets 0666 minus the umask, as ``open()`` would give it.
    Any OSError (full disk, permission, quota, file too large) becomes a WriteError
    naming ``path`` and leaves no temporary file behind.
    """
    target = output_file(path, force)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    try:
        with replacing(target, mode) as temporary:
            yield temporary
    except OSError as error:
        raise _error(path, error) from None
    except Exception as error:
        import sqlite3

        if isinstance(error, sqlite3.Error):  # sqlite's own "database or disk is full"
            raise WriteError(f"cannot write {path}: {error}") from None
        raise


def ensure_directory(path: Path) -> None:
    """Create the directory ``path`` (and its parents) for output; WriteError if it cannot
    be, for instance because a file stands in its place."""
    if path.is_dir():
        return
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WriteError(f"cannot write into {path}: it is not a directory") from None
    except OSError as error:
        if error.errno in (errno.ENOTDIR, errno.EEXIST):
            raise WriteError(f"cannot write into {path}: it is not a directory") from None
        raise _error(path, error) from None


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _error(path: Path, error: OSError) -> WriteError:
    reason = error.strerror or str(error)
    return WriteError(f"cannot write {path}: {reason}")
