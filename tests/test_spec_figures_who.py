"""Specification of the figures and the leaders: `metrics`, `compare figure` (stored and
derived metrics), `compare arsenal`, `compare treaty`, the notes that say a blank cell or an
empty span out loud, `who` on a date and `who --from/--to`.

Expected values come from the fact files read by hand (facts/figures.yaml, facts/people*.yaml,
facts/treaties.yaml, facts/events*.yaml), sums and ratios worked by hand, and the calendar
(``datetime.date.today``). A few behaviours need facts the real base lacks (a disputed trade
figure, a metric with no figures yet, two presidents at once, a base whose Soviet and Russian
leaders end early or are missing): those tests add an overlay written here (``--facts DIR``).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from itertools import pairwise

import pytest

TODAY = date.today()

# The overlay's records cite sources that are already in the bundled base.
WHAT_IF_FIGURES = """\
metrics:
  - id: test-no-figures
    label: A metric with no figures yet
    unit: widgets
figures:
  - metric: us-exports-to-russia
    country: us
    date: "1994-12-31"
    value: 2000.25
    sources: [joc-1993-12-us-russia-trade]
  - metric: us-exports-to-russia
    country: us
    date: "1994-12-31"
    value: 2400
    sources: [reuters-2009-07-us-russia-trade-factbox]
  - metric: us-imports-from-russia
    country: us
    date: "1994-12-31"
    value: 1000.5
    sources: [rferl-1997-02-fsu-trade]
  - metric: us-exports-to-russia
    country: us
    date: "2025-06-30"
    value: 100
    sources: [joc-1993-12-us-russia-trade]
  - metric: us-imports-from-russia
    country: us
    date: "2025-06-30"
    value: 50
    sources: [rferl-1997-02-fsu-trade]
"""
WHAT_IF_PEOPLE = """\
people:
  - id: test-co-president
    name: Test Co-President
    country: us
    roles:
      - title: President of the United States
        start: "1990-06-01"
        end: "1990-06-30"
    sources: [reuters-2009-07-us-russia-trade-factbox]
  - id: vladimir-putin
    name: Vladimir Putin
    country: ru
    roles:
      - title: President of Russia
        start: "2000-05-07"
        end: "2024-05-07"
    sources: [reuters-2009-07-us-russia-trade-factbox]
"""
# Every person who holds a Soviet or Russian leader's office in facts/people*.yaml.
RU_LEADERS = [
    "joseph-stalin",
    "nikita-khrushchev",
    "leonid-brezhnev",
    "yuri-andropov",
    "konstantin-chernenko",
    "mikhail-gorbachev",
    "boris-yeltsin",
    "vladimir-putin",
    "dmitry-medvedev",
]


@pytest.fixture(scope="module")
def what_if(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An overlay: a disputed export figure dated 1994-12-31, trade figures dated
    2025-06-30, a metric with no figures, a second US
    president in June 1990, and Putin's presidency ending 2024-05-07."""
    folder = tmp_path_factory.mktemp("what-if")
    (folder / "figures.yaml").write_text(WHAT_IF_FIGURES)
    (folder / "people.yaml").write_text(WHAT_IF_PEOPLE)
    return str(folder)


