"""Search by a year alone, and the Markdown record view: what a reader gets, specified.

The expected answers come from the fact files read here with PyYAML (a record's dates as
written there, compared as ISO strings), never from the index or the code under test.
Part of the mutation-testing tier (pyproject.toml ``[tool.mutmut]``); see
docs/mutation/finding-writers.md.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

FACTS = Path(__file__).parent.parent / "facts"


@functools.cache
def _collection(name: str) -> tuple[dict[str, Any], ...]:
    """Every record of a collection, across its topic files (``events.TOPIC.yaml``)."""
    out: list[dict[str, Any]] = []
    for path in sorted(FACTS.glob(f"{name}*.yaml")):
        if path.stem.split(".")[0] == name:
            out += yaml.safe_load(path.read_text(encoding="utf-8"))[name]
    return tuple(out)


def _record(name: str, rid: str) -> dict[str, Any]:
    (found,) = [r for r in _collection(name) if r["id"] == rid]
    return found


def _overlaps(first: Any, last: Any, year: str) -> bool:
    """Whether the dates ``first``..``last`` (partial ISO dates, ``last`` None when open)
    reach into ``year``."""
    return str(first)[:4] <= year and (last is None or str(last)[:4] >= year)


def _milestones(treaty: dict[str, Any]) -> list[str]:
    """A treaty's dated steps, which the timeline and search show as events (README: "Treaty
    milestones appear as events with "derived_from")": signature, entry into force, each
    change of status, its end."""
    dates = [treaty["signed"]["date"], treaty.get("in_force")]
    dates += [change["date"] for change in treaty.get("status_history") or []]
    dates.append((treaty.get("ended") or {}).get("date"))
    return [str(d) for d in dates if d]


def _key(hit: dict[str, Any]) -> Any:
    """What identifies a hit in the fact files: a figure by (metric, country, date), a
    treaty milestone by (treaty, date), any other record by its id."""
    if hit["type"] == "figure":
        return (hit["metric"], hit["country"], hit["date"])
    if hit.get("derived_from"):
        return (hit["derived_from"], hit["date"])
    return hit["id"]


def _in_1987() -> dict[str, set[Any]]:
    """Each collection's records dated in 1987, by hand: events by date to end (and the
    treaties' milestones), treaties from signature to their end, figures by their date,
    people over any of their roles."""
    year = "1987"
    return {
        "event": {
            e["id"]
            for e in _collection("events")
            if _overlaps(e["date"], e.get("end") or e["date"], year)
        }
        | {
            (t["id"], date)
            for t in _collection("treaties")
            for date in _milestones(t)
            if date[:4] == year
        },
        "treaty": {
            t["id"]
            for t in _collection("treaties")
            if _overlaps(t["signed"]["date"], (t.get("ended") or {}).get("date"), year)
        },
        # A figure is one (metric, country, date); disputed ones have several values.
        "figure": {
            (f["metric"], f["country"], str(f["date"]))
            for f in _collection("figures")
            if str(f["date"])[:4] == year
        },
        "person": {
            p["id"]
            for p in _collection("people")
            if any(_overlaps(r["start"], r.get("end"), year) for r in p.get("roles") or [])
        },
    }


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _cells(line: str) -> list[str]:
    """A Markdown table row's cells, stripped."""
    return [c.strip() for c in line.strip().strip("|").split("|")]


# --- search with only a year or date ---------------------------------------------------------


def test_a_year_alone_finds_the_events_treaties_and_figures_dated_in_it(cli):
    expected = _in_1987()
    hits = cli.json("search", "1987", "--limit", "0")
    by_type: dict[str, set[Any]] = {}
    for hit in hits:
        by_type.setdefault(hit["type"], set()).add(_key(hit))
    assert expected["event"] and expected["treaty"] and expected["figure"]  # a real test
    assert by_type == {k: expected[k] for k in ("event", "treaty", "figure")}
    assert len(hits) == sum(len(expected[k]) for k in ("event", "treaty", "figure"))


def test_a_year_alone_lists_the_events_first_in_date_order(cli):
    hits = cli.json("search", "1987", "--limit", "0")
    types = [h["type"] for h in hits]
    events = types.count("event")
    assert types[:events] == ["event"] * events
    dates = [h["date"] for h in hits[:events]]
    assert dates == sorted(dates)
    # The INF Treaty was signed on 8 December 1987, after the other treaty milestones that year.
    assert hits[events - 1]["date"] <= "1987-12-31"
    assert "inf-treaty-signed" in [h["id"] for h in hits[:events]]


