"""export --format sqlite: a database for people, explored with Datasette.

Datasette is a dev dependency (``uv sync`` installs it); the Datasette tests are skipped,
with the reason, only where it cannot be imported.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, Cli


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The bundled facts exported once: facts.db and its metadata.json."""
    from typer.testing import CliRunner

    from usrufacts.cli import app

    folder = tmp_path_factory.mktemp("export")
    db, meta = folder / "facts.db", folder / "metadata.json"
    result = CliRunner().invoke(
        app, ["export", "--format", "sqlite", str(db), "--metadata", str(meta)]
    )
    assert result.exit_code == 0, result.stderr
    return db, meta


def test_every_collection_is_a_table_with_id_as_primary_key(exported, cli: Cli) -> None:
    """What went wrong: the export had no primary keys."""
    with sqlite3.connect(exported[0]) as db:
        for table in ("treaties", "events", "people", "figures", "metrics", "sources"):
            pk = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[5]]
            assert pk == ["id"], table
        data = json.loads(cli.run("export", "--format", "json").stdout)
        for table in ("treaties", "events", "people", "figures", "metrics", "sources"):
            (n,) = db.execute(f"SELECT count(*) FROM {table}").fetchone()
            assert n == len(data[table]), table


def test_columns_people_filter_on_are_typed(exported) -> None:
    with sqlite3.connect(exported[0]) as db:
        types = {r[1]: r[2] for r in db.execute("PRAGMA table_info(figures)")}
        assert types["value"] == "REAL" and types["year"] == "INTEGER"
        assert types["unit"] == "TEXT" and types["country"] == "TEXT"
        value, unit, disputed = db.execute(
            "SELECT value, unit, disputed FROM figures WHERE id = "
            "(SELECT id FROM figures WHERE metric_id = 'warhead-stockpile' AND country = 'ru' "
            "AND year = 1986)"
        ).fetchone()
        assert (value, unit, disputed) == (None, "warheads", 1)  # disputed: no single value
        assert db.execute(
            "SELECT typeof(year), kind FROM events WHERE id = 'helsinki-summit-2018'"
        ).fetchone() == ("integer", "summit")


def test_participants_and_citations_are_link_tables_with_foreign_keys(exported, cli: Cli) -> None:
    with sqlite3.connect(exported[0]) as db:
        fks = {(r[2], r[3]) for r in db.execute("PRAGMA foreign_key_list(participants)")}
        assert fks == {("events", "event_id"), ("people", "person_id")}
        fks = {(r[2], r[3]) for r in db.execute("PRAGMA foreign_key_list(event_sources)")}
        assert fks == {("events", "event_id"), ("sources", "source_id")}
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        people = {
            r[0]
            for r in db.execute(
                "SELECT person_id FROM participants WHERE event_id = 'helsinki-summit-2018'"
            )
        }
    shown = cli.json("show", "helsinki-summit-2018")["participants"]
    assert people == {p["id"] for p in shown} and {"donald-trump", "vladimir-putin"} <= people


def test_no_absolute_paths_are_stored(exported) -> None:
    """What went wrong: the export carried the exporting machine's absolute paths."""
    raw = exported[0].read_bytes()
    assert str(REPO).encode() not in raw
    assert str(Path.home()).encode() not in raw
    with sqlite3.connect(exported[0]) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            assert "origin" not in {r[1] for r in db.execute(f"PRAGMA table_info({table})")}


def test_full_text_search_works_in_sqlite(exported) -> None:
    """What went wrong: full-text search did not work."""
    with sqlite3.connect(exported[0]) as db:
        ids = {
            r[0]
            for r in db.execute(
                "SELECT e.id FROM events e JOIN events_fts f ON f.rowid = e.rowid "
                "WHERE events_fts MATCH 'helsinki'"
            )
        }
        assert "helsinki-summit-2018" in ids


def test_metadata_names_tables_units_and_the_source_policy(exported) -> None:
    meta = json.loads(exported[1].read_text(encoding="utf-8"))
    assert meta["title"].startswith("usrufacts")
    tables = meta["databases"]["facts"]["tables"]
    assert "unit" in tables["figures"]["columns"]["unit"].lower()
    assert "disputed" in tables["figures"]["description"]
    assert "never averaged" in meta["databases"]["facts"]["source_policy"]
    assert tables["events"]["label_column"] == "title"


