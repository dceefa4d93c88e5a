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


NATO_ROUNDS = {
    "1952-02-18": "nato-enlargement-1952",
    "1955-05-06": "nato-enlargement-1955",
    "1982-05-30": "nato-enlargement-1982",
    "1999-03-12": "nato-enlargement-1999",
    "2004-03-29": "nato-enlargement-2004",
    "2009-04-01": "nato-enlargement-2009",
    "2017-06-05": "nato-enlargement-2017",
    "2020-03-27": "nato-enlargement-2020",
    "2023-04-04": "nato-enlargement-2023",
    "2024-03-07": "nato-enlargement-2024",
}
CUBAN_CRISIS_DAYS = [
    "1962-10-14", "1962-10-16", "1962-10-18", "1962-10-22", "1962-10-23", "1962-10-24",
    "1962-10-25", "1962-10-26", "1962-10-27", "1962-10-28", "1962-11-20",
]  # fmt: skip


def test_every_nato_enlargement_round_is_in_the_timeline_on_its_date(cli):
    rounds = {e["date"]: e["id"] for e in cli.json("timeline", "--kind", "alliance")}
    assert {date: rounds.get(date) for date in NATO_ROUNDS} == NATO_ROUNDS


@pytest.mark.parametrize(
    "round_id", ["nato-enlargement-2004", "nato-enlargement-2017", "nato-enlargement-2023"]
)
def test_russias_response_to_a_nato_round_is_recorded(cli, round_id):
    outcomes = " ".join(cli.json("show", round_id)["outcomes"])
    assert "Russia" in outcomes or "Kremlin" in outcomes


def test_the_cuban_missile_crisis_can_be_followed_day_by_day(cli):
    dates = {e["date"] for e in cli.json("timeline", "1962-10-14", "1962-11-20")}
    assert set(CUBAN_CRISIS_DAYS) <= dates


def test_able_archers_disputed_start_gives_both_dates_with_their_sources(cli):
    record = cli.json("show", "able-archer-1983")
    assert record["date"] == "1983-11" and record["end"] == "1983-11-11"
    assert "7 November" in record["summary"] and "2 November" in record["summary"]
    assert {"usacac-able-archer", "wiki-able-archer-83"} <= {s["id"] for s in record["sources"]}


def test_the_annexed_regions_area_and_the_occupied_share_are_kept_apart(cli):
    summary = cli.json("show", "russia-annexes-four-regions-2022")["summary"]
    assert "nearly a fifth" in summary and "15 percent" in summary


def test_the_2016_statement_says_the_leaks_were_consistent_with_russian_methods(cli):
    summary = cli.json("show", "dhs-odni-election-statement-2016")["summary"]
    assert "consistent with" in summary


@pytest.mark.parametrize(
    ("event", "bystander"),
    [
        ("limited-test-ban-treaty-1963", "nikita-khrushchev"),
        ("defcon-3-alert-1973", "richard-nixon"),
    ],
)
def test_someone_present_but_not_at_the_table_is_not_a_participant(cli, event, bystander):
    participants = {p["id"] for p in cli.json("show", event)["participants"]}
    assert participants and bystander not in participants


@pytest.mark.parametrize(
    ("event", "date"),
    [
        ("us-strike-shayrat-2017", "2017-04-07"),
        ("us-uk-france-strikes-syria-2018", "2018-04-14"),
        ("kerch-strait-incident-2018", "2018-11-25"),
        ("crimea-referendum-2014", "2014-03-16"),
        ("russia-recognizes-dpr-lpr-2022", "2022-02-21"),
        ("global-magnitsky-act-2016", "2016-12-23"),
        ("western-currency-reform-1948", "1948-06-20"),
        ("berlin-ultimatum-1958", "1958-11-27"),
        ("kennedy-berlin-crisis-address-1961", "1961-07-25"),
        ("lightner-checkpoint-incident-1961", "1961-10-22"),
        ("quadripartite-agreement-berlin-1971", "1971-09-03"),
        ("un-charter-signed-1945", "1945-06-26"),
        ("austrian-state-treaty-1955", "1955-05-15"),
        ("rb-47-shootdown-1960", "1960-07-01"),
        ("six-day-war-hotline-1967", "1967-06-05"),
    ],
)
def test_the_events_readers_asked_for_are_there_on_their_dates(cli, event, date):
    """Berlin's dated steps and the events the issue names, each on its own day."""
    assert cli.json("show", event)["date"] == date


def test_the_crimea_referendum_gives_its_official_result(cli):
    outcomes = " ".join(cli.json("show", "crimea-referendum-2014")["outcomes"])
    assert "96.77 percent" in outcomes


@pytest.mark.parametrize(
    ("start", "end", "minimum"),
    [("1917", "1945", 25), ("1950", "1959", 18), ("1970", "1979", 44)],
)
def test_the_thin_decades_are_no_longer_thin(cli, start, end, minimum):
    assert len(cli.json("timeline", start, end)) >= minimum