def test_a_year_alone_leaves_people_out_unless_asked_for(cli):
    hits = cli.json("search", "1987", "--limit", "0")
    assert "person" not in {h["type"] for h in hits}


def test_a_year_alone_with_type_person_lists_the_people_in_office_then(cli):
    """Reagan (1981–1989) and Gorbachev (1985–1991) held office in 1987."""
    expected = _in_1987()["person"]
    assert {"ronald-reagan", "mikhail-gorbachev"} <= expected
    hits = cli.json("search", "1987", "--type", "person", "--limit", "0")
    assert {h["id"] for h in hits} == expected


def test_a_month_alone_keeps_only_what_overlaps_that_month(cli):
    """December 1987: the Washington summit (8–10 December) and the INF Treaty's signing,
    not the Brandenburg Gate speech (12 June)."""
    hits = cli.json("search", "1987-12", "--type", "event", "--limit", "0")
    ids = {h["id"] for h in hits}
    assert {"washington-summit-1987", "inf-treaty-signed"} <= ids
    assert "tear-down-this-wall-speech-1987" not in ids
    expected = {
        e["id"]
        for e in _collection("events")
        if str(e["date"]) <= "1987-12-31" and str(e.get("end") or e["date"]) >= "1987-12"
    } | {
        (t["id"], date)
        for t in _collection("treaties")
        for date in _milestones(t)
        if date[:7] == "1987-12"
    }
    assert {_key(h) for h in hits} == expected


def test_a_year_alone_cut_by_limit_says_how_many_there_are_in_all(cli):
    expected = _in_1987()
    total = sum(len(expected[k]) for k in ("event", "treaty", "figure"))
    result = cli.run("search", "1987", "--limit", "3", "--format", "tsv")
    assert result.exit_code == 0, result.stderr
    assert len(_lines(result.stdout)) == 3
    assert result.stderr.strip() == f"3 of {total}; --limit 0 for all"


def test_a_year_alone_limited_to_one_gives_exactly_one(cli):
    assert len(cli.json("search", "1987", "--limit", "1")) == 1


def test_a_year_before_the_fact_base_is_not_found_and_says_what_the_base_covers(cli):
    line = cli.fails(1, "search", "1800")
    assert line.startswith("usrufacts: error: no records match '1800' in 1800;"), line
    covers = re.search(r"the fact base covers (\d{4}) – (\d{4})$", line)
    assert covers and "1800" < covers[1] <= covers[2], line


def test_a_year_alone_for_one_type_names_that_type_when_nothing_is_found(cli):
    line = cli.fails(1, "search", "1800", "--type", "person")
    assert "no person match '1800' in 1800" in line, line


# --- the Markdown record view ----------------------------------------------------------------


def _markdown(cli, *args: str) -> list[str]:
    result = cli.run("show", *args, "--format", "md")
    assert result.exit_code == 0, result.stderr
    return _lines(result.stdout)


def test_markdown_heads_each_record_with_its_name_title_or_label(cli):
    treaty = _record("treaties", "new-start")["name"]
    event = _record("events", "reykjavik-summit-1986")["title"]
    (metric,) = [
        m
        for path in sorted(FACTS.glob("figures*.yaml"))
        for m in yaml.safe_load(path.read_text(encoding="utf-8")).get("metrics") or []
        if m["id"] == "warhead-stockpile"
    ]
    person = _record("people", "ronald-reagan")["name"]
    for rid, heading in [
        ("new-start", treaty),
        ("reykjavik-summit-1986", event),
        ("warhead-stockpile-ru-1986", metric["label"]),
        ("ronald-reagan", person),
    ]:
        assert _markdown(cli, rid)[0] == f"## {heading}", rid


def test_markdown_heads_a_record_without_a_name_with_its_id(cli):
    assert _markdown(cli, "new-start", "--fields", "id,signed")[0] == "## new-start"


def test_markdown_of_fields_without_the_id_has_no_heading(cli):
    lines = _markdown(cli, "new-start", "--fields", "summary")
    assert _cells(lines[0]) == ["Field", "Value"]
    assert _cells(lines[2])[0] == "Summary"


def test_markdown_record_is_a_table_of_labelled_fields(cli):
    treaty = _record("treaties", "new-start")
    lines = _markdown(cli, "new-start")
    assert _cells(lines[2]) == ["Field", "Value"]
    rows = {cells[0]: cells[1] for cells in map(_cells, lines[4:]) if len(cells) == 2}
    assert rows["Id"] == "new-start"
    assert rows["Name"] == treaty["name"]
    assert rows["Signed"].startswith(str(treaty["signed"]["date"]) + ", ")
    assert rows["In force"] == str(treaty["in_force"])


