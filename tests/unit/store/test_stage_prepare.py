"""What staging prepares before the write lock: invitations matched (``watcher.store.matching``),
so the merge ends as if it had matched them itself whatever was written in between, and the
larger cache a large merge is given."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from watcher.models import Direction, InvitationRecord, PersonRef, Status
from watcher.store import ApplyCounts, StatusChange, Store, staging
from watcher.store.staging import Stage

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
ANA = PersonRef("Ana Reyes", "https://www.linkedin.com/in/ana-reyes")
ANA_BY_NAME = PersonRef("Ana Reyes")


def invite(at: datetime, person: PersonRef = ANA, note: str = "") -> InvitationRecord:
    return InvitationRecord(person, Direction.INCOMING, at, note, None, source="t")


def staged(store: Store, *records: InvitationRecord) -> Stage:
    """Records staged and flushed as an import does before it takes the lock."""
    stage = store.stage()
    for record in records:
        stage.add(record)
    stage.flush()
    return stage


def merge(store: Store, stage: Stage) -> ApplyCounts:
    counts = ApplyCounts.empty()
    with store.transaction():
        store.merge_staged(stage, counts, T0)
    return counts


def invitations(store: Store) -> list[tuple[int, str, str]]:
    rows = store.db.execute("SELECT id, sent_at, message FROM invitations ORDER BY id")
    return [(int(row[0]), str(row[1]), str(row[2])) for row in rows]


def test_a_stored_invitation_is_matched_before_the_lock(store: Store) -> None:
    merge(store, staged(store, invite(T0)))
    stage = staged(store, invite(T0 + timedelta(hours=2), note="Hello"))

    matched = store.db.execute("SELECT prematched, match_id FROM stage_invitations").fetchall()
    counts = merge(store, stage)

    assert [tuple(row) for row in matched] == [(1, 1)]
    assert counts.updated["invitations"] == 1
    assert [note for _, _, note in invitations(store)] == ["Hello"]


def test_another_connection_committing_in_between_is_matched_against(
    store: Store, tmp_path: Path
) -> None:
    stage = staged(store, invite(T0, note="Hello"))  # nobody stored: no match
    other = Store(tmp_path / "db.sqlite")
    try:
        merge(other, staged(other, invite(T0 + timedelta(hours=1))))
    finally:
        other.close()

    counts = merge(store, stage)

    assert counts.updated["invitations"] == 1
    assert [note for _, _, note in invitations(store)] == ["Hello"]


def test_this_connection_writing_in_between_is_matched_against(store: Store) -> None:
    # Two stored within a day of the staged one (not of each other): the open one wins, and
    # which is open changes between staging and the merge.
    merge(store, staged(store, invite(T0 - timedelta(hours=20))))
    merge(store, staged(store, invite(T0 + timedelta(hours=20))))
    first, second = (i for i, _, _ in invitations(store))
    store.set_statuses([StatusChange(second, Status.PENDING, Status.IGNORED, T0)], "t")
    stage = staged(store, invite(T0, note="Hello"))
    with store.transaction():
        store.set_statuses(
            [
                StatusChange(first, Status.PENDING, Status.IGNORED, T0),
                StatusChange(second, Status.IGNORED, Status.PENDING, T0),
            ],
            "t",
        )
        store.merge_staged(stage, ApplyCounts.empty(), T0)

    notes = {i: note for i, _, note in invitations(store)}
    assert notes == {first: "", second: "Hello"}


def test_a_name_only_reference_to_the_same_person_matches_in_the_merge(store: Store) -> None:
    # The URL reference is matched early as a first-round one; the name-only reference is the
    # same person, so rounds move and the URL one is matched again, against what round one
    # wrote.
    stage = staged(store, invite(T0, ANA_BY_NAME), invite(T0 + timedelta(hours=1), ANA, "Hi"))

    counts = merge(store, stage)

    assert counts.new["invitations"] == 1
    assert counts.updated["invitations"] == 1
    assert [note for _, _, note in invitations(store)] == ["Hi"]


def test_a_large_stage_merges_with_larger_caches_given_back_after(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(staging, "LARGE_STAGE", 4)  # rows: 2 an invitation
    cache = "PRAGMA cache_size"
    default = store.db.execute(cache).fetchone()[0]
    temp_default = store.db.execute("PRAGMA temp.cache_size").fetchone()[0]
    small = staged(store, invite(T0))
    assert store.db.execute(cache).fetchone()[0] == default
    merge(store, small)

    large = staged(store, invite(T0), invite(T0 + timedelta(days=3)))
    assert store.db.execute(cache).fetchone()[0] == -staging.MERGE_CACHE_KIB
    assert store.db.execute("PRAGMA temp.cache_size").fetchone()[0] == -staging.MERGE_TEMP_CACHE_KIB
    merge(store, large)
    large.release()  # after the transaction: the stage emptied, both caches given back

    assert store.db.execute("PRAGMA temp.cache_size").fetchone()[0] == temp_default
    assert store.db.execute(cache).fetchone()[0] == default
    assert store.db.execute("SELECT COUNT(*) FROM stage_invitations").fetchone()[0] == 0
