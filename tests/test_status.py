"""Treaty status between the United States and Russia, pinned to the treaty records.

Every expected date below is read from facts/treaties.yaml (the record's signed, in_force,
status_history and ended), not from the code under test.
"""

from __future__ import annotations

import pytest


def _status(cli, *args):
    return cli.json("treaty", *args)["status"]


@pytest.mark.parametrize(
    ("args", "code", "since", "by"),
    [
        # Russia's CFE moratorium took effect 2007-12-12; the 2015-03-11 entry restates it.
        (("cfe", "--as-of", "2020-01-01"), "suspended", "2007-12-12", "ru"),
        # Russia's CFE withdrawal completed 2023-11-07: the two are no longer bound.
        (("cfe", "--as-of", "2024"), "ended", "2023-11-07", "ru"),
        # US left Open Skies 2020-11-22 (Russia 2021-12-18): not in force between them.
        (("open-skies", "--as-of", "2021-01"), "ended", "2020-11-22", "us"),
        # New START: in force 2011-02-05, extended 2021-02-03, RU suspended 2023-02-21,
        # expired 2026-02-05.
        (("new-start", "--as-of", "2022"), "in-force", "2011-02-05", None),
        (("new-start", "--as-of", "2024"), "suspended", "2023-02-21", "ru"),
        (("new-start", "--as-of", "2026"), "ended", "2026-02-05", None),
        # ABM Treaty: notice 2001-12-13, the US withdrawal took effect 2002-06-13.
        (("abm", "--as-of", "2002-01"), "in-force", "1972-10-03", None),
        (("abm", "--as-of", "2002-07"), "ended", "2002-06-13", "us"),
        # PMDA: suspended by Russia 2016-10-03, denounced 2025-10-27.
        (("pmda", "--as-of", "2020"), "suspended", "2016-10-03", "ru"),
        (("pmda", "--as-of", "2025-12"), "ended", "2025-10-27", "ru"),
        # SALT II never entered into force; the US stopped observing it in May 1986.
        (("salt-ii",), "never-in-force", "1986-05", "us"),
        (("ctbt",), "never-in-force", "1996-09-24", None),
        (("new-start", "--as-of", "2010-06"), "signed", "2010-04-08", None),
    ],
)
def test_headline_status_between_the_us_and_russia(cli, args, code, since, by):
    status = _status(cli, *args)
    assert (status["code"], status["since"], status["by"]) == (code, since, by)


def test_a_partial_as_of_is_judged_by_its_last_day(cli):
    # New START expired 2026-02-05: within 2026 and within 2026-02, not by 2026-01.
    assert _status(cli, "new-start", "--as-of", "2026")["code"] == "ended"
    assert _status(cli, "new-start", "--as-of", "2026-02")["code"] == "ended"
    assert _status(cli, "new-start", "--as-of", "2026-01")["code"] == "suspended"


def test_an_extension_keeps_the_date_of_entry_into_force(cli):
    status = _status(cli, "new-start", "--as-of", "2022")
    assert status["extended"] == "2021-02-03"
    assert status["text"] == "in force since 2011-02-05 (extended 2021-02-03)"


def test_the_party_that_ended_a_treaty_is_named(cli):
    assert _status(cli, "abm", "--as-of", "2003")["text"].startswith("withdrawn by US 2002-06-13")
    assert _status(cli, "inf", "--as-of", "2020")["text"].startswith("withdrawn by US 2019-08-02")


def test_a_partys_suspension_does_not_outlive_the_treaty(cli):
    status = _status(cli, "new-start", "--as-of", "2026-03")
    assert status["parties"]["ru"] == {
        "status": "suspended",
        "since": "2023-02-21",
        "until": "2026-02-05",
    }
    assert "RU suspended 2023-02-21 – 2026-02-05" in status["text"]
    assert "since 2023" not in status["text"]


def test_each_partys_own_history_is_kept_beneath_the_headline(cli):
    status = _status(cli, "open-skies")
    assert status["parties"]["us"] == {"status": "withdrawn", "since": "2020-11-22", "until": None}
    assert status["parties"]["ru"] == {"status": "withdrawn", "since": "2021-12-18", "until": None}
    assert status["treaty"]["status"] == "in force"  # for its other parties
    assert "RU withdrawn since 2021-12-18" in status["text"]


def test_a_treaty_without_a_recorded_entry_into_force_is_not_called_never_in_force(cli):
    status = _status(cli, "nrrc-agreement")
    assert status["code"] == "unknown"
    assert "not recorded" in status["text"]
