"""Issue 9, "What goes wrong today": each line a test through the real CLI.

Search ranks like a reference desk, names work wherever ids do, filters people reach
for, gaps said out loud, batch lookups from stdin.
"""

from __future__ import annotations

import json
import sqlite3

from usrufacts.index import bundled_facts, index_path


def _ids(hits):
    return [h["id"] for h in hits]


# --- search ---------------------------------------------------------------------------------


def test_bm25_gives_two_hits_different_scores(cli):
    cli.json("treaty", "new-start")  # the index exists
    db = sqlite3.connect(index_path([bundled_facts()]))
    scores = [
        row[0]
        for row in db.execute(
            "SELECT bm25(search) FROM search WHERE search MATCH 'reykjavik' LIMIT 20"
        )
    ]
    assert len(set(scores)) > 1, scores
    assert all(score < 0 for score in scores)


def test_search_reykjavik_ranks_the_summit_first(cli):
    assert _ids(cli.json("search", "reykjavik"))[0] == "reykjavik-summit-1986"


def test_search_magnitsky_ranks_the_act_above_wto_accession(cli):
    ids = _ids(cli.json("search", "magnitsky"))
    assert ids.index("magnitsky-act-2012") < ids.index("russia-wto-accession-2012")
    assert ids.index("sergei-magnitsky") < ids.index("russia-wto-accession-2012")


def test_search_leaves_source_records_out_unless_asked(cli):
    assert all(h["type"] != "source" for h in cli.json("search", "reykjavik"))
    sources = cli.json("search", "reykjavik", "--type", "source")
    assert sources and all(h["type"] == "source" for h in sources)


def test_search_type_takes_a_collection_name_too(cli):
    people = cli.json("search", "gorbachev", "--type", "people")
    assert people[0]["id"] == "mikhail-gorbachev"
    assert {h["type"] for h in people} == {"person"}


def test_multi_word_search_matches_any_word_and_ranks_all_words_first(cli):
    hits = cli.json("search", "reykjavik daniloff")
    assert set(_ids(hits)[:1]) <= {"daniloff-affair-1986"}  # mentions both words
    assert "reykjavik-summit-1986" in _ids(hits)  # one word is enough to be found


def _covers(record, year):
    """Whether a record's time overlaps a year: an event's or figure's date, a treaty from
    signature to end, a person over their roles."""
    if record["type"] == "person":
        spans = [(r["start"], r.get("end") or "9999") for r in record["roles"]]
    elif record["type"] == "treaty":
        spans = [(record["signed"]["date"], (record.get("ended") or {}).get("date", "9999"))]
    else:
        spans = [(record["date"], record.get("end") or record["date"])]
    return any(start[:4] <= year <= end[:4] for start, end in spans)


def test_search_with_a_year_keeps_that_year(cli):
    for text, year in [("trade 2013", "2013"), ("soviet leader 1972", "1972")]:
        hits = cli.json("search", text, "--limit", "0")
        assert hits, text
        assert all(_covers(hit, year) for hit in hits), text


def test_search_general_assembly_2022_finds_the_un_votes(cli):
    hits = cli.json("search", "general assembly 2022")
    assert any(h.get("kind") == "un" for h in hits)


def test_search_quoted_phrase_matches_only_the_phrase(cli):
    phrase = cli.json("search", '"open skies"')
    assert phrase[0]["id"] == "open-skies"
    loose = cli.json("search", "open skies")
    assert len(phrase) <= len(loose)


def test_search_matches_word_prefixes(cli):
    assert "reykjavik-summit-1986" in _ids(cli.json("search", "reykjav"))


