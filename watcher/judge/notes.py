"""The invitation's note as the rules read it: missing, a greeting only, stock text, or personal.

Also the fingerprint of a template note with the shipped stock patterns; the folding itself is
``watcher.core.fingerprint``, which the store uses without the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from watcher.config.rules import DEFAULT_PHRASES
from watcher.core import fingerprint
from watcher.core.fingerprint import content_words, is_stock
from watcher.core.phrases import normalise

LINK = re.compile(
    r"https?://|www\.|\b[\w-]+\.(?:com|io|co|ly|me|net|org|ai|app|link|xyz|biz|info|gl)/",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Note:
    """The invitation's note as the rules read it."""

    kind: str  # "missing" | "greeting" (a salutation only) | "stock" | "personal"
    text: str  # normalised
    words: tuple[str, ...]
    raw: str

    @property
    def personal(self) -> bool:
        return self.kind == "personal"


def read_note(message: str, names: Iterable[str], stock: Iterable[str]) -> Note:
    """Classify a note; ``names`` (the inviter's and the user's) do not count as content."""
    text = normalise(message)
    names = tuple(names)
    kind = "personal"
    if not text:
        kind = "missing"
    elif is_stock(text, stock, names):
        kind = "stock"
    elif len(content_words(text, names)) < 3:
        kind = "greeting"
    return Note(kind, text, tuple(text.split()), message)


#: the shipped stock patterns, not the user's: a stored fingerprint must not change with the
#: configuration
_STOCK = tuple(DEFAULT_PHRASES["stock"])


def note_fingerprint(note: str) -> str:
    """``watcher.core.fingerprint.note_fingerprint`` with LinkedIn's stock text as shipped."""
    return fingerprint.note_fingerprint(note, _STOCK)
