"""A private X display with a clipboard: Xvfb alone, for tests that copy and read back.

xclip serves what it copied from a background process, which goes when the display does.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import pytest

from tests.support.requires import require_binaries

STARTUP_DEADLINE = 10.0


@pytest.fixture
def x_display(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """``DISPLAY`` of a fresh Xvfb (and no Wayland), for this process and its children."""
    require_binaries("Xvfb", "xclip", hint="Debian packages xvfb xclip")
    # -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as reader:
            number = reader.readline().strip()  # "" when Xvfb died first
        if not number:
            raise AssertionError(f"Xvfb did not start (exit status {process.poll()})")
        monkeypatch.setenv("DISPLAY", f":{number}")
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        yield f":{number}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=STARTUP_DEADLINE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STARTUP_DEADLINE)


def clipboard(display: str, *, empty_ok: bool = False) -> str:
    """What the display's CLIPBOARD selection holds, read by xclip; with ``empty_ok`` "" while
    nobody owns it yet (xclip fails then)."""
    result = subprocess.run(
        ["xclip", "-selection", "clipboard", "-o"],
        env=os.environ | {"DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=10,
        check=not empty_ok,
    )
    return result.stdout if result.returncode == 0 else ""
