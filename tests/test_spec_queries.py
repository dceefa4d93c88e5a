"""The queries behind `treaty`, `timeline`, `meetings`, `search`, `show`, `sources`, `export`
and `about`, specified through the CLI: treaty status and its one-line text on given dates,
timeline spans and filters, in-person and remote contacts, name resolution and its error
lines, and the records, citations and counts the index hands back.

Expected values are read by hand from the fact files (facts/treaties.yaml and
facts/treaties.added.yaml: each treaty's ``signed``, ``in_force``, ``status_history`` and
``ended``; facts/events*.yaml; facts/sources*.yaml), from a calendar, or from a small overlay
fact base written by the test itself; never from the code under test.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from conftest import REPO


def _status(cli, treaty, as_of=None):
    args = ["treaty", treaty] + ([] if as_of is None else ["--as-of", as_of])
    return cli.json(*args)["status"]


# --- treaty status: the one-line text ----------------------------------------------------------


@pytest.mark.parametrize(
    ("treaty", "as_of", "text"),
    [
        # New START: signed 2010-04-08, in force 2011-02-05, extended 2021-02-03 (no party),
        # RU suspended 2023-02-21, expired 2026-02-05.
        ("new-start", "2009-12-31", "not yet signed"),
        ("new-start", "2010-04-08", "signed 2010-04-08, not yet in force"),
        ("new-start", "2011-02-04", "signed 2010-04-08, not yet in force"),
        ("new-start", "2011-02-05", "in force since 2011-02-05"),
        ("new-start", "2021-02-02", "in force since 2011-02-05"),
        ("new-start", "2021-02-03", "in force since 2011-02-05 (extended 2021-02-03)"),
        ("new-start", "2023-02-20", "in force since 2011-02-05 (extended 2021-02-03)"),
        ("new-start", "2023-02-21", "suspended by RU since 2023-02-21"),
        ("new-start", "2026-02-04", "suspended by RU since 2023-02-21"),
        ("new-start", "2026-02-05", "expired 2026-02-05; RU suspended 2023-02-21 – 2026-02-05"),
        # NRRC Agreement: signed 1987-09-15, no entry into force, no ratification recorded.
        ("nrrc-agreement", "2000", "signed 1987-09-15; entry into force not recorded"),
        # SALT II: signed 1979-06-18, never in force, the US stopped observing it 1986-05.
        ("salt-ii", "1986-05-01", "never in force (signed 1979-06-18); abandoned by US 1986-05"),
        # START II: signed 1993-01-03, both ratified (1996, 2000), RU walked away 2002-06-14.
        ("start-ii", "2003", "never in force (signed 1993-01-03); abandoned by RU 2002-06-14"),
        # CTBT: signed 1996-09-24, never in force; RU revoked its ratification 2023-11-02.
        ("ctbt", "2020", "never in force (signed 1996-09-24)"),
        ("ctbt", "2024", "never in force (signed 1996-09-24); RU de-ratified since 2023-11-02"),
        # ABM Treaty: in force 1972-10-03; US notice 2001-12-13; withdrawal took effect
        # 2002-06-13. The notice shows while it runs and not once the withdrawal took effect.
        ("abm-treaty", "2001-12-12", "in force since 1972-10-03"),
        (
            "abm-treaty",
            "2001-12-13",
            "in force since 1972-10-03; US gave notice of withdrawal 2001-12-13",
        ),
        ("abm-treaty", "2002-06-13", "withdrawn by US 2002-06-13"),
        # INF: both suspended (US 2019-02-02, RU 2019-03-04), the US left 2019-08-02.
        ("inf-treaty", "2019-02-01", "in force since 1988-06-01"),
        ("inf-treaty", "2019-02-02", "suspended by US since 2019-02-02"),
        (
            "inf-treaty",
            "2019-03-04",
            "suspended by US since 2019-02-02; RU suspended since 2019-03-04",
        ),
        (
            "inf-treaty",
            "2019-08-02",
            "withdrawn by US 2019-08-02; RU suspended 2019-03-04 – 2019-08-02; "
            "US suspended 2019-02-02 – 2019-08-02",
        ),
        # PMDA: RU suspended 2016-10-03 and withdrew 2025-10-27.
        (
            "pmda",
            "2025-10-27",
            "withdrawn by RU 2025-10-27; RU suspended 2016-10-03 – 2025-10-27",
        ),
        # SORT: superseded by New START 2011-02-05 (no party).
        ("sort", "2011-02-05", "superseded 2011-02-05"),
        # Open Skies stays in force for its other parties: US left 2020-11-22, RU 2021-12-18.
        (
            "open-skies",
            "2020-11-22",
            "not in force between the US and Russia since 2020-11-22 (US withdrew)",
        ),
        (
            "open-skies",
            "2022",
            "not in force between the US and Russia since 2020-11-22 (US withdrew); "
            "RU withdrawn since 2021-12-18",
        ),
        # CFE: RU moratorium 2007-12-12 (restated 2015-03-11), RU withdrew 2023-11-07,
        # US suspended 2023-12-07.
        ("cfe-treaty", "2016", "suspended by RU since 2007-12-12"),
        (
            "cfe-treaty",
            "2023-12-07",
            "not in force between the US and Russia since 2023-11-07 (RU withdrew); "
            "US suspended since 2023-12-07",
        ),
    ],
)
def test_the_status_line_says_the_state_on_the_day_asked(cli, treaty, as_of, text):
    assert _status(cli, treaty, as_of)["text"] == text


# --- a small overlay fact base, every value of which is written here ---------------------------

OVERLAY = {
    "sources.yaml": """
        sources:
          - id: spec-src-a
            publisher: Spec Archive
            title: Zephyr treaty text
            url: https://example.org/zephyr
            accessed: "2026-11-01"
            tier: primary
            tier_reason: a test fixture standing for an official text
          - id: spec-src-b
            publisher: Spec Blog
            title: Zephyr notes
            url: https://example.net/notes
            accessed: "2026-11-02"
        """,
    "people.yaml": """
        people:
          - id: spec-alpha
            name: Alpha Zephyrson
            aliases: [Z. Zephyr]
            country: us
            sources: [spec-src-a]
          - id: spec-beta
            name: Beta Zephyrova
            aliases: [Z. Zephyr]
            country: ru
            sources: [spec-src-a]
          - id: spec-gamma
            name: Gamma Zephyrin
            country: ru
            sources: [spec-src-b]
        """,
    "treaties.yaml": """
        treaties:
          - id: spec-pause-treaty
            name: Zephyr Pause Treaty
            category: risk-reduction
            parties: [us, ru]
            signed: {date: "2000-01-10"}
            in_force: "2000-06-01"
            status_history:
              - {date: "2005-01-01", status: suspended}
              - {date: "2006-03", status: resumed}
            summary: Suspended as a whole, then resumed.
            sources: [spec-src-a]
          - id: spec-party-treaty
            name: Zephyr Party Treaty
            category: risk-reduction
            parties: [us, ru]
            signed: {date: "2000-01-10"}
            in_force: "2000-06-01"
            status_history:
              - {date: "2003-01-01", status: resumed, party: us}
              - {date: "2004-01-01", status: suspended, party: ru}
              - {date: "2005-01-01", status: resumed, party: ru}
              - {date: "2007-01-01", status: suspended, party: us}
              - {date: "2008-01-01", status: withdrawn, party: ru}
              - {date: "2009-01-01", status: withdrawn, party: us}
            summary: Each party steps out in turn.
            sources: [spec-src-b, spec-src-a]
          - id: spec-left-treaty
            name: Zephyr Left Treaty
            category: risk-reduction
            parties: [us, ru]
            signed: {date: "2000-01-10"}
            in_force: "2000-06-01"
            status_history:
              - {date: "2010-05-05", status: withdrawn, party: us}
            ended: {date: "2010-05-05", how: withdrawn, by: us}
            summary: The US withdrawal took effect the day it was made.
            sources: [spec-src-a]
          - id: spec-ratified-treaty
            name: Zephyr Ratified Treaty
            aliases: [Zephyr Count]
            category: risk-reduction
            parties: [us, ru]
            signed: {date: "2001-02-03"}
            ratification:
              - {country: us, body: U.S. Senate, date: "2001-05-06"}
            summary: Ratified by one side, never in force.
            sources: [spec-src-a]
        """,
    "events.yaml": """
        events:
          - id: spec-video-summit-2001
            date: "2001-03-01"
            title: Zephyr video summit
            kind: summit
            format: video
            participants: [spec-alpha, spec-beta]
            summary: A summit held by video link.
            sources: [spec-src-a]
          - id: spec-talks-2001
            date: "2001-04-01"
            end: "2001-04-02"
            title: Zephyr talks in Geneva
            kind: meeting
            format: bilateral
            participants: [spec-alpha, spec-beta]
            summary: Two days of talks face to face.
            sources: [spec-src-a]
          - id: spec-phone-2001
            date: "2001-05"
            title: Zephyr telephone meeting
            kind: meeting
            format: call
            participants: [spec-alpha, spec-beta]
            summary: A meeting held by telephone.
            sources: [spec-src-b]
          - id: spec-sanctions-2001
            date: "2001-06-15"
            title: Zephyr sanctions order
            kind: sanctions
            participants: [spec-alpha]
            summary: An order.
            sources: [spec-src-b]
        """,
    "figures.yaml": """
        metrics:
          - id: spec-metric
            label: Zephyr count
            unit: items
        figures:
          - {metric: spec-metric, country: us, date: "2001", value: 5, sources: [spec-src-b]}
          - {metric: spec-metric, country: ru, date: "2001", value: 7, sources: [spec-src-a]}
          - {metric: spec-metric, country: ru, date: "2001", value: 8, sources: [spec-src-b]}
        """,
}


def _write_facts(folder: Path, files: dict[str, str]) -> Path:
    """Write fact files (name → indented YAML text) into ``folder``, with the overlay's
    sources unless ``files`` has its own."""
    for name, text in {"sources.yaml": OVERLAY["sources.yaml"], **files}.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def overlay(tmp_path_factory) -> Path:
    """The overlay above, written once per module (so its index is built once)."""
    return _write_facts(tmp_path_factory.mktemp("spec-overlay"), OVERLAY)


def _ids(records):
    return [r["id"] for r in records]


# --- treaty status: the fields -----------------------------------------------------------------


def test_before_signature_nothing_is_said_to_be_in_force(cli):
    # New START was signed 2010-04-08: on 2009-12-31 neither the two nor anyone is bound.
    assert _status(cli, "new-start", "2009-12-31") == {
        "as_of": "2009-12-31",
        "code": "not-signed",
        "status": "not yet signed",
        "since": None,
        "by": None,
        "extended": None,
        "treaty": {"status": "not yet signed", "since": None},
        "parties": {},
        "text": "not yet signed",
    }


def test_signed_and_not_yet_in_force(cli):
    assert _status(cli, "new-start", "2010-06") == {
        "as_of": "2010-06",
        "code": "signed",
        "status": "signed",
        "since": "2010-04-08",
        "by": None,
        "extended": None,
        "treaty": {"status": "signed", "since": "2010-04-08"},
        "parties": {},
        "text": "signed 2010-04-08, not yet in force",
    }


def test_suspended_by_both_parties_is_dated_from_the_first(cli):
    assert _status(cli, "inf-treaty", "2019-05") == {
        "as_of": "2019-05",
        "code": "suspended",
        "status": "suspended",
        "since": "2019-02-02",
        "by": "us",
        "extended": None,
        "treaty": {"status": "in force", "since": "1988-06-01"},
        "parties": {
            "us": {"status": "suspended", "since": "2019-02-02", "until": None},
            "ru": {"status": "suspended", "since": "2019-03-04", "until": None},
        },
        "text": "suspended by US since 2019-02-02; RU suspended since 2019-03-04",
    }


def test_in_force_with_an_extension(cli):
    assert _status(cli, "new-start", "2022") == {
        "as_of": "2022",
        "code": "in-force",
        "status": "in force",
        "since": "2011-02-05",
        "by": None,
        "extended": "2021-02-03",
        "treaty": {"status": "in force", "since": "2011-02-05"},
        "parties": {},
        "text": "in force since 2011-02-05 (extended 2021-02-03)",
    }


def test_an_extension_dated_by_year_alone_counts_from_the_start_of_that_year(cli):
    # NPT: in force 1970-03-05, extended indefinitely in 1995 (a year, no day).
    assert _status(cli, "npt", "1995-01-01")["extended"] == "1995"
    assert _status(cli, "npt", "1994-12-31")["extended"] is None


def test_a_notice_of_withdrawal_is_a_partys_step_while_the_treaty_stays_in_force(cli):
    assert _status(cli, "abm-treaty", "2002-01") == {
        "as_of": "2002-01",
        "code": "in-force",
        "status": "in force",
        "since": "1972-10-03",
        "by": None,
        "extended": None,
        "treaty": {"status": "in force", "since": "1972-10-03"},
        "parties": {
            "us": {"status": "gave notice of withdrawal", "since": "2001-12-13", "until": None}
        },
        "text": "in force since 1972-10-03; US gave notice of withdrawal 2001-12-13",
    }


def test_a_treaty_without_entry_into_force_or_ratification_is_not_called_never_in_force(cli):
    # NRRC Agreement: signed 1987-09-15; the record has no in_force, ratification or end.
    assert _status(cli, "nrrc-agreement", "2000") == {
        "as_of": "2000",
        "code": "unknown",
        "status": "entry into force not recorded",
        "since": "1987-09-15",
        "by": None,
        "extended": None,
        "treaty": {"status": "entry into force not recorded", "since": "1987-09-15"},
        "parties": {},
        "text": "signed 1987-09-15; entry into force not recorded",
    }


def test_a_ratified_treaty_that_never_entered_into_force_counts_from_signature(cli):
    # CTBT: signed 1996-09-24; Russia ratified 2000-05-27; not in force.
    assert _status(cli, "ctbt", "2010") == {
        "as_of": "2010",
        "code": "never-in-force",
        "status": "never in force",
        "since": "1996-09-24",
        "by": None,
        "extended": None,
        "treaty": {"status": "never in force", "since": "1996-09-24"},
        "parties": {},
        "text": "never in force (signed 1996-09-24)",
    }


def test_never_in_force_names_who_abandoned_it(cli):
    assert _status(cli, "salt-ii", "1990") == {
        "as_of": "1990",
        "code": "never-in-force",
        "status": "never in force",
        "since": "1986-05",
        "by": "us",
        "extended": None,
        "treaty": {"status": "never in force", "since": "1986-05"},
        "parties": {},
        "text": "never in force (signed 1979-06-18); abandoned by US 1986-05",
    }


def test_a_treaty_that_never_entered_into_force_is_not_unknown_before_it_was_abandoned(cli):
    # SALT II (signed 1979-06-18) was never in force; its record says so through `ended`.
    status = _status(cli, "salt-ii", "1980")
    assert (status["code"], status["status"], status["since"]) == (
        "never-in-force",
        "never in force",
        "1979-06-18",
    )
    assert status["text"] == "never in force (signed 1979-06-18)"


def test_one_partys_withdrawal_ends_it_between_the_two_while_others_stay_bound(cli):
    assert _status(cli, "cfe-treaty", "2024") == {
        "as_of": "2024",
        "code": "ended",
        "status": "withdrawn",
        "since": "2023-11-07",
        "by": "ru",
        "extended": None,
        "treaty": {"status": "in force", "since": "1992-11-09"},
        "parties": {
            "ru": {"status": "withdrawn", "since": "2023-11-07", "until": None},
            "us": {"status": "suspended", "since": "2023-12-07", "until": None},
        },
        "text": "not in force between the US and Russia since 2023-11-07 (RU withdrew); "
        "US suspended since 2023-12-07",
    }


def test_an_ended_treaty_keeps_each_partys_step_up_to_the_end(cli):
    assert _status(cli, "new-start", "2026-03") == {
        "as_of": "2026-03",
        "code": "ended",
        "status": "expired",
        "since": "2026-02-05",
        "by": None,
        "extended": None,
        "treaty": {"status": "expired", "since": "2026-02-05"},
        "parties": {"ru": {"status": "suspended", "since": "2023-02-21", "until": "2026-02-05"}},
        "text": "expired 2026-02-05; RU suspended 2023-02-21 – 2026-02-05",
    }


@pytest.mark.parametrize(
    ("as_of", "code"),
    [
        # New START entered into force 2011-02-05 and expired 2026-02-05: a month or year
        # is judged by its last day.
        ("2011-01", "signed"),
        ("2011-02", "in-force"),
        ("2026-01", "suspended"),
        ("2026-02", "ended"),
        ("2026", "ended"),
        ("2010", "signed"),
    ],
)
def test_a_partial_as_of_is_judged_on_its_last_day(cli, as_of, code):
    status = _status(cli, "new-start", as_of)
    assert (status["code"], status["as_of"]) == (code, as_of)


def test_the_earliest_standing_suspension_decides_who_suspended(cli):
    # INF: the US suspended 2019-02-02, Russia 2019-03-04.
    status = _status(cli, "inf-treaty", "2019-05")
    assert (status["code"], status["since"], status["by"]) == ("suspended", "2019-02-02", "us")


def test_a_restated_suspension_keeps_its_first_date(cli):
    # CFE: Russia's moratorium from 2007-12-12, restated 2015-03-11.
    status = _status(cli, "cfe-treaty", "2016")
    assert status["parties"] == {
        "ru": {"status": "suspended", "since": "2007-12-12", "until": None}
    }
    assert (status["code"], status["since"], status["by"]) == ("suspended", "2007-12-12", "ru")


def test_a_revoked_ratification_is_kept_as_that_partys_step(cli):
    status = _status(cli, "ctbt", "2024")
    assert status["parties"] == {
        "ru": {"status": "de-ratified", "since": "2023-11-02", "until": None}
    }
    assert (status["code"], status["since"]) == ("never-in-force", "1996-09-24")


def test_a_whole_treaty_suspension_and_its_resumption(cli, overlay):
    def status(as_of):
        return cli.json("treaty", "spec-pause-treaty", "--as-of", as_of, "--facts", str(overlay))[
            "status"
        ]

    paused = status("2005-06")
    assert (paused["code"], paused["status"], paused["since"], paused["by"]) == (
        "suspended",
        "suspended",
        "2005-01-01",
        None,
    )
    assert paused["treaty"] == {"status": "suspended", "since": "2005-01-01"}
    assert paused["text"] == "suspended since 2005-01-01"
    # Resumed 2006-03: not yet on 2006-02-28, but by the end of 2006-03.
    assert status("2006-02-28")["code"] == "suspended"
    resumed = status("2006-03")
    assert (resumed["code"], resumed["since"]) == ("in-force", "2000-06-01")
    assert resumed["treaty"] == {"status": "resumed", "since": "2006-03"}
    assert resumed["text"] == "in force since 2000-06-01"


def test_a_party_that_resumes_is_bound_again(cli, overlay):
    def status(as_of):
        return cli.json("treaty", "spec-party-treaty", "--as-of", as_of, "--facts", str(overlay))[
            "status"
        ]

    assert status("2004-06")["text"] == "suspended by RU since 2004-01-01"
    again = status("2006")
    assert (again["code"], again["parties"]) == ("in-force", {})
    assert again["text"] == "in force since 2000-06-01"


def test_the_first_party_to_leave_is_named_whatever_the_order_of_their_steps(cli, overlay):
    # US suspended 2007 (its first step), Russia withdrew 2008, the US withdrew 2009.
    status = cli.json("treaty", "spec-party-treaty", "--as-of", "2010", "--facts", str(overlay))[
        "status"
    ]
    assert (status["code"], status["since"], status["by"]) == ("ended", "2008-01-01", "ru")
    assert status["parties"] == {
        "ru": {"status": "withdrawn", "since": "2008-01-01", "until": None},
        "us": {"status": "withdrawn", "since": "2009-01-01", "until": None},
    }
    assert status["text"] == (
        "not in force between the US and Russia since 2008-01-01 (RU withdrew); "
        "US withdrawn since 2009-01-01"
    )


def test_a_withdrawal_that_took_effect_the_day_it_was_made_is_no_notice(cli, overlay):
    status = cli.json("treaty", "spec-left-treaty", "--as-of", "2011", "--facts", str(overlay))[
        "status"
    ]
    assert status["parties"] == {
        "us": {"status": "withdrawn", "since": "2010-05-05", "until": "2010-05-05"}
    }
    assert status["text"] == "withdrawn by US 2010-05-05"


def test_ratification_without_entry_into_force_is_never_in_force(cli, overlay):
    status = cli.json("treaty", "spec-ratified-treaty", "--facts", str(overlay))["status"]
    assert (status["code"], status["since"]) == ("never-in-force", "2001-02-03")
    assert status["text"] == "never in force (signed 2001-02-03)"


# --- treaty listing and --status ---------------------------------------------------------------


def test_treaties_are_listed_by_signature_date(cli):
    listed = cli.json("treaty")
    # The first four signed, by facts/treaties*.yaml: 1963-06-20, 1963-08-05, 1967-01-27,
    # 1968-07-01; the last is New START (2010-04-08).
    assert _ids(listed)[:4] == ["hotline-agreement-1963", "ltbt", "outer-space-treaty", "npt"]
    assert _ids(listed)[-1] == "new-start"
    signed = [t["signed"]["date"] for t in listed]
    assert signed == sorted(signed)


def test_treaties_signed_the_same_day_are_listed_by_id(cli):
    # ABM Treaty and SALT I were both signed 1972-05-26.
    ids = _ids(cli.json("treaty"))
    assert ids.index("abm-treaty") + 1 == ids.index("salt-i")


def test_status_filter_keeps_only_that_code(cli):
    # On 1980-01-01, by the treaty records: SALT I had expired (1977-10-03), and no other
    # treaty had ended.
    ended = cli.json("treaty", "--status", "ended", "--as-of", "1980-01-01")
    assert _ids(ended) == ["salt-i"]
    assert ended[0]["status"]["code"] == "ended"
    both = cli.json("treaty", "-s", "ended", "-s", "never-in-force", "--as-of", "1980-01-01")
    assert _ids(both) == ["salt-i", "salt-ii"]


def test_in_force_on_a_date_lists_exactly_those_in_force(cli):
    # In force on 1972-12-31: Hotline (1963-06-20), LTBT (1963-10-10), Outer Space
    # (1967-10-10), NPT (1970-03-05), Accidents Measures (1971-09-30), INCSEA (1972-05-25),
    # ABM Treaty and SALT I (1972-10-03).
    found = cli.json("treaty", "--in-force", "--as-of", "1972-12-31")
    assert sorted(_ids(found)) == sorted(
        [
            "hotline-agreement-1963",
            "ltbt",
            "outer-space-treaty",
            "npt",
            "accidents-measures-agreement",
            "incsea",
            "abm-treaty",
            "salt-i",
        ]
    )


def test_an_unknown_status_code_is_refused_with_the_choices(cli):
    line = cli.fails(2, "treaty", "--status", "in_force")
    assert line == (
        "usrufacts: error: unknown status 'in_force'; "
        "choose from in-force, suspended, ended, never-in-force"
    )


# --- timeline: spans, kinds, people, order -----------------------------------------------------

# The overlay's events with Alpha Zephyrson, by their dates above.
ALPHA = ["spec-video-summit-2001", "spec-talks-2001", "spec-phone-2001", "spec-sanctions-2001"]


def _timeline(cli, overlay, *args):
    return _ids(cli.json("timeline", *args, "--who", "spec-alpha", "--facts", str(overlay)))


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        # One bound alone is that period; a span runs from FROM's first day to TO's last.
        (["2001"], ALPHA),
        (["2001-03-01"], ["spec-video-summit-2001"]),
        # The talks ran 2001-04-01 to 2001-04-02: a span touching either day includes them.
        (["2001-04-02"], ["spec-talks-2001"]),
        (["2001-04"], ["spec-talks-2001"]),
        (["2001-01", "2001-04-01"], ["spec-video-summit-2001", "spec-talks-2001"]),
        (["2001-04-03", "2001-04-30"], []),
        # The order was signed 2001-06-15: inside the month 2001-06, as a TO bound too.
        (["2001-06"], ["spec-sanctions-2001"]),
        (["2001-05", "2001-06"], ["spec-phone-2001", "spec-sanctions-2001"]),
        (["2001-06-16", "2002"], []),
    ],
)
def test_timeline_span_includes_every_event_that_overlaps_it(cli, overlay, span, expected):
    assert _timeline(cli, overlay, *span) == expected


@pytest.mark.parametrize(
    "span",
    [
        ["2018-07", "2018"],  # a TO that contains FROM
        ["2018-07", "2018-07-15"],  # a FROM that contains TO
        ["2018-07-16", "2018-07-16"],  # one day
    ],
)
def test_timeline_accepts_spans_whose_bounds_overlap(cli, span):
    # Helsinki summit, 2018-07-16 (facts/events.yaml).
    found = _ids(cli.json("timeline", *span))
    assert ("helsinki-summit-2018" in found) == (span != ["2018-07", "2018-07-15"])


def test_timeline_refuses_a_from_after_to(cli):
    line = cli.fails(2, "timeline", "2019", "2018-12")
    assert line == "usrufacts: error: FROM 2019 is after TO 2018-12; give the earlier date first"


def test_timeline_kinds_and_people_narrow_the_events(cli, overlay):
    assert _timeline(cli, overlay, "--kind", "sanctions") == ["spec-sanctions-2001"]
    assert _timeline(cli, overlay, "-k", "summit", "-k", "meeting") == ALPHA[:3]
    both = cli.json(
        "timeline",
        "2001",
        "--who",
        "spec-alpha",
        "--who",
        "Beta Zephyrova",
        "--facts",
        str(overlay),
    )
    assert _ids(both) == ALPHA[:3]


def test_timeline_refuses_an_unknown_kind_with_the_choices(cli):
    line = cli.fails(2, "timeline", "--kind", "summits")
    assert line.startswith(
        "usrufacts: error: unknown kind 'summits'; choose from summit, meeting, call, treaty,"
    )
    assert line.endswith("un, aid, intelligence, legal")


def test_timeline_limit_takes_the_oldest_and_latest_the_newest_first(cli, overlay):
    assert _timeline(cli, overlay, "--limit", "2") == ALPHA[:2]
    assert _timeline(cli, overlay, "--latest", "2") == [ALPHA[3], ALPHA[2]]
    assert _timeline(cli, overlay, "--limit", "0") == []


def test_timeline_events_of_one_day_are_ordered_by_id(cli):
    # 1994-12-05: the Budapest Memorandum (facts/events*.yaml), and START I's and the Lisbon
    # Protocol's entry into force (facts/treaties*.yaml, in_force).
    day = [
        "budapest-memorandum-1994",
        "lisbon-protocol-in-force-1994-12-05",
        "start-i-in-force-1994-12-05",
    ]
    assert _ids(cli.json("timeline", "1994-12-05")) == day
    assert _ids(cli.json("timeline", "1994-12-05", "--latest", "50")) == day[::-1]


def test_an_unknown_person_in_timeline_is_not_found(cli):
    assert cli.fails(1, "timeline", "--who", "nobody-at-all") == (
        "usrufacts: error: no person named 'nobody-at-all' ('usrufacts search' lists them)"
    )


# --- meetings: in person, remote ---------------------------------------------------------------


def _meetings(cli, overlay, *args):
    found = cli.json(
        "meetings", "--who", "spec-alpha", "--who", "spec-beta", *args, "--facts", str(overlay)
    )
    return [(m["number"], m["id"]) for m in found]


def test_meetings_without_people_or_span_are_trumps_and_putins(cli):
    found = cli.json("meetings")
    # Helsinki 2018-07-16 and Anchorage 2025-08-15 (facts/events*.yaml) are among them.
    assert {"helsinki-summit-2018"} <= set(_ids(found))
    for contact in found:
        assert {"donald-trump", "vladimir-putin"} <= {p["id"] for p in contact["participants"]}


def test_meetings_are_numbered_in_order(cli, overlay):
    assert _meetings(cli, overlay) == [
        (1, "spec-video-summit-2001"),
        (2, "spec-talks-2001"),
        (3, "spec-phone-2001"),
    ]


def test_in_person_leaves_out_video_and_telephone_whatever_the_kind(cli, overlay):
    # The video summit (kind summit, format video) and the telephone meeting (kind meeting,
    # format call) were not face to face.
    assert _meetings(cli, overlay, "--in-person") == [(1, "spec-talks-2001")]


def test_calls_keeps_video_and_telephone_whatever_the_kind(cli, overlay):
    assert _meetings(cli, overlay, "--calls") == [
        (1, "spec-video-summit-2001"),
        (2, "spec-phone-2001"),
    ]


def test_a_call_without_a_recorded_format_is_still_a_call(cli):
    # The 1967 hotline exchange (kind call, no format) between Johnson and Kosygin.
    args = ("meetings", "--who", "lyndon-johnson", "--who", "alexei-kosygin")
    assert "six-day-war-hotline-1967" in _ids(cli.json(*args, "--calls"))
    assert "six-day-war-hotline-1967" not in _ids(cli.json(*args, "--in-person"))


def test_in_person_and_calls_together_are_refused(cli):
    line = cli.fails(2, "meetings", "--in-person", "--calls")
    assert line == "usrufacts: error: --in-person and --calls exclude each other; give one"


def test_meetings_refuses_a_kind_that_is_not_a_contact(cli):
    line = cli.fails(2, "meetings", "--kind", "sanctions")
    assert line == "usrufacts: error: unknown kind 'sanctions'; choose from summit, meeting, call"


def test_meetings_in_a_span_without_people_lists_every_leaders_contact(cli, overlay):
    found = _ids(cli.json("meetings", "2001-03-01", "--facts", str(overlay)))
    assert "spec-video-summit-2001" in found
    in_june = _ids(cli.json("meetings", "2001-06-15", "--facts", str(overlay)))
    assert "spec-sanctions-2001" not in in_june


def test_meetings_between_two_dates_are_those_that_touch_the_span(cli, overlay):
    """The overlay's contacts: a video summit 2001-03-01, talks 2001-04-01/02, a call in
    2001-05; the bundled facts have none from March to May 2001 (`meetings 2001-03 2001-05`
    lists only these)."""
    args = ("--facts", str(overlay))
    assert _ids(cli.json("meetings", "2001-03-02", "2001-04-30", *args)) == ["spec-talks-2001"]
    assert _ids(cli.json("meetings", "2001-03", "2001-05", *args)) == [
        "spec-video-summit-2001",
        "spec-talks-2001",
        "spec-phone-2001",
    ]


# --- finding a record by name, and the error lines when none or several match ------------------


def test_an_id_a_name_and_the_words_of_a_title_find_the_record(cli, overlay):
    def found(*args):
        return cli.json(*args, "--facts", str(overlay))["id"]

    assert found("show", "spec-talks-2001") == "spec-talks-2001"
    assert found("show", "Alpha Zephyrson") == "spec-alpha"
    assert found("show", "zephyr talks in geneva") == "spec-talks-2001"
    assert found("show", "Zephyr notes") == "spec-src-b"
    assert found("treaty", "Zephyr Ratified") == "spec-ratified-treaty"


def test_an_id_of_another_type_is_not_taken_for_a_treaty(cli):
    line = cli.fails(1, "treaty", "helsinki-summit-2018")
    assert line == (
        "usrufacts: error: no treaty named 'helsinki-summit-2018' ('usrufacts treaty' lists them)"
    )


def test_a_name_with_no_letters_or_digits_is_not_found_without_suggestions(cli):
    assert cli.fails(1, "show", "!!!") == "usrufacts: error: no record named '!!!'"
    assert cli.fails(1, "treaty", "!?") == "usrufacts: error: no treaty named '!?'"


@pytest.mark.parametrize("part", ["zeph", "zep"])
def test_a_word_inside_several_names_lists_them_with_kind_and_date(cli, overlay, part):
    # The part is inside the names of the three people, the metric's label and the four
    # treaties (signed 2000-01-10 but the Ratified Treaty, 2001-02-03): eight, listed by id.
    line = cli.fails(1, "show", part, "--facts", str(overlay))
    assert line == (
        f"usrufacts: error: '{part}' could be any of: spec-alpha (person); spec-beta (person); "
        "spec-gamma (person); spec-left-treaty (treaty, 2000-01-10); spec-metric (metric); "
        "spec-party-treaty (treaty, 2000-01-10); "
        "spec-pause-treaty (treaty, 2000-01-10); spec-ratified-treaty (treaty, 2001-02-03); "
        "give the id"
    )


def test_a_word_inside_one_name_only_or_under_three_letters_is_not_ambiguous(cli, overlay):
    # "ze" is too short to guess from; "zephyrso" is inside one name only (Alpha Zephyrson),
    # which the did-you-mean then offers.
    line = cli.fails(1, "show", "ze", "--facts", str(overlay))
    assert line == "usrufacts: error: no record named 'ze' ('usrufacts search' lists them)"
    line = cli.fails(1, "show", "zephyrso", "--facts", str(overlay))
    assert line.startswith("usrufacts: error: no record named 'zephyrso'; did you mean ")
    assert "spec-alpha" in line.split("; did you mean ")[1]


def test_a_word_in_the_names_of_many_lists_eight_and_says_there_are_more(cli, overlay):
    # "zephyr" is a word of 4 treaties' names, their 16 milestones, 4 events, the metric and
    # the people's alias: more than the eight listed, and more than the 12 looked up.
    line = cli.fails(1, "show", "zephyr", "--facts", str(overlay))
    assert line.startswith("usrufacts: error: 'zephyr' could be any of: ")
    listed = line.split(" could be any of: ")[1].removesuffix(" and more; give the id")
    assert len(listed.split("; ")) == 8


def test_a_name_two_records_share_lists_both(cli, overlay):
    line = cli.fails(1, "show", "Z. Zephyr", "--facts", str(overlay))
    assert line == (
        "usrufacts: error: 'Z. Zephyr' could be any of: spec-alpha (person); "
        "spec-beta (person); give the id"
    )


def test_a_name_shared_by_a_treaty_and_a_metric_means_the_treaty(cli, overlay):
    # "Zephyr Count" is the metric's label and an alias of the Ratified Treaty.
    assert cli.json("show", "zephyr count", "--facts", str(overlay))["id"] == (
        "spec-ratified-treaty"
    )


def test_a_person_is_found_by_one_word_of_their_name(cli, overlay):
    assert _timeline(cli, overlay) == ALPHA
    found = cli.json("timeline", "--who", "Zephyrson", "--facts", str(overlay))
    assert _ids(found) == ALPHA


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ("treaty", "new-strat"),
            "no treaty named 'new-strat'; did you mean new-start",
        ),
        (
            ("show", "helsnki-summit-2018"),
            "no record named 'helsnki-summit-2018'; did you mean helsinki-summit-2018",
        ),
        # 14 letters typed for an 8-letter name ("newstart"): the longest a match can be.
        (
            ("treaty", "newstartqqqqqq"),
            "no treaty named 'newstartqqqqqq'; did you mean new-start",
        ),
        # 7 letters in common out of 8 + 12: fuzz.ratio 2·7/20 = 70, the cutoff itself.
        (
            ("treaty", "newstarxxxxx"),
            "no treaty named 'newstarxxxxx'; did you mean new-start?",
        ),
    ],
)
def test_a_near_miss_suggests_the_closest_first(cli, args, line):
    assert cli.fails(1, *args).startswith(f"usrufacts: error: {line}")


def test_at_most_three_suggestions_closest_first(cli):
    # Four Helsinki summits (1975, 1990, 1997, 2018) are one typo and a year away.
    line = cli.fails(1, "show", "helsnki-summit-2018")
    offered = line.split("; did you mean ")[1].split("?")[0].split(" or ")
    assert len(offered) == 3
    assert offered[0] == "helsinki-summit-2018"
    assert set(offered) < {f"helsinki-summit-{y}" for y in (1975, 1990, 1997, 2018)}


def test_an_unknown_metric_says_where_the_metrics_are(cli):
    assert cli.fails(1, "compare", "figure", "xqzv-none") == (
        "usrufacts: error: no metric named 'xqzv-none' ('usrufacts metrics' lists them)"
    )


def test_nothing_close_suggests_nothing_and_says_where_the_names_are(cli):
    # 7 letters in common out of 8 + 13: 2·7/21 = 66.7, under the cutoff of 70.
    assert cli.fails(1, "treaty", "newstarxxxxxx") == (
        "usrufacts: error: no treaty named 'newstarxxxxxx' ('usrufacts treaty' lists them)"
    )
    assert cli.fails(1, "treaty", "abc") == (
        "usrufacts: error: no treaty named 'abc' ('usrufacts treaty' lists them)"
    )
    assert cli.fails(1, "show", "xqzv-none") == (
        "usrufacts: error: no record named 'xqzv-none' ('usrufacts search' lists them)"
    )


def test_suggestions_are_records_before_sources(cli, overlay):
    # "zephyr-notez" is one letter from the source title "Zephyr notes", but close enough to
    # the metric "Zephyr count" too: a record comes first, and then no source is offered.
    line = cli.fails(1, "show", "zephyr-notez", "--facts", str(overlay))
    assert line == (
        "usrufacts: error: no record named 'zephyr-notez'; did you mean spec-metric? "
        "('usrufacts search' lists them)"
    )
    # Close to the two sources' ids and to no record: the sources are offered.
    line = cli.fails(1, "show", "spec-src-bb", "--facts", str(overlay))
    assert line == (
        "usrufacts: error: no record named 'spec-src-bb'; did you mean spec-src-b or "
        "spec-src-a? ('usrufacts search' lists them)"
    )


def test_each_value_of_a_disputed_figure_shows_its_own_sources_whole(cli, overlay):
    figure = cli.json("show", "spec-metric-ru-2001", "--facts", str(overlay))
    whole = {k: v for k, v in SOURCE_A.items() if k not in ("type", "sources")}
    other = {k: v for k, v in SOURCE_B.items() if k not in ("type", "sources")}
    assert [(v["value"], v["sources"]) for v in figure["values"]] == [(7, [whole]), (8, [other])]
    assert figure["sources"] == [whole, other]


def test_a_computed_metric_is_found_by_its_id_but_is_not_a_treaty(cli):
    record = cli.json("show", "us-russia-goods-trade")
    assert (record["id"], record["type"], record["derived"]) == (
        "us-russia-goods-trade",
        "metric",
        True,
    )
    assert record["sum_of"] == ["us-exports-to-russia", "us-imports-from-russia"]
    line = cli.fails(1, "treaty", "us-russia-goods-trade")
    assert line.startswith("usrufacts: error: no treaty named 'us-russia-goods-trade'")


def test_a_record_shows_its_sources_whole_and_the_file_it_came_from(cli, overlay):
    record = cli.json("show", "spec-talks-2001", "--facts", str(overlay))
    assert record["sources"] == [
        {
            "id": "spec-src-a",
            "publisher": "Spec Archive",
            "title": "Zephyr treaty text",
            "url": "https://example.org/zephyr",
            "accessed": "2026-11-01",
            "tier": "primary",
        }
    ]
    assert record["origin"] == str(overlay / "events.yaml")
    assert [p["id"] for p in record["participants"]] == ["spec-alpha", "spec-beta"]


# --- sources -----------------------------------------------------------------------------------

SOURCE_A = {
    "type": "source",
    "id": "spec-src-a",
    "publisher": "Spec Archive",
    "title": "Zephyr treaty text",
    "url": "https://example.org/zephyr",
    "accessed": "2026-11-01",
    "tier": "primary",
    "sources": [],
}
SOURCE_B = {
    "type": "source",
    "id": "spec-src-b",
    "publisher": "Spec Blog",
    "title": "Zephyr notes",
    "url": "https://example.net/notes",
    "accessed": "2026-11-02",
    "tier": "other",
    "sources": [],
}


def test_a_sources_sources_are_itself(cli, overlay):
    found = cli.json("sources", "spec-src-a", "--facts", str(overlay))
    assert [{k: v for k, v in s.items() if k != "tier_reason"} for s in found] == [SOURCE_A]


def test_a_records_sources_come_best_tier_first(cli, overlay):
    # The Party Treaty cites spec-src-b (other) before spec-src-a (primary).
    found = cli.json("sources", "spec-party-treaty", "--facts", str(overlay))
    assert found == [SOURCE_A, SOURCE_B]


def test_a_metric_cites_what_its_figures_cite(cli, overlay):
    found = cli.json("sources", "spec-metric", "--facts", str(overlay))
    assert found == [SOURCE_A, SOURCE_B]


def _figure_sources(*metrics):
    """The ids cited by the figures of these metrics, read from the fact files."""
    import yaml

    cited = set()
    for path in sorted((REPO / "facts").glob("figures*.yaml")):
        for figure in yaml.safe_load(path.read_text(encoding="utf-8")).get("figures", []):
            if figure["metric"] in metrics:
                cited.update(figure["sources"])
    return cited


def test_a_computed_metric_cites_what_its_parts_figures_cite(cli):
    found = cli.json("sources", "us-russia-goods-trade")
    expected = _figure_sources("us-exports-to-russia", "us-imports-from-russia")
    assert expected
    assert sorted(s["id"] for s in found) == sorted(expected)
    assert {s["type"] for s in found} == {"source"}


TIER_ORDER = ["primary", "specialist", "major-news", "reference", "other"]  # README "Sources"


def test_the_bibliography_is_best_tier_first_then_by_id(cli):
    found = cli.json("sources")
    keys = [(TIER_ORDER.index(s["tier"]), s["id"]) for s in found]
    assert keys == sorted(keys)
    assert len(found) == len(set(s["id"] for s in found)) > 1000
    assert {s["tier"] for s in found} == set(TIER_ORDER)


def test_the_bibliography_keeps_only_the_tiers_asked(cli, overlay):
    found = cli.json("sources", "--tier", "other,primary", "--facts", str(overlay))
    assert {s["tier"] for s in found} == {"primary", "other"}
    ids = [s["id"] for s in found]
    assert "spec-src-a" in ids and "spec-src-b" in ids
    assert ids.index("spec-src-a") < ids.index("spec-src-b")
    assert "spec-src-a" not in [s["id"] for s in cli.json("sources", "--tier", "other")]


# --- export, about, search ---------------------------------------------------------------------


def test_export_writes_each_collection_with_its_records_sources_whole(cli, overlay):
    result = cli.run("export", "--facts", str(overlay))
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert list(out) == ["treaties", "events", "figures", "metrics", "people", "sources"]
    events = [e["id"] for e in out["events"] if e["id"].startswith("spec-")]
    assert events == ALPHA  # in date order
    talks = next(e for e in out["events"] if e["id"] == "spec-talks-2001")
    assert talks["sources"] == [{k: v for k, v in SOURCE_A.items() if k not in ("type", "sources")}]
    assert [p["id"] for p in out["people"] if p["id"].startswith("spec-")] == [
        "spec-alpha",
        "spec-beta",
        "spec-gamma",
    ]
    assert "spec-metric" in [m["id"] for m in out["metrics"]]
    treaties = [t["id"] for t in out["treaties"] if t["id"].startswith("spec-")]
    assert sorted(treaties) == [
        "spec-left-treaty",
        "spec-party-treaty",
        "spec-pause-treaty",
        "spec-ratified-treaty",
    ]
    # Each treaty's milestones are timeline rows made from the treaty, not events of their own.
    assert "start-i-in-force-1994-12-05" in _ids(cli.json("timeline", "1994-12-05"))
    assert "start-i-in-force-1994-12-05" not in [e["id"] for e in out["events"]]
    assert {s["id"] for s in out["sources"]} >= {"spec-src-a", "spec-src-b"}


def test_about_counts_every_collection(cli, overlay):
    bundled = cli.json("about")["counts"]
    with_overlay = cli.json("about", "--facts", str(overlay))
    added = {kind: with_overlay["counts"][kind] - bundled[kind] for kind in bundled}
    # The overlay adds 4 treaties, 3 people, 1 metric, 2 figures (one with two values) and
    # 2 sources, and 4
    # events plus each treaty's milestones: signed (4), entered into force (3) and each
    # entry of the treaties' status histories (2 + 6 + 1).
    assert added == {
        "treaty": 4,
        "event": 4 + 4 + 3 + 9,
        "person": 3,
        "metric": 1,
        "figure": 2,
        "source": 2,
    }
    assert with_overlay["facts_as_of"] >= "2026-11-02"
    assert with_overlay["complete_to"] == cli.json("about")["complete_to"]
    assert with_overlay["version"]


def test_search_with_no_limit_returns_every_match(cli):
    result = cli.run("search", "russia", "--limit", "0", "--json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert len(found) > 500  # more than one batch of ids
    assert len({s["id"] for s in found}) == len(found)
    assert result.stderr == ""  # no "N of M" note: all were given


def test_search_finds_the_record_and_says_how_many_matched(cli, overlay):
    result = cli.run("search", "zephyr talks", "--limit", "1", "--json", "--facts", str(overlay))
    assert [r["id"] for r in json.loads(result.stdout)] == ["spec-talks-2001"]
    assert result.stderr.startswith("1 of ")


def test_search_keeps_only_the_types_asked(cli, overlay):
    found = cli.json(
        "search", "zephyr", "--type", "person", "--limit", "0", "--facts", str(overlay)
    )
    # Words match as prefixes: Zephyrson, Zephyrova, Zephyrin (and the alias Z. Zephyr).
    assert sorted(_ids(found)) == ["spec-alpha", "spec-beta", "spec-gamma"]


NOTICES = """
    treaties:
      - id: spec-notice-treaty
        name: Zephyr Notice Treaty
        category: risk-reduction
        parties: [us, ru]
        signed: {date: "2000-01-10"}
        in_force: "2000-06-01"
        status_history:
          - {date: "2012-02-01", status: withdrawn, party: ru}
          - {date: "2012-03-01", status: de-ratified, party: us}
        ended: {date: "2012-08-01", how: withdrawn, by: ru}
        summary: Russia gives notice, then the US revokes its ratification.
        sources: [spec-src-a]
    """


def test_a_pending_notice_and_the_other_partys_step_are_both_said(cli, tmp_path):
    """RU gave notice 2012-02-01 (its withdrawal took effect 2012-08-01); the US revoked its
    ratification 2012-03-01. Between the two dates each party's step is said, in order."""
    _write_facts(tmp_path, {"treaties.yaml": NOTICES})
    args = ("treaty", "spec-notice-treaty", "--facts", str(tmp_path), "--as-of")
    assert cli.json(*args, "2012-04")["status"]["text"] == (
        "in force since 2000-06-01; RU gave notice of withdrawal 2012-02-01; "
        "US de-ratified since 2012-03-01"
    )


