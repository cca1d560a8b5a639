"""Which files in a drop folder to ignore, and when one is complete. Pure: takes a clock.

The tracker is told what the filesystem looked like and what time it is, and answers which files
are ready. inotify's close-after-write and move events are hints that a file is complete; the
tracker still compares size and mtime before it lets a file through, and without a hint it waits
until the file has been unchanged for the settle time.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


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
