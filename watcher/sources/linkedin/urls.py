"""Profile URLs and name keys as the readers meet them: most URLs are already in normal form.

``identity.normalise_url`` decodes, lower-cases and takes apart every URL it is given, which is
most of what reading Invitations.csv and Connections.csv costs per row, and its process-wide
cache cannot help there: each row names someone else. A URL already written as
``https://www.linkedin.com/in/<slug>`` with a slug of lower-case ASCII letters, digits, ``-``
and ``_`` is its own normal form (nothing to decode, lower-case, strip or cut), so it is
recognised by one anchored match and returned as it is; anything else goes the long way.

The message tally remembers the keys of one file itself and calls the ``uncached_`` twins: an
entry put in ``identity``'s process-wide caches while messages.csv is tallied outlives the
tally, and a few thousand of them, scattered among its freed objects, kept the interpreter from
giving back the tally's memory (at twice issue 12's size: 119 MB resident after the read
instead of 51; the rest of the import then grew on top of it).
"""

from __future__ import annotations

import re

from watcher.core.identity import (
    PROFILE_PREFIX,
    normalise_url,
    normalise_url_uncached,
)

_CANONICAL = re.compile(re.escape(PROFILE_PREFIX) + r"[a-z0-9_-]+")


def profile_url(text: str) -> str | None:
    """``identity.normalise_url(text)``, the same value, without the work for one already
    normalised."""
    if _CANONICAL.fullmatch(text):
        return text
    return normalise_url(text)


def uncached_profile_url(text: str) -> str | None:
    """``profile_url(text)`` without filling ``identity``'s process-wide cache."""
    if _CANONICAL.fullmatch(text):
        return text
    return normalise_url_uncached(text)
