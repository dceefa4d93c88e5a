"""Sizes: a field may not hold a megabyte (drawing it would crawl), and an error line
quoting a huge argument stays a readable line."""

from __future__ import annotations

from pathlib import Path

import pytest


def _set(mini: Path, old: str, new: str) -> None:
    path = mini / "events.yaml"
    path.write_text(path.read_text().replace(old, new, 1))


@pytest.mark.parametrize("size", [5_001, 1_000_000])
def test_a_field_longer_than_the_cap_is_rejected_by_check(cli, mini, size):
    _set(mini, "title: Adams–Bor summit in Moscow", "title: " + "x" * size)
    result = cli.run("check", str(mini))
    assert result.exit_code == 3
    assert "test-summit-2002: title: String should have at most 5000 characters" in result.stderr


def test_a_field_at_the_cap_is_accepted(cli, mini):
    _set(mini, "title: Adams–Bor summit in Moscow", "title: " + "word " * 999 + "last")
    assert cli.run("check", str(mini)).exit_code == 0


def test_a_list_of_texts_is_capped_too(cli, mini):
    _set(mini, "place: Moscow", "place: Moscow\n    outcomes: [" + ", ".join(["o"] * 51) + "]")
    result = cli.run("check", str(mini))
    assert result.exit_code == 3 and "outcomes" in result.stderr


@pytest.mark.parametrize("command", ["show", "treaty", "search"])
def test_a_huge_argument_is_one_short_line_or_an_answer(cli, command):
    result = cli.run(command, "x" * 1_000_000)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert len(result.stderr.splitlines()) <= 1
    assert len(result.stderr) < 1_100
