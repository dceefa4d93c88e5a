"""Fact text with markup, escapes and odd characters is shown verbatim, never interpreted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

GOLDEN = Path(__file__).parent / "golden"
HOSTILE = (
    "[bold]not bold[/] [link=https://evil.example]x[/link] \x1b[31mred\x1b[0m "
    "bell\x07 rtl\u202eevil\u202c emoji \U0001f680 " + "long" * 30
)


@pytest.fixture
def hostile(mini: Path) -> Path:
    path = mini / "events.yaml"
    data = yaml.safe_load(path.read_text())
    data["events"][0]["summary"] = HOSTILE
    data["events"][0]["title"] = "[red]Title[/red]"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return mini


def test_json_carries_hostile_text_verbatim(cli, hostile):
    record = cli.json("show", "test-summit-2002", "--facts", str(hostile))
    assert record["summary"] == HOSTILE
    assert record["title"] == "[red]Title[/red]"


def test_tables_show_markup_literally_and_neutralise_escapes(
    cli, hostile, monkeypatch, update_goldens
):
    monkeypatch.chdir(hostile.parent)  # a relative overlay path keeps the golden file stable
    out = cli.run(
        "show", "test-summit-2002", "--facts", hostile.name, "-f", "table", env={"COLUMNS": "80"}
    ).stdout
    assert "[red]Title[/red]" in out
    assert "[bold]not bold[/]" in out.replace("\n", "")
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[31mred" in out.replace("\n", "")
    assert "\u202e" not in out and "rtl\\u202eevil" in out
    golden = GOLDEN / "hostile-show.txt"
    if update_goldens:  # pytest --update-goldens; review the diff
        golden.write_text(out)
    assert out == golden.read_text()


def test_markdown_escapes_pipes_and_keeps_markup(cli, hostile):
    events = hostile / "events.yaml"
    events.write_text(events.read_text().replace("[red]Title[/red]", "[red]Title[/red] a|b"))
    out = cli.run("timeline", "2002", "--facts", str(hostile), "-f", "md").stdout
    row = next(line for line in out.splitlines() if "Title" in line)
    assert "[red]Title[/red] a\\|b" in row
    assert row.count("|") - row.count("\\|") == len(out.splitlines()[2].split("|")) - 1


def test_forced_colour_styles_a_table(cli):
    """The control for the two tests below: FORCE_COLOR alone does give escapes."""
    out = cli.run("treaty", "sort", "-f", "table", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[1m" in out


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_color_and_a_dumb_terminal_win_over_forced_colour(cli, env):
    result = cli.run("treaty", "sort", "-f", "table", env={"FORCE_COLOR": "1", **env})
    assert result.exit_code == 0
    assert "SORT" in result.stdout
    assert "\x1b" not in result.stdout


def test_a_20_column_terminal_wraps_prose_and_keeps_only_whole_atoms_wider(cli):
    result = cli.run("treaty", "sort", "-f", "table", env={"COLUMNS": "20"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "sort" in lines and "SORT" in lines  # values stacked under their labels, whole
    wide = [line.strip() for line in lines if len(line) > 20]
    assert wide and all(" " not in line for line in wide)  # a URL or an id, never prose


@pytest.mark.slow
def test_a_non_utf8_stdout_gets_valid_ascii_json(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    result = subprocess.run(
        [sys.executable, "-m", "usrufacts", "show", "helsinki-summit-2018", "--json"],
        capture_output=True, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.decode("ascii"))["id"] == "helsinki-summit-2018"
    table = subprocess.run(
        [sys.executable, "-m", "usrufacts", "show", "helsinki-summit-2018"],
        capture_output=True,
        env=env,
    )
    assert table.returncode == 0, table.stderr
