"""usrufacts chart: what a chart is built from, how it is drawn, and the image files."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import pytest
from conftest import Cli

from usrufacts import charts, plotting
from usrufacts.index import bundled_facts, open_index


def tsv(cli: Cli, *args: str) -> list[list[str]]:
    result = cli.run("chart", *args)
    assert result.exit_code == 0, result.stderr
    return [line.split("\t") for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def db():
    return open_index([bundled_facts()])


def test_stockpile_series_comes_to_a_pipe_as_tsv(cli: Cli) -> None:
    """What went wrong: the stockpile series had to be scraped from JSON to plot."""
    rows = tsv(cli, "stockpile")
    assert rows[0] == ["date", "us", "ru"]
    table = cli.json("compare", "figure", "warhead-stockpile")
    assert len(rows) - 1 == len(table)
    by_date = {r[0]: r for r in rows[1:]}
    assert by_date["1986"][2] == "[40159,45000]"  # disputed: both values, not an average
    (row_2022,) = [r for r in table if r["date"] == "2022"]
    assert by_date["2022"][1:] == [str(row_2022["us"]), str(row_2022["ru"])]


def test_stockpile_chart_has_two_series_labelled_axes_and_the_peaks(db) -> None:
    chart = charts.stockpile_chart(db)
    assert [s.name for s in chart.series] == ["United States", "USSR/Russia"]
    assert (chart.x_label, chart.y_label) == ("Year", "Warheads")
    notes = [a.text for a in chart.annotations]
    assert "USSR/Russia peak 1986: 40,159–45,000 warheads (disputed)" in notes
    us = chart.series[0]
    assert (1966.0, 31700, 32040) in us.ranges
    assert all(x != 1966.0 for x, _ in us.points)  # a disputed year is not on the line
    assert chart.source.startswith("Source: ")
    assert chart.source.endswith("(usrufacts cite warhead-stockpile)")


def test_the_peak_is_the_highest_value_of_the_series(db) -> None:
    chart = charts.figure_chart(db, "deployed-strategic-warheads")
    for series in chart.series:
        values = [v for _, v in series.points] + [h for _, _, h in series.ranges]
        peak = next(a for a in chart.annotations if a.text.startswith(f"{series.name} peak"))
        assert peak.y == max(values)


def test_drawn_chart_fits_80_columns_with_title_labels_key_and_source(cli: Cli) -> None:
    result = cli.run("chart", "stockpile", "--draw", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Nuclear warhead stockpiles: United States and USSR/Russia" in out
    assert "Warheads" in out and "Year" in out
    assert "• United States" in out and "+ USSR/Russia" in out
    assert "▲ USSR/Russia peak 1986: 40,159–45,000 warheads (disputed)" in out
    assert "Source: " in out
    assert "\x1b" not in out  # not a terminal: no colour codes
    assert max(len(line) for line in out.splitlines()) <= 80


def test_a_narrow_terminal_gets_the_data_instead(cli: Cli) -> None:
    result = cli.run("chart", "stockpile", "--draw", env={"COLUMNS": "30"})
    assert result.stdout.splitlines()[0] == "date\tus\tru"


def test_colour_only_when_asked(db) -> None:
    chart = charts.stockpile_chart(db)
    assert "\x1b[" not in plotting.terminal(chart, 80, 20, color=False)
    assert "\x1b[" in plotting.terminal(chart, 80, 20, color=True)


def test_trade_chart_has_exports_and_imports(cli: Cli, db) -> None:
    chart = charts.trade_chart(db)
    assert [s.name for s in chart.series] == ["US exports to Russia", "US imports from Russia"]
    assert chart.y_label == "USD million"
    rows = tsv(cli, "trade")
    assert rows[0] == ["date", "us-exports-to-russia", "us-imports-from-russia"]
    exports = {r["date"]: r["us"] for r in cli.json("compare", "figure", "us-exports-to-russia")}
    for row in rows[1:]:
        if row[0] in exports:
            assert row[1] == str(exports[row[0]])


def test_timeline_chart_counts_every_event_once(cli: Cli) -> None:
    rows = tsv(cli, "timeline", "1985", "1995")
    assert rows[0][0] == "year"
    assert [r[0] for r in rows[1:]] == [str(y) for y in range(1985, 1996)]
    events = cli.json("timeline", "1985", "1995")
    assert sum(int(n) for r in rows[1:] for n in r[1:]) == len(events)


def test_timeline_chart_draws_a_key_of_kinds(cli: Cli) -> None:
    result = cli.run("chart", "timeline", "1985", "1995", "--draw", env={"COLUMNS": "80"})
    assert "Events per year by kind 1985–1995" in result.stdout
    assert "Key: █ " in result.stdout
    assert "▲ busiest year" in result.stdout


def test_figure_chart_of_an_unknown_metric_is_not_found(cli: Cli) -> None:
    assert "no metric named 'no-such-metric'" in cli.fails(1, "chart", "figure", "no-such-metric")


def test_svg_file_is_valid_and_carries_the_title(cli: Cli, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    target = tmp_path / "stockpile.svg"
    result = cli.run("chart", "stockpile", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert ET.fromstring(text).tag == "{http://www.w3.org/2000/svg}svg"
    assert "Nuclear warhead stockpiles: United States and USSR/Russia" in text
    assert result.stdout == ""


def test_png_file_is_valid_and_carries_the_title(cli: Cli, tmp_path: Path) -> None:
    from PIL import Image

    target = tmp_path / "trade.png"
    assert cli.run("chart", "trade", "--output", str(target)).exit_code == 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(target) as image:
        image.verify()
    with Image.open(target) as image:
        assert image.info["Title"] == "US goods trade with Russia"
        assert image.size[0] > 600


def test_without_matplotlib_the_error_names_the_extra(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    line = cli.fails(2, "chart", "stockpile", "--output", str(tmp_path / "s.png"))
    assert "pip install 'usrufacts[charts]'" in line
    assert not (tmp_path / "s.png").exists()


def test_an_existing_image_is_not_overwritten_without_force(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "mine.svg"
    target.write_text("keep me")
    assert "add --force" in cli.fails(2, "chart", "trade", "--output", str(target))
    assert target.read_text() == "keep me"


def test_an_image_must_be_svg_or_png(cli: Cli, tmp_path: Path) -> None:
    assert ".svg or .png" in cli.fails(2, "chart", "trade", "--output", str(tmp_path / "t.pdf"))


@pytest.mark.parametrize(("low", "high"), [(0, 45000), (0, 49500), (1945, 2022), (0, 11)])
def test_nice_ticks_cover_the_range_in_round_steps(low: float, high: float) -> None:
    ticks = plotting.nice_ticks(low, high)
    assert ticks[0] <= low and ticks[-1] >= high  # a peak is never above the top tick
    steps = {round(b - a, 6) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1
    (step,) = steps
    assert step / 10 ** len(str(int(step))[1:]) in {1, 2, 2.5, 5}


def test_chart_data_is_json_free_of_nan(cli: Cli) -> None:
    rows = tsv(cli, "figure", "newstart-deployed-warheads")
    assert rows[0] == ["date", "us", "ru"]
    assert all("nan" not in cell.lower() for row in rows for cell in row)
    json.dumps(rows)


def test_compare_chart_draws_under_the_table(cli: Cli) -> None:
    result = cli.run("compare", "arsenal", "1986", "2022", "--chart", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    table, _, chart = result.stdout.partition("Nuclear warhead stockpiles")
    assert "Nuclear arsenals (warheads)" in table
    assert "▲ USSR/Russia peak 1986" in chart


def test_compare_figure_chart_draws_the_metric(cli: Cli) -> None:
    result = cli.run("compare", "figure", "deployed-strategic-warheads", "--chart")
    assert result.exit_code == 0, result.stderr
    assert "Key: • United States   + USSR/Russia" in result.stdout


def test_compare_chart_with_a_machine_format_is_refused_before_any_output(cli: Cli) -> None:
    result = cli.run("compare", "arsenal", "--chart", "--json")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--chart goes with table output" in result.stderr


def test_nothing_to_chart_is_a_note_and_exit_0(cli: Cli) -> None:
    result = cli.run("chart", "timeline", "1700", "1701")
    assert result.exit_code == 0
    assert result.stderr == "usrufacts: nothing to chart: no data for that range\n"
    assert result.stdout.splitlines() == ["year"]  # the header, for a script


def test_ids_in_the_source_line_are_not_broken_at_hyphens(cli: Cli) -> None:
    result = cli.run("chart", "figure", "us-declared-stockpile", "--draw", env={"COLUMNS": "80"})
    assert "us-declared-stockpile)" in result.stdout


def test_compare_treaty_chart_says_why_there_is_none(cli: Cli) -> None:
    line = cli.fails(2, "compare", "treaty", "start-i", "new-start", "--chart")
    assert "treaty limits come in different units" in line


def _on_a_terminal(*args: str, env: dict[str, str]) -> str:
    """Run the real CLI with stdout on a pseudo-terminal; return what it showed."""
    import os
    import pty
    import subprocess

    main, child = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env
    process = subprocess.Popen(
        [sys.executable, "-m", "usrufacts", *args], stdout=child, stderr=child, env=full_env
    )
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_gets_colour_and_no_color_turns_it_off() -> None:
    coloured = _on_a_terminal("chart", "stockpile", env={"COLUMNS": "80"})
    plain = _on_a_terminal("chart", "stockpile", env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert "\x1b[" in coloured
    assert "\x1b[" not in plain
    assert "Nuclear warhead stockpiles" in plain and "▲ USSR/Russia peak 1986" in plain
    assert "date\tus\tru" not in plain  # drawn, not the TSV a pipe gets


def test_chart_help_gives_an_example_of_each_chart(cli: Cli) -> None:
    result = cli.run("chart", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for example in (
        "usrufacts chart stockpile",
        "usrufacts chart trade --output trade.svg",
        "usrufacts chart timeline 1985 1995",
        "usrufacts chart figure deployed-strategic-warheads",
        "usrufacts chart stockpile | head -3",
    ):
        assert example in text
