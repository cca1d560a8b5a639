"""A one-invitation file costs the lifecycle the same on a small and on a big database: its
steps look only at what the import could have moved (issue 12, "touching only what this import
changed"). Counted in SQLite VM instructions, not in time, so a loaded machine cannot fail it."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from watcher import pipeline
from watcher.config.settings import Settings
from watcher.models import ConnectionRecord, Direction, Imported, InvitationRecord, PersonRef
from watcher.store import ApplyCounts, Store

NOW = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)


def filled(path: Path, invitations: int) -> Store:
    """A database of this many incoming invitations from people sharing display names by
    eight, 40% of them already connected."""
    store = Store(path)
    stage = store.stage()
    for i in range(invitations):
        person = PersonRef(f"Person {i // 8}", f"https://www.linkedin.com/in/p-{i}")
        sent = NOW - timedelta(days=30, minutes=i)
        stage.add(InvitationRecord(person, Direction.INCOMING, sent, "Hi", source="seed"))
        if i % 5 < 2:
            stage.add(ConnectionRecord(person, source="seed"))
    with store.transaction():
        store.merge_staged(stage, ApplyCounts.empty(), NOW)
    return store


def count_lifecycle_steps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """SQLite instructions (in thousands) the lifecycle runs, from now on, added up."""
    steps = [0]
    real: Callable[..., Any] = pipeline.lifecycle.advance

    def tick() -> int:
        steps[0] += 1
        return 0

    def counted(store: Store, *args: Any, **options: Any) -> Any:
        store.db.set_progress_handler(tick, 1000)
        try:
            return real(store, *args, **options)
        finally:
            store.db.set_progress_handler(None, 0)

    monkeypatch.setattr(pipeline.lifecycle, "advance", counted)
    return steps


def drop_one(store: Store, folder: Path) -> None:
    path = folder / "invitations.json"
    entry = {
        "name": "Person 3",  # shares a display name, as most do
        "profile_url": "https://www.linkedin.com/in/newcomer",
        "headline": "",
        "note": "We met at the meetup last week",
        "sent_at": (NOW - timedelta(days=1)).isoformat(),
    }
    document = {"format": "invite-watcher/invitations@1", "invitations": [entry]}
    path.write_text(json.dumps(document))
    deps = pipeline.Deps(store=store, settings=Settings(), clock=lambda: NOW)
    outcome = pipeline.process(path, deps)
    assert isinstance(outcome, Imported), outcome
    assert outcome.changes.new == {"invitations": 1}


def test_pipeline_one_invitation_drop_lifecycle_does_not_grow_with_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = count_lifecycle_steps(monkeypatch)
    costs = []
    for size in (200, 4000):
        folder = tmp_path / str(size)
        folder.mkdir()
        store = filled(folder / "db.sqlite", size)
        before = steps[0]
        try:
            drop_one(store, folder)
        finally:
            store.close()
        costs.append(steps[0] - before)

    small, big = costs
    assert big <= small + 2, costs  # a full-table step would cost 20 times as much
