"""Benchmark: the archive reader alone (``ArchiveSource.read``), against the bare csv pass.

Run: ``PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_read.py
[--shape today|interleaved|all] [--size 1 ...] [--keep DIR] [--profile]``

The import's cost splits into reading (this benchmark: decoding, rows to records, the message
tally) and applying (the store, ``bench_import.py`` minus this). For each shape and size of
``archive_shapes``, in one run: the bare ``csv.reader`` pass over the same members, then every
record of the archive read in a child process (CPU time, peak RSS, records by type, and how many
``ReadProgress`` reports came with them). ``--profile``: cProfile top 25 of the read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: tests.* must import
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench_import import bare_csv_pass  # noqa: E402
from tests.benchmarks.runs import (  # noqa: E402
    add_archive_options,
    measured_in_child,
    ready_archive,
    runs,
)

_CHILD = r"""
import cProfile, collections, io, json, pstats, resource, sys, time
from pathlib import Path
from watcher.config.settings import LimitsSettings
from watcher.sources.linkedin.archive import ArchiveSource

archive, profile = Path(sys.argv[1]), sys.argv[2] == "1"
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kinds = collections.Counter()
profiler = cProfile.Profile() if profile else None
cpu = time.process_time()
if profiler is not None:
    profiler.enable()
for record in ArchiveSource().read(archive, LimitsSettings()):
    kinds[type(record).__name__] += 1
if profiler is not None:
    profiler.disable()
cpu = time.process_time() - cpu
if profiler is not None:
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(25)
    print(text.getvalue(), file=sys.stderr)
print(json.dumps({
    "read_cpu_s": cpu,
    "records": dict(kinds),
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "start_rss_mb": before,
}))
"""


def read_in_child(archive: Path, *, profile: bool) -> dict[str, object]:
    flag = "1" if profile else "0"
    return measured_in_child(_CHILD, str(archive), flag, what="read", show_stderr=profile)


def measure(folder: Path, shape: str, scale: float, *, profile: bool) -> str:
    archive, sizes = ready_archive(folder, shape, scale)
    _, floor_cpu, rows = bare_csv_pass(archive)
    child = read_in_child(archive, profile=profile)
    cpu = float(child["read_cpu_s"])  # type: ignore[arg-type]
    return (
        f"{shape} {scale:g}x: {sizes.describe()} ({rows:,} csv rows)\n"
        f"    bare csv pass {floor_cpu:.2f} s CPU | read {cpu:.2f} s CPU "
        f"= {cpu / floor_cpu:.2f}x | peak RSS {child['peak_rss_mb']:.0f} MB "
        f"({child['start_rss_mb']:.0f} before)\n"
        f"    records {child['records']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_archive_options(parser)
    parser.add_argument("--profile", action="store_true", help="cProfile the read: top 25")
    args = parser.parse_args()
    for run in runs(args, "bench-read-"):
        print(measure(run.folder, run.shape, run.scale, profile=args.profile), flush=True)


if __name__ == "__main__":
    main()
