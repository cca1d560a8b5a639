"""The pipeline reads and stages a file outside the write lock, reports progress with the
reader's position, stops when asked, and leaves reporting a failure to its caller."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from loguru import logger

from tests.support.exports import invitations_json
from watcher import pipeline
from watcher.config.settings import Settings
from watcher.models import Failed, Imported, Interrupted, ReadProgress, Record
from watcher.store import Store

NOW = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)


def drop(folder: Path, count: int = 3) -> Path:
    entries = [
        {
            "name": f"Person {i}",
            "profile_url": f"https://www.linkedin.com/in/person-{i}",
            "headline": "",
            "note": f"Hello, we met at meetup number {i}",
            "sent_at": (NOW - timedelta(days=i + 1)).isoformat(),
        }
        for i in range(count)
    ]
    path = folder / "invitations.json"
    path.write_bytes(invitations_json(entries))
    return path


def deps(store: Store, **options: Any) -> pipeline.Deps:
    return pipeline.Deps(store=store, settings=Settings(), clock=lambda: NOW, **options)


def reading_with(monkeypatch: pytest.MonkeyPatch, during: Any) -> None:
    """Call ``during(n, record)`` as the pipeline takes each record from the reader."""
    real = pipeline.stage_records

    def staging(store: Store, records: Iterable[Record], *args: Any, **options: Any) -> Any:
        def watched() -> Iterator[Record]:
            for n, record in enumerate(records):
                yield from during(n, record)

        return real(store, watched(), *args, **options)

    monkeypatch.setattr(pipeline, "stage_records", staging)


def invitation_count(store: Store) -> int:
    return int(store.db.execute("SELECT COUNT(*) FROM invitations").fetchone()[0])


def test_pipeline_reads_the_file_while_others_can_still_write(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrote = []

    def write_meanwhile(n: int, record: Record) -> Iterator[Record]:
        if n == 1:
            other = sqlite3.connect(store.path, timeout=0, isolation_level=None)
            try:  # "database is locked" if the import held the write lock while reading
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")
                wrote.append(n)
            finally:
                other.close()
        yield record

    reading_with(monkeypatch, write_meanwhile)

    outcome = pipeline.process(drop(tmp_path), deps(store))

    assert isinstance(outcome, Imported), outcome
    assert wrote == [1]
    assert outcome.changes.new == {"invitations": 3}


def test_pipeline_progress_gets_the_readers_position_and_the_records_so_far(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    positions = [ReadProgress("invitations.json", done, 300) for done in (0, 100, 200)]

    def with_positions(n: int, record: Record) -> Iterator[Record]:
        if n < len(positions):
            yield positions[n]
        yield record

    reading_with(monkeypatch, with_positions)
    monkeypatch.setattr(pipeline.staging, "CHECK_EVERY", 2)
    calls: list[tuple[ReadProgress, int]] = []

    outcome = pipeline.process(
        drop(tmp_path), deps(store, progress=lambda at, done: calls.append((at, done)))
    )

    assert isinstance(outcome, Imported), outcome
    assert calls[:4] == [
        (positions[0], 0),
        (positions[1], 1),
        (positions[1], 2),  # every CHECK_EVERY records too, with the latest position
        (positions[2], 2),
    ]
    assert outcome.changes.new == {"invitations": 3}  # a position is never applied


def test_pipeline_stop_while_reading_leaves_the_database_as_it_was(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Token:
        stopped = False

        def is_set(self) -> bool:
            return self.stopped

    token = Token()

    def stop_after_one(n: int, record: Record) -> Iterator[Record]:
        token.stopped = n >= 1
        yield record

    reading_with(monkeypatch, stop_after_one)
    monkeypatch.setattr(pipeline.staging, "CHECK_EVERY", 1)

    outcome = pipeline.process(drop(tmp_path), deps(store, cancel=token))

    assert isinstance(outcome, Interrupted)
    assert invitation_count(store) == 0
    assert store.imports() == []


def test_pipeline_leaves_logging_a_failure_to_its_caller(store: Store, tmp_path: Path) -> None:
    said: list[str] = []
    sink = logger.add(lambda message: said.append(str(message)), level="DEBUG")
    try:
        broken = tmp_path / "Invitations.csv"
        broken.write_text("not,the,columns\n1,2,3\n")
        refused = pipeline.process(broken, deps(store))
        holder = sqlite3.connect(store.path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with store.waiting_at_most(0):
                locked = pipeline.process(drop(tmp_path), deps(store))
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    finally:
        logger.remove(sink)

    assert isinstance(refused, Failed) and not refused.transient
    assert isinstance(locked, Failed) and locked.transient
    assert said == []


def test_pipeline_a_file_refused_while_the_database_is_locked_is_tried_again(
    store: Store, tmp_path: Path
) -> None:
    """Recording a refusal writes too: a locked database makes it a transient failure (tried
    again soon), not an exception that loses the file."""
    broken = tmp_path / "Invitations.csv"
    broken.write_text("not,the,columns\n1,2,3\n")
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with store.waiting_at_most(0):
            locked = pipeline.process(broken, deps(store))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert isinstance(locked, Failed) and locked.transient
    assert store.imports() == []
    again = pipeline.process(broken, deps(store))
    assert isinstance(again, Failed) and not again.transient
