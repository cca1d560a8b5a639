"""Which given names may be one person's: ``Bill`` and ``William``, ``Kathi`` and ``Katharina``.

The English names come from the ``nicknames`` dataset (hand-curated, about 1,100 names and
2,700 relations), read the first time a name is compared rather than at import. It knows
English forms only, so a short list of the other languages' common short forms (the same
languages as the phrase lists) and of the spellings it lacks joins it; a name in neither is
only itself.

The dataset's relations are taken one step at a time (a short form and its full name, two
short forms of one full name): chained further they would join ``marie`` and ``maria``.
A hand-written group is one name in all its forms, so any two of its names go together.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from nicknames import NickNamer

from watcher.core.folding import fold

#: a full name, then its short forms and spellings, for what the dataset does not list
_OTHER_LANGUAGES: tuple[tuple[str, ...], ...] = (
    # German and Dutch
    ("katharina", "kathi", "kathrin", "katja", "kati", "trine", "kate"),
    ("johannes", "hannes", "jo", "johan", "jan", "hans"),
    ("alexander", "sascha", "alex", "xander", "sander"),
    ("elisabeth", "lisa", "liesel", "elise", "sissi", "betty"),
    ("wolfgang", "wolf"),
    ("ulrich", "ulli", "uli"),
    ("bernhard", "bernd"),
    ("jurgen", "jupp"),
    ("joseph", "sepp", "seppl", "beppo"),
    ("matthias", "matze", "matthijs", "thijs"),
    ("christoph", "chris", "stoffel"),
    ("franziska", "franzi"),
    ("friedrich", "fritz"),
    ("wilhelmina", "mina", "wilma"),
    ("willem", "wim", "pim"),
    ("johanna", "hanna", "anja", "jo"),
    ("magdalena", "lena", "magda", "leni"),
    ("gerardus", "gert", "gerrit", "sjaak"),
    # French
    ("dominique", "dom"),
    ("frederique", "fred"),
    ("guillaume", "will"),
    ("maximilien", "max"),
    ("nathalie", "nat"),
    ("stephanie", "steph"),
    # Spanish and Portuguese
    ("francisco", "paco", "pancho", "chico", "francis"),
    ("jose", "pepe", "chema", "ze"),
    ("manuel", "manolo", "manu"),
    ("guillermo", "memo", "guille"),
    ("ignacio", "nacho"),
    ("dolores", "lola"),
    ("concepcion", "concha", "conchita"),
    ("enrique", "quique", "kike"),
    ("antonio", "toni", "tono", "tonho"),
    ("rosario", "charo"),
    ("eduardo", "edu", "dudu"),
    # Italian
    ("giuseppe", "beppe", "peppe", "pino"),
    ("francesca", "franca", "cesca", "fra"),
    ("giovanni", "gianni", "nanni"),
    ("alessandro", "sandro", "ale"),
    ("alessandra", "sandra", "ale"),
    ("vincenzo", "enzo"),
    ("federica", "fede"),
    ("roberto", "rob", "berto"),
    # Slavic forms common across Europe
    ("ekaterina", "yekaterina", "katya", "katja", "katia"),
    ("aleksandr", "aleksander", "sasha", "sascha", "sanya"),
    ("aleksandra", "sasha", "ola", "ala"),
    ("dmitry", "dmitri", "dima"),
    ("mikhail", "misha"),
    ("ivan", "vanya"),
    ("yevgeny", "evgeny", "zhenya"),
    # English forms the dataset lacks
    ("william", "liam"),
    ("katherine", "catherine", "kathryn", "katharina", "katarina", "kate", "katie", "cathy"),
    ("mohammed", "mohammad", "muhammad", "mohamed"),
)


@dataclass(frozen=True, slots=True)
class _Names:
    #: short form -> the full names the dataset gives for it
    full: dict[str, frozenset[str]]
    #: names the dataset lists short forms for: names in their own right
    own: frozenset[str]
    #: name -> the hand-written groups it is in ("#3")
    listed: dict[str, frozenset[str]]


@functools.cache
def _names() -> _Names:
    """The dataset, read on first use, and the hand-written groups, all folded."""
    dataset = NickNamer()
    full = {
        fold(name): frozenset(fold(f) for f in fulls)
        for name, fulls in dataset.canonical_lookup.items()
    }
    listed: dict[str, set[str]] = {}
    for number, group in enumerate(_OTHER_LANGUAGES):
        for name in group:
            listed.setdefault(name, set()).add(f"#{number}")
    return _Names(
        full=full,
        own=frozenset(fold(name) for name in dataset.nickname_lookup),
        listed={name: frozenset(groups) for name, groups in listed.items()},
    )


def nickname_groups(given: str) -> frozenset[str]:
    """Blocking keys for a (folded) given name: two names that may be one person's share one.

    The name itself, the full names the dataset gives for it, its hand-written groups.
    """
    names = _names()
    return names.full.get(given, frozenset()) | names.listed.get(given, frozenset()) | {given}


def may_be_one_name(a: str, b: str) -> bool:
    """Whether two different given names may be one person's.

    One is a short form of the other (``bill``/``william``), or both stand in one hand-written
    group (``kathi``/``katharina``), or both are short forms of one name and neither is a
    name in its own right (``bill``/``billy``, not ``marie``/``maria``, which both shorten
    ``marietta`` in the dataset).
    """
    names = _names()
    full_a, full_b = names.full.get(a, frozenset()), names.full.get(b, frozenset())
    if a in full_b or b in full_a:
        return True
    if not names.listed.get(a, frozenset()).isdisjoint(names.listed.get(b, frozenset())):
        return True
    return not full_a.isdisjoint(full_b) and a not in names.own and b not in names.own
