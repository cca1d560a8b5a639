"""Evidence over time in the store: sightings, what a complete listing proves gone, the newest
file's lists, and the migration that brings an existing database along."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from watcher.models import (
    AsOf,
    ConnectionRecord,
    Direction,
    InvitationRecord,
    OwnerProfile,
    PersonRef,
    Position,
    Snapshot,
    Status,
)
from watcher.store import ApplyCounts, StatusChange, Store
from watcher.store.merge_invitations import fuller_note
from watcher.store.schema import migration


def nov(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def ref(name: str) -> PersonRef:
    return PersonRef(name, "https://www.linkedin.com/in/" + name.lower().replace(" ", "-"))


def listing(
    store: Store,
    name: str,
    as_of: datetime,
    invitations: list[tuple[str, datetime]],
    *,
    complete: bool = True,
) -> dict[str, int]:
    """Apply one file's invitations and log it the way the pipeline does; name -> id."""
    counts = ApplyCounts.empty()
    ids = {}
    with store.transaction():
        for who, sent in invitations:
            record = InvitationRecord(ref(who), Direction.INCOMING, sent, pending_only=not complete)
            store.apply_invitation(record, counts)
            ids[who] = counts.seen_invitation_ids[-1]
        import_id = store.log_import(
            name,
            Path(name),
            size=1,
            kind="k",
            outcome="imported",
            as_of=AsOf(as_of, "test"),
            window=counts.listing_window(as_of),
        )
        store.record_sightings(import_id, as_of, counts.sighted)
    return ids


# --------------------------------------------------------------------------------------------
# What a complete listing proves gone
# --------------------------------------------------------------------------------------------


def test_proven_gone_only_inside_a_newer_complete_listings_window(store: Store) -> None:
    seen = listing(
        store,
        "early.zip",
        nov(20),
        [("Bo Lind", nov(10)), ("Al Early", nov(2)), ("Cy Late", nov(19))],
    )
    listing(store, "late.zip", nov(28), [("Ana Reyes", nov(3)), ("Di Ng", nov(27))])

    # The late listing vouches for 4 Nov 10:00 (a day after its first invitation) to 27 Nov
    # 10:00 (a day before its as-of time): Bo and Cy were sent in it, and it lacks them; Al
    # was sent before it, so its silence says nothing about him.
    assert store.proven_gone() == {seen["Bo Lind"], seen["Cy Late"]}
    assert store.proven_gone([seen["Al Early"]]) == set()


def test_proven_gone_never_by_a_listing_older_than_a_sighting(store: Store) -> None:
    seen = listing(store, "page.json", nov(25), [("Bo Lind", nov(10))], complete=False)
    listing(store, "early.zip", nov(20), [("Ana Reyes", nov(3))])

    assert store.proven_gone() == set()

    listing(store, "late.zip", nov(28), [("Ana Reyes", nov(3))])
    assert store.proven_gone() == {seen["Bo Lind"]}


def test_proven_gone_never_by_a_partial_listing(store: Store) -> None:
    seen = listing(store, "first.json", nov(20), [("Bo Lind", nov(10))], complete=False)
    listing(store, "second.json", nov(28), [("Ana Reyes", nov(3))], complete=False)

    assert store.proven_gone([seen["Bo Lind"]]) == set()


def test_proven_gone_never_for_a_connection(store: Store) -> None:
    seen = listing(store, "early.zip", nov(20), [("Bo Lind", nov(10))])
    listing(store, "late.zip", nov(28), [("Ana Reyes", nov(3))])
    with store.transaction():
        store.apply_connection(ConnectionRecord(ref("Bo Lind")), ApplyCounts.empty())

    assert seen["Bo Lind"] not in store.proven_gone()


def test_sightings_name_each_file_as_of_when(store: Store) -> None:
    bo = listing(store, "late.zip", nov(28), [("Bo Lind", nov(10))])["Bo Lind"]
    listing(store, "page.json", nov(25), [("Bo Lind", nov(10, 14))], complete=False)

    seen = store.sightings(bo)

    assert [(s.file, s.as_of, s.complete, s.basis) for s in seen] == [
        ("page.json", nov(25), False, "test"),
        ("late.zip", nov(28), True, "test"),
    ]


# --------------------------------------------------------------------------------------------
# Matching and richer sources
# --------------------------------------------------------------------------------------------


def test_apply_invitation_matches_the_open_one_of_a_person(store: Store) -> None:
    closed = listing(store, "a.zip", nov(20), [("Bo Lind", nov(10, 2))])["Bo Lind"]
    with store.transaction():
        store.set_statuses([StatusChange(closed, Status.PENDING, Status.IGNORED, nov(20))], "t")
    counts = ApplyCounts.empty()
    with store.transaction():
        # A second invitation within the day: odd, but the open one is the one still waiting.
        store.db.execute(
            "INSERT INTO invitations (person_id, direction, sent_at, first_seen, "
            "last_seen_source) SELECT person_id, 'incoming', ?, '', 't' FROM invitations "
            "WHERE id = ?",
            ("2026-11-10T20:00:00+00:00", closed),
        )
        opened = int(store.db.execute("SELECT MAX(id) FROM invitations").fetchone()[0])
        record = InvitationRecord(ref("Bo Lind"), Direction.INCOMING, nov(10, 4), pending_only=True)
        store.apply_invitation(record, counts)

    assert counts.seen_invitation_ids == [opened]


