"""Text folding: the one way text is made comparable, for names, phrases, matching and drafts.

:func:`fold` turns ``𝐉𝐨𝐡𝐧 𝐒𝐦𝐢𝐭𝐡`` (the styled letters LinkedIn names are often written in),
``Ｊｏｈｎ ＳＭＩＴＨ`` and ``Jöhn Smith`` into ``john smith``, and ``we’ve`` into ``we've``:

1. apostrophes and quotes unified (``’ ‘ ʼ ´ ` ′`` -> ``'``; ``“ ” „`` -> ``"``), before NFKC,
   which would turn ``´`` into a space and a combining accent;
2. NFKC: styled, full-width and other compatibility letters become plain ones, *before* case
   folding, which leaves ``𝐉`` alone (folding first was why styled names scored 0);
3. case folded (``ß`` -> ``ss``);
4. accents dropped: NFKD, then every combining mark removed (also Arabic and Hebrew vowel
   points, so a vowelled name meets its plain spelling), and the Latin letters with no
   decomposition that people type plain (``ø ł đ æ œ ı ħ ŀ``) mapped; the Arabic tatweel,
   which only stretches a word, goes too.

Repeated until nothing changes, so ``fold(fold(x)) == fold(x)``: case folding and the
decompositions can each produce characters the other changes again (``ᾳ``, ``ǰ``).

Folding is for comparing only: whatever is shown (a name in a notice, a draft's greeting) keeps
the text as written. Pure; callers that fold the same text often cache their own results.
"""

from __future__ import annotations

import unicodedata

APOSTROPHE = "'"
_QUOTES = str.maketrans(
    {
        "’": APOSTROPHE,
        "‘": APOSTROPHE,
        "‛": APOSTROPHE,
        "ʼ": APOSTROPHE,
        "`": APOSTROPHE,
        "´": APOSTROPHE,
        "′": APOSTROPHE,
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
    }
)
#: Latin letters with no decomposition that are commonly typed without their stroke or dot;
#: the tatweel (U+0640) only stretches an Arabic word.
_PLAIN_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ħ": "h",
        "ŀ": "l",
        "æ": "ae",
        "œ": "oe",
        "\u0640": None,
    }
)
#: ASCII is its own NFKC and NFKD form, and casefold is lower there.
_ASCII_QUOTES = str.maketrans({"`": APOSTROPHE})
_ROUNDS = 4


def unify_quotes(text: str) -> str:
    """Curly and look-alike apostrophes become ``'``, curly double quotes ``"``."""
    return text.translate(_QUOTES)


def plain(text: str) -> str:
    """Styled and full-width letters as plain ones (NFKC), quotes unified, case kept: for tests
    that read the case (``ACCA`` is a credential, ``Acca`` a name)."""
    if text.isascii():
        return text.translate(_ASCII_QUOTES)
    return unicodedata.normalize("NFKC", text.translate(_QUOTES)).translate(_QUOTES)


def _fold_once(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", plain(text).casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.translate(_PLAIN_LETTERS)


def fold(text: str) -> str:
    """The text as it is compared: plain letters, case folded, no accents, one apostrophe.

    Spacing and punctuation other than quotes are left for the caller to split on.
    """
    if text.isascii():
        return text.translate(_ASCII_QUOTES).lower()
    for _ in range(_ROUNDS):
        again = _fold_once(text)
        if again == text:
            break
        text = again
    return text
