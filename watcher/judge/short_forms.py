"""How people write a school or an event short: the variants a careful reader would recognise.

A school is written by its initials ("Technische Universität München" -> "TUM", "University
College London" -> "UCL", "Massachusetts Institute of Technology" -> "MIT"), by the initials of
its kind followed by its city ("TU München", "ETH Zürich"), or by a common short form of its
kind ("Uni Wien"). An event is named by its brand without edition, city or year ("PyCon" for
"PyCon Berlin 2026"). Pure.
"""

from __future__ import annotations

import re

from watcher.core.phrases import normalise, word_set

#: words left out of initials ("London School of Economics" -> "LSE")
_LINKING = word_set(
    "of and the for at in de der des die fur du la le et di del della do da dos das y e en van voor"
)
#: common short forms of the first words of a school's name, with those words
SCHOOL_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "uni": ("universitat",),
    "univ": ("university",),
    "fh": ("fachhochschule",),
    "hs": ("hochschule",),
    "tu": ("technische", "universitat"),
    "th": ("technische", "hochschule"),
    "eth": ("eidgenossische", "technische", "hochschule"),
    "epfl": ("ecole", "polytechnique", "federale", "de", "lausanne"),
    "lmu": ("ludwig", "maximilians", "universitat"),
    "hu": ("humboldt", "universitat"),
    "fu": ("freie", "universitat"),
    "kit": ("karlsruher", "institut", "fur", "technologie"),
    "rwth": ("rheinisch", "westfalische", "technische", "hochschule"),
    "upm": ("universidad", "politecnica", "de", "madrid"),
    "ucl": ("university", "college", "london"),
}
#: words naming what kind of school it is: their initials may stand for them ("TU München")
_KIND_WORDS = word_set(
    "universitat university universite universidad universita universidade universiteit "
    "technische technical technische technological hochschule college institute institut "
    "school polytechnic politecnico polytechnique politecnica ecole escuela scuola escola "
    "hogeschool state national federal freie eidgenossische business"
)
#: initials shorter than this are too ambiguous to stand alone in a note ("BU", "TU"); in a
#: headline, where a school stands as a name ("BU alumna"), two letters are enough
_MIN_INITIALS = 3
#: two-letter words of the languages notes are written in: never initials on their own
SHORT_WORDS = word_set(
    "de en la le el un in im am an at to of on as is it es et da do di du se si so no na ne "
    "te tu il al ao os um op om er ik je we me mi ma ja he hi be by or up us my ou ni ki"
)

#: three-letter words common in notes that a school's initials may spell ("MIT" = "with")
_COMMON_WORDS = SHORT_WORDS | word_set(
    "mit und der die das den dem ein ich sie wir ihr the and for you are was les des une sur "
    "par est son ses mon ton por con per los las del che non com sem uma een het van ons"
)


def school_variants(name: str) -> list[tuple[tuple[str, ...], bool]]:
    """Short ways to write a school's name, as normalised words, each with whether it is only
    recognised in a headline; the full name itself is not included."""
    words = normalise(name).split()
    content = [w for w in words if w not in _LINKING]
    variants: list[tuple[tuple[str, ...], bool]] = []
    initials = "".join(w[0] for w in content)
    if len(content) > 1 and words[0] not in SCHOOL_SHORT_FORMS:
        # "tum", "ucl"; "bu", or "mit" (a German word), only in a headline
        ambiguous = len(initials) < _MIN_INITIALS or initials in _COMMON_WORDS
        variants.append(((initials,), ambiguous))
    if len(content) > 2 and set(content[:-1]) <= _KIND_WORDS:
        # the initials of its kind, then its city: "tu munchen", "eth zurich"
        variants.append((("".join(w[0] for w in content[:-1]), content[-1]), False))
    for short, expansion in SCHOOL_SHORT_FORMS.items():
        if tuple(words[: len(expansion)]) == expansion and words[len(expansion) :]:
            variants.append(((short, *words[len(expansion) :]), False))  # "uni wien"
    if words and words[0] in SCHOOL_SHORT_FORMS and len(words[0]) >= _MIN_INITIALS:
        variants.append(((words[0],), False))  # "ETH Zurich" -> "eth"
    return list(dict.fromkeys(v for v in variants if v[0] != tuple(words)))


#: a brand written as one word with capitals inside or all capitals: "PyCon", "FOSDEM"
_BRAND = re.compile(r"^(?:[A-Z0-9]{4,}|[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+)$")
#: a one-word name made of a noise suffix: "djangocon", "barcamp", "devfest"
_BRAND_SUFFIXES = ("con", "conf", "camp", "fest", "days", "summit")
_MIN_BRAND = 5


def event_brand(name: str) -> str | None:
    """The word an event is known by without edition, city or year, or None.

    Only the first word, and only when it looks like a brand rather than a place or a common
    word ("Lisbon PR Summit" has none: "lisbon" is a city).
    """
    raw = name.split()
    if len(raw) < 2:
        return None
    first = raw[0].strip(":,-")
    folded = normalise(first)
    if len(folded) < _MIN_BRAND or " " in folded:
        return None
    brand_like = bool(_BRAND.match(first)) or folded.endswith(_BRAND_SUFFIXES)
    return folded if brand_like and not folded.isdigit() else None