@pytest.mark.parametrize(
    ("new", "stored", "kept"),
    [
        ("", "Hi", "Hi"),
        ("Hi", "", "Hi"),
        ("Hi Eve,\nwe met at PyCon", "Hi Eve, we met", "Hi Eve,\nwe met at PyCon"),
        ("Hi Eve, we met", "Hi Eve,\nwe met at PyCon", "Hi Eve,\nwe met at PyCon"),
        ("a b", "a\nb", "a b"),
        ("a\nb", "a b", "a b"),
    ],
)
def test_fuller_note_whatever_the_order(new: str, stored: str, kept: str) -> None:
    assert fuller_note(new, stored) == kept


def test_snapshot_and_profile_come_from_the_newest_file_whatever_the_order(
    store: Store,
) -> None:
    old = Snapshot("positions", (Position("Acme"),), "old.zip")
    new = Snapshot("positions", (Position("Acme", finished=date(2026, 10, 1)), Position("Beta")))
    old_me, new_me = OwnerProfile("Eve", "Kovacs", "Lead"), OwnerProfile("Eve", "Kovacs", "Head")
    counts = ApplyCounts.empty()
    with store.transaction():
        store.apply_snapshot(new, counts, nov(28))
        store.apply_owner(new_me, counts, nov(28))
        store.apply_snapshot(old, counts, nov(20))
        store.apply_owner(old_me, counts, nov(20))

    assert store.snapshot("positions") == new.items
    assert store.owner_profile() == new_me
    assert counts.new == {"positions": 1, "profile": 1}
    assert counts.unchanged == {"positions": 1, "profile": 1}  # the older lists changed nothing


# --------------------------------------------------------------------------------------------
# The migration of an existing database
# --------------------------------------------------------------------------------------------


def test_migration_brings_an_existing_database_along(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        for statement in migration(1):
            db.execute(statement)
        db.executescript(
            """
            INSERT INTO people (id, key, name, name_key) VALUES (1, 'k', 'Bo Lind', 'bo lind');
            INSERT INTO invitations (id, person_id, direction, sent_at, status, first_seen,
                last_seen_source) VALUES
                (1, 1, 'incoming', '2026-11-10T10:00:00+00:00', 'ignored',
                 '2026-11-21T08:00:00+00:00', 'a.zip'),
                (2, 1, 'incoming', '2026-11-01T10:00:00+00:00', 'ignored',
                 '2026-11-21T08:00:00+00:00', 'a.zip');
            INSERT INTO imports (id, sha256, path, size, kind, outcome, at) VALUES
                (1, 'x', '/d/old.json', 1, 'k', 'failed', '2026-11-20T08:00:00+00:00'),
                (2, 'a', '/d/a.zip', 1, 'k', 'imported', '2026-11-21T08:00:01+00:00');
            INSERT INTO transitions (invitation_id, at, from_status, to_status, cause) VALUES
                (1, '2026-11-29T08:00:00+00:00', 'pending', 'ignored', 'import of b.zip'),
                (2, '2026-11-29T08:00:00+00:00', 'pending', 'ignored', 'command: decide ignore');
            PRAGMA user_version = 1;
            """
        )

    store = Store(path)
    try:
        assert [t.event for t in store.transitions(1)] == ["vanished"]
        assert [t.event for t in store.transitions(2)] == ["decided-ignore"]
        [seen] = store.sightings(1)
        assert (seen.file, seen.as_of, seen.complete) == (
            "a.zip",
            datetime(2026, 11, 21, 8, tzinfo=UTC),
            False,
        )
        assert store.undecided_incoming_ids() == [1]
        row = store.db.execute("SELECT as_of, as_of_basis FROM imports WHERE id = 2").fetchone()
        assert tuple(row) == ("2026-11-21T08:00:01+00:00", "the time it was imported")
    finally:
        store.close()


# --------------------------------------------------------------------------------------------
# When one invitation was sent, as several files tell it
# --------------------------------------------------------------------------------------------

ARCHIVE_ROW = InvitationRecord(ref("Bo Lind"), Direction.INCOMING, nov(15))
PAGE_ENTRY = InvitationRecord(ref("Bo Lind"), Direction.INCOMING, nov(15, 3), pending_only=True)
WEEK_AGO = InvitationRecord(
    ref("Bo Lind"), Direction.INCOMING, nov(19), pending_only=True, sent_window_start=nov(12)
)
NARROWER = InvitationRecord(
    ref("Bo Lind"), Direction.INCOMING, nov(17), pending_only=True, sent_window_start=nov(14)
)


def test_sent_times_the_most_exact_wins_in_any_order(store: Store) -> None:
    """Every order of the same files ends in one invitation sent at the page's exact time
    (it carries its zone, the archive's has none); windows narrow, exact beats a window."""
    ends = set()
    for order in itertools.permutations([ARCHIVE_ROW, PAGE_ENTRY, WEEK_AGO, NARROWER]):
        store.db.execute("DELETE FROM invitations")
        counts = ApplyCounts.empty()
        with store.transaction():
            for record in order:
                store.apply_invitation(record, counts)
        rows = store.db.execute("SELECT sent_at, sent_earliest FROM invitations")
        ends.add(tuple(tuple(row) for row in rows))
    assert ends == {(("2026-11-15T03:00:00+00:00", None),)}


def test_sent_times_two_windows_narrow_to_what_both_allow(store: Store) -> None:
    counts = ApplyCounts.empty()
    with store.transaction():
        store.apply_invitation(WEEK_AGO, counts)
        store.apply_invitation(NARROWER, counts)

    [row] = store.db.execute("SELECT sent_at, sent_earliest FROM invitations")
    assert tuple(row) == ("2026-11-17T10:00:00+00:00", "2026-11-14T10:00:00+00:00")
    assert counts.new == {"invitations": 1} and counts.updated == {"invitations": 1}