def test_markdown_nested_tables_show_their_own_columns_but_not_their_sources(cli):
    """A disputed figure's values each cite sources; the Values table shows value and note,
    and the sources go to the record's own Sources table."""
    values = [
        f["value"]
        for f in _collection("figures")
        if (f["metric"], f["country"], str(f["date"])) == ("warhead-stockpile", "ru", "1986")
    ]
    assert len(values) > 1
    lines = _markdown(cli, "warhead-stockpile-ru-1986")
    at = lines.index("## Values")
    assert _cells(lines[at + 2]) == ["Value", "Note"]
    shown = [_cells(line)[0] for line in lines[at + 4 : at + 4 + len(values)]]
    assert shown == [f"{v:,}" for v in values]
    assert "## Sources" in lines[at:]


def test_markdown_sources_of_a_listing_list_every_cited_source_once(cli):
    rows = cli.json("timeline", "2018")
    cited = {s["id"] for row in rows for s in row.get("sources") or []}
    assert len(cited) > 1
    result = cli.run("timeline", "2018", "--sources", "--format", "md")
    assert result.exit_code == 0, result.stderr
    lines = _lines(result.stdout)
    at = lines.index("## Sources")
    listed = [_cells(line)[0] for line in lines[at + 4 :] if line.startswith("|")]
    assert sorted(listed) == sorted(cited)


# --- what a search that finds nothing says ---------------------------------------------------

_SEARCHED = "searched ids, names, titles, summaries and cited sources"


def _base_years() -> tuple[str, str]:
    """The first and last year of the dated records (events, treaties' milestones, figures)
    in the fact files."""
    years = [str(e["date"])[:4] for e in _collection("events")]
    years += [d[:4] for t in _collection("treaties") for d in _milestones(t)]
    years += [str(f["date"])[:4] for f in _collection("figures")]
    return min(years), max(years)


@pytest.mark.parametrize(
    ("text", "searched_for"),
    [
        ("zzyzxq", "no records match 'zzyzxq'"),
        ("1800 1805", "no records match '1800 1805' in 1800–1805"),
    ],
)
def test_nothing_found_says_what_was_searched_how_to_widen_it_and_what_the_base_covers(
    cli, text, searched_for
):
    first, last = _base_years()
    assert cli.fails(1, "search", text) == (
        f"usrufacts: error: {searched_for}; "
        f"{_SEARCHED} (--type source searches the sources too); "
        f"the fact base covers {first} – {last}"
    )


def test_nothing_found_among_some_types_names_those_types(cli):
    line = cli.fails(1, "search", "zzyzxq", "--type", "person,treaty")
    assert line.startswith("usrufacts: error: no person, treaty match 'zzyzxq'; "), line
    assert f"{_SEARCHED} (--type source searches the sources too);" in line


def test_nothing_found_among_sources_does_not_suggest_searching_sources(cli):
    line = cli.fails(1, "search", "zzyzxq", "--type", "source")
    assert line.startswith(f"usrufacts: error: no source match 'zzyzxq'; {_SEARCHED}; "), line


# --- how many hits a search counts ---------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["abm", "cfe", "new-start", "start i", "prague treaty", "newstart", "newstart treaty"]
)
def test_the_count_of_hits_is_the_same_however_many_are_shown(cli, text):
    """`-n 1` says "1 of N": N is how many `--limit 0` lists, the record named exactly
    (shown first whatever its score) counted once, whether or not its words match
    (`newstart` is New START's name without the space, a word none of its fields has;
    `newstart treaty` is its alias "New START Treaty" so written: it has one of the words)."""
    every = cli.json("search", text, "--limit", "0")
    assert len({h["id"] for h in every}) == len(every)
    result = cli.run("search", text, "--limit", "1", "--format", "tsv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split("\t")[-1].strip() == every[0]["id"]
    assert result.stderr.strip() == f"1 of {len(every)}; --limit 0 for all"


# --- did you mean ----------------------------------------------------------------------------


def _suggestion(line: str) -> str | None:
    found = re.search(r"; did you mean ([^;]*)\?;", line)
    return found[1] if found else None


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("reykjavk summt", "reykjavik summit"),  # each unknown word replaced
        ("rekjavk", "reykjavik"),  # two letters short
        ("sal", "salt"),  # three letters are enough for a suggestion
        ("ab reykjavk", "ab reykjavik"),  # a word under three letters is kept as typed
        ("zzyzxq reykjavk", "zzyzxq reykjavik"),  # a word with nothing close is kept too
        ("helsxnkx", "helsinki"),  # 6 of 8 letters in common: 2·6/16 = 75, the cutoff
        # A word cut three letters short still finds the whole word: "ratificat" is 9 of
        # "ratification"'s 12 letters (Indel ratio 2·9/21 = 86), closer than "pratica" (75).
        ("ratificat", "ratification"),
        ("helsinkiiii", "helsinki"),  # three letters too many: ratio 2·8/19 = 84
    ],
)
def test_nothing_found_suggests_the_spelling_the_index_knows(cli, text, meant):
    line = cli.fails(1, "search", text)
    assert line.startswith(f"usrufacts: error: no records match '{text}'; did you mean {meant}?;")


