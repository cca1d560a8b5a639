"""The invitation's note as the rules read it: missing, a greeting only, stock text, or personal.

Also the fingerprint the store uses to count identical template notes across inviters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from watcher.config.rules import DEFAULT_PHRASES
from watcher.core.phrases import normalise, remove_all, stems, word_set

#: words that carry no meaning of their own in a short note: greetings, sign-offs, titles
_FILLER = word_set(
    "hi hello hey dear hallo bonjour hola ciao ola hoi salut thanks thank you regards "
    "best cheers kind warm greetings br sincerely and mr mrs ms dr there all a the"
)
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
    stems: tuple[str, ...]
    raw: str

    @property
    def personal(self) -> bool:
        return self.kind == "personal"


def _content_words(text: str, names: Iterable[str]) -> list[str]:
    ignored = _FILLER | {word for name in names for word in normalise(name).split()}
    return [word for word in text.split() if word not in ignored]


def read_note(message: str, names: Iterable[str], stock: Iterable[str]) -> Note:
    """Classify a note; ``names`` (the inviter's and the user's) do not count as content."""
    text = normalise(message)
    names = tuple(names)
    kind = "personal"
    if not text:
        kind = "missing"
    else:
        rest, had_stock = remove_all(stock, text)
        if had_stock and len(_content_words(rest, names)) <= 3:
            kind = "stock"
        elif len(_content_words(text, names)) < 3:
            kind = "greeting"
    return Note(kind, text, tuple(text.split()), stems(message), message)


_SIGN_OFF = word_set("best regards cheers thanks thank sincerely greetings br warmly kind")


def note_fingerprint(note: str) -> str:
    """The note's normalised words, minus a trailing sign-off: equal for a template sent by many.

    Empty for no note, LinkedIn's stock text (the shipped patterns) and notes too short to be a
    template (fewer than four words).
    """
    words = normalise(note).split()
    tail = [i for i, word in enumerate(words) if word in _SIGN_OFF and i >= len(words) - 5]
    if tail and tail[0] >= 4:
        words = words[: tail[0]]
    text = " ".join(words)
    if len(words) < 4 or read_note(text, (), DEFAULT_PHRASES["stock"]).kind == "stock":
        return ""
    return text
