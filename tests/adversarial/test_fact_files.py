"""Fact files written to hurt: alias bombs, duplicate keys, impossible numbers, deep
nesting, ids that shadow other collections, unreadable entries, bytes that are not UTF-8.
Each is refused in one clear line naming the file (and line or record), never a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = os.geteuid() == 0
EVENT = '{id: e, date: "2002", title: T, kind: summit, summary: S, sources: [src-one]}'


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # the old loader took 2.4 GB


def _check(run, directory: Path, **kwargs) -> tuple[int, str]:
    """``check DIR`` in a subprocess (for limits on the process)."""
    result = run("check", str(directory), **kwargs)
    text = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    return result.returncode, text


def _checked(cli, directory: Path) -> tuple[int, str]:
    """``check DIR`` in-process: the exit code and stderr."""
    result = cli.run("check", str(directory))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def test_a_yaml_alias_bomb_is_refused_quickly_and_without_eating_memory(run, mini):
    aliases = ", ".join(["*e"] * 1_000_000)
    (mini / "events.yaml").write_text(f"events: [&e {EVENT}, {aliases}]\n")
    code, err = _check(run, mini, preexec_fn=_limit_memory, timeout=30)
    assert code == 3
    assert "events.yaml" in err and "alias" in err and "line 1" in err


def test_nested_aliases_billion_laughs_are_refused(run, mini):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    (mini / "events.yaml").write_text("\n".join(lines) + "\nevents: []\n")
    code, err = _check(run, mini, preexec_fn=_limit_memory, timeout=30)
    assert code == 3 and "alias" in err


def test_a_repeated_top_level_key_is_an_error_naming_file_and_line(cli, mini):
    path = mini / "events.yaml"
    text = path.read_text()
    path.write_text(text + "events:\n" + text.split("events:\n", 1)[1].replace("test-", "more-"))
    second = len(text.splitlines()) + 1
    code, err = _checked(cli, mini)
    assert code == 3
    assert f"events.yaml: line {second}: duplicate key 'events'" in err


def test_a_repeated_field_is_an_error_naming_file_and_line(cli, mini):
    path = mini / "events.yaml"
    path.write_text(path.read_text().replace("    kind: call\n", "    kind: call\n    title: B\n"))
    code, err = _checked(cli, mini)
    assert code == 3
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "title: B" in text)
    assert f"events.yaml: line {line}: duplicate key 'title'" in err


def test_a_repeated_key_in_a_json_fact_file_is_an_error(cli, mini):
    (mini / "figures.yaml").write_text('{"metrics": [], "figures": [], "metrics": []}\n')
    code, err = _checked(cli, mini)
    assert code == 3 and "duplicate key 'metrics'" in err and "figures.yaml" in err


@pytest.mark.parametrize(
    "value", [".inf", "-.inf", ".nan", ".NaN", "1e400", "1.0e-320", "1" * 400, "1" * 5001]
)
def test_absurd_figures_are_rejected_by_check(cli, mini, value):
    path = mini / "figures.yaml"
    path.write_text(path.read_text().replace("value: 23317", f"value: {value}"))
    code, err = _checked(cli, mini)
    assert code == 3, err
    assert "figures.yaml: warhead-stockpile/us/1986: value" in err


@pytest.mark.parametrize("value", ["Infinity", "NaN", "-Infinity", "1" * 5001])
def test_absurd_numbers_in_json_syntax_are_rejected(cli, mini, value):
    figure = (
        '{"metric": "warhead-stockpile", "country": "us", "date": "1999", '
        f'"value": {value}, "sources": ["src-one"]}}'
    )
    (mini / "figures.extra.yaml").write_text(f'{{"figures": [{figure}]}}\n')
    code, err = _checked(cli, mini)
    assert code == 3, err
    assert "figures.extra.yaml" in err


def test_absurd_treaty_limits_and_votes_are_rejected(cli, mini):
    path = mini / "treaties.yaml"
    text = path.read_text()
    assert "value:" in text
    path.write_text(text.replace("value:", "value: .inf #", 1))
    code, err = _checked(cli, mini)
    assert code == 3 and "limits[0].value" in err


def test_commands_never_meet_an_infinite_number(cli, small_bundle, tmp_path):
    path = small_bundle / "figures.yaml"
    path.write_text(path.read_text().replace("value: 23317", "value: .inf"))
    for args in (["export"], ["compare", "arsenal"], ["show", "warhead-stockpile-us-1986"]):
        assert "invalid fact base" in cli.fails(3, *args), args


@pytest.mark.parametrize("depth", [1500, 100_000])
def test_deeply_nested_json_is_one_error(cli, mini, depth):
    (mini / "events.yaml").write_text('{"events": ' + "[" * depth + "]" * depth + "}\n")
    code, err = _checked(cli, mini)
    assert code == 3 and "events.yaml" in err


@pytest.mark.parametrize("depth", [1500, 100_000])
def test_deeply_nested_yaml_is_one_error(cli, mini, depth):
    (mini / "events.yaml").write_text("events: " + "[" * depth + "]" * depth + "\n")
    code, err = _checked(cli, mini)
    assert code == 3 and "events.yaml" in err


# --- overlays ---------------------------------------------------------------------------------


def _overlay(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "overlay"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)
    return folder


SOURCE = (
    "sources:\n  - id: {id}\n    publisher: P\n    title: T\n"
    "    url: https://example.org/x\n    accessed: '2024-01-01'\n"
)


def test_an_overlay_record_cannot_shadow_another_collections_id(cli, small_bundle, tmp_path):
    overlay = _overlay(tmp_path, "sources.yaml", SOURCE.format(id="test-treaty"))
    result = cli.run("check", "--facts", str(overlay))
    assert result.exit_code == 3
    assert "sources.yaml: test-treaty: id: is already the id of a record in treaties" in (
        result.stderr
    )
    assert "invalid fact base" in cli.fails(3, "treaty", "test-treaty", "--facts", str(overlay))


def test_check_reports_the_records_an_overlay_replaces(cli, small_bundle, tmp_path):
    bundled = cli.json("sources")[0]
    overlay = _overlay(tmp_path, "sources.yaml", SOURCE.format(id=bundled["id"]))
    summary = cli.json("check", "--facts", str(overlay))
    assert summary["replaced"] == [
        {"id": bundled["id"], "collection": "sources", "by": str(overlay / "sources.yaml")}
    ]
    table = cli.run("check", "--facts", str(overlay), "-f", "csv").stdout
    assert f"replaced by the overlay,{bundled['id']}" in table


def test_hidden_and_editor_files_in_an_overlay_are_skipped(cli, small_bundle, tmp_path):
    overlay = _overlay(tmp_path, ".events.yaml", "not: [valid")
    (overlay / ".#events.yaml").symlink_to("user@host.1234:1700000000")  # emacs lock file
    (overlay / "#events.yaml#").write_text("garbage")
    (overlay / "events.yaml~").write_text("garbage")
    (overlay / ".events.yaml.swp").write_text("garbage")
    (overlay / "people.yaml").write_text("people: []\n")
    assert cli.run("check", "--facts", str(overlay)).exit_code == 0
    assert cli.run("treaty", "test-treaty", "--facts", str(overlay)).exit_code == 0


@pytest.mark.parametrize("kind", ["loop", "dangling", "proc", "directory"])
def test_an_unreadable_overlay_entry_is_one_error_everywhere(cli, small_bundle, tmp_path, kind):
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    entry = overlay / "events.yaml"
    if kind == "loop":
        entry.symlink_to(entry)
    elif kind == "dangling":
        entry.symlink_to(overlay / "gone.yaml")
    elif kind == "proc":
        entry.symlink_to("/proc/self/mem")
    else:
        entry.mkdir()
    for args in (["check"], ["treaty", "test-treaty"], ["show", "test-treaty"]):
        result = cli.run(*args, "--facts", str(overlay))
        assert result.exit_code == 3, (args, result.stderr)
        assert f"{entry}: " in result.stderr, result.stderr


def test_a_fifo_named_like_a_fact_file_is_an_error_not_a_hang(run, mini):
    (mini / "events.yaml").unlink()
    os.mkfifo(mini / "events.yaml")
    code, err = _check(run, mini, timeout=20)
    assert code == 3 and f"{mini / 'events.yaml'}: is not a regular file" in err


@pytest.mark.skipif(ROOT, reason="root reads anything")
def test_an_unreadable_overlay_file_or_directory_is_one_error(cli, small_bundle, tmp_path):
    overlay = _overlay(tmp_path, "events.yaml", "events: []\n")
    (overlay / "events.yaml").chmod(0)
    for args in (["check"], ["treaty", "test-treaty"]):
        assert "events.yaml" in cli.run(*args, "--facts", str(overlay)).stderr
    overlay.chmod(0)
    try:
        cli.fails(3, "treaty", "test-treaty", "--facts", str(overlay))
    finally:
        overlay.chmod(0o755)


# --- bytes that are not UTF-8 ----------------------------------------------------------------


def test_an_argument_that_is_not_utf8_is_one_line(cli):
    # What Python makes of the bytes b"caf\xe9" in argv (surrogateescape).
    assert "caf\\xe9" in cli.fails(2, "show", os.fsdecode(b"caf\xe9"))


def test_an_overlay_path_that_is_not_utf8_works(cli, small_bundle, tmp_path):
    folder = os.fsencode(tmp_path) + b"/over\xfflay"
    os.mkdir(folder)
    with open(folder + b"/people.yaml", "w") as handle:
        handle.write("people: []\n")
    about = cli.json("about", "--facts", os.fsdecode(folder))
    assert "over\\xfflay" in json.dumps(about) or "over\\udcfflay" in json.dumps(about)
    assert cli.run("check", "--facts", os.fsdecode(folder)).exit_code == 0


def test_a_fact_file_name_that_is_not_utf8_is_one_error(cli, small_bundle, tmp_path):
    folder = tmp_path / "overlay"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/events\xff.yaml", "w") as handle:
        handle.write("events: []\n")
    for args in (["check"], ["treaty", "test-treaty"]):
        result = cli.run(*args, "--facts", str(folder))
        assert result.exit_code == 3
        assert "events\\xff.yaml" in result.stderr


def test_a_record_id_that_is_not_utf8_in_the_file_is_one_error(cli, mini):
    path = mini / "events.yaml"
    path.write_bytes(path.read_bytes().replace(b"test-call-2003", b"test-\xff-2003"))
    code, err = _checked(cli, mini)
    assert code == 3 and "UTF-8" in err
