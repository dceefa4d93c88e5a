"""Terminal tables at fixed widths, compared with reviewed files in tests/golden/widths/.

The facts are a frozen subset of the real ones (tests/fixtures/golden-facts), so that new
facts elsewhere do not move these files. Regenerate on purpose with
``pytest tests/test_goldens.py --update-goldens`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import usrufacts.index

HERE = Path(__file__).parent
GOLDEN = HERE / "golden" / "widths"
FACTS = HERE / "fixtures" / "golden-facts"
WIDTHS = (40, 60, 80, 120, 200)
VIEWS = {
    "meetings": ["meetings"],
    "treaties": ["treaty", "--as-of", "2024-01-01"],
    "treaty-new-start": ["treaty", "new-start", "--as-of", "2024-01-01", "--sources"],
    "timeline-2018": ["timeline", "2018"],
    "search-putin": ["search", "putin", "--limit", "8"],
    "sources-helsinki": ["sources", "helsinki-summit-2018"],
    "compare-treaty": ["compare", "treaty", "salt-i", "salt-ii", "start-i", "start-ii", "sort",
                       "new-start"],
    "compare-arsenal": ["compare", "arsenal", "1986", "2022"],
}  # fmt: skip


@pytest.fixture
def frozen_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The golden fact base stands in for the bundled one; paths shown relative to it."""
    monkeypatch.setattr(usrufacts.index, "bundled_facts", lambda: FACTS)
    monkeypatch.chdir(FACTS)


@pytest.mark.usefixtures("frozen_facts")
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(VIEWS))
def test_terminal_output_matches_its_golden_file(cli, name, width, update_goldens):
    result = cli.run(
        *VIEWS[name], "--format", "table", "--color", "never", env={"COLUMNS": str(width)}
    )
    assert result.exit_code == 0, result.stderr
    assert all(len(line) <= width for line in result.stdout.splitlines() if "://" not in line)
    golden = GOLDEN / f"{name}-{width}.txt"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.stdout)
    assert golden.exists(), f"no golden file {golden.name}: run pytest --update-goldens"
    assert result.stdout == golden.read_text()