# --- not found: which near names are offered -----------------------------------------------------

NEAR = {
    "people.yaml": """
        people:
          - id: spec-edge-long
            name: Quaixote Bravs
            country: us
            sources: [spec-src-a]
          - id: spec-edge-short
            name: Zorbaxy
            aliases: [Quorvomantle]
            country: us
            sources: [spec-src-a]
          - id: spec-below
            name: Kelvinmaqzz
            country: us
            sources: [spec-src-a]
          - id: spec-many-forms
            name: Zorvath Quillane
            aliases: [Zorvath Quilane, Zorvath Quillan, Zorvath Quillanes]
            country: ru
            sources: [spec-src-a]
          - id: spec-one-form
            name: Zorvath Quillbane
            country: ru
            sources: [spec-src-a]
          - id: spec-twin-one
            name: Mirela Ostrowa
            aliases: [Twin Velder]
            country: us
            sources: [spec-src-a]
          - id: spec-twin-two
            name: Dorota Ostrowa
            aliases: [Twin Velder]
            country: ru
            sources: [spec-src-a]
          - id: spec-velder-lodge
            name: Velder Twin Lodge
            country: ru
            sources: [spec-src-a]
        """,
    "treaties.yaml": """
        treaties:
          - id: spec-accord
            name: The Velmor Accord
            category: risk-reduction
            parties: [us, ru]
            signed: {date: "2001-02-03"}
            summary: A treaty whose name begins with "The".
            sources: [spec-src-a]
          - id: spec-accord-iii
            name: Velmor Accord III
            category: risk-reduction
            parties: [us, ru]
            signed: {date: "2003-02-03"}
            summary: A third accord, numbered in Roman numerals.
            sources: [spec-src-a]
        """,
    "figures.yaml": """
        metrics:
          - id: zq-cnt
            label: Zq count
            unit: items
        figures:
          - {metric: zq-cnt, country: us, date: "2001", value: 5, sources: [spec-src-a]}
        """,
}


