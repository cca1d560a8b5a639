"""The user's local time zone as a real zone (with its DST rules), not a fixed offset.

``datetime.now().astimezone().tzinfo`` is a fixed offset, which is wrong for a reminder due
after the next DST change; quiet hours need the zone itself. The standard library has no
"local zone" call, so: ``$TZ``, else the zone ``/etc/localtime`` links to, else the fixed offset.
"""

from __future__ import annotations

import os
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_zone() -> tzinfo:
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        target = Path("/etc/localtime").resolve(strict=True)
    except OSError:
        target = None
    if target is not None and "zoneinfo" in target.parts:
        key = "/".join(target.parts[target.parts.index("zoneinfo") + 1 :])
        try:
            return ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    fallback = datetime.now().astimezone().tzinfo
    assert fallback is not None
    return fallback
