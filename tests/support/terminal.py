"""Run the real command line on a pseudo-terminal of a given size (what a person sees)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import termios
import time
from collections.abc import Mapping


def on_terminal(
    *args: str, rows: int, columns: int = 120, env: Mapping[str, str] | None = None
) -> tuple[int, str]:
    """``python -m watcher ARGS`` with stdin, stdout and stderr on a fresh pseudo-terminal of
    ``rows`` x ``columns``; its exit status and everything it showed (newlines as ``\\n``)."""
    leader, follower = pty.openpty()
    termios.tcsetwinsize(follower, (rows, columns))
    environ = dict(os.environ if env is None else env)
    for sized in ("LINES", "COLUMNS"):  # the terminal's own size, not an inherited override
        environ.pop(sized, None)
    child = subprocess.Popen(
        [sys.executable, "-m", "watcher", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=environ,
    )
    os.close(follower)
    shown = bytearray()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return child.wait(timeout=120), shown.decode(errors="replace").replace("\r\n", "\n")
