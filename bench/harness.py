"""The benchmark behind README "Performance": start-up, queries, scale and rebuild.

Runs each command as a subprocess, alternating them round by round so that drift in the
machine's speed hits every command alike, and reports medians and ratios against the
floors (``python -c "import typer"``). Uses hyperfine for the timings where it is
installed, this harness otherwise. Exits non-zero if a goal fails.

Also times ``verify`` on a 1,200-word article (bench/articles.py) and on a folder of 100.

Usage: bench/run [--rounds N] [--copies N] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from articles import write as write_articles

HERE = Path(__file__).parent
BIN = Path(sys.executable).parent
USRUFACTS = str(BIN / "usrufacts")
PYTHON = sys.executable


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak memory in KiB of one run, output to a pipe."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None
    process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(argv)}")
    return elapsed, usage.ru_maxrss


def measure(
    commands: dict[str, list[str]], env: dict[str, str], rounds: int
) -> dict[str, dict[str, float]]:
    """Median time and peak memory of each command, runs interleaved round by round."""
    if shutil.which("hyperfine"):
        return _hyperfine(commands, env, rounds)
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, int] = dict.fromkeys(commands, 0)
    for argv in commands.values():  # warm the OS caches and the index
        run_once(argv, env)
    for _ in range(rounds):
        for name, argv in commands.items():
            elapsed, peak = run_once(argv, env)
            times[name].append(elapsed)
            memory[name] = max(memory[name], peak)
    return {n: {"median": statistics.median(t), "peak_kib": memory[n]} for n, t in times.items()}


def _hyperfine(
    commands: dict[str, list[str]], env: dict[str, str], rounds: int
) -> dict[str, dict[str, float]]:
    import shlex

    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        names = list(commands)
        argv = [
            "hyperfine",
            "--warmup",
            "3",
            "--runs",
            str(rounds),
            "--export-json",
            report.name,
            "-N",
        ]
        argv += [shlex.join(commands[n]) for n in names]
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
        results = json.loads(Path(report.name).read_text())["results"]
    out = {}
    for name, result in zip(names, results, strict=True):
        _, peak = run_once(commands[name], env)
        out[name] = {"median": result["median"], "peak_kib": peak}
    return out


def build_time(argv: list[str], env: dict[str, str], repeats: int) -> float:
    """Median time of the first call with an empty cache: the index (re)build."""
    samples = []
    for _ in range(repeats):
        cache = tempfile.mkdtemp(prefix="usrufacts-bench-cache-")
        samples.append(run_once(argv, {**env, "USRUFACTS_CACHE_DIR": cache})[0])
        shutil.rmtree(cache, ignore_errors=True)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=30, help="runs of each command (default 30)")
    parser.add_argument(
        "--copies", type=int, default=100, help="size of the synthetic base (default 100)"
    )
    parser.add_argument("--quick", action="store_true", help="10 rounds and a 10× synthetic base")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.copies = 10, 10

    # An installed tool has byte-compiled modules; this environment may forbid writing them.
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", str(Path(PYTHON).parent.parent / "lib")], check=False
    )
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(HERE.parent / "src")], check=False)

    cache = tempfile.mkdtemp(prefix="usrufacts-bench-cache-")
    env = {k: v for k, v in os.environ.items() if k not in {"USRUFACTS_FACTS", "NO_COLOR"}}
    env["USRUFACTS_CACHE_DIR"] = cache
    lookup = [USRUFACTS, "treaty", "new-start", "--json"]
    queries = {
        "timeline": [USRUFACTS, "timeline", "1945", "2026", "--json"],
        "search": [USRUFACTS, "search", "new start", "--json"],
        "search words+year": [USRUFACTS, "search", "soviet leader 1972", "--json"],
        "who": [USRUFACTS, "who", "1991-12-25", "--json"],
        "compare": [USRUFACTS, "compare", "arsenal", "--json"],
    }
    # verify: a 1,200-word article beside a lookup; a folder of 100 such articles below.
    drafts = Path(tempfile.mkdtemp(prefix="usrufacts-drafts-"))
    article = str(write_articles(100, drafts)[0])
    commands = {
        "verify 1,200-word article": [USRUFACTS, "verify", article, "--format", "lint"],
        "floor: import typer": [PYTHON, "-c", "import typer"],
        "lookup --json": lookup,
        "floor: import typer, rich": [PYTHON, "-c", "import typer, rich.console, rich.table"],
        "lookup --format table": [USRUFACTS, "treaty", "new-start", "--format", "table"],
        **queries,
        # One TAB: the shell runs the program with the line in the environment.
        "complete treaty new<TAB>": [
            "env",
            "_USRUFACTS_COMPLETE=complete_bash",
            "COMP_WORDS=usrufacts treaty new",
            "COMP_CWORD=2",
            USRUFACTS,
        ],
    }
    print(f"measuring the real fact base ({args.rounds} rounds)…", file=sys.stderr)
    real = measure(commands, env, args.rounds)
    rebuild = build_time(lookup, env, 3)
    folder = [USRUFACTS, "verify", str(drafts), "--format", "lint"]
    real |= measure({"verify 100 articles": folder}, env, min(args.rounds, 5))
    shutil.rmtree(drafts, ignore_errors=True)

    print(f"writing a synthetic fact base {args.copies}× the real one…", file=sys.stderr)
    synth_dir = Path(tempfile.mkdtemp(prefix=f"usrufacts-synth-{args.copies}-"))
    subprocess.run(
        [PYTHON, str(HERE / "synth.py"), str(args.copies), str(synth_dir)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    synth_env = {**env, "USRUFACTS_CACHE_DIR": tempfile.mkdtemp(prefix="usrufacts-bench-cache-")}
    scaled_commands = {
        name: [*argv, "--facts", str(synth_dir)]
        for name, argv in {"lookup --json": lookup, **queries}.items()
    }
    print("building its index…", file=sys.stderr)
    synth_build = build_time(scaled_commands["lookup --json"], synth_env, 1)
    run_once(scaled_commands["lookup --json"], synth_env)  # leave the index built
    print("measuring it…", file=sys.stderr)
    scaled = measure(scaled_commands, synth_env, args.rounds)

    t = {name: r["median"] for name, r in real.items()}
    goals = [
        ("lookup --json / import typer", t["lookup --json"] / t["floor: import typer"], 1.15),
        (
            "lookup table / import typer, rich",
            t["lookup --format table"] / t["floor: import typer, rich"],
            1.15,
        ),
    ]
    goals += [(f"{q} / lookup --json", t[q] / t["lookup --json"], 1.3) for q in queries]
    goals.append(
        ("verify article / lookup --json", t["verify 1,200-word article"] / t["lookup --json"], 1.5)
    )
    goals.append(("verify 100 articles (s)", t["verify 100 articles"], 5.0))
    # A TAB costs what a lookup costs (about 70 ms on an idle machine, README "Performance");
    # judged against the lookup, like every query, so that a loaded machine does not fail it.
    goals.append(
        (
            "complete one TAB / lookup --json",
            t["complete treaty new<TAB>"] / t["lookup --json"],
            1.3,
        )
    )
    for name in scaled:
        goals.append(
            (f"{args.copies}× {name} / real", scaled[name]["median"] / real[name]["median"], 1.3)
        )
    goals.append((f"{args.copies}× index build (s)", synth_build, 20.0))
    peak_real = max(real[n]["peak_kib"] for n in scaled)
    peak_scaled = max(r["peak_kib"] for r in scaled.values())
    goals.append((f"{args.copies}× peak memory / real", peak_scaled / peak_real, 1.5))
    goals.append(("rebuild after an edit (s)", rebuild, 1.5))

    import sqlite3

    timer = "hyperfine" if shutil.which("hyperfine") else "harness"
    python = platform.python_version()
    print(f"\nmachine: {os.cpu_count()} cores, {platform.machine()}, Python {python}")
    print(f"typer {version('typer')}, rich {version('rich')}, sqlite {sqlite3.sqlite_version}")
    print(f"timer: {timer}, {args.rounds} rounds, medians")
    scale = f"{args.copies}×"
    print(f"\n{'command':34} {'real ms':>9} {'peak MiB':>9} {scale + ' ms':>9} {scale + ' MiB':>9}")
    for name, result in real.items():
        row = f"{name:34} {result['median'] * 1000:9.1f} {result['peak_kib'] / 1024:9.1f}"
        if name in scaled:
            row += f" {scaled[name]['median'] * 1000:9.1f} {scaled[name]['peak_kib'] / 1024:9.1f}"
        print(row)
    print(f"\n{'goal':40} {'value':>8} {'limit':>7}  holds")
    failed = 0
    for name, value, limit in goals:
        holds = value <= limit
        failed += not holds
        print(f"{name:40} {value:8.2f} {limit:7.2f}  {'yes' if holds else 'NO'}")
    shutil.rmtree(synth_dir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
