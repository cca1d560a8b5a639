"""A note a page cut short is kept as such until a fuller sighting replaces it, in any order."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import permutations
from pathlib import Path

import pytest

from watcher.models import Direction, InvitationRecord, PersonRef
from watcher.store import ApplyCounts, Store
from watcher.store.merge_invitations import fuller_note, truncated_after

SENT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
BO = PersonRef("Bo Lindqvist", "https://www.linkedin.com/in/bo-lindqvist")
FULL = "We have not met, but I read your post on event sourcing. Coffee next week?"
CUT = FULL[:30]


def sighting(note: str, truncated: bool) -> InvitationRecord:
    return InvitationRecord(
        counterpart=BO,
        direction=Direction.INCOMING,
        sent_at=SENT,
        message=note,
        pending_only=True,
        note_truncated=truncated,
    )


def stored_note(store: Store, *records: InvitationRecord) -> tuple[str, bool]:
    with store.transaction():
        for record in records:
            store.apply_invitation(record, ApplyCounts.empty())
    [invitation] = store.invitations(direction=None)
    return invitation.message, invitation.note_truncated


@pytest.mark.parametrize(
    ("sightings", "expected"),
    [
        ([(CUT, True)], (CUT, True)),
        ([(CUT, True), (FULL, False)], (FULL, False)),  # the full note replaces the cut one
        ([(CUT, True), (CUT, True)], (CUT, True)),
        ([(CUT, True), (CUT, False)], (CUT, False)),  # the same words seen whole: not cut
        ([(FULL, True), (CUT, True)], (FULL, True)),  # the longer cut one is still cut
        ([("", True)], ("", False)),  # no note cannot be cut
    ],
)
def test_note_truncated_follows_the_note_kept_in_any_order(
    tmp_path: Path, sightings: list[tuple[str, bool]], expected: tuple[str, bool]
) -> None:
    for index, order in enumerate(permutations(sightings)):
        store = Store(tmp_path / f"db-{index}.sqlite")
        try:
            assert stored_note(store, *(sighting(n, t) for n, t in order)) == expected, order
        finally:
            store.close()


def test_truncated_after_is_symmetric() -> None:
    for a in ((CUT, True), (CUT, False), (FULL, True), (FULL, False), ("", False)):
        for b in ((CUT, True), (CUT, False), (FULL, True), (FULL, False), ("", False)):
            kept = fuller_note(a[0], b[0])
            assert truncated_after(a, b, kept=kept) == truncated_after(b, a, kept=kept)
