"""Shared fixtures: an isolated cache and HOME, and a way to run the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase
from typer.testing import CliRunner, Result

from usrufacts.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
REPO = Path(__file__).parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite the golden files in tests/golden/ from the current output (then review).",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Test order and seeds: a new draw on every local run (pytest-randomly prints it in the
    header; ``-p randomly --randomly-seed=N`` repeats one), one fixed draw in CI."""
    if os.environ.get("CI") and config.getoption("randomly_seed", None) == "default":
        config.option.randomly_seed = 20261202


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True only when pytest was run with --update-goldens."""
    return bool(request.config.getoption("--update-goldens"))


# Under mutmut (README "Development"), each mutant runs in a fork of a process that has
# already run the tests: memoised date parses and a built index would hide a mutant in the
# parser or the index build. So every test parses afresh, and while mutmut records which
# tests reach which function ("stats"), every test builds its own index, so that a mutant
# in the build is tried against every test, not only the first one of the session.
_MUTATION_PHASE = "MUTANT_UNDER_TEST"


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index of the bundled facts for the whole run: building it is the slow part.

    Under mutmut, a mutant outside the modules the index is built with (dates, index) shares
    one index with every other such mutant of the run; any other builds its own."""
    mutant = os.environ.get(_MUTATION_PHASE, "")
    if "." in mutant and not mutant.startswith(("usrufacts.dates.", "usrufacts.index.")):
        from usrufacts import index

        stamp = Path(index.__file__).stat().st_mtime_ns
        return Path(tempfile.gettempdir()) / f"usrufacts-mutmut-{os.getppid()}-{stamp}"
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def isolated(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    shared_cache: Path,
) -> None:
    """No test sees the user's cache, HOME, overlay or colour settings."""
    mutation = os.environ.get(_MUTATION_PHASE)
    if mutation is not None:
        from usrufacts import dates

        dates._parsed.cache_clear()
    cache = tmp_path_factory.mktemp("cache") if mutation == "stats" else shared_cache
    monkeypatch.setenv("USRUFACTS_CACHE_DIR", str(cache))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("USRUFACTS_FACTS", raising=False)
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "PAGER", "USRUFACTS_PAGER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "120")


class Cli:
    """Runs ``usrufacts`` in-process through Typer's CliRunner."""

    def run(self, *args: str, env: dict[str, str] | None = None) -> Result:
        """Run in-process. The runner keeps an escaping exception instead of printing a
        traceback, so "no traceback" is asserted here, on ``result.exception``."""
        result = CliRunner().invoke(app, list(args), env=env)
        escaped = result.exception
        assert escaped is None or isinstance(escaped, SystemExit), (args, repr(escaped))
        return result

    def json(self, *args: str) -> Any:
        result = self.run(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    def fails(self, code: int, *args: str) -> str:
        """Run, expect exit ``code`` and one line on stderr; return that line."""
        result = self.run(*args)
        assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        return lines[0]


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def mini(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the small, valid fixture fact base."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    yield target


@pytest.fixture
def own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A cache directory of this test's own, for tests that watch the index being built."""
    folder = tmp_path / "own-cache"
    monkeypatch.setenv("USRUFACTS_CACHE_DIR", str(folder))
    return folder


def dump(data: Any) -> str:
    return json.dumps(data, indent=2)


# Hypothesis keeps its example database outside the repository (a failing example saved in
# the checkout would fail every later run there), and CI runs are derandomised.
settings.register_profile(
    "local",
    database=DirectoryBasedExampleDatabase(Path(tempfile.gettempdir()) / "usrufacts-hypothesis"),
)
settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile("ci" if os.environ.get("CI") else "local")
