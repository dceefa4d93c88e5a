"""`usrufacts compare`: arsenals, treaty limits and any figure, side by side."""

from __future__ import annotations


def test_arsenal_keeps_disputed_values_apart_and_never_averages(cli):
    (row,) = cli.json("compare", "arsenal", "1986")
    assert row["year"] == 1986
    assert row["ru_stockpile"] == [40159, 45000]
    assert row["sources"]


def test_arsenal_gives_the_ratio_of_us_to_russian_stockpiles(cli):
    (row,) = cli.json("compare", "arsenal", "1970")
    assert (row["us_stockpile"], row["ru_stockpile"]) == (26008, 11643)
    assert row["stockpile_ratio"] == 2.23  # 26,008 / 11,643 by hand


def test_a_ratio_with_a_disputed_side_is_a_low_high_range(cli):
    (row,) = cli.json("compare", "arsenal", "1990")
    assert (row["us_stockpile"], row["ru_stockpile"]) == (21200, [33500, 37000])
    assert row["stockpile_ratio"] == [0.57, 0.63]  # 21,200/37,000 and 21,200/33,500 by hand


def test_arsenal_table_marks_disputed_cells(cli):
    result = cli.run("compare", "arsenal", "1986", "-f", "table", env={"COLUMNS": "200"})
    assert "40,159 / 45,000 (disputed)" in result.stdout


def test_treaty_comparison_leaves_missing_limits_empty_not_zero(cli):
    rows = cli.json("compare", "treaty", "start-i", "new-start")
    throw_weight = next(r for r in rows if r["key"] == "throw-weight")
    assert throw_weight["start-i"]["value"] == 3600
    assert throw_weight["new-start"] is None


def test_treaty_comparison_puts_equivalent_limits_on_one_row(cli):
    rows = cli.json("compare", "treaty", "start-i", "sort", "new-start")
    warheads = next(r for r in rows if r["key"] == "strategic-warheads")
    assert warheads["start-i"]["value"] == 6000
    assert warheads["start-i"]["label"] == "Accountable warheads"
    assert (warheads["sort"]["low"], warheads["sort"]["value"]) == (1700, 2200)
    assert warheads["new-start"] == {
        "value": 1550,
        "unit": "warheads",
        "label": "Deployed strategic warheads",
        "low": None,
        "note": "Each deployed heavy bomber counts as one warhead.",
    }


def test_a_treaty_with_one_limit_per_side_keeps_both(cli):
    rows = cli.json("compare", "treaty", "salt-i", "start-i")
    icbms = [r["salt-i"]["value"] for r in rows if r["key"] == "icbm-launchers"]
    assert icbms == [1054, 1618]


def test_treaty_comparison_needs_two_treaties(cli):
    assert "two" in cli.fails(2, "compare", "treaty", "new-start")


def test_figure_comparison_puts_us_beside_russia_per_date(cli):
    rows = cli.json("compare", "figure", "newstart-deployed-warheads", "2020")
    assert [r["date"] for r in rows] == ["2020-03-01", "2020-09-01"]
    assert (rows[1]["us"], rows[1]["ru"]) == (1457, 1447)


def test_an_unknown_metric_suggests_one(cli):
    assert "did you mean" in cli.fails(1, "compare", "figure", "warhead-stokpile")


def test_a_bad_year_is_a_usage_error(cli):
    cli.fails(2, "compare", "arsenal", "19x6")
