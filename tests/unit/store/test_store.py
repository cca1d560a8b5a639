"""The store's bulk reads and its per-transaction person cache, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from watcher.judge.gather import acquaintance_lookup
from watcher.models import (
    Acquaintance,
    ConnectionRecord,
    Direction,
    HistoryKind,
    InvitationRecord,
    MessageSummary,
    PersonRef,
    Status,
)
from watcher.store import ApplyCounts, StatusChange, Store

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
TEMPLATE = "Hello, I help founders scale their sales pipeline with proven outreach systems."


def ref(name: str, with_url: bool = True) -> PersonRef:
    slug = name.lower().replace(" ", "-")
    return PersonRef(name, f"https://www.linkedin.com/in/{slug}" if with_url else None)


def invite(store: Store, name: str, note: str = "", at: datetime = T0) -> int:
    counts = ApplyCounts.empty()
    store.apply_invitation(
        InvitationRecord(ref(name), Direction.INCOMING, at, message=note, source="t"), counts
    )
    return counts.seen_invitation_ids[0]


def test_store_person_cache_does_not_survive_a_rollback(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.person_id(ref("Ana Reyes"))
        raise RuntimeError

    with store.transaction():
        again = store.person_id(ref("Ana Reyes"))

    assert store.db.execute("SELECT id FROM people").fetchall()[0][0] == again


def test_store_person_cache_still_updates_headline(store: Store) -> None:
    with store.transaction():
        first = store.person_id(ref("Ana Reyes"))
        same = store.person_id(ref("Ana Reyes"), headline="PR lead")

    assert first == same
    assert store.db.execute("SELECT headline FROM people").fetchone()[0] == "PR lead"


def test_store_name_only_reference_joins_the_one_url_person(store: Store) -> None:
    with store.transaction():
        url_id = store.person_id(ref("Ana Reyes"))
        name_id = store.person_id(ref("ana  reyes", with_url=False))

    assert name_id == url_id


def test_store_finds_the_senders_of_a_template_before_and_after_new_ones(store: Store) -> None:
    with store.transaction():
        old = [invite(store, f"Old {i}", TEMPLATE, T0 - timedelta(days=i + 1)) for i in range(2)]
        other = invite(store, "Other Note", "Hi, we met at PyCon")
        new = invite(store, "New One", TEMPLATE)
        again = invite(store, "Old 0", TEMPLATE, T0 + timedelta(days=30))  # a sender already

    [(fingerprint, counts)] = store.note_senders_before_and_after([new, again]).items()
    assert counts == (2, 3)  # people, not invitations: Old 0 counted once
    assert store.sharing_notes([fingerprint]) == {*old, new, again}
    assert other not in store.sharing_notes([fingerprint])


def test_store_note_senders_counts_people_not_invitations(store: Store) -> None:
    with store.transaction():
        first = invite(store, "Ana Reyes", TEMPLATE)
        invite(store, "Ana Reyes", TEMPLATE, T0 + timedelta(days=5))
        invite(store, "Bo Lind", TEMPLATE)
        unnoted = invite(store, "Cy Hart")
        fingerprint = store.invitations()[0].note_fingerprint

    assert store.note_senders_among([first, unnoted]) == {fingerprint: 2}
    assert store.note_senders_among([unnoted]) == {}


def test_store_bulk_history_matches_single_lookups(store: Store) -> None:
    counts = ApplyCounts.empty()
    with store.transaction():
        ana, bo = invite(store, "Ana Reyes"), invite(store, "Bo Lind")
        store.apply_connection(
            ConnectionRecord(ref("Ana Reyes", with_url=False), connected_on=date(2025, 1, 2)),
            counts,
        )
        store.apply_messages(MessageSummary(ref("Bo Lind"), inbound_count=2, source="m"), counts)
    people = {i.id: i.person_id for i in store.invitations()}

    connections = store.connected_among(list(people.values()))
    messages = store.message_stats_of(list(people.values()))

    assert set(connections) == {people[ana]}
    assert connections[people[ana]].connected_on == date(2025, 1, 2)
    assert set(messages) == {people[bo]}
    assert messages[people[bo]].inbound_count == 2


def test_store_open_incoming_ids_skips_settled_and_outgoing(store: Store) -> None:
    counts = ApplyCounts.empty()
    with store.transaction():
        pending = invite(store, "Ana Reyes")
        settled = invite(store, "Bo Lind")
        store.set_statuses([StatusChange(settled, Status.PENDING, Status.ACCEPTED, T0)], "t")
        store.apply_invitation(
            InvitationRecord(ref("Cy Out"), Direction.OUTGOING, T0, source="t"), counts
        )

    assert store.open_incoming_ids() == [pending]
    assert store.open_incoming_ids([settled, pending, 999]) == [pending]


def test_store_apply_connection_counts_new_updated_and_unchanged(store: Store) -> None:
    counts = ApplyCounts.empty()
    first = ConnectionRecord(ref("Ana Reyes"), company="Acme", source="a")
    moved = ConnectionRecord(ref("Ana Reyes"), company=None, source="b")
    with store.transaction():
        for record in (first, first, moved, moved):
            store.apply_connection(record, counts)

    assert (counts.new, counts.updated, counts.unchanged) == (
        {"connections": 1},
        {"connections": 1},
        {"connections": 2},
    )
    row = store.db.execute("SELECT company, source FROM connections").fetchone()
    assert tuple(row) == (None, "b")


def test_acquaintance_lookup_is_reused_until_acquaintances_change(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite")
    counts = ApplyCounts.empty()
    with store.transaction():
        store.apply_acquaintance(Acquaintance(HistoryKind.ADDRESS_BOOK, "Ana Reyes"), counts)
    first = acquaintance_lookup(store)
    assert acquaintance_lookup(store) is first
    try:
        with store.transaction():
            store.apply_acquaintance(Acquaintance(HistoryKind.ADDRESS_BOOK, "Bo Lin"), counts)
            assert [a.name for a in acquaintance_lookup(store).find("Bo Lin", None)] == ["Bo Lin"]
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    with store.transaction():
        store.apply_acquaintance(Acquaintance(HistoryKind.ADDRESS_BOOK, "Cy Hart"), counts)
    lookup = acquaintance_lookup(store)
    assert lookup is not first
    assert lookup.find("Bo Lin", None) == ()
    assert [a.name for a in lookup.find("Cy Hart", None)] == ["Cy Hart"]
    store.close()
