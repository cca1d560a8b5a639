"""What the user's own life looks like in text: employers, schools, events, interests.

The rules look for these in an inviter's headline and note ("Finance at Acme Corp" names the
user's employer "Acme Corp"; "the Lisbon PR Summit" names the event "Lisbon PR Summit 2026").
Built once per owner (memoised: the owner is the same for every invitation) and pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import lru_cache

from rapidfuzz import fuzz

from watcher.config.interests import also_of
from watcher.core.phrases import (
    STEM_LANGUAGES,
    contains_sequence,
    normalise,
    stems,
    stems_by_language,
    word_set,
    word_stems,
)
from watcher.judge.short_forms import SHORT_WORDS, event_brand, school_variants
from watcher.models import Event, Owner, Position, School

#: company name endings that differ between a headline and Positions.csv
_LEGAL_FORMS = word_set(
    "inc incorporated corp corporation co company ltd limited llc llp lp gmbh ag sa "
    "sas sarl srl spa bv nv plc oy ab as kg pty pte se kft sro"
)
#: "employers" that do not mean two people worked together
_NOT_EMPLOYERS = frozenset(
    {
        ("freelance",),
        ("freelancer",),
        ("self", "employed"),
        ("selfemployed",),
        ("independent",),
        ("confidential",),
        ("stealth",),
        ("stealth", "startup"),
        ("various",),
        ("none",),
        ("student",),
        ("retired",),
    }
)
#: event or meeting names too generic to recognise in a note on their own
_GENERIC_EVENT_WORDS = word_set(
    "lunch dinner breakfast coffee call meeting sync standup stand up interview "
    "webinar workshop conference summit meetup event party review training session "
    "team weekly daily monthly the a of and with 1 on 1on1 catch chat"
)
#: single-word interests too generic to match on their own
_GENERIC_INTEREST_WORDS = word_set(
    "at and the of in for senior junior head lead manager director specialist "
    "consultant professional expert owner founder ceo cto intern student"
)
_FUZZY_EVENT_SCORE = 90


def company_core(name: str) -> tuple[str, ...]:
    """A company's distinctive words: ``"The Acme Corp., Inc."`` -> ``("acme",)``."""
    words = normalise(name).split()
    if words and words[0] == "the":
        words = words[1:]
    core = list(words)
    while core and core[-1] in _LEGAL_FORMS:
        core.pop()
    return tuple(core or words)


def event_core(name: str) -> str:
    """An event's name without its year or edition.

    ``"The Lisbon PR Summit 2026"`` -> ``"lisbon pr summit"``.
    """
    words = [w for w in normalise(name).split() if not w[0].isdigit()]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _on(day: date | None) -> datetime | None:
    return datetime.combine(day, time(), UTC) if day is not None else None


@dataclass(frozen=True, slots=True)
class TermMatch:
    """Something of the user's named in the inviter's text."""

    what: str  # e.g. "your employer Acme Corp"
    where: str  # "headline" | "note"
    source: str
    at: datetime | None = None

    def describe(self) -> str:
        return f"the {self.where} names {self.what}"


@dataclass(frozen=True, slots=True)
class _Term:
    words: tuple[str, ...]  # normalised (stems for interests)
    what: str
    source: str
    at: datetime | None = None
    #: recognised in a headline only: a short form too ambiguous in a note ("MIT", "BU")
    headline_only: bool = False


def _employer_terms(positions: tuple[Position, ...]) -> tuple[_Term, ...]:
    def order(p: Position) -> tuple[bool, int, str, int, str]:
        # current jobs first, then the most recent start; the rest only breaks ties
        ended = (p.finished or date.max).toordinal()
        return (not p.current, -(p.started or date.min).toordinal(), p.company, ended, p.title)

    terms = []
    for position in sorted(positions, key=order):
        core = company_core(position.company)
        if not core or core in _NOT_EMPLOYERS:
            continue
        if position.current:
            what = f"your employer {position.company}"
        else:
            years = "–".join(str(d.year) for d in (position.started, position.finished) if d)
            what = f"your former employer {position.company}" + (f" ({years})" if years else "")
        terms.append(_Term(core, what, "Positions.csv", _on(position.started)))
    return tuple(terms)


