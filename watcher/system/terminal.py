"""A terminal to open ``invite-watcher review`` in, from the summary notice's "Review" button.

The command is ``[notifications] terminal`` when set (its words, then the review command), else
Debian's ``x-terminal-emulator -e`` when it is on PATH; with neither, there is no terminal and
the button is not offered.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys

#: Debian's alternatives name for the desktop's terminal emulator
DEBIAN_TERMINAL = "x-terminal-emulator"
#: the review screen, run by the Python running the daemon (on PATH or not)
REVIEW = (sys.executable, "-m", "watcher", "review")


def terminal_command(configured: str) -> list[str] | None:
    """The words that open a terminal running what follows them; None when there is none."""
    if configured.strip():
        return shlex.split(configured)
    if shutil.which(DEBIAN_TERMINAL):
        return [DEBIAN_TERMINAL, "-e"]
    return None


def open_review(configured: str) -> str | None:
    """Start the review screen in a terminal, detached; why it could not, or None."""
    words = terminal_command(configured)
    if words is None:
        return 'no terminal found: set [notifications] terminal, e.g. "xterm -e"'
    try:
        # Its own session: the terminal outlives a daemon restart, and a signal to the
        # service's process group does not close the user's review.
        subprocess.Popen(
            [*words, *REVIEW],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError as error:
        return f"could not start {words[0]}: {error.strerror or error}"
    return None
