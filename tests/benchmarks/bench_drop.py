"""Benchmark: one small invitation file dropped on a big database, through ``pipeline.process``.

Imports the *interleaved* archive (``archive_shapes``: 50,000 inviters at 1x, each of three
template notes sent by ~4,000 of them) into a fresh database, then drops one-invitation JSON
files on it, each from a new inviter: a note of their own, one of the big templates, and the
same file again (already imported). Prints the wall and CPU milliseconds of each, from the
file being complete to the outcome (the notice recorded), at each size given, so a cost that
grows with the database shows. Asserts nothing. Target (issue 12): < 200 ms, independent of
the database's size.

    .venv/bin/python tests/benchmarks/bench_drop.py [--size 0.1 --size 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: tests.* must import
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.archive_shapes import _TEMPLATES  # noqa: E402
from tests.benchmarks.runs import add_archive_options, ready_archive, runs  # noqa: E402
from tests.support.exports import invitations_json  # noqa: E402
from watcher import pipeline  # noqa: E402
from watcher.config.settings import Settings, StorageSettings  # noqa: E402
from watcher.models import Imported  # noqa: E402
from watcher.store import Store  # noqa: E402

SENT = datetime(2025, 1, 10, 9, 30, tzinfo=UTC)


def one_invitation(folder: Path, name: str, index: int, note: str) -> Path:
    entry = {
        "name": f"Newcomer {index}",
        "profile_url": f"https://www.linkedin.com/in/newcomer-{index}",
        "headline": "Recruiter",
        "note": note,
        "sent_at": SENT.isoformat(),
    }
    path = folder / name
    path.write_bytes(invitations_json([entry]))
    return path


def timed(path: Path, deps: pipeline.Deps) -> tuple[float, float, str]:
    started, cpu = time.perf_counter(), time.process_time()
    outcome = pipeline.process(path, deps)
    wall, spent = time.perf_counter() - started, time.process_time() - cpu
    return wall * 1000, spent * 1000, outcome.outcome


def measure(folder: Path, scale: float) -> None:
    archive, _ = ready_archive(folder, "interleaved", scale)
    database = folder / f"drop_{scale:g}x.db"
    for leftover in folder.glob(f"{database.name}*"):
        leftover.unlink()
    settings = Settings(storage=StorageSettings(database=database))
    store = Store(database)
    announced: list[str] = []
    deps = pipeline.Deps(
        store=store, settings=settings, announce=lambda _s, o: announced.append(o.outcome)
    )
    started = time.perf_counter()
    imported = pipeline.process(archive, deps)
    assert isinstance(imported, Imported), imported
    invitations = store.db.execute("SELECT COUNT(*) FROM invitations").fetchone()[0]
    print(
        f"interleaved {scale:g}x: {invitations:,} invitations imported in "
        f"{time.perf_counter() - started:.1f} s"
    )
    drops = folder / f"drops-{scale:g}x"
    drops.mkdir(exist_ok=True)
    cases = [
        ("a note of their own", "own.json", "Hi, we met at the Lisbon meetup; coffee soon?"),
        ("a template ~4,000 others sent", "template.json", _TEMPLATES[1]),
    ]
    for index, (label, name, note) in enumerate(cases):
        path = one_invitation(drops, name, index, note)
        wall, cpu, outcome = timed(path, deps)
        print(f"    {label}: {wall:.0f} ms wall, {cpu:.0f} ms CPU ({outcome}; target < 200)")
    wall, cpu, outcome = timed(drops / "own.json", deps)
    print(f"    the same file again: {wall:.1f} ms wall, {cpu:.1f} ms CPU ({outcome})")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_archive_options(parser, sizes=(0.1, 1.0), shapes=("interleaved",))
    args = parser.parse_args()
    for run in runs(args, "bench-drop-"):
        measure(run.folder, run.scale)


if __name__ == "__main__":
    main()
