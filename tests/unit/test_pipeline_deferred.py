"""An import judges what it changed after its merge commits (``watcher.judge.deferred``): no
other writer waits for the judging, what a stop leaves is finished by the next import, and
every import is announced exactly once, in order."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.exports import invitations_json
from tests.support.stops import StopOnceMerged
from watcher import pipeline
from watcher.config.settings import Settings
from watcher.judge import gather
from watcher.models import AlreadyImported, Failed, Imported
from watcher.store import Store
from watcher.store.locking import LockWait

NOW = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)


def drop(folder: Path, name: str, first: int, count: int = 3) -> Path:
    entries = [
        {
            "name": f"Person {i}",
            "profile_url": f"https://www.linkedin.com/in/person-{i}",
            "headline": "Data engineer",
            "note": f"Hello, we met at meetup number {i}" if i % 2 else "",
            "sent_at": (NOW - timedelta(days=i + 1)).isoformat(),
        }
        for i in range(first, first + count)
    ]
    path = folder / name
    path.write_bytes(invitations_json(entries))
    return path


class Announced:
    """A ``Deps.announce`` that keeps what it was called with."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def __call__(self, store: Store, outcome: Imported | Failed) -> None:
        self.names.append(outcome.path.name)


def deps(store: Store, **options: Any) -> pipeline.Deps:
    return pipeline.Deps(store=store, settings=Settings(), clock=lambda: NOW, **options)


def judged(store: Store) -> dict[str, tuple[str | None, int | None, str | None]]:
    rows = store.db.execute(
        "SELECT p.name, i.verdict, i.score, i.reasons FROM invitations i "
        "JOIN people p ON p.id = i.person_id ORDER BY p.name"
    )
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def pending(store: Store) -> int:
    return int(store.db.execute("SELECT COUNT(*) FROM pending_judgings").fetchone()[0])


