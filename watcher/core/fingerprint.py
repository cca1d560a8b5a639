"""The fingerprint of an invitation's note: equal for a template sent by many inviters.

Text folding only, so the store can key invitations by it without reaching up into the rules;
the rules (``watcher.judge.notes``) read notes with the same stock-text test. The stock patterns
are passed in: the core holds no configuration.
"""

from __future__ import annotations

from collections.abc import Iterable

from watcher.core.phrases import normalise, remove_all, word_set

#: words that carry no meaning of their own in a short note: greetings, sign-offs, titles
FILLER = word_set(
    "hi hello hey dear hallo bonjour hola ciao ola hoi salut thanks thank you regards "
    "best cheers kind warm greetings br sincerely and mr mrs ms dr there all a the"
)

_SIGN_OFF = word_set("best regards cheers thanks thank sincerely greetings br warmly kind")


def content_words(text: str, names: Iterable[str]) -> list[str]:
    """The words of normalised ``text`` that say something: not filler, not these names."""
    ignored = FILLER | {word for name in names for word in normalise(name).split()}
    return [word for word in text.split() if word not in ignored]


def is_stock(text: str, stock: Iterable[str], names: Iterable[str] = ()) -> bool:
    """Whether normalised ``text`` is stock text: a pattern matches and little else is left."""
    rest, had_stock = remove_all(stock, text)
    return had_stock and len(content_words(rest, names)) <= 3


def note_fingerprint(note: str, stock: Iterable[str]) -> str:
    """The note's normalised words, minus a trailing sign-off: equal for a template sent by many.

    Empty for no note, stock text (``stock``: the shipped patterns) and notes too short to be a
    template (fewer than four words).
    """
    words = normalise(note).split()
    tail = [i for i, word in enumerate(words) if word in _SIGN_OFF and i >= len(words) - 5]
    if tail and tail[0] >= 4:
        words = words[: tail[0]]
    text = " ".join(words)
    if len(words) < 4 or is_stock(normalise(text), stock):
        return ""
    return text
