"""The wheel carries the fact base: built, installed in a fresh venv, and run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

UV = shutil.which("uv")


@pytest.mark.skipif(UV is None, reason="uv builds and installs the wheel")
def test_the_installed_wheel_answers_a_lookup(tmp_path: Path):
    assert UV is not None
    subprocess.run([UV, "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(REPO)],
                   check=True, capture_output=True)  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("usrufacts-*.whl")
    venv = tmp_path / "venv"
    subprocess.run(
        [UV, "venv", "--python", sys.executable, str(venv)], check=True, capture_output=True
    )
    python = venv / "bin" / "python"
    subprocess.run(
        [UV, "pip", "install", "--python", str(python), str(wheel)], check=True, capture_output=True
    )
    env = {**os.environ, "USRUFACTS_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [str(venv / "bin" / "usrufacts"), "treaty", "new-start", "--json"],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["id"] == "new-start"
    assert "site-packages/usrufacts/facts" in record["origin"]
