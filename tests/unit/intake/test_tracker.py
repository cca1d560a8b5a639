from pathlib import Path

import pytest

from watcher.intake.files import IntakeError, check_readable, fingerprint, free_name, sha256_file
from watcher.intake.tracker import (
    CLOSED_FACTOR,
    PAUSE_FACTOR,
    UNCLOSED_FACTOR,
    CompletenessTracker,
    Fingerprint,
    Hint,
    is_ignored,
)

A = Path("/drop/a.zip")
B = Path("/drop/b.csv")
SETTLE = 2.0


def fp(size: int, mtime: int = 1) -> Fingerprint:
    return Fingerprint(size=size, mtime_ns=mtime, inode=7)


@pytest.mark.parametrize(
    "name",
    ["x.zip.crdownload", "x.part", "Unconfirmed 1.download", ".hidden.csv", "~$book.csv", "x~"],
)
def test_is_ignored_partial_downloads_and_clutter(name: str) -> None:
    patterns = [".*", "*.crdownload", "*.part", "*.download", "~$*", "*~"]
    assert is_ignored(Path("/d") / name, patterns)


def test_is_ignored_lets_exports_through() -> None:
    assert not is_ignored(Path("/d/Basic_LinkedInDataExport_11-20-2026 (1).zip"), [".*", "*.part"])


def settle_until(
    tracker: CompletenessTracker, path: Path, print_: Fingerprint, *, at: float
) -> bool:
    """Whether ``path`` looking like ``print_`` is released at ``at`` (no writer open)."""
    if path not in tracker.due(at, {path: print_}):
        return False
    return tracker.confirm(path, print_, at, open_for_writing=False)


def test_tracker_renamed_file_is_ready_at_once() -> None:
    """A rename into place is the writer's own "done": the drop reaches the user at once."""
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(10), 5.0, Hint.MOVED)
    assert tracker.next_check() == 5.0
    assert settle_until(tracker, A, fp(10), at=5.0)
    assert A not in tracker


def test_tracker_close_under_the_final_name_waits_longer_than_a_rename() -> None:
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(10), 0.0, Hint.WRITTEN)
    tracker.observe(A, fp(10), 0.1, Hint.CLOSED)  # the quiet period starts at the close
    assert not settle_until(tracker, A, fp(10), at=0.1 + 2.9 * SETTLE)
    assert settle_until(tracker, A, fp(10), at=0.1 + CLOSED_FACTOR * SETTLE)


def test_tracker_mtime_set_after_the_close_keeps_the_close() -> None:
    """wget closes the file, then sets its mtime: not a writer that is still at it."""
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(10), 0.0, Hint.CLOSED)
    tracker.observe(A, fp(10, mtime=2), 0.1, Hint.TOUCHED)
    assert not settle_until(tracker, A, fp(10, mtime=2), at=0.1 + 2.9 * SETTLE)
    assert settle_until(tracker, A, fp(10, mtime=2), at=0.1 + CLOSED_FACTOR * SETTLE)


def test_tracker_file_never_closed_waits_for_its_writer() -> None:
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(10), 0.0, Hint.WRITTEN)
    assert not settle_until(tracker, A, fp(10), at=5 * SETTLE)
    # Only a lost close event leaves a file so long unclosed: then the writer check decides.
    assert settle_until(tracker, A, fp(10), at=UNCLOSED_FACTOR * SETTLE)


def test_tracker_chunked_writer_is_waited_for_as_long_as_it_pauses() -> None:
    """Open, append, close per chunk: each close looks final; the pauses teach the tracker."""
    tracker = CompletenessTracker(SETTLE)
    pause = 2.5 * SETTLE  # within the first close's quiet period, so not released yet
    tracker.observe(A, fp(1), 0.0, Hint.CLOSED)
    assert tracker.due(pause, {A: fp(1)}) == []
    tracker.observe(A, fp(2), pause, Hint.WRITTEN)  # the writer came back
    tracker.observe(A, fp(2), pause + 0.1, Hint.CLOSED)
    last_close = pause + 0.1
    assert not settle_until(tracker, A, fp(2), at=last_close + CLOSED_FACTOR * SETTLE)
    assert settle_until(tracker, A, fp(2), at=last_close + PAUSE_FACTOR * pause)


def test_tracker_file_still_open_for_writing_waits_for_the_close() -> None:
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(5), 0.0, Hint.MOVED)
    assert tracker.due(SETTLE, {A: fp(5)}) == [A]
    assert not tracker.confirm(A, fp(5), SETTLE, open_for_writing=True)
    assert A in tracker
    assert tracker.due(2 * SETTLE, {A: fp(5)}) == []  # now it waits like an unclosed file
    tracker.observe(A, fp(5), 3 * SETTLE, Hint.CLOSED)
    assert settle_until(tracker, A, fp(5), at=3 * SETTLE + CLOSED_FACTOR * SETTLE)


def test_tracker_change_while_writers_are_looked_for_keeps_the_file() -> None:
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(5), 0.0, Hint.MOVED)
    assert tracker.due(SETTLE, {A: fp(5)}) == [A]
    assert not tracker.confirm(A, fp(6), SETTLE, open_for_writing=False)
    assert tracker.due(SETTLE + 0.1, {A: fp(6)}) == []  # re-timed: it is being written
    assert A in tracker