def _school_terms(schools: tuple[School, ...]) -> tuple[_Term, ...]:
    terms = []

    def order(s: School) -> tuple[int, str, int, str]:
        return (s.start_year or 0, s.name, s.end_year or 0, s.degree)

    for school in sorted(schools, key=order):
        core = company_core(school.name)
        if core:
            years = "–".join(str(y) for y in (school.start_year, school.end_year) if y)
            what = f"your school {school.name}" + (f" ({years})" if years else "")
            terms.append(_Term(core, what, "Education.csv"))
            for short, headline_only in school_variants(school.name):
                form = " ".join([short[0].upper(), *(word.title() for word in short[1:])])
                written = f"{what}, written “{form}”"
                terms.append(_Term(short, written, "Education.csv", None, headline_only))
    return tuple(terms)


def _event_terms(events: tuple[Event, ...]) -> tuple[_Term, ...]:
    far = datetime.max.replace(tzinfo=UTC)
    terms = []
    for event in sorted(events, key=lambda e: (e.starts_at or far, e.name)):
        core = event_core(event.name)
        if not event.attended or len(core) < 4 or set(core.split()) <= _GENERIC_EVENT_WORDS:
            continue
        what = f"{event.name}, an event you attended"
        terms.append(_Term(tuple(core.split()), what, "your events", event.starts_at))
        brand = event_brand(event.name)  # "PyCon" for "PyCon Berlin 2026"
        if brand is not None and (brand,) != tuple(core.split()):
            named = f"{what}, named by its brand “{event.name.split()[0]}” alone"
            terms.append(_Term((brand,), named, "your events", event.starts_at))
    return tuple(terms)


