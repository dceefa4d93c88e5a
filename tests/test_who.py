"""`who` and `metrics`: leaders on a date, every pairing in a span, the metrics.

Expected terms are read from facts/people.yaml (roles' start and end), not from the code.
"""

from __future__ import annotations


def _names(terms):
    return [t["id"] for t in terms]


def test_who_on_a_date_gives_both_countries_with_terms(cli):
    found = cli.json("who", "1987-12-08")
    assert found["date"] == "1987-12-08"
    (reagan,) = found["us"]
    assert (reagan["id"], reagan["start"], reagan["end"]) == (
        "ronald-reagan",
        "1981-01-20",
        "1989-01-20",
    )
    assert "mikhail-gorbachev" in _names(found["ru"])


def test_who_lists_the_head_of_government_too(cli):
    found = cli.json("who", "1972-05-26")
    offices = {t["id"]: t["office"] for t in found["ru"]}
    assert offices["leonid-brezhnev"] == "leader"
    assert offices["alexei-kosygin"] == "government"


def test_who_without_a_date_means_today(cli):
    found = cli.json("who")
    assert found["us"] and found["ru"]
    assert all(t["end"] is None for t in found["us"])


def test_who_from_to_lists_every_pairing(cli):
    rows = cli.json("who", "--from", "1985", "--to", "1991")
    pairs = [(r["from"], r["to"], _names(r["us"]), _names(r["ru"])) for r in rows]
    assert pairs == [
        ("1985-01-01", "1985-03-10", ["ronald-reagan"], ["konstantin-chernenko"]),
        ("1985-03-11", "1989-01-19", ["ronald-reagan"], ["mikhail-gorbachev"]),
        ("1989-01-20", "1991-12-25", ["george-h-w-bush"], ["mikhail-gorbachev"]),
        ("1991-12-26", "1991-12-31", ["george-h-w-bush"], ["boris-yeltsin"]),
    ]


def test_who_outside_the_base_says_what_it_covers(cli):
    line = cli.fails(1, "who", "1700")
    # The base's first presidential term is Roosevelt's (1933, people.yaml).
    assert "no leaders' terms in the fact base for 1700 (it covers 1933 – " in line
    assert "(it covers 1933 – " in cli.fails(1, "who", "2999")


def test_who_table_fits_80_columns(cli):
    result = cli.run("who", "1991-12-25", "-f", "table", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "Gorbachev" in result.stdout and "Yeltsin" in result.stdout


def test_compare_figure_without_a_metric_lists_the_metrics(cli):
    assert cli.json("compare", "figure") == cli.json("metrics")


def test_metrics_say_unit_years_and_countries(cli):
    metrics = {m["id"]: m for m in cli.json("metrics")}
    exports = metrics["us-exports-to-russia"]
    assert exports["unit"] == "USD million"
    assert exports["countries"] == ["us"]
    assert exports["years"][0] == 1992  # the first export figure in figures.yaml
