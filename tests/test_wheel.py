"""The wheel carries the fact base: built, installed in a fresh venv, and run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import REPO

UV = shutil.which("uv")


@pytest.mark.skipif(UV is None, reason="uv builds and installs the wheel")
@pytest.mark.slow
def test_the_installed_wheel_answers_a_lookup(tmp_path: Path):
    """Offline once `uv sync` has run: the build backend (hatchling) is in the dev group, so
    the wheel builds without isolation; the fresh venv installs the wheel alone and finds its
    dependencies in this environment's site-packages (appended after its own, so the wheel's
    copy of usrufacts is the one imported, not the editable checkout)."""
    assert UV is not None
    offline = {**os.environ, "UV_OFFLINE": "1"}
    subprocess.run(
        [UV, "build", "--wheel", "--no-build-isolation", "--python", sys.executable,
         "--out-dir", str(tmp_path / "dist"), str(REPO)],
        check=True, capture_output=True, env=offline,
    )  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("usrufacts-*.whl")
    venv = tmp_path / "venv"
    subprocess.run(
        [UV, "venv", "--python", sys.executable, str(venv)],
        check=True, capture_output=True, env=offline,
    )  # fmt: skip
    python = venv / "bin" / "python"
    subprocess.run(
        [UV, "pip", "install", "--no-deps", "--python", str(python), str(wheel)],
        check=True, capture_output=True, env=offline,
    )  # fmt: skip
    (site,) = (venv / "lib").glob("python3*/site-packages")
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {**os.environ, "USRUFACTS_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [str(venv / "bin" / "usrufacts"), "treaty", "new-start", "--json"],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["id"] == "new-start"
    assert "site-packages/usrufacts/facts" in record["origin"]
    # verify's vocabulary (facts/vocabulary/verify.yaml) ships too: "Sputnik 1" is only there.
    checked = subprocess.run(
        [str(venv / "bin" / "usrufacts"), "verify", "-", "--json"],
        input="Sputnik 1 was launched in 1958.\n",
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert checked.returncode == 1, checked.stderr
    assert json.loads(checked.stdout)[0]["record"] == "sputnik-1957"
