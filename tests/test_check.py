"""`usrufacts check` and the validator: every kind of broken fact base, named precisely."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO


def test_the_bundled_fact_base_is_valid(cli):
    summary = cli.json("check")
    assert summary["valid"] is True
    assert summary["sourced"]["share"] == 1.0
    assert summary["facts_as_of"] >= "2026-11-01"


def test_check_prints_counts_share_range_and_facts_as_of(cli):
    result = cli.run("check")
    assert result.exit_code == 0
    for item in (
        "treaties",
        "events",
        "figures",
        "records with a source",
        "date range",
        "facts as of",
    ):
        assert item in result.stdout


def test_the_fixture_fact_base_is_valid_on_its_own(cli, mini):
    summary = cli.json("check", str(mini))
    assert summary["counts"] == {
        "sources": 2, "people": 2, "treaties": 1, "events": 2, "metrics": 1, "figures": 3,
    }  # fmt: skip


def _edit(file: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / file
        text = path.read_text()
        assert old in text, old
        path.write_text(text.replace(old, new, 1))

    return apply


def _write(file: str, content: bytes) -> Callable[[Path], None]:
    return lambda folder: (folder / file).write_bytes(content)


BROKEN = {
    "malformed YAML": (
        _edit("events.yaml", "    kind: summit\n", "    kind: [summit\n"),
        ["events.yaml", "malformed YAML at line"],
    ),
    "duplicate id across files": (
        _edit("events.yaml", "id: test-call-2003", "id: test-treaty"),
        ["events.yaml", "test-treaty", "duplicate id", "treaties.yaml"],
    ),
    "dangling source": (
        _edit(
            "events.yaml",
            "sources: [src-one]\n  - id: test-call",
            "sources: [src-nine]\n  - id: test-call",
        ),
        ["events.yaml", "test-summit-2002", "sources", "unknown source id 'src-nine'"],
    ),
    "dangling person": (
        _edit(
            "events.yaml",
            "participants: [alice-adams, boris-bor]",
            "participants: [alice-adams, carl-cole]",
        ),
        ["events.yaml", "test-summit-2002", "participants", "unknown person id 'carl-cole'"],
    ),
    "unknown key": (
        _edit("events.yaml", "    place: Moscow\n", "    plaec: Moscow\n"),
        ["events.yaml", "test-summit-2002", "plaec", "unknown key"],
    ),
    "wrong type": (
        _edit("treaties.yaml", "value: 2200", 'value: "2,200"'),
        ["treaties.yaml", "test-treaty", "limits[0].value"],
    ),
    "impossible date": (
        _edit("events.yaml", 'date: "2003-03"', 'date: "2019-02-30"'),
        ["events.yaml", "test-call-2003", "date", "2019-02 has 28 days"],
    ),
    "end before start": (
        _edit("events.yaml", 'end: "2002-05-26"', 'end: "2002-05-20"'),
        ["events.yaml", "test-summit-2002", "end", "before"],
    ),
    "negative count": (
        _edit("treaties.yaml", "no: 0", "no: -3"),
        ["treaties.yaml", "test-treaty", "ratification[0].no", "greater than or equal to 0"],
    ),
    "limit without a unit": (
        _edit("treaties.yaml", "        unit: warheads\n", ""),
        ["treaties.yaml", "test-treaty", "limits[0].unit", "is required"],
    ),
    "empty file": (_write("people.yaml", b""), ["people.yaml", "is empty"]),
    "not UTF-8": (
        _write("people.yaml", "people:\n  - id: x\n    name: Caf\u00e9\n".encode("latin-1")),
        ["people.yaml", "not UTF-8"],
    ),
    "python object tag": (
        _write(
            "people.yaml",
            b"people: !!python/object/apply:os.system ['touch /tmp/usrufacts-pwned']\n",
        ),
        ["people.yaml", "malformed YAML", "python/object"],
    ),
    "unknown file": (
        _write("treatys.yaml", b"treaties: []\n"),
        ["treatys.yaml", "unknown fact file"],
    ),
    "figure with an unknown metric": (
        _edit(
            "figures.yaml",
            "metric: warhead-stockpile\n    country: us",
            "metric: warhead-stokpile\n    country: us",
        ),
        ["figures.yaml", "warhead-stokpile/us/1986", "metric", "unknown metric"],
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_check_names_file_record_and_field_of_each_problem(cli, mini, case):
    mutate, expected = BROKEN[case]
    mutate(mini)
    result = cli.run("check", str(mini))
    assert result.exit_code == 3, result.stdout  # cli.run: no exception escaped
    for fragment in expected:
        assert fragment in result.stderr, (fragment, result.stderr)


def test_a_python_tag_is_never_executed(cli, mini):
    marker = Path("/tmp/usrufacts-pwned")
    marker.unlink(missing_ok=True)
    BROKEN["python object tag"][0](mini)
    cli.run("check", str(mini))
    assert not marker.exists()


def test_check_reports_every_problem_in_one_run(cli, mini):
    """Three files, three problems, three lines (references are checked once the files
    themselves are valid, so each problem here is of the file-level kind)."""
    BROKEN["unknown key"][0](mini)
    BROKEN["wrong type"][0](mini)
    BROKEN["not UTF-8"][0](mini)
    result = cli.run("check", str(mini))
    assert result.exit_code == 3
    assert "plaec" in result.stderr
    assert "limits[0].value" in result.stderr
    assert "people.yaml" in result.stderr and "not UTF-8" in result.stderr


def test_a_huge_file_is_refused_quickly(cli, mini):
    with (mini / "events.yaml").open("a") as stream:
        stream.write("#" + "x" * (50 * 1024 * 1024) + "\n")
    started = time.monotonic()
    result = cli.run("check", str(mini))
    assert time.monotonic() - started < 10
    assert result.exit_code == 3
    assert "events.yaml" in result.stderr and "MB" in result.stderr


def test_other_commands_refuse_an_invalid_overlay_and_point_to_check(cli, mini):
    BROKEN["unknown key"][0](mini)
    line = cli.fails(3, "treaty", "new-start", "--facts", str(mini))
    assert "events.yaml" in line and "usrufacts check" in line


def test_an_overlay_record_overrides_the_bundled_one_and_says_where_from(cli, mini):
    (mini / "treaties.yaml").write_text(
        (mini / "treaties.yaml").read_text().replace("id: test-treaty", "id: new-start")
    )
    (mini / "events.yaml").write_text(
        (mini / "events.yaml").read_text().replace("related: [test-treaty]", "related: [new-start]")
    )
    record = cli.json("treaty", "new-start", "--facts", str(mini))
    assert record["name"] == "Test Treaty"
    assert record["origin"] == str(mini / "treaties.yaml")


def test_the_overlay_can_come_from_the_environment(cli, mini):
    result = cli.run("show", "test-summit-2002", "--json", env={"USRUFACTS_FACTS": str(mini)})
    assert json.loads(result.stdout)["title"] == "Adams–Bor summit in Moscow"


def test_schemas_in_the_repository_match_the_model(cli, tmp_path):
    result = cli.run("schema", "--output", str(tmp_path))
    assert result.exit_code == 0
    written = sorted(p.name for p in tmp_path.glob("*.schema.json"))
    assert written == sorted(p.name for p in (REPO / "facts" / "schema").glob("*.schema.json"))
    assert len(written) >= 5
    for path in sorted(tmp_path.glob("*.schema.json")):
        committed = REPO / "facts" / "schema" / path.name
        assert committed.read_text() == path.read_text(), f"regenerate {committed}"


def test_every_fact_file_points_editors_at_its_schema():
    files = sorted((REPO / "facts").glob("*.yaml"))
    assert len(files) >= 5
    for path in files:
        first = path.read_text().splitlines()[0]
        collection = path.name.split(".")[0]  # events.nato.yaml uses the events schema
        assert first == f"# yaml-language-server: $schema=schema/{collection}.schema.json", path


def test_a_collection_split_into_topic_files_loads_as_one(cli, mini):
    events = (mini / "events.yaml").read_text()
    head, first, second = events.split("\n  - id: ")
    (mini / "events.yaml").write_text(f"{head}\n  - id: {first}")
    (mini / "events.second.yaml").write_text(f"events:\n  - id: {second}")
    summary = cli.json("check", str(mini))
    assert summary["counts"]["events"] == 2


def test_check_and_about_give_the_date_range_earliest_first(cli):
    events = cli.json("timeline")
    days = sorted(e["date"] for e in events if not e.get("derived_from"))
    assert cli.json("check")["date_range"][0] == "1809-11-05" == days[0]
    assert cli.json("check")["date_range"][1] >= days[-1][:4]
    about = cli.json("about")["date_range"]
    assert about.split(" – ")[0] == "1809-11-05"
    assert about.split(" – ")[0] < about.split(" – ")[1]
    # The report a reader sees (one item a line to a pipe) says it the same way round.
    (line,) = [x for x in cli.run("check").stdout.splitlines() if x.startswith("date range\t")]
    first, last = line.split("\t")[1].split(" – ")
    assert first == "1809-11-05" and last >= days[-1][:4] > first


def test_a_negative_count_is_refused_while_a_negative_rate_is_not(cli, mini):
    figures = mini / "figures.yaml"
    figures.write_text(figures.read_text().replace("value: 23317", "value: -23317"))
    result = cli.run("check", str(mini))
    assert result.exit_code == 3
    assert "-23317 is negative" in result.stderr and "warheads" in result.stderr
    # GDP growth in percent does contract: the bundled base holds negative years and is valid.
    growth = cli.json("compare", "figure", "ru-gdp-growth")
    assert any(isinstance(r["ru"], int | float) and r["ru"] < 0 for r in growth)
