"""Escape sequences and bidi overrides written by someone else never reach a terminal raw:
not in error lines, not in CSV, not in YAML."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import yaml

ESC = "\x1b]0;pwned\x07\x1b[2J\x1b[HAll facts valid.\u202e"


def _hostile_title(mini: Path) -> Path:
    path = mini / "events.yaml"
    path.write_text(
        path.read_text().replace("title: Adams–Bor summit in Moscow", f"title: {json.dumps(ESC)}")
    )
    (mini / "treaties.yaml").unlink()  # only the event overlays the (small) bundled base
    (mini / "people.yaml").unlink()
    (mini / "sources.yaml").unlink()
    (mini / "figures.yaml").unlink()
    return mini


def test_an_error_line_escapes_a_hostile_argument(cli):
    line = cli.fails(1, "show", "no-such-\x1b[2J-record\u202e")
    assert "\x1b" not in line and "\u202e" not in line
    assert "\\x1b[2J" in line and "\\u202e" in line


def test_check_escapes_a_hostile_record_id(cli, mini):
    path = mini / "events.yaml"
    path.write_text(path.read_text().replace("id: test-summit-2002", 'id: "bad\\e[2Jid"', 1))
    result = cli.run("check", str(mini))
    assert result.exit_code == 3
    err = result.stderr
    assert "\x1b" not in err and "bad\\x1b[2Jid" in err


def test_check_escapes_a_hostile_file_name(cli, mini):
    (mini / "events.yaml").rename(mini / "events.\x1b[2J.yaml")
    (mini / "bogus\x1b]0;x\x07.yaml").write_text("x: 1\n")
    result = cli.run("check", str(mini))
    assert result.exit_code == 3
    err = result.stderr
    assert "\x1b" not in err and "\x07" not in err
    assert "bogus\\x1b]0;x\\x07.yaml" in err


def test_csv_output_escapes_control_and_bidi_characters(cli, small_bundle, mini):
    facts = _hostile_title(mini)
    out = cli.run("timeline", "2002", "--facts", str(facts), "-f", "csv").stdout
    assert "\x1b" not in out and "\u202e" not in out
    (row,) = [r for r in csv.DictReader(io.StringIO(out)) if r["id"] == "test-summit-2002"]
    assert row["title"] == "\\x1b]0;pwned\\x07\\x1b[2J\\x1b[HAll facts valid.\\u202e"


def test_yaml_output_escapes_them_and_still_reads_back_verbatim(cli, small_bundle, mini):
    facts = _hostile_title(mini)
    out = cli.run("show", "test-summit-2002", "--facts", str(facts), "-f", "yaml").stdout
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert yaml.safe_load(out)["title"] == ESC


def test_export_csv_and_yaml_escape_them_too(cli, small_bundle, mini):
    facts = _hostile_title(mini)
    for fmt in ("csv", "yaml"):
        out = cli.run("export", "--format", fmt, "--facts", str(facts)).stdout
        assert "\x1b" not in out and "\u202e" not in out, fmt
