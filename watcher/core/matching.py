"""Tolerant person matching: is this inviter someone the user's history already knows?

Names of one person vary across files: accents (``Réka``/``Reka``), middle names, the order
(``Lopez, Maria``), credentials (``Jo Smith, PhD``), double spaces, nicknames (``Bill`` for
``William``). A profile URL or an e-mail address is proof; a name is a strong hint, scored.

Two people who share only a first name or only a surname never match: a name match needs the given
names AND the family names to agree.

:class:`NameIndex` avoids comparing every invitation with every known person by *blocking*: each
person is filed under a few keys made of (given name or its nickname group or its initial, one
family token), and a query only scores the people filed under its own keys. A real match shares at
least one key, so blocking loses nothing the scorer would accept.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import IntEnum
from typing import Generic, TypeVar

from rapidfuzz.distance import Indel

from watcher.core.folding import APOSTROPHE, fold, plain
from watcher.core.nicknames import may_be_one_name, nickname_groups
from watcher.models import Acquaintance

T = TypeVar("T")

#: A name score at or above this counts as a match (URL and e-mail hits score 100).
DEFAULT_MIN_SCORE = 80.0
#: The best a name alone can score: a name is never as sure as a URL or an e-mail address.
NAME_SCORE_CAP = 95.0


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Credentials and suffixes that follow a comma ("Sam Rauf, ACCA, FMVA®").
_CREDENTIALS = _word_set(
    """phd md mba msc bsc ma ba ms bs mph msph jd llm dds dvm rn np pa cpa cfa acca fmva pmp
    csm cissp frsa ceng fics aca fca cima mcips pe esq jr sr ii iii iv v dba edd mfa mres
    cpcc shrm scp cphr chrp leed ap pcc acc"""
)
# Suffixes safe to drop even without a comma; "ma", "ms", "ba" are also surnames ("Yo-Yo Ma").
_TRAILING_SUFFIXES = _word_set("phd mba md jr sr ii iii iv esq cpa cfa pmp")
_HONORIFICS = _word_set("mr mrs ms miss mx dr prof sir dame")

_BRACKETED = re.compile(r"[(\[{][^)\]}]*[)\]}]")
#: a word of folded text: letters, maybe joined by apostrophes (O'Brien)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_SHOUTED_CREDENTIAL = re.compile(r"^[A-Z][A-Z.&]{1,7}$")


def _groups(given: str) -> frozenset[str]:
    """The given name and the full names it may be short for (``core.nicknames``): two names
    that may be one person's share a group, so blocking by group loses no nickname match."""
    return nickname_groups(given)


# --------------------------------------------------------------------------------------------
# Normalising a name
# --------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """The folded words of ``text`` (``folding.fold``: styled letters, case, accents), without
    their apostrophes."""
    return [word.replace(APOSTROPHE, "") for word in _WORD.findall(fold(text))]


def _is_credential(part: str) -> bool:
    """``PhD``, ``ACCA``, ``FMVA®``, ``M.Sc.`` after a comma; ``Maria`` is not."""
    words = _words(part)
    if not words:
        return True  # only symbols or digits: nothing of a name
    if all(word in _CREDENTIALS for word in words) or "".join(words) in _CREDENTIALS:
        return True  # "PhD", "M.Sc."
    return all(_SHOUTED_CREDENTIAL.match(raw) for raw in plain(part).replace("®", "").split())


def _ordered_words(name: str) -> list[str]:
    """The words of a name, given names first: ``"Lopez, Maria"`` -> ``["maria", "lopez"]``."""
    head, *rest = _BRACKETED.sub(" ", name).split(",")
    kept = [part for part in rest if part.strip() and not _is_credential(part)]
    words = _words(head)
    if len(kept) == 1 and words:
        return _words(kept[0]) + words
    return words + [word for part in kept for word in _words(part)]


def name_tokens(name: str) -> tuple[str, ...]:
    """A name as comparable tokens, given names first, family name last.

    Styled letters, case, accents (``folding.fold``), punctuation, emoji, honorifics (``Dr.``),
    credentials (``, PhD``) and the ``Family, Given`` order are normalised away; hyphenated
    names become separate tokens.
    """
    words = _ordered_words(name)
    while len(words) > 1 and words[0] in _HONORIFICS:
        words.pop(0)
    while len(words) > 1 and words[-1] in _TRAILING_SUFFIXES:
        words.pop()
    return tuple(words)


def normalise_name(name: str) -> str:
    """``"Lopez,  María (she/her)"`` -> ``"maria lopez"``; the form names are compared in."""
    return " ".join(name_tokens(name))


# --------------------------------------------------------------------------------------------
# Scoring two names
# --------------------------------------------------------------------------------------------


def _similarity(a: str, b: str) -> float:
    return float(Indel.normalized_similarity(a, b)) * 100


@functools.lru_cache(maxsize=1 << 16)  # given names repeat a lot: scoring them is the hot path
def _given_score(a: str, b: str) -> float:
    """How well two given names agree, 0 when they do not."""
    if a == b:
        return 100.0
    if may_be_one_name(a, b):
        return 92.0
    short, long = sorted((a, b), key=len)
    if len(short) == 1:
        return 75.0 if long.startswith(short) else 0.0
    if 3 <= len(short) <= 4 and long.startswith(short):
        return 85.0  # an unlisted short form: Dan / Daniel
    if abs(len(a) - len(b)) <= 1 and min(len(a), len(b)) >= 5:
        similarity = _similarity(a, b)
        return similarity if similarity >= 85 else 0.0  # a typo: Jonathon / Jonathan
    return 0.0


def _family_score(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """How well the family names (everything after the given name) agree, 0 when they do not."""
    if a[-1] == b[-1]:
        return 100.0
    if min(len(a[-1]), len(b[-1])) >= 4:
        similarity = _similarity(a[-1], b[-1])
        if similarity >= 88:
            return similarity  # a typo: Jonson / Johnson
    if a[-1] in b or b[-1] in a:
        return 85.0  # compound surnames, one of them dropped: Lopez Garcia / Lopez
    return 0.0


def _middle_penalty(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Two different middle names mean two people; a missing middle name means nothing."""
    middle_a, middle_b = a[1:-1], b[1:-1]
    if not middle_a or not middle_b or middle_a[0][0] == middle_b[0][0]:
        return 0.0
    return 20.0


