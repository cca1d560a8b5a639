"""The desktop's clipboard: Wayland's wl-copy, X11's xclip or xsel, through pyperclip.

One copy for ``invite-watcher draft --copy``, the review screen's ``c`` and the draft notice's
"Copy" button, so all three succeed, wait and fail alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pyperclip

#: how long a copy may take to show on the clipboard (see ``_read_back``)
CLIPBOARD_WAIT = 2.0

UNAVAILABLE = (
    "no clipboard to copy to: needs a desktop session (WAYLAND_DISPLAY or DISPLAY) "
    "and wl-copy, xclip or xsel"
)


class ClipboardUnavailable(Exception):
    """No clipboard could take the text (no display, or no wl-copy, xclip or xsel)."""


def copy(text: str) -> None:
    """Put the text on the clipboard, and check it is there: xclip says nothing when it cannot
    reach the display. ClipboardUnavailable (with the line to show) when it is not."""
    # Asked afresh each time: pyperclip's module-level copy() settles on a mechanism at its
    # first call, and the display may have come (or gone) since.
    put, get = pyperclip.determine_clipboard()
    try:
        put(text)
        held = _read_back(get, text)
    except (pyperclip.PyperclipException, OSError):
        held = None
    if held != text:
        raise ClipboardUnavailable(UNAVAILABLE)


def _read_back(get: Callable[[], str], text: str) -> str:
    """What the clipboard holds, once it holds ``text`` or after a moment.

    xclip returns before its background child has told the X server it owns the selection, so
    a read at once may still see the previous owner's text (or none).
    """
    deadline = time.monotonic() + CLIPBOARD_WAIT
    while (held := get()) != text and time.monotonic() < deadline:
        time.sleep(0.02)
    return held
