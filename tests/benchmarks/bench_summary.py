"""Benchmark: the one-line summary notice after a large archive import (issue 12).

Imports a generated archive (50,000 invitations by default) into a throwaway database, then
times building the import's notices two ways on the same data, in the same run: loading every
new invitation with its findings (what ``import_notices`` did before) and the aggregate count
that loads only the few invitations the summary names (``notify.announce.import_notices``).
Prints CPU seconds and the ratio; asserts nothing.

Run: ``cd /work/main && .venv/bin/python -m tests.benchmarks.bench_summary [--invitations N]``
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.support.exports import write_big_archive
from watcher import pipeline
from watcher.config.settings import Settings
from watcher.models import Direction, ImportChanges, Imported, Status
from watcher.notify.announce import import_notices, notice_item
from watcher.notify.texts import Notice, invitation_notices
from watcher.store import Store


def loading_everything(store: Store, changes: ImportChanges, settings: Settings) -> list[Notice]:
    """The baseline: every new invitation loaded with its findings, then counted."""
    fresh = store.invitations(direction=Direction.INCOMING, ids=changes.new_invitation_ids)
    items = [
        item
        for invitation in fresh
        if invitation.status is Status.PENDING and (item := notice_item(invitation)) is not None
    ]
    return invitation_notices(items, settings.notifications.budget_per_import)


def cpu_seconds(work: Callable[[], list[Notice]], repeats: int = 3) -> tuple[float, list[Notice]]:
    best, result = float("inf"), []
    for _ in range(repeats):
        started = time.process_time()
        result = work()
        best = min(best, time.process_time() - started)
    return best, result


def run(invitations: int) -> None:
    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="bench-summary-") as tmp:
        root = Path(tmp)
        archive = write_big_archive(
            root / "Complete_LinkedInDataExport_11-20-2026.zip",
            invitations=invitations,
            connections=1_000,
            messages=1_000,
            people=invitations,
        )
        store = Store(root / "db.sqlite")
        outcome = pipeline.process(archive, pipeline.Deps(store=store, settings=settings))
        assert isinstance(outcome, Imported), outcome
        changes = outcome.changes
        before, old = cpu_seconds(lambda: loading_everything(store, changes, settings))
        after, new = cpu_seconds(lambda: import_notices(store, changes, settings))
        store.close()
    print(f"new invitations:                  {len(changes.new_invitation_ids)}")
    print(f"summary, loading every invitation: {before:6.3f} s CPU  ({old[0].title})")
    print(f"summary, aggregate + few named:    {after:6.3f} s CPU  ({new[0].title})")
    print(f"ratio:                             x{after / before:.3f} of the baseline")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--invitations", type=int, default=50_000)
    run(parser.parse_args(argv).invitations)


if __name__ == "__main__":
    main()