@pytest.fixture(scope="module")
def near(tmp_path_factory) -> Path:
    return _write_facts(tmp_path_factory.mktemp("spec-near"), NEAR)


def _offered(cli, near, name):
    line = cli.fails(1, "show", name, "--facts", str(near))
    found = re.search(r"; did you mean (.*)\? \(", line)
    return found[1].split(" or ") if found else []


@pytest.mark.parametrize(
    ("asked", "offered"),
    [
        # Indel ratio 2·LCS/(a + b), by hand. "quixote" (7 letters) against "quaixotebravs"
        # (13, holding all 7): 2·7/20 = 70, the cutoff, at the longest a name may be (13/7).
        ("quixote", ["spec-edge-long"]),
        # "zorbaxyqqqqqq" (13) against "zorbaxy" (7): 70 again, at the shortest (7/13 of 13).
        ("zorbaxyqqqqqq", ["spec-edge-short"]),
        # "kelvinmarrow" (12) against "kelvinmaqzz" (11), 8 letters in common: 16/23 = 69.6.
        ("kelvinmarrow", []),
    ],
)
def test_a_near_name_is_offered_from_a_ratio_of_70(cli, near, asked, offered):
    assert _offered(cli, near, asked) == offered


def test_three_names_of_one_person_count_as_one_suggestion(cli, near):
    """ "zorvath quillanx" is closest to three of one person's names (Quilane and Quillan
    96.6, Quillane 93.3), then to the other person (Quillbane 90.3): both are offered."""
    assert _offered(cli, near, "zorvath quillanx") == ["spec-many-forms", "spec-one-form"]