def _ordered_score(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    given = _given_score(a[0], b[0])
    family = _family_score(a[1:], b[1:]) if given else 0.0
    if not family:
        return 0.0
    return (given + family) / 2 - _middle_penalty(a, b)


def score_names(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """0..NAME_SCORE_CAP: how likely two token tuples (see :func:`name_tokens`) name one person."""
    if not a or not b:
        return 0.0
    if len(a) == 1 or len(b) == 1:
        # A lone word is a first name or a surname alone: only an identical lone word counts.
        return 85.0 if a == b else 0.0
    best = max(_ordered_score(a, b), _ordered_score(_swapped(a), b) - 5)
    return round(best * NAME_SCORE_CAP / 100, 1)


def _swapped(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """``("lopez", "maria")`` -> ``("maria", "lopez")``: a family name written first, no comma."""
    return (tokens[-1], *tokens[:-1])


# --------------------------------------------------------------------------------------------
# The index
# --------------------------------------------------------------------------------------------


class MatchVia(IntEnum):
    """How a match was found; a lower value is surer."""

    PROFILE_URL = 0
    EMAIL = 1
    NAME = 2


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    candidate: T
    score: float  # 100 for a URL or e-mail hit; at most NAME_SCORE_CAP for a name
    via: MatchVia


BlockKey = tuple[str, str, str]


def _block_keys(tokens: tuple[str, ...]) -> Iterator[BlockKey]:
    """The blocks a name is filed under; two names that can match share one."""
    if len(tokens) == 1:
        yield ("one", tokens[0], "")
        return
    given, families = tokens[0], set(tokens[1:])
    groups = _groups(given)
    for family in families:
        yield ("initial", given[0], family)  # initials, short forms, typos in the given name
        for group in groups:
            yield ("given", group, family)  # same given name or nickname
    family = tokens[-1]
    for group in groups:
        # One typo in the family name leaves its start or its end intact.
        yield ("typo-head", group, family[:3])
        yield ("typo-tail", group, family[-3:])


def _query_keys(tokens: tuple[str, ...]) -> set[BlockKey]:
    keys = set(_block_keys(tokens))
    if len(tokens) > 1:
        keys.update(_block_keys(_swapped(tokens)))
    return keys


def _url_key(url: str) -> str:
    return url.strip().rstrip("/").casefold()


class NameIndex(Generic[T]):
    """People to match against, by profile URL, e-mail address and (tolerantly) name."""

    def __init__(self, min_score: float = DEFAULT_MIN_SCORE) -> None:
        self.min_score = min_score
        self._candidates: list[T] = []
        self._tokens: list[tuple[str, ...]] = []
        self._urls: list[str | None] = []
        self._by_url: dict[str, list[int]] = {}
        self._by_email: dict[str, list[int]] = {}
        self._blocks: dict[BlockKey, list[int]] = {}

    def __len__(self) -> int:
        return len(self._candidates)

    @classmethod
    def from_pairs(
        cls, pairs: Iterable[tuple[T, str]], min_score: float = DEFAULT_MIN_SCORE
    ) -> NameIndex[T]:
        """An index of ``(candidate, name)`` pairs, e.g. ``(person_id, "Maria Lopez")``."""
        index: NameIndex[T] = cls(min_score)
        for candidate, name in pairs:
            index.add(candidate, name)
        return index

    @staticmethod
    def from_acquaintances(
        acquaintances: Iterable[Acquaintance], min_score: float = DEFAULT_MIN_SCORE
    ) -> NameIndex[Acquaintance]:
        index: NameIndex[Acquaintance] = NameIndex(min_score)
        for known in acquaintances:
            index.add(known, known.name, known.profile_url, known.emails)
        return index

    def add(
        self,
        candidate: T,
        name: str,
        profile_url: str | None = None,
        emails: Iterable[str] = (),
    ) -> None:
        position = len(self._candidates)
        tokens = name_tokens(name)
        self._candidates.append(candidate)
        self._tokens.append(tokens)
        self._urls.append(_url_key(profile_url) if profile_url else None)
        if profile_url:
            self._by_url.setdefault(_url_key(profile_url), []).append(position)
        for email in {email.strip().casefold() for email in emails if email.strip()}:
            self._by_email.setdefault(email, []).append(position)
        for key in set(_block_keys(tokens)) if tokens else ():
            self._blocks.setdefault(key, []).append(position)

    def find(
        self, name: str, profile_url: str | None = None, emails: Iterable[str] = ()
    ) -> list[Match[T]]:
        """Everyone who may be this person, surest first: URL hits, e-mail hits, then names.

        A candidate whose known profile URL differs from ``profile_url`` is another person and
        is never matched by name.
        """
        best: dict[int, tuple[MatchVia, float]] = {}
        url = _url_key(profile_url) if profile_url else None
        for position in self._by_url.get(url, ()) if url else ():
            best[position] = (MatchVia.PROFILE_URL, 100.0)
        for email in {email.strip().casefold() for email in emails}:
            for position in self._by_email.get(email, ()):
                best.setdefault(position, (MatchVia.EMAIL, 100.0))
        for position, score in self._name_hits(name_tokens(name), url):
            best.setdefault(position, (MatchVia.NAME, score))
        ranked = sorted(best.items(), key=lambda item: (item[1][0], -item[1][1], item[0]))
        return [Match(self._candidates[pos], score, via) for pos, (via, score) in ranked]

    def _name_hits(self, tokens: tuple[str, ...], url: str | None) -> Iterator[tuple[int, float]]:
        if not tokens:
            return
        seen: set[int] = set()
        for key in _query_keys(tokens):
            for position in self._blocks.get(key, ()):
                if position in seen:
                    continue
                seen.add(position)
                known_url = self._urls[position]
                if url and known_url and known_url != url:
                    continue
                score = score_names(tokens, self._tokens[position])
                if score >= self.min_score:
                    yield position, score


# --------------------------------------------------------------------------------------------
# Why two names matched, for the evidence
# --------------------------------------------------------------------------------------------


def _given_differs(first: str, other: str) -> str:
    short, full = sorted((first, other), key=len)
    if may_be_one_name(first, other) and len(short) < len(full):
        return f"“{short.title()}” is a short form of “{full.title()}”"
    if len(short) == 1:
        return f"“{short.upper()}.” is the initial of “{full.title()}”"
    if full.startswith(short):
        return f"“{short.title()}” is short for “{full.title()}”"
    return f"“{first.title()}” is written “{other.title()}”"


def _family_differs(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    if a[-1] in b or b[-1] in a:
        return f"the family name is written “{' '.join(b[1:]).title()}”"
    return f"“{a[-1].title()}” is written “{b[-1].title()}”"


def name_agreement(inviter: str, known: str) -> str:
    """How the known name differs from the inviter's while naming the same person, or "" when
    they are the same name once normalised (accents, order, credentials, styled letters).

    ``"Bill Hart"`` / ``"William Hart"`` -> ``"“Bill” is a short form of “William”"``.
    """
    a, b = name_tokens(inviter), name_tokens(known)
    if not a or not b or a == b or a == _swapped(b) or (a[0], a[-1]) == (b[0], b[-1]):
        return ""
    if len(a) == 1 or len(b) == 1:
        return "the name is written differently"
    if not _given_score(a[0], b[0]):
        b = _swapped(b)  # family name first, without a comma
    return _given_differs(a[0], b[0]) if a[0] != b[0] else _family_differs(a, b)
