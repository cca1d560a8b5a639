"""The rulebook: every rule by family, their points, the score and the verdict.

Each rule (``watcher.judge.rule.Rule``) is a small pure function with a stable id and a one-line
description, kept with its family: ``rules_note`` (``note.*``), ``rules_history``
(``history.*``), ``rules_value`` (``value.*``), ``rules_followup`` (``meetup.*``). When a rule
fires it returns its evidence, and the evaluation keeps every finding with its points (taken
from ``RulesSettings.points``). The score decides the verdict against the configured thresholds,
with overrides, each shown as a finding: the user's welcome/block lists settle a verdict
outright, an unanswered meet-up request means ignore, and a pitch means ignore (or meet-first,
from someone with strong history). ``watcher.judge.checks`` checks a configuration
against this rulebook for ``config check``.

Everything here is deterministic and independent of the order of its inputs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from watcher.config.rules import ListsSettings, RulesSettings
from watcher.core.phrases import compile_patterns, normalise
from watcher.judge.lists import listed
from watcher.judge.notes import Note, note_fingerprint, read_note
from watcher.judge.owner_terms import OwnerTerms, SynonymsKey, owner_terms, synonyms_key
from watcher.judge.rule import Context, Hit, Rule
from watcher.judge.rules_followup import FOLLOWUP_RULES
from watcher.judge.rules_history import HISTORY_RULES
from watcher.judge.rules_note import NOTE_RULES
from watcher.judge.rules_value import VALUE_RULES
from watcher.models import Evaluation, EvaluationInput, Finding, Owner, Verdict

__all__ = [
    "OVERRIDES",
    "REGISTRY",
    "RULES",
    "Context",
    "Decision",
    "Hit",
    "Rule",
    "Rulebook",
    "evaluate",
    "note_fingerprint",
    "score",
    "unanswered_decision",
    "verdict_for",
]

#: every scored rule, family by family, in the order findings are listed
REGISTRY: tuple[Rule, ...] = (*NOTE_RULES, *HISTORY_RULES, *VALUE_RULES, *FOLLOWUP_RULES)

#: rules that are not scored: they explain an override
OVERRIDES = {
    "list.welcome": "on your welcome list: accept",
    "list.block": "on your block list: ignore",
    "verdict.value-only": "value alone (field, mutual connections) never reaches accept",
    "verdict.pitch": "a pitch without strong shared history: ignore, whatever the score",
    "verdict.pitch-known": "a pitch from someone with strong shared history: meet first",
    "verdict.unanswered": "the meet-up request went unanswered: ignore, whatever the score",
}

#: Rules that read nothing but the invitation's text (its note, headline and mutual
#: connections), the owner and the configuration: never its history, status or the other
#: senders of its note. ``watcher.judge.batch`` judges them once per distinct text; a rule
#: that comes to read more must leave this set (a unit test varies the rest to check).
TEXT_RULES = frozenset(
    {rule.id for rule in NOTE_RULES if rule.id != "note.template"}
    | {"history.same-employer", "history.same-school", "history.event"}
    | {"value.field", "value.mutual-connections", "value.collector"}
)

#: a finding with its rule's place in the rulebook's active rules (the registry order)
Placed = tuple[int, Finding]

#: every rule id -> its description (``config check`` warns about unknown ids)
RULES: dict[str, str] = {rule.id: rule.description for rule in REGISTRY} | OVERRIDES


# --------------------------------------------------------------------------------------------
# Scoring and the verdict
# --------------------------------------------------------------------------------------------


def _fire(rule: Rule, configured: int, context: Context) -> Finding | None:
    hit = rule.check(context)
    if hit is None:
        return None
    points = configured if hit.points is None else hit.points
    return Finding(rule=rule.id, points=points, detail=hit.detail, source=hit.source, at=hit.at)


def score(findings: Iterable[Finding]) -> int:
    return sum(finding.points for finding in findings)


def _points_of(prefix: str, findings: Iterable[Finding]) -> int:
    return sum(f.points for f in findings if f.rule.startswith(prefix) and f.points > 0)


@dataclass(frozen=True, slots=True)
class Decision:
    verdict: Verdict
    #: why the verdict is not simply the score's, when it is not
    reason: Finding | None = None


def _override(rule: str, verdict: Verdict, detail: str) -> Decision:
    return Decision(verdict, Finding(rule=rule, points=0, detail=detail))


def verdict_for(findings: list[Finding], rules: RulesSettings) -> Decision:
    """The score against the thresholds; value alone (``value.*``) never reaches accept.

    A stranger in the user's field is worth meeting, not an outright accept (DESIGN.md, "Worth
    meeting?"), so accept needs the score without the value rules' gains.
    """
    total = score(findings)
    if total - _points_of("value.", findings) >= rules.accept_at:
        return Decision(Verdict.ACCEPT)
    if total >= rules.accept_at:
        detail = "worth meeting, but nothing shows you know them: meet first"
        return _override("verdict.value-only", Verdict.MEET_FIRST, detail)
    if total >= rules.meet_first_at:
        return Decision(Verdict.MEET_FIRST)
    return Decision(Verdict.IGNORE)


def pitch_decision(findings: list[Finding], rules: RulesSettings) -> Decision | None:
    """The verdict a pitch imposes; None without a pitch.

    A pitch from a stranger is ignored whatever the rest of the note says. From someone the
    user shares strong history with (their history alone would reach accept), the pitch does
    not erase the acquaintance but does not earn an outright accept either: meet first.
    """
    if not any(f.rule in rules.pitch_rules for f in findings):
        return None
    known = _points_of("history.", findings)
    if known >= rules.accept_at:
        detail = f"a pitch from someone you share history with ({known:+d}): meet first"
        return _override("verdict.pitch-known", Verdict.MEET_FIRST, detail)
    return _override("verdict.pitch", Verdict.IGNORE, "a pitch from a stranger: ignore")


def unanswered_decision(findings: list[Finding]) -> Decision | None:
    """Ignore while ``meetup.unanswered`` fires; None otherwise (also when its points are 0).

    No answer to a meet-up request means the inviter was only collecting connections (DESIGN.md,
    "Worth meeting?"), whatever their note or history scored. It outranks a pitch, whose
    meet-first for a known person the silence has already answered.
    """
    if not any(f.rule == "meetup.unanswered" for f in findings):
        return None
    detail = "the meet-up request went unanswered, so they only collect connections: ignore"
    return _override("verdict.unanswered", Verdict.IGNORE, detail)


def list_decision(item: EvaluationInput, lists: ListsSettings) -> Decision | None:
    """The verdict the user's welcome or block list settles, if any."""
    reason = listed(item, lists)
    if reason is None:
        return None
    return Decision(Verdict.ACCEPT if reason.rule == "list.welcome" else Verdict.IGNORE, reason)