def test_no_suggestion_when_every_word_is_known(cli):
    """`summit` is a word of the fact base; no figure has it: nothing to correct."""
    line = cli.fails(1, "search", "summit", "--type", "figure")
    assert _suggestion(line) is None, line
    assert line.startswith("usrufacts: error: no figure match 'summit'; searched "), line


def test_an_ambiguous_name_lists_treaties_with_their_signature_dates(cli):
    """Candidates say kind and date: a treaty its signature date, an event its date, a
    metric no date."""
    line = cli.fails(1, "show", "start")
    for rid in ("new-start", "start-i"):
        signed = _record("treaties", rid)["signed"]["date"]
        assert f"{rid} (treaty, {signed})" in line, line
    # START I's signature as a dated event (a treaty milestone): its kind and its date.
    signed = _record("treaties", "start-i")["signed"]["date"]
    assert f"start-i-signed (treaty, {signed})" in line, line
    assert "newstart-deployed-warheads (metric);" in line, line


# --- words, years and dates together ---------------------------------------------------------


def test_a_month_with_words_keeps_only_events_of_that_month(cli):
    """`soviet 1986-10`: Reykjavik (11–12 October 1986) and the expulsions of that October,
    not the Daniloff affair (30 August)."""
    hits = cli.json("search", "soviet 1986-10", "--type", "event", "--limit", "0")
    ids = {h["id"] for h in hits}
    assert "reykjavik-summit-1986" in ids
    assert "daniloff-affair-1986" not in ids
    for hit in hits:
        assert hit["date"] <= "1986-10-31" and (hit["end"] or hit["date"]) >= "1986-10", hit
    result = cli.run("search", "soviet 1986-10", "--type", "event", "-n", "1", "-f", "tsv")
    assert result.stderr.strip() == f"1 of {len(hits)}; --limit 0 for all"


def test_two_years_keep_what_falls_between_them(cli):
    """The Geneva summit (1985) and the Reykjavik summit (1986), nothing after 1986."""
    hits = cli.json("search", "summit 1985 1986", "--type", "event", "--limit", "0")
    ids = {h["id"] for h in hits}
    assert {"geneva-summit-1985", "reykjavik-summit-1986"} <= ids
    assert all("1985" <= h["date"][:4] <= "1986" for h in hits), hits


def test_a_span_of_two_hundred_years_still_filters(cli):
    """1826–2025 leaves out New START's expiry on 5 February 2026."""
    hits = cli.json("search", "start 1826 2025", "--type", "event", "--limit", "0")
    assert hits and all(h["date"][:4] <= "2025" for h in hits)
    later = cli.json("search", "start 2026", "--type", "event", "--limit", "0")
    assert any(h["date"][:4] == "2026" for h in later)


def test_a_word_of_four_letters_matches_as_a_prefix(cli):
    assert cli.json("search", "reyk")[0]["id"] == "reykjavik-summit-1986"


def test_records_with_every_word_come_before_records_with_some(cli):
    """`moscow summit`: first exactly the records both single-word searches find."""
    both = {h["id"] for h in cli.json("search", "moscow", "--limit", "0")} & {
        h["id"] for h in cli.json("search", "summit", "--limit", "0")
    }
    hits = [h["id"] for h in cli.json("search", "moscow summit", "--limit", "0")]
    assert 0 < len(both) < len(hits)
    assert set(hits[: len(both)]) == both


