"""Every format, for listings and for single records; plain output to a pipe."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import yaml

BOX = set("╭╮╰╯│─┃━┏┓┗┛")


def _no_escapes(text: str) -> bool:
    return "\x1b" not in text


def test_json_listing_is_one_array_of_records(cli):
    data = json.loads(cli.run("timeline", "2018", "--format", "json").stdout)
    assert isinstance(data, list)
    assert all({"id", "type", "sources"} <= set(e) for e in data)


def test_json_lookup_is_one_object(cli):
    assert isinstance(json.loads(cli.run("show", "new-start", "--json").stdout), dict)


def test_jsonl_is_one_record_a_line(cli):
    lines = cli.run("timeline", "2018", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [
        e["id"] for e in cli.json("timeline", "2018")
    ]
    # Not only the same as the JSON: the Trump–Putin summit in Helsinki, 16 July 2018.
    helsinki = next(json.loads(x) for x in lines if x.startswith('{"id":"helsinki-summit-2018"'))
    assert (helsinki["date"], helsinki["kind"]) == ("2018-07-16", "summit")


def test_csv_has_a_header_and_a_row_per_record(cli):
    rows = list(csv.DictReader(io.StringIO(cli.run("timeline", "2018", "--format", "csv").stdout)))
    assert list(rows[0])[:4] == ["id", "type", "date", "end"]
    assert len(rows) == len(cli.json("timeline", "2018"))
    helsinki = next(row for row in rows if row["id"] == "helsinki-summit-2018")
    assert (helsinki["date"], helsinki["kind"]) == ("2018-07-16", "summit")  # 16 July 2018


def test_csv_of_a_record_is_one_row(cli):
    rows = list(
        csv.DictReader(io.StringIO(cli.run("show", "helsinki-summit-2018", "-f", "csv").stdout))
    )
    assert len(rows) == 1
    assert rows[0]["id"] == "helsinki-summit-2018"
    assert rows[0]["date"] == "2018-07-16"


def test_yaml_round_trips_to_the_json(cli):
    text = cli.run("treaty", "sort", "-f", "yaml").stdout
    assert text.startswith("id: sort\n")  # block YAML, not JSON (which YAML also reads)
    assert yaml.safe_load(text) == cli.json("treaty", "sort")
    # Not only the same as the JSON: the Moscow Treaty was signed in Moscow, 24 May 2002.
    assert "signed:\n  date: '2002-05-24'\n  place: Moscow, Russia\n" in text


def test_markdown_is_a_pipe_table(cli):
    out = cli.run("timeline", "2018", "--format", "md").stdout
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("| Date"))
    assert [c.strip() for c in header.strip("|").split("|")] == ["Date", "Kind", "Event", "Id"]
    assert re.fullmatch(r"\|(-+\|){4}", lines[lines.index(header) + 1].replace(":", "-"))


def test_output_to_a_pipe_is_plain(cli):
    out = cli.run("treaty", "new-start").stdout
    assert _no_escapes(out)
    assert not BOX & set(out)


def test_explicit_table_format_draws_a_table_even_to_a_pipe(cli):
    out = cli.run("treaty", "--format", "table").stdout
    assert out.splitlines()[0] == "Treaties"
    assert out.splitlines()[1].split()[:2] == ["Id", "Name"]
    assert "\t" not in out
    assert _no_escapes(out)


def test_an_unknown_format_lists_the_valid_ones(cli):
    line = cli.fails(2, "treaty", "--format", "xml")
    assert "json" in line and "csv" in line and "md" in line


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "yaml", "md"])
def test_every_format_works_for_every_shape(cli, fmt):
    for args in (
        ["treaty"],
        ["treaty", "inf"],
        ["compare", "arsenal", "1986"],
        ["about"],
        ["sources", "sort"],
    ):
        result = cli.run(*args, "--format", fmt)
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stdout.strip()


def test_sources_option_adds_the_bibliography_to_tables(cli):
    plain = cli.run("timeline", "2018-07-16", "2018-07-16", "-f", "table").stdout
    cited = cli.run("timeline", "2018-07-16", "2018-07-16", "--sources", "-f", "table").stdout
    assert "Sources" not in plain
    assert "Sources" in cited and "http" in cited


def test_csv_cells_are_pinned_exactly_where_their_shape_is_the_point(cli):
    arsenal = cli.run("compare", "arsenal", "1986", "-f", "csv").stdout.splitlines()
    assert arsenal[0].split(",")[:3] == ["year", "us_stockpile", "ru_stockpile"]
    assert arsenal[1].startswith("1986,,40159; 45000,")  # a disputed cell: both values, sorted
    treaties = list(csv.DictReader(io.StringIO(cli.run("treaty", "-f", "csv").stdout)))
    new_start = next(row for row in treaties if row["id"] == "new-start")
    assert (new_start["signed.date"], new_start["in_force"]) == ("2010-04-08", "2011-02-05")
    limits = cli.run("compare", "treaty", "start-i", "new-start", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(limits)))
    warheads = next(row for row in rows if row["key"] == "strategic-warheads")
    assert (warheads["new-start.value"], warheads["new-start.unit"]) == ("1550", "warheads")
    # RFC 4180 quoting: a cell holding a comma is quoted, one without is not.
    assert ',"Deployed ICBMs, SLBMs and heavy bombers",' in limits
    assert ",1550,warheads," in limits
