"""Judging an import once its merge has committed, holding the write lock only to store verdicts.

An import merges its records and moves its invitations' lifecycle in one write transaction.
Judging what it may have changed takes longer than all of that (seconds for a 50,000-invitation
archive) and writes only at its end; inside that transaction it kept every other writer waiting
(a command, a reminder, another import). So the merge's transaction leaves a note of what is
left (``defer``: which invitations, and the outcome to announce), and ``finish`` judges them from
a read snapshot, then stores the verdicts, drops the note and records the announcement in one
short write transaction (``Database.optimistically``: judged again if another process wrote
meanwhile, so no verdict is written from a stale view). A kill between the two leaves the note:
the next import, or the daemon's start, finishes it (``finish_pending``), so every invitation is
judged and the user told once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from watcher.config.settings import Settings
from watcher.judge import gather
from watcher.models import Imported
from watcher.store import ApplyCounts, PendingJudging, Store

#: How an import is announced once judged (the daemon's outbox; a command announces nothing).
Announce = Callable[[Store, Imported], None]


def defer(
    store: Store,
    settings: Settings,
    counts: ApplyCounts,
    moved: Iterable[int],
    outcome: Imported,
    *,
    announce: bool,
    now: datetime,
) -> int | None:
    """Inside the merge's transaction: leave the judging of what this import may have changed,
    and its announcement, to ``finish``; the note's id, None when nothing is left to do."""
    ids = gather.affected_ids(store, settings, counts, moved)
    if ids == [] and not announce:
        return None
    cause = f"import of {outcome.path.name}"
    return store.defer_judging(cause, ids, outcome.model_dump_json(), announce=announce, now=now)


def finish(
    store: Store,
    settings: Settings,
    pending_id: int,
    now: datetime,
    *,
    announce: Announce | None,
    stop: Callable[[], bool],
    progress: gather.JudgingProgress | None = None,
) -> bool:
    """Judge what that import left and announce it (``progress`` hears how far the judging
    has got); False when ``stop()`` said to stop first (nothing was written: the note stays
    for the next start). A note another process has finished meanwhile is left alone."""

    def judge() -> PendingJudging | None:
        pending = store.pending_judging(pending_id)
        if pending is None:  # another process finished it
            return None
        ids = pending.invitation_ids
        chosen = [] if ids == [] else store.undecided_incoming_ids(ids)
        gather.judge_chosen(store, settings, chosen, stop=stop, progress=progress)
        return pending

    def store_and_announce(pending: PendingJudging | None) -> None:
        if pending is None:
            return
        store.write_staged_verdicts(pending.cause, now)
        store.drop_judging(pending_id)
        if pending.announce and announce is not None:
            announce(store, Imported.model_validate_json(pending.outcome))

    try:
        store.optimistically(judge, store_and_announce)
    except gather.Stopped:
        return False
    return True


def finish_pending(
    store: Store,
    settings: Settings,
    now: datetime,
    *,
    announce: Announce | None,
    stop: Callable[[], bool],
) -> int:
    """Finish what earlier imports left (a kill between their two transactions), oldest first;
    how many. Without ``announce``, the notes of imports that announce are left to a caller
    that can (the daemon); a command's own are finished by the next command."""
    done = 0
    for pending_id in store.pending_judgings(announced_too=announce is not None):
        if not finish(store, settings, pending_id, now, announce=announce, stop=stop):
            break
        done += 1
    return done