def test_an_existing_database_is_not_overwritten_without_force(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "mine.db"
    target.write_bytes(b"precious")
    assert "add --force" in cli.fails(2, "export", "--format", "sqlite", str(target))
    assert target.read_bytes() == b"precious"


def test_metadata_cannot_be_written_over_the_database_itself(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "facts.db"
    target.write_bytes(b"precious")
    line = cli.fails(
        2, "export", "--format", "sqlite", str(target), "--metadata", str(target), "--force"
    )
    assert line == (
        f"usrufacts: error: --metadata {target} is the database itself; "
        "give the metadata its own file (metadata.json)"
    )
    assert target.read_bytes() == b"precious"


def test_metadata_cannot_reach_the_database_through_a_link(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "facts.db"
    target.write_bytes(b"precious")
    (tmp_path / "meta.json").symlink_to(target)
    cli.fails(2, "export", "--format", "sqlite", str(target), "--metadata",
              str(tmp_path / "meta.json"), "--force")  # fmt: skip
    assert target.read_bytes() == b"precious"


def test_export_help_lists_the_formats_export_writes(cli: Cli) -> None:
    result = cli.run("export", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "json, jsonl, csv, yaml or sqlite" in text
    assert "table" not in text and ", md" not in text


def test_metadata_needs_the_sqlite_format(cli: Cli, tmp_path: Path) -> None:
    line = cli.fails(2, "export", "--format", "json", "--metadata", str(tmp_path / "m.json"))
    assert "--metadata goes with --format sqlite" in line


# --- Datasette ---------------------------------------------------------------------------


def _get(exported: tuple[Path, Path], *paths: str) -> list[Any]:
    datasette = pytest.importorskip(
        "datasette.app", reason="datasette (a dev dependency) is not installed"
    )
    meta = json.loads(exported[1].read_text(encoding="utf-8"))
    ds = datasette.Datasette([str(exported[0])], metadata=meta)

    async def fetch() -> list[Any]:
        return [await ds.client.get(path) for path in paths]

    return asyncio.run(fetch())


def test_datasette_serves_a_table_page_and_a_row_page(exported) -> None:
    table, row = _get(
        exported, "/facts/events", "/facts/events/helsinki-summit-2018.json?_shape=objects"
    )
    assert table.status_code == 200
    assert "321 rows" in table.text or "rows" in table.text
    assert row.status_code == 200
    (record,) = row.json()["rows"]
    assert record["title"] == "Trump–Putin summit in Helsinki"
    assert record["year"] == 2018


def test_datasette_follows_a_foreign_key_to_its_label(exported, cli: Cli) -> None:
    (page,) = _get(
        exported,
        "/facts/participants.json?event_id=helsinki-summit-2018&_labels=on&_shape=array",
    )
    assert page.status_code == 200
    people = {r["person_id"]["value"]: r["person_id"]["label"] for r in page.json()}
    shown = cli.json("show", "helsinki-summit-2018")["participants"]
    assert people == {p["id"]: p["name"] for p in shown}
    assert people["vladimir-putin"] == "Vladimir Putin"
    assert {r["event_id"]["label"] for r in page.json()} == {"Trump–Putin summit in Helsinki"}


def test_datasette_detects_the_full_text_search(exported) -> None:
    (page,) = _get(exported, "/facts/events.json?_search=helsinki&_shape=array")
    assert page.status_code == 200
    assert "helsinki-summit-2018" in {r["id"] for r in page.json()}


def test_datasette_shows_the_metadata_description(exported) -> None:
    (page,) = _get(exported, "/facts/figures")
    assert "never averaged" in page.text or "disputed" in page.text


def test_datasette_offers_facets_from_the_metadata(exported) -> None:
    (page,) = _get(exported, "/facts/events.json?_size=1")
    assert page.status_code == 200
    facets = page.json()["facet_results"]
    facets = facets.get("results", facets)  # the shape differs between Datasette versions
    assert {"kind", "year"} <= set(facets)
    kinds = {row["value"]: row["count"] for row in facets["kind"]["results"]}
    with sqlite3.connect(exported[0]) as db:
        (summits,) = db.execute("SELECT count(*) FROM events WHERE kind = 'summit'").fetchone()
    assert kinds["summit"] == summits


def test_datasette_shows_a_meeting_s_length_with_its_unit(exported) -> None:
    (page,) = _get(exported, "/facts/events/helsinki-summit-2018")
    minutes = json.loads(exported[1].read_text())["databases"]["facts"]["tables"]["events"]
    assert minutes["units"] == {"duration_minutes": "min"}
    with sqlite3.connect(exported[0]) as db:
        (length,) = db.execute(
            "SELECT duration_minutes FROM events WHERE id = 'helsinki-summit-2018'"
        ).fetchone()
    assert f"{length}&nbsp;min" in page.text
