"""Helpers for the adversarial suite: the real program in a subprocess, where the guarantee
is about a process (closed streams, full disks, file-size limits, signals)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


class Run:
    """``usrufacts ARGS`` in a subprocess; bytes in, bytes out, nothing decoded for you."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def __call__(
        self, *args: str | bytes, shell_suffix: str = "", timeout: float = 20, **kwargs: object
    ) -> subprocess.CompletedProcess[bytes]:
        command = [sys.executable, "-m", "usrufacts", *args]
        if shell_suffix:  # e.g. "> /dev/full" or "| true": run through a shell
            import shlex

            line = " ".join(shlex.quote(os.fsdecode(part)) for part in command)
            return subprocess.run(
                f"{line} {shell_suffix}",
                shell=True,
                capture_output=True,
                env=self.env,
                timeout=timeout,
                executable="/bin/bash",
                **kwargs,  # type: ignore[call-overload]
            )
        return subprocess.run(
            command,
            capture_output=True,
            env=self.env,
            timeout=timeout,
            **kwargs,  # type: ignore[call-overload]
        )


@pytest.fixture
def run(shared_cache: Path) -> Run:
    """Runs the real program with the suite's shared cache and no colour."""
    env = {**os.environ, "USRUFACTS_CACHE_DIR": str(shared_cache), "COLUMNS": "100"}
    env.pop("USRUFACTS_FACTS", None)
    return Run(env)


@pytest.fixture
def small_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The small fixture base stands in for the bundled facts, so that an overlay test
    does not spend seconds validating the real ones (in-process runs only)."""
    import shutil

    target = tmp_path / "bundle"
    shutil.copytree(Path(__file__).parent.parent / "fixtures" / "mini", target)
    monkeypatch.setattr("usrufacts.index.bundled_facts", lambda: target)
    return target


def one_error_line(stderr: bytes) -> str:
    """The single line on stderr, checked to be one line and no traceback."""
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert lines[0].startswith("usrufacts: error: "), text
    return lines[0]