def test_a_figure_is_offered_when_no_record_is_near(cli, near):
    """ "zqcntus2002" is 91 alike the figure zq-cnt-us-2001 and only 62.5 the metric zq-cnt."""
    assert _offered(cli, near, "zq-cnt-us-2002") == ["zq-cnt-us-2001"]


def _records_in(cli):
    return sum(cli.json("about")["counts"].values())


def test_a_very_large_base_offers_only_ids_that_start_with_the_same_letter(cli, monkeypatch):
    """Over query.LARGE_BASE records, an id (an event's: it has no name to match) is offered
    only if it starts with the letter typed, in either case."""
    monkeypatch.setattr("usrufacts.query.LARGE_BASE", _records_in(cli) - 1)
    line = cli.fails(1, "show", "elsinki-summit-2018")
    assert "helsinki-summit-2018" not in line, line
    line = cli.fails(1, "show", "Helsinki-sumit-2018")
    assert "did you mean helsinki-summit-2018 " in line, line


def test_a_base_of_exactly_large_base_records_still_offers_every_id(cli, monkeypatch):
    monkeypatch.setattr("usrufacts.query.LARGE_BASE", _records_in(cli))
    line = cli.fails(1, "show", "elsinki-summit-2018")
    assert "did you mean helsinki-summit-2018 " in line, line


