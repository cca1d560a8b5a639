"""The shipped phrase classes, one module per language (the languages LinkedIn members write
most): English, German, French, Spanish, Italian, Portuguese, Dutch.

Every language's patterns go into one list per class and a note is matched against all of
them: the patterns are multi-word phrases of one language (``nous ne nous connaissons pas``),
which rarely mean anything in another, so no language detector is needed. Measured on the
labelled set (issue 15): py3langid found every note's language, and matching only that
language's classes agreed exactly as often as matching all of them, but detecting took
0.09 ms of CPU a note while all the classes cost 0.04 ms more than English's alone, and it
brings numpy and a model; on a headline of three words a guess is worse. Inflection is handled
in the patterns (``kolleg*``, ``rencontr*``, ``a|b`` alternatives); the interests, which the
user writes, are stemmed in every language instead (``core.phrases.stems_by_language``).
"""

from __future__ import annotations

from watcher.config.phrase_lists import de, en, es, fr, it, nl, pt

LANGUAGES = {"en": en.PHRASES, "de": de.PHRASES, "fr": fr.PHRASES, "es": es.PHRASES}
LANGUAGES |= {"it": it.PHRASES, "pt": pt.PHRASES, "nl": nl.PHRASES}

#: phrase class -> the patterns of every language, English first
PHRASES: dict[str, list[str]] = {
    name: [pattern for phrases in LANGUAGES.values() for pattern in phrases.get(name, [])]
    for name in en.PHRASES
}
