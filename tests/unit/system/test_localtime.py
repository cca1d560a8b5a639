"""watcher.system.localtime: the local zone through tzlocal, $TZ first, never raising."""

from __future__ import annotations

import time
import warnings
import zoneinfo
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import tzlocal
from loguru import logger

from watcher.system.localtime import local_zone

SetTz = Callable[..., None]


@pytest.fixture
def set_tz(monkeypatch: pytest.MonkeyPatch) -> Iterator[SetTz]:
    """``set_tz("Europe/Paris")`` (None: unset) for this process; ``libc=False`` leaves the C
    library on the old zone, as if $TZ changed after it read it."""

    def set_to(value: str | None, *, libc: bool = True) -> None:
        if value is None:
            monkeypatch.delenv("TZ", raising=False)
        else:
            monkeypatch.setenv("TZ", value)
        if libc:
            time.tzset()

    yield set_to
    monkeypatch.undo()
    time.tzset()
    local_zone()  # refresh tzlocal's cache, which other libraries (APScheduler) read


@pytest.fixture
def warnings_logged() -> Iterator[list[str]]:
    lines: list[str] = []
    sink = logger.add(lines.append, level="WARNING", format="{message}")
    yield lines
    logger.remove(sink)


def test_local_zone_is_the_zone_named_in_tz(set_tz: SetTz) -> None:
    set_tz("Europe/Paris")

    zone = local_zone()

    assert isinstance(zone, ZoneInfo) and zone.key == "Europe/Paris"
    # A real zone, with its DST rules: not today's fixed offset.
    assert datetime(2026, 1, 15, 12, tzinfo=zone).utcoffset() == timedelta(hours=1)
    assert datetime(2026, 7, 15, 12, tzinfo=zone).utcoffset() == timedelta(hours=2)


def test_local_zone_reads_a_zone_file_named_in_tz(set_tz: SetTz) -> None:
    files = [Path(root) / "Europe" / "Paris" for root in zoneinfo.TZPATH]
    found = next((path for path in files if path.is_file()), None)
    if found is None:
        pytest.skip("no system zoneinfo files (Python's tzdata package only)")
    set_tz(f":{found}")  # glibc's spelling of "read this file"

    zone = local_zone()

    assert isinstance(zone, ZoneInfo) and zone.key == "Europe/Paris"


@pytest.mark.parametrize(
    "bad",
    [
        "Mars/Olympus",
        "CET-1CEST,M3.5.0,M10.5.0/3",  # a POSIX rule, which glibc reads but zoneinfo does not
        "../../etc/passwd",
        "/etc/passwd",  # a file, but not a zone
        "/",  # a directory
        ":",
    ],
)
def test_local_zone_invalid_tz_falls_back_to_the_system_zone(
    set_tz: SetTz, warnings_logged: list[str], bad: str
) -> None:
    set_tz(None)
    system = local_zone()
    set_tz(bad)

    zone = local_zone()

    assert repr(zone) == repr(system)
    assert any(f"TZ={bad!r} is not a time zone" in line for line in warnings_logged)


def test_local_zone_doubts_are_log_lines_not_python_warnings(
    monkeypatch: pytest.MonkeyPatch, warnings_logged: list[str]
) -> None:
    # tzlocal warns (a Python warning, which this suite turns into an error) when the zone it
    # read from /etc disagrees with the system's offset, or when there is no configuration.
    def doubtful() -> ZoneInfo:
        warnings.warn("Timezone offset does not match system offset", stacklevel=1)
        return ZoneInfo("Europe/Paris")

    monkeypatch.setattr(tzlocal, "reload_localzone", doubtful)

    zone = local_zone()

    assert zone == ZoneInfo("Europe/Paris")
    assert warnings_logged == ["local time zone: Timezone offset does not match system offset\n"]