def test_a_date_that_is_not_a_date_is_searched_as_words(cli):
    """`2018-13` has no month 13: its numbers are words, so Helsinki 2018 is still found."""
    result = cli.run("search", "helsinki 2018-13", "--json")
    assert result.exit_code == 0, result.stderr
    assert "helsinki-summit-2018" in {h["id"] for h in json.loads(result.stdout)}


def test_a_search_of_no_words_says_what_it_needs(cli):
    line = cli.fails(2, "search", "!!!")
    assert line.startswith("usrufacts: error: search needs at least one word or number"), line


def test_an_unknown_type_lists_the_types_and_collections(cli):
    line = cli.fails(2, "search", "reykjavik", "--type", "bogus")
    assert line == (
        "usrufacts: error: unknown type 'bogus'; choose from treaty, event, person, figure, "
        "metric, source, treaties, events, people, figures, metrics, sources"
    )


def test_words_with_a_span_of_years_too_long_for_the_years_column_still_keep_to_it(cli):
    """ "summit 1700 1950" spans 251 years (more than the years column covers): the summits
    found are still those of 1700–1950 only, among them Yalta (1945-02-04)."""
    hits = cli.json("search", "summit 1700 1950", "--limit", "0")
    assert _record("events", "yalta-conference-1945")["date"] == "1945-02-04"
    assert "yalta-conference-1945" in [h["id"] for h in hits]
    assert all("1700" <= str(h["date"]) < "1951" for h in hits), [h["date"] for h in hits]


def test_a_figures_own_id_is_its_first_hit(cli):
    """The New START data exchange of 2013-03-01 gave a figure for deployed and one for total
    launchers; searching the deployed one's id finds it first, though the total's label
    ("deployed and non-deployed launchers") holds more of the words."""
    rid = "newstart-deployed-launchers-us-2013-03-01"
    figure = next(
        f
        for f in _collection("figures")
        if (f.get("metric"), f.get("country"), str(f.get("date")))
        == ("newstart-deployed-launchers", "us", "2013-03-01")
    )
    assert figure["value"]  # the record the id names exists in the fact files
    assert [h["id"] for h in cli.json("search", rid, "--limit", "1")] == [rid]


def test_of_two_spellings_equally_near_the_commoner_is_offered(cli, mini):
    """ "zorvak" is 2·5/12 = 83.3 alike both "zorvaa" (in one title) and "zorvaz" (in two):
    the word more records use is offered, though "zorvaa" sorts first."""
    events = (mini / "events.yaml").read_text(encoding="utf-8")
    for n, word in enumerate(["Zorvaa", "Zorvaz", "Zorvaz"]):
        events += (
            f"  - id: test-word-{n}\n"
            f'    date: "1990-01-0{n + 1}"\n'
            f"    title: {word} meeting\n"
            "    kind: meeting\n"
            "    summary: A meeting.\n"
            "    sources: [src-one]\n"
        )
    (mini / "events.yaml").write_text(events, encoding="utf-8")
    line = cli.fails(1, "search", "zorvak", "--facts", str(mini))
    assert _suggestion(line) == "zorvaz", line


def _reports(mini):
    """Two reports: a long one holding every word searched below, and a short one (which
    bm25 ranks first among records that match the same words); and a congress numbered XX."""
    events = (mini / "events.yaml").read_text(encoding="utf-8")
    for rid, title in [
        ("test-report-long", "Zorvex report 13 on an extra agenda of many further items"),
        ("test-report-short", "Zorvex report"),
        ("test-congress", "XX Congress"),
    ]:
        events += (
            f"  - id: {rid}\n"
            '    date: "1990-02-01"\n'
            f"    title: {title}\n"
            "    kind: meeting\n"
            "    summary: Filed 1999.\n"
            "    sources: [src-one]\n"
        )
    (mini / "events.yaml").write_text(events, encoding="utf-8")


@pytest.mark.parametrize(
    "text",
    [
        "zorvex 1999-13",  # no date (there is no month 13): the words 1999 and 13
        '"zorvex report" extra',  # a phrase and a word
    ],
)
def test_the_record_with_every_word_comes_before_a_shorter_one_with_some(cli, mini, text):
    _reports(mini)
    hits = cli.json("search", text, "--facts", str(mini))
    assert [h["id"] for h in hits[:2]] == ["test-report-long", "test-report-short"]


def test_a_phrase_alone_finds_the_records_with_that_phrase_and_no_others(cli, mini):
    _reports(mini)
    hits = cli.json("search", '"zorvex report"', "--facts", str(mini), "--limit", "0")
    assert sorted(h["id"] for h in hits) == ["test-report-long", "test-report-short"]
