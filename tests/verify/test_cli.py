"""``usrufacts verify`` through the real CLI: what a writer sees and a script parses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FALSE_AND_TRUE = (
    "In 1986 the Soviet Union had 70,000 nuclear warheads.\n"
    "New START was signed in Prague on April 8, 2010.\n"
)


def draft(tmp_path: Path, text: str, name: str = "draft.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def claims(cli: Any, *args: str) -> list[dict[str, Any]]:
    result = cli.run("verify", *args, "--json")
    assert result.exit_code in (0, 1), result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def test_soviet_70000_warheads_in_1986_is_contradicted_with_the_record_value(
    cli: Any, tmp_path: Path
) -> None:
    """The issue's first example: 70,000 was about the world's total."""
    (claim,) = claims(cli, str(draft(tmp_path, FALSE_AND_TRUE)))
    assert claim["verdict"] == "contradicted"
    assert claim["record"] == "warhead-stockpile-ru-1986"
    assert claim["claimed"] == 70000
    assert claim["expected"] == [40159, 45000]
    assert (claim["line"], claim["column"]) == (1, 30)


def test_json_objects_carry_the_documented_keys(cli: Any, tmp_path: Path) -> None:
    (claim,) = claims(cli, str(draft(tmp_path, FALSE_AND_TRUE)))
    assert list(claim)[:11] == [
        "path", "line", "column", "text", "verdict", "record", "field", "claimed",
        "expected", "tolerance", "sources",
    ]  # fmt: skip
    assert claim["sources"][0]["url"].startswith("http")
    assert claim["tolerance"] == "±5,000 (written rounded)"


def test_all_adds_supported_claims(cli: Any, tmp_path: Path) -> None:
    found = claims(cli, str(draft(tmp_path, FALSE_AND_TRUE)), "--all")
    assert [(c["verdict"], c["record"], c["field"]) for c in found] == [
        ("contradicted", "warhead-stockpile-ru-1986", "value"),
        ("supported", "new-start", "signed"),
    ]


def test_exit_1_when_a_claim_is_contradicted_and_0_when_none_is(cli: Any, tmp_path: Path) -> None:
    assert cli.run("verify", str(draft(tmp_path, FALSE_AND_TRUE))).exit_code == 1
    true_only = draft(tmp_path, "New START was signed in Prague on April 8, 2010.\n", "ok.md")
    result = cli.run("verify", str(true_only))
    assert result.exit_code == 0
    assert result.stdout == ""


def test_piped_output_is_one_lint_line_per_finding(cli: Any, tmp_path: Path) -> None:
    path = draft(tmp_path, FALSE_AND_TRUE)
    result = cli.run("verify", str(path))
    assert result.stdout.splitlines() == [
        f'{path}:1:30: contradicted: "In 1986 the Soviet Union had 70,000 nuclear warheads." '
        "— the record has 40,159 / 45,000 warheads (RU, 1986; sources disagree) "
        "[warhead-stockpile-ru-1986]"
    ]
    assert result.stderr == "2 claims in 1 file: 1 contradicted, 1 supported\n"


def test_stdin_is_read_with_a_dash() -> None:
    from typer.testing import CliRunner

    from usrufacts.cli import app

    result = CliRunner().invoke(
        app, ["verify", "-", "--format", "lint"], input="START I was signed in 1993.\n"
    )
    assert result.exit_code == 1
    assert result.stdout.startswith('-:1:23: contradicted: "START I was signed in 1993."')
    assert "1991-07-31" in result.stdout


def test_several_files_a_folder_and_a_glob(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    draft(folder, "The INF Treaty was signed on December 8, 1988.\n", "a.md")
    draft(folder, "The INF Treaty was signed on December 8, 1987.\n", "b.txt")
    by_folder = claims(cli, str(folder), "--all")
    by_glob = claims(cli, str(folder / "*.md"), str(folder / "b.txt"), "--all")
    assert [(Path(c["path"]).name, c["verdict"]) for c in by_folder] == [
        ("a.md", "contradicted"),
        ("b.txt", "supported"),
    ]
    assert by_glob == by_folder


def test_table_on_a_terminal_format_shows_the_claim_and_the_record(
    cli: Any, tmp_path: Path
) -> None:
    result = cli.run("verify", str(draft(tmp_path, FALSE_AND_TRUE)), "--format", "table")
    assert result.exit_code == 1
    assert "contradicted" in result.stdout
    assert "40,159 / 45,000" in result.stdout
    assert "New START" not in result.stdout  # supported claims only with --all


def test_explain_says_which_words_linked_the_claim(cli: Any, tmp_path: Path) -> None:
    result = cli.run("verify", str(draft(tmp_path, FALSE_AND_TRUE)), "--explain", "-f", "lint")
    lines = result.stdout.splitlines()
    assert "    'nuclear warheads' point to warhead-stockpile" in lines[2]
    assert "    'Soviet Union' means RU" in lines
    assert "    the year is 1986" in lines


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("See page 12 of the New START report.", "a page, section or other reference number"),
        ("Putin, 72, told reporters New START was finished.", "an age"),
        ("Putin claimed Russia had 10,000 deployed warheads in 2022.", "reports what someone"),
        ("In a 2019 poll, 62% of Americans backed New START.", "a percentage"),
        ("Call 202-555-0143 about New START in 2011.", None),
    ],
)
def test_numbers_that_are_not_claims_are_skipped_and_explained(
    cli: Any, tmp_path: Path, text: str, reason: str | None
) -> None:
    result = cli.run("verify", str(draft(tmp_path, text + "\n")), "--explain", "-f", "json")
    assert result.exit_code == 0, result.stdout
    found = json.loads(result.stdout)
    assert all(c["verdict"] in ("skipped", "unclear") for c in found)
    if reason is not None:
        assert any(reason in (c["note"] or "") for c in found)


def test_a_markdown_code_block_is_not_read(cli: Any, tmp_path: Path) -> None:
    text = "Our constant:\n\n```python\nNEW_START_WARHEADS = 1500  # New START, signed 2011\n```\n"
    assert claims(cli, str(draft(tmp_path, text)), "--all", "--explain") == []


def test_a_missing_file_is_one_line_and_exit_2(cli: Any, tmp_path: Path) -> None:
    line = cli.fails(2, "verify", str(tmp_path / "nope.md"))
    assert line == f"usrufacts: error: {tmp_path / 'nope.md'}: no such file"


def test_a_file_that_is_not_utf8_is_one_line_and_exit_2(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Gorbatchev \xe9tait l\xe0 en 1986.".encode("latin-1"))
    line = cli.fails(2, "verify", str(path))
    assert "not UTF-8 text" in line


def test_an_unknown_format_is_one_line_and_exit_2(cli: Any, tmp_path: Path) -> None:
    line = cli.fails(2, "verify", str(draft(tmp_path, FALSE_AND_TRUE)), "--format", "xml")
    assert "unknown format 'xml'" in line
    assert "lint" in line


def test_a_bad_fact_base_exits_3(cli: Any, tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "events.yaml").write_text("events:\n- id: Not A Slug\n")
    cli.fails(3, "verify", str(draft(tmp_path, FALSE_AND_TRUE)), "--facts", str(facts))


def test_help_has_examples(cli: Any) -> None:
    result = cli.run("verify", "--help")
    assert result.exit_code == 0
    assert "Examples: usrufacts verify draft.md" in " ".join(result.stdout.split())


@pytest.mark.parametrize(
    "text",
    [
        "By 1986 the world held about 70,000 nuclear warheads.",
        "China has about 600 warheads, Russia 5,580.",
        "Russia had 1,912 non-strategic warheads in 2022.",
        "The US stockpile fell by 1,000 warheads in 2019.",
        "New START was extended until 2026.",
        "Trump announced in October 2018 that the US would withdraw from the INF Treaty.",
        "The hotline was set up in 1963 after the Cuban Missile Crisis of 1962.",
        "Obama and Putin met at the UN in 2015.",
        "Putin met Xi in Moscow in 2023.",
        "In a 2019 poll, 62% of Americans supported extending New START.",
        "> In 1986 the Soviet Union had 70,000 nuclear warheads.",
        "Notes <!-- New START was signed in 2011 --> follow.",
        "Russia's arsenal shrank from 40,000 warheads in 1986 to 5,977 in 2022.",
        "The deployed US arsenal in 2022 was 1,644 warheads, Russia's 1,588.",
    ],
)
def test_what_is_not_a_claim_about_the_record_is_never_contradicted(
    cli: Any, tmp_path: Path, text: str
) -> None:
    found = claims(cli, str(draft(tmp_path, text + "\n")), "--all")
    assert [c for c in found if c["verdict"] == "contradicted"] == []


@pytest.mark.parametrize(
    ("text", "record", "expected"),
    [
        ("New START caps deployed warheads at 1,500.", "new-start", 1550),
        ("The Senate approved New START by a vote of 98–2.", "new-start", [71, 26]),
        ("Russia suspended New START in February 2022.", "new-start", "2023-02-21"),
        ("In 2022 the US had 5,977 nuclear warheads.", "warhead-stockpile-us-2022", 5428),
        ("US exports to Russia topped $10 billion in 2015.", "us-exports-to-russia-us-2015", 7100),
        ("Trump and Putin met at the UN in 2018.", "trump-putin-call-2018-02-12", None),
        ("New START limited launchers to 700.", "new-start", 800),
        ("The treaty New START was signed in 2010. The treaty entered into force in 2012.",
         "new-start", "2011-02-05"),
    ],
)  # fmt: skip
def test_false_claims_are_contradicted_with_the_record_value(
    cli: Any, tmp_path: Path, text: str, record: str, expected: Any
) -> None:
    (claim,) = claims(cli, str(draft(tmp_path, text + "\n")))
    assert (claim["verdict"], claim["record"]) == ("contradicted", record)
    if expected is not None:
        assert claim["expected"] == expected


def test_words_without_a_number_or_date_are_not_judged(cli: Any, tmp_path: Path) -> None:
    """The issue's trade example: "rebounded" is not a figure."""
    text = "US–Russia trade rebounded after the war began, and New START was praised.\n"
    result = cli.run("verify", str(draft(tmp_path, text)), "--all", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_a_contradicted_limit_names_the_limit_the_number_belongs_to(
    cli: Any, tmp_path: Path
) -> None:
    (claim,) = claims(cli, str(draft(tmp_path, "New START limited launchers to 700.\n")))
    assert claim["note"] == "700 is its limit on Deployed ICBMs, SLBMs and heavy bombers"


def test_csv_has_one_row_per_claim_with_its_path(cli: Any, tmp_path: Path) -> None:
    path = draft(tmp_path, FALSE_AND_TRUE)
    result = cli.run("verify", str(path), "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[0] == "path,line,column,text,verdict,record,field,claimed,expected,shown"
    assert lines[1].startswith(f"{path},1,30,")
    assert len(lines) == 2


def test_an_overlay_adds_its_own_vocabulary(cli: Any, tmp_path: Path) -> None:
    overlay = tmp_path / "overlay"
    (overlay / "vocabulary").mkdir(parents=True)
    (overlay / "people.yaml").write_text("people: []\n")
    (overlay / "vocabulary" / "verify.yaml").write_text(
        "events:\n  sputnik-1957: [the beep heard round the world]\n"
    )
    path = draft(tmp_path, "The beep heard round the world came in 1958.\n")
    assert claims(cli, str(path), "--all") == []
    (claim,) = claims(cli, str(path), "--facts", str(overlay))
    assert (claim["verdict"], claim["record"], claim["expected"]) == (
        "contradicted",
        "sputnik-1957",
        "1957-10-04",
    )


def test_a_relative_date_is_left_unclear(cli: Any, tmp_path: Path) -> None:
    text = "The INF Treaty was signed in 1987 and ratified the following year.\n"
    found = claims(cli, str(draft(tmp_path, text)), "--all")
    assert [(c["verdict"], c["text"][-19:]) for c in found][1] == (
        "unclear",
        "the following year.",
    )
    assert found[1]["note"].startswith("a relative date")


def test_the_date_two_leaders_agreed_to_extend_a_treaty_is_their_call_not_the_extension(
    cli: Any, tmp_path: Path
) -> None:
    """A writer's true sentence was flagged against New START's extension date (2021-02-03):
    "agreed to extend" is an intention, so the date is the call's."""
    text = "Biden and Putin spoke by phone on January 26, 2021, and agreed to extend New START.\n"
    path = draft(tmp_path, text)
    result = cli.run("verify", str(path), "--format", "lint", "--all")
    assert result.exit_code == 0, result.stdout
    assert "contradicted" not in result.stdout
    (claim,) = claims(cli, str(path), "--all")
    assert (claim["verdict"], claim["record"]) == ("supported", "biden-putin-call-2021-01-26")


def test_nearly_a_round_figure_a_little_below_the_record_is_unclear_and_says_why(
    cli: Any, tmp_path: Path
) -> None:
    """US 2024: 5,044 warheads (5,328 in another source). "nearly 5,000" is a rounding, not a
    contradiction; "close to" has no direction at all."""
    path = draft(tmp_path, "In 2024 the United States had nearly 5,000 nuclear warheads.\n")
    result = cli.run("verify", str(path), "--format", "lint", "--all")
    assert result.exit_code == 0, result.stdout
    assert "unclear" in result.stdout
    assert "a little above 5,000, which 'nearly' says it is under" in result.stdout
    close = draft(tmp_path, "In 2024 the United States held close to 5,000 nuclear warheads.\n")
    assert [c["verdict"] for c in claims(cli, str(close), "--all")] == ["supported"]
    far = draft(tmp_path, "In 2024 the United States had nearly 6,000 nuclear warheads.\n")
    assert cli.run("verify", str(far)).exit_code == 1


def test_a_date_after_a_semicolon_is_not_the_date_of_a_law_named_before_it(
    cli: Any, tmp_path: Path
) -> None:
    text = (
        "Section 231 of CAATSA targets Russia's arms sector; Executive Order 14024 of April "
        "2021 still frames most programs.\n"
    )
    result = cli.run("verify", str(draft(tmp_path, text)), "--format", "lint")
    assert result.exit_code == 0, result.stdout
    assert "caatsa-2017" not in result.stdout
