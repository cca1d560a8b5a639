"""Which files in a drop folder to ignore, and when one is complete. Pure: takes a clock.

The tracker is told what the filesystem looked like, what the events said and what time it is,
and answers which files are ready. The events are hints, never proof (a writer may close a file
and come back to it): a file is ready once its writer has said it is done — closed it after
writing, or renamed it into place — and the file has then stayed unchanged (size, mtime,
inode) for its quiet period, and no process still has it open for writing (the caller looks,
for the candidates only: ``due``, then ``confirm``).

The quiet period weighs the evidence. A rename is the writer's own "done" (browsers and sync
clients write elsewhere and rename in one step, so the name never shows a partial file): ready
at once, once no process has it open for writing; a file found by a scan waits ``settle``; a
close under the final name is
only "done for now" (a slow download, ``curl -o`` resumed, a script appending chunks), so it
waits longer; a writer that came back after a close has shown how long it pauses, and the file
waits twice that from then on.
"""

from __future__ import annotations

import enum
import fnmatch
import os
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
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


class Hint(enum.Enum):
    """What an event (or a look) says about the writer of a file."""

    #: created or written to: a writer is at it; wait for it to close the file
    WRITTEN = "written"
    #: closed after writing: the writer is done, or only pausing
    CLOSED = "closed"
    #: renamed or moved into the folder: the writer's own "done"
    MOVED = "moved"
    #: found by a scan or a polling observer, which cannot see a close: time alone tells
    SEEN = "seen"
    #: only its attributes changed (``wget`` and ``curl -R`` set the mtime after the close):
    #: re-timed, the writer's last word stands; never stored as a file's hint
    TOUCHED = "touched"


#: A close under the final name waits this many ``settle`` periods: it is weaker evidence than
#: a rename, and a writer that appends chunk by chunk pauses between them.
CLOSED_FACTOR = 3.0
#: A file written to and never closed waits this many: only a lost close event (the kernel's
#: queue overflowed, a writer on another machine) leaves one so; the writer check still holds.
UNCLOSED_FACTOR = 10.0
#: A writer came back after a pause: the file waits this many times the longest pause seen...
PAUSE_FACTOR = 2.0
#: ...but never longer than this (seconds): a version that gets through before its writer is
#: done is imported again, complete, as a new version.
MAX_LEARNED_QUIET = 120.0
#: How long (seconds) a released file is remembered, so that a writer coming back to it after
#: it was imported teaches the tracker its pause.
RELEASED_MEMORY = 300.0

_FACTORS = {
    Hint.MOVED: 0.0,
    Hint.SEEN: 1.0,
    Hint.CLOSED: CLOSED_FACTOR,
    Hint.WRITTEN: UNCLOSED_FACTOR,
}


@dataclass(frozen=True)
class TrackedFile:
    path: Path
    fingerprint: Fingerprint
    #: monotonic seconds when the file last changed, or its writer last closed or moved it
    changed_at: float
    #: the latest word on the writer
    hint: Hint
    #: when the writer last closed the file (None: not since we track it)
    closed_at: float | None = None
    #: the longest the writer took to come back after closing the file (seconds)
    pause: float = 0.0


@dataclass(frozen=True)
class _Released:
    fingerprint: Fingerprint
    changed_at: float
    pause: float


