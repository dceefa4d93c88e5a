"""Source tiers: every source has one, sources print best first, `check` reports the shares."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

TIERS = ["primary", "specialist", "major-news", "reference", "other"]

PUBLISHERS = """\
publishers:
  - id: us-state-department
    name: U.S. Department of State
    tier: primary
    domains: [state.gov]
  - id: wikipedia
    name: Wikipedia
    tier: reference
    domains: [en.wikipedia.org]
  - id: reuters
    name: Reuters
    tier: major-news
    domains: [reuters.com]
"""

MORE_SOURCES = """\
  - id: src-state
    publisher: U.S. Department of State
    title: Fact sheet
    url: https://2009-2017.state.gov/t/avc/rls/fact.htm
    accessed: "2026-11-01"
  - id: src-wiki
    publisher: Wikipedia
    title: Test Treaty
    url: https://en.wikipedia.org/wiki/Test_Treaty
    accessed: "2026-11-01"
  - id: src-archived
    publisher: Reuters (archived copy)
    title: Talks end
    url: https://web.archive.org/web/2019/https://www.reuters.com/article/talks
    accessed: "2026-11-01"
"""


@pytest.fixture
def tiered(mini: Path) -> Path:
    """The mini fact base with a publisher table and a source of each kind."""
    (mini / "publishers.yaml").write_text(PUBLISHERS)
    sources = mini / "sources.yaml"
    sources.write_text(sources.read_text() + MORE_SOURCES)
    return mini


def _cite(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def _tiers(sources: list[dict]) -> dict[str, str]:
    return {s["id"]: s["tier"] for s in sources}


def test_every_bundled_source_has_a_tier(cli):
    sources = cli.json("sources")
    assert len(sources) > 1000
    assert {s["tier"] for s in sources} <= set(TIERS)
    assert {s["tier"] for s in sources} == set(TIERS)


def test_a_source_takes_its_tier_from_the_publisher_table_by_host(cli, tiered):
    tiers = _tiers(cli.json("sources", "--facts", str(tiered)))
    assert tiers["src-state"] == "primary"  # a subdomain of state.gov
    assert tiers["src-wiki"] == "reference"
    assert tiers["src-one"] == "other"  # example.org is in no publisher's domains


def test_an_archived_copy_is_classified_by_the_page_it_archives(cli, tiered):
    assert _tiers(cli.json("sources", "--facts", str(tiered)))["src-archived"] == "major-news"


def test_a_source_may_override_its_tier_with_a_reason(cli, tiered):
    _cite(
        tiered,
        "sources.yaml",
        "    url: https://example.org/warheads\n",
        "    url: https://example.org/warheads\n    tier: specialist\n"
        "    tier_reason: The institute's own yearbook table.\n",
    )
    source = cli.json("show", "src-two", "--facts", str(tiered))
    assert source["tier"] == "specialist"
    assert source["tier_reason"] == "The institute's own yearbook table."


def test_a_tier_override_without_a_reason_is_an_error(cli, tiered):
    _cite(
        tiered,
        "sources.yaml",
        "    url: https://example.org/warheads\n",
        "    url: https://example.org/warheads\n    tier: specialist\n",
    )
    result = cli.run("check", str(tiered))
    assert result.exit_code == 3
    assert "src-two" in result.stderr and "tier_reason" in result.stderr


def test_an_unknown_tier_in_the_publisher_table_is_an_error(cli, tiered):
    _cite(tiered, "publishers.yaml", "tier: major-news", "tier: newspaper")
    result = cli.run("check", str(tiered))
    assert result.exit_code == 3
    assert "publishers.yaml: reuters: tier:" in result.stderr


def test_a_host_claimed_by_two_publishers_is_an_error(cli, tiered):
    _cite(tiered, "publishers.yaml", "domains: [reuters.com]", "domains: [state.gov]")
    result = cli.run("check", str(tiered))
    assert result.exit_code == 3
    assert "state.gov" in result.stderr and "us-state-department" in result.stderr


def test_a_record_lists_its_sources_best_tier_first(cli, tiered):
    _cite(tiered, "events.yaml", "sources: [src-one]", "sources: [src-one, src-wiki, src-state]")
    event = cli.json("show", "test-summit-2002", "--facts", str(tiered))
    assert [s["id"] for s in event["sources"]] == ["src-state", "src-wiki", "src-one"]
    assert [s["tier"] for s in event["sources"]] == ["primary", "reference", "other"]
    listed = cli.json("sources", "test-summit-2002", "--facts", str(tiered))
    assert [s["id"] for s in listed] == ["src-state", "src-wiki", "src-one"]


def test_the_record_view_prints_sources_in_tier_order_with_their_tier(cli, tiered):
    _cite(tiered, "events.yaml", "sources: [src-one]", "sources: [src-one, src-state]")
    out = cli.run("show", "test-summit-2002", "--facts", str(tiered), "-f", "table").stdout
    assert out.index("[src-state]") < out.index("[src-one]")
    assert "1. primary · U.S. Department of State" in out


def test_a_record_whose_best_source_is_other_says_so(cli, tiered):
    out = cli.run("show", "test-summit-2002", "--facts", str(tiered), "-f", "table").stdout
    assert "No primary, specialist, news or reference source" in out


def test_the_bibliography_is_in_tier_order(cli, tiered):
    listed = cli.json("sources", "--facts", str(tiered))
    ranks = [TIERS.index(s["tier"]) for s in listed]
    assert ranks == sorted(ranks)
    primary = [s["id"] for s in listed if s["tier"] == "primary"]
    assert primary == sorted(primary) and "src-state" in primary


def test_sources_filters_by_tier(cli, tiered):
    listed = cli.json("sources", "--tier", "primary,reference", "--facts", str(tiered))
    ids = {s["id"] for s in listed}
    assert {"src-state", "src-wiki"} <= ids and "src-one" not in ids
    assert {s["tier"] for s in listed} == {"primary", "reference"}
    cited = cli.json("sources", "test-summit-2002", "--tier", "primary", "--facts", str(tiered))
    assert cited == []


def test_sources_rejects_an_unknown_tier_in_one_line(cli):
    line = cli.fails(2, "sources", "--tier", "primary,blog")
    assert "blog" in line and "major-news" in line


def test_the_sources_table_has_a_tier_column(cli, tiered):
    out = cli.run("sources", "--facts", str(tiered), "--format", "csv").stdout
    header = out.splitlines()[0].split(",")
    assert header[0] == "id" and "tier" in header  # CSV carries every field the JSON does


def test_check_reports_the_share_of_records_by_best_source_tier(cli, tiered):
    _cite(tiered, "events.yaml", "sources: [src-one]", "sources: [src-one, src-state]")
    summary = cli.json("check", str(tiered))
    events = summary["tiers"]["events"]
    assert events["records"] == 2
    assert events["best"] == {"primary": 1, "specialist": 0, "major-news": 0, "reference": 0,
                              "other": 1}  # fmt: skip
    assert events["share"]["primary"] == 0.5
    table = cli.run("check", str(tiered)).stdout
    assert "events by best source" in table


def test_check_strict_sources_fails_on_a_summit_with_nothing_above_reference(cli, tiered):
    _cite(tiered, "events.yaml", "sources: [src-one]", "sources: [src-wiki]")
    result = cli.run("check", str(tiered), "--strict-sources")
    assert result.exit_code == 3
    assert "nothing above reference" in result.stderr


def test_check_strict_sources_passes_when_every_key_record_has_a_better_source(cli, tiered):
    for old in ("sources: [src-one]",) * 2:
        _cite(tiered, "events.yaml", old, "sources: [src-state]")
    _cite(tiered, "treaties.yaml", "sources: [src-one]", "sources: [src-state]")
    result = cli.run("check", str(tiered), "--strict-sources")
    assert result.exit_code == 0, result.stderr


def test_a_listing_with_sources_lists_them_best_tier_first(cli, tiered):
    path = tiered / "events.yaml"
    first, second = path.read_text().rsplit("sources: [src-one]", 1)
    path.write_text(first + "sources: [src-state]" + second)  # the later event cites a primary
    args = ("timeline", "2002", "2003", "--sources", "--facts", str(tiered))
    out = cli.run(*args, "-f", "table").stdout
    assert out.index("[src-state]") < out.index("[src-one]")
    piped = cli.run(*args).stdout  # to a pipe: one source a line after the records, in order
    assert piped.index("src-state\t") < piped.index("src-one\t")


# --- found by a newcomer's run through issue 14 ---------------------------------------------------


def test_the_publisher_table_ranks_papers_and_archives_as_a_newsroom_would(cli):
    """National papers and broadcasters are major-news whatever their domain; national-library
    and university archives are specialist (as Papers Past already is)."""
    tiers = _tiers(cli.json("sources"))
    expected = {
        "zeit-1961-44-lightner": "major-news",  # Die Zeit, German national weekly
        "independent-geneva-talks-2026-02": "major-news",  # The Independent's own domain
        "inews-biden-putin-call-2022-02": "major-news",  # the i, UK national daily
        "thenational-nato-2008": "major-news",  # The National (UAE), its own CDN host
        "tgcom24-helsinki-2018-07-16": "major-news",  # Mediaset's national news channel
        "voteview-1997-s51-cwc": "specialist",  # UCLA's roll-call database
        "utoronto-fp-1997-06-12": "specialist",  # University of Toronto G7 archive
        "trove-1942-06-12-soviet-us-pact": "specialist",  # National Library of Australia
        "paperspast-1986-09-19": "specialist",  # its New Zealand counterpart, unchanged
    }
    assert {k: tiers.get(k) for k in expected} == expected


def _ranked(sources: list[dict]) -> bool:
    ranks = [TIERS.index(s["tier"]) for s in sources]
    return ranks == sorted(ranks)


def test_compare_rows_list_their_sources_best_tier_first(cli):
    rows = cli.json("compare", "arsenal")
    assert [r["year"] for r in rows if not _ranked(r["sources"])] == []
    for metric in ("deployed-strategic-warheads", "warhead-stockpile", "us-russia-goods-trade"):
        rows = cli.json("compare", "figure", metric)
        assert [r["date"] for r in rows if not _ranked(r["sources"])] == [], metric


def test_sources_of_a_metric_are_the_sources_of_its_figures_best_first(cli):
    rows = cli.json("compare", "figure", "us-exports-to-russia")
    behind = {s["id"] for row in rows for s in row["sources"]}
    listed = cli.json("sources", "us-exports-to-russia")
    assert {s["id"] for s in listed} == behind and len(listed) == len(behind)
    assert _ranked(listed) and listed[0]["tier"] == "primary"


def test_sources_says_on_stderr_when_a_records_best_source_is_other(cli, tiered):
    result = cli.run("sources", "test-summit-2002", "--facts", str(tiered), "--json")
    assert result.exit_code == 0
    assert [s["tier"] for s in json.loads(result.stdout)] == ["other"]
    assert result.stderr == (
        "test-summit-2002: best source is other (a copy, blog or aggregator); no primary, "
        "specialist, major-news or reference source is cited\n"
    )


def test_sources_says_on_stderr_when_the_tier_filter_leaves_nothing(cli, tiered):
    result = cli.run(
        "sources", "test-summit-2002", "--tier", "primary,specialist", "--facts", str(tiered),
        "--json",
    )  # fmt: skip
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert result.stderr == (
        "test-summit-2002 cites no primary or specialist source; its best source is other "
        "(1 source; drop --tier to list it)\n"
    )


def test_sources_is_quiet_when_the_best_source_is_good(cli, tiered):
    _cite(tiered, "events.yaml", "sources: [src-one]", "sources: [src-one, src-state]")
    result = cli.run("sources", "test-summit-2002", "--facts", str(tiered), "--json")
    assert result.exit_code == 0 and result.stderr == ""


def test_check_names_the_key_records_and_figure_series_short_of_a_newsroom_source(cli, tiered):
    """The table says which records and series fall short, not only how many, in the tiers'
    own words (major-news, not news)."""
    _cite(tiered, "events.yaml", "sources: [src-one]", "sources: [src-wiki]")
    summary = cli.json("check", str(tiered))
    weak = summary["tiers"]["key_records"]["nothing_above_reference"]
    short = [k for k, s in summary["tiers"]["figure_series"].items()
             if s["newsroom_sourced"] < s["figures"]]  # fmt: skip
    assert weak and short
    table = cli.run("check", str(tiered), "-f", "csv").stdout
    rows = {row["item"]: row["value"] for row in csv.DictReader(io.StringIO(table))}
    assert rows["key records citing primary, specialist or major-news"].endswith(
        f"; not: {', '.join(weak)}"
    )
    named = rows["figure series not all citing primary, specialist or major-news"]
    assert [part.split(" ")[0] for part in named.split(" · ")] == short


def test_coverage_lists_every_event_and_person_whose_best_source_is_other(cli):
    """docs/COVERAGE.md promises the list of events and people still resting on `other`."""
    from conftest import REPO

    coverage = (REPO / "docs" / "COVERAGE.md").read_text()
    everything = cli.json("export", "--format", "json")
    for name, label in (("events", "events"), ("people", "people")):
        weak = sorted(r["id"] for r in everything[name] if r["sources"][0]["tier"] == "other")
        found = re.search(rf"^- (\d+) {label}: (.*?)\.(?: |$)", coverage, flags=re.M | re.S)
        assert found, label
        listed = re.findall(r"`([a-z0-9-]+)`", found.group(2))
        assert (int(found.group(1)), listed) == (len(weak), weak), label


# --- originals over mirrors -----------------------------------------------------------------------


def _copies_beside_originals(record: dict) -> list[tuple[str, str]]:
    """(copy, original) pairs in one record: same title, the copy tiered `other`, the original
    better, and the copy's publisher naming the original's (e.g. "Wikipedia (mirror)")."""
    pairs = []
    for copy in record["sources"]:
        for original in record["sources"]:
            if (
                copy["tier"] == "other"
                and original["tier"] != "other"
                and copy["title"].casefold() == original["title"].casefold()
                and original["publisher"].casefold() in copy["publisher"].casefold()
            ):
                pairs.append((copy["id"], original["id"]))
    return pairs


def test_no_record_cites_a_copy_beside_its_original(cli):
    records = cli.json("timeline", "1900", "2030", "--sources")
    assert len(records) > 400
    found = {r["id"]: p for r in records if (p := _copies_beside_originals(r))}
    assert found == {}


@pytest.mark.parametrize(
    ("record", "copy"),
    [
        ("geneva-summit-1985", "wiki-mirror-geneva-summit-1985"),
        ("geneva-summit-1985", "pwojczyn-geneva-summit-1985"),
        ("tehran-conference-1943", "encycloreader-list-ussr-us-summits"),
        ("yalta-conference-1945", "encycloreader-list-ussr-us-summits"),
        ("camp-david-summit-1959", "infogalactic-list-ussr-us-summits"),
        ("vienna-summit-1979", "wiki-mirror-geneva-summit-1985"),
        ("able-archer-1983", "wiki-2009-able-archer-83"),
    ],
)
def test_records_cite_the_original_not_the_mirror(cli, record, copy):
    assert copy not in {s["id"] for s in cli.json("sources", record)}


def test_sources_of_the_derived_trade_total_are_those_of_its_parts(cli):
    """`us-russia-goods-trade` is computed, not stored: its id must still resolve to the metric
    (it used to match two sources whose titles mention US-Russia trade)."""
    result = cli.run("sources", "us-russia-goods-trade", "--json")
    assert result.exit_code == 0, result.stderr
    listed = json.loads(result.stdout)
    parts = {
        s["id"]
        for metric in ("us-exports-to-russia", "us-imports-from-russia")
        for s in cli.json("sources", metric)
    }
    assert {s["id"] for s in listed} == parts and len(listed) == len(parts)
    assert _ranked(listed)
