"""The drop folder's file I/O: a file's fingerprint, whether a process still writes it, whether
it can be read, its head and hash."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Collection
from pathlib import Path

from watcher.intake.tracker import Fingerprint

HASH_CHUNK = 1 << 20


def fingerprint(path: Path) -> Fingerprint | None:
    """The fingerprint of a regular file (not following symlinks), or None."""
    try:
        result = path.lstat()
    except OSError:
        return None
    return Fingerprint.of(result) if stat.S_ISREG(result.st_mode) else None


PROC = Path("/proc")


def open_for_writing(paths: Collection[Path], proc: Path = PROC) -> set[Path]:
    """Those of ``paths`` that some process has open for writing (what ``fuser`` would say).

    Linux only (elsewhere, and where ``/proc`` is not mounted, none are known): every
    ``/proc/PID/fd/N`` link names the file it is open on, ``/proc/PID/fdinfo/N`` the mode. One
    pass serves all the candidates, and it costs a ``readlink`` per open descriptor (a few
    milliseconds on a desktop), so it runs only for files about to be imported. A process of
    another user cannot be looked into; only the user's own writers (a browser, ``curl``, a sync
    client) are seen, which is why inotify's close events still count as well.
    """
    wanted = {os.path.realpath(path): path for path in paths}
    found: set[Path] = set()
    if not wanted:
        return found
    try:
        processes = [entry for entry in os.scandir(proc) if entry.name.isdigit()]
    except OSError:
        return found
    for process in processes:
        for descriptor, target in _descriptors(Path(process.path)):
            if target in wanted and _writes(Path(process.path), descriptor):
                found.add(wanted[target])
    return found


def _descriptors(process: Path) -> list[tuple[str, str]]:
    """(descriptor number, the path it is open on) of one process; none if it is gone or not
    ours to look into."""
    try:
        numbers = os.listdir(process / "fd")
    except OSError:
        return []
    opened = []
    for number in numbers:
        try:
            opened.append((number, os.readlink(process / "fd" / number)))
        except OSError:  # closed meanwhile
            continue
    return opened


def _writes(process: Path, descriptor: str) -> bool:
    """Whether the descriptor was opened for writing (``flags:`` in fdinfo is octal)."""
    try:
        info = (process / "fdinfo" / descriptor).read_text()
    except OSError:
        return False
    for line in info.splitlines():
        if line.startswith("flags:"):
            access = int(line.split()[1], 8) & os.O_ACCMODE
            return access in (os.O_WRONLY, os.O_RDWR)
    return False


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
