"""Phrase matching for the rules: text normalisation, a small pattern language, word stems.

Notes are written by people, so the rules judge meaning classes ("admits not having met"), not
exact sentences. Both the note and every pattern go through :func:`normalise`: folded
(``folding.fold``: styled letters, case, accents, curly quotes and apostrophes unified),
English contractions expanded
("we’ve" -> "we have", "haven't" -> "have not", "dont" -> "do not"), punctuation turned into
spaces. A pattern is then a sequence of space-separated tokens:

* ``word`` — that word; ``a|b|c`` — any of them (each may be several words after expansion);
* ``stem*`` — any word starting with ``stem`` (``introduc*``);
* ``word?`` — an optional word (``in person?``);
* ``#`` — a number (a word starting with a digit: ``10k``, ``500``);
* ``...`` — a gap of up to three arbitrary words (``not ... crossed paths``).

Pure functions; compiled patterns are memoised by their text.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from watcher.core.folding import fold

if TYPE_CHECKING:
    import snowballstemmer  # type: ignore[import-untyped]  # no stubs or py.typed

#: up to this many arbitrary words stand between the tokens around ``...``
GAP_WORDS = 3

_SYMBOLS = str.maketrans(
    {"%": " percent ", "$": " dollars ", "€": " euros ", "£": " pounds ", "&": " and "}
)
_CONTRACTIONS = (
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"\blet's\b"), "let us"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"'s\b"), ""),  # possessive, or "it's": the word alone carries the meaning
)
#: contractions typed without their apostrophe, common in quick notes
_BARE_CONTRACTIONS = {
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "couldnt": "could not",
    "wouldnt": "would not",
    "shouldnt": "should not",
    "weve": "we have",
    "ive": "i have",
    "youve": "you have",
    "im": "i am",
    "youre": "you are",
    "theyre": "they are",
}
_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Lower-case words separated by single spaces: the form every pattern is matched against.

    Memoised: names, headlines and template notes recur across invitations.
    """
    text = fold(text).translate(_SYMBOLS)
    if "'" in text:  # every contraction has its apostrophe (``fold`` unified them)
        for pattern, replacement in _CONTRACTIONS:
            text = pattern.sub(replacement, text)
    words = _NON_WORD.sub(" ", text).split()
    return " ".join(_BARE_CONTRACTIONS.get(word, word) for word in words)


def word_set(text: str) -> frozenset[str]:
    """The space-separated words of a literal: compact sets of stop words."""
    return frozenset(text.split())


def words(text: str) -> list[str]:
    return normalise(text).split()


# --------------------------------------------------------------------------------------------
# The pattern language
# --------------------------------------------------------------------------------------------


def _alternative(text: str) -> str:
    if text == "#":
        return r"\d[^ ]*"
    stem = text.endswith("*")
    core = normalise(text.rstrip("*"))
    if not core:
        raise ValueError(f"{text!r} has no letters or digits")
    return re.escape(core) + (r"[^ ]*" if stem else "")


def _token(token: str) -> str:
    """One pattern token as a regex piece that starts with the space before its word."""
    if token == "...":
        return rf"(?: [^ ]+){{0,{GAP_WORDS}}}"
    optional = token.endswith("?") and len(token) > 1
    body = token[:-1] if optional else token
    alternatives = "|".join(_alternative(part) for part in body.split("|"))
    piece = f" (?:{alternatives})"
    return f"(?:{piece})?" if optional else piece


def pattern_regex(pattern: str) -> str:
    """The regex for one pattern, to search in ``" " + normalise(text) + " "``.

    Raises ValueError for a pattern that could match nothing in particular (only gaps or
    optional words) or holds an empty alternative.
    """
    tokens = pattern.split()
    if not any(t != "..." and not (t.endswith("?") and len(t) > 1) for t in tokens):
        raise ValueError(f"pattern {pattern!r} needs at least one required word")
    return "".join(_token(t) for t in tokens) + "(?= )"


def _leading(token: str) -> str:
    """An optional word or a gap before a pattern's first required word, with its space moved
    behind it: ``(?:(?:word) )?`` for `` (?:word)``."""
    if token == "...":
        return rf"(?:[^ ]+ ){{0,{GAP_WORDS}}}"
    return f"(?:(?:{'|'.join(_alternative(part) for part in token[:-1].split('|'))}) )?"


def _after_space(pattern: str) -> str:
    """``pattern_regex`` without the space every match starts with: the same texts, the same
    spans once that space is put back in front."""
    pattern_regex(pattern)  # its checks
    tokens = pattern.split()
    lead = next(i for i, t in enumerate(tokens) if not _skippable(t))
    first = "|".join(_alternative(part) for part in tokens[lead].split("|"))
    rest = "".join(_token(t) for t in tokens[lead + 1 :])
    return "".join(_leading(t) for t in tokens[:lead]) + f"(?:{first}){rest}(?= )"


