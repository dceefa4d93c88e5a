"""The real program in a real pseudo-terminal: what a person at an 80-column terminal sees."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

ESC = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def in_terminal(
    *args: str, width: int = 80, height: int = 50, env: dict[str, str] | None = None
) -> str:
    """Run usrufacts with a terminal of ``width`` columns as stdout; return what it wrote."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    environ |= {"TERM": "xterm-256color", **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "usrufacts", *args],
        stdin=child, stdout=child, stderr=subprocess.PIPE, env=environ,
    )  # fmt: skip
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    return b"".join(chunks).decode().replace("\r\n", "\n")


def piped_json(*args: str):
    out = subprocess.run(
        [sys.executable, "-m", "usrufacts", *args, "--json"], capture_output=True, text=True
    ).stdout
    return json.loads(out)


def visible(out: str) -> list[str]:
    return ESC.sub("", out).splitlines()


def no_line_over(lines: list[str], width: int, urls: set[str] = frozenset()) -> None:
    """No line wider than the terminal, but a URL longer than the width on a line of its own."""
    over = [line for line in lines if len(line) > width and line.strip() not in urls]
    assert not over, over


@pytest.mark.parametrize(
    "args", [["meetings"], ["treaty"], ["timeline", "2018"], ["search", "putin"]]
)
def test_listings_at_80_columns_keep_every_id_whole(args):
    lines = visible(in_terminal(*args, "--no-pager"))
    no_line_over(lines, 80)
    text = "\n".join(lines)
    for record in piped_json(*args):
        assert re.search(rf"(?<![\w-]){re.escape(record['id'])}(?![\w-])", text), record["id"]


def test_sources_at_80_columns_keep_every_url_whole():
    urls = {s["url"] for s in piped_json("sources", "helsinki-summit-2018")}
    lines = visible(in_terminal("sources", "helsinki-summit-2018", "--no-pager"))
    no_line_over(lines, 80, urls)
    for url in urls:
        assert any(url in line for line in lines), url


@pytest.mark.parametrize("width", [80, 60])
def test_compare_keeps_every_number_whole(width):
    treaties = ["salt-i", "salt-ii", "start-i", "start-ii", "sort", "new-start"]
    data = piped_json("compare", "treaty", *treaties)
    lines = visible(in_terminal("compare", "treaty", *treaties, "--no-pager", width=width))
    no_line_over(lines, width)
    tokens = set(re.findall(r"\d[\d,]*", "\n".join(lines)))
    for row in data:
        for cell in row.values():
            if isinstance(cell, dict) and isinstance(cell.get("value"), int):
                assert f"{cell['value']:,}" in tokens
    arsenal = piped_json("compare", "arsenal", "1986", "2022")
    lines = visible(in_terminal("compare", "arsenal", "1986", "2022", "--no-pager", width=width))
    no_line_over(lines, width)
    tokens = set(re.findall(r"\d[\d,]*", "\n".join(lines)))
    for row in arsenal:
        for key in ("us_stockpile", "ru_stockpile"):
            values = row[key] if isinstance(row[key], list) else [row[key]]
            assert all(f"{v:,}" in tokens for v in values if v is not None)


@pytest.mark.parametrize("width", [80, 60])
def test_the_treaty_view_fits(width):
    record = piped_json("treaty", "new-start")
    urls = {s["url"] for s in record["sources"]}
    lines = visible(in_terminal("treaty", "new-start", "--sources", "--no-pager", width=width))
    no_line_over(lines, width, urls)
    text = "\n".join(lines)
    assert "1,550" in text and "2010-04-08" in text
    for url in urls:
        assert any(url in line for line in lines), url


def test_colour_on_a_terminal_and_none_with_no_color():
    assert "\x1b[" in in_terminal("treaty", "new-start", "--no-pager")
    assert "\x1b[" not in in_terminal("treaty", "new-start", "--no-pager", env={"NO_COLOR": "1"})


def test_long_output_goes_through_the_pager(tmp_path: Path):
    paged = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"import sys; open({str(paged)!r}, 'w').write(sys.stdin.read())\""
    shown = in_terminal("treaty", "new-start", height=10, env={"USRUFACTS_PAGER": pager})
    assert "New START" in paged.read_text()
    assert "New START" not in shown
    paged.unlink()
    in_terminal("treaty", "new-start", "--no-pager", height=10, env={"USRUFACTS_PAGER": pager})
    assert not paged.exists()
    in_terminal("treaty", "sort", "--fields", "id", height=10, env={"USRUFACTS_PAGER": pager})
    assert not paged.exists()  # short output is written directly


