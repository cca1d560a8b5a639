"""Which files a process still has open for writing: real processes, real /proc."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from watcher.intake.files import open_for_writing

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")


def test_open_for_writing_sees_this_process_writing(tmp_path: Path) -> None:
    written, read, idle = tmp_path / "written.csv", tmp_path / "read.csv", tmp_path / "idle.csv"
    for path in (written, read, idle):
        path.write_bytes(b"x")
    with written.open("ab"), read.open("rb"):
        assert open_for_writing([written, read, idle]) == {written}
    assert open_for_writing([written, read, idle]) == set()


def test_open_for_writing_sees_another_process_and_its_end(tmp_path: Path) -> None:
    target = tmp_path / "Invitations.csv"
    target.write_bytes(b"From,To\n")
    hold = "import sys; f = open(sys.argv[1], 'r+b'); print('open', flush=True); sys.stdin.read()"
    holder = subprocess.Popen(
        [sys.executable, "-c", hold, target], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == b"open\n"
        assert open_for_writing([target]) == {target}
    finally:
        holder.stdin.close()
        holder.wait(10)
        holder.stdout.close()
    assert open_for_writing([target]) == set()


def test_open_for_writing_follows_the_path_to_the_file(tmp_path: Path) -> None:
    """The link in /proc names the real path: a watched folder given through a symlink works."""
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "alias").symlink_to(real)
    target = tmp_path / "alias" / "export.zip"
    with target.open("wb"):
        assert open_for_writing([target]) == {target}


def test_open_for_writing_without_proc_knows_none(tmp_path: Path) -> None:
    target = tmp_path / "f"
    with target.open("wb"):
        assert open_for_writing([target], proc=tmp_path / "no-proc") == set()
        assert open_for_writing([]) == set()
