"""Who is who across files: the normalised profile URL, and a name key when there is no URL.

Profile URLs come percent-encoded in Connections.csv, with raw Unicode in Invitations.csv,
without a scheme in Endorsements, sometimes with ``www.``, a trailing slash, a query string or
upper-case letters (reference/export-formats.md §4.4). They all become
``https://www.linkedin.com/in/<slug>``.

Both functions are pure and idempotent, and cached: messages.csv repeats the same few thousand
people a million times.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import unquote

from watcher.core.folding import APOSTROPHE, fold

PROFILE_PREFIX = "https://www.linkedin.com/in/"

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_HOST = re.compile(r"^(?:[a-z0-9-]+\.)*linkedin\.com(?::\d+)?(?=/|$)")
_PATH_END = re.compile(r"[/?#\s]")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_MAX_DECODE_ROUNDS = 8
#: Entries per cache: enough for the people messages.csv repeats, small enough that memory
#: does not grow with the archive (Connections.csv names each person once: nothing to reuse).
_CACHED = 1 << 13


def _percent_decoded(text: str) -> str:
    """Decode until nothing changes, so a result never decodes further (idempotence)."""
    for _ in range(_MAX_DECODE_ROUNDS):
        decoded = unquote(text)
        if decoded == text:
            return text
        text = decoded
    return text


@functools.lru_cache(maxsize=_CACHED)
def normalise_url(text: str) -> str | None:
    """``https://www.linkedin.com/in/<slug>`` for any form of a member's profile URL, else None.

    The slug is percent-decoded and lower-cased; scheme, ``www.`` (or a country subdomain), a
    trailing slash, anything after the slug, a query string and a fragment are dropped.
    ``urn:li:member:…`` values, company pages, other sites and empty text give None.
    """
    value = _percent_decoded(text.strip()).strip().lower()
    value = _SCHEME.sub("", value, count=1)
    host = _HOST.match(value)
    if host is None:
        return None
    path = value[host.end() :]
    if not path.startswith("/in/"):
        return None
    slug = _PATH_END.split(path[4:], maxsplit=1)[0]
    if not slug:
        return None
    return PROFILE_PREFIX + slug


def _keep(char: str) -> str:
    """Letters and digits stay; accents, emoji, symbols go; punctuation becomes a space."""
    category = unicodedata.category(char)
    if category[0] in "LN":
        return char
    if category == "Mn" or category[0] == "S" or category in ("Cf", "Co", "Cn", "Cs"):
        return ""
    return " "


def _ascii_table() -> dict[int, str | None]:
    """``_keep`` and lower case for every ASCII character at once, for ``str.translate``."""
    table: dict[int, str | None] = {}
    for code in range(128):
        char = chr(code)
        kept = _keep(char)
        table[code] = char.lower() if kept == char else (kept or None)
    return table


#: ASCII folds to itself in lower case, so one table keeps its letters and digits.
_ASCII_KEEP = _ascii_table()


def _key_of(text: str) -> str:
    """Folded text (``folding.fold``) without apostrophes, reduced to words of letters and
    digits."""
    text = fold(text).replace(APOSTROPHE, "")
    if text.isascii():
        return " ".join(text.translate(_ASCII_KEEP).split())
    return " ".join("".join(_keep(char) for char in text).split())


@functools.lru_cache(maxsize=_CACHED)
def name_key(name: str) -> str:
    """A person's name reduced to what stays the same across files: the key when there is no URL.

    Credentials after the first comma (``Smith, PhD``, ``Sam Rauf, ACCA, FMVA®``) and anything
    in parentheses or brackets are dropped; the rest is folded (``folding.fold``: styled
    letters, case, accents), emoji and symbols dropped; apostrophes vanish
    (``O'Brien`` = ``OBrien``), other punctuation separates words, case is folded and whitespace
    collapsed. A name of only symbols gives "".
    """
    key = _key_of(_PARENTHESES.sub(" ", name.split(",", 1)[0]))
    # dropping symbols and marks can bring together characters that fold again (Hangul jamo
    # around an emoji): repeat until stable so that name_key(name_key(x)) == name_key(x)
    for _ in range(3):
        again = _key_of(key)
        if again == key:
            break
        key = again
    return key


#: ``name_key`` and ``normalise_url`` without their process-wide caches, the same values: for
#: bulk work that asks each name once (reading an archive, staging it), where filling the
#: caches only pins memory among the reader's freed objects that could go back to the system.
name_key_uncached = name_key.__wrapped__
normalise_url_uncached = normalise_url.__wrapped__