def test_search_says_how_many_hits_when_it_cuts_the_list(cli):
    result = cli.run("search", "putin", "--json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 25
    line = result.stderr.strip()
    assert line.startswith("25 of ") and line.endswith("; --limit 0 for all"), line
    total = int(line.split()[2].rstrip(";"))
    assert len(cli.json("search", "putin", "--limit", "0")) == total > 25


def test_search_with_no_hits_says_what_was_searched_and_suggests(cli):
    line = cli.fails(1, "search", "reykjavk")
    assert "reykjavk" in line
    assert "did you mean reykjavik" in line
    assert "1809" in line  # the span of the base


# --- names --------------------------------------------------------------------------------


def test_show_takes_event_titles_and_words(cli):
    for name, rid in [
        ("reykjavik", "reykjavik-summit-1986"),
        ("Reykjavik summit", "reykjavik-summit-1986"),
        ("helsinki 2018", "helsinki-summit-2018"),
        ("open skies treaty", "open-skies"),
        ("START 1", "start-i"),
    ]:
        assert cli.json("show", name)["id"] == rid, name


def test_treaty_compare_and_sources_take_names(cli):
    assert cli.json("treaty", "open skies treaty")["id"] == "open-skies"
    assert cli.json("sources", "Reykjavik summit")
    rows = cli.json("compare", "treaty", "START 1", "New START")
    assert rows


def test_an_ambiguous_name_lists_candidates_with_kinds_and_dates(cli):
    line = cli.fails(1, "show", "helsinki summit")
    assert "helsinki-summit-1975" in line or "helsinki-summit-1990" in line
    assert "helsinki-summit-2018 (summit, 2018-07-16)" in line


def test_did_you_mean_offers_records_before_sources(cli):
    line = cli.fails(1, "show", "reykjavik-sumit")
    assert "did you mean reykjavik-summit-1986" in line


def test_search_puts_the_record_named_exactly_first(cli):
    """bm25 ranks the New START figure series and START I's status events above the treaties
    themselves; a query that is a record's whole id, name or alias still finds it first."""
    for text, rid in [("new start", "new-start"), ("START I", "start-i"), ("abm", "abm-treaty")]:
        assert _ids(cli.json("search", text))[0] == rid, text


def test_search_counts_an_exact_hit_once_when_it_ranks_below_the_list(cli):
    """The "N of TOTAL" line says how many --limit 0 lists, also when the record named
    exactly ranks below the first 25 by score (New START's figures outscore it)."""
    result = cli.run("search", "new start", "--json")
    total = int(result.stderr.split()[2].rstrip(";"))
    assert len(cli.json("search", "new start", "--limit", "0")) == total


def test_a_name_like_no_record_gets_no_suggestion(cli):
    # Indel ratio of 'abc' and 'abm' (the nearest treaty alias) by hand: 1 - 2/6 = 67 %,
    # below the 70 % a suggestion needs; CTBT and CFE are further still.
    assert cli.fails(1, "treaty", "abc") == (
        "usrufacts: error: no treaty named 'abc' ('usrufacts treaty' lists them)"
    )
    # A search word: 'blorft' and 'sort' share o-r-t, 2 * 3 / (6 + 4) = 60 %, below 75 %.
    assert "did you mean" not in cli.fails(1, "search", "blorft")


def test_a_typo_in_the_first_letter_still_gets_a_suggestion(cli):
    line = cli.fails(1, "show", "geykjavik-summit-1986")
    assert line.endswith("did you mean reykjavik-summit-1986? ('usrufacts search' lists them)")
    assert "did you mean new-start" in cli.fails(1, "treaty", "bew-start")
    assert "did you mean reykjavik?" in cli.fails(1, "search", "ceykjavik")


def test_the_search_table_kind_column_holds_an_events_kind(cli):
    """Piped, a search is one hit a line: kind, date, title, id. Helsinki 2018 was a summit
    (16 July 2018); the Helsinki Final Act a diplomatic signing (1 August 1975)."""
    lines = cli.run("search", "helsinki").stdout.splitlines()
    rows = {line.split("\t")[-1]: line.split("\t") for line in lines}
    assert rows["helsinki-summit-2018"][:2] == ["summit", "2018-07-16"]
    assert rows["helsinki-final-act-1975"][:2] == ["diplomatic", "1975-08-01"]


# --- filters ---------------------------------------------------------------------------------


def test_meetings_take_a_year_and_a_kind(cli):
    found = cli.json("meetings", "2025")
    assert found and all(m["date"].startswith("2025") for m in found)
    calls = cli.json("meetings", "2025", "--calls")
    assert calls and all(m["kind"] == "call" for m in calls)
    met = cli.json("meetings", "--in-person")
    assert met and all(m["kind"] != "call" for m in met)
    summits = cli.json("meetings", "--kind", "summit")
    assert summits and {m["kind"] for m in summits} == {"summit"}


def test_treaty_status_filter(cli):
    in_force = cli.json("treaty", "--status", "in-force", "--as-of", "2020-01-01")
    assert "new-start" in _ids(in_force)
    assert "open-skies" in _ids(in_force)
    suspended = cli.json("treaty", "--status", "suspended", "--as-of", "2020-01-01")
    assert "cfe-treaty" in _ids(suspended)
    ended = cli.json("treaty", "--status", "ended", "--as-of", "2020-01-01")
    assert {"abm-treaty", "inf-treaty"} <= set(_ids(ended))
    never = cli.json("treaty", "--status", "never-in-force")
    assert "ctbt" in _ids(never)
    assert not set(_ids(never)) & {"new-start", "open-skies"}


def test_treaty_in_force_is_a_shorthand_for_the_status_filter(cli):
    assert cli.json("treaty", "--in-force", "--as-of", "2015") == cli.json(
        "treaty", "--status", "in-force", "--as-of", "2015"
    )
    assert "new-start" in _ids(cli.json("treaty", "--in-force", "--as-of", "2015"))


def test_timeline_latest_gives_the_newest_first(cli):
    newest = cli.json("timeline", "--latest", "3")
    assert len(newest) == 3
    dates = [e["date"] for e in newest]
    assert dates == sorted(dates, reverse=True)
    everything = cli.json("timeline")
    assert dates[0] == max(e["date"] for e in everything)


# --- status -----------------------------------------------------------------------------------


def test_cfe_suspension_dates_from_when_it_began(cli):
    status = cli.json("treaty", "cfe", "--as-of", "2020-01-01")["status"]
    # Russia's moratorium took effect 2007-12-12 (treaties.yaml status_history); the
    # 2015-03-11 entry restates it.
    assert status["code"] == "suspended"
    assert status["since"] == "2007-12-12"
    assert status["by"] == "ru"


def test_open_skies_is_not_in_force_between_the_us_and_russia(cli):
    status = cli.json("treaty", "open-skies")["status"]
    assert status["code"] == "ended"
    assert status["since"] == "2020-11-22"  # the US withdrawal took effect (treaties.yaml)
    assert status["by"] == "us"
    assert status["parties"]["ru"]["status"] == "withdrawn"


# --- who and metrics -----------------------------------------------------------------------------


def test_who_led_the_us_and_russia_on_a_date(cli):
    found = cli.json("who", "1972-05-26")
    assert found["us"][0]["id"] == "richard-nixon"
    assert "leonid-brezhnev" in [p["id"] for p in found["ru"]]


def test_metrics_are_listed(cli):
    metrics = cli.json("metrics")
    ids = _ids(metrics)
    assert "warhead-stockpile" in ids
    first = metrics[ids.index("warhead-stockpile")]
    assert first["unit"] and first["countries"] == ["ru", "us"] and first["years"]


# --- completion --------------------------------------------------------------------------------


def test_show_completion_names_the_shell_explicitly(cli):
    zsh = cli.run("--show-completion", "zsh")
    assert zsh.exit_code == 0 and "compdef" in zsh.stdout
    bash = cli.run("--show-completion", "bash")
    assert bash.exit_code == 0 and "complete " in bash.stdout


# --- batch ---------------------------------------------------------------------------------------


def test_show_reads_ids_from_stdin(cli):
    from typer.testing import CliRunner

    from usrufacts.cli import app

    result = CliRunner().invoke(
        app, ["show", "-", "--json"], input="new-start\nno-such-thing\nvladimir-putin\n"
    )
    assert result.exit_code == 1
    assert _ids(json.loads(result.stdout)) == ["new-start", "vladimir-putin"]
    assert "line 2" in result.stderr


# --- honest gaps ------------------------------------------------------------------------------


def test_an_empty_year_in_compare_says_so(cli):
    result = cli.run("compare", "figure", "warhead-stockpile", "1967")
    assert result.exit_code == 1
    assert "no sourced figure for 1967" in result.stderr
    assert "nearest:" in result.stderr


def test_an_empty_listing_says_whether_the_span_is_outside_the_base(cli):
    # The base's earliest event is 1809-11-05 (about: date range).
    early = cli.run("timeline", "1700")
    assert early.exit_code == 0 and early.stderr.startswith(
        "no events from 1700: not in the fact base (it covers 1809 – "
    )
    quiet = cli.run("meetings", "1850")
    assert "no meetings or calls from 1850: none in the fact base" in quiet.stderr
    assert cli.run("timeline", "1986").stderr == ""


def _stderr_with_stdout_on_a_terminal(*args: str) -> str:
    """Run the real CLI with stdout on a pseudo-terminal; return its stderr."""
    import os
    import pty
    import subprocess
    import sys

    main, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"COLUMNS": "100"}
    process = subprocess.Popen(
        [sys.executable, "-m", "usrufacts", *args],
        stdout=child,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(child)
    while True:
        try:
            if not os.read(main, 65536):
                break
        except OSError:  # the child closed the terminal
            break
    _, err = process.communicate(timeout=60)
    os.close(main)
    return err.decode()


def test_a_listing_on_a_terminal_ends_with_a_count_line(cli):
    calls = cli.json("meetings", "2025", "--calls")
    assert _stderr_with_stdout_on_a_terminal("meetings", "2025", "--calls") == (
        f"{len(calls)} meetings and calls\n"
    )
    assert cli.run("meetings", "2025", "--calls").stderr == ""  # not to a pipe


def test_rapidfuzz_is_imported_only_when_a_name_is_not_found():
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from usrufacts.cli import app\n"
        "try:\n"
        "    app(sys.argv[1:], prog_name='usrufacts')\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('\\nloaded=' + str('rapidfuzz' in sys.modules))\n"
    )

    def loaded(*args: str) -> str:
        run = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60
        )
        return run.stderr.rsplit("loaded=", 1)[1]

    loaded("show", "new-start", "--json")  # the index exists
    assert loaded("show", "new-start", "--json") == "False"
    assert loaded("search", "reykjavik", "--json") == "False"
    assert loaded("show", "new-strat", "--json") == "True"


