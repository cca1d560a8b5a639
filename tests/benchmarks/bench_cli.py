"""Benchmark: the command line on a big database (figures, no asserts).

Run: ``.venv/bin/python tests/benchmarks/bench_cli.py [--invitations 50000] [--keep DIR]
[--runs 5] [--no-bytecode] [--against REF]``

Builds a database of ``--invitations`` invitations (as many people, 30,000 connections) by
importing an archive from ``tests.support.exports.write_big_archive`` (``--keep DIR`` keeps and
re-uses it), then runs the real command line in subprocesses, each ``--runs`` times, and prints
the best wall and CPU seconds (CPU: the child's user + system time, steadier on a busy
machine; the best of N, as another process sharing the cores only ever adds) of:

* the libraries alone (``python -c "import pydantic_settings, typer, sqlite3"``): what no
  change of ours can take away;
* ``--version`` on it: the floor every command pays (the interpreter, the command line's imports);
* ``list`` on a pseudo-terminal of 40 rows: the first screen, as a person sees it;
* ``list`` on an empty database on the same terminal: the first screen without the data;
* ``show ID`` of an invitation in the middle, and ``show --json``;
* ``list --json`` of everything, and ``list`` piped (every row), once each.

Targets (issue 12): first screen and ``show`` under 0.3 s on 50,000 invitations. The ratios
say how much of each run is the database's and how much the start-up's.

``--against REF`` (a commit, e.g. ``main``) also runs that commit's tree (``git archive``d
into the scratch folder) on the same database, each command alternating between the two
trees run by run, so both see the same load: the before/after in one run.

``--instructions`` counts instead the instructions each start-up command runs (valgrind's
callgrind, one run each after an uncounted one, ~25 s a run): the same on a quiet machine and
on a busy one, where the seconds of a shared machine swing by a third. ``list --limit 37``
piped stands in for the first screen there (the same two queries; no terminal to cut to).

The children read their bytecode from a cache in the scratch folder, filled by a first run
that is not counted: an installed tool has its ``.pyc`` files (pip writes them), and compiling
every module of the tree again each run (``PYTHONDONTWRITEBYTECODE``, set in some
development shells) adds a quarter or more. ``--no-bytecode`` measures that way instead.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.support.exports import write_big_archive
from tests.support.terminal import on_terminal

ROOT = Path(__file__).resolve().parents[2]


def environment(database: Path, home: Path, *, bytecode: bool, tree: Path = ROOT) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INVITE_WATCHER_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tree), env.get("PYTHONPATH")]))
    # -m and -c would put the working directory before PYTHONPATH: run from this worktree,
    # both trees would run its code
    env["PYTHONSAFEPATH"] = "1"
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


def instructions(env: dict[str, str], *args: str) -> int:
    """How many instructions ``python ARGS`` runs (callgrind), its output thrown away."""
    subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True)  # caches
    with tempfile.NamedTemporaryFile("r") as log:
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--callgrind-out-file=/dev/null",
                f"--log-file={log.name}",
                sys.executable,
                *args,
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        counted = [line for line in log.read().splitlines() if "Collected :" in line]
    return int(counted[-1].split(":")[-1])


def count_instructions(trees: list[Tree], middle: str, names: list[str]) -> None:
    """Print each start-up command's instructions on each tree, and the ratio of the two."""
    commands = {
        "the libraries alone": ("-c", "import pydantic_settings, typer, sqlite3"),
        "--version (floor)": ("-m", "watcher", "--version"),
        "list --limit 37 (a screen)": ("-m", "watcher", "list", "--limit", "37"),
        "show ID": ("-m", "watcher", "show", middle),
        "show --json ID": ("-m", "watcher", "show", "--json", middle),
    }
    print(f"\n{'instructions (millions)':<30}" + "".join(f" {name:>12}" for name in names))
    for label, args in commands.items():
        counts = [instructions(tree.big, *args) for tree in trees]
        cells = "".join(f" {count / 1e6:12,.0f}" for count in counts)
        ratio = f" {counts[0] / counts[1]:8.2f}x" if len(counts) == 2 else ""
        print(f"{label:<30}{cells}{ratio}", flush=True)


def best(runs: int, *variants: Callable[[], None]) -> list[tuple[float, float]]:
    """The best wall and the best CPU seconds of ``runs`` runs of each variant, the variants
    taking turns run by run (so a load that comes and goes weighs on each alike)."""
    for run in variants:
        run()  # not counted: it fills the bytecode cache and the page cache
    samples: list[list[tuple[float, float]]] = [[] for _ in variants]
    for _ in range(runs):
        for taken, run in zip(samples, variants, strict=True):
            taken.append(timed(run))
    return [(min(w for w, _ in taken), min(c for _, c in taken)) for taken in samples]