class CompletenessTracker:
    """Decides when a file in a watched folder is complete. Pure: the caller supplies ``now``."""

    def __init__(self, settle: float):
        self.settle = settle
        self._files: dict[Path, TrackedFile] = {}
        self._released: dict[Path, _Released] = {}

    def __contains__(self, path: Path) -> bool:
        return path in self._files

    def tracked(self, path: Path) -> TrackedFile | None:
        return self._files.get(path)

    def observe(self, path: Path, fingerprint: Fingerprint | None, now: float, hint: Hint) -> None:
        """Record an event for ``path``; ``fingerprint`` None means it vanished or is not a file."""
        if fingerprint is None:
            self._files.pop(path, None)
            return
        tracked = self._files.get(path)
        if tracked is None:
            released = self._released.get(path)
            if released and released.fingerprint == fingerprint and hint is not Hint.SEEN:
                return  # a late event for what was released: nothing new (a scan may retry it)
            known = Hint.SEEN if hint is Hint.TOUCHED else hint
            self._files[path] = self._came_back(path, now, _fresh(path, fingerprint, now, known))
        elif hint is Hint.TOUCHED:
            if tracked.fingerprint != fingerprint:
                self._files[path] = replace(tracked, fingerprint=fingerprint, changed_at=now)
        elif tracked.fingerprint != fingerprint:
            self._files[path] = _changed(tracked, fingerprint, now, hint)
        elif hint in (Hint.CLOSED, Hint.MOVED):
            # The writer is done with what we already saw: the quiet period starts now.
            closed_at = now if hint is Hint.CLOSED else tracked.closed_at
            self._files[path] = replace(tracked, changed_at=now, hint=hint, closed_at=closed_at)

    def _came_back(self, path: Path, now: float, fresh: TrackedFile) -> TrackedFile:
        """``fresh``, and if the same file (its inode: not a new file saved under the name) was
        released a moment ago, its writer had only paused: that pause is what it waits for."""
        released = self._released.pop(path, None)
        if released is None or now - released.changed_at > RELEASED_MEMORY:
            return fresh
        if released.fingerprint.inode != fresh.fingerprint.inode:
            return fresh
        return replace(fresh, pause=max(released.pause, now - released.changed_at))

    def quiet(self, tracked: TrackedFile) -> float:
        """How long ``tracked`` must stay unchanged after its last change, close or move."""
        base = _FACTORS[tracked.hint] * self.settle
        if tracked.hint is Hint.MOVED:  # a new file put in place: what the old one taught is moot
            return base
        return max(base, min(PAUSE_FACTOR * tracked.pause, MAX_LEARNED_QUIET))

    def due(self, now: float, current: Mapping[Path, Fingerprint | None]) -> list[Path]:
        """Files whose quiet period is over, given their fingerprints as read at ``now``: the
        candidates whose writers the caller should look for, then ``confirm``.

        A file that changed since its last event is re-timed (its event is on its way); a file
        that vanished is forgotten.
        """
        candidates = []
        for path, tracked in list(self._files.items()):
            seen = current.get(path)
            if seen is None:
                del self._files[path]
            elif seen != tracked.fingerprint:
                hint = Hint.SEEN if tracked.hint is Hint.SEEN else Hint.WRITTEN
                self._files[path] = _changed(tracked, seen, now, hint)
            elif now - tracked.changed_at >= self.quiet(tracked):
                candidates.append(path)
        return candidates

    def confirm(
        self, path: Path, fingerprint: Fingerprint | None, now: float, *, open_for_writing: bool
    ) -> bool:
        """True (and the file is released) if ``path`` is still a candidate, unchanged, and no
        process has it open for writing. A file still open waits for its writer's close."""
        tracked = self._files.get(path)
        if tracked is None or fingerprint != tracked.fingerprint:
            return False
        if now - tracked.changed_at < self.quiet(tracked):
            return False  # an event came while the caller looked: it re-timed the file
        if open_for_writing:
            self._files[path] = replace(tracked, changed_at=now, hint=Hint.WRITTEN)
            return False
        del self._files[path]
        self._released[path] = _Released(tracked.fingerprint, tracked.changed_at, tracked.pause)
        self._forget_released(now)
        return True

    def next_check(self, skip: Collection[Path] = ()) -> float | None:
        """The monotonic time at which the next tracked file (not in ``skip``) may be due."""
        due = [t.changed_at + self.quiet(t) for p, t in self._files.items() if p not in skip]
        return min(due, default=None)

    def paths(self) -> list[Path]:
        return list(self._files)

    def _forget_released(self, now: float) -> None:
        stale = [p for p, r in self._released.items() if now - r.changed_at > RELEASED_MEMORY]
        for path in stale:
            del self._released[path]


def _fresh(path: Path, fingerprint: Fingerprint, now: float, hint: Hint) -> TrackedFile:
    return TrackedFile(path, fingerprint, now, hint, closed_at=now if hint is Hint.CLOSED else None)


def _changed(tracked: TrackedFile, fingerprint: Fingerprint, now: float, hint: Hint) -> TrackedFile:
    """``tracked`` looks different now: re-timed, and if its writer had closed it and came back,
    that pause is learned."""
    pause = tracked.pause
    if tracked.closed_at is not None and hint is not Hint.MOVED:
        pause = max(pause, now - tracked.closed_at)
    closed_at = now if hint is Hint.CLOSED else None
    return TrackedFile(tracked.path, fingerprint, now, hint, closed_at=closed_at, pause=pause)
