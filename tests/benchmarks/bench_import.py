"""Benchmark: import a big LinkedIn archive through ``pipeline.process`` (figures, no asserts).

Run: ``.venv/bin/python tests/benchmarks/bench_import.py [--scale 1.0] [--keep DIR]``

Writes two archives with ``tests.support.exports.write_big_archive`` (full size: 50,000
invitations, 30,000 connections, 1,000,000 messages; and half of that), then for each:

* a bare ``csv.reader`` pass over the same members (the floor), in this process;
* the full import in a fresh subprocess (its own peak RSS, from ``getrusage``), timed inside it;
* the re-import of the unchanged archive in that same subprocess (content hash: skipped).

Targets (DESIGN.md): import within 2x of the bare pass, peak RSS under 150 MB and flat as the
archive grows, re-import under 0.2 s.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from tests.support.exports import write_big_archive

ROOT = Path(__file__).resolve().parents[2]

#: Runs in a fresh interpreter so its peak RSS is the import's alone.
_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from watcher import pipeline
from watcher.config.settings import Settings, StorageSettings
from watcher.store import Store

archive, database = Path(sys.argv[1]), Path(sys.argv[2])
settings = Settings(storage=StorageSettings(database=database))
store = Store(database)
deps = pipeline.Deps(store=store, settings=settings)
started = time.perf_counter()
first = pipeline.process(archive, deps)
imported = time.perf_counter() - started
started = time.perf_counter()
again = pipeline.process(archive, deps)
reimported = time.perf_counter() - started
store.close()
print(json.dumps({
    "import_s": imported,
    "reimport_ms": reimported * 1000,
    "first": first.outcome,
    "again": again.outcome,
    "changes": first.model_dump(mode="json").get("changes", {}).get("new", {}),
    "reason": getattr(first, "reason", None),
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""

MEMBERS = ("Profile.csv", "Connections.csv", "Invitations.csv", "messages.csv")


def bare_csv_pass(archive: Path) -> tuple[float, int]:
    """The floor: inflate and split every row of the members the import reads."""
    started = time.perf_counter()
    rows = 0
    with zipfile.ZipFile(archive) as zipped:
        for name in MEMBERS:
            with (
                zipped.open(name) as raw,
                io.TextIOWrapper(raw, "utf-8", newline="") as text,
            ):
                rows += sum(1 for _ in csv.reader(text))
    return time.perf_counter() - started, rows


def import_in_child(archive: Path, database: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(archive), str(database)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"import subprocess failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def measure(folder: Path, label: str, scale: float) -> dict[str, object]:
    sizes = {
        "invitations": int(50_000 * scale),
        "connections": int(30_000 * scale),
        "messages": int(1_000_000 * scale),
    }
    archive = folder / f"Complete_LinkedInDataExport_{label}.zip"
    started = time.perf_counter()
    write_big_archive(archive, **sizes)
    written = time.perf_counter() - started
    floor, rows = bare_csv_pass(archive)
    child = import_in_child(archive, folder / f"{label}.db")
    import_s = float(child["import_s"])  # type: ignore[arg-type]
    return {
        "label": label,
        **sizes,
        "archive_mb": archive.stat().st_size / 1e6,
        "written_s": written,
        "csv_rows": rows,
        "bare_csv_s": floor,
        **child,
        "ratio": import_s / floor,
    }


def report(result: dict[str, object]) -> str:
    return (
        f"{result['label']:>5}: {result['invitations']:,} invitations, "
        f"{result['connections']:,} connections, {result['messages']:,} messages "
        f"({result['archive_mb']:.1f} MB zip)\n"
        f"       bare csv pass {result['bare_csv_s']:.2f} s | import {result['import_s']:.2f} s "
        f"= {result['ratio']:.2f}x (target <= 2x) | peak RSS {result['peak_rss_mb']:.0f} MB "
        f"(target < 150) | re-import {result['reimport_ms']:.1f} ms (target < 200)\n"
        f"       outcome {result['first']} then {result['again']}; new {result['changes']}"
        + (f"; reason {result['reason']}" if result["reason"] else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 50k/30k/1M rows")
    parser.add_argument("--keep", type=Path, help="write the archives here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for label, factor in (("half", 0.5), ("full", 1.0)):
            print(report(measure(folder, label, args.scale * factor)), flush=True)


if __name__ == "__main__":
    main()