# --- resolving a name ----------------------------------------------------------------------------


def test_an_alias_two_records_share_lists_those_two_and_no_other(cli, near):
    """ "Twin Velder" is an alias of two people; a third's name has the same words in another
    order ("Velder Twin Lodge"), and is not one of the candidates."""
    line = cli.fails(1, "show", "twin velder", "--facts", str(near))
    assert line.startswith("usrufacts: error: 'twin velder' could be any of: "), line
    assert "spec-twin-one (person); spec-twin-two (person); give the id" in line, line
    assert "spec-velder-lodge" not in line


def test_a_fragment_of_two_names_is_ambiguous_not_unknown(cli, near):
    """ "orvath" is inside both Zorvath names (no whole word of either): both are listed."""
    line = cli.fails(1, "show", "orvath", "--facts", str(near))
    assert "'orvath' could be any of: spec-many-forms (person); spec-one-form (person)" in line


def test_a_treaty_is_found_by_the_words_of_its_name_in_any_order(cli):
    """ "range intermediate": the words of the INF Treaty's name (Intermediate-Range Nuclear
    Forces), reversed, so that only a search by words finds it."""
    assert cli.json("treaty", "range intermediate")["id"] == "inf-treaty"


def test_a_derived_metric_is_compared_by_its_id(cli):
    """Goods trade is computed (exports + imports), never stored: for 2024, 526.1 + 3,000
    (USD million, facts/figures.yaml)."""
    rows = cli.json("compare", "figure", "us-russia-goods-trade")
    (row,) = [r for r in rows if r["date"] == "2024"]
    assert row["us"] == 3526.1


