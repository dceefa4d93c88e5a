"""The second edition's recent records are pinned: Biden–Putin contacts, the 2025–2026 peace
talks up to the newest stored page, the New START gaps closed, and the new series years."""

from __future__ import annotations

import json

import pytest

BIDEN_PUTIN_CONTACTS = {
    "2011-03-10": "meeting",  # as vice president and prime minister, in Moscow
    "2011-04-21": "call",
    "2021-01-26": "call",
    "2021-04-13": "call",
    "2021-06-16": "summit",  # Geneva
    "2021-07-09": "call",
    "2021-12-07": "call",  # the video call
    "2021-12-30": "call",
    "2022-02-12": "call",
}
PEACE_TALK_ROUNDS = [
    "riyadh-talks-2025",
    "jeddah-us-ukraine-talks-2025",
    "istanbul-talks-round1-2025",
    "istanbul-talks-round2-2025",
    "istanbul-talks-round3-2025",
    "anchorage-summit-2025",
    "geneva-peace-framework-talks-2025",
    "florida-us-ukraine-talks-2025",
    "berlin-us-ukraine-talks-2025",
    "abu-dhabi-trilateral-talks-2026",
    "abu-dhabi-trilateral-talks-february-2026",
    "geneva-trilateral-talks-2026",
    "geneva-us-ukraine-talks-february-2026",
]
EVENTS_2026 = {
    "witkoff-kushner-putin-january-2026",
    "abu-dhabi-trilateral-talks-2026",
    "abu-dhabi-trilateral-talks-february-2026",
    "geneva-trilateral-talks-2026",
    "geneva-us-ukraine-talks-february-2026",
    "trump-putin-call-2026-03-09",
    "dmitriev-witkoff-florida-2026",
}
# New START values missing from the first edition and found on stored pages.
NEW_START_GAPS_CLOSED = [
    ("newstart-total-launchers", "2013-03-01", 1028, 900),
    ("newstart-total-launchers", "2013-09-01", 1015, 894),
    ("newstart-deployed-launchers", "2015-09-01", 762, 526),
    ("newstart-total-launchers", "2015-09-01", 898, 877),
]


def test_every_biden_putin_contact_is_recorded(cli):
    contacts = cli.json("meetings", "--who", "biden", "--who", "putin")
    assert {c["date"]: c["kind"] for c in contacts} == BIDEN_PUTIN_CONTACTS


def test_the_late_december_2021_call_keeps_the_us_date_and_says_why(cli):
    record = cli.json("show", "biden-putin-call-2021-12-30")
    assert record["duration_minutes"] == 50
    assert "after midnight in Moscow" in record["summary"]
    assert len(record["sources"]) >= 2


@pytest.mark.parametrize("event", PEACE_TALK_ROUNDS)
def test_each_peace_talk_round_has_a_date_a_place_and_participants(cli, event):
    record = cli.json("show", event)
    assert record["date"] >= "2025-02-01"
    assert record["place"]
    assert record["participants"]


def test_the_28_point_plan_lists_its_main_terms(cli):
    record = cli.json("show", "peace-plan-28-points-2025")
    outcomes = " ".join(record["outcomes"])
    for term in ("600,000", "100 billion", "G8"):
        assert term in outcomes, term
    assert "deadline" in record["summary"]


def test_the_timeline_reaches_the_newest_stored_page(cli):
    ids = {e["id"] for e in cli.json("timeline", "2026-01", "2026-12")}
    assert ids >= EVENTS_2026
    assert cli.json("about")["complete_to"] == "2026-03-12"


def test_about_says_which_date_the_record_is_complete_to(cli):
    result = cli.run("about", "--format", "table")
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if x.startswith("Complete to"))
    assert line.split()[-1] == "2026-03-12"


@pytest.mark.parametrize(("metric", "date", "us", "ru"), NEW_START_GAPS_CLOSED)
def test_new_start_gaps_are_closed_for_both_sides(cli, metric, date, us, ru):
    rows = {r["date"]: r for r in cli.json("compare", "figure", metric)}
    assert (rows[date]["us"], rows[date]["ru"]) == (us, ru)


