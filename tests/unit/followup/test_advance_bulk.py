"""What an import shows of its own invitations, applied set-based by ``advance``: inviters
already connected, connected in the same file or under a name-key twin, requests its messages
show sent and answered; the same statuses, transitions and meet-ups as one move at a time."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from watcher.followup.apply import advance, apply_event
from watcher.followup.transitions import LifecycleEvent
from watcher.models import (
    ConnectionRecord,
    Direction,
    InvitationRecord,
    MessageSummary,
    PersonRef,
    Status,
)
from watcher.store import ApplyCounts, Store, lifecycle
from watcher.store.staging import Staged

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
SENT = NOW - timedelta(days=20)
S = Status


def url(name: str) -> PersonRef:
    return PersonRef(name, f"https://www.linkedin.com/in/{name.lower().replace(' ', '-')}")


def invited_by(person: PersonRef) -> InvitationRecord:
    return InvitationRecord(person, Direction.INCOMING, SENT, "Hello", source="Invitations.csv")


def merged(store: Store, records: list[Staged]) -> ApplyCounts:
    """One file's records staged and merged as an import does (inside its transaction)."""
    counts = ApplyCounts.empty()
    stage = store.stage()
    for record in records:
        stage.add(record)
    store.merge_staged(stage, counts, NOW)
    return counts


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "bulk.sqlite")
    with opened.transaction():  # an earlier file: Ana is a connection, Gus and Cy invited
        counts = merged(
            opened,
            [
                ConnectionRecord(url("Ana Reyes"), source="c"),
                invited_by(url("Gus Tam")),
                invited_by(PersonRef("Cy Ode")),  # by name only: the person "name:cy ode"
            ],
        )
        advance(opened, counts, "import of first.zip", NOW)
        gus = counts.new_invitation_ids[0]
        apply_event(opened, gus, LifecycleEvent.DECIDED_IGNORE, "command: decide ignore", NOW)
    yield opened
    opened.close()


def by_name(store: Store) -> dict[str, int]:
    rows = store.db.execute(
        "SELECT p.name, i.id FROM invitations i JOIN people p ON p.id = i.person_id"
    )
    return {str(row[0]): int(row[1]) for row in rows}


@pytest.mark.parametrize("many", [0, 10**9], ids=["set of connected people", "per invitation"])
def test_an_imports_own_invitations_take_the_moves_its_evidence_shows(
    store: Store, many: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lifecycle, "MANY_INVITATIONS", many)
    wrote, answered = SENT + timedelta(days=2), SENT + timedelta(days=3)
    with store.transaction():
        counts = merged(
            store,
            [
                invited_by(url("Ana Reyes")),  # connected before this file
                invited_by(url("Bo Lind")),
                ConnectionRecord(url("Bo Lind"), source="c"),  # connected in this file
                ConnectionRecord(url("Cy Ode"), source="c"),  # the name-only one's twin
                invited_by(url("Di Ng")),  # written to, then answered
                MessageSummary(url("Di Ng"), 1, 1, answered, answered, wrote, wrote, "m"),
                invited_by(url("Ed Fox")),  # written to before and after: the later one
                MessageSummary(url("Ed Fox"), 0, 2, None, None, SENT - timedelta(1), wrote, "m"),
                invited_by(url("Flo Ma")),  # nothing known: still waiting
                ConnectionRecord(url("Gus Tam"), source="c"),  # a fact beats the ignore
            ],
        )
        made = advance(store, counts, "import of second.zip", NOW)

    ids = by_name(store)
    assert made == {
        ids["Ana Reyes"]: S.ACCEPTED,
        ids["Bo Lind"]: S.ACCEPTED,
        ids["Cy Ode"]: S.ACCEPTED,
        ids["Gus Tam"]: S.ACCEPTED,
        ids["Ed Fox"]: S.MEET_REQUESTED,
        ids["Di Ng"]: S.REPLIED,
    }
    statuses = dict(store.db.execute("SELECT id, status FROM invitations").fetchall())
    assert statuses[ids["Flo Ma"]] == "pending"
    assert {i: statuses[i] for i in made} == {i: status.value for i, status in made.items()}
    moves = store.db.execute(
        "SELECT invitation_id, at, from_status, to_status, event FROM transitions "
        "WHERE cause = 'import of second.zip' ORDER BY id"
    ).fetchall()
    stamp, wrote_at = NOW.isoformat(), wrote.isoformat()
    connected = sorted(ids[n] for n in ("Ana Reyes", "Bo Lind", "Cy Ode", "Gus Tam"))
    assert [tuple(row) for row in moves] == [
        *(
            (i, stamp, "ignored" if i == ids["Gus Tam"] else "pending", "accepted", "connected")
            for i in connected
        ),
        *(
            (i, wrote_at, "pending", "meet-requested", "sent")
            for i in sorted((ids["Di Ng"], ids["Ed Fox"]))
        ),
        (ids["Di Ng"], stamp, "meet-requested", "replied", "replied"),
    ]
    meetups = store.db.execute("SELECT invitation_id, sent_at, fired_stage FROM meetups")
    assert sorted(tuple(row) for row in meetups) == sorted(
        [(ids["Di Ng"], wrote_at, 0), (ids["Ed Fox"], wrote_at, 0)]
    )