# --------------------------------------------------------------------------------------------
# The entry point
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rulebook:
    """One configuration made ready to evaluate many invitations: what every one of them shares.

    Build it once per batch (``Rulebook.of``); it holds the configuration it was built from, so
    a changed configuration means a new rulebook. ``watcher.judge.batch`` judges many
    invitations with it, each distinct input once.
    """

    rules: RulesSettings
    lists: ListsSettings
    phrases: Mapping[str, re.Pattern[str] | None]
    #: the rules turned on (non-zero points), in registry order, with their points
    active: tuple[tuple[Rule, int], ...]
    #: the places in ``active`` of the rules that read only the text (``TEXT_RULES``), and of
    #: the others
    text_rules: tuple[int, ...]
    other_rules: tuple[int, ...]
    #: ``rules.synonyms`` sorted once (``owner_terms`` keys its memo by them)
    synonyms: SynonymsKey
    #: whether the lists hold any entry: most users' are empty, and looking through the empty
    #: kinds cost more per invitation than some rules
    lists_used: bool

    @classmethod
    def of(cls, rules: RulesSettings, lists: ListsSettings) -> Rulebook:
        phrases = {name: compile_patterns(tuple(p)) for name, p in rules.phrases.items()}
        active = tuple(
            (rule, points) for rule in REGISTRY if (points := rules.points.get(rule.id, 0)) != 0
        )
        text = tuple(place for place, (rule, _) in enumerate(active) if rule.id in TEXT_RULES)
        other = tuple(place for place in range(len(active)) if place not in text)
        used = bool(lists.welcome.entries() or lists.block.entries())
        return cls(rules, lists, phrases, active, text, other, synonyms_key(rules.synonyms), used)

    def read_note(self, item: EvaluationInput) -> Note:
        """The invitation's note as the rules read it (the inviter's and the user's names are
        not content)."""
        owner = item.owner
        names = (item.invitation.name, owner.first_name, owner.last_name)
        return read_note(item.invitation.message, names, self.rules.phrases.get("stock", ()))

    def owner_terms(self, owner: Owner) -> OwnerTerms:
        return owner_terms(owner, self.synonyms)

    def context(
        self, item: EvaluationInput, note: Note | None = None, terms: OwnerTerms | None = None
    ) -> Context:
        """``item`` made ready for the rules; ``note`` and ``terms``, when given, are what
        ``read_note`` and ``owner_terms`` return for it (a caller judging many reads them once)."""
        headline = tuple(normalise(item.invitation.headline).split())
        return Context(
            item,
            self.rules,
            self.read_note(item) if note is None else note,
            headline,
            self.owner_terms(item.owner) if terms is None else terms,
            self.phrases,
        )

    def text_findings(self, context: Context) -> list[Placed]:
        """The findings of the rules that read only the text (``TEXT_RULES``), placed."""
        return self._fire_all(self.text_rules, context)

    def other_findings(self, context: Context) -> list[Placed]:
        """The findings of every other rule (history, status, template), placed."""
        return self._fire_all(self.other_rules, context)

    def _fire_all(self, places: Iterable[int], context: Context) -> list[Placed]:
        placed: list[Placed] = []
        active = self.active
        for place in places:  # a plain loop: a generator per invitation cost more than most rules
            found = _fire(*active[place], context)
            if found is not None:
                placed.append((place, found))
        return placed

    @staticmethod
    def in_order(*placed: list[Placed]) -> list[Finding]:
        """Placed findings as the evaluation lists them: in registry order."""
        return [found for _, found in sorted(item for part in placed for item in part)]

    def decide(self, item: EvaluationInput, findings: list[Finding]) -> Evaluation:
        """The verdict on these findings (every active rule's, in registry order)."""
        listed = list_decision(item, self.lists) if self.lists_used else None
        rules = self.rules
        decision = (
            listed
            or unanswered_decision(findings)
            or pitch_decision(findings, rules)
            or verdict_for(findings, rules)
        )
        reasons = [decision.reason] if decision.reason is not None else []
        return Evaluation(
            verdict=decision.verdict,
            score=score(findings),
            findings=[*reasons, *findings],
            decided_by_list=listed is not None,
        )

    def evaluate(self, item: EvaluationInput) -> Evaluation:
        """Run every rule over one invitation and decide its verdict (see ``evaluate``)."""
        context = self.context(item)
        findings = self.in_order(self.text_findings(context), self.other_findings(context))
        return self.decide(item, findings)


def evaluate(item: EvaluationInput, rules: RulesSettings, lists: ListsSettings) -> Evaluation:
    """Run every rule over one invitation and decide its verdict.

    The user's lists come first (their explicit word), then an unanswered meet-up request, then
    a pitch, then the score; an override's reason leads the findings. For many invitations,
    build one ``Rulebook`` and call its ``evaluate``.
    """
    return _rulebook_for(rules, lists).evaluate(item)


#: the rulebook ``evaluate`` last built, with the copies of the configuration it was built from
_last: list[tuple[RulesSettings, ListsSettings, Rulebook]] = []


def _rulebook_for(rules: RulesSettings, lists: ListsSettings) -> Rulebook:
    """``Rulebook.of`` memoised for the last configuration: building one (every phrase list
    looked up among the compiled ones) cost more than judging. Compared by value with a deep
    copy, so a configuration changed in place since is never judged by its old rulebook."""
    cached = _last[0] if _last else None
    if cached is not None and cached[0] == rules and cached[1] == lists:
        return cached[2]
    rules, lists = rules.model_copy(deep=True), lists.model_copy(deep=True)
    rulebook = Rulebook.of(rules, lists)
    _last[:] = [(rules, lists, rulebook)]
    return rulebook