def test_a_pipe_never_gets_the_pager(tmp_path: Path):
    paged = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"open({str(paged)!r}, 'w').write('x')\""
    out = subprocess.run(
        [sys.executable, "-m", "usrufacts", "treaty", "new-start"],
        capture_output=True, text=True, env={**os.environ, "USRUFACTS_PAGER": pager},
    ).stdout  # fmt: skip
    assert "New START" in out and not paged.exists()


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_][\w'’.-]*", text))


@pytest.mark.parametrize(
    ("args", "field", "width"),
    [
        (["meetings"], "title", 80),
        (["timeline", "2017", "2019"], "title", 80),
        (["search", "putin"], "title", 60),
        (["metrics"], "label", 40),
    ],
)
def test_a_listing_never_drops_what_a_record_is(args, field, width):
    """Date and id alone tell a reader nothing: a title or label stays, stacked if need be."""
    lines = visible(in_terminal(*args, "--no-pager", width=width))
    no_line_over(lines, width)
    shown = _words("\n".join(lines))
    for record in piped_json(*args):
        if record.get(field):
            missing = _words(record[field]) - shown
            assert not missing, (record["id"], missing)


@pytest.mark.parametrize("width", [40, 50, 60, 80])
def test_a_comparison_never_drops_a_column_of_figures(width):
    """compare arsenal 1967 1986 2022: 1967's only figure is the US declared count."""
    args = ("compare", "arsenal", "1967", "1986", "2022")
    lines = visible(in_terminal(*args, "--no-pager", width=width))
    no_line_over(lines, width)
    tokens = set(re.findall(r"\d[\d,.]*", "\n".join(lines)))
    for row in piped_json(*args):
        for key, cell in row.items():
            if key in ("year", "sources") or cell is None:
                continue
            for value in cell if isinstance(cell, list) else [cell]:
                shown = f"{value:,}" if isinstance(value, int) else f"{value:.2f}"
                assert shown in tokens, (row["year"], key, shown)


@pytest.mark.parametrize("args", [["timeline", "2018"], ["treaty"], ["compare", "arsenal", "1986"]])
def test_no_line_ends_in_spaces_even_in_colour(args):
    """A bold heading's padding is still trailing blanks once copied from the terminal."""
    lines = visible(in_terminal(*args, "--no-pager"))
    assert "\x1b[" in in_terminal(*args, "--no-pager")
    assert not [line for line in lines if line != line.rstrip()]


PAGER = """
import signal, sys, time
got = []
signal.signal(signal.SIGINT, lambda *_: got.append(1))
sys.stdin.read()
print("PAGER-READY", flush=True)
while not got:
    time.sleep(0.01)
print("PAGER-GOT-INT", flush=True)
"""


def test_ctrl_c_while_the_pager_runs_belongs_to_the_pager(tmp_path):
    """As with git: Ctrl-C at the terminal (SIGINT to the foreground process group) while the
    pager shows a long listing reaches the pager, which decides (less stops a search); the
    program waits for it and ends with 0, saying nothing more than it would have."""
    script = tmp_path / "pager.py"
    script.write_text(PAGER)
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 80, 0, 0))
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PAGER")}
    environ |= {"TERM": "xterm-256color", "USRUFACTS_PAGER": f"{sys.executable} {script}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "usrufacts", "timeline"],
        stdin=child, stdout=child, stderr=subprocess.PIPE, env=environ, start_new_session=True,
    )  # fmt: skip
    os.close(child)
    seen = b""
    while b"PAGER-READY" not in seen:
        chunk = os.read(main, 65536)
        assert chunk, seen[-500:]
        seen += chunk
    os.killpg(process.pid, signal.SIGINT)
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: every process let the terminal go
            break
        if not chunk:
            break
        seen += chunk
    _, err = process.communicate(timeout=60)
    os.close(main)
    assert b"PAGER-GOT-INT" in seen
    assert process.returncode == 0, err
    assert re.fullmatch(rb"[\d,]+ events\n", err), err  # the count line, and no "interrupted"