def test_a_second_look_at_the_same_evidence_moves_nothing(store: Store) -> None:
    records: list[Staged] = [
        invited_by(url("Ana Reyes")),
        invited_by(url("Di Ng")),
        MessageSummary(url("Di Ng"), 0, 1, None, None, SENT + timedelta(1), SENT + timedelta(1)),
    ]
    with store.transaction():
        first = advance(store, merged(store, records), "import of a.zip", NOW)
        again = advance(store, merged(store, records), "import of b.zip", NOW)

    assert set(first.values()) == {S.ACCEPTED, S.MEET_REQUESTED}
    assert again == {}
    left = store.db.execute("SELECT COUNT(*) FROM transitions WHERE cause = 'import of b.zip'")
    assert left.fetchone()[0] == 0


@pytest.mark.parametrize("many", [0, 10**9], ids=["set of connected people", "per invitation"])
def test_a_connection_known_by_name_only_accepts_its_twins_invitations(
    store: Store, many: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lifecycle, "MANY_INVITATIONS", many)
    first, second = (PersonRef("Hal Ek", f"https://www.linkedin.com/in/hal-ek-{n}") for n in (1, 2))
    with store.transaction():
        counts = merged(store, [invited_by(first), invited_by(second)])
        advance(store, counts, "import of a.zip", NOW)
        # two people share the name: a reference by name alone is its own "name:" person
        counts = merged(store, [ConnectionRecord(PersonRef("Hal Ek"), source="c")])
        made = advance(store, counts, "import of b.zip", NOW)

    assert sorted(made.items()) == [(i, S.ACCEPTED) for i in sorted(ids_named(store, "Hal Ek"))]
    assert len(made) == 2


def ids_named(store: Store, name: str) -> list[int]:
    rows = store.db.execute(
        "SELECT i.id FROM invitations i JOIN people p ON p.id = i.person_id WHERE p.name = ?",
        (name,),
    )
    return [int(row[0]) for row in rows]


# --------------------------------------------------------------------------------------------
# A known limitation, pinned (strict xfail: fixing it makes the test pass): name-key twins
# and import order (DESIGN.md: the end state never depends on import order).
#
# Two people named Hal Ek invite the user (profile URLs hal-ek-1 and hal-ek-2, in two files); a
# third file, an old Connections.csv without URLs, names a connection "Hal Ek". When the
# connection comes after both invitations, it is a name-only person of its own, a twin of both,
# and both invitations are accepted (the tests above). When it comes between them, the one
# Hal Ek known then takes it under her URL (``People.person_id``: a name-only reference joins
# the one URL person of that name), so the second Hal Ek's invitation, arriving last, finds no
# name-only twin connected and stays pending.
# --------------------------------------------------------------------------------------------


FIRST = PersonRef("Hal Ek", "https://www.linkedin.com/in/hal-ek-1")
SECOND = PersonRef("Hal Ek", "https://www.linkedin.com/in/hal-ek-2")
FILES: dict[str, list[Staged]] = {
    "first": [invited_by(FIRST)],
    "second": [invited_by(SECOND)],
    "connections": [ConnectionRecord(PersonRef("Hal Ek"), source="Connections.csv")],
}


def _statuses(folder: Path, order: tuple[str, ...]) -> dict[str, str]:
    store = Store(folder / f"{'-'.join(order)}.sqlite")
    try:
        for name in order:
            with store.transaction():
                advance(store, merged(store, FILES[name]), f"import of {name}", NOW)
        rows = store.db.execute(
            "SELECT p.profile_url, i.status FROM invitations i JOIN people p ON p.id = i.person_id"
        )
        return {str(row[0]): str(row[1]) for row in rows}
    finally:
        store.close()


@pytest.mark.xfail(
    strict=True,
    reason="order-dependent: a name-only connection between the two twins' invitations joins "
    "the first Hal Ek, and the second one's invitation stays pending (also in ecbdddf)",
)
def test_a_name_only_connection_accepts_the_same_twins_in_every_order(tmp_path: Path) -> None:
    ends = {order: _statuses(tmp_path, order) for order in itertools.permutations(FILES)}
    reference = ends["first", "second", "connections"]
    assert set(reference.values()) == {"accepted"}  # what the tests above pin
    assert {order: end for order, end in ends.items() if end != reference} == {}
