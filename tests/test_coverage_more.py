"""The last batch of second-edition events is pinned: the stored total and a handful of the
events a reader looks up (NSC-68, the Stalin Note, Baker's "not one inch", the open microphone)."""

from __future__ import annotations

import pytest

STORED_EVENTS_AT_LEAST = 470
PINNED = {
    "nsc-68-1950": "1950-04-14",
    "stalin-note-1952": "1952-03-10",
    "soviet-hydrogen-bomb-test-1953": "1953-08-12",
    "salt-talks-open-1969": "1969-11-17",
    "poland-martial-law-sanctions-1981": "1981-12-29",
    "shcharansky-released-1986": "1986-02-11",
    "baker-gorbachev-not-one-inch-1990": "1990-02-09",
    "presidential-nuclear-initiatives-1991": "1991-09-27",
    "yeltsin-resigns-1999": "1999-12-31",
    "obama-medvedev-hot-mic-2012": "2012-03-26",
    "biden-warsaw-speech-2022": "2022-03-26",
    "molotov-washington-visit-1942": "1942-05-29",
    "truman-tells-stalin-new-weapon-1945": "1945-07-24",
    "khrushchev-ousted-1964": "1964-10-14",
    "shultz-gromyko-geneva-1985": "1985-01-07",
    "griner-detained-2022": "2022-02",
    "putin-new-start-one-year-offer-2025": "2025-09-22",
    "declaration-by-united-nations-1942": "1942-01-01",
    "first-chechen-war-1994": "1994-12-11",
    "dnc-hack-disclosed-2016": "2016-06-14",
    "icc-putin-warrant-2023": "2023-03-17",
    "atacms-strikes-in-russia-allowed-2024": "2024-11-17",
}


def test_stored_events_do_not_shrink_below_the_second_edition_total(cli):
    stored = [e for e in cli.json("timeline") if e.get("derived_from") is None]
    assert len(stored) >= STORED_EVENTS_AT_LEAST


@pytest.mark.parametrize(("event_id", "date"), sorted(PINNED.items()))
def test_looked_up_event_is_there_with_its_date_and_a_source(cli, event_id, date):
    record = cli.json("show", event_id)
    assert record["date"] == date
    assert record["sources"], event_id
