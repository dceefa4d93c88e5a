"""The machine writers (render_machine), specified through the commands that use them.

YAML: text in any script stays readable, a bidi control (which could reorder what a reader
sees) or a control character is written as an escape that reads back as the same character,
and long text folds at 100 columns. Markdown: numbers right-aligned, cells never re-read as
numbers, a newline in a cell a space. CSV: numbers stay numbers (a negative one is not taken
for a formula), records end in a bare newline. JSON: a record indented by two spaces, a
listing to a pipe one compact record a line, escapes where the stream's encoding cannot
hold a character. Expected text is written here by hand.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml
from conftest import REPO

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE


def _quoted(text):
    """A YAML double-quoted scalar (escapes for anything outside printable ASCII)."""
    return yaml.safe_dump(text, default_style='"', width=10**6).splitlines()[0]


def _event(mini, title, summary, place="Moscow", date="1985-11-19"):
    """Add the event test-extra-1985 to the mini fact base."""
    events = (mini / "events.yaml").read_text(encoding="utf-8")
    events += (
        "  - id: test-extra-1985\n"
        f'    date: "{date}"\n'
        f"    title: {_quoted(title)}\n"
        "    kind: summit\n"
        f"    place: {_quoted(place)}\n"
        f"    summary: {_quoted(summary)}\n"
        "    sources: [src-one]\n"
    )
    (mini / "events.yaml").write_text(events, encoding="utf-8")


def _show(cli, mini, fmt):
    return cli.run("show", "test-extra-1985", "--format", fmt, "--facts", str(mini)).stdout


def test_yaml_keeps_text_in_any_script_readable_and_escapes_bidi_controls(cli, mini):
    _event(mini, "Встреча в Женеве", f"Plain {RLO}txet reversed")
    text = _show(cli, mini, "yaml")
    lines = text.splitlines()
    assert "title: Встреча в Женеве" in lines  # not \u escapes: allow_unicode
    assert 'summary: "Plain \\u202Etxet reversed"' in lines
    assert RLO not in text
    data = yaml.safe_load(text)
    assert data["summary"] == f"Plain {RLO}txet reversed"
    assert data["title"] == "Встреча в Женеве"
    assert data == cli.json("show", "test-extra-1985", "--facts", str(mini))


def test_text_after_an_escaped_bidi_control_is_still_written_in_its_own_script(cli, mini):
    """Escaping a bidi control switches PyYAML to ASCII for that one string only."""
    _event(mini, f"Geneva {RLO}evil", "Встреча в Женеве", place="Женева")
    text = _show(cli, mini, "yaml")
    lines = text.splitlines()
    assert 'title: "Geneva \\u202Eevil"' in lines
    assert "place: Женева" in lines
    assert "summary: Встреча в Женеве" in lines
    assert yaml.safe_load(text)["title"] == f"Geneva {RLO}evil"


def test_yaml_escapes_a_control_character_and_reads_it_back(cli, mini):
    _event(mini, "Geneva", "bell\x07 rang")
    text = _show(cli, mini, "yaml")
    assert 'summary: "bell\\a rang"' in text.splitlines()
    assert yaml.safe_load(text)["summary"] == "bell\x07 rang"


def test_yaml_folds_long_text_after_column_100(cli, mini):
    """PyYAML breaks a plain scalar at the first space past its width, here 100: the
    first line ends with "regional" at column 101, where a width of 101 would go on."""
    summary = (
        "xxx The leaders met in Geneva and agreed to continue talks on strategic arms and on"
        " regional conflicts, and on trade"
    )
    _event(mini, "Geneva", summary)
    lines = _show(cli, mini, "yaml").splitlines()
    at = lines.index(
        "summary: xxx The leaders met in Geneva and agreed to continue talks on strategic"
        " arms and on regional"
    )
    assert lines[at + 1] == "  conflicts, and on trade"


@pytest.mark.parametrize("control", [RLO, "\x07"])
def test_yaml_folds_a_long_escaped_string_too_and_it_reads_back(cli, mini, control):
    """A double-quoted string (for a bidi control or a control character) folds near
    column 100 as well."""
    summary = control + " ".join(["word"] * 60)  # 300 characters
    _event(mini, "Geneva", summary)
    text = _show(cli, mini, "yaml")
    start = next(i for i, line in enumerate(text.splitlines()) if line.startswith("summary:"))
    first, second = text.splitlines()[start : start + 2]
    assert 81 <= len(first) <= 110 and second.startswith("  \\"), (first, second)  # not 80
    assert yaml.safe_load(text)["summary"] == summary


def test_export_as_yaml_is_block_yaml_that_reads_back_as_the_json_export(cli, mini):
    args = ("export", "--facts", str(mini))
    text = cli.run(*args, "--format", "yaml").stdout
    assert "treaties:" in text.splitlines()  # block style, not JSON (which YAML also reads)
    assert yaml.safe_load(text) == cli.json(*args)


def _markdown_rows(text):
    return [line for line in text.splitlines() if line.startswith("|")]


def test_markdown_right_aligns_numbers_and_left_aligns_text(cli):
    """`compare figure` in Markdown: the date and sources columns are text, US and Russia
    numbers. A right-aligned cell has its padding before the value."""
    text = cli.run("compare", "figure", "us-declared-stockpile", "--format", "md").stdout
    header, _rule, *rows = _markdown_rows(text)
    labels = [c.strip() for c in header.strip("|").split("|")]
    row = next(r for r in rows if r.startswith("| 1967 "))  # the declared peak: 31,255
    cells = dict(zip(labels, row.strip("|").split("|"), strict=True))
    assert cells["Date"].startswith(" 1967 ") and cells["Date"].endswith("  ")
    assert cells["United States"].endswith(" 31,255 ")
    assert cells["United States"].startswith("  ")


def test_markdown_cells_are_never_reread_as_numbers(cli, mini):
    """A title that looks like a number stays as written ("1.50", not tabulate's 1.5), even
    alone in its column (tabulate reads a column as numbers only when every cell is one)."""
    _event(mini, "1.50", "A title of digits", date="1902-03-04")
    text = cli.run("timeline", "1902", "--facts", str(mini), "--format", "md").stdout
    row = next(r for r in _markdown_rows(text) if "test-extra-1985" in r)
    assert [c.strip() for c in row.strip("|").split("|")][2] == "1.50"


def test_markdown_writes_a_newline_in_a_cell_as_a_space_and_ends_with_one_newline(cli, mini):
    _event(mini, "Geneva", "first line\nsecond line")
    text = _show(cli, mini, "md")
    (row,) = [line for line in _markdown_rows(text) if line.startswith("| Summary ")]
    assert row.split("|")[2].strip() == "first line second line"
    assert text.endswith("|\n") and not text.endswith("\n\n")


def test_csv_keeps_a_negative_number_a_number_and_ends_records_with_a_newline(cli):
    """Russia's GDP fell 7.8 % in 2009 (facts/figures.series.yaml): a number, not text
    guarded against formulas ('-7.8); a disputed pair is text and is guarded."""
    result = cli.run("compare", "figure", "ru-gdp-growth", "--format", "csv")
    assert b"\r" not in result.stdout_bytes  # (.stdout would turn CRLF into LF)
    text = result.stdout
    rows = {row["date"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["2009"]["ru"] == "-7.8"
    assert rows["2015"]["ru"] == "'-3.7; -2.8"


def _treaty(rid):
    treaties = yaml.safe_load((REPO / "facts" / "treaties.yaml").read_text(encoding="utf-8"))
    (found,) = [t for t in treaties["treaties"] if t["id"] == rid]
    return found


def test_markdown_notes_are_numbered_from_one_under_the_table(cli):
    """SALT I's first limit (1,054 US ICBM silo launchers, treaties.yaml) carries a note:
    the cell says [1], and note 1, after a blank line under the table, is its text."""
    text = cli.run("compare", "treaty", "salt-i", "salt-ii", "--format", "md").stdout
    lines = text.splitlines()
    limit = _treaty("salt-i")["limits"][0]
    assert limit["value"] == 1054
    (row,) = [line for line in lines if line.startswith(f"| {limit['label']} ")]
    assert "1,054 [1]" in row
    first = lines.index(f"1. SALT I Interim Agreement: {limit['note']}")
    assert lines[first - 1] == "" and lines[first - 2].startswith("|")
    numbers = [line.split(".")[0] for line in lines[first:]]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_csv_of_a_report_that_is_not_a_list_is_its_table_rows(cli):
    """`who 1987` carries an object (date, us, ru) in JSON; its CSV is one row per leader:
    Reagan and Gorbachev held office all of 1987 (people.yaml)."""
    text = cli.run("who", "1987", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["country"], r["id"]) for r in rows] == [
        ("us", "ronald-reagan"),
        ("ru", "mikhail-gorbachev"),
    ]


def test_csv_of_one_record_leaves_out_where_it_was_read_from(cli):
    """`show --format csv` has every field of the JSON but ``origin`` (a path on this
    machine), and one row."""
    rows = list(csv.reader(io.StringIO(cli.run("show", "new-start", "--format", "csv").stdout)))
    header = rows[0]
    assert "origin" in cli.json("show", "new-start")
    assert "origin" not in header and header[:2] == ["id", "type"]
    assert len(rows) == 2 and rows[1][:2] == ["new-start", "treaty"]


def test_json_lines_of_one_record_is_one_line_holding_the_whole_record(cli):
    text = cli.run("show", "geneva-summit-1985", "--format", "jsonl").stdout
    assert text.count("\n") == 1
    assert json.loads(text) == cli.json("show", "geneva-summit-1985")


def test_a_json_record_is_indented_by_two_spaces(cli):
    lines = cli.run("show", "geneva-summit-1985", "--json").stdout.splitlines()
    assert lines[0] == "{" and lines[1] == '  "id": "geneva-summit-1985",'


def _run_with_charset(charset, *args):
    """Run in-process with standard output encoded in ``charset``."""
    from typer.testing import CliRunner

    from usrufacts.cli import app

    return CliRunner(charset=charset).invoke(app, list(args))


@pytest.mark.parametrize(("charset", "dash"), [("utf-8", "–"), ("ascii", "\\u2013")])
def test_json_escapes_what_the_output_encoding_cannot_hold(mini, charset, dash):
    """A title with an en dash and a rocket (outside the 16-bit plane): written as is to a
    UTF-8 stream; to an ASCII one as JSON escapes (the rocket as a surrogate pair, where a
    codec's backslash escape would not be JSON), and the same data either way."""
    _event(mini, "Reagan–Gorbachev \U0001f680", "Geneva")
    result = _run_with_charset(charset, "show", "test-extra-1985", "--json", "--facts", str(mini))
    assert result.exit_code == 0, result.output
    rocket = "\U0001f680" if charset == "utf-8" else "\\ud83d\\ude80"
    assert f'"title": "Reagan{dash}Gorbachev {rocket}"' in result.stdout
    assert json.loads(result.stdout)["title"] == "Reagan–Gorbachev \U0001f680"


def test_a_json_listing_to_a_pipe_is_one_compact_record_a_line(cli):
    """Still one JSON array, but each record on its own line, without spaces."""
    text = cli.run("timeline", "1985", "--json").stdout
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    records = json.loads(text)
    assert len(lines) == len(records) + 2
    for line, record in zip(lines[1:-1], records, strict=True):
        assert line.rstrip(",") == json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def test_a_json_listing_to_an_ascii_stream_escapes_too(mini):
    _event(mini, "Reagan–Gorbachev \U0001f680", "Geneva")
    result = _run_with_charset("ascii", "timeline", "1985-11-19", "--json", "--facts", str(mini))
    assert result.exit_code == 0, result.output
    assert '"title":"Reagan\\u2013Gorbachev \\ud83d\\ude80"' in result.stdout
    titles = [r["title"] for r in json.loads(result.stdout)]
    assert "Reagan–Gorbachev \U0001f680" in titles


def test_an_empty_json_listing_is_an_empty_array_on_one_line(cli):
    """Nothing happened in 1810–1811 in the fact base (its first record is of 1809)."""
    result = cli.run("timeline", "1810", "1811", "--json")
    assert result.exit_code == 0 and result.stdout == "[]\n"
