"""The import worker's retries: backoff per file, and nothing pending once a file settled."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from watcher.daemon import retries
from watcher.daemon.retries import Retries

A = Path("/drop/a.csv")


async def test_retries_back_off_and_submit_once_due(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retries, "FIRST", 0.01)
    submitted: list[Path] = []
    arrived = asyncio.Event()

    def submit(path: Path) -> None:
        submitted.append(path)
        arrived.set()

    waits = Retries(submit)
    assert [waits.later(A), waits.later(A)] == [0.01, 0.02]  # the second replaces the first
    await asyncio.wait_for(arrived.wait(), timeout=10)
    assert submitted == [A]


async def test_retries_settled_file_is_not_submitted_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rescan imported the file before its retry fell due: the retry must not import it
    again (or find it moved away by the disposal)."""
    monkeypatch.setattr(retries, "FIRST", 0.01)
    submitted: list[Path] = []
    waits = Retries(submitted.append)
    waits.later(A)
    waits.settled(A)
    fired = asyncio.Event()
    other = Retries(lambda path: fired.set())
    other.later(Path("/drop/b.csv"))  # as long, armed later: fires after A's would have
    await asyncio.wait_for(fired.wait(), timeout=10)
    assert submitted == []
    assert waits.later(A) == 0.01  # and the backoff starts afresh
    waits.cancel()
