"""The store's outbox: recorded notices, shown or folded once, summaries counting the folded."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import pytest

from watcher.store import NewNotice, Store

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def add(store: Store, *kinds: str, at: datetime = T0) -> list[int]:
    with store.transaction():
        return store.add_notices([NewNotice(kind, f'{{"n": "{kind}"}}') for kind in kinds], at)


def test_outbox_unsent_notices_come_oldest_first_until_shown(store: Store) -> None:
    first, second = add(store, "invitation", "reminder")
    assert [e.id for e in store.unsent_notices()] == [first, second]
    store.mark_shown(first, T0)
    assert [e.kind for e in store.unsent_notices()] == ["reminder"]


def test_outbox_rolled_back_notices_were_never_recorded(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.add_notices([NewNotice("invitation", "{}")], T0)
        raise RuntimeError("the import failed")
    assert store.unsent_notices() == []


def test_outbox_counts_what_was_shown_in_the_window(store: Store) -> None:
    ids = add(store, "invitation", "reminder", "folded", "draft")
    for offset, notice_id in enumerate(ids):
        store.mark_shown(notice_id, T0 + timedelta(seconds=offset))
    assert store.shown_since(T0 - timedelta(seconds=1)) == 4
    assert store.shown_since(T0) == 3
    assert store.shown_since(T0 - timedelta(1), not_kinds=("folded", "draft")) == 2
    assert store.last_shown("folded") == T0 + timedelta(seconds=2)
    assert store.last_shown("failure") is None


def test_outbox_summary_counts_each_folded_notice_once(store: Store) -> None:
    folded = add(store, "reminder", "reminder", "invitation")
    store.fold_notices(folded, T0)
    assert store.unsent_notices() == []
    counts, since = store.unsummarised_folds()
    assert (dict(counts), since) == ({"reminder": 2, "invitation": 1}, T0)
    with store.transaction():
        summary = store.add_summary(NewNotice("folded", "{}"), T0)
    assert store.unsummarised_folds()[0] == {}
    assert [e.id for e in store.unsent_notices()] == [summary]


def test_outbox_fold_never_takes_back_a_shown_notice(store: Store) -> None:
    [shown] = add(store, "reminder")
    store.mark_shown(shown, T0)
    store.fold_notices([shown], T0)
    assert store.unsummarised_folds()[0] == {}


def test_outbox_prune_keeps_what_is_unsent_or_not_yet_summarised(store: Store) -> None:
    old_shown, old_unsent, old_folded = add(store, "a", "b", "c")
    store.mark_shown(old_shown, T0)
    store.fold_notices([old_folded], T0)
    assert store.prune_outbox(T0 + timedelta(days=31)) == 1
    assert [e.id for e in store.unsent_notices()] == [old_unsent]
    assert sum(store.unsummarised_folds()[0].values()) == 1


def test_outbox_writes_wait_for_another_writer_instead_of_failing(store: Store) -> None:
    """The daemon marks a notice shown while a CLI import (another process) holds the write
    lock for longer than a bare statement waits: the mark waits too, or the notice would be
    shown again at the next pass."""
    [notice] = add(store, "invitation")
    other = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(1.0, lambda: other.execute("COMMIT"))
    release.start()
    try:
        store.mark_shown(notice, T0)
        store.fold_notices([], T0)
        store.prune_outbox(T0)
    finally:
        release.join()
        other.close()
    assert store.unsent_notices() == []