# --- second newcomer pass (tmp/newcomer9) ----------------------------------------------------


def test_an_unknown_metric_points_at_the_command_that_lists_metrics(cli):
    result = cli.run("compare", "figure", "tonnage", "2013")
    assert result.exit_code == 1
    assert "no metric named 'tonnage'" in result.stderr
    assert "'usrufacts metrics' lists them" in result.stderr
    assert "'usrufacts search' lists them" not in result.stderr


def _years(cli, metric, country):
    return sorted(
        int(row["date"][:4])
        for row in cli.json("compare", "figure", metric)
        if row[country] is not None
    )


def _nearest(have, year):
    before = [y for y in have if y < year][-1:]
    after = [y for y in have if y > year][:1]
    return ", ".join(str(y) for y in before + after)


def test_a_blank_cell_in_compare_figure_is_said_on_stderr(cli):
    # A year with a Russian estimate but no US one: the US cell must not be a silent blank.
    us, ru = _years(cli, "warhead-stockpile", "us"), _years(cli, "warhead-stockpile", "ru")
    year = next(y for y in ru if y not in us)
    result = cli.run("compare", "figure", "warhead-stockpile", str(year))
    assert result.exit_code == 0
    line = (
        f"no sourced warhead-stockpile figure for the US in {year} (nearest: {_nearest(us, year)})"
    )
    assert line in result.stderr.splitlines()
    assert "for Russia" not in result.stderr


