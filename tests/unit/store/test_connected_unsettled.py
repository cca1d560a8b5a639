"""Which invitations' inviters are connections: asked per invitation for a few, from the set of
connected people for an archive's worth; both ways give the same answer, name-key twins too."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from watcher.models import ConnectionRecord, Direction, InvitationRecord, PersonRef, Status
from watcher.store import ApplyCounts, StatusChange, Store, lifecycle

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def url(name: str) -> PersonRef:
    return PersonRef(name, "https://www.linkedin.com/in/" + name.lower().replace(" ", "-"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "db.sqlite")
    counts = ApplyCounts.empty()
    invited = [
        url("Ana Reyes"),  # connected herself
        PersonRef("Bo Lind"),  # by name only, two people of that name: one is connected
        url("Cy Ode"),  # her name-only twin is connected
        url("Di Ng"),  # not connected
        url("Ed Fox"),  # connected, but already accepted
    ]
    with opened.transaction():
        for person in (url("Ana Reyes"), url("Bo Lind"), PersonRef("Cy Ode"), url("Ed Fox")):
            opened.apply_connection(ConnectionRecord(person, connected_on=date(2025, 1, 1)), counts)
        opened.apply_invitation(
            InvitationRecord(
                PersonRef("Bo Lind", "https://www.linkedin.com/in/bo-lind-2"),
                Direction.OUTGOING,
                T0 - timedelta(days=30),
                "",
                None,
                source="t",
            ),
            counts,
        )
        for n, person in enumerate(invited):
            sent = T0 - timedelta(days=n)
            opened.apply_invitation(
                InvitationRecord(person, Direction.INCOMING, sent, "", None, source="t"), counts
            )
        opened.apply_invitation(
            InvitationRecord(url("Ana Reyes"), Direction.OUTGOING, T0, "", None, source="t"),
            counts,
        )
        accepted = counts.new_invitation_ids[5]
        opened.set_statuses([StatusChange(accepted, Status.PENDING, Status.ACCEPTED, T0)], "t")
    yield opened
    opened.close()


@pytest.mark.parametrize("many", [0, 10**9], ids=["set of connected people", "per invitation"])
def test_connected_inviters_under_their_own_key_or_a_twins(
    store: Store, many: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lifecycle, "MANY_INVITATIONS", many)
    ids = [int(row[0]) for row in store.db.execute("SELECT id FROM invitations ORDER BY id")]
    names = dict(
        store.db.execute(
            "SELECT i.id, p.name FROM invitations i JOIN people p ON p.id = i.person_id"
        ).fetchall()
    )

    found = store.connected_unsettled(ids)

    assert [names[i] for i in found] == ["Ana Reyes", "Bo Lind", "Cy Ode"]
    keys = dict(
        store.db.execute(
            "SELECT p.name, p.key FROM people p WHERE p.name = 'Bo Lind' AND p.profile_url IS NULL"
        ).fetchall()
    )
    assert keys == {"Bo Lind": "name:bo lind"}  # the twin arm starting from name-only people
