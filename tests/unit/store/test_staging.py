"""Set-based merging of a file's staged records: what applying them one by one in file order
did, also where a file names one person several times (rounds) or by name only."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

from watcher.models import (
    ConnectionRecord,
    Direction,
    InvitationRecord,
    MessageSummary,
    PersonRef,
)
from watcher.store import ApplyCounts, Store
from watcher.store.staging import Staged

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
ANA = PersonRef("Ana Reyes", "https://www.linkedin.com/in/ana-reyes")
ANA_BY_NAME = PersonRef("Ana Reyes")


def merge(store: Store, *records: Staged) -> ApplyCounts:
    """One file's records: staged outside the transaction, merged inside it."""
    stage = store.stage()
    for record in records:
        stage.add(record)
    counts = ApplyCounts.empty()
    with store.transaction():
        store.merge_staged(stage, counts, T0)
    return counts


def invite(
    person: PersonRef, at: datetime = T0, note: str = "", headline: str | None = None
) -> InvitationRecord:
    return InvitationRecord(person, Direction.INCOMING, at, note, headline, source="t")


def people(store: Store) -> list[tuple[str, str, str]]:
    rows = store.db.execute("SELECT key, name, headline FROM people ORDER BY id")
    return [(row[0], row[1], row[2]) for row in rows]


def test_staging_takes_no_lock_on_the_database(store: Store) -> None:
    stage = store.stage()
    for i in range(3):
        stage.add(invite(PersonRef(f"P{i}", f"https://www.linkedin.com/in/p{i}")))
    stage.flush()
    other = sqlite3.connect(store.path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # raises "database is locked" if staging held a lock
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert store.db.execute("SELECT COUNT(*) FROM invitations").fetchone()[0] == 0


def test_merge_a_person_named_twice_in_one_file_updates_what_the_first_row_wrote(
    store: Store,
) -> None:
    counts = merge(
        store,
        ConnectionRecord(ANA, company="Acme", connected_on=date(2024, 1, 2), source="a"),
        ConnectionRecord(ANA, company="Beta", connected_on=date(2024, 1, 2), source="b"),
        ConnectionRecord(ANA, company="Beta", connected_on=date(2024, 1, 2), source="c"),
    )

    assert (counts.new, counts.updated, counts.unchanged) == (
        {"connections": 1},
        {"connections": 1},
        {"connections": 1},
    )
    row = store.db.execute("SELECT company, source FROM connections").fetchone()
    assert tuple(row) == ("Beta", "b")  # an equal row changes nothing, not even the source


def test_merge_an_invitation_listed_twice_within_a_day_is_one(store: Store) -> None:
    counts = merge(
        store,
        invite(ANA, T0, "Hi"),
        invite(ANA, T0 + timedelta(hours=3), "Hi Ana, we met at PyCon"),
        invite(ANA, T0 + timedelta(days=30), "Hi again"),
    )

    notes = [row[0] for row in store.db.execute("SELECT message FROM invitations ORDER BY id")]
    assert notes == ["Hi Ana, we met at PyCon", "Hi again"]
    assert counts.new == {"invitations": 2} and counts.updated == {"invitations": 1}
    first, second = counts.new_invitation_ids
    assert counts.seen_invitation_ids == [first, first, second]  # in file order


def test_merge_name_only_reference_joins_the_url_person_named_later_in_the_file(
    store: Store,
) -> None:
    counts = merge(
        store,
        MessageSummary(ANA_BY_NAME, inbound_count=2, source="m"),
        invite(ANA, headline="PR lead"),
    )

    assert people(store) == [(ANA.profile_url, "Ana Reyes", "PR lead")]
    assert counts.new == {"messages": 1, "invitations": 1}


def test_merge_name_only_reference_shared_by_two_people_is_its_own_person(store: Store) -> None:
    other = PersonRef("Ana Reyes", "https://www.linkedin.com/in/ana-reyes-2")
    merge(store, invite(ANA), invite(other))

    merge(store, ConnectionRecord(ANA_BY_NAME, source="c"))

    assert [key for key, _, _ in people(store)] == [
        ANA.profile_url,
        other.profile_url,
        "name:ana reyes",
    ]


def test_merge_fills_names_and_headlines_and_never_erases_them(store: Store) -> None:
    merge(store, invite(ANA, headline="PR lead"))

    merge(
        store,
        invite(PersonRef("", ANA.profile_url), T0 + timedelta(days=40), headline=""),
        ConnectionRecord(PersonRef("Ana R.", ANA.profile_url), source="c"),
        MessageSummary(PersonRef("Ana Reyes-Diaz", ANA.profile_url), source="m"),
        ConnectionRecord(PersonRef("", ANA.profile_url), source="c"),
    )

    assert people(store) == [(ANA.profile_url, "Ana Reyes-Diaz", "PR lead")]  # the last given


def test_merge_message_stats_of_one_person_twice_in_a_file_merge_monotonically(
    store: Store,
) -> None:
    early, late = T0 - timedelta(days=9), T0 - timedelta(days=1)
    counts = merge(
        store,
        MessageSummary(ANA, inbound_count=2, first_inbound=late, last_inbound=late, source="a"),
        MessageSummary(ANA, inbound_count=1, first_inbound=early, last_inbound=early, source="b"),
        MessageSummary(ANA, inbound_count=1, first_inbound=late, last_inbound=late, source="c"),
    )

    stats = store.message_stats_of([1])[1]
    assert (stats.inbound_count, stats.first_inbound, stats.last_inbound) == (2, early, late)
    assert (counts.new, counts.updated, counts.unchanged) == (
        {"messages": 1},
        {"messages": 1},
        {"messages": 1},
    )
    assert counts.people_changed == {1}


def test_merge_two_references_to_one_person_in_one_file_apply_in_file_order(
    store: Store,
) -> None:
    merge(store, invite(ANA))  # Ana is known by URL: a name-only reference is her

    counts = merge(
        store,
        ConnectionRecord(ANA, company="Beta", source="new export"),
        ConnectionRecord(ANA_BY_NAME, company="Acme", source="old export"),
        ConnectionRecord(ANA, company="Beta", source="new export"),
        ConnectionRecord(ANA_BY_NAME, company="Acme", source="old export"),
    )

    assert (counts.new, counts.updated) == ({"connections": 1}, {"connections": 3})
    row = store.db.execute("SELECT person_id, company FROM connections").fetchone()
    assert tuple(row) == (1, "Acme")
