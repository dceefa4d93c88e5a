"""`usrufacts timeline`: dated events in a range, filtered and sorted."""

from __future__ import annotations

import pytest


def test_a_year_alone_means_that_year(cli):
    events = cli.json("timeline", "2018")
    assert events
    assert all(e["date"].startswith("2018") for e in events)
    assert "helsinki-summit-2018" in [e["id"] for e in events]


def test_events_come_oldest_first(cli):
    events = cli.json("timeline", "1945", "2026")
    dates = [e["date"] for e in events]
    padded = [d + "-00" * (2 - d.count("-")) for d in dates]
    assert padded == sorted(padded)


def test_range_is_inclusive_at_both_ends(cli):
    events = cli.json("timeline", "2018-07-16", "2018-07-16")
    assert [e["id"] for e in events if e["kind"] == "summit"] == ["helsinki-summit-2018"]


def test_treaty_milestones_appear_as_events(cli):
    ids = [e["id"] for e in cli.json("timeline", "2023-02")]
    assert "new-start-suspended-2023-02-21" in ids


def test_partial_dates_sort_at_the_start_of_their_period(cli, mini):
    """A month sorts before every day inside it, even its first."""
    events = (mini / "events.yaml").read_text()
    for day in ("01", "31"):
        events += (
            f'  - id: test-a-day-2003-03-{day}\n    date: "2003-03-{day}"\n    title: Day {day}\n'
            "    kind: call\n    summary: A call.\n    sources: [src-one]\n"
        )
    (mini / "events.yaml").write_text(events)
    found = cli.json("timeline", "2003-03", "--facts", str(mini))
    ids = [e["id"] for e in found if e["id"].startswith("test-")]
    assert ids == ["test-call-2003", "test-a-day-2003-03-01", "test-a-day-2003-03-31"]


def test_a_year_sorts_before_its_first_month_and_that_month_before_its_first_day(cli, mini):
    """1990, 1990-01 and 1990-01-01 all start on the same day: the coarser comes first. The
    ids run the other way, so that ordering by id alone cannot pass."""
    events = (mini / "events.yaml").read_text()
    for event_id, date in (("test-x", "1990-01-01"), ("test-y", "1990-01"), ("test-z", "1990")):
        events += (
            f'  - id: {event_id}\n    date: "{date}"\n    title: Dated {date}\n'
            "    kind: call\n    summary: A call.\n    sources: [src-one]\n"
        )
    (mini / "events.yaml").write_text(events)
    found = cli.json("timeline", "1990", "--facts", str(mini))
    assert [e["id"] for e in found if e["id"] in ("test-x", "test-y", "test-z")] == [
        "test-z",
        "test-y",
        "test-x",
    ]
    newest = cli.json("timeline", "1990", "--latest", "50", "--facts", str(mini))
    assert [e["id"] for e in newest if e["id"] in ("test-x", "test-y", "test-z")] == [
        "test-x",
        "test-y",
        "test-z",
    ]


def test_a_partial_to_that_contains_from_is_accepted(cli):
    events = cli.json("timeline", "2018-07", "2018")
    assert events[0]["date"] >= "2018-07"
    assert "helsinki-summit-2018" in [e["id"] for e in events]


def test_year_zero_is_refused(cli):
    assert "0000" in cli.fails(2, "timeline", "0000")


def test_kind_filter_keeps_only_that_kind(cli):
    events = cli.json("timeline", "--kind", "call")
    assert events
    assert {e["kind"] for e in events} == {"call"}


def test_who_filter_accepts_a_name(cli):
    events = cli.json("timeline", "2018", "--who", "Putin")
    assert events
    assert all("vladimir-putin" in [p["id"] for p in e["participants"]] for e in events)


def test_limit_caps_the_count(cli):
    assert len(cli.json("timeline", "--limit", "3")) == 3


def test_from_after_to_is_a_usage_error(cli):
    assert "after" in cli.fails(2, "timeline", "2019", "2017")


def test_a_year_with_no_events_is_an_empty_list(cli):
    assert cli.json("timeline", "1700") == []


@pytest.mark.parametrize("bad", ["2019-02-30", "2019-13", "20x9", ""])
def test_an_impossible_date_is_a_usage_error(cli, bad):
    line = cli.fails(2, "timeline", bad)
    assert "FROM" in line and repr(bad) in line


def test_an_unknown_kind_lists_the_valid_ones(cli):
    line = cli.fails(2, "timeline", "--kind", "party")
    assert "summit" in line and "sanctions" in line
