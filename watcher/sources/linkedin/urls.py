"""Profile URLs as the readers meet them: most are already in the normalised form.

``identity.normalise_url`` decodes, lower-cases and takes apart every URL it is given, which is
most of what reading Invitations.csv and Connections.csv costs per row, and its process-wide
cache cannot help there: each row names someone else. A URL already written as
``https://www.linkedin.com/in/<slug>`` with a slug of lower-case ASCII letters, digits, ``-``
and ``_`` is its own normal form (nothing to decode, lower-case, strip or cut), so it is
recognised by one anchored match and returned as it is; anything else goes the long way.
"""

from __future__ import annotations

import re

from watcher.core.identity import PROFILE_PREFIX, normalise_url

_CANONICAL = re.compile(re.escape(PROFILE_PREFIX) + r"[a-z0-9_-]+")


def profile_url(text: str) -> str | None:
    """``identity.normalise_url(text)``, the same value, without the work for one already
    normalised."""
    if _CANONICAL.fullmatch(text):
        return text
    return normalise_url(text)
