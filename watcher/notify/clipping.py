"""Text cut to fit one short paragraph of a notice or a table cell (``clip``).

Apart from ``texts`` so a caller that only needs this (``list``'s table) does not load every
notice's wording at its start.
"""

from __future__ import annotations

import re

# Control characters, Unicode line/paragraph separators and bidi overrides (which can make a
# name display as something else) all become plain spaces.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


def clip(text: str, limit: int) -> str:
    """One short paragraph: whitespace and control characters collapsed, at most ``limit``
    characters, cut at a word boundary with "…" when too long."""
    # Lone surrogates (from a badly decoded file) cannot travel over D-Bus as UTF-8.
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = _SPACES.sub(" ", _UNPRINTABLE.sub(" ", text)).strip()
    if len(text) <= limit:
        return text
    if limit <= 1:
        return "…"[:limit]
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    # Prefer a word boundary, unless that throws away more than half of the room.
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"
