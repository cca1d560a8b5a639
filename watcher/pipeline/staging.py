"""A file's records read onto the store's stage (no write lock), then merged in the caller's
write transaction, with the file's as-of time worked out on the way."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from watcher.models import AsOf, OwnerProfile, ReadProgress, Record, Snapshot
from watcher.store import ApplyCounts, Store
from watcher.store.staging import Stage

#: How a progress display is told: the reader's latest position, the records applied so far.
Progress = Callable[[ReadProgress, int], None]


class Interrupt(Exception):
    """The cancel token was set: raised to stop the import (and roll back what it wrote)."""


#: Records applied between two looks at the cancel token and two progress reports.
CHECK_EVERY = 1000


@dataclass
class Staged:
    """A file's records once read: the many on the store's stage, the few held here."""

    stage: Stage
    #: who the user is and their lists: kept from the newest file, so they wait for the file's
    #: as-of time, which an archive without a date in its name gives last. They are few.
    held: list[OwnerProfile | Snapshot]
    #: the file's as-of time as its source gave it
    as_of: AsOf | None


def stage_records(
    store: Store,
    records: Iterable[Record],
    progress: Progress | None = None,
    *,
    cancelled: Callable[[], bool] = lambda: False,
    name: str = "",
) -> Staged:
    """Read every record of one file onto the store's stage; no write lock is taken.

    Raises ``Interrupt`` once ``cancelled()`` says so (nothing was written)."""
    staged = Staged(store.stage(), [], None)
    latest = ReadProgress(member=name, done=0, total=None)
    done = 0
    for record in records:
        match record:
            case ReadProgress():
                latest = record
                if progress is not None:
                    progress(latest, done)
                continue
            case OwnerProfile() | Snapshot():
                staged.held.append(record)
            case AsOf():
                staged.as_of = record
            case _:
                staged.stage.add(record)
        done += 1
        if done % CHECK_EVERY == 0:
            if cancelled():
                raise Interrupt
            if progress is not None:
                progress(latest, done)
    staged.stage.flush()
    return staged


def merge_staged(store: Store, staged: Staged, *, modified: datetime, now: datetime) -> ApplyCounts:
    """Merge a file's staged records into the store (inside the caller's transaction); the
    counts carry the file's as-of time, its modification time when the file does not say."""
    counts = ApplyCounts.empty()
    store.merge_staged(staged.stage, counts, now)
    given = staged.as_of
    if given is None and counts.seen_at is not None:
        given = AsOf(counts.seen_at, CAPTURED)
    counts.as_of = AsOf(modified, MODIFIED) if given is None else given.or_modified(modified)
    for record in staged.held:
        if isinstance(record, OwnerProfile):
            store.apply_owner(record, counts, counts.as_of.at)
        else:
            store.apply_snapshot(record, counts, counts.as_of.at)
    return counts


#: Where a file's as-of time comes from when its format carries none.
MODIFIED = "the file's modification time"
#: Where it comes from when its invitations say when the file saw them (a page capture).
CAPTURED = "its capture time"