def _skippable(token: str) -> bool:
    """A gap or an optional word: what a match may do without."""
    return token == "..." or (token.endswith("?") and len(token) > 1)


@lru_cache(maxsize=256)
def compile_patterns(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex matching any of the patterns; None for an empty list.

    The space that starts every match is written once in front of them all: the regex engine
    then only tries the patterns at a space, not at every letter (a pattern that starts with
    an optional word or a gap, ``not ... met``, had made it try them everywhere).
    """
    if not patterns:
        return None
    return re.compile(" (?:" + "|".join(f"(?:{_after_space(p)})" for p in patterns) + ")")


def check_pattern(pattern: str) -> str | None:
    """Why this pattern cannot be used, or None when it compiles."""
    try:
        re.compile(pattern_regex(pattern))
    except (ValueError, re.error) as error:
        return str(error)
    return None


def find(patterns: Iterable[str], normalised: str) -> str | None:
    """The words of ``normalised`` text that the first matching pattern covers, or None."""
    return search(compile_patterns(tuple(patterns)), normalised)


def search(regex: re.Pattern[str] | None, normalised: str) -> str | None:
    """``find`` with the patterns already compiled (``compile_patterns``)."""
    if regex is None:
        return None
    match = regex.search(f" {normalised} ")
    return match.group(0).strip() if match else None


def search_all(regex: re.Pattern[str] | None, normalised: str) -> list[str]:
    """Every distinct passage the patterns match, left to right, without overlaps."""
    if regex is None:
        return []
    found = (m.group(0).strip() for m in regex.finditer(f" {normalised} "))
    return list(dict.fromkeys(passage for passage in found if passage))


def remove_all(patterns: Iterable[str], normalised: str) -> tuple[str, bool]:
    """The text with every match of the patterns cut out, and whether anything was cut."""
    regex = compile_patterns(tuple(patterns))
    if regex is None:
        return normalised, False
    rest, count = regex.subn(" ", f" {normalised} ")
    return " ".join(rest.split()), count > 0


# --------------------------------------------------------------------------------------------
# Word sequences and stems
# --------------------------------------------------------------------------------------------


def contains_sequence(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as consecutive words."""
    size = len(needle)
    if size == 0 or size > len(haystack):
        return False
    first = needle[0]
    return any(
        haystack[i] == first and haystack[i : i + size] == needle
        for i in range(len(haystack) - size + 1)
    )


#: Snowball's stemmers for the languages the phrase lists cover (``config.phrase_lists``)
STEM_LANGUAGES = ("english", "german", "french", "spanish", "portuguese", "italian", "dutch")
_stemmers = threading.local()  # a Snowball stemmer keeps its word in itself while it works


def _stemmer(language: str) -> snowballstemmer.Stemmer:
    # Imported at the first stem: the settings import this module, and an idle daemon that
    # judges nothing need not hold the seven stemmers (about a megabyte).
    import snowballstemmer  # noqa: PLC0415

    found: dict[str, snowballstemmer.Stemmer] = _stemmers.__dict__.setdefault("by_language", {})
    if language not in found:
        found[language] = snowballstemmer.stemmer(language)
    return found[language]


@lru_cache(maxsize=1 << 16)
def stem(word: str, language: str = "english") -> str:
    """A word's stem in one language (Snowball), so marketing ~ marketer ~ marketers and
    Datenplattform ~ Datenplattformen are equal. Memoised: words recur across invitations, and
    the pure-Python stemmers take tens of microseconds a word."""
    if len(word) <= 3 or not word.isalpha():
        return word  # too short for a suffix, or a number or code ("10k", "2026"): as it is
    return str(_stemmer(language).stemWord(word))


def stems(text: str, language: str = "english") -> tuple[str, ...]:
    """The stems of a text's normalised words in one language."""
    return tuple(stem(word, language) for word in words(text))


@lru_cache(maxsize=1 << 16)
def word_stems(word: str) -> tuple[str, ...]:
    """One word's stem in each of ``STEM_LANGUAGES``, in that order."""
    return tuple(stem(word, language) for language in STEM_LANGUAGES)


def stems_by_language(normalised_words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The words stemmed in each of ``STEM_LANGUAGES``: one tuple of stems per language.

    A note or headline says nothing reliable about its language in a few words ("UX Lead
    Nutzerforschung"), so the matcher tries every language's stems instead of guessing one.
    """
    if not normalised_words:
        return tuple(() for _ in STEM_LANGUAGES)
    return tuple(zip(*(word_stems(word) for word in normalised_words), strict=True))
