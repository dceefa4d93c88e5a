"""The fact base cannot silently shrink: counts and key series are pinned."""

from __future__ import annotations

import pytest
from test_treaty import STRATEGIC

NEW_START_EXCHANGES = [
    "2011-02-05", "2011-09-01", "2012-03-01", "2012-09-01", "2013-03-01", "2013-09-01",
    "2014-03-01", "2014-09-01", "2015-03-01", "2015-09-01", "2016-09-01", "2017-09-01",
    "2018-02-05", "2018-09-01", "2019-03-01", "2019-09-01", "2020-03-01", "2020-09-01",
    "2021-03-01", "2021-09-01", "2022-03-01",
]  # fmt: skip
STOCKPILE_YEARS_BOTH = [1945, 1950, 1955, 1960, 1970, 1975, 1990, 2010, 2015, 2019, 2020, 2022]
STRATEGIC_TREATIES = [*STRATEGIC, "abm-protocol-1974"]
OTHER_TREATIES = [
    "ttbt",
    "pnet",
    "hotline-agreement-1963",
    "incsea",
    "prevention-of-nuclear-war",
    "nrrc-agreement",
    "launch-notification-agreement",
    "pmda",
    "open-skies",
    "cfe-treaty",
    "ctbt",
]


def test_collection_counts_do_not_shrink(cli):
    counts = cli.json("check")["counts"]
    assert counts["treaties"] >= 20
    assert counts["events"] >= 321
    assert counts["figures"] >= 236
    assert counts["people"] >= 100
    assert counts["sources"] >= 1160


@pytest.mark.parametrize("treaty", STRATEGIC_TREATIES + OTHER_TREATIES)
def test_every_required_treaty_is_there_with_limits_or_a_summary(cli, treaty):
    record = cli.json("show", treaty)
    assert record["type"] == "treaty"
    assert record["signed"]["date"]
    assert record["summary"]


def test_new_start_status_changes_are_dated(cli):
    record = cli.json("treaty", "new-start")
    history = {(c["date"], c["status"]) for c in record["status_history"]}
    assert {("2021-02-03", "extended"), ("2023-02-21", "suspended")} <= history
    assert (record["ended"]["date"], record["ended"]["how"]) == ("2026-02-05", "expired")


def test_new_start_exchange_series_has_both_sides_at_every_pinned_date(cli):
    rows = {r["date"]: r for r in cli.json("compare", "figure", "newstart-deployed-warheads")}
    for date in NEW_START_EXCHANGES:
        assert rows[date]["us"] is not None and rows[date]["ru"] is not None, date


def test_stockpile_series_has_both_countries_in_the_pinned_years(cli):
    rows = {r["year"]: r for r in cli.json("compare", "arsenal")}
    for year in STOCKPILE_YEARS_BOTH:
        assert rows[year]["us_stockpile"] is not None and rows[year]["ru_stockpile"] is not None, (
            year
        )


def test_the_soviet_peak_is_about_40000_not_70000(cli):
    peak = max(
        max(r["ru_stockpile"]) if isinstance(r["ru_stockpile"], list) else r["ru_stockpile"] or 0
        for r in cli.json("compare", "arsenal")
    )
    assert 39_000 <= peak <= 46_000


def test_trade_collapsed_after_2022(cli):
    rows = {r["date"]: r["us"] for r in cli.json("compare", "figure", "us-imports-from-russia")}
    assert rows["2023"] < rows["2022"] < rows["2021"]
    assert rows["2024"] < rows["2021"] / 5


def test_every_us_president_and_soviet_or_russian_leader_since_1933_has_terms(cli):
    leaders = ["franklin-roosevelt", "harry-truman", "dwight-eisenhower", "john-kennedy",
               "lyndon-johnson", "richard-nixon", "gerald-ford", "jimmy-carter", "ronald-reagan",
               "george-h-w-bush", "bill-clinton", "george-w-bush", "barack-obama", "donald-trump",
               "joe-biden", "joseph-stalin", "georgy-malenkov", "nikita-khrushchev",
               "leonid-brezhnev", "yuri-andropov", "konstantin-chernenko", "mikhail-gorbachev",
               "boris-yeltsin", "vladimir-putin", "dmitry-medvedev"]  # fmt: skip
    for leader in leaders:
        assert cli.json("show", leader)["roles"], leader


def test_leaders_summits_span_tehran_to_geneva(cli):
    summits = {e["id"] for e in cli.json("timeline", "--kind", "summit")}
    assert {"tehran-conference-1943", "reykjavik-summit-1986", "geneva-summit-2021"} <= summits
