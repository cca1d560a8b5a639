"""One imported file, start to finish: ``process(path, deps) -> ImportOutcome``.

Read top to bottom: check the file, skip content already imported, recognise the format, then in
ONE transaction apply its records, advance the invitations' lifecycle, and evaluate what is new
or affected. A failure anywhere leaves the database as it was and comes back as ``Failed`` with a
reason a person can act on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from loguru import logger

from watcher import context, lifecycle, sources
from watcher.intake import IntakeError, check_readable, read_head, sha256_file
from watcher.models import (
    Acquaintance,
    AlreadyImported,
    ConnectionRecord,
    Failed,
    Imported,
    ImportChanges,
    ImportOutcome,
    InvitationRecord,
    MessageSummary,
    NotOurs,
    OwnerProfile,
    Record,
    Snapshot,
)
from watcher.settings import Settings
from watcher.store import ApplyCounts, Store


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Deps:
    """What an import needs; built by the composition root (cli.py or daemon.py)."""

    store: Store
    settings: Settings
    clock: Callable[[], datetime] = utc_now
    #: called with the number of records applied so far (for a progress bar)
    progress: Callable[[int], None] | None = None


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
    limits = deps.settings.limits
    try:
        info = check_readable(path, follow_symlinks=follow_symlinks, max_bytes=limits.max_file_bytes)
        head = read_head(path, sources.HEAD_BYTES)
    except (IntakeError, OSError) as error:
        return Failed(path=path, kind=None, reason=_reason(error))

    source = sources.recognise(path.name, head)
    if source is None:
        return NotOurs(path=path)

    try:
        digest = sha256_file(path)
    except OSError as error:
        return Failed(path=path, kind=source.name, reason=_reason(error))
    known = deps.store.known_import(digest)
    if known is not None and known["outcome"] == "imported":
        return AlreadyImported(path=path, kind=known["kind"] or source.name, sha256=digest)
    if known is not None and not retry_failed:
        return Failed(path=path, kind=source.name, reason=known["error"], repeated=True)

    try:
        changes = _import(path, source, digest, info.st_size, deps, dry_run=dry_run)
    except (sources.SourceError, sqlite3.DatabaseError, OSError) as error:
        reason = _reason(error)
        if not dry_run:
            with deps.store.transaction():
                deps.store.log_import(digest, path, info.st_size, source.name, "failed", reason)
        logger.warning("{}: {}", path, reason)
        return Failed(path=path, kind=source.name, reason=reason)
    return Imported(path=path, kind=source.name, sha256=digest, changes=changes)


def _import(
    path: Path, source: sources.Source, digest: str, size: int, deps: Deps, *, dry_run: bool
) -> ImportChanges:
    store, now = deps.store, deps.clock()
    cause = f"import of {path.name}"
    changes = ImportChanges()
    try:
        with store.transaction():
            counts = apply_records(store, source.read(path, deps.settings.limits), deps.progress)
            changes.transitions = lifecycle.advance(store, counts, cause, now)
            context.evaluate_affected(store, deps.settings, counts, cause, now)
            store.log_import(digest, path, size, source.name, "imported", None)
            changes.new, changes.updated, changes.unchanged = counts.new, counts.updated, counts.unchanged
            changes.new_invitation_ids = counts.new_invitation_ids
            changes.history_changed = counts.history_changed
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return changes


def apply_records(
    store: Store, records: Iterable[Record], progress: Callable[[int], None] | None = None
) -> ApplyCounts:
    """Apply every record of one file to the store (inside the caller's transaction)."""
    counts = ApplyCounts.empty()
    for done, record in enumerate(records, 1):
        match record:
            case InvitationRecord():
                store.apply_invitation(record, counts)
                if not record.pending_only:
                    counts.note_listing(record.sent_at)
            case ConnectionRecord():
                store.apply_connection(record, counts)
            case MessageSummary():
                store.apply_messages(record, counts)
            case OwnerProfile():
                store.apply_owner(record, counts)
            case Snapshot():
                store.apply_snapshot(record, counts)
            case Acquaintance():
                store.apply_acquaintance(record, counts)
        if progress is not None and done % 1000 == 0:
            progress(done)
    return counts


def _reason(error: BaseException) -> str:
    """One line a person can act on; never a traceback."""
    if isinstance(error, OSError) and error.strerror:
        return f"cannot read it: {error.strerror}"
    if isinstance(error, sqlite3.DatabaseError):
        return f"the database refused the import: {error}"
    text = " ".join(str(error).split())
    return text or type(error).__name__