def test_russian_gdp_growth_has_every_year_from_2020_with_its_contraction(cli):
    rows = {r["date"]: r["ru"] for r in cli.json("compare", "figure", "ru-gdp-growth")}
    assert {"2020", "2021", "2022", "2023", "2024", "2025"} <= set(rows)
    # 2022 keeps Rosstat's first estimate beside its December 2023 revision (-1.2).
    assert -2.1 in rows["2022"]
    assert rows["2025"] == 1.0


def test_total_trade_is_derived_from_exports_and_imports_where_both_exist(cli):
    exports = {r["date"]: r["us"] for r in cli.json("compare", "figure", "us-exports-to-russia")}
    imports = {r["date"]: r["us"] for r in cli.json("compare", "figure", "us-imports-from-russia")}
    rows = {r["date"]: r for r in cli.json("compare", "figure", "us-russia-goods-trade")}
    both = set(exports) & set(imports)
    assert set(rows) == both
    assert set(exports) ^ set(imports)  # years with only one side exist and are left out
    for date in both:
        assert rows[date]["us"] == pytest.approx(exports[date] + imports[date]), date
        assert rows[date]["sources"]


def test_total_trade_says_it_is_derived_not_a_stored_fact(cli):
    result = cli.run("compare", "figure", "us-russia-goods-trade", "--format", "table")
    assert result.exit_code == 0
    assert "derived" in result.stdout.splitlines()[0].lower()
    exported = json.loads(cli.run("export", "--format", "json").stdout)
    stored = {m["id"] for m in exported["metrics"]}
    assert "us-russia-goods-trade" not in stored


def test_trumps_2025_deadlines_are_dated(cli):
    deadlines = {
        "trump-two-week-warning-2025": "2025-05-28",
        "trump-50-day-ultimatum-2025": "2025-07-14",
        "trump-deadline-shortened-2025": "2025-07-28",
        "india-russian-oil-tariff-2025": "2025-08-06",
        "budapest-summit-called-off-2025": "2025-10-22",
        "trump-thanksgiving-deadline-2025": "2025-11-21",
    }
    assert {key: cli.json("show", key)["date"] for key in deadlines} == deadlines


def test_frozen_asset_decisions_give_each_amount_with_a_source(cli):
    for key, amount in [
        ("repo-act-2024", "300 billion"),
        ("g7-era-loans-2024", "20 billion"),
        ("eu-indefinite-asset-freeze-2025", "210 billion"),
        ("eu-ukraine-loan-2025", "90 billion"),
    ]:
        record = cli.json("show", key)
        assert amount in " ".join(record["outcomes"]), key
        assert record["sources"], key


def test_stockpile_series_has_both_countries_in_2024_and_the_military_stockpile_in_2025(cli):
    total = {r["date"]: r for r in cli.json("compare", "figure", "warhead-stockpile")}
    assert (total["2024"]["us"], total["2024"]["ru"]) == (5044, 5580)
    military = {r["date"]: r for r in cli.json("compare", "figure", "military-stockpile")}
    assert (military["2025"]["us"], military["2025"]["ru"]) == (3700, 4309)


def test_a_disputed_part_makes_the_derived_total_a_range(cli, tmp_path):
    """An overlay gives 2008 exports two values; the total must span both, not pick one."""
    overlay = tmp_path / "facts"
    overlay.mkdir()
    (overlay / "figures.yaml").write_text(
        "figures:\n"
        "- {metric: us-exports-to-russia, country: us, date: '2008', value: 9000,\n"
        "   sources: [usitc-trade-shifts-2015-russia]}\n"
        "- {metric: us-exports-to-russia, country: us, date: '2008', value: 9500,\n"
        "   sources: [reuters-2009-07-us-russia-trade-factbox]}\n"
    )
    imports = {r["date"]: r["us"] for r in cli.json("compare", "figure", "us-imports-from-russia")}
    rows = {
        r["date"]: r["us"]
        for r in cli.json("compare", "figure", "us-russia-goods-trade", "--facts", str(overlay))
    }
    assert rows["2008"] == [9000 + imports["2008"], 9500 + imports["2008"]]
