"""The shipped phrase classes, one module per language (the languages LinkedIn members write
most): English, German, French, Spanish, Italian, Portuguese, Dutch.

Every language's patterns go into one list per class and a note is matched against all of
them: the patterns are multi-word phrases of one language (``nous ne nous connaissons pas``),
which rarely mean anything in another, so no language detector is needed (an offline one is
unreliable on a two-sentence note, and a wrong guess would lose the whole note). Inflection is
handled in the patterns (``kolleg*``, ``rencontr*``, ``a|b`` alternatives) rather than by a
stemmer: a stemmer would need the language first, and the phrases are few and fixed.
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
