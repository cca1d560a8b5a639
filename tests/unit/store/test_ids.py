"""The one id-list helper: a JSON array bound as one parameter, whatever the list's length."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from watcher.models import Direction, Status
from watcher.store import Store
from watcher.store.ids import among

#: past the 10,000 the old chunked ``IN (?, ...)`` lists were cut at, and past SQLite's
#: default limit of 32,766 bound variables
MANY = 40_000
T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def numbers() -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, key TEXT)")
    db.executemany("INSERT INTO t VALUES (?, ?)", ((i, f"k{i}") for i in range(1, MANY + 1)))
    yield db
    db.close()


def test_among_matches_every_id_of_a_long_list(numbers: sqlite3.Connection) -> None:
    wanted = list(range(2, MANY + 1, 2))
    sql, args = among("id", wanted)

    found = [row[0] for row in numbers.execute(f"SELECT id FROM t WHERE {sql} ORDER BY id", args)]

    assert found == wanted
    assert len(args) == 1  # one parameter, not one per id


def test_among_an_empty_list_matches_nothing(numbers: sqlite3.Connection) -> None:
    sql, args = among("id", [])

    assert numbers.execute(f"SELECT COUNT(*) FROM t WHERE {sql}", args).fetchone() == (0,)


def test_among_takes_repeats_sets_and_strings(numbers: sqlite3.Connection) -> None:
    by_id, id_args = among("id", {3, 1})
    repeated, repeated_args = among("id", [5, 5, 5])
    numbers.execute("INSERT INTO t VALUES (0, 'ké')")
    keys, key_args = among("key", ["k7", "k7", "nobody", "ké"])

    assert numbers.execute(f"SELECT id FROM t WHERE {by_id} ORDER BY id", id_args).fetchall() == [
        (1,),
        (3,),
    ]
    assert numbers.execute(f"SELECT id FROM t WHERE {repeated}", repeated_args).fetchall() == [(5,)]
    assert numbers.execute(f"SELECT id FROM t WHERE {keys} ORDER BY id", key_args).fetchall() == [
        (0,),
        (7,),
    ]


@pytest.fixture
def crowded(tmp_path: Path) -> Iterator[Store]:
    """A store with ``MANY`` pending incoming invitations, written in bulk (ids 1..MANY)."""
    store = Store(tmp_path / "db.sqlite")
    with store.transaction():
        store.db.executemany(
            "INSERT INTO people (id, key, name, name_key) VALUES (?, ?, ?, ?)",
            ((i, f"name:p {i}", f"P {i}", f"p {i}") for i in range(1, MANY + 1)),
        )
        store.db.executemany(
            "INSERT INTO invitations (id, person_id, direction, sent_at, first_seen, "
            "last_seen_source) VALUES (?, ?, 'incoming', ?, ?, 't')",
            (
                (i, i, (T0 - timedelta(minutes=i)).isoformat(), T0.isoformat())
                for i in range(1, MANY + 1)
            ),
        )
        store.db.executemany(
            "INSERT INTO connections (person_id, connected_on, source) "
            "VALUES (?, '2025-01-02', 'c')",
            ((i,) for i in range(1, MANY + 1, 2)),
        )
    yield store
    store.close()


def test_store_id_queries_answer_a_long_list_in_full(crowded: Store) -> None:
    ids = list(range(1, MANY + 1))

    assert len(crowded.statuses_of([*ids, MANY + 1])) == MANY
    assert crowded.open_incoming_ids(ids) == ids
    assert [i.id for i in crowded.invitations(ids=ids)] == ids  # newest first: id 1 is newest
    assert len(crowded.connected_among(ids)) == MANY // 2
    assert crowded.note_senders_among(ids) == {}  # no notes
    assert crowded.note_senders_before_and_after(ids) == {}  # no notes: no template


def test_store_id_queries_answer_an_empty_list_with_nothing(crowded: Store) -> None:
    assert crowded.statuses_of([]) == {}
    assert crowded.open_incoming_ids([]) == []
    assert crowded.invitations(ids=[]) == []
    assert crowded.connected_among([]) == {}
    assert crowded.message_stats_of([]) == {}
    assert crowded.note_senders_among([]) == {}
    assert crowded.note_senders_before_and_after([]) == {}
    assert crowded.sharing_notes([]) == set()


def test_store_invitations_by_ids_still_apply_the_other_filters(crowded: Store) -> None:
    assert crowded.invitations(ids=[1, 2], status=Status.ACCEPTED) == []
    assert crowded.invitations(ids=[1, 2], direction=Direction.OUTGOING) == []
    assert [i.id for i in crowded.invitations(ids=[2, 1, 2], status=Status.PENDING)] == [1, 2]
