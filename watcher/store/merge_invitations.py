"""Merging staged invitations into the real table, and the rules two sightings of one follow.

An invitation is keyed by (person, direction, sent time), where a sent time within a day of a
stored one is the same invitation (the exports carry no time zone); a person has at most one
open invitation to the user at a time, so among several within that day the open one is it.
A richer source fills in what a poorer one lacks and never erases it, and the order files come
in never decides what is kept.

Invitations are merged in rounds, like the other kinds (``watcher.store.merging``): round ``k``
holds each (person, direction)'s ``k``-th staged invitation, so an invitation a file lists twice
is matched against what its first listing wrote, as the one-by-one loop did.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import NamedTuple

from watcher.store.database import iso
from watcher.store.fingerprints import note_fingerprint
from watcher.store.matching import MATCH
from watcher.store.merging import rounds
from watcher.store.records import ApplyCounts

_MATCHED = (
    "SELECT s.seq, s.match_id, s.message, s.note_truncated, s.headline, s.mutual, s.sent_at, "
    "s.sent_earliest, s.pending_only, s.source, i.message AS stored_message, "
    "i.note_truncated AS stored_truncated, i.headline AS stored_headline, "
    "i.mutual_connections AS stored_mutual, i.sent_at AS stored_at, "
    "i.sent_earliest AS stored_earliest "
    "FROM stage_invitations s JOIN invitations i ON i.id = s.match_id WHERE s.round = ?"
)

_UPDATE = (
    "UPDATE invitations SET message = ?, headline = ?, mutual_connections = ?, sent_at = ?, "
    "sent_earliest = ?, note_fingerprint = ?, last_seen_source = ?, note_truncated = ? "
    "WHERE id = ?"
)

#: The staged invitations of this round that are new, in file order: the order they are
#: inserted in, so the ``k``-th of them gets the ``k``-th id after the largest one stored.
_UNMATCHED = (
    "SELECT seq, pending_only FROM stage_invitations WHERE round = ? AND match_id IS NULL "
    "ORDER BY seq"
)

#: Their ids are given, not left to SQLite and read back with RETURNING: reading back 50,000
#: rows and pairing them with their staged rows in Python took half the invitations' merge.
_INSERT = (
    "INSERT INTO invitations (id, person_id, direction, sent_at, sent_earliest, message, "
    "headline, mutual_connections, note_fingerprint, first_seen, last_seen_source, "
    "note_truncated) "
    "SELECT ? + ROW_NUMBER() OVER (ORDER BY seq), person_id, direction, sent_at, "
    "sent_earliest, message, COALESCE(headline, ''), mutual, fingerprint, ?, source, "
    "note_truncated AND message != '' FROM staged_invitations "
    "WHERE round = ? AND match_id IS NULL ORDER BY seq"
)


class _Seen(NamedTuple):
    """One staged invitation once merged: its place in the file, the invitation it is, whether
    it came in a complete listing, and whether this merge created it."""

    seq: int
    invitation_id: int
    complete: bool
    new: bool


def merge_invitations(db: sqlite3.Connection, counts: ApplyCounts, now: datetime) -> None:
    """Match, update and insert every staged invitation; the counts and sightings, in file
    order."""
    seen: list[_Seen] = []
    for k in range(1, rounds(db, "stage_invitations") + 1):
        db.execute(MATCH, (k,))
        seen += _update_matched(db, k, counts)
        seen += _insert_unmatched(db, k, now)
    seen.sort()
    fresh = [s.invitation_id for s in seen if s.new]
    counts.count("invitations", "new", len(fresh))
    counts.new_invitation_ids += fresh
    counts.seen_invitation_ids += [s.invitation_id for s in seen]
    for s in seen:
        counts.sighted[s.invitation_id] = counts.sighted.get(s.invitation_id, False) or s.complete


def _update_matched(db: sqlite3.Connection, k: int, counts: ApplyCounts) -> list[_Seen]:
    seen: list[_Seen] = []
    updates: list[tuple[object, ...]] = []
    for row in db.execute(_MATCHED, (k,)).fetchall():
        seen.append(_Seen(row["seq"], row["match_id"], not row["pending_only"], new=False))
        merged = _merged(row)
        stored = (
            row["stored_message"],
            row["stored_headline"],
            row["stored_mutual"],
            row["stored_at"],
            row["stored_earliest"],
            bool(row["stored_truncated"]),
        )
        if merged == stored:
            counts.count("invitations", "unchanged")
            continue
        message, headline, mutual, sent_at, earliest, truncated = merged
        fingerprint = note_fingerprint(message)
        updates.append(
            (
                message,
                headline,
                mutual,
                sent_at,
                earliest,
                fingerprint,
                row["source"],
                truncated,
                row["match_id"],
            )
        )
        counts.count("invitations", "updated")
    db.executemany(_UPDATE, updates)
    return seen


def _merged(row: sqlite3.Row) -> tuple[str, str, int | None, str, str | None, bool]:
    """What one stored invitation becomes with this sighting: the fuller note (and whether a
    page cut it), the headline and mutual count when given, the most exact sent time."""
    message = fuller_note(row["message"], row["stored_message"])
    truncated = truncated_after(
        (row["message"], bool(row["note_truncated"])),
        (row["stored_message"], bool(row["stored_truncated"])),
        kept=message,
    )
    mutual = row["mutual"] if row["mutual"] is not None else row["stored_mutual"]
    sent_at, earliest = sent_times(
        (row["stored_at"], row["stored_earliest"]),
        (row["sent_at"], row["sent_earliest"]),
        pending_only=bool(row["pending_only"]),
    )
    return message, row["headline"] or row["stored_headline"], mutual, sent_at, earliest, truncated


def _insert_unmatched(db: sqlite3.Connection, k: int, now: datetime) -> list[_Seen]:
    staged = db.execute(_UNMATCHED, (k,)).fetchall()
    if not staged:
        return []
    last = int(db.execute("SELECT COALESCE(MAX(id), 0) FROM invitations").fetchone()[0])
    db.execute(_INSERT, (last, iso(now), k))
    return [
        _Seen(seq, invitation_id, not pending_only, new=True)
        for invitation_id, (seq, pending_only) in enumerate(staged, start=last + 1)
    ]


def sent_times(
    stored: tuple[str, str | None], given: tuple[str, str | None], *, pending_only: bool
) -> tuple[str, str | None]:
    """When one invitation two files list was sent, as (sent_at, earliest) stored: the most
    exact time wins, whatever the order the files came in. An exact time (earliest None) beats
    a capture's window, and the exact time of a page (with its zone; ``pending_only``) beats
    the archive's, which has none; two windows narrow to what both allow."""
    stored_at, stored_earliest = stored
    given_at, given_earliest = given
    if given_earliest is None:
        if stored_earliest is not None or pending_only:
            return given_at or stored_at, None
        return stored_at, stored_earliest
    if stored_earliest is None:
        return stored_at, None
    earliest = max(stored_earliest, given_earliest)
    latest = min(stored_at, given_at)
    if earliest > latest:  # they agree only within the slack: keep what is stored
        return stored_at, stored_earliest
    return latest, earliest if earliest < latest else None


def fuller_note(new: str, stored: str) -> str:
    """The note to keep when two files give one: the longer (the archive collapses line breaks
    and a capture may cut a note short), the greater text on a tie, so the order files come in
    never decides; an empty note never erases one."""
    return max(new, stored, key=lambda note: (len(note.strip()), note))


def truncated_after(new: tuple[str, bool], stored: tuple[str, bool], *, kept: str) -> bool:
    """Whether the note kept (``fuller_note``'s choice) is one a page cut short: the flag of
    the sighting it came from; when both gave that same text, cut only if both were cut (a
    full sighting of the same words proves it whole), so the order files come in never
    decides."""
    flags = [cut for text, cut in (new, stored) if text == kept]
    return bool(kept) and bool(flags) and all(flags)
