"""Benchmark: the command line on a big database (figures, no asserts).

Run: ``.venv/bin/python tests/benchmarks/bench_cli.py [--invitations 50000] [--keep DIR]
[--runs 5] [--no-bytecode]``

Builds a database of ``--invitations`` invitations (as many people, 30,000 connections) by
importing an archive from ``tests.support.exports.write_big_archive`` (``--keep DIR`` keeps and
re-uses it), then runs the real command line in subprocesses, each ``--runs`` times, and prints
the median wall and CPU seconds (CPU: the child's user + system time, steadier on a busy
machine) of:

* the libraries alone (``python -c "import pydantic_settings, typer, sqlite3"``): what no
  change of ours can take away;
* ``--version`` on it: the floor every command pays (the interpreter, the command line's imports);
* ``list`` on a pseudo-terminal of 40 rows: the first screen, as a person sees it;
* ``list`` on an empty database on the same terminal: the first screen without the data;
* ``show ID`` of an invitation in the middle, and ``show --json``;
* ``list --json`` of everything, and ``list`` piped (every row), once each.

Targets (issue 12): first screen and ``show`` under 0.3 s on 50,000 invitations. The ratios
say how much of each run is the database's and how much the start-up's.

The children read their bytecode from a cache in the scratch folder, filled by a first run
that is not counted: an installed tool has its ``.pyc`` files (pip writes them), and compiling
every module of the tree again each run (``PYTHONDONTWRITEBYTECODE``, set in some
development shells) adds a quarter or more. ``--no-bytecode`` measures that way instead.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.support.exports import write_big_archive
from tests.support.terminal import on_terminal

ROOT = Path(__file__).resolve().parents[2]


def environment(database: Path, home: Path, *, bytecode: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INVITE_WATCHER_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["INVITE_WATCHER_STORAGE__DATABASE"] = str(database)
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    return env


def build(database: Path, env: dict[str, str], invitations: int, work: Path) -> None:
    if database.exists():
        print(f"re-using {database}")
        return
    archive = work / "Complete_LinkedInDataExport_bench.zip"
    print(f"writing an archive of {invitations:,} invitations ...", flush=True)
    write_big_archive(
        archive, invitations=invitations, connections=30_000, messages=20_000, people=invitations
    )
    print("importing it (this takes a while) ...", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "watcher", "import", "--json", str(archive)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"imported in {time.perf_counter() - started:.1f} s")


def timed(run: Callable[[], None]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def piped(env: dict[str, str], *args: str) -> Callable[[], None]:
    return python(env, "-m", "watcher", *args)


def python(env: dict[str, str], *args: str) -> Callable[[], None]:
    def run() -> None:
        subprocess.run([sys.executable, *args], env=env, check=True, stdout=subprocess.DEVNULL)

    return run


def terminal(env: dict[str, str], *args: str) -> Callable[[], None]:
    def run() -> None:
        code, _ = on_terminal(*args, rows=40, env=env)
        assert code == 0, code

    return run


def median(run: Callable[[], None], runs: int) -> tuple[float, float]:
    run()  # not counted: it fills the bytecode cache and the page cache
    samples = [timed(run) for _ in range(runs)]
    return (
        statistics.median(wall for wall, _ in samples),
        statistics.median(cpu for _, cpu in samples),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--invitations", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="keep the database here and re-use it")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--no-bytecode", action="store_true", help="compile every module each run, no cache"
    )
    args = parser.parse_args()
    bytecode = not args.no_bytecode
    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        home = work / "home"
        big = environment(work / f"bench-{args.invitations}.db", home, bytecode=bytecode)
        empty = environment(work / "empty.db", home, bytecode=bytecode)
        build(work / f"bench-{args.invitations}.db", big, args.invitations, work)
        middle = str(args.invitations // 2)
        libraries = "import pydantic_settings, typer, sqlite3"
        figures = {
            "the libraries alone": median(python(big, "-c", libraries), args.runs),
            "--version (floor)": median(piped(big, "--version"), args.runs),
            "list, first screen, empty db": median(terminal(empty, "list"), args.runs),
            "list, first screen": median(terminal(big, "list"), args.runs),
            "show ID": median(piped(big, "show", middle), args.runs),
            "show --json ID": median(piped(big, "show", "--json", middle), args.runs),
            "list --json (all)": median(piped(big, "list", "--json"), 1),
            "list piped (all rows)": median(piped(big, "list"), 1),
        }
    floor_wall, floor_cpu = figures["--version (floor)"]
    cache = "with a bytecode cache" if bytecode else "compiling every module (--no-bytecode)"
    print(
        f"\n{args.invitations:,} invitations, {cache}; median of {args.runs} runs "
        "(the last two: one)"
    )
    print(f"{'command':<32} {'wall s':>8} {'cpu s':>8} {'cpu / floor':>12}")
    for name, (wall, cpu) in figures.items():
        print(f"{name:<32} {wall:8.3f} {cpu:8.3f} {cpu / floor_cpu:11.2f}x")
    screen_wall, screen_cpu = figures["list, first screen"]
    show_wall, _ = figures["show ID"]
    _, empty_cpu = figures["list, first screen, empty db"]
    _, libraries_cpu = figures["the libraries alone"]
    print(
        f"\nfirst screen: {screen_cpu - empty_cpu:+.3f} s CPU for the data over an empty "
        f"database; the libraries alone are {libraries_cpu / floor_cpu:.0%} of the floor's CPU"
    )
    for name, wall in (("first screen", screen_wall), ("show", show_wall)):
        verdict = "met" if wall < 0.3 else "missed"
        print(f"{name}: target < 0.3 s wall {verdict} ({wall:.3f}); floor {floor_wall:.3f} s wall")


if __name__ == "__main__":
    main()
