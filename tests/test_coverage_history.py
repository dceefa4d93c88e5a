"""The second edition's history coverage is pinned: treaties, their dated steps, the crises."""

from __future__ import annotations

import pytest

ADDED_TREATIES = [
    "ltbt",
    "accidents-measures-agreement",
    "dangerous-military-activities-agreement",
    "lisbon-protocol",
    "npt",
    "outer-space-treaty",
    "bwc",
    "cwc",
]


def test_the_treaty_listing_holds_at_least_26_agreements(cli):
    assert len(cli.json("treaty")) >= 26


@pytest.mark.parametrize("treaty", ADDED_TREATIES)
def test_each_added_treaty_has_signature_entry_into_force_and_sources(cli, treaty):
    record = cli.json("treaty", treaty)
    assert record["signed"]["date"] and record["in_force"], treaty
    assert record["sources"] and record["summary"]


def test_the_limited_test_ban_treaty_is_a_treaty_and_still_relates_to_its_event(cli):
    record = cli.json("treaty", "ltbt")
    assert (record["signed"]["date"], record["in_force"]) == ("1963-08-05", "1963-10-10")
    assert (record["ratification"][0]["yes"], record["ratification"][0]["no"]) == (80, 19)
    assert "limited-test-ban-treaty-1963" in record["related"]
    assert cli.json("show", "limited-test-ban-treaty-1963")["type"] == "event"


@pytest.mark.parametrize(
    ("treaty", "party", "status", "date"),
    [
        ("npt", "us", "ratified", "1969-11-24"),
        ("npt", "ru", "ratified", "1969-11-24"),
        ("bwc", "us", "ratified", "1975-03-26"),
        ("bwc", "ru", "ratified", "1975-03-26"),
        ("cwc", "us", "ratified", "1997-04-25"),
        ("cwc", "ru", "ratified", "1997-11-05"),
        ("lisbon-protocol", "ru", "ratified", "1992-11-04"),
    ],
)
def test_multilateral_treaties_give_both_countries_dates(cli, treaty, party, status, date):
    history = cli.json("treaty", treaty)["status_history"]
    assert {"date": date, "status": status, "party": party} in [
        {k: change[k] for k in ("date", "status", "party")} for change in history
    ]


def test_cfe_history_has_the_2007_suspension_the_2015_halt_and_the_2023_withdrawal(cli):
    history = {
        (c["date"], c["status"], c["party"]) for c in cli.json("treaty", "cfe")["status_history"]
    }
    assert {
        ("2007-12-12", "suspended", "ru"),
        ("2015-03-11", "suspended", "ru"),
        ("2023-11-07", "withdrawn", "ru"),
    } <= history


def test_the_2015_cfe_step_is_the_consultative_group_not_the_whole_treaty(cli):
    history = cli.json("treaty", "cfe")["status_history"]
    note = next(c["note"] for c in history if c["date"] == "2015-03-11")
    assert "Joint Consultative Group" in note


def test_new_starts_700_counts_missiles_and_bombers_not_launchers(cli):
    limits = {limit["key"]: limit for limit in cli.json("treaty", "new-start")["limits"]}
    assert limits["deployed-launchers"]["value"] == 700
    assert limits["deployed-launchers"]["unit"] != "launchers"
    assert limits["total-launchers"]["unit"] == "launchers"
