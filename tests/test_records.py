"""`show`, `search`, `sources` and `about`: any record, found any way."""

from __future__ import annotations


def test_show_finds_any_record_by_id(cli):
    for rid, rtype in [
        ("helsinki-summit-2018", "event"),
        ("vladimir-putin", "person"),
        ("new-start", "treaty"),
        ("warhead-stockpile", "metric"),
        ("warhead-stockpile-ru-1986", "figure"),
    ]:
        record = cli.json("show", rid)
        assert (record["id"], record["type"]) == (rid, rtype)
        assert "sources" in record


def test_a_disputed_figure_keeps_each_value_with_its_source(cli):
    figure = cli.json("show", "warhead-stockpile-ru-1986")
    assert figure["disputed"] is True
    assert figure["value"] is None
    assert sorted(v["value"] for v in figure["values"]) == [40159, 45000]
    assert all(v["sources"] for v in figure["values"])


def test_show_says_which_file_a_record_came_from(cli):
    assert cli.json("show", "new-start")["origin"].endswith("treaties.yaml")


def test_show_unknown_id_exits_1_with_suggestions(cli):
    assert "did you mean helsinki-summit-2018" in cli.fails(1, "show", "helsinki-sumit-2018")


def test_search_ranks_the_named_record_first(cli):
    hits = cli.json("search", "new start")
    assert hits[0]["id"] == "new-start"


def test_search_hits_say_their_kind_and_date(cli):
    result = cli.run("search", "Reykjavik")
    assert result.exit_code == 0
    assert "1986-10-11" in result.stdout
    assert "summit" in result.stdout


def test_search_with_no_words_is_a_usage_error(cli):
    cli.fails(2, "search", "!!!")


def test_sources_lists_the_bibliography(cli):
    sources = cli.json("sources")
    assert len(sources) > 100
    assert all(s["url"].startswith("http") for s in sources)


def test_sources_of_one_record(cli):
    cited = cli.json("sources", "new-start")
    assert [s["id"] for s in cited] == [s["id"] for s in cli.json("show", "new-start")["sources"]]


def test_about_reports_counts_and_facts_as_of(cli):
    about = cli.json("about")
    assert about["counts"]["treaty"] >= 18
    assert about["facts_as_of"] >= "2026-11-01"
