"""The store's listing queries (``watcher.store.listing``) on a real SQLite file: pages sorted and
filtered in SQL, the size of a listing, the stream with sightings, the import summary's tally."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from watcher.models import (
    Direction,
    Evaluation,
    InvitationRecord,
    PersonRef,
    Status,
    Verdict,
)
from watcher.store import ApplyCounts, StatusChange, Store
from watcher.store import listing as listing_module
from watcher.store.evaluations import Rejudged, reasons_json
from watcher.store.listing import Criteria

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def add(
    store: Store,
    name: str,
    at: datetime,
    *,
    direction: Direction = Direction.INCOMING,
    verdict: Verdict | None = None,
) -> int:
    counts = ApplyCounts.empty()
    slug = name.lower().replace(" ", "-")
    record = InvitationRecord(
        PersonRef(name, f"https://www.linkedin.com/in/{slug}"), direction, at, source="t"
    )
    with store.transaction():
        store.apply_invitation(record, counts)
        [invitation_id] = counts.seen_invitation_ids
        if verdict is not None:
            [found] = store.judgeable([invitation_id])
            evaluation = Evaluation(verdict=verdict, score=1, findings=[])
            store.write_verdicts(
                [Rejudged(found, evaluation, reasons_json(evaluation)).as_write()], "t", T0
            )
    return invitation_id


@pytest.fixture
def five(store: Store) -> dict[str, int]:
    """Five invitations a day apart, inserted out of order; one outgoing, one accepted."""
    ids = {
        "c": add(store, "Cy Three", T0 + timedelta(days=2), verdict=Verdict.IGNORE),
        "a": add(store, "Al One", T0, verdict=Verdict.ACCEPT),
        "e": add(store, "Ed Five", T0 + timedelta(days=4), direction=Direction.OUTGOING),
        "b": add(store, "Bea Two With A Long Name", T0 + timedelta(days=1)),
        "d": add(store, "Di Four", T0 + timedelta(days=3), verdict=Verdict.MEET_FIRST),
    }
    with store.transaction():
        store.set_statuses(
            [StatusChange(ids["a"], Status.PENDING, Status.ACCEPTED, T0, "connected")], "t"
        )
    return ids


def test_listing_table_rows_newest_first_and_a_page_stops_early(
    store: Store, five: dict[str, int]
) -> None:
    every = [row.name for row in store.table_rows(Criteria())]
    page = [row.name for row in store.table_rows(Criteria(), limit=2)]

    assert every == ["Di Four", "Cy Three", "Bea Two With A Long Name", "Al One"]
    assert page == every[:2]


def test_listing_filters_in_sql_by_direction_status_and_verdict(
    store: Store, five: dict[str, int]
) -> None:
    def names(criteria: Criteria) -> list[str]:
        return [row.name for row in store.table_rows(criteria, limit=10)]

    assert names(Criteria(direction=Direction.OUTGOING)) == ["Ed Five"]
    assert len(names(Criteria(direction=None))) == 5
    assert names(Criteria(statuses=(Status.ACCEPTED,))) == ["Al One"]
    assert names(Criteria(statuses=(Status.ACCEPTED, Status.PENDING), verdict=Verdict.ACCEPT)) == [
        "Al One"
    ]
    assert names(Criteria(verdict=Verdict.MEET_FIRST)) == ["Di Four"]
    assert names(Criteria(statuses=(Status.PENDING,), verdict=Verdict.ACCEPT)) == []


def test_listing_row_carries_what_the_table_shows(store: Store, five: dict[str, int]) -> None:
    [row] = store.table_rows(Criteria(verdict=Verdict.IGNORE))

    assert (row.id, row.name, row.verdict, row.score, row.status) == (
        five["c"],
        "Cy Three",
        Verdict.IGNORE,
        1,
        Status.PENDING,
    )
    assert row.sent_at == T0 + timedelta(days=2)


def test_listing_size_counts_and_measures_the_whole_listing(
    store: Store, five: dict[str, int]
) -> None:
    size = store.listing_size(Criteria())
    none = store.listing_size(Criteria(statuses=(Status.REPLIED,)))

    assert (size.count, size.widest_id, size.longest_name) == (4, max(five.values()), 24)
    assert (none.count, none.widest_id, none.longest_name) == (0, 0, 0)


def test_listing_count_agrees_with_the_rows_whatever_the_filter(
    store: Store, five: dict[str, int]
) -> None:
    for criteria in (
        Criteria(),
        Criteria(direction=None),
        Criteria(direction=Direction.OUTGOING),
        Criteria(statuses=(Status.ACCEPTED, Status.PENDING), verdict=Verdict.ACCEPT),
        Criteria(statuses=(Status.REPLIED,)),
    ):
        rows = list(store.table_rows(criteria))
        assert store.listing_count(criteria) == len(rows), criteria
        assert store.listing_size(criteria).count == len(rows), criteria


def test_listing_stream_gives_every_invitation_with_its_sightings_across_chunks(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listing_module, "STREAM_CHUNK", 2)
    ids = [add(store, f"Person {n}", T0 + timedelta(hours=n)) for n in range(5)]
    with store.transaction():
        logged = store.log_import(
            "0" * 64, Path("Invitations.csv"), size=1, kind="t", outcome="imported"
        )
        store.record_sightings(logged, T0, {ids[0]: True, ids[3]: False})

    streamed = list(store.invitations_with_sightings(Criteria()))

    assert [i.id for i, _ in streamed] == ids[::-1]
    seen = {i.id: [(s.complete, s.as_of) for s in sightings] for i, sightings in streamed}
    assert seen[ids[0]] == [(True, T0)]
    assert seen[ids[3]] == [(False, T0)]
    assert seen[ids[1]] == []
    assert not store.db.in_transaction


def test_listing_fresh_tally_counts_by_direction_status_and_verdict(
    store: Store, five: dict[str, int]
) -> None:
    tally = store.fresh_tally([five["a"], five["c"], five["e"], five["d"]])

    assert tally == {
        (Direction.INCOMING, Status.ACCEPTED, Verdict.ACCEPT): 1,
        (Direction.INCOMING, Status.PENDING, Verdict.IGNORE): 1,
        (Direction.INCOMING, Status.PENDING, Verdict.MEET_FIRST): 1,
        (Direction.OUTGOING, Status.PENDING, None): 1,
    }
    assert store.fresh_tally([]) == {}
