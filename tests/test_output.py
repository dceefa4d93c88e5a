"""Output that fits its destination: terminal tables at any width, text for programs to a pipe.

Each of the first tests is a line of issue 8's "What goes wrong today".
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest

ESC = re.compile(r"\x1b\[[0-9;]*m")


def table(cli, *args: str, width: int) -> str:
    """A terminal table at a fixed width, without colour."""
    result = cli.run(*args, "--format", "table", "--color", "never", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def fits(out: str, width: int) -> None:
    over = [line for line in out.splitlines() if len(line) > width]
    assert not over, over


def piped(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real program with stdout a pipe."""
    return subprocess.run(
        [sys.executable, "-m", "usrufacts", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


# --- what goes wrong today --------------------------------------------------------------------


def test_meetings_at_80_columns_keep_every_id_and_date_whole(cli):
    records = cli.json("meetings")
    out = table(cli, "meetings", width=80)
    fits(out, 80)
    for record in records:
        assert record["id"] in out
        assert record["date"] in out


def test_the_treaty_listing_fits_120_columns_with_every_id_whole(cli):
    out = table(cli, "treaty", width=120)
    fits(out, 120)
    for treaty in cli.json("treaty"):
        assert treaty["id"] in out


def test_a_records_source_urls_are_whole_in_a_terminal(cli):
    urls = [s["url"] for s in cli.json("sources", "helsinki-summit-2018")]
    out = table(cli, "sources", "helsinki-summit-2018", width=80)
    lines = out.splitlines()
    for url in urls:
        assert any(url in line for line in lines), url


def test_a_long_url_is_found_by_grep_in_piped_sources():
    listing = json.loads(piped("sources", "--json").stdout)
    longest = max((s["url"] for s in listing), key=len)
    out = piped("sources").stdout
    assert sum(longest in line for line in out.splitlines()) == 1


COMPARED = ["salt-i", "salt-ii", "start-i", "start-ii", "sort", "new-start"]


def _numbers(data) -> set[str]:
    found: set[str] = set()
    for row in data:
        for value in row.values():
            if isinstance(value, dict) and isinstance(value.get("value"), int):
                found.add(f"{value['value']:,}")
    return found


def test_compare_treaty_at_80_columns_cuts_no_number(cli):
    data = cli.json("compare", "treaty", *COMPARED)
    out = table(cli, "compare", "treaty", *COMPARED, width=80)
    fits(out, 80)
    tokens = set(re.findall(r"[\d,]+", out))
    assert _numbers(data) <= tokens


def test_compare_arsenal_at_50_columns_cuts_no_number(cli):
    rows = cli.json("compare", "arsenal", "1986", "2022")
    out = table(cli, "compare", "arsenal", "1986", "2022", width=50)
    fits(out, 50)
    whole = {"1986", "2022"}
    for row in rows:
        for key, value in row.items():
            for number in value if isinstance(value, list) else [value]:
                if isinstance(number, int | float) and key != "sources":
                    whole.add(f"{number:,}")
    shown = set(re.findall(r"\d[\d,.]*", out))
    assert shown <= whole, shown - whole  # nothing cut into a smaller number
    for row in rows:  # the stockpiles are the point of the table: never dropped
        for key in ("us_stockpile", "ru_stockpile"):
            for number in row[key] if isinstance(row[key], list) else [row[key]]:
                if number is not None:
                    assert f"{number:,}" in shown


def test_compare_of_every_treaty_piped_keeps_every_column(cli):
    ids = [t["id"] for t in cli.json("treaty")]
    result = piped("compare", "treaty", *ids)
    lines = result.stdout.splitlines()
    header = lines[0].split("\t")
    assert len(header) == len(ids) + 1
    assert all(len(line.split("\t")) == len(header) for line in lines)


@pytest.mark.parametrize(
    "args",
    [
        ["meetings"],
        ["treaty"],
        ["timeline", "2018"],
        ["search", "putin"],
        ["sources", "helsinki-summit-2018"],
    ],
)
def test_piped_text_is_one_record_a_line_with_tabs(args):
    records = json.loads(piped(*args, "--json").stdout)
    out = piped(*args).stdout
    lines = out.splitlines()
    assert len(records) <= len(lines) <= len(records) + 1
    assert not any(line.endswith(" ") for line in lines)
    assert "\x1b" not in out
    counts = {line.count("\t") for line in lines}
    assert len(counts) == 1 and counts.pop() >= 1
    for record in records:
        assert any(record["id"] in line.split("\t") for line in lines)
        if "url" in record:
            assert any(record["url"] in line.split("\t") for line in lines)


def test_empty_cells_stay_empty_between_tabs(cli):
    out = piped("meetings").stdout
    # the first Trump–Putin call has no place
    first = next(line for line in out.splitlines() if "trump-putin-call-2016-11-14" in line)
    assert "\t\t" in first


def test_bare_usrufacts_welcomes_and_exits_0(cli):
    result = cli.run()
    assert result.exit_code == 0, result.stderr
    assert "Facts as of" in result.stdout or "facts as of" in result.stdout
    assert sum(line.strip().startswith("usrufacts ") for line in result.stdout.splitlines()) >= 6
    assert result.stderr == ""


def test_a_bare_command_group_prints_its_help_and_exits_0(cli):
    result = cli.run("compare")
    assert result.exit_code == 0, result.stderr
    assert "arsenal" in result.stdout and "treaty" in result.stdout
    assert "error" not in result.stderr


def test_record_values_are_plain_and_labels_bold(cli):
    out = cli.run(
        "treaty", "new-start", "--format", "table", "--color", "always", env={"COLUMNS": "100"}
    ).stdout
    line = next(line for line in out.splitlines() if "Prague" in line)
    assert line.startswith("\x1b[1m")  # the label
    value = line[line.index("Prague") - 12 :]
    assert "\x1b[1m" not in value


def test_numbers_are_right_aligned(cli):
    rows = [r for r in cli.json("compare", "arsenal") if isinstance(r["us_stockpile"], int)]
    years = [str(rows[0]["year"]), str(rows[-1]["year"])]
    out = table(cli, "compare", "arsenal", *years, width=120)
    header = next(line for line in out.splitlines() if "US stockpile" in line)
    edge = header.index("US stockpile") + len("US stockpile")
    for row in rows[:: len(rows) - 1]:
        line = next(line for line in out.splitlines() if line.startswith(str(row["year"])))
        value = f"{row['us_stockpile']:,}"
        assert line[edge - len(value) : edge] == value, (line, value)


def test_multi_part_outcomes_read_as_a_list(cli):
    event = next(e for e in cli.json("timeline", "2018") if len(e.get("outcomes") or []) > 1)
    out = table(cli, "show", event["id"], width=100)
    for outcome in event["outcomes"]:
        first_words = " ".join(outcome.split()[:3])
        assert "• " + first_words in out, outcome
    assert "., " not in out


def test_units_are_singular_where_the_value_is_one(cli):
    out = table(cli, "treaty", "abm-protocol-1974", width=120)
    line = next(line for line in out.splitlines() if line.startswith("ABM deployment areas"))
    assert re.search(r"\b1\s+site\b", line) and not re.search(r"\b1\s+sites\b", line)


def test_a_soviet_era_treaty_names_the_ussr(cli):
    out = table(cli, "treaty", "abm-treaty", width=120)
    line = next(line for line in out.splitlines() if line.startswith("Parties"))
    assert "Soviet Union" in line and "ru" not in line.split()


def test_status_reads_as_words(cli):
    out = table(cli, "treaty", "abm-treaty", width=120)
    line = next(line for line in out.splitlines() if line.startswith("Status"))
    assert "withdrew" in line and "by US" not in line


def test_compare_treaty_keeps_notes_and_aligns_equivalent_limits():
    out = piped("compare", "treaty", "start-i", "sort", "new-start").stdout
    lines = out.splitlines()
    assert any("1,700–2,200" in line for line in lines)
    row = next(line for line in lines if "6,000" in line)
    assert "1,550" in row and "1,700–2,200" in row


def test_compare_treaty_takes_sources(cli):
    out = table(cli, "compare", "treaty", "start-i", "new-start", "--sources", width=120)
    assert "Sources" in out and "https://" in out


def test_force_color_colours_tables_only():
    forced = {"FORCE_COLOR": "1", "NO_COLOR": "", "COLUMNS": "100"}
    assert "\x1b[" in piped("treaty", "new-start", env=forced).stdout
    for fmt in ("json", "csv", "yaml", "tsv", "jsonl", "md"):
        out = piped("treaty", "new-start", "--format", fmt, env=forced).stdout
        assert "\x1b" not in out, fmt
        out = piped("treaty", "--format", fmt, env=forced).stdout
        assert "\x1b" not in out, fmt


def test_no_color_means_no_escapes_even_when_forced_to_a_table():
    out = piped("treaty", "new-start", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b" not in out


def test_color_always_colours_a_table_to_a_pipe(cli):
    out = cli.run("treaty", "--color", "always").stdout
    assert "\x1b[" in out


def test_color_never_on_a_forced_terminal_has_no_escapes():
    out = piped("treaty", "new-start", "--color", "never", env={"TTY_COMPATIBLE": "1"}).stdout
    assert "\x1b" not in out and "New START" in out


# --- --fields ---------------------------------------------------------------------------------


def test_fields_pick_and_order_json_keys(cli):
    data = cli.json("timeline", "2018", "--fields", "id,date,title")
    assert all(list(record) == ["id", "date", "title"] for record in data)


def test_fields_pick_columns_of_piped_text():
    out = piped("timeline", "2018", "--fields", "id,date").stdout
    ids = [e["id"] for e in json.loads(piped("timeline", "2018", "--json").stdout)]
    assert [line.split("\t")[0] for line in out.splitlines()] == ids
    assert all(len(line.split("\t")) == 2 for line in out.splitlines())


def test_fields_on_a_lookup(cli):
    data = cli.json("treaty", "new-start", "--fields", "name,signed")
    assert list(data) == ["name", "signed"]
    out = cli.run("treaty", "new-start", "-f", "csv", "--fields", "name").stdout
    csv_rows = list(csv.reader(io.StringIO(out)))
    assert csv_rows == [["name"], ["New START"]]


def test_fields_in_every_format(cli):
    for fmt in ("csv", "tsv", "md", "yaml", "jsonl", "table"):
        result = cli.run("meetings", "-f", fmt, "--fields", "id,date")
        assert result.exit_code == 0, (fmt, result.stderr)
        assert "Format" not in result.stdout and "format" not in result.stdout, fmt


def test_an_unknown_field_lists_the_valid_ones(cli):
    line = cli.fails(2, "timeline", "2018", "--fields", "id,colour")
    assert "colour" in line and "title" in line and "date" in line


# --- CSV ---------------------------------------------------------------------------------------


def _csv(cli, *args: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(cli.run(*args, "-f", "csv").stdout)))


def test_csv_carries_the_json_fields(cli):
    rows = _csv(cli, "timeline", "2018")
    records = cli.json("timeline", "2018")
    assert list(rows[0])[:3] == list(records[0])[:3]
    assert {"id", "date", "end", "title", "kind", "summary", "sources"} <= set(rows[0])
    assert rows[0]["sources"] == "; ".join(s["id"] for s in records[0]["sources"])


def test_csv_of_treaties_flattens_spans_and_lists(cli):
    rows = _csv(cli, "treaty")
    assert {"signed.date", "ended.date", "parties"} <= set(rows[0])
    sort = next(r for r in rows if r["id"] == "sort")
    assert sort["parties"] == "us; ru"


def test_search_csv_says_kind_where_it_holds_the_kind(cli):
    rows = _csv(cli, "search", "helsinki")
    event = next(r for r in rows if r["type"] == "event")
    assert event["kind"] == "summit" or event["kind"] in (
        "meeting",
        "call",
        "summit",
        "diplomatic",
    )


def test_excel_csv_starts_with_a_byte_order_mark(cli):
    out = cli.run("timeline", "2018", "-f", "csv", "--excel").stdout
    assert out.startswith("\ufeff")
    assert not cli.run("timeline", "2018", "-f", "csv").stdout.startswith("\ufeff")


def test_csv_cells_that_look_like_formulas_are_text(cli, mini):
    import yaml

    path = mini / "events.yaml"
    data = yaml.safe_load(path.read_text())
    data["events"][0]["title"] = "=HYPERLINK(1)"
    data["events"][0]["summary"] = "bell\x07 here"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    rows = _csv(cli, "timeline", "2002", "--facts", str(mini))
    row = next(r for r in rows if r["id"] == "test-summit-2002")
    assert row["title"] == "'=HYPERLINK(1)"
    assert row["summary"] == "bell\\x07 here"


# --- headers, pager ----------------------------------------------------------------------------


def test_comparisons_piped_have_a_header_that_no_headers_drops():
    with_header = piped("compare", "arsenal", "1986").stdout.splitlines()
    without = piped("compare", "arsenal", "1986", "--no-headers").stdout.splitlines()
    assert with_header[0].split("\t")[0] == "year"
    assert with_header[1:] == without


def test_a_listing_piped_has_no_header():
    first = piped("meetings").stdout.splitlines()[0]
    assert first.split("\t")[0] == "1"


def test_the_tsv_format_is_the_piped_text(cli):
    assert cli.run("meetings", "-f", "tsv").stdout == piped("meetings").stdout


def test_a_table_too_wide_for_the_terminal_stacks_rather_than_showing_no_rows(cli, tmp_path):
    """verify's columns share one priority: none may be dropped, so at 80 columns the
    findings are stacked, never an empty table under the file name."""
    draft = tmp_path / "draft.md"
    draft.write_text(
        "States nearly 5,000. In 2024 the United States had 12,100 nuclear warheads, more than"
        " any\n"
    )
    result = cli.run("verify", str(draft), "-f", "table", env={"COLUMNS": "80"})
    assert result.exit_code == 1
    assert "12,100 nuclear warheads" in result.stdout
    assert "[sipri-total-inventory-us-2024-01]" in result.stdout


def test_excel_alone_means_csv_for_excel_and_beside_another_format_is_refused(cli):
    out = cli.run("timeline", "2018", "--excel").stdout
    assert out.startswith("\ufeffid,")
    assert "--excel" in cli.fails(2, "timeline", "2018", "--excel", "--json")
