"""The rules' bulk reads: connections found under a person's own key or a name-key twin's."""

from __future__ import annotations

from datetime import date

from watcher.models import ConnectionRecord, PersonRef
from watcher.store import ApplyCounts, Store


def person(name: str, slug: str | None) -> PersonRef:
    return PersonRef(name, f"https://www.linkedin.com/in/{slug}" if slug else None)


def test_connected_among_finds_own_and_name_twin_connections(store: Store) -> None:
    connected = {  # (name, URL slug or None) -> connected on
        ("Ana Reyes", "ana"): date(2020, 1, 1),  # under her own key
        ("Bo Lind", None): date(2021, 2, 2),  # an old export without URLs
        ("Cy Hart", "cy"): date(2022, 3, 3),
        ("Di Park", "di-a"): date(2023, 4, 4),  # two namesakes of a name-only one: the first
        ("Di Park", "di-b"): date(2019, 5, 5),
    }
    with store.transaction():
        for (name, slug), day in connected.items():
            record = ConnectionRecord(person(name, slug), connected_on=day, source=f"{name}.csv")
            store.apply_connection(record, ApplyCounts.empty())
        askers = [
            store.person_id(person(name, slug))
            for name, slug in (
                ("Ana Reyes", "ana"),
                ("Bo Lind", "bo"),  # with a URL now: the name-only connection is her
                ("Cy Hart", None),  # without one: the URL connection is him
                ("Cy Hart", "cy-2"),  # another Cy Hart, both with URLs: not him
                ("Di Park", None),
                ("Eve Stone", "eve"),  # nobody
            )
        ]
    new = {pid: (c.connected_on, c.source) for pid, c in store.connected_among(askers).items()}
    ana, bo, cy, _another_cy, di, _nobody = askers
    assert new == {
        ana: (date(2020, 1, 1), "Ana Reyes.csv"),
        bo: (date(2021, 2, 2), "Bo Lind.csv"),
        cy: (date(2022, 3, 3), "Cy Hart.csv"),
        di: (date(2023, 4, 4), "Di Park.csv"),
    }


def test_bulk_reads_of_nothing_are_empty(store: Store) -> None:
    assert store.connected_among([]) == {}
    assert store.judgeable([]) == []
    assert store.note_senders_among([]) == {}
