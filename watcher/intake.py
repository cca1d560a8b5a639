"""Drop-folder rules: what to ignore, when a file is complete, and its content hash.

The completeness tracker is pure: it is told what the filesystem looked like and what time it is,
and answers which files are ready. inotify's close-after-write and move events are hints that a
file is complete; the tracker still compares size and mtime before it lets a file through, and
without a hint it waits until the file has been unchanged for the settle time.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HASH_CHUNK = 1 << 20


def is_ignored(path: Path, patterns: Sequence[str]) -> bool:
    """True for partial downloads, OS clutter and anything else the user listed."""
    return any(fnmatch.fnmatchcase(path.name, pattern) for pattern in patterns)


@dataclass(frozen=True)
class Fingerprint:
    """What we know of a file without reading it."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, result: os.stat_result) -> Fingerprint:
        return cls(result.st_size, result.st_mtime_ns, result.st_ino)


@dataclass
class TrackedFile:
    path: Path
    fingerprint: Fingerprint
    changed_at: float  # monotonic seconds when the fingerprint last changed
    hinted: bool  # a close-after-write or move event said the writer is done


class CompletenessTracker:
    """Decides when a file in a watched folder is complete. Pure: the caller supplies ``now``."""

    def __init__(self, settle: float):
        self.settle = settle
        self._files: dict[Path, TrackedFile] = {}

    def __contains__(self, path: Path) -> bool:
        return path in self._files

    def observe(
        self, path: Path, fingerprint: Fingerprint | None, now: float, *, hint: bool
    ) -> None:
        """Record an event for ``path``; ``fingerprint`` None means it vanished or is not a file."""
        if fingerprint is None:
            self._files.pop(path, None)
            return
        tracked = self._files.get(path)
        if tracked is None or tracked.fingerprint != fingerprint:
            self._files[path] = TrackedFile(path, fingerprint, now, hint)
        elif hint:
            tracked.hinted = True

    def ready(self, now: float, current: dict[Path, Fingerprint | None]) -> list[Path]:
        """Files that are complete now, given their fingerprints as read at ``now``.

        A hinted file is complete as soon as it still looks the way it did at the hint; any
        other file once it has looked the same for the settle time. A file that changed since
        is re-timed; a file that vanished is forgotten.
        """
        done = []
        for path, tracked in list(self._files.items()):
            seen = current.get(path)
            if seen is None:
                del self._files[path]
            elif seen != tracked.fingerprint:
                self._files[path] = TrackedFile(path, seen, now, hinted=False)
            elif tracked.hinted or now - tracked.changed_at >= self.settle:
                done.append(path)
                del self._files[path]
        return done

    def next_check(self) -> float | None:
        """The monotonic time at which the next tracked file may be ready."""
        due = [
            t.changed_at if t.hinted else t.changed_at + self.settle for t in self._files.values()
        ]
        return min(due, default=None)

    def paths(self) -> list[Path]:
        return list(self._files)


def fingerprint(path: Path) -> Fingerprint | None:
    """The fingerprint of a regular file (not following symlinks), or None."""
    try:
        result = path.lstat()
    except OSError:
        return None
    return Fingerprint.of(result) if stat.S_ISREG(result.st_mode) else None


class IntakeError(Exception):
    """The path cannot be imported at all; str() is the reason."""


def check_readable(path: Path, *, follow_symlinks: bool, max_bytes: int) -> os.stat_result:
    """The file's stat, or IntakeError saying plainly why it cannot be read."""
    try:
        result = path.stat() if follow_symlinks else path.lstat()
    except FileNotFoundError:
        raise IntakeError("no such file") from None
    except OSError as error:
        raise IntakeError(f"cannot read it: {error.strerror}") from None
    if stat.S_ISLNK(result.st_mode):
        raise IntakeError("is a symbolic link; links in a watched folder are not followed")
    if stat.S_ISDIR(result.st_mode):
        raise IntakeError("is a directory; give the files in it, or the ZIP as downloaded")
    if not stat.S_ISREG(result.st_mode):
        raise IntakeError("is not a regular file")
    if result.st_size == 0:
        raise IntakeError("is empty")
    if result.st_size > max_bytes:
        raise IntakeError(f"is {result.st_size:,} bytes, over the limit of {max_bytes:,}")
    if not os.access(path, os.R_OK):
        raise IntakeError("cannot read it: permission denied")
    return result


def read_head(path: Path, size: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name (1).ext``, ``name (2).ext``… if taken: never overwrite."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 1
    while candidate.exists():
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate
