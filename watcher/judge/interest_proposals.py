"""Interests to propose from the owner's own words: the headline and the titles of positions.

``config init`` offers them as a commented suggestion, so a new user starts with the fields
their profile already names ("UX-Forschung | Service Design bei Bahnwerk" -> "UX-Forschung",
"Service Design") instead of an empty list. Pure: the caller reads the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from watcher.core.phrases import normalise, word_set

#: what separates the parts of a headline: "UX Research | Service Design • Speaker"
_PARTS = re.compile(r"\s*(?:[|•·,;/+&]|\s[-–—]\s|\band\b|\bund\b|\bet\b|\by\b)\s*")
#: where the employer starts: "Designer at Acme", "Leiterin bei Bahnwerk", "chez Orange"
_EMPLOYER = re.compile(
    r"\s(?:at|@|bei|chez|presso|bij|na|no|em|für|fur|for|pour|para|per|with|mit)\s.*$",
    re.IGNORECASE,
)
#: rank and role words, in the languages of the phrase lists: they say how senior, not which field
_ROLE_WORDS = word_set(
    "senior sr junior jr lead leading head chief principal staff associate assistant "
    "intern trainee working student werkstudent werkstudentin freelance freelancer "
    "manager managerin director directora directrice directeur diretor diretora direttore "
    "directeur vp vice president founder cofounder co ceo cto cfo coo cmo owner partner "
    "leiter leiterin leitung teamleiter teamleiterin team bereichsleiter abteilungsleiter "
    "responsable jefe jefa gerente coordinator coordinatrice coordinador "
    "of for the de del des du la le der die das des von van et y e and und "
    "i ii iii iv global international regional"
)
_MOST = 6


def _field_of(part: str) -> str:
    """A headline part without its employer and rank: ``"Senior UX Researcher at X"`` -> UX
    Researcher."""
    part = _EMPLOYER.sub("", f" {part.strip()}").strip()
    kept = [word for word in part.split() if normalise(word) not in _ROLE_WORDS]
    return " ".join(kept).strip(" -–—:")


def propose_interests(headline: str, titles: Iterable[str]) -> list[str]:
    """Up to six fields named by the headline, then the titles (most recent first), once each."""
    proposed: dict[str, str] = {}
    for text in (headline, *titles):
        for part in _PARTS.split(text):
            field = _field_of(part)
            key = normalise(field)
            if key and len(key.split()) <= 4 and any(len(w) > 1 for w in key.split()):
                proposed.setdefault(key, field)
    return list(proposed.values())[:_MOST]
