"""The JSON shapes the README documents, pinned key by key."""

from __future__ import annotations

import json

TREATY = {
    "id",
    "type",
    "name",
    "full_name",
    "aliases",
    "category",
    "parties",
    "signed",
    "in_force",
    "ended",
    "status",
    "status_history",
    "limits",
    "verification",
    "ratification",
    "summary",
    "related",
    "sources",
    "origin",
}
EVENT = {
    "id",
    "type",
    "date",
    "end",
    "title",
    "kind",
    "format",
    "participants",
    "place",
    "duration_minutes",
    "outcomes",
    "summary",
    "related",
    "sources",
}
FIGURE = {
    "id",
    "type",
    "metric",
    "label",
    "country",
    "date",
    "unit",
    "value",
    "disputed",
    "values",
    "sources",
}
CITATION = {"id", "publisher", "title", "url", "accessed", "tier"}


def test_treaty_lookup_shape(cli):
    record = cli.json("treaty", "inf")
    assert set(record) == TREATY
    assert set(record["signed"]) == {"date", "place", "signatories"}
    assert set(record["ended"]) == {"date", "how", "by", "note"}
    assert set(record["status"]) == {
        "as_of", "code", "status", "since", "by", "extended", "treaty", "parties", "text",
    }  # fmt: skip
    assert set(record["limits"][0]) == {"key", "kind", "label", "low", "value", "unit", "note"}
    assert set(record["sources"][0]) == CITATION


def test_event_shape_in_timeline_and_meetings(cli):
    (event,) = [
        e for e in cli.json("timeline", "2018-07-16", "2018-07-16") if e["kind"] == "summit"
    ]
    assert set(event) == EVENT
    assert set(event["participants"][0]) == {"id", "name"}
    assert set(cli.json("meetings")[0]) == EVENT | {"number"}


def test_figure_shape(cli):
    figure = cli.json("show", "warhead-stockpile-ru-1986")
    assert set(figure) == FIGURE | {"origin"}
    assert set(figure["values"][0]) == {"value", "sources", "note"}


def test_comparison_shapes(cli):
    (arsenal,) = cli.json("compare", "arsenal", "1986")
    assert set(arsenal) == {
        "year",
        "us_stockpile",
        "ru_stockpile",
        "stockpile_ratio",
        "us_deployed",
        "ru_deployed",
        "deployed_ratio",
        "us_declared",
        "sources",
    }
    figure_row = cli.json("compare", "figure", "newstart-deployed-warheads", "2020")[0]
    assert set(figure_row) == {"date", "us", "ru", "ratio", "sources"}
    treaty_row = cli.json("compare", "treaty", "sort", "new-start")[0]
    assert set(treaty_row) == {"key", "label", "sort", "new-start"}


def test_check_and_export_shapes(cli):
    summary = cli.json("check")
    assert set(summary) == {
        "valid",
        "directories",
        "counts",
        "sourced",
        "date_range",
        "facts_as_of",
        "tiers",
        "replaced",
    }
    assert summary["replaced"] == []  # no overlay, nothing replaced
    assert set(summary["tiers"]) == {
        "treaties", "events", "people", "figures", "key_records", "figure_series",
    }  # fmt: skip
    assert set(summary["tiers"]["events"]) == {"records", "best", "share"}
    exported = json.loads(cli.run("export", "--format", "json").stdout)
    assert set(exported) == {"treaties", "events", "figures", "metrics", "people", "sources"}
    assert set(exported["treaties"][0]) == TREATY - {"status", "origin"}
