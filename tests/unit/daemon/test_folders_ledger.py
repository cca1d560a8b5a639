"""The ledger of files handed to the import worker: claims, and what changed since."""

from __future__ import annotations

from pathlib import Path

from watcher.daemon.folders import Ledger


def test_ledger_claims_a_file_once_until_it_is_finished(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"x")
    finished: list[Path] = []
    ledger = Ledger()
    ledger.when_finished(finished.append)
    assert ledger.claim(path)
    assert not ledger.claim(path)
    ledger.finished(path)
    assert finished == [path]
    assert ledger.claim(path)


def test_ledger_tells_a_file_that_grew_while_it_was_queued(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"From,To\n")
    ledger = Ledger()
    ledger.claim(path)
    assert ledger.still_as_claimed(path)
    with path.open("ab") as handle:
        handle.write(b"Ann,Eve\n")
    assert not ledger.still_as_claimed(path)
    ledger.finished(path)
    assert not ledger.still_as_claimed(path)  # no longer claimed at all
