"""One imported file, start to finish: ``process(path, deps) -> ImportOutcome``.

Read top to bottom: check the file, skip content already imported, recognise the format, read
and stage its records (TEMP tables, no write lock: others keep writing meanwhile), then in ONE
short transaction merge them and advance the invitations' lifecycle, leaving a note of what is
left; then judge what is new or affected from a read snapshot and store the verdicts with the
announcement in a second short one (``watcher.judge.deferred``; a kill between the two is
finished by the next import). A failure before the merge commits leaves the database as it was
and comes back as ``Failed`` with a reason a person can act on; the caller reports it (the
daemon's worker logs it, the CLI prints it), so it is said once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from watcher.config.settings import Settings
from watcher.followup import apply as lifecycle
from watcher.followup import reminders
from watcher.intake.files import IntakeError, check_readable, read_head, sha256_file
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
    NotOurs,
    OwnerProfile,
    ReadProgress,
    Record,
    Snapshot,
    Status,
)
from watcher.sources import registry as sources
from watcher.sources.linkedin.loose import core_kind_name
from watcher.sources.text import TableError, sniff_table
from watcher.store import ApplyCounts, Store
from watcher.store.staging import Stage


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
    #: set when the import should stop: checked in every phase; the transaction rolls back
    cancel: CancelToken | None = None
    #: called with the outcome inside the transaction that records it (for an import, the one
    #: that stores its verdicts), so what it writes (the daemon's outbox notices) commits with
    #: it or not at all
    announce: Callable[[Store, Imported | Failed], None] | None = None

    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()


#: How a progress display is told: the reader's latest position, the records applied so far.
Progress = Callable[[ReadProgress, int], None]


class CancelToken(Protocol):
    """What the pipeline asks to know whether to stop (a ``threading.Event`` is one)."""

    def is_set(self) -> bool: ...


class _Interrupt(Exception):
    """Raised inside the transaction when the cancel token is set, to roll the import back."""


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
    candidate = _recognise(path, deps, follow_symlinks=follow_symlinks)
    if not isinstance(candidate, _Candidate | Rejected):
        return candidate
    try:
        if not dry_run:
            _finish_earlier(deps)
        return _decide(candidate, deps, retry_failed=retry_failed, dry_run=dry_run)
    except sqlite3.DatabaseError as error:
        # The database's trouble (locked by another import, disk full), not the file's: nothing
        # is recorded against the file, so it is tried again. (A corrupt database is no
        # sqlite3 error here: it reaches the caller, which stops.)
        return Failed(path=path, kind=candidate.kind, reason=_reason(error), transient=True)


def _decide(
    candidate: _Candidate | Rejected, deps: Deps, *, retry_failed: bool, dry_run: bool
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
    candidate: _Candidate, deps: Deps, *, dry_run: bool, superseded: int | None
) -> ImportOutcome:
    """Import a recognised file in one transaction; the outcome, whatever happened."""
    path = candidate.path
    try:
        changes = _import(candidate, deps, dry_run=dry_run, superseded=superseded)
    except _Interrupt:
        return Interrupted(path=path)
    except (sources.SourceError, OSError) as error:
        return _failed(candidate, deps, _reason(error), dry_run=dry_run)
    return Imported(path=path, kind=candidate.source.name, sha256=candidate.digest, changes=changes)


@dataclass(frozen=True)
class _Candidate:
    """A readable file that one of our sources recognised."""

    path: Path
    source: sources.Source
    size: int
    digest: str
    #: its modification time: its as-of time when the file does not say
    modified: datetime

    @property
    def kind(self) -> str:
        return self.source.name


def _recognise(
    path: Path, deps: Deps, *, follow_symlinks: bool
) -> _Candidate | Rejected | Failed | NotOurs:
    limits = deps.settings.limits
    try:
        info = check_readable(
            path, follow_symlinks=follow_symlinks, max_bytes=limits.max_file_bytes
        )
        head = read_head(path, sources.HEAD_BYTES)
        source = sources.recognise(path.name, head)
        if source is not None:
            modified = datetime.fromtimestamp(info.st_mtime, UTC)
            return _Candidate(path, source, info.st_size, sha256_file(path), modified)
        why = _misnamed_table(path.name, head)
        if why is None:
            return NotOurs(path=path)
        return Rejected(path, "linkedin-csv", info.st_size, sha256_file(path), why)
    except (IntakeError, OSError) as error:
        return Failed(path=path, kind=None, reason=_reason(error))


@dataclass(frozen=True)
class Rejected:
    """A file named like a core LinkedIn table (``Invitations.csv``) that is not that table.

    Sniffing is by content, so no source takes it; but a file carrying that exact name is almost
    certainly the user's export with a changed format or damaged bytes, and silence would hide
    it. It is recorded as failed, with the reason, like any recognised file that cannot be read.
    """

    path: Path
    kind: str
    size: int
    digest: str
    reason: str


def _misnamed_table(name: str, head: bytes) -> str | None:
    """Why a file named like a core LinkedIn table is not that table; None if not so named."""
    core = core_kind_name(name)
    if core is None:
        return None
    try:
        header = sniff_table(head).header
    except TableError as error:
        why = str(error).rstrip(".")
    else:
        why = "its columns are " + ", ".join(header[:6]) + (", …" if len(header) > 6 else "")
    return f"named like LinkedIn's {core} table, but {why}; did the format change?"


#: A file replaced under the same name this soon after its import was a version its writer had
#: not finished (a slow download, a chunked writer): what that version alone proved is withdrawn.
SUPERSEDED_WITHIN = timedelta(minutes=10)


def _superseded(candidate: _Candidate, deps: Deps) -> int | None:
    """The import of an earlier version of this file, minutes ago, that this one replaces: its
    listing window will no longer count. Asked before the known-content check: the complete
    version may be the same content as an earlier import (a re-export saved slowly over it)."""
    since = deps.clock() - SUPERSEDED_WITHIN
    return deps.store.superseded_listing(candidate.path, candidate.digest, since)


def _withdraw(superseded: int, candidate: _Candidate, deps: Deps) -> None:
    """Inside the caller's transaction: the superseded version vouches for no window, and what
    only it closed reopens (the new version's own listing may close it again)."""
    deps.store.withdraw_listing(superseded)
    lifecycle.reopen_unproven(deps.store, f"import of {candidate.path.name}", deps.clock())


def _earlier_outcome(
    candidate: _Candidate | Rejected, deps: Deps, *, retry_failed: bool
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


def _failed(candidate: _Candidate | Rejected, deps: Deps, reason: str, *, dry_run: bool) -> Failed:
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
    candidate: _Candidate, deps: Deps, *, dry_run: bool, superseded: int | None
) -> ImportChanges:
    store, source = deps.store, candidate.source
    cause = f"import of {candidate.path.name}"
    changes = ImportChanges()
    # Read and stage outside the write transaction: the lock is held only to merge.
    records = source.read(candidate.path, deps.settings.limits)
    staged = stage_records(
        store, records, deps.progress, cancelled=deps.cancelled, name=candidate.path.name
    )
    now = deps.clock()
    pending = None
    try:
        with store.transaction():
            if superseded is not None:  # withdrawn only with a version that imports
                _withdraw(superseded, candidate, deps)
            counts = merge_staged(store, staged, modified=candidate.modified, now=now)
            _stop_if_cancelled(deps)
            _log_evidence(store, candidate, counts)
            changes.transitions = lifecycle.advance(store, counts, cause, now)
            changes.settled = reminders.settle_overdue(
                store, deps.settings, changes.transitions, candidate.path.name, now
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
            if dry_run:  # judged in this transaction, rolled back with the rest
                context.evaluate_affected(
                    store, deps.settings, counts, cause, now, moved=changes.transitions
                )
                raise _DryRun
            imported = Imported(
                path=candidate.path, kind=source.name, sha256=candidate.digest, changes=changes
            )
            announces = deps.announce is not None
            pending = deferred.defer(
                store, counts, changes.transitions, imported, announce=announces, now=now
            )
    except _DryRun:
        return changes
    if pending is not None:  # judged after the commit: the lock is held only to store verdicts
        deferred.finish(
            store, deps.settings, pending, deps.clock(), announce=deps.announce, stop=deps.cancelled
        )
    return changes


def _finish_earlier(deps: Deps) -> None:
    """What earlier imports left to judge and announce (killed between their two
    transactions): done before this one, so verdicts and notices come in import order."""
    deferred.finish_pending(
        deps.store, deps.settings, deps.clock(), announce=deps.announce, stop=deps.cancelled
    )


def _log_evidence(store: Store, candidate: _Candidate, counts: ApplyCounts) -> None:
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
        raise _Interrupt


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

    Raises ``_Interrupt`` once ``cancelled()`` says so (nothing was written)."""
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
                raise _Interrupt
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


def _reason(error: BaseException) -> str:
    """One line a person can act on; never a traceback."""
    if isinstance(error, OSError) and error.strerror:
        return f"cannot read it: {error.strerror}"
    if isinstance(error, sqlite3.DatabaseError):
        return f"the database refused the import: {error}"
    text = " ".join(str(error).split())
    return text or type(error).__name__
