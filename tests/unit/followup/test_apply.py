"""Lifecycle moves applied in bulk: the same statuses, transitions and meet-ups as one by one."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from watcher.followup.apply import Move, UnknownInvitation, apply_event, apply_moves
from watcher.followup.transitions import IllegalTransition, LifecycleEvent
from watcher.models import Direction, InvitationRecord, PersonRef, Status
from watcher.store import ApplyCounts, Store

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
E = LifecycleEvent

#: pending -> meet-requested (sent yesterday) -> replied; one accepted then told it vanished;
#: one replied before being sent (illegal); one sent twice; an id that does not exist.
MOVES: list[Move] = [
    (1, E.SENT, T0 - timedelta(days=1)),
    (2, E.CONNECTED, None),
    (3, E.REPLIED, None),
    (4, E.SENT, None),
    (1, E.REPLIED, None),
    (2, E.VANISHED, None),
    (4, E.SENT, T0 + timedelta(hours=1)),
    (99, E.CONNECTED, None),
]


def _store(path: Path) -> Store:
    store = Store(path)
    counts = ApplyCounts.empty()
    with store.transaction():
        for name in ("Ana Reyes", "Bo Lind", "Cy Ode", "Di Ng"):
            slug = name.lower().replace(" ", "-")
            person = PersonRef(name, f"https://www.linkedin.com/in/{slug}")
            record = InvitationRecord(person, Direction.INCOMING, T0, source="t")
            store.apply_invitation(record, counts)
    return store


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    one, bulk = _store(tmp_path / "one.sqlite"), _store(tmp_path / "bulk.sqlite")
    yield one, bulk
    one.close()
    bulk.close()


def _state(store: Store) -> tuple[list[tuple[object, ...]], ...]:
    def rows(sql: str) -> list[tuple[object, ...]]:
        return [tuple(row) for row in store.db.execute(sql)]

    return (
        rows("SELECT id, status FROM invitations ORDER BY id"),
        rows(
            "SELECT invitation_id, at, from_status, to_status, cause FROM transitions ORDER BY id"
        ),
        rows("SELECT * FROM meetups ORDER BY invitation_id"),
    )


def test_apply_moves_matches_apply_event_one_by_one(stores: tuple[Store, Store]) -> None:
    one, bulk = stores
    made_one = {}
    with one.transaction():
        for invitation_id, event, at in MOVES:
            # One difference by design: a user's repeated `sent --at` corrects the plan, an
            # export's repeated evidence does not; so replay the repeat without its time.
            known = one.invitation(invitation_id)
            repeat = known is not None and known.status is Status.MEET_REQUESTED
            with contextlib.suppress(IllegalTransition, UnknownInvitation):
                made_one[invitation_id] = apply_event(
                    one, invitation_id, event, "c", T0, at=None if repeat else at
                )

    with bulk.transaction():
        made = apply_moves(bulk, MOVES, "c", T0)

    assert made == made_one
    assert _state(bulk) == _state(one)
    assert 3 not in made and 99 not in made  # the illegal move and the unknown id


def test_apply_moves_stores_each_transition_with_its_time_and_cause(
    stores: tuple[Store, Store],
) -> None:
    _, bulk = stores
    with bulk.transaction():
        apply_moves(bulk, MOVES, "import of messages.csv", T0)

    rows = bulk.transitions(1)
    assert [(r.old, r.new) for r in rows] == [
        (Status.PENDING, Status.MEET_REQUESTED),
        (Status.MEET_REQUESTED, Status.REPLIED),
    ]
    assert rows[0].at == T0 - timedelta(days=1)
    assert {r.cause for r in rows} == {"import of messages.csv"}
    assert (meetup := bulk.meetup(4)) is not None and meetup.sent_at == T0


def test_apply_moves_keeps_the_event_of_each_move(stores: tuple[Store, Store]) -> None:
    _, bulk = stores
    with bulk.transaction():
        apply_moves(bulk, MOVES, "c", T0)

    assert [t.event for t in bulk.transitions(1)] == ["sent", "replied"]
    assert [t.event for t in bulk.transitions(2)] == ["connected"]


def test_apply_reappeared_reopens_only_what_vanishing_closed(stores: tuple[Store, Store]) -> None:
    _, bulk = stores
    with bulk.transaction():
        apply_moves(bulk, [(1, E.VANISHED, None), (2, E.DECIDED_IGNORE, None)], "c", T0)
        made = apply_moves(bulk, [(1, E.REAPPEARED, None), (2, E.REAPPEARED, None)], "r", T0)

    assert made == {1: Status.PENDING}
    assert [(t.old, t.new, t.cause) for t in bulk.transitions(1)][-1] == (
        Status.IGNORED,
        Status.PENDING,
        "r",
    )
    second = bulk.invitation(2)
    assert second is not None and second.status is Status.IGNORED  # the user's, for good


def test_apply_the_users_ignore_seals_an_inferred_one(stores: tuple[Store, Store]) -> None:
    _, bulk = stores
    with bulk.transaction():
        apply_moves(bulk, [(1, E.VANISHED, None)], "import of b.zip", T0)
        status = apply_event(bulk, 1, E.DECIDED_IGNORE, "command: decide ignore", T0)
        apply_moves(bulk, [(1, E.REAPPEARED, None)], "import of c.json", T0)

    assert status is Status.IGNORED
    assert [(t.new, t.event) for t in bulk.transitions(1)] == [
        (Status.IGNORED, "vanished"),
        (Status.IGNORED, "decided-ignore"),
    ]
    with pytest.raises(IllegalTransition, match="does not undo your decision"), bulk.transaction():
        apply_event(bulk, 1, E.REAPPEARED, "asked", T0)
