from pathlib import Path

import pytest

from watcher.intake.files import IntakeError, check_readable, fingerprint, free_name, sha256_file
from watcher.intake.tracker import CompletenessTracker, Fingerprint, is_ignored

A = Path("/drop/a.zip")
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


def test_tracker_hinted_file_is_ready_once_unchanged() -> None:
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(10), now=0.0, hint=True)
    assert tracker.next_check() == 0.0
    assert tracker.ready(0.01, {A: fp(10)}) == [A]
    assert A not in tracker


def test_tracker_hint_does_not_beat_a_change() -> None:
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(10), now=0.0, hint=True)
    assert tracker.ready(0.01, {A: fp(20)}) == []  # still being written: re-timed, hint dropped
    assert tracker.ready(1.0, {A: fp(20)}) == []
    assert tracker.ready(2.02, {A: fp(20)}) == [A]


def test_tracker_slow_writer_waits_for_settle() -> None:
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(1), now=0.0, hint=False)
    tracker.observe(A, fp(2), now=1.5, hint=False)
    assert tracker.next_check() == pytest.approx(3.5)
    assert tracker.ready(3.0, {A: fp(2)}) == []
    assert tracker.ready(3.5, {A: fp(2)}) == [A]


def test_tracker_forgets_vanished_files() -> None:
    tracker = CompletenessTracker(SETTLE)
    tracker.observe(A, fp(1), now=0.0, hint=False)
    assert tracker.ready(5.0, {A: None}) == []
    assert A not in tracker
    tracker.observe(A, fp(1), now=0.0, hint=False)
    tracker.observe(A, None, now=0.1, hint=False)
    assert tracker.next_check() is None


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
