"""What a rule is: an id, a description and a pure check that returns its evidence when it fires.

The families (``rules_note``, ``rules_history``, ``rules_value``, ``rules_followup``) build their
rules from these types; the rulebook lists them, gives them their configured points and decides
the verdict. The types live apart from the rulebook so a family never imports the rulebook that
imports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from watcher.config.rules import RulesSettings
from watcher.core.phrases import search, search_all
from watcher.judge.notes import Note
from watcher.judge.owner_terms import OwnerTerms, TermMatch
from watcher.models import EvaluationInput, History

__all__ = ["Check", "Context", "Hit", "Rule", "owner_term", "quote"]


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's evidence; ``points`` only for a rule whose points scale (mutual connections)."""

    detail: str
    source: str = ""
    at: datetime | None = None
    points: int | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """One invitation made ready for the rules: its note read, its headline split, the owner's
    terms gathered, so no rule repeats that work."""

    item: EvaluationInput
    rules: RulesSettings
    note: Note
    headline: tuple[str, ...]  # normalised words
    owner: OwnerTerms
    phrases: Mapping[str, re.Pattern[str] | None]  # compiled ``rules.phrases``

    @property
    def history(self) -> History:
        return self.item.history

    def phrase(self, name: str, text: str | None = None) -> str | None:
        return search(self.phrases.get(name), self.note.text if text is None else text)

    def phrases_all(self, name: str) -> list[str]:
        """Every distinct passage of the note that a class's patterns match, in order."""
        return search_all(self.phrases.get(name), self.note.text)


Check = Callable[[Context], Hit | None]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    description: str
    check: Check


def quote(text: str, limit: int = 60) -> str:
    """A short quotation of evidence for a finding's detail, on one line."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def owner_term(finder: Callable[[OwnerTerms, Context], TermMatch | None]) -> Check:
    """A rule that fires when the invitation names one of the owner's terms (employer, school,
    event, interest); the history and the value families both read them."""

    def check(context: Context) -> Hit | None:
        match = finder(context.owner, context)
        return Hit(match.describe(), match.source, match.at) if match else None

    return check
