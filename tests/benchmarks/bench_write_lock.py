"""Benchmark: how long an archive import holds the write lock, phase by phase.

Run: ``PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_write_lock.py
[--shape today|interleaved|all] [--size 1 --size 2 ...] [--keep DIR] [--repeat 3]``

For each shape and size (the archives of ``tests/benchmarks/archive_shapes.py``; ``--keep``
re-uses those already written there), into a fresh database: the archive is read and staged
as the pipeline does, outside the lock; then, inside ``BEGIN IMMEDIATE``, the phases the lock
is held for besides judging (issue 14 item 3): ``merge_staged``, ``_log_evidence`` and
``lifecycle.advance``. They run ``--repeat`` times, rolled back but the last, and the fastest
run of each is printed (wall and CPU, and the read/write system calls, which a loaded machine
does not change: page cache spills and re-reads show there). The last run commits: COMMIT
(SQLite's automatic checkpoint runs in it, after the lock is released) and the TRUNCATE
checkpoint that follows a large write are timed too.

Per 1,000 invitations the figures show how the cost grows from one size to the next; the bare
``csv.reader`` pass over the same members, measured in the same run, is the baseline the ratio
is against. Nothing asserts on time.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: tests.* must import
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench_import import bare_csv_pass  # noqa: E402
from tests.benchmarks.runs import add_archive_options, ready_archive, runs  # noqa: E402
from watcher import pipeline  # noqa: E402
from watcher.config.settings import Settings, StorageSettings  # noqa: E402
from watcher.followup import apply as lifecycle  # noqa: E402
from watcher.intake.files import read_head, sha256_file  # noqa: E402
from watcher.pipeline.recognise import Candidate  # noqa: E402
from watcher.sources import registry as sources  # noqa: E402
from watcher.store import Store  # noqa: E402

NOW = datetime(2025, 2, 1, 12, tzinfo=UTC)

#: (wall s, CPU s, system calls)
Cost = tuple[float, float, int]
T = TypeVar("T")


def system_calls() -> int:
    """Read and write system calls this process made so far (Linux)."""
    fields = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
    return int(fields["syscr"]) + int(fields["syscw"])


def timed(step: Callable[[], T]) -> tuple[T, Cost]:
    wall, cpu, calls = time.perf_counter(), time.process_time(), system_calls()
    result = step()
    return result, (
        time.perf_counter() - wall,
        time.process_time() - cpu,
        system_calls() - calls,
    )


def measure(archive: Path, database: Path, repeat: int) -> tuple[dict[str, Cost], int]:
    """The fastest run of each phase, and how many invitations the archive has."""
    store = Store(database)
    settings = Settings(storage=StorageSettings(database=database))
    source = sources.recognise(archive.name, read_head(archive, sources.HEAD_BYTES))
    assert source is not None, f"{archive}: not an archive"
    staged = pipeline.stage_records(store, source.read(archive, settings.limits))
    candidate = Candidate(archive, source, archive.stat().st_size, sha256_file(archive), NOW)
    best: dict[str, Cost] = {}
    invitations = staged.stage.staged["stage_invitations"]
    for run in range(repeat):
        staged.stage.flush()  # what the merge can do before the lock (re-done after a rollback)
        store.db.execute("BEGIN IMMEDIATE")
        phases: dict[str, Cost] = {}
        counts, phases["merge"] = timed(
            lambda: pipeline.merge_staged(store, staged, modified=NOW, now=NOW)
        )
        _, phases["evidence"] = timed(partial(pipeline._log_evidence, store, candidate, counts))
        _, phases["advance"] = timed(partial(lifecycle.advance, store, counts, "bench", NOW))
        if run < repeat - 1:
            store.db.execute("ROLLBACK")
        else:
            _, phases["commit"] = timed(lambda: store.db.execute("COMMIT"))
            _, phases["checkpoint"] = timed(store.checkpoint)
        for name, cost in phases.items():
            best[name] = min(best.get(name, cost), cost, key=lambda c: c[1])
    store.close()
    return best, invitations


def report(shape: str, scale: float, best: dict[str, Cost], invitations: int, floor: float) -> str:
    total = tuple(sum(cost[i] for cost in best.values()) for i in range(3))
    per_k = 1000 / max(invitations, 1)
    lines = [
        f"{shape} {scale:g}x ({invitations:,} invitations): lock held {total[0]:.2f} s "
        f"({total[1]:.2f} s CPU = {total[1] / floor:.2f}x the bare csv pass's {floor:.2f} s; "
        f"{total[1] * per_k * 1000:.1f} ms CPU per 1,000 invitations), "
        f"{int(total[2]):,} read/write calls"
    ]
    for name, (wall, cpu, calls) in best.items():
        lines.append(
            f"    {name:10s} {wall:6.3f} s  {cpu:6.3f} s CPU  {calls:8,d} calls  "
            f"{cpu * per_k * 1000:6.2f} ms CPU / 1,000"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_archive_options(parser, sizes=(1.0,))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each phase (3)")
    args = parser.parse_args()
    for run in runs(args, "bench-lock-"):
        archive, _ = ready_archive(run.folder, run.shape, run.scale)
        _, floor, _ = bare_csv_pass(archive)
        database = run.scratch / f"lock-{run.shape}-{run.scale:g}.db"
        best, invitations = measure(archive, database, args.repeat)
        print(report(run.shape, run.scale, best, invitations, floor), flush=True)


if __name__ == "__main__":
    main()
