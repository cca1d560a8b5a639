"""One imported file, start to finish: ``process(path, deps) -> ImportOutcome``.

Read top to bottom: check the file and recognise its format (``recognise``), skip content
already imported, read and stage its records (``staging``: TEMP tables, no write lock, others
keep writing meanwhile), then in ONE short transaction merge them and advance the invitations'
lifecycle, leaving a note of what is left; then judge what is new or affected from a read
snapshot and store the verdicts with the announcement in a second short one
(``watcher.judge.deferred``; a kill between the two is finished by the next import). A failure
before the merge commits leaves the database as it was and comes back as ``Failed`` with a
reason a person can act on; the caller reports it (the daemon's worker logs it, the CLI prints
it), so it is said once.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from watcher.config.settings import Settings
from watcher.followup import apply as lifecycle
from watcher.followup import reminders
from watcher.judge import deferred
from watcher.judge import gather as context
from watcher.models import (
    AlreadyImported,
    AsOf,
    Failed,
    ImportChanges,
    Imported,
    ImportOutcome,
    Interrupted,
    Status,
)
from watcher.pipeline.recognise import Candidate, Rejected, reason_of, recognise
from watcher.pipeline.staging import (
    MODIFIED,
    Interrupt,
    Progress,
    Staged,
    merge_staged,
    stage_records,
)
from watcher.sources import registry as sources
from watcher.store import ApplyCounts, Store

__all__ = [
    "CancelToken",
    "Deps",
    "Progress",
    "Staged",
    "merge_staged",
    "process",
    "stage_records",
    "utc_now",
]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Deps:
    """What an import needs; built by the composition root (cli.py or daemon.py)."""

    store: Store
    settings: Settings
    clock: Callable[[], datetime] = utc_now
    #: called with how far the reader has got and the number of records applied so far (for
    #: a progress bar), at each ``ReadProgress`` the reader yields and every ``CHECK_EVERY``
    progress: Progress | None = None
    #: called with how many invitations are judged so far, of how many, after the merge (the
    #: import's last phase, seconds for a big archive)
    judging: Callable[[int, int], None] | None = None
    #: set when the import should stop: checked in every phase; the transaction rolls back
    cancel: CancelToken | None = None
    #: called with the outcome inside the transaction that records it (for an import, the one
    #: that stores its verdicts), so what it writes (the daemon's outbox notices) commits with
    #: it or not at all
    announce: Callable[[Store, Imported | Failed], None] | None = None

    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()


class CancelToken(Protocol):
    """What the pipeline asks to know whether to stop (a ``threading.Event`` is one)."""

    def is_set(self) -> bool: ...


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def process(
    path: Path,
    deps: Deps,
    *,
    follow_symlinks: bool = False,
    retry_failed: bool = True,
    dry_run: bool = False,
) -> ImportOutcome:
    """Import one file. Never raises for bad input: the outcome says what happened."""
    if deps.cancelled():
        return Interrupted(path=path)
    candidate = recognise(path, deps.settings.limits, follow_symlinks=follow_symlinks)
    if not isinstance(candidate, Candidate | Rejected):
        return candidate
    try:
        if not dry_run:
            _finish_earlier(deps)
        return _decide(candidate, deps, retry_failed=retry_failed, dry_run=dry_run)
    except sqlite3.DatabaseError as error:
        # The database's trouble (locked by another import, disk full), not the file's: nothing
        # is recorded against the file, so it is tried again. (A corrupt database is no
        # sqlite3 error here: it reaches the caller, which stops.)
        return Failed(path=path, kind=candidate.kind, reason=reason_of(error), transient=True)


def _decide(
    candidate: Candidate | Rejected, deps: Deps, *, retry_failed: bool, dry_run: bool
) -> ImportOutcome:
    if isinstance(candidate, Rejected):
        earlier = _earlier_outcome(candidate, deps, retry_failed=retry_failed)
        return earlier or _failed(candidate, deps, candidate.reason, dry_run=dry_run)
    superseded = None if dry_run else _superseded(candidate, deps)
    earlier = _earlier_outcome(candidate, deps, retry_failed=retry_failed)
    if earlier is not None:
        if superseded is not None and isinstance(earlier, AlreadyImported):
            # The complete version repeats an earlier import: only the withdrawal is left.
            with deps.store.transaction():
                _withdraw(superseded, candidate, deps)
        return earlier
    return _imported(candidate, deps, dry_run=dry_run, superseded=superseded)


def _imported(
    candidate: Candidate, deps: Deps, *, dry_run: bool, superseded: int | None
) -> ImportOutcome:
    """Import a recognised file in one transaction; the outcome, whatever happened."""
    path = candidate.path
    try:
        changes = _import(candidate, deps, dry_run=dry_run, superseded=superseded)
    except Interrupt:
        return Interrupted(path=path)
    except (sources.SourceError, OSError) as error:
        return _failed(candidate, deps, reason_of(error), dry_run=dry_run)
    return Imported(path=path, kind=candidate.source.name, sha256=candidate.digest, changes=changes)


#: A file replaced under the same name this soon after its import was a version its writer had
#: not finished (a slow download, a chunked writer): what that version alone proved is withdrawn.
SUPERSEDED_WITHIN = timedelta(minutes=10)


def _superseded(candidate: Candidate, deps: Deps) -> int | None:
    """The import of an earlier version of this file, minutes ago, that this one replaces: its
    listing window will no longer count. Asked before the known-content check: the complete
    version may be the same content as an earlier import (a re-export saved slowly over it)."""
    since = deps.clock() - SUPERSEDED_WITHIN
    return deps.store.superseded_listing(candidate.path, candidate.digest, since)


def _withdraw(superseded: int, candidate: Candidate, deps: Deps) -> None:
    """Inside the caller's transaction: the superseded version vouches for no window, and what
    only it closed reopens (the new version's own listing may close it again)."""
    deps.store.withdraw_listing(superseded)
    lifecycle.reopen_unproven(deps.store, f"import of {candidate.path.name}", deps.clock())


def _earlier_outcome(
    candidate: Candidate | Rejected, deps: Deps, *, retry_failed: bool
) -> AlreadyImported | Failed | None:
    """The same content was seen before: imported (skip it) or failed (report it once)."""
    known = deps.store.known_import(candidate.digest)
    if known is None:
        return None
    kind = known.kind or candidate.kind
    if known.outcome == "imported":
        return AlreadyImported(path=candidate.path, kind=kind, sha256=candidate.digest)
    if retry_failed:
        return None
    return Failed(path=candidate.path, kind=kind, reason=known.error or "", repeated=True)


def _failed(candidate: Candidate | Rejected, deps: Deps, reason: str, *, dry_run: bool) -> Failed:
    failed = Failed(path=candidate.path, kind=candidate.kind, reason=reason)
    if not dry_run:
        with deps.store.transaction():
            deps.store.log_import(
                candidate.digest,
                candidate.path,
                size=candidate.size,
                kind=candidate.kind,
                outcome="failed",
                error=reason,
            )
            if deps.announce is not None:
                deps.announce(deps.store, failed)
    return failed


def _import(
    candidate: Candidate, deps: Deps, *, dry_run: bool, superseded: int | None
) -> ImportChanges:
    # Read and stage outside the write transaction: the lock is held only to merge.
    records = candidate.source.read(candidate.path, deps.settings.limits)
    staged = stage_records(
        deps.store, records, deps.progress, cancelled=deps.cancelled, name=candidate.path.name
    )
    try:
        changes, pending = _merge(candidate, staged, deps, dry_run=dry_run, superseded=superseded)
        if pending is not None:  # judged after the commit: the lock is held to store verdicts
            _judge(pending, changes, deps)
        return changes
    finally:
        # The merge's larger page cache served the judging's reads too; given back now. A
        # failure to tidy the stage must not hide why the import failed, if it did.
        with contextlib.suppress(sqlite3.Error):
            staged.stage.release()


def _merge(
    candidate: Candidate, staged: Staged, deps: Deps, *, dry_run: bool, superseded: int | None
) -> tuple[ImportChanges, int | None]:
    """The import's write transaction: merge, log, advance the lifecycle, and leave a note of
    what is left to judge (its id; None when nothing is). A dry run judges here too, then rolls
    everything back."""
    store = deps.store
    cause = f"import of {candidate.path.name}"
    changes = ImportChanges()
    now = deps.clock()
    try:
        with store.transaction():
            if superseded is not None:  # withdrawn only with a version that imports
                _withdraw(superseded, candidate, deps)
            counts = merge_staged(store, staged, modified=candidate.modified, now=now)
            _stop_if_cancelled(deps)
            _log_evidence(store, candidate, counts)
            changes.transitions = lifecycle.advance(store, counts, cause, now)
            # judged after the commit with the rest: they are among the moves
            changes.settled = reminders.settle_overdue(
                store, deps.settings, changes.transitions, candidate.path.name, now, judge=False
            )
            changes.transitions |= dict.fromkeys(changes.settled, Status.UNANSWERED)
            _stop_if_cancelled(deps)
            changes.new, changes.updated, changes.unchanged = (
                counts.new,
                counts.updated,
                counts.unchanged,
            )
            changes.new_invitation_ids = counts.new_invitation_ids
            changes.history_changed = counts.history_changed
            changes.warnings = counts.warnings
            if dry_run:
                context.evaluate_affected(
                    store, deps.settings, counts, cause, now, moved=changes.transitions
                )
                raise _DryRun
            imported = Imported(
                path=candidate.path,
                kind=candidate.source.name,
                sha256=candidate.digest,
                changes=changes,
            )
            pending = deferred.defer(
                store,
                deps.settings,
                counts,
                changes.transitions,
                imported,
                announce=deps.announce is not None,
                now=now,
            )
    except _DryRun:
        return changes, None
    return changes, pending


def _judge(pending: int, changes: ImportChanges, deps: Deps) -> None:
    """Judge what the committed merge left. The file is imported whatever happens here: a stop,
    or a database busy or full when the verdicts are stored, leaves the note for later
    (``changes.judging_left``, and why in the warnings). A corrupt database is no sqlite3 error
    here: it reaches the caller, which stops."""
    try:
        judged = deferred.finish(
            deps.store,
            deps.settings,
            pending,
            deps.clock(),
            announce=deps.announce,
            stop=deps.cancelled,
            progress=deps.judging,
        )
    except sqlite3.DatabaseError as error:
        changes.warnings.append(f"judging its invitations is left for later: {reason_of(error)}")
        judged = False
    changes.judging_left = not judged


def _finish_earlier(deps: Deps) -> None:
    """What earlier imports left to judge and announce (killed between their two
    transactions): done before this one, so verdicts and notices come in import order."""
    deferred.finish_pending(
        deps.store, deps.settings, deps.clock(), announce=deps.announce, stop=deps.cancelled
    )


def _log_evidence(store: Store, candidate: Candidate, counts: ApplyCounts) -> None:
    """Log the import with its as-of time (and the window a complete listing in it covers),
    and which invitations it listed as of then: what later files are weighed against."""
    as_of = counts.as_of or AsOf(candidate.modified, MODIFIED)
    import_id = store.log_import(
        candidate.digest,
        candidate.path,
        size=candidate.size,
        kind=candidate.kind,
        outcome="imported",
        as_of=as_of,
        window=None if as_of.at is None else counts.listing_window(as_of.at),
    )
    if as_of.at is not None:
        store.record_sightings(import_id, as_of.at, counts.sighted)


def _stop_if_cancelled(deps: Deps) -> None:
    if deps.cancelled():
        raise Interrupt