def test_import_judges_after_its_merge_commits_others_write_meanwhile(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another process writes and commits while the judging runs: it did not wait, and the
    # verdicts are judged again from what it committed, then stored.
    real = gather.judge_chosen
    runs: list[int] = []

    def judging(*args: Any, **options: Any) -> Any:
        runs.append(len(runs))
        if len(runs) == 1:
            other = sqlite3.connect(store.path, timeout=0, isolation_level=None)
            try:  # "database is locked" if the import held the write lock while judging
                other.execute("UPDATE people SET headline = 'Data scientist'")
            finally:
                other.close()
        return real(*args, **options)

    monkeypatch.setattr(gather, "judge_chosen", judging)
    announced = Announced()

    outcome = pipeline.process(drop(tmp_path, "a.json", 0), deps(store, announce=announced))

    assert isinstance(outcome, Imported), outcome
    assert runs == [0, 1]  # judged again after the other commit
    assert announced.names == ["a.json"]
    assert pending(store) == 0
    assert all(verdict is not None for verdict, _, _ in judged(store).values())


def test_import_stopped_after_its_merge_is_finished_and_announced_by_the_next(
    store: Store, tmp_path: Path
) -> None:
    clean = Store(tmp_path / "clean.sqlite")
    first = drop(tmp_path, "a.json", 0)
    pipeline.process(first, deps(clean))
    announced = Announced()

    stopped = pipeline.process(
        first, deps(store, announce=announced, cancel=StopOnceMerged(store.path))
    )

    assert isinstance(stopped, Imported), stopped  # the merge committed: it is imported
    assert pending(store) == 1
    assert announced.names == []
    assert {verdict for verdict, _, _ in judged(store).values()} == {None}

    later = pipeline.process(drop(tmp_path, "b.json", 10), deps(store, announce=announced))

    assert isinstance(later, Imported), later
    assert announced.names == ["a.json", "b.json"]  # once each, in import order
    assert pending(store) == 0
    mine = judged(store)
    assert {name: mine[name] for name in judged(clean)} == judged(clean)
    assert len(mine) == 6
    clean.close()


def test_import_left_to_announce_waits_for_a_caller_that_can(store: Store, tmp_path: Path) -> None:
    # The daemon's import was stopped between its transactions; a command (no announce hook)
    # imports next: it judges its own, leaves the daemon's to the daemon.
    announced = Announced()
    daemons = deps(store, announce=announced, cancel=StopOnceMerged(store.path))
    pipeline.process(drop(tmp_path, "a.json", 0), daemons)

    pipeline.process(drop(tmp_path, "b.json", 10), deps(store))

    assert pending(store) == 1
    assert judged(store)["Person 10"][0] is not None
    assert judged(store)["Person 0"][0] is None

    pipeline.process(drop(tmp_path, "c.json", 20), deps(store, announce=announced))

    assert announced.names == ["a.json", "c.json"]
    assert pending(store) == 0
    assert judged(store)["Person 0"][0] is not None


def test_import_dry_run_leaves_no_note(store: Store, tmp_path: Path) -> None:
    outcome = pipeline.process(drop(tmp_path, "a.json", 0), deps(store), dry_run=True)

    assert isinstance(outcome, Imported), outcome
    assert outcome.changes.new == {"invitations": 3}
    assert pending(store) == 0
    assert judged(store) == {}


def test_import_tells_how_far_its_judging_has_got(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gather, "BATCH", 2)
    heard: list[tuple[int, int]] = []

    outcome = pipeline.process(
        drop(tmp_path, "a.json", 0), deps(store, judging=lambda *at: heard.append(at))
    )

    assert isinstance(outcome, Imported), outcome
    assert heard == [(0, 3), (2, 3), (3, 3)]


def test_import_whose_verdicts_meet_a_busy_database_is_imported_and_judged_later(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The merge committed; when the verdicts are to be stored, another process holds the lock
    # longer than this caller waits. The file is imported all the same (its judging left for
    # later, and said so); the next import judges and announces it, once.
    real = gather.judge_chosen
    holder = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)

    def judging(*args: Any, **options: Any) -> Any:
        if not holder.in_transaction and pending(store):
            holder.execute("BEGIN IMMEDIATE")
        return real(*args, **options)

    monkeypatch.setattr(gather, "judge_chosen", judging)
    store.wait = LockWait(limit=0.3)
    announced = Announced()

    outcome = pipeline.process(drop(tmp_path, "a.json", 0), deps(store, announce=announced))

    assert isinstance(outcome, Imported), outcome
    assert outcome.changes.judging_left
    assert any("left for later" in warning for warning in outcome.changes.warnings)
    assert pending(store) == 1
    assert announced.names == []
    holder.execute("ROLLBACK")
    monkeypatch.setattr(gather, "judge_chosen", real)

    again = pipeline.process(drop(tmp_path, "a.json", 0), deps(store, announce=announced))

    assert isinstance(again, AlreadyImported), again
    assert announced.names == ["a.json"]
    assert pending(store) == 0
    assert None not in {verdict for verdict, _, _ in judged(store).values()}


def stale_store(path: Path, tmp_path: Path) -> None:
    """A store as version 6 left it: a template sender's finding with the exact count."""
    store = Store(path)
    pipeline.process(drop_template(tmp_path, "a.json", range(12)), deps(store))
    store.db.execute(
        "UPDATE invitations SET reasons = replace(reasons, '10 or more', '11') WHERE id = 1"
    )
    store.db.execute("DELETE FROM pending_judgings")
    store.db.execute("PRAGMA user_version = 6")
    store.close()


def drop_template(folder: Path, name: str, people: range) -> Path:
    entries = [
        {
            "name": f"Person {i}",
            "profile_url": f"https://www.linkedin.com/in/person-{i}",
            "note": "Hello, I help founders scale their sales pipeline with outreach systems.",
            "sent_at": (NOW - timedelta(days=i + 1)).isoformat(),
        }
        for i in people
    ]
    path = folder / name
    path.write_bytes(invitations_json(entries))
    return path


def template_detail(store: Store, invitation_id: int) -> str:
    found = store.invitation(invitation_id)
    assert found is not None
    return next(f.detail for f in found.findings if f.rule == "note.template")


def test_upgrade_judges_once_more_what_an_earlier_version_wrote(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    stale_store(path, tmp_path)
    store = Store(path)  # the upgrade leaves a note to judge everything once
    assert template_detail(store, 1) == "the same note came from 11 other inviters: a template"
    assert pending(store) == 1

    # One more sender does not move the shown step: only the note brings invitation 1 up to date.
    pipeline.process(drop_template(tmp_path, "b.json", range(12, 13)), deps(store))

    assert pending(store) == 0
    assert template_detail(store, 1) == (
        "the same note came from 10 or more other inviters: a template"
    )
    store.close()


def test_upgrade_by_two_processes_at_once_runs_each_migration_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from watcher.store import database

    path = tmp_path / "db.sqlite"
    stale_store(path, tmp_path)
    real = database.begin_immediate
    raced: list[bool] = []

    def other_process_first(*args: Any) -> None:
        if not raced:  # the other process migrates between our look and our lock
            raced.append(True)
            Store(path).close()
        real(*args)

    monkeypatch.setattr(database, "begin_immediate", other_process_first)

    store = Store(path)

    assert raced == [True]
    assert pending(store) == 1  # the upgrade's note, once
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == 7
    store.close()
