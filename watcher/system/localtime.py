"""The user's local time zone as a real zone (with its DST rules), not a fixed offset.

``datetime.now().astimezone().tzinfo`` is a fixed offset, which is wrong for a reminder due
after the next DST change; quiet hours need the zone itself. tzlocal finds the zone the way the
system does: ``$TZ`` (a zone name, or a zoneinfo file), else ``/etc/localtime`` and the
distributions' own files (``/etc/timezone``, ``/etc/sysconfig/clock``…).
"""

from __future__ import annotations

import os
import warnings
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tzlocal
from loguru import logger

#: what tzlocal and zoneinfo raise for a zone they cannot find or read (KeyError's subclass
#: ZoneInfoNotFoundError, ValueError for a bad key or file, OSError for an unreadable file)
_NO_ZONE = (ZoneInfoNotFoundError, ValueError, OSError)


def local_zone() -> tzinfo:
    """The local zone. A ``$TZ`` that names no zone (``Mars/Olympus``, a POSIX rule string)
    is set aside with a warning for the system's zone; never raises."""
    # tzlocal reports doubts (the system's offset disagrees with the zone found, no
    # configuration at all) as Python warnings, which would print as multi-line text outside
    # the log: they become log lines instead.
    with warnings.catch_warnings(record=True) as doubts:
        warnings.simplefilter("always")
        zone = _find_zone()
    for doubt in doubts:
        logger.warning("local time zone: {}", doubt.message)
    return zone


def _find_zone() -> tzinfo:
    try:
        # reload: $TZ as it is now, not as it was at tzlocal's first call (it caches).
        return tzlocal.reload_localzone()
    except _NO_ZONE as error:
        problem = _why(error)
    if _tz():
        logger.warning("TZ={!r} is not a time zone ({}); using the system's", _tz(), problem)
        try:
            # tzlocal's name lookup skips a $TZ that names no zone: the system's configuration.
            name = tzlocal.get_localzone_name()
            if name:
                return ZoneInfo(name)
        except _NO_ZONE as error:
            problem = _why(error)
    logger.warning("cannot tell the system's time zone ({}); using the current UTC offset", problem)
    fallback = datetime.now().astimezone().tzinfo
    assert fallback is not None
    return fallback


def _tz() -> str:
    return os.environ.get("TZ", "")


def _why(error: Exception) -> str:
    """The first line of the reason (KeyError's str() would quote it, newlines and all)."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    text = str(error.args[0]).strip() if error.args else ""
    return text.splitlines()[0].rstrip(". ") if text else type(error).__name__