def _split_interest(text: str) -> list[str]:
    for separator in (",", "/", "&", ";", "|", " and "):
        text = text.replace(separator, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def _interest_terms(
    interests: tuple[str, ...], synonyms: dict[str, tuple[str, ...]], language: str
) -> tuple[_Term, ...]:
    """The interests as stems of one language: each variant (the term, its synonyms, its
    initials, the user's ``also`` words) once."""
    # part of an interest -> the words the user listed as meaning the same (``also``)
    parts: dict[str, list[str]] = {}
    for interest in interests:
        for part in _split_interest(interest):
            parts.setdefault(part, []).extend(also_of(interest))
    terms = []
    for interest in sorted(parts):
        key = normalise(interest)
        if not key or key in _GENERIC_INTEREST_WORDS:
            continue
        what = f"your interest {interest!r}"
        variants = {v: what for v in [interest, *synonyms.get(key, ())]}
        initials = "".join(word[0] for word in key.split())  # "public relations" -> "pr"
        if len(key.split()) > 1 and initials not in SHORT_WORDS:
            variants.setdefault(initials, what)
        for also in parts[interest]:
            # the user's own translation: the reason says which word matched
            for variant in (also, *synonyms.get(normalise(also), ())):
                variants.setdefault(variant, f"{what} (written {also!r})")
        seen: set[tuple[str, ...]] = set()
        for variant, said in variants.items():
            words = stems(variant, language)
            if words and words not in seen:
                seen.add(words)
                terms.append(_Term(words, said, "you.interests"))
    return tuple(terms)


@dataclass(frozen=True, slots=True)
class OwnerTerms:
    first_name: tuple[str, ...]
    employers: tuple[_Term, ...]
    schools: tuple[_Term, ...]
    events: tuple[_Term, ...]
    #: one tuple of terms for each of ``STEM_LANGUAGES``, stemmed in that language
    interests: tuple[tuple[_Term, ...], ...]
    #: the first stem of every interest term, in any language: most texts hold none of them
    interest_starts: frozenset[str]

    @staticmethod
    def _first(terms: tuple[_Term, ...], words: tuple[str, ...], where: str) -> TermMatch | None:
        present = frozenset(words)  # most terms' first word is absent: skip the scan
        for term in terms:
            if (term.headline_only and where != "headline") or term.words[0] not in present:
                continue
            if contains_sequence(words, term.words):
                return TermMatch(term.what, where, term.source, term.at)
        return None

    def employer_in(self, words: tuple[str, ...], where: str) -> TermMatch | None:
        return self._first(self.employers, words, where)

    def school_in(self, words: tuple[str, ...], where: str) -> TermMatch | None:
        return self._first(self.schools, words, where)

    def interest_in(self, words: tuple[str, ...], where: str) -> TermMatch | None:
        """An interest named in normalised words, compared stem by stem in each language."""
        starts = self.interest_starts
        if all(starts.isdisjoint(word_stems(word)) for word in words):
            return None  # the common case, decided word by word without a scan per language
        by_language = stems_by_language(words)
        for terms, stemmed in zip(self.interests, by_language, strict=True):
            found = self._first(terms, stemmed, where)
            if found is not None:
                return found
        return None

    def event_in(self, text: str, where: str) -> TermMatch | None:
        """An attended event named in normalised text, allowing small differences of wording."""
        words = tuple(text.split())
        for term in self.events:
            if contains_sequence(words, term.words):
                return TermMatch(term.what, where, term.source, term.at)
            core = " ".join(term.words)
            if (
                len(term.words) > 1
                and len(core) >= 8
                and (fuzz.partial_ratio(core, text, score_cutoff=_FUZZY_EVENT_SCORE) > 0)
            ):
                what = f"{term.what}, in slightly different words"
                return TermMatch(what, where, term.source, term.at)
        return None

    def shared_in(self, words: tuple[str, ...]) -> TermMatch | None:
        """The first thing of the user's a note names: employer, school, event, then interest
        (interests are stemmed here, in every language)."""
        return (
            self.employer_in(words, "note")
            or self.school_in(words, "note")
            or self.event_in(" ".join(words), "note")
            or self.interest_in(words, "note")
        )


@lru_cache(maxsize=16)
def _build(
    owner: Owner,
    synonyms: tuple[tuple[str, tuple[str, ...]], ...],
    also: tuple[tuple[str, ...], ...],
) -> OwnerTerms:
    # ``also`` is only part of the key: an Interest equals its term as a string, so two
    # configurations that differ in their translations alone would share one entry without it.
    synonyms = tuple((normalise(term), others) for term, others in synonyms)
    interests = tuple(
        _interest_terms(owner.interests, dict(synonyms), language) for language in STEM_LANGUAGES
    )
    return OwnerTerms(
        first_name=tuple(normalise(owner.first_name).split()),
        employers=_employer_terms(owner.positions),
        schools=_school_terms(owner.schools),
        events=_event_terms(owner.events),
        interests=interests,
        interest_starts=frozenset(term.words[0] for terms in interests for term in terms),
    )


#: the configured synonyms as ``owner_terms`` keys its memo: sorted, hashable
SynonymsKey = tuple[tuple[str, tuple[str, ...]], ...]


def synonyms_key(synonyms: dict[str, list[str]]) -> SynonymsKey:
    return tuple(sorted((term, tuple(others)) for term, others in synonyms.items()))


def owner_terms(owner: Owner, synonyms: dict[str, list[str]] | SynonymsKey) -> OwnerTerms:
    """The owner's terms; ``synonyms`` maps a normalised interest to other ways to say it
    (or is already its ``synonyms_key``: a caller judging many builds that once)."""
    key = synonyms if isinstance(synonyms, tuple) else synonyms_key(synonyms)
    return _build(owner, key, tuple(also_of(interest) for interest in owner.interests))
