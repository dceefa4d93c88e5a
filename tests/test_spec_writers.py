"""The YAML writer, specified through `show --format yaml`: text in any script stays readable,
and a bidi control (which could reorder what a reader sees) is written as an escape that
reads back as the same character. Expected text is written here by hand."""

from __future__ import annotations

import yaml

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE


def _overlay(mini):
    events = (mini / "events.yaml").read_text(encoding="utf-8")
    events += (
        "  - id: test-geneva-1985\n"
        '    date: "1985-11-19"\n'
        "    title: Встреча в Женеве\n"
        "    kind: summit\n"
        f'    summary: "Plain {RLO}txet reversed"\n'
        "    sources: [src-one]\n"
    )
    (mini / "events.yaml").write_text(events, encoding="utf-8")


def test_yaml_keeps_text_in_any_script_readable_and_escapes_bidi_controls(cli, mini):
    _overlay(mini)
    text = cli.run("show", "test-geneva-1985", "--format", "yaml", "--facts", str(mini)).stdout
    lines = text.splitlines()
    assert "title: Встреча в Женеве" in lines  # not \u escapes: allow_unicode
    assert 'summary: "Plain \\u202Etxet reversed"' in lines
    assert RLO not in text
    data = yaml.safe_load(text)
    assert data["summary"] == f"Plain {RLO}txet reversed"
    assert data["title"] == "Встреча в Женеве"
    assert data == cli.json("show", "test-geneva-1985", "--facts", str(mini))
