"""usrufacts cite: references to paste, in every style, built from CSL-JSON.

Golden files are in tests/golden/cite/; regenerate them deliberately with
``uv run pytest tests/test_cite.py --update-goldens`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, Cli

from usrufacts import citations

GOLDEN = Path(__file__).parent / "golden" / "cite"
OVERLAY = FIXTURES / "cite"
RECORDS = ("golden-government-page", "golden-news-story", "golden-wikipedia-article")
SUFFIX = {"bibtex": "bib", "ris": "ris", "csl-json": "json"}


def cite(cli: Cli, *args: str, stdin: str | None = None) -> str:
    from typer.testing import CliRunner

    from usrufacts.cli import app

    result = CliRunner().invoke(app, ["cite", *args, "--facts", str(OVERLAY)], input=stdin)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("style", citations.STYLES)
def test_each_style_matches_its_golden_file(cli: Cli, style: str, update_goldens: bool) -> None:
    """The three source shapes (government page, news story, Wikipedia) in every style."""
    out = cite(cli, *RECORDS, "--style", style)
    golden = GOLDEN / f"{style}.{SUFFIX.get(style, 'txt')}"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert golden.exists(), f"{golden} missing: run with --update-goldens and review"
    assert out == golden.read_text(encoding="utf-8")


def test_csl_json_validates_against_the_csl_schema(cli: Cli) -> None:
    import jsonschema

    schema = json.loads((FIXTURES / "csl" / "csl-data.json").read_text(encoding="utf-8"))
    items = json.loads(cite(cli, *RECORDS, "--style", "csl-json"))
    jsonschema.validate(items, schema)
    assert [i["type"] for i in items] == ["webpage", "article-newspaper", "entry-encyclopedia"]
    assert items[0]["accessed"] == {"date-parts": [[2026, 11, 25]]}


def test_the_csl_schema_copy_rejects_what_csl_forbids() -> None:
    """The schema file is really checking: an unknown type and an unknown field fail."""
    import jsonschema

    schema = json.loads((FIXTURES / "csl" / "csl-data.json").read_text(encoding="utf-8"))
    for bad in ([{"id": "x", "type": "web-page"}], [{"id": "x", "type": "webpage", "url": "u"}]):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


def test_apa_reference_names_publisher_title_access_date_and_url(cli: Cli) -> None:
    out = cite(cli, "golden-government-page")
    assert out == (
        "U.S. Department of State. (n.d.). New START Treaty Aggregate Numbers of Strategic "
        "Offensive Arms (data as of March 1, 2023). Retrieved November 25, 2026, from "
        "https://www.state.gov/new-start-treaty-aggregate-numbers-of-strategic-offensive-arms-5/\n"
    )


def test_helsinki_sources_paste_as_markdown_footnotes(cli: Cli) -> None:
    """What went wrong: the Helsinki 2018 sources could not be pasted into a footnote."""
    result = cli.run("cite", "helsinki-summit-2018", "--format", "md", "--style", "chicago")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(cli.json("show", "helsinki-summit-2018")["sources"])
    assert [line.split(" ")[0] for line in lines] == [f"[^{n}]:" for n in range(1, len(lines) + 1)]
    assert any("*Wikipedia*" in line for line in lines)  # container titles in italics


def test_best_sources_come_first_whatever_order_records_are_named(cli: Cli) -> None:
    """Government page (primary), news story (major-news), Wikipedia (reference)."""
    backward = cite(cli, *reversed(RECORDS), "--style", "csl-json")
    assert [i["id"] for i in json.loads(backward)] == [
        "golden-state-new-start-numbers",
        "golden-reuters-trade-factbox",
        "golden-wiki-helsinki-summit",
    ]
    tiers = []
    for record in RECORDS:
        result = cli.run("sources", record, "--json", "--facts", str(OVERLAY))
        tiers += [s["tier"] for s in json.loads(result.stdout)]
    assert tiers == ["primary", "major-news", "reference"]


def test_a_source_cited_twice_is_listed_once(cli: Cli) -> None:
    out = cite(cli, "golden-news-story", "golden-news-story", "golden-reuters-trade-factbox")
    assert len(out.splitlines()) == 1


def test_better_tiers_come_first_when_sources_have_tiers() -> None:
    sources = [
        {"id": "wiki", "tier": "reference"},
        {"id": "news", "tier": "major-news"},
        {"id": "blog", "tier": "other"},
        {"id": "gov", "tier": "primary"},
        {"id": "news", "tier": "major-news"},
    ]
    order = [s["id"] for s in citations.order_sources(sources)]
    assert order == ["gov", "news", "wiki", "blog"]


def test_ids_are_read_from_stdin_one_a_line(cli: Cli) -> None:
    piped = cite(cli, "-", "--style", "mla", stdin="golden-news-story\n\ngolden-government-page\n")
    named = cite(cli, "golden-news-story", "golden-government-page", "--style", "mla")
    assert piped == named


def test_comment_lines_on_stdin_are_skipped_as_in_show(cli: Cli) -> None:
    piped = cite(cli, "-", stdin="# for the Helsinki piece\ngolden-news-story\n")
    assert piped == cite(cli, "golden-news-story")


def test_an_unknown_id_on_stdin_is_named_by_line_and_the_others_still_cited(cli: Cli) -> None:
    from typer.testing import CliRunner

    from usrufacts.cli import app

    result = CliRunner().invoke(
        app,
        ["cite", "-", "--facts", str(OVERLAY)],
        input="golden-news-story\nno-such-record\n",
    )
    assert result.exit_code == 1
    assert result.stdout == cite(cli, "golden-news-story")
    assert result.stderr.splitlines() == [
        "usrufacts: error: line 2: no record named 'no-such-record' "
        "('usrufacts search' lists them)",
        "usrufacts: error: 1 of 2 lines not found (see above)",
    ]


def test_json_is_short_for_format_json_as_everywhere(cli: Cli) -> None:
    assert cite(cli, "golden-news-story", "--json") == cite(
        cli, "golden-news-story", "--format", "json"
    )


def test_a_json_listing_piped_in_is_cited(cli: Cli) -> None:
    listing = json.dumps([{"id": "golden-wikipedia-article", "type": "event"}])
    assert cite(cli, "-", stdin=listing) == cite(cli, "golden-wikipedia-article")


def test_bibtex_reads_back_with_pybtex(cli: Cli) -> None:
    from pybtex.database import parse_string

    data = parse_string(cite(cli, *RECORDS, "--style", "bibtex"), "bibtex")
    news = data.entries["golden-reuters-trade-factbox"]
    assert news.type == "article"
    assert news.fields["journal"] == "Reuters"
    assert news.fields["urldate"] == "2026-11-25"
    wiki_url = data.entries["golden-wiki-helsinki-summit"].fields["url"]
    assert wiki_url == "https://en.wikipedia.org/wiki/2018_Russia%E2%80%93United_States_summit"


def test_ris_reads_back_with_rispy(cli: Cli) -> None:
    import rispy

    entries = rispy.loads(cite(cli, *RECORDS, "--style", "ris"))
    assert [e["type_of_reference"] for e in entries] == ["ELEC", "NEWS", "ENCYC"]
    assert entries[1]["secondary_title"] == "Reuters"


def test_json_format_pairs_each_source_with_its_reference(cli: Cli) -> None:
    rows = json.loads(cite(cli, "golden-news-story", "--format", "json", "--style", "harvard"))
    assert [r["id"] for r in rows] == ["golden-reuters-trade-factbox"]
    assert rows[0]["reference"].startswith("Reuters (no date) ‘FACTBOX")


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (("new-start", "--style", "vancouver"), 2, "unknown style 'vancouver'"),
        (("new-start", "--format", "html"), 2, "unknown format 'html'"),
        (("new-start", "--style", "bibtex", "--format", "md"), 2, "needs a prose style"),
        (("no-such-record",), 1, "no record named 'no-such-record'"),
    ],
)
def test_bad_input_is_one_line_and_an_exit_code(
    cli: Cli, args: tuple[str, ...], code: int, says: str
) -> None:
    assert says in cli.fails(code, "cite", *args)


def test_nothing_on_stdin_is_a_usage_error(cli: Cli) -> None:
    from typer.testing import CliRunner

    from usrufacts.cli import app

    result = CliRunner().invoke(app, ["cite", "-"], input="")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "usrufacts: error: no ids to cite: name records, or pipe ids into 'cite -'\n"
    )


def test_a_metric_cites_the_sources_of_all_its_figures(cli: Cli) -> None:
    """What a chart of the metric rests on: the command its source line names."""
    items = json.loads(cite(cli, "warhead-stockpile", "--style", "csl-json"))
    rows = cli.json("compare", "figure", "warhead-stockpile")
    expected = {s["id"] for row in rows for s in row["sources"]}
    assert len(items) == len(expected)
    assert {item["id"] for item in items} == expected


@pytest.mark.parametrize(
    ("title", "style", "expected"),
    [
        ("Russian diplomats leave U.S.", "chicago", "“Russian Diplomats Leave U.S.”"),
        ("Russian diplomats leave U.S.", "mla", "“Russian Diplomats Leave U.S.”"),
        ("Will they meet?", "chicago", "“Will They Meet?” Reuters"),
        ("Talks end.", "harvard", "‘Talks end.’, Reuters"),
    ],
)
def test_a_title_s_own_final_punctuation_is_not_doubled(
    title: str, style: str, expected: str
) -> None:
    source = {"id": "x", "publisher": "Reuters", "title": title, "url": "https://www.reuters.com/x",
              "accessed": "2026-11-25"}  # fmt: skip
    (reference,) = citations.references(citations.csl_items([source]), style)
    assert expected in reference
    assert ".." not in reference and "?." not in reference
