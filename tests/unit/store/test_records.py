"""What the store returns instead of rows: frozen records with typed fields."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from watcher.models import (
    ConnectionRecord,
    Direction,
    Evaluation,
    InvitationRecord,
    PersonRef,
    Status,
    Verdict,
)
from watcher.store import (
    ApplyCounts,
    LoggedImport,
    StatusChange,
    Store,
    StoredInvitation,
    Transition,
    VerdictChange,
)
from watcher.store.evaluations import Connected, Rejudged, reasons_json

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
ANA = PersonRef("Ana Reyes", "https://www.linkedin.com/in/ana-reyes")
BO = PersonRef("Bo Lind", "https://www.linkedin.com/in/bo-lind")


def invite(store: Store, person: PersonRef = ANA) -> StoredInvitation:
    counts = ApplyCounts.empty()
    with store.transaction():
        store.apply_invitation(InvitationRecord(person, Direction.INCOMING, T0, source="t"), counts)
    found = store.invitation(counts.seen_invitation_ids[0])
    assert found is not None
    return found


def test_store_known_import_is_the_latest_logged_import(store: Store, tmp_path: Path) -> None:
    with store.transaction():
        store.log_import("abc", tmp_path / "a.zip", size=3, kind=None, outcome="failed", error="x")
        store.log_import("abc", tmp_path / "b.zip", size=3, kind="linkedin", outcome="imported")

    known = store.known_import("abc")

    assert known is not None
    assert (known.path, known.size, known.kind, known.outcome, known.error) == (
        tmp_path / "b.zip",
        3,
        "linkedin",
        "imported",
        None,
    )
    assert known.at.tzinfo is not None
    assert store.known_import("unknown") is None


def test_store_imports_lists_logged_imports_newest_first(store: Store, tmp_path: Path) -> None:
    with store.transaction():
        for name in ("a", "b", "c"):
            store.log_import(name, tmp_path / name, size=1, kind="k", outcome="imported")

    logged = store.imports(limit=2)

    assert [entry.sha256 for entry in logged] == ["c", "b"]
    assert all(isinstance(entry, LoggedImport) for entry in logged)


def test_store_connected_among_gives_typed_connections_also_through_a_name_twin(
    store: Store,
) -> None:
    counts = ApplyCounts.empty()
    with store.transaction():
        # An old export without the URL, read first: a person of its own, Ana's name twin.
        store.apply_connection(
            ConnectionRecord(
                PersonRef("Ana Reyes"), company="Acme", connected_on=date(2025, 1, 2), source="c"
            ),
            counts,
        )
        store.apply_connection(ConnectionRecord(BO, source="d"), counts)
    ana, bo = invite(store), invite(store, BO)

    found = store.connected_among([ana.person_id, bo.person_id, ana.person_id])

    assert found == {
        ana.person_id: Connected(connected_on=date(2025, 1, 2), source="c"),  # the twin's
        bo.person_id: Connected(connected_on=None, source="d"),
    }


def test_store_transitions_are_typed_with_time_statuses_and_cause(store: Store) -> None:
    invitation = invite(store)
    with store.transaction():
        store.set_statuses(
            [
                StatusChange(invitation.id, Status.PENDING, Status.MEET_REQUESTED, T0),
                StatusChange(
                    invitation.id, Status.MEET_REQUESTED, Status.REPLIED, T0 + timedelta(days=2)
                ),
            ],
            "sent",
        )

    assert store.transitions(invitation.id) == [
        Transition(invitation.id, T0, Status.PENDING, Status.MEET_REQUESTED, "sent"),
        Transition(
            invitation.id, T0 + timedelta(days=2), Status.MEET_REQUESTED, Status.REPLIED, "sent"
        ),
    ]


def test_store_verdict_changes_are_typed_and_start_from_none(store: Store) -> None:
    invitation = invite(store)

    def judge(verdict: Verdict, score: int, cause: str, at: datetime) -> None:
        evaluation = Evaluation(verdict=verdict, score=score, findings=[])
        with store.transaction():
            [held] = store.judgeable([invitation.id])
            store.write_verdicts(
                [Rejudged(held, evaluation, reasons_json(evaluation)).as_write()], cause, at
            )

    judge(Verdict.MEET_FIRST, 3, "import of a.zip", T0)
    judge(Verdict.IGNORE, -2, "configuration reloaded", T0 + timedelta(hours=1))

    assert store.verdict_changes(invitation.id) == [
        VerdictChange(invitation.id, T0, None, Verdict.MEET_FIRST, "import of a.zip"),
        VerdictChange(
            invitation.id,
            T0 + timedelta(hours=1),
            Verdict.MEET_FIRST,
            Verdict.IGNORE,
            "configuration reloaded",
        ),
    ]


def test_store_records_are_frozen(store: Store) -> None:
    invitation = invite(store)
    with store.transaction():
        store.set_statuses(
            [StatusChange(invitation.id, Status.PENDING, Status.IGNORED, T0)], "decide"
        )
    [transition] = store.transitions(invitation.id)

    with pytest.raises(dataclasses.FrozenInstanceError):
        transition.cause = "changed"  # type: ignore[misc]


def test_store_status_changes_in_chunks_keep_their_order_and_the_last_status(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from watcher.store import lifecycle

    monkeypatch.setattr(lifecycle, "_JSON_CHUNK", 2)
    first = invite(store)
    second = invite(store, PersonRef("Bo Lind", "https://www.linkedin.com/in/bo-lind"))
    moves = [
        StatusChange(first.id, Status.PENDING, Status.MEET_REQUESTED, T0, "sent"),
        StatusChange(second.id, Status.PENDING, Status.IGNORED, T0, "vanished"),
        StatusChange(first.id, Status.MEET_REQUESTED, Status.REPLIED, T0, "replied"),
        StatusChange(second.id, Status.IGNORED, Status.PENDING, T0, "reappeared"),
        StatusChange(second.id, Status.PENDING, Status.ACCEPTED, T0, "connected"),
    ]
    with store.transaction():  # three chunks of transitions, two of final statuses
        store.set_statuses(moves, "import")

    assert store.statuses_of([first.id, second.id]) == {
        first.id: Status.REPLIED,
        second.id: Status.ACCEPTED,
    }
    assert [t.new for t in store.transitions(second.id)] == [
        Status.IGNORED,
        Status.PENDING,
        Status.ACCEPTED,
    ]
    assert [t.new for t in store.transitions(first.id)] == [
        Status.MEET_REQUESTED,
        Status.REPLIED,
    ]