@pytest.mark.parametrize(
    ("asked", "rid"),
    [
        ("velmor accord", "spec-accord"),  # "The Velmor Accord" without its "The"
        ("Velmor Accord 3", "spec-accord-iii"),  # 3 for III
        ("velmor-accord-iii", "spec-accord-iii"),  # hyphens for spaces
    ],
)
def test_a_treaty_is_named_without_the_and_with_digits_for_roman_numerals(cli, near, asked, rid):
    assert cli.json("treaty", asked, "--facts", str(near))["id"] == rid


def test_search_finds_a_person_by_an_alias_found_nowhere_else(cli, near):
    hits = cli.json("search", "quorvomantle", "--facts", str(near))
    assert [h["id"] for h in hits] == ["spec-edge-short"]


@pytest.mark.parametrize("people", [8, 9])
def test_up_to_eight_candidates_are_listed_and_more_are_said_to_be_more(cli, tmp_path, people):
    """N people named "Quennel <letter>": `show quennel` lists them, at most eight, and
    says "and more" only when there are more than eight."""
    entries = "".join(
        f"  - {{id: spec-quennel-{c}, name: Quennel {c.upper()}, country: us,"
        " sources: [spec-src-a]}\n"
        for c in "abcdefghi"[:people]
    )
    _write_facts(tmp_path, {"people.yaml": "people:\n" + entries})
    line = cli.fails(1, "show", "quennel", "--facts", str(tmp_path))
    listed = re.findall(r"spec-quennel-[a-i] \(person\)", line)
    assert len(listed) == 8
    assert line.endswith(" and more; give the id" if people > 8 else "(person); give the id")
