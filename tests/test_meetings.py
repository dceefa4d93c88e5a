"""`usrufacts meetings`: leaders' contacts, numbered."""

from __future__ import annotations

TRUMP_PUTIN_MEETINGS = [
    ("2017-07-07", "Hamburg"),
    ("2017-11", "Da Nang"),
    ("2018-07-16", "Helsinki"),
    ("2018-11-11", "Paris"),
    ("2018-11-30", "Buenos Aires"),
    ("2019-06-28", "Osaka"),
    ("2025-08-15", "Anchorage"),
]


def test_default_is_every_trump_putin_contact_numbered_in_order(cli):
    contacts = cli.json("meetings")
    assert [c["number"] for c in contacts] == list(range(1, len(contacts) + 1))
    for contact in contacts:
        ids = {p["id"] for p in contact["participants"]}
        assert {"donald-trump", "vladimir-putin"} <= ids
        assert contact["kind"] in {"summit", "meeting", "call"}


def test_the_seven_in_person_meetings_in_order(cli):
    contacts = cli.json("meetings")
    in_person = [c for c in contacts if c["kind"] != "call"]
    assert len(in_person) == len(TRUMP_PUTIN_MEETINGS)
    for contact, (date, place) in zip(in_person, TRUMP_PUTIN_MEETINGS, strict=True):
        assert contact["date"].startswith(date)
        assert place in contact["place"]


def test_there_was_no_meeting_at_the_un_in_september_2018(cli):
    contacts = cli.json("meetings")
    assert not [c for c in contacts if c["date"].startswith("2018-09") and c["kind"] != "call"]


def test_who_selects_other_leaders(cli):
    contacts = cli.json("meetings", "--who", "reagan", "--who", "gorbachev")
    assert "reykjavik-summit-1986" in [c["id"] for c in contacts]


def test_an_unknown_person_is_not_found(cli):
    assert "no person" in cli.fails(1, "meetings", "--who", "nobody-at-all")
