"""`usrufacts export`: the whole fact base, atomically, in each format."""

from __future__ import annotations

import csv
import io
import json
import sqlite3


def test_json_export_has_every_collection(cli):
    data = json.loads(cli.run("export", "--format", "json").stdout)
    assert {"treaties", "events", "figures", "people", "sources"} <= set(data)
    assert "new-start" in [t["id"] for t in data["treaties"]]
    assert all({"id", "type", "sources"} <= set(r) for records in data.values() for r in records)


def test_export_leaves_out_derived_treaty_milestones(cli):
    data = json.loads(cli.run("export", "--json").stdout)
    assert "new-start-signed" not in [e["id"] for e in data["events"]]


def test_jsonl_and_csv_exports_have_a_line_per_record(cli):
    lines = cli.run("export", "--format", "jsonl").stdout.splitlines()
    rows = list(csv.DictReader(io.StringIO(cli.run("export", "--format", "csv").stdout)))
    assert len(lines) == len(rows) > 500
    # Not only equal in number: New START, signed in Prague on 8 April 2010, in both.
    line = next(json.loads(x) for x in lines if x.startswith('{"id":"new-start",'))
    row = next(r for r in rows if r["id"] == "new-start")
    assert line["signed"]["date"] == row["signed.date"] == "2010-04-08"
    assert line["signed"]["place"] == row["signed.place"] == "Prague, Czech Republic"
    assert {json.loads(line)["type"] for line in lines} >= {
        "treaty",
        "event",
        "figure",
        "person",
        "source",
    }


def test_sqlite_export_is_a_database_with_the_records(cli, tmp_path):
    target = tmp_path / "facts.db"
    assert cli.run("export", "--format", "sqlite", "--output", str(target)).exit_code == 0
    with sqlite3.connect(target) as db:
        (count,) = db.execute("SELECT count(*) FROM treaties").fetchone()
    assert count >= 18


def test_export_refuses_to_overwrite_without_force(cli, tmp_path):
    target = tmp_path / "facts.json"
    target.write_text("keep me")
    assert "--force" in cli.fails(2, "export", "--output", str(target))
    assert target.read_text() == "keep me"
    assert cli.run("export", "--output", str(target), "--force").exit_code == 0
    assert "treaties" in json.loads(target.read_text())
    assert [p.name for p in tmp_path.iterdir()] == ["facts.json"]


def test_export_sqlite_needs_an_output_file(cli):
    assert "--output" in cli.fails(2, "export", "--format", "sqlite")


def test_export_rejects_table_formats(cli):
    assert "sqlite" in cli.fails(2, "export", "--format", "md")


def test_the_output_file_can_be_given_as_an_argument(cli, tmp_path):
    target = tmp_path / "facts.db"
    assert cli.run("export", "--format", "sqlite", str(target)).exit_code == 0
    with sqlite3.connect(target) as db:
        assert db.execute("SELECT count(*) FROM sources").fetchone()[0] > 500
