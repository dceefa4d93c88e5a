"""`usrufacts treaty`: one treaty's record, or every treaty."""

from __future__ import annotations

import pytest

STRATEGIC = [
    "abm-treaty",
    "salt-i",
    "salt-ii",
    "inf-treaty",
    "start-i",
    "start-ii",
    "sort",
    "new-start",
]


def test_new_start_lookup_gives_its_dates_limits_and_sources(cli):
    record = cli.json("treaty", "new-start")
    assert record["id"] == "new-start"
    assert record["type"] == "treaty"
    assert record["signed"]["date"] == "2010-04-08"
    assert record["in_force"] == "2011-02-05"
    assert record["ended"]["date"] == "2026-02-05"
    limits = {limit["key"]: limit["value"] for limit in record["limits"]}
    assert limits["deployed-warheads"] == 1550
    assert limits["deployed-launchers"] == 700
    assert limits["total-launchers"] == 800
    assert record["sources"]
    for source in record["sources"]:
        assert set(source) >= {"id", "publisher", "title", "url"}


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2009", "not yet signed"),
        ("2010-06", "signed"),
        ("2015", "in force"),
        ("2026-03", "expired"),
    ],
)
def test_status_is_judged_at_the_as_of_date(cli, as_of, status):
    record = cli.json("treaty", "new-start", "--as-of", as_of)
    assert record["status"]["status"] == status
    assert record["status"]["as_of"] == as_of


def test_russias_suspension_shows_in_the_status_after_february_2023(cli):
    record = cli.json("treaty", "new-start", "--as-of", "2024-01-01")
    assert record["status"]["parties"]["ru"] == {
        "status": "suspended",
        "since": "2023-02-21",
        "until": None,
    }
    assert record["status"]["code"] == "suspended"
    assert "suspended by RU since 2023-02-21" in record["status"]["text"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("New Start", "new-start"),
        ("new_start", "new-start"),
        ("NEWSTART", "new-start"),
        ("start-1", "start-i"),
        ("START I", "start-i"),
        ("salt 1", "salt-i"),
        ("SALT I", "salt-i"),
        ("salt-i", "salt-i"),
        ("INF", "inf-treaty"),
        ("Moscow Treaty", "sort"),
    ],
)
def test_names_and_aliases_resolve_to_the_record(cli, name, expected):
    assert cli.json("treaty", name)["id"] == expected


def test_a_near_miss_suggests_the_id(cli):
    line = cli.fails(1, "treaty", "new-strat")
    assert "did you mean new-start" in line


def test_a_bare_ambiguous_name_lists_the_candidates(cli):
    line = cli.fails(1, "treaty", "start")
    for candidate in ("new-start", "start-i", "start-ii"):
        assert candidate in line


def test_listing_shows_every_treaty_in_order_of_signature(cli):
    treaties = cli.json("treaty")
    ids = [t["id"] for t in treaties]
    assert [i for i in ids if i in STRATEGIC] == STRATEGIC
    dates = [t["signed"]["date"] for t in treaties]
    assert dates == sorted(dates)
    assert all(t["type"] == "treaty" and t["sources"] for t in treaties)


def test_listing_table_has_the_columns_a_reader_expects(cli):
    result = cli.run("treaty", "-f", "table", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    header = result.stdout.splitlines()[1]
    for column in ("Name", "Signed", "In force", "Ended", "Status", "Headline limit"):
        assert column in header
    assert "New START" in result.stdout


def test_record_table_shows_limits_status_and_sources(cli):
    result = cli.run("treaty", "new-start", "--as-of", "2024", "-f", "table")
    assert result.exit_code == 0
    out = result.stdout
    assert "Deployed strategic warheads" in out
    assert "1,550" in out
    assert (
        "suspended between the US and Russia: Russia suspended its participation 2023-02-21" in out
    )
    assert "Sources" in out
