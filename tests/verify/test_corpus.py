"""Precision and recall of ``usrufacts verify`` over the corpus in this folder.

Each passage is written to its own file and the whole corpus is checked in one run of the
real CLI (``verify DIR --all --json``). A passage is *flagged* when any claim in it is
contradicted. The figures are printed (``pytest -s tests/verify``) and written to
``corpus-scores.json`` in pytest's temporary folder; the README quotes them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

HERE = Path(__file__).parent
PARTS = ("tuning", "heldout", "writer")


def passages(part: str) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load((HERE / f"{part}.yaml").read_text())["passages"]
    return loaded


def verdicts(cli: Any, tmp_path: Path, part: str) -> dict[str, list[dict[str, Any]]]:
    """Every passage's findings, by passage id, from one CLI run over all of them."""
    folder = tmp_path / part
    folder.mkdir()
    for passage in passages(part):
        (folder / f"{passage['id']}.md").write_text(passage["text"], encoding="utf-8")
    result = cli.run("verify", str(folder), "--all", "--json")
    assert result.exit_code in (0, 1), result.stderr
    found: dict[str, list[dict[str, Any]]] = {p["id"]: [] for p in passages(part)}
    for finding in json.loads(result.stdout):
        found[Path(finding["path"]).stem].append(finding)
    return found


def score(part: str, found: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    flagged_true = flagged_false = missed = 0
    wrong: list[str] = []
    confirmed = expected_confirmed = 0
    wrong_record: list[str] = []
    for passage in passages(part):
        claims = found[passage["id"]]
        contradicted = [c for c in claims if c["verdict"] == "contradicted"]
        expect = passage["expect"]
        if expect == "contradicted":
            if contradicted:
                flagged_true += 1
                if passage.get("record") not in {c["record"] for c in contradicted}:
                    wrong_record.append(passage["id"])
            else:
                missed += 1
                wrong.append(f"{passage['id']}: not caught")
        elif contradicted:
            flagged_false += 1
            wrong.append(f"{passage['id']}: falsely contradicted")
        if expect in ("supported", "disputed"):
            expected_confirmed += 1
            confirmed += any(c["verdict"] == expect for c in claims)
    flagged = flagged_true + flagged_false
    return {
        "part": part,
        "passages": len(found),
        "false_passages": flagged_true + missed,
        "precision": flagged_true / flagged if flagged else 1.0,
        "recall": flagged_true / (flagged_true + missed) if flagged_true + missed else 1.0,
        "false_alarms": flagged_false,
        "confirmed": f"{confirmed}/{expected_confirmed}",
        "wrong": wrong,
        "wrong_record": wrong_record,
    }


_SCORES: dict[str, dict[str, Any]] = {}


@pytest.fixture
def scores(cli: Any, tmp_path: Path) -> dict[str, dict[str, Any]]:
    """Computed once (by the first test that asks, inside its isolated cache and HOME)."""
    if not _SCORES:
        for part in PARTS:
            _SCORES[part] = score(part, verdicts(cli, tmp_path, part))
        (tmp_path / "corpus-scores.json").write_text(json.dumps(_SCORES, indent=2))
        for part, figures in _SCORES.items():
            print(
                f"\nverify corpus, {part}: {figures['passages']} passages, "
                f"precision {figures['precision']:.0%}, recall {figures['recall']:.0%} "
                f"({figures['false_passages']} false passages), false alarms "
                f"{figures['false_alarms']}, expected verdicts confirmed {figures['confirmed']}; "
                f"misses: {figures['wrong'] or 'none'}"
            )
    return _SCORES


def test_the_corpus_has_at_least_80_passages_and_a_held_out_part() -> None:
    tuning, heldout = passages("tuning"), passages("heldout")
    assert len(tuning) + len(heldout) >= 80
    assert 0.25 <= len(heldout) / (len(tuning) + len(heldout)) <= 0.35
    ids = [p["id"] for p in tuning + heldout]
    assert len(ids) == len(set(ids))
    kinds = {p["kind"] for p in tuning + heldout}
    assert kinds == {"true", "false", "approx", "distractor"}


@pytest.mark.parametrize("part", PARTS)
def test_no_true_statement_or_distractor_is_flagged_contradicted(
    part: str, scores: dict[str, dict[str, Any]]
) -> None:
    assert scores[part]["false_alarms"] == 0, scores[part]["wrong"]


@pytest.mark.parametrize("part", PARTS)
def test_at_least_80_percent_of_false_statements_are_caught(
    part: str, scores: dict[str, dict[str, Any]]
) -> None:
    assert scores[part]["recall"] >= 0.8, scores[part]["wrong"]


@pytest.mark.parametrize("part", PARTS)
def test_a_caught_claim_names_the_record_it_contradicts(
    part: str, scores: dict[str, dict[str, Any]]
) -> None:
    assert scores[part]["wrong_record"] == []
