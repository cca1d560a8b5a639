"""Benchmark: import LinkedIn archives of each shape and size through ``pipeline.process``.

Run: ``PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_import.py
[--shape today|interleaved|all] [--size 0.1 --size 1 ...] [--keep DIR] [--profile]``

The archives are those of ``tests/benchmarks/archive_shapes.py`` (``today``: the convenient
order the benchmark always used; ``interleaved``: issue 12's realistic one), at sizes from a
tenth to twice the full one (default: all four). For each shape and size, in one run:

* a bare ``csv.reader`` pass over the same members (the floor), in this process: wall and CPU;
* the full import into a fresh database in a child process (its peak RSS is the import's
  alone), timed inside it: wall and CPU;
* the re-import of the unchanged archive in that child (content hash: skipped).

``--profile`` runs the child's import under cProfile and prints the 25 functions with the most
cumulative time. ``--keep DIR`` keeps (and re-uses) the generated archives there.

Targets (issue 12): import within 2x of the bare pass, peak RSS under 150 MB and flat as the
archive grows, re-import under 0.2 s. The ratio uses CPU time: wall time on a shared machine
measures the neighbours too.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sqlite3
import sys
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: tests.* must import
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.archive_shapes import MEMBERS  # noqa: E402
from tests.benchmarks.runs import (  # noqa: E402
    add_archive_options,
    measured_in_child,
    ready_archive,
    runs,
)

#: Runs in a fresh interpreter so its peak RSS is the import's alone.
_CHILD = r"""
import cProfile, io, json, pstats, resource, sys, time
from pathlib import Path
from watcher import pipeline
from watcher.config.settings import Settings, StorageSettings
from watcher.store import Store

archive, database, profile = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1"
settings = Settings(storage=StorageSettings(database=database))
store = Store(database)
deps = pipeline.Deps(store=store, settings=settings)
baseline_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
profiler = cProfile.Profile() if profile else None
started, cpu = time.perf_counter(), time.process_time()
if profiler is not None:
    profiler.enable()
first = pipeline.process(archive, deps)
if profiler is not None:
    profiler.disable()
imported, imported_cpu = time.perf_counter() - started, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
started = time.perf_counter()
again = pipeline.process(archive, deps)
reimported = time.perf_counter() - started
store.close()
if profiler is not None:
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(25)
    print(text.getvalue(), file=sys.stderr)
print(json.dumps({
    "import_s": imported,
    "import_cpu_s": imported_cpu,
    "reimport_ms": reimported * 1000,
    "first": first.outcome,
    "again": again.outcome,
    "changes": first.model_dump(mode="json").get("changes", {}).get("new", {}),
    "reason": getattr(first, "reason", None),
    "peak_rss_mb": peak,
    "start_rss_mb": baseline_rss,
}))
"""


def bare_csv_pass(archive: Path) -> tuple[float, float, int]:
    """The floor: inflate and split every row of the members the import reads."""
    started, cpu = time.perf_counter(), time.process_time()
    rows = 0
    with zipfile.ZipFile(archive) as zipped:
        for name in MEMBERS:
            with (
                zipped.open(name) as raw,
                io.TextIOWrapper(raw, "utf-8", newline="") as text,
            ):
                rows += sum(1 for _ in csv.reader(text))
    return time.perf_counter() - started, time.process_time() - cpu, rows


class LockProbe(threading.Thread):
    """Another writer, as a command or a reminder would be: it asks for the write lock every
    ``EVERY`` seconds and keeps the longest it had to wait, which is (to within ``EVERY``) the
    longest the import held the lock. It takes the lock and lets it go at once (a rollback
    writes nothing), so it never makes the import's snapshot stale."""

    EVERY = 0.02

    def __init__(self, database: Path) -> None:
        super().__init__(daemon=True)
        self.database = database
        self.stop = threading.Event()
        self.longest = 0.0
        self.waits = 0  # how many times it waited more than a tenth of a second

    def run(self) -> None:
        while not self.database.exists() and not self.stop.is_set():
            time.sleep(self.EVERY)
        db = sqlite3.connect(self.database, isolation_level=None, timeout=600)
        try:
            while not self.stop.wait(self.EVERY):
                started = time.perf_counter()
                db.execute("BEGIN IMMEDIATE")
                waited = time.perf_counter() - started
                db.execute("ROLLBACK")
                self.longest = max(self.longest, waited)
                self.waits += waited > 0.1
        finally:
            db.close()


def import_in_child(archive: Path, database: Path, *, profile: bool) -> dict[str, object]:
    probe = LockProbe(database)
    probe.start()
    try:
        flag = "1" if profile else "0"
        measured = measured_in_child(
            _CHILD, str(archive), str(database), flag, what="import", show_stderr=profile
        )
    finally:
        probe.stop.set()
        probe.join()
    return measured | {"lock_held_s": probe.longest, "lock_waits": probe.waits}


def measure(folder: Path, shape: str, scale: float, *, profile: bool) -> dict[str, object]:
    started = time.perf_counter()
    archive, sizes = ready_archive(folder, shape, scale)
    written = time.perf_counter() - started
    database = folder / f"{shape}_{scale:g}x.db"
    for leftover in folder.glob(f"{database.name}*"):
        leftover.unlink()
    floor, floor_cpu, rows = bare_csv_pass(archive)
    child = import_in_child(archive, database, profile=profile)
    return {
        "shape": shape,
        "scale": scale,
        "sizes": sizes.describe(),
        "archive_mb": archive.stat().st_size / 1e6,
        "written_s": written,
        "csv_rows": rows,
        "bare_csv_s": floor,
        "bare_csv_cpu_s": floor_cpu,
        **child,
        "ratio": float(child["import_cpu_s"]) / floor_cpu,  # type: ignore[arg-type]
        "wall_ratio": float(child["import_s"]) / floor,  # type: ignore[arg-type]
    }


def report(result: dict[str, object]) -> str:
    return (
        f"{result['shape']} {result['scale']:g}x: {result['sizes']} "
        f"({result['archive_mb']:.1f} MB zip, {result['csv_rows']:,} csv rows)\n"
        f"    bare csv pass {result['bare_csv_cpu_s']:.2f} s CPU ({result['bare_csv_s']:.2f} s) "
        f"| import {result['import_cpu_s']:.2f} s CPU ({result['import_s']:.2f} s) "
        f"= {result['ratio']:.2f}x CPU, {result['wall_ratio']:.2f}x wall (target <= 2x)\n"
        f"    peak RSS {result['peak_rss_mb']:.0f} MB (target < 150; "
        f"{result['start_rss_mb']:.0f} MB before the import) "
        f"| re-import {result['reimport_ms']:.1f} ms (target < 200)\n"
        f"    longest wait for the write lock {result['lock_held_s']:.2f} s (target < 2; "
        f"{result['lock_waits']} waits over 0.1 s)\n"
        f"    outcome {result['first']} then {result['again']}; new {result['changes']}"
        + (f"; reason {result['reason']}" if result["reason"] else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_archive_options(parser)
    parser.add_argument("--profile", action="store_true", help="cProfile the import: top 25")
    parser.add_argument("--json", action="store_true", help="one JSON line per measurement")
    args = parser.parse_args()
    for run in runs(args, "bench-import-"):
        result = measure(run.folder, run.shape, run.scale, profile=args.profile)
        print(json.dumps(result) if args.json else report(result), flush=True)


if __name__ == "__main__":
    main()
