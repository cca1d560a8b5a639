"""Who in the user's history may be this inviter: the name index, with each name looked up once.

Display names repeat (about eight people share one in a big network), and most acquaintances
(address-book cards, calendar attendees) carry no profile URL. For those, what the index
finds depends on the inviter's name alone (``NameIndex.find``: a URL only excludes a
candidate whose own known URL differs), so they sit in an index of their own whose answers
are memoised by name; the few with a URL sit in another, asked for every inviter. The merged
answer is the one a single index over everyone would give, in the same order. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable

from watcher.core.matching import Match, NameIndex
from watcher.models import Acquaintance

#: an acquaintance with its place in the list the lookup was built from
_Filed = tuple[int, Acquaintance]


class AcquaintanceLookup:
    """Everyone the user's history knows, ready to be matched against many inviters."""

    def __init__(self, acquaintances: Iterable[Acquaintance]) -> None:
        self._without_url: NameIndex[_Filed] = NameIndex()
        self._with_url: NameIndex[_Filed] = NameIndex()
        for position, known in enumerate(acquaintances):
            index = self._with_url if known.profile_url else self._without_url
            index.add((position, known), known.name, known.profile_url, known.emails)
        self._by_name: dict[str, list[Match[_Filed]]] = {}

    def __len__(self) -> int:
        return len(self._without_url) + len(self._with_url)

    def find(self, name: str, profile_url: str | None) -> tuple[Acquaintance, ...]:
        """The acquaintances who may be this inviter, surest first (``NameIndex.find``)."""
        if not self:
            return ()
        named = self._by_name.get(name)
        if named is None:
            named = self._without_url.find(name) if len(self._without_url) else []
            self._by_name[name] = named
        if not len(self._with_url):
            return tuple(match.candidate[1] for match in named)
        matches = [*named, *self._with_url.find(name, profile_url)]
        # One index over everyone ranks by how it matched, then the score, then the place.
        matches.sort(key=lambda m: (m.via, -m.score, m.candidate[0]))
        return tuple(match.candidate[1] for match in matches)
