"""Twenty everyday questions (and one honest gap), each answered by one natural command.

The reference is judged by its first try: a journalist, student or analyst types the
command they would guess, and the answer is in what it prints. Expected values are the
facts as the records and their sources give them.
"""

from __future__ import annotations

import pytest


def _ids(records):
    return [r["id"] for r in records]


def test_when_did_russia_suspend_new_start(cli):
    status = cli.json("treaty", "new-start", "--as-of", "2024")["status"]
    assert (status["code"], status["since"], status["by"]) == ("suspended", "2023-02-21", "ru")


def test_which_treaties_still_bind_the_us_and_russia(cli):
    in_force = _ids(cli.json("treaty", "--in-force"))
    assert "ttbt" in in_force and "incsea" in in_force
    assert not {"new-start", "inf-treaty", "open-skies", "cfe-treaty"} & set(in_force)


def test_who_led_the_ussr_when_salt_i_was_signed(cli):
    signed = cli.json("treaty", "salt i")["signed"]["date"]
    assert signed == "1972-05-26"
    leaders = cli.json("who", signed)
    assert [t["id"] for t in leaders["ru"] if t["office"] == "leader"] == ["leonid-brezhnev"]
    assert [t["id"] for t in leaders["us"]] == ["richard-nixon"]


def test_when_did_finland_join_nato(cli):
    hits = cli.json("search", "finland nato")
    dated = [h for h in hits if h["type"] == "event" and "finland" in h["title"].lower()]
    if not dated:
        pytest.xfail("FACT MISSING: Finland's NATO accession (2023-04-04) is not in the base yet")
    assert dated[0]["date"] == "2023-04-04"


def test_the_trump_putin_calls_of_2025(cli):
    calls = cli.json("meetings", "2025", "--calls")
    dates = [c["date"] for c in calls]
    assert "2025-02-12" in dates and "2025-03-18" in dates
    assert all(d.startswith("2025") for d in dates)
    assert all(c["kind"] == "call" for c in calls)
    assert [c["number"] for c in calls] == list(range(1, len(calls) + 1))


def test_how_many_warheads_new_start_allows(cli):
    limits = {lim["key"]: lim["value"] for lim in cli.json("treaty", "new start")["limits"]}
    assert limits["deployed-warheads"] == 1550


def test_when_was_the_reykjavik_summit(cli):
    summit = cli.json("show", "Reykjavik summit")
    assert (summit["date"], summit["end"]) == ("1986-10-11", "1986-10-12")


def test_who_led_both_countries_the_day_the_soviet_union_ended(cli):
    leaders = cli.json("who", "1991-12-25")
    assert [t["id"] for t in leaders["us"]] == ["george-h-w-bush"]
    ru = [t["id"] for t in leaders["ru"] if t["office"] == "leader"]
    assert "mikhail-gorbachev" in ru and "boris-yeltsin" in ru


def test_where_reagan_and_gorbachev_met(cli):
    met = cli.json("meetings", "--who", "reagan", "--who", "gorbachev", "--in-person")
    assert "reykjavik-summit-1986" in _ids(met)
    assert all(m["kind"] != "call" for m in met)


def test_what_happened_most_recently(cli):
    (latest,) = cli.json("timeline", "--latest", "1")
    everything = cli.json("timeline")
    assert latest["date"] == max(e["date"] for e in everything)


def test_when_did_the_us_leave_the_inf_treaty(cli):
    ended = cli.json("treaty", "INF")["ended"]
    assert (ended["date"], ended["how"], ended["by"]) == ("2019-08-02", "withdrawn", "us")


def test_is_cfe_still_in_force_between_them(cli):
    status = cli.json("treaty", "CFE Treaty")["status"]
    assert status["code"] == "ended"
    assert status["since"] == "2023-11-07"  # Russia's withdrawal completed


def test_how_far_us_exports_to_russia_fell_after_2021(cli):
    rows = cli.json("compare", "figure", "us-exports-to-russia", "2021", "2022")
    assert [(r["date"], r["us"]) for r in rows] == [("2021", 6388.3), ("2022", 1715.1)]


def test_a_year_with_no_export_figure_says_so(cli):
    line = cli.fails(1, "compare", "figure", "us-exports-to-russia", "2013")
    assert line.endswith("no sourced figure for 2013 (nearest: 2008, 2015)")


def test_what_figures_there_are(cli):
    metrics = _ids(cli.json("metrics"))
    assert {"warhead-stockpile", "us-exports-to-russia", "newstart-deployed-warheads"} <= set(
        metrics
    )


def test_warhead_stockpiles_in_1986(cli):
    (row,) = cli.json("compare", "arsenal", "1986")
    assert row["ru_stockpile"] == [40159, 45000]  # sources disagree; both kept
    assert row["us_declared"] == 23317


def test_us_sanctions_on_russia_in_2014(cli):
    events = cli.json("timeline", "2014", "--kind", "sanctions")
    assert events and all(e["date"].startswith("2014") for e in events)


def test_when_the_magnitsky_act_was_signed(cli):
    # Two acts carry the name; the one line that says so gives both dates.
    line = cli.fails(1, "show", "magnitsky act")
    assert "magnitsky-act-2012 (sanctions, 2012-12-14)" in line
    assert "global-magnitsky-act-2016 (sanctions, 2016-12-23)" in line
    assert cli.json("show", "magnitsky act 2012")["date"] == "2012-12-14"


def test_the_cuban_missile_crisis(cli):
    assert cli.json("search", "cuban missile crisis")[0]["id"] == "cuban-missile-crisis-1962"


def test_the_helsinki_summit_of_2018(cli):
    summit = cli.json("show", "helsinki 2018")
    assert summit["id"] == "helsinki-summit-2018" and summit["date"] == "2018-07-16"


def test_did_the_senate_ratify_the_ctbt(cli):
    ctbt = cli.json("treaty", "ctbt")
    (us,) = [r for r in ctbt["ratification"] if r["country"] == "us"]
    assert (us["yes"], us["no"]) == (48, 51)
    assert ctbt["status"]["code"] == "never-in-force"


def test_who_was_secretary_of_state_in_1987(cli):
    people = cli.json("search", "secretary of state 1987", "--type", "person")
    assert people[0]["id"] == "george-shultz"
