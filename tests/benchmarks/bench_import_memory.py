"""Benchmark: where an import's peak RSS comes from, stage by stage.

Run: ``PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_import_memory.py
[--shape today|interleaved|all] [--size 1 ...] [--keep DIR]``

``bench_import.py`` gives one peak per import; this one says which stage reached it. The import
runs through ``pipeline.process`` in a child process (a fresh interpreter: its RSS is the
import's alone) whose stages are wrapped to name themselves: the archive's members as the reader
reaches them (reading and staging run interleaved: the records are staged as they are read),
then the merge, the lifecycle, and the judging. A thread samples, every few milliseconds, the
process's RSS and the bytes SQLite has allocated (``sqlite3_memory_used`` of the very library
``_sqlite3`` is linked with: its page caches, TEMP tables included, and statements), and keeps
the largest of each per stage. What is left of the RSS once SQLite's share is taken off is the
interpreter's heap (records, the readers' dictionaries) and the pages malloc keeps.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: tests.* must import
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.runs import (  # noqa: E402
    add_archive_options,
    measured_in_child,
    ready_archive,
    runs,
)

_CHILD = r"""
import array, ctypes, ctypes.util, json, os, resource, sys, threading, time
from pathlib import Path
from watcher import pipeline
from watcher.config.settings import Settings, StorageSettings
from watcher.models import ReadProgress
from watcher.store import Store

archive, database = Path(sys.argv[1]), Path(sys.argv[2])
sqlite = ctypes.CDLL(ctypes.util.find_library("sqlite3"))
sqlite.sqlite3_memory_used.restype = ctypes.c_int64
page = os.sysconf("SC_PAGE_SIZE")
stage = ["start"]
names = []  # the stages in the order they began
# per stage: peak RSS and SQLite MB, kept in arrays: a float object kept per sample would sit
# among the import's objects and keep their memory from being given back
peaks = array.array("d", bytes(8 * 2 * 64))
done = threading.Event()

def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * page / 2**20

def sample():
    while not done.wait(0.003):
        name = stage[0]
        if name not in names:
            names.append(name)
        at = 2 * names.index(name)
        peaks[at] = max(peaks[at], rss_mb())
        peaks[at + 1] = max(peaks[at + 1], sqlite.sqlite3_memory_used() / 2**20)

def named(label, function):
    def wrapper(*args, **kwargs):
        stage[0] = label
        return function(*args, **kwargs)
    return wrapper

def labelled(records):
    stage[0] = "read+stage: start"
    for record in records:
        if isinstance(record, ReadProgress):
            stage[0] = "read+stage: " + record.member
        yield record

original_stage_records = pipeline.stage_records
def stage_records(store, records, *args, **kwargs):
    return original_stage_records(store, labelled(records), *args, **kwargs)

pipeline.stage_records = stage_records
pipeline.merge_staged = named("merge", pipeline.merge_staged)
pipeline.lifecycle.advance = named("lifecycle", pipeline.lifecycle.advance)
pipeline.reminders.settle_overdue = named("settle", pipeline.reminders.settle_overdue)
pipeline.deferred.defer = named("note what is left", pipeline.deferred.defer)
# judged after the merge's commit (``judge.deferred``), its verdicts in a second transaction
pipeline.deferred.finish = named("judge", pipeline.deferred.finish)

settings = Settings(storage=StorageSettings(database=database))
store = Store(database)
deps = pipeline.Deps(store=store, settings=settings)
sampler = threading.Thread(target=sample, daemon=True)
before = rss_mb()
sampler.start()
outcome = pipeline.process(archive, deps)
stage[0] = "commit"
time.sleep(0.05)
done.set()
sampler.join()
store.close()
print(json.dumps({
    "outcome": outcome.outcome,
    "before_mb": before,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "sqlite_highwater_mb": sqlite.sqlite3_memory_highwater(0) / 2**20,
    "stages": {name: peaks[2 * i : 2 * i + 2].tolist() for i, name in enumerate(names)},
}))
"""


def profile_import(archive: Path, database: Path) -> dict[str, object]:
    for leftover in database.parent.glob(f"{database.name}*"):
        leftover.unlink()
    return measured_in_child(_CHILD, str(archive), str(database), what="import")


def report(shape: str, scale: float, result: dict[str, object]) -> str:
    stages: dict[str, list[float]] = result["stages"]  # type: ignore[assignment]
    lines = [
        f"{shape} {scale:g}x: {result['outcome']}, peak RSS {result['peak_rss_mb']:.0f} MB "
        f"({result['before_mb']:.0f} before; target < 150), SQLite high-water "
        f"{result['sqlite_highwater_mb']:.0f} MB"
    ]
    for name, (rss, lite) in stages.items():
        lines.append(f"    {name:<32} RSS {rss:6.0f} MB   SQLite {lite:5.1f} MB")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_archive_options(parser)
    args = parser.parse_args()
    for run in runs(args, "bench-memory-"):
        archive, _ = ready_archive(run.folder, run.shape, run.scale)
        database = run.scratch / f"{run.shape}_{run.scale:g}x.db"
        print(report(run.shape, run.scale, profile_import(archive, database)), flush=True)


if __name__ == "__main__":
    main()