def test_tracker_growth_seen_at_the_check_retimes_the_file() -> None:
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(1), 0.0, Hint.CLOSED)
    assert tracker.due(CLOSED_FACTOR * SETTLE, {A: fp(2)}) == []
    tracked = tracker.tracked(A)
    assert tracked is not None and tracked.hint is Hint.WRITTEN
    assert tracked.pause == pytest.approx(CLOSED_FACTOR * SETTLE)


def test_tracker_writer_coming_back_after_release_teaches_its_pause() -> None:
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(1), 0.0, Hint.CLOSED)
    assert settle_until(tracker, A, fp(1), at=CLOSED_FACTOR * SETTLE)
    came_back = 4 * SETTLE  # the first part is being imported; the writer appends more
    tracker.observe(A, fp(2), came_back, Hint.WRITTEN)
    tracker.observe(A, fp(2), came_back, Hint.CLOSED)
    assert not settle_until(tracker, A, fp(2), at=came_back + CLOSED_FACTOR * SETTLE)
    assert settle_until(tracker, A, fp(2), at=came_back + PAUSE_FACTOR * came_back)


def test_tracker_new_file_under_a_released_name_learns_nothing() -> None:
    """An imported file moved away, and a new export saved under its name: no writer paused."""
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(1), 0.0, Hint.CLOSED)
    assert settle_until(tracker, A, fp(1), at=CLOSED_FACTOR * SETTLE)
    again = Fingerprint(size=2, mtime_ns=2, inode=8)
    tracker.observe(A, again, 4 * SETTLE, Hint.CLOSED)
    assert settle_until(tracker, A, again, at=4 * SETTLE + CLOSED_FACTOR * SETTLE)


def test_tracker_late_event_for_a_released_file_is_ignored() -> None:
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(1), 0.0, Hint.MOVED)
    assert settle_until(tracker, A, fp(1), at=SETTLE)
    tracker.observe(A, fp(1), SETTLE + 0.1, Hint.CLOSED)
    assert A not in tracker


def test_tracker_scanned_old_file_is_ready_at_once() -> None:
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(3), 100.0 - 3600, Hint.SEEN)  # the catch-up dates it by its mtime
    assert settle_until(tracker, A, fp(3), at=100.0)


def test_tracker_polled_change_keeps_timing_by_settle() -> None:
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(1), 0.0, Hint.SEEN)
    assert tracker.due(SETTLE, {A: fp(2)}) == []
    assert not settle_until(tracker, A, fp(2), at=2 * SETTLE - 0.01)
    assert settle_until(tracker, A, fp(2), at=2 * SETTLE)


def test_tracker_forgets_vanished_files() -> None:
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(1), 0.0, Hint.SEEN)
    assert tracker.due(5.0, {A: None}) == []
    assert A not in tracker
    tracker.observe(A, fp(1), 0.0, Hint.SEEN)
    tracker.observe(A, None, 0.1, Hint.SEEN)
    assert tracker.next_check() is None


def test_tracker_next_check_skips_files_being_imported() -> None:
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(1), 0.0, Hint.SEEN)
    tracker.observe(B, fp(1), 1.0, Hint.SEEN)
    assert tracker.next_check() == SETTLE
    assert tracker.next_check(skip={A}) == 1.0 + SETTLE


def test_check_readable_names_the_problem(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.touch()
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 100)
    link = tmp_path / "link.csv"
    link.symlink_to(big)
    cases = {
        tmp_path / "absent.csv": "no such file",
        tmp_path: "is a directory",
        empty: "is empty",
        link: "symbolic link",
    }
    for path, reason in cases.items():
        with pytest.raises(IntakeError, match=reason):
            check_readable(path, follow_symlinks=False, max_bytes=10**6)
    with pytest.raises(IntakeError, match="over the limit"):
        check_readable(big, follow_symlinks=False, max_bytes=50)
    assert check_readable(link, follow_symlinks=True, max_bytes=10**6).st_size == 100


def test_fingerprint_only_for_regular_files(tmp_path: Path) -> None:
    regular = tmp_path / "r"
    regular.write_text("abc")
    (tmp_path / "l").symlink_to(regular)
    assert fingerprint(regular) is not None and fingerprint(regular).size == 3  # type: ignore[union-attr]
    assert fingerprint(tmp_path / "l") is None
    assert fingerprint(tmp_path) is None


def test_sha256_file_matches_hashlib(tmp_path: Path) -> None:
    import hashlib

    data = b"invite" * 500_000
    path = tmp_path / "f"
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()


def test_free_name_never_overwrites(tmp_path: Path) -> None:

    assert free_name(tmp_path, "Invitations.csv") == tmp_path / "Invitations.csv"
    (tmp_path / "Invitations.csv").touch()
    (tmp_path / "Invitations (1).csv").touch()
    assert free_name(tmp_path, "Invitations.csv") == tmp_path / "Invitations (2).csv"


def test_tracker_scan_may_offer_a_released_file_again() -> None:
    """A file whose import is to be retried (the database was locked) comes back by a scan."""
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(1), 0.0, Hint.MOVED)
    assert settle_until(tracker, A, fp(1), at=SETTLE)
    tracker.observe(A, fp(1), 0.0, Hint.SEEN)
    assert settle_until(tracker, A, fp(1), at=SETTLE + 0.1)