def test_a_blank_cell_in_compare_arsenal_is_said_on_stderr(cli):
    # 1967 has only the US declared stockpile: the other columns are blank, and stderr says why.
    us, ru = _years(cli, "warhead-stockpile", "us"), _years(cli, "warhead-stockpile", "ru")
    assert 1967 not in us and 1967 not in ru
    result = cli.run("compare", "arsenal", "1967")
    assert result.exit_code == 0
    assert result.stdout.strip()
    lines = result.stderr.splitlines()
    assert (
        f"no sourced warhead-stockpile figure for the US in 1967 (nearest: {_nearest(us, 1967)})"
        in lines
    )
    assert (
        f"no sourced warhead-stockpile figure for Russia in 1967 (nearest: {_nearest(ru, 1967)})"
        in lines
    )
    assert any(
        line.startswith("no sourced deployed-strategic-warheads figure for 1967") for line in lines
    )
    # Asking for no year lists what there is, without a note for every blank.
    assert cli.run("compare", "arsenal").stderr == ""


def test_a_full_year_in_compare_has_no_note(cli):
    us, ru = _years(cli, "warhead-stockpile", "us"), _years(cli, "warhead-stockpile", "ru")
    year = next(y for y in us if y in ru)
    assert cli.run("compare", "figure", "warhead-stockpile", str(year)).stderr == ""


def test_the_readme_names_only_top_level_options_that_exist(cli):
    import re
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"usrufacts (--[a-z][a-z-]+)", readme))
    assert named, "the README names no top-level option"
    listed = cli.run("--help").stdout
    assert sorted(o for o in named if o not in listed) == []


def test_who_for_a_year_or_month_says_in(cli):
    assert "Leaders in 2010" in cli.run("who", "2010", "--format", "md").stdout
    assert "Leaders on 1972-05-26" in cli.run("who", "1972-05-26", "--format", "md").stdout


def _derived_years(cli):
    return sorted(
        int(r["date"][:4]) for r in cli.json("compare", "figure", "us-russia-goods-trade")
    )


def test_metrics_lists_the_derived_trade_metric(cli):
    listed = {m["id"]: m for m in cli.json("metrics")}
    years = _derived_years(cli)
    trade = listed["us-russia-goods-trade"]
    assert trade["years"] == [years[0], years[-1]]
    assert trade["countries"] == ["us"]
    assert trade["derived"] is True
    assert "us-russia-goods-trade" in cli.run("compare", "figure").stdout


def test_compare_figure_trade_finds_the_goods_trade_total(cli):
    result = cli.run("compare", "figure", "trade", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert "Goods trade" in result.stdout.splitlines()[0]


def test_a_year_the_derived_metric_has_is_not_called_a_gap(cli):
    years = _derived_years(cli)
    shown = cli.run("compare", "figure", "us-russia-goods-trade", str(years[0]))
    assert shown.exit_code == 0 and shown.stderr == ""
    gap = next(y for y in range(years[0], years[-1]) if y not in years)
    missing = cli.run("compare", "figure", "us-russia-goods-trade", str(gap))
    assert missing.exit_code == 1
    assert f"no sourced figure for {gap} (nearest: {_nearest(years, gap)})" in missing.stderr
