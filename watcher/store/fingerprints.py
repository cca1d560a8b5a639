"""The stored fingerprint of a note, one definition for staging and for updates."""

from __future__ import annotations

import functools

from watcher.config.rules import DEFAULT_PHRASES
from watcher.core.fingerprint import note_fingerprint as _fingerprint

#: LinkedIn's stock text as shipped, not the user's phrases: a stored fingerprint must not
#: change with the configuration.
_STOCK = tuple(DEFAULT_PHRASES["stock"])


@functools.lru_cache(maxsize=4096)
def note_fingerprint(note: str) -> str:
    """The stored fingerprint of a note. Cached: the same few notes (none, LinkedIn's stock
    text, a template) come back thousands of times."""
    return _fingerprint(note, _STOCK)