def checkout(ref: str, into: Path) -> Path:
    """The tree of commit ``ref`` of this repository, extracted into ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


Figures = dict[str, list[tuple[float, float]]]
Maker = Callable[[dict[str, str]], Callable[[], None]]


@dataclass(frozen=True)
class Tree:
    """One tree under test: its environment on the big database and on the empty one."""

    big: dict[str, str]
    empty: dict[str, str]


def measure(trees: list[Tree], runs: int, middle: str) -> Figures:
    """Each command's best (wall, CPU) on each tree, the trees taking turns."""
    libraries = "import pydantic_settings, typer, sqlite3"
    on_big: dict[str, tuple[Maker, int]] = {
        "the libraries alone": (lambda e: python(e, "-c", libraries), runs),
        "--version (floor)": (lambda e: piped(e, "--version"), runs),
        "list, first screen": (lambda e: terminal(e, "list"), runs),
        "show ID": (lambda e: piped(e, "show", middle), runs),
        "show --json ID": (lambda e: piped(e, "show", "--json", middle), runs),
        "list --json (all)": (lambda e: piped(e, "list", "--json"), 1),
        "list piped (all rows)": (lambda e: piped(e, "list"), 1),
    }
    figures = {
        name: best(n, *(make(tree.big) for tree in trees)) for name, (make, n) in on_big.items()
    }
    figures["list, first screen, empty db"] = best(
        runs, *(terminal(tree.empty, "list") for tree in trees)
    )
    return figures


def report(figures: Figures, trees: list[str], header: str) -> None:
    print(f"\n{header}")
    columns = "".join(f" {tree + ' wall':>16} {tree + ' cpu':>15}" for tree in trees)
    ratio = f" {'cpu ' + trees[0] + '/' + trees[1]:>14}" if len(trees) == 2 else ""
    print(f"{'command':<30}{columns}{ratio}")
    for name, results in figures.items():
        cells = "".join(f" {wall:16.3f} {cpu:15.3f}" for wall, cpu in results)
        if len(trees) == 2:
            cells += f" {results[0][1] / results[1][1]:13.2f}x"
        print(f"{name:<30}{cells}")
    for index, tree in enumerate(trees):
        floor_wall = figures["--version (floor)"][index][0]
        _, floor_cpu = figures["--version (floor)"][index]
        _, libraries_cpu = figures["the libraries alone"][index]
        _, screen_cpu = figures["list, first screen"][index]
        _, empty_cpu = figures["list, first screen, empty db"][index]
        print(
            f"\n{tree}: first screen {screen_cpu - empty_cpu:+.3f} s CPU for the data over an "
            f"empty database; the libraries alone are {libraries_cpu / floor_cpu:.0%} of the "
            "floor's CPU"
        )
        for label, key in (("first screen", "list, first screen"), ("show", "show ID")):
            wall = figures[key][index][0]
            verdict = "met" if wall < 0.3 else "missed"
            print(
                f"{tree}: {label}: target < 0.3 s wall {verdict} ({wall:.3f}); "
                f"floor {floor_wall:.3f} s wall"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--invitations", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="keep the database here and re-use it")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--no-bytecode", action="store_true", help="compile every module each run, no cache"
    )
    parser.add_argument("--against", metavar="REF", help="also run this commit's tree, A/B")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions (valgrind), not seconds"
    )
    args = parser.parse_args()
    bytecode = not args.no_bytecode
    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        home = work / "home"
        database = work / f"bench-{args.invitations}.db"
        roots = {"this": ROOT}
        if args.against:
            roots[args.against] = checkout(args.against, Path(scratch) / "against")
        trees = [
            Tree(
                big=environment(database, home, bytecode=bytecode, tree=root),
                empty=environment(work / "empty.db", home, bytecode=bytecode, tree=root),
            )
            for root in roots.values()
        ]
        build(database, trees[0].big, args.invitations, work)
        if args.instructions:
            count_instructions(trees, str(args.invitations // 2), list(roots))
            return
        figures = measure(trees, args.runs, str(args.invitations // 2))
    cache = "with a bytecode cache" if bytecode else "compiling every module (--no-bytecode)"
    report(
        figures,
        list(roots),
        f"{args.invitations:,} invitations, {cache}; best of {args.runs} runs (the last two: one)",
    )


if __name__ == "__main__":
    main()