@pytest.fixture(scope="module")
def no_ru_leaders(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An overlay that keeps every Soviet and Russian leader but strips their offices."""
    folder = tmp_path_factory.mktemp("no-ru-leaders")
    people = "".join(
        f"  - id: {pid}\n    name: {pid.replace('-', ' ').title()}\n    country: ru\n"
        "    sources: [reuters-2009-07-us-russia-trade-factbox]\n"
        for pid in RU_LEADERS
    )
    (folder / "people.yaml").write_text("people:\n" + people)
    return str(folder)


def exact(cli, *args: str):
    """JSON output with each non-integer number kept as the text a script reads."""
    result = cli.run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout, parse_float=str)


def ids(terms):
    return [t["id"] for t in terms]


def pairs(rows):
    return [(r["from"], r["to"], ids(r["us"]), ids(r["ru"])) for r in rows]


# --- metrics ---------------------------------------------------------------------------------


def test_metrics_lists_every_metric_by_id_the_derived_one_among_them(cli):
    # The 13 metrics of facts/figures*.yaml plus the one usrufacts computes.
    assert [m["id"] for m in cli.json("metrics")] == [
        "deployed-strategic-warheads",
        "lend-lease-to-ussr",
        "military-stockpile",
        "newstart-deployed-launchers",
        "newstart-deployed-warheads",
        "newstart-total-launchers",
        "ru-gdp-growth",
        "sipri-deployed-warheads",
        "sipri-total-inventory",
        "us-declared-stockpile",
        "us-exports-to-russia",
        "us-imports-from-russia",
        "us-russia-goods-trade",
        "warhead-stockpile",
    ]


def test_a_stored_metric_says_its_label_unit_countries_years_count_and_note(cli):
    metrics = {m["id"]: m for m in cli.json("metrics")}
    # Eight export figures in facts/figures.yaml: 1992, 2008, 2015 and 2020-2024.
    assert metrics["us-exports-to-russia"] == {
        "id": "us-exports-to-russia",
        "label": "U.S. goods exports to Russia",
        "unit": "USD million",
        "countries": ["us"],
        "years": [1992, 2024],
        "figures": 8,
        "note": "Annual value of U.S. goods exports to Russia in current dollars (U.S. Census "
        "Bureau trade data); Russia before 1992 means the Soviet Union.",
    }
    # 45 figure records, 2011-02-05 to 2023-03-01, for both countries.
    newstart = metrics["newstart-deployed-warheads"]
    assert (newstart["countries"], newstart["years"], newstart["figures"]) == (
        ["ru", "us"],
        [2011, 2023],
        45,
    )


def test_the_derived_metric_counts_the_years_both_its_parts_have(cli):
    # Exports 1992, 2008, 2015, 2020-2024; imports 1996, 1998, 2008, 2015, 2020-2024:
    # both in 2008, 2015 and 2020-2024, seven years.
    (trade,) = [m for m in cli.json("metrics") if m["id"] == "us-russia-goods-trade"]
    assert trade == {
        "id": "us-russia-goods-trade",
        "label": "Goods trade (derived: exports + imports)",
        "unit": "USD million",
        "countries": ["us"],
        "years": [2008, 2024],
        "figures": 7,
        "note": "Computed by usrufacts as us-exports-to-russia plus us-imports-from-russia for "
        "each date where both are recorded; not a stored fact. Sources are those of the parts.",
        "derived": True,
    }


def test_a_metric_with_no_figures_has_no_countries_no_years_and_none_counted(cli, what_if):
    metrics = {m["id"]: m for m in cli.json("metrics", "--facts", what_if)}
    assert metrics["test-no-figures"] == {
        "id": "test-no-figures",
        "label": "A metric with no figures yet",
        "unit": "widgets",
        "countries": [],
        "years": [],
        "figures": 0,
        "note": None,
    }
    # The overlay's export and import figures of 1994-12-31 and 2025-06-30 add two dates.
    trade = metrics["us-russia-goods-trade"]
    assert (trade["years"], trade["figures"]) == ([1994, 2025], 9)


def test_a_derived_metric_whose_parts_share_no_date_lists_no_years(cli, monkeypatch):
    from usrufacts import query

    # Lend-Lease is a Soviet figure only: no US value to add on any date.
    monkeypatch.setitem(
        query.DERIVED_METRICS,
        "test-derived",
        {"label": "Test", "unit": "USD", "note": "A test.", "sum_of": ["us-exports-to-russia",
         "lend-lease-to-ussr"]},
    )  # fmt: skip
    (metric,) = [m for m in cli.json("metrics") if m["id"] == "test-derived"]
    assert (metric["countries"], metric["years"], metric["figures"]) == (["us"], [], 0)


def test_the_derived_metric_is_a_metric_record_with_no_sources_of_its_own(cli):
    record = cli.json("show", "us-russia-goods-trade")
    assert (record["type"], record["derived"], record["sources"]) == ("metric", True, [])
    assert record["sum_of"] == ["us-exports-to-russia", "us-imports-from-russia"]


# --- compare figure ----------------------------------------------------------------------------


def test_goods_trade_is_exports_plus_imports_for_each_year_both_have(cli):
    rows = exact(cli, "compare", "figure", "us-russia-goods-trade")
    # Sums by hand from facts/figures.yaml; whole sums are whole numbers, the others keep
    # their one decimal place (no 21787.999999999996).
    assert [(r["date"], r["us"]) for r in rows] == [
        ("2008", 36110),  # 9,330 + 26,780
        ("2015", 23700),  # 7,100 + 16,600
        ("2020", 21788),  # 4,886.9 + 16,901.1
        ("2021", "36083.4"),  # 6,388.3 + 29,695.1
        ("2022", "16172.9"),  # 1,715.1 + 14,457.8
        ("2023", "5169.6"),  # 599.6 + 4,570
        ("2024", "3526.1"),  # 526.1 + 3,000
    ]
    assert all((r["ru"], r["ratio"], r["derived"]) == (None, None, True) for r in rows)


def test_a_derived_row_cites_each_source_of_its_parts_once(cli):
    rows = {r["date"]: r for r in cli.json("compare", "figure", "us-russia-goods-trade")}
    # 2020: both parts cite the same two pages; 2024: the same three.
    assert sorted(s["id"] for s in rows["2020"]["sources"]) == [
        "conwebwatch-2022-cns-russia-trade",
        "el2017-2022-02-russia-trade-deficit",
    ]
    assert sorted(s["id"] for s in rows["2024"]["sources"]) == [
        "dailywrap-2025-us-russia-trade-2024",
        "nro-2025-04-russia-tariff",
        "ukrpravda-tariffs-russia-trade-2024",
    ]
    assert rows["2008"]["sources"][0]["publisher"].startswith("Reuters")


@pytest.mark.parametrize(
    "name",
    ["trade", "goods trade", "US–Russia goods trade (derived: exports + imports)"],
)
def test_goods_trade_is_found_by_the_words_of_its_id_and_label(cli, name):
    rows = cli.json("compare", "figure", name, "2008")
    assert [(r["date"], r["us"]) for r in rows] == [("2008", 36110)]


def test_words_beyond_the_derived_metric_find_nothing(cli):
    line = cli.fails(1, "compare", "figure", "goods trade balance")
    assert line == (
        "usrufacts: error: no metric named 'goods trade balance' ('usrufacts metrics' lists them)"
    )


def test_a_disputed_part_makes_the_sum_a_low_high_range(cli, what_if):
    rows = exact(cli, "compare", "figure", "us-russia-goods-trade", "1994", "--facts", what_if)
    # Exports 2,000.25 or 2,400, imports 1,000.5: 3,000.75 to 3,400.5, both places kept.
    assert [(r["date"], r["us"], r["ru"]) for r in rows] == [
        ("1994-12-31", ["3000.75", "3400.5"], None)
    ]
    assert sorted(s["id"] for s in rows[0]["sources"]) == [
        "joc-1993-12-us-russia-trade",
        "reuters-2009-07-us-russia-trade-factbox",
        "rferl-1997-02-fsu-trade",
    ]


def test_a_figure_comparison_keeps_only_the_asked_years_with_ratios(cli):
    result = cli.run("compare", "figure", "newstart-deployed-warheads", "2023", "2011", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    # facts/figures.yaml; ratios by hand: 1,800 / 1,537 = 1.171, 1,790 / 1,566 = 1.143.
    assert [(r["date"], r["us"], r["ru"], r["ratio"]) for r in rows] == [
        ("2011-02-05", 1800, 1537, 1.17),
        ("2011-09-01", 1790, 1566, 1.14),
        ("2023-03-01", 1419, None, None),
    ]
    # Both countries' figures cite the same two pages: listed once each.
    assert sorted(s["id"] for s in rows[0]["sources"]) == [
        "airforcemag-new-start-2011",
        "insidedefense-nuke-numbers-2011",
    ]
    # Russia gave no data for 2023; the last it gave was in 2022.
    assert result.stderr.splitlines() == [
        "no sourced newstart-deployed-warheads figure for Russia in 2023 (nearest: 2022)"
    ]


# --- compare arsenal ---------------------------------------------------------------------------


def test_arsenal_gives_every_column_for_a_year(cli):
    rows = cli.json("compare", "arsenal", "1967", "2022")
    # facts/figures.yaml; ratios by hand: 5,428 / 5,977 = 0.908, 1,644 / 1,588 = 1.035.
    assert [{k: v for k, v in row.items() if k != "sources"} for row in rows] == [
        {
            "year": 1967,
            "us_stockpile": None,
            "ru_stockpile": None,
            "stockpile_ratio": None,
            "us_deployed": None,
            "ru_deployed": None,
            "deployed_ratio": None,
            "us_declared": 31255,
        },
        {
            "year": 2022,
            "us_stockpile": 5428,
            "ru_stockpile": 5977,
            "stockpile_ratio": 0.91,
            "us_deployed": 1644,
            "ru_deployed": 1588,
            "deployed_ratio": 1.04,
            "us_declared": None,
        },
    ]


def test_arsenal_rows_cite_every_figure_in_them_once(cli):
    rows = {r["year"]: r for r in cli.json("compare", "arsenal", "2022", "2023", "2024")}
    # facts/figures.yaml: the four 2022 figures cite two pages between them; the 2024
    # stockpiles three; the US declared count of 2023-09 two.
    assert sorted(s["id"] for s in rows[2022]["sources"]) == [
        "bulletin-us-nuclear-weapons-2022",
        "reuters-russia-arsenal-factbox-2023",
    ]
    assert sorted(s["id"] for s in rows[2024]["sources"]) == [
        "bulletin-us-nuclear-weapons-2024-abstract",
        "moscowtimes-russia-nuclear-2024",
        "sputnik-fas-us-inventory-2024",
    ]
    assert sorted(s["id"] for s in rows[2023]["sources"]) == [
        "energy-nnsa-stockpile-2024",
        "exchangemonitor-nnsa-stockpile-2024",
    ]
    # A month-dated figure (2023-09) counts for its year; 5,044 / 5,580 = 0.904.
    assert (rows[2023]["us_declared"], rows[2023]["us_stockpile"]) == (3748, None)
    assert (rows[2024]["us_stockpile"], rows[2024]["ru_stockpile"]) == (5044, 5580)
    assert rows[2024]["stockpile_ratio"] == 0.9


def test_arsenal_says_every_blank_metric_of_a_year_after_one_missing_for_both(cli):
    result = cli.run("compare", "arsenal", "1300", "2023", "2024")
    assert result.exit_code == 0
    # No arsenal figure at all before 1945; 2023 has only the declared count, 2024 only
    # the stockpiles (facts/figures.yaml).
    assert result.stderr.splitlines() == [
        "no sourced figure for 1300 (nearest: 1945)",
        "no sourced warhead-stockpile figure for 2023 (nearest: 2022, 2024)",
        "no sourced deployed-strategic-warheads figure for 2023 (nearest: 2022)",
        "no sourced deployed-strategic-warheads figure for 2024 (nearest: 2022)",
        "no sourced us-declared-stockpile figure for the US in 2024 (nearest: 2023)",
    ]


def test_arsenal_says_each_blank_cell_with_the_nearest_years_that_have_one(cli):
    result = cli.run("compare", "arsenal", "1967", "1986", "2022", "1986")
    assert result.exit_code == 0
    # facts/figures.yaml: US stockpile 1966 and 1970, Russia's 1965 and 1970; deployed
    # warheads from 2015; the US declared count for 2020-09 and 2023-09. Asked twice, said once.
    assert result.stderr.splitlines() == [
        "no sourced warhead-stockpile figure for the US in 1967 (nearest: 1966, 1970)",
        "no sourced warhead-stockpile figure for Russia in 1967 (nearest: 1965, 1970)",
        "no sourced deployed-strategic-warheads figure for 1967 (nearest: 2015)",
        "no sourced warhead-stockpile figure for the US in 1986 (nearest: 1975, 1990)",
        "no sourced deployed-strategic-warheads figure for 1986 (nearest: 2015)",
        "no sourced us-declared-stockpile figure for the US in 2022 (nearest: 2020, 2023)",
    ]


def test_years_with_no_figure_at_all_are_the_error_with_the_nearest_year(cli):
    line = cli.fails(1, "compare", "figure", "warhead-stockpile", "1300", "1301")
    # The first stockpile figure in facts/figures.yaml is for 1945.
    assert line == (
        "usrufacts: error: no sourced figure for 1300 (nearest: 1945); "
        "no sourced figure for 1301 (nearest: 1945)"
    )


def test_a_metric_with_one_country_leaves_the_other_and_the_ratio_empty(cli):
    # Lend-Lease to the Soviet Union: one figure, 11.3 (USD billion) for 1945.
    (row,) = cli.json("compare", "figure", "lend-lease-to-ussr")
    assert (row["date"], row["us"], row["ru"], row["ratio"]) == ("1945", None, 11.3, None)
    assert [s["id"] for s in row["sources"]][:1] == ["wiki-lend-lease"]


def test_a_figure_row_lists_its_sources_best_tier_first(cli):
    rows = cli.json("compare", "figure", "newstart-deployed-warheads", "2011")
    # The 2011-09-01 figures cite PassBlue (tier "other") first, then two specialist pages
    # (facts/figures.yaml, facts/publishers.yaml); the row lists the specialist ones first.
    assert [s["id"] for s in rows[1]["sources"]] == [
        "airforcemag-new-start-2011-09",
        "defensedaily-new-start-2011-09",
        "passblue-new-start-2011-09",
    ]


def test_a_figure_row_lists_both_countries_sources_best_tier_first(cli):
    rows = cli.json("compare", "figure", "military-stockpile", "2025")
    # Russia's 2025 figure cites a reprint (tier "other"), the US figure FAS (specialist):
    # the row lists FAS first though Russia's figure comes first by country.
    assert [(s["id"], s["tier"]) for s in rows[0]["sources"]] == [
        ("fas-notebook-us-2025-release", "specialist"),
        ("strategicstudyindia-notebook-russia-2025", "other"),
    ]


def test_no_ratio_to_a_count_of_zero(cli):
    # 1945: two US warheads, no Soviet one yet (facts/figures.yaml); no ratio, no error.
    (row,) = cli.json("compare", "arsenal", "1945")
    assert (row["us_stockpile"], row["ru_stockpile"], row["stockpile_ratio"]) == (2, 0, None)


def test_a_metric_without_figures_names_no_nearest_year(cli, what_if):
    line = cli.fails(1, "compare", "figure", "test-no-figures", "2000", "--facts", what_if)
    assert line == "usrufacts: error: no sourced figure for 2000"


def test_a_year_without_a_figure_beside_years_with_one_is_a_note(cli):
    result = cli.run("compare", "figure", "us-russia-goods-trade", "2010", "2015", "--json")
    assert result.exit_code == 0
    assert [r["date"] for r in json.loads(result.stdout)] == ["2015"]
    assert result.stderr.splitlines() == ["no sourced figure for 2010 (nearest: 2008, 2015)"]


# --- compare treaty ----------------------------------------------------------------------------


def test_treaty_rows_take_the_kinds_heading_or_the_limits_own_label(cli):
    rows = {r["key"]: r for r in cli.json("compare", "treaty", "start-i", "new-start")}
    # Limits of one kind share the heading in vocabulary.LIMIT_KINDS; a limit without a kind
    # keeps the wording of facts/treaties.yaml.
    assert rows["strategic-warheads"]["label"] == "Strategic warheads (as each treaty counts them)"
    assert rows["throw-weight"]["label"] == "Aggregate ICBM and SLBM throw-weight"


def test_treaty_comparison_refuses_a_record_that_is_not_a_treaty(cli):
    line = cli.fails(1, "compare", "treaty", "new-start", "geneva-summit-1985")
    assert line == (
        "usrufacts: error: no treaty named 'geneva-summit-1985' ('usrufacts treaty' lists them)"
    )


# --- empty spans -------------------------------------------------------------------------------


def test_an_empty_listing_says_whether_the_span_is_outside_the_fact_base(cli):
    # The earliest event is dated 1809-11-05 (facts/events.yaml), the latest 2026-03-11.
    outside = cli.run("timeline", "1700", "1701")
    assert outside.stderr == (
        "no events from 1700 to 1701: not in the fact base (it covers 1809 – 2026)\n"
    )
    after = cli.run("timeline", "2900")
    assert after.stderr == "no events from 2900: not in the fact base (it covers 1809 – 2026)\n"
    inside = cli.run("meetings", "1960-01-05", "1960-01-06")
    assert inside.stderr == (
        "no meetings or calls from 1960-01-05 to 1960-01-06: none in the fact base "
        "(it covers 1809 – 2026)\n"
    )
    # A span that reaches the first or the last dated day is inside the base, even when a
    # filter leaves it empty (the events of 1809-11-05 and 2026-03-11 are not calls).
    first_day = cli.run("timeline", "1700", "1809-11-05", "--kind", "call")
    assert first_day.stderr == (
        "no events from 1700 to 1809-11-05: none in the fact base (it covers 1809 – 2026)\n"
    )
    last_day = cli.run("timeline", "2026-03-11", "2026-12", "--kind", "call")
    assert last_day.stderr == (
        "no events from 2026-03-11 to 2026-12: none in the fact base (it covers 1809 – 2026)\n"
    )
    unmet = cli.run("meetings", "--who", "harry-truman", "--who", "nikita-khrushchev")
    assert unmet.stderr == (
        "no meetings or calls match these filters (the fact base covers 1809-11-05 – 2026-03-11)\n"
    )


# --- who on a date -----------------------------------------------------------------------------


def test_who_on_a_handover_day_lists_both_presidents(cli):
    found = cli.json("who", "1989-01-20")
    assert ids(found["us"]) == ["ronald-reagan", "george-h-w-bush"]
    assert ids(found["ru"]) == ["mikhail-gorbachev"]


def test_who_over_a_year_lists_everyone_in_office_some_day_of_it(cli):
    # Chernenko died 1985-03-10; Gorbachev took over 1985-03-11 (facts/people.yaml).
    found = cli.json("who", "1985")
    assert (found["date"], ids(found["us"]), ids(found["ru"])) == (
        "1985",
        ["ronald-reagan"],
        ["konstantin-chernenko", "mikhail-gorbachev"],
    )


def test_who_lists_the_leader_before_the_head_of_government(cli):
    # Kosygin became Premier (1964-10-15) before Brezhnev became General Secretary (1966).
    found = cli.json("who", "1972-05-26")
    assert [(t["id"], t["office"]) for t in found["ru"]] == [
        ("leonid-brezhnev", "leader"),
        ("alexei-kosygin", "government"),
    ]
    (nixon,) = found["us"]
    assert nixon == {
        "id": "richard-nixon",
        "name": nixon["name"],
        "office": "leader",
        "title": "President of the United States",
        "start": "1969-01-20",
        "end": "1974-08-09",
    }


def test_who_finds_an_office_listed_after_another_role(cli):
    # Primakov was Foreign Minister (his first role in facts/people.yaml), then Prime
    # Minister from 1998-09-11 to 1999-05-12.
    found = cli.json("who", "1999-01-01")
    assert [(t["id"], t["office"]) for t in found["ru"]] == [
        ("boris-yeltsin", "leader"),
        ("yevgeny-primakov", "government"),
    ]


def test_who_today_is_the_president_and_the_president_of_russia_in_office(cli):
    # Trump from 2025-01-20, Putin from 2012-05-07, both still in office (facts/people.yaml).
    found = cli.json("who", TODAY.isoformat())
    assert (ids(found["us"]), ids(found["ru"])) == (["donald-trump"], ["vladimir-putin"])


def test_who_outside_the_fact_base_says_the_span_it_covers(cli):
    # Roosevelt's first term (1933) is the base's first US term; the span runs to today.
    covers = f"(it covers 1933 – {TODAY.year})"
    for asked in ("1700", "2999", (TODAY + timedelta(days=1)).isoformat()):
        line = cli.fails(1, "who", asked)
        assert line == f"usrufacts: error: no leaders' terms in the fact base for {asked} {covers}"


def test_who_says_where_the_leaders_terms_end_when_they_end_before_today(cli, what_if):
    # In the overlay Putin's presidency, the last Russian one, ends 2024-05-07.
    line = cli.fails(1, "who", "2025", "--facts", what_if)
    assert (
        line
        == "usrufacts: error: no leaders' terms in the fact base for 2025 (it covers 1933 – 2024)"
    )


def test_who_in_a_base_without_soviet_or_russian_leaders_says_it_covers_none(cli, no_ru_leaders):
    line = cli.fails(1, "who", "1987", "--facts", no_ru_leaders)
    assert line == "usrufacts: error: no leaders' terms in the fact base for 1987 (it covers none)"


def test_two_people_in_one_office_are_both_listed(cli, what_if):
    found = cli.json("who", "1990-06-15", "--facts", what_if)
    assert ids(found["us"]) == ["george-h-w-bush", "test-co-president"]
    rows = cli.json("who", "--from", "1990-06-10", "--to", "1990-06-20", "--facts", what_if)
    assert pairs(rows) == [
        (
            "1990-06-10",
            "1990-06-20",
            ["george-h-w-bush", "test-co-president"],
            ["mikhail-gorbachev"],
        )
    ]


# --- who --from --to ---------------------------------------------------------------------------


def test_a_day_between_two_terms_pairs_with_nobody(cli):
    # Brezhnev died 1982-11-10; Andropov was chosen 1982-11-12 (facts/people.yaml).
    rows = cli.json("who", "--from", "1982-11-10", "--to", "1982-11-30")
    assert pairs(rows) == [
        ("1982-11-10", "1982-11-10", ["ronald-reagan"], ["leonid-brezhnev"]),
        ("1982-11-11", "1982-11-11", ["ronald-reagan"], []),
        ("1982-11-12", "1982-11-30", ["ronald-reagan"], ["yuri-andropov"]),
    ]


def test_a_term_ending_on_the_last_asked_day_adds_no_row_after_it(cli):
    rows = cli.json("who", "--from", "1982-11-01", "--to", "1982-11-10")
    assert pairs(rows) == [("1982-11-01", "1982-11-10", ["ronald-reagan"], ["leonid-brezhnev"])]


def test_a_term_starting_on_the_last_asked_day_has_its_row(cli):
    rows = cli.json("who", "--from", "1989-01-01", "--to", "1989-01-20")
    assert pairs(rows) == [
        ("1989-01-01", "1989-01-19", ["ronald-reagan"], ["mikhail-gorbachev"]),
        ("1989-01-20", "1989-01-20", ["george-h-w-bush"], ["mikhail-gorbachev"]),
    ]


def test_a_one_day_span_is_one_pairing(cli):
    rows = cli.json("who", "--from", "1985-03-11", "--to", "1985-03-11")
    assert pairs(rows) == [("1985-03-11", "1985-03-11", ["ronald-reagan"], ["mikhail-gorbachev"])]


def test_a_successor_starting_on_the_handover_day_takes_that_day(cli):
    # Yeltsin resigned 1999-12-31 and Putin was acting president from that day.
    rows = cli.json("who", "--from", "1999-12-30", "--to", "2000-01-02")
    assert pairs(rows) == [
        ("1999-12-30", "1999-12-30", ["bill-clinton"], ["boris-yeltsin"]),
        ("1999-12-31", "2000-01-02", ["bill-clinton"], ["vladimir-putin"]),
    ]


def test_pairings_name_the_soviet_leader_before_the_president_of_russia(cli):
    # Gorbachev, President of the Soviet Union to 1991-12-25; Yeltsin, President of Russia
    # from 1991-07-10 (facts/people.yaml).
    rows = cli.json("who", "--from", "1991-12-01", "--to", "1991-12-31")
    assert pairs(rows) == [
        ("1991-12-01", "1991-12-25", ["george-h-w-bush"], ["mikhail-gorbachev"]),
        ("1991-12-26", "1991-12-31", ["george-h-w-bush"], ["boris-yeltsin"]),
    ]


def test_the_president_of_russia_waits_for_the_soviet_union_to_end(cli):
    # Yeltsin became President of Russia 1991-07-10, while Gorbachev led the Soviet Union.
    rows = cli.json("who", "--from", "1991-07-01", "--to", "1991-07-31")
    assert pairs(rows) == [("1991-07-01", "1991-07-31", ["george-h-w-bush"], ["mikhail-gorbachev"])]


def test_pairings_leave_out_heads_of_government(cli):
    # Kosygin was Premier then; only the General Secretary pairs with the president.
    rows = cli.json("who", "--from", "1972-05-26", "--to", "1972-05-26")
    assert pairs(rows) == [("1972-05-26", "1972-05-26", ["richard-nixon"], ["leonid-brezhnev"])]


def test_a_pairing_that_lasts_to_today_has_no_end(cli):
    rows = cli.json("who", "--from", "2025-02-01", "--to", TODAY.isoformat())
    assert pairs(rows) == [("2025-02-01", None, ["donald-trump"], ["vladimir-putin"])]
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    rows = cli.json("who", "--from", "2025-02-01", "--to", yesterday)
    assert pairs(rows) == [("2025-02-01", yesterday, ["donald-trump"], ["vladimir-putin"])]


def test_pairings_from_a_date_run_to_today(cli):
    rows = cli.json("who", "--from", "2024")
    assert pairs(rows) == [
        ("2024-01-01", "2025-01-19", ["joe-biden"], ["vladimir-putin"]),
        ("2025-01-20", None, ["donald-trump"], ["vladimir-putin"]),
    ]


def test_a_reversed_span_is_a_usage_error_that_says_which_comes_first(cli):
    line = cli.fails(2, "who", "--from", "1991", "--to", "1985")
    assert line == "usrufacts: error: --from 1991 is after --to 1985; give the earlier date first"


def test_a_span_before_any_leaders_term_is_not_found(cli):
    line = cli.fails(1, "who", "--from", "1900", "--to", "1910")
    assert line == "usrufacts: error: no leaders' terms in the fact base from 1900 to 1910"


def test_every_pairing_starts_the_day_after_the_last_ends(cli):
    rows = cli.json("who", "--from", "1945", "--to", "1995")
    assert rows[0]["from"] == "1945-01-01" and rows[-1]["to"] == "1995-12-31"
    for before, after in pairwise(rows):
        day_after = date.fromisoformat(before["to"]) + timedelta(days=1)
        assert after["from"] == day_after.isoformat()
        assert pairs([before])[0][2:] != pairs([after])[0][2:]  # a new row only on a change
