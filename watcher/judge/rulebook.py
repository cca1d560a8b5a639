"""The rules: an explainable judgment of each incoming invitation.

Each rule is a small pure function in ``REGISTRY`` with a stable id and a one-line description;
when it fires it returns its evidence, and the evaluation keeps every finding with its points
(taken from ``RulesSettings.points``). The score decides the verdict against the configured
thresholds, with two overrides, both shown as findings: the user's welcome/block lists settle a
verdict outright, and a pitch means ignore (or meet-first, from someone with strong history).

Everything here is deterministic and independent of the order of its inputs: where several
pieces of history could serve as evidence, the earliest (then alphabetically first) is named.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time

from watcher.config.rules import ListsSettings, RulesSettings
from watcher.core.phrases import compile_patterns, contains_sequence, normalise, search, stems
from watcher.judge.lists import listed
from watcher.judge.notes import LINK, Note, note_fingerprint, read_note
from watcher.judge.owner_terms import OwnerTerms, TermMatch, owner_terms
from watcher.models import (
    Acquaintance,
    Evaluation,
    EvaluationInput,
    Finding,
    History,
    HistoryKind,
    Verdict,
)

__all__ = ["RULES", "Rulebook", "check_rules", "evaluate", "note_fingerprint"]

# --------------------------------------------------------------------------------------------
# The rules
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's evidence; ``points`` only for a rule whose points scale (mutual connections)."""

    detail: str
    source: str = ""
    at: datetime | None = None
    points: int | None = None


@dataclass(frozen=True, slots=True)
class Context:
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


Check = Callable[[Context], Hit | None]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    description: str
    check: Check


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _note_phrase(name: str, label: str) -> Check:
    """A rule that fires when a personal note matches a phrase class."""

    def check(context: Context) -> Hit | None:
        if not context.note.personal:
            return None
        matched = context.phrase(name)
        return Hit(f"{label}: {_quote(matched)}", "note") if matched else None

    return check


def _says_met(context: Context) -> Hit | None:
    if not context.note.personal or context.phrase("not_met"):
        return None
    matched = context.phrase("met")
    return Hit(f"says you have met: {_quote(matched)}", "note") if matched else None


def _note_missing(context: Context) -> Hit | None:
    if context.note.kind == "missing":
        return Hit("no note (free members may add one to only a few invitations a month)")
    if context.note.kind == "greeting":
        return Hit(f"a greeting only, no message: {_quote(context.note.raw)}", "note")
    return None


def _note_stock(context: Context) -> Hit | None:
    if context.note.kind == "stock":
        return Hit(f"LinkedIn's stock text: {_quote(context.note.raw)}", "note")
    return None


def _note_present(context: Context) -> Hit | None:
    if context.note.personal:
        return Hit(f"a personal note of {len(context.note.words)} words", "note")
    return None


def _addresses_by_name(context: Context) -> Hit | None:
    first = context.owner.first_name
    if context.note.personal and first and contains_sequence(context.note.words, first):
        return Hit(f"calls you by your first name, {' '.join(first).title()}", "note")
    return None


def _mentions_shared(context: Context) -> Hit | None:
    if not context.note.personal:
        return None
    match = context.owner.shared_in(context.note.words, context.note.stems)
    return Hit(f"mentions {match.what}", match.source, match.at) if match else None


def _has_link(context: Context) -> Hit | None:
    found = LINK.search(context.note.raw) if context.note.personal else None
    return Hit(f"carries a link: {_quote(found.group(0))}", "note") if found else None


def _template(context: Context) -> Hit | None:
    others = context.history.same_note_senders
    if context.note.personal and others >= context.rules.template_min_senders:
        return Hit(f"the same note came from {others} other inviters: a template", "note")
    return None


def _at(day: object) -> datetime | None:
    return datetime.combine(day, time(), UTC) if day is not None else None  # type: ignore[arg-type]


def _connected(context: Context) -> Hit | None:
    history = context.history
    if history.connected_on is None and not history.connected_source:
        return None
    since = f" since {history.connected_on:%Y-%m-%d}" if history.connected_on else ""
    return Hit(f"already connected{since}", history.connected_source, _at(history.connected_on))


def _messages(context: Context) -> Hit | None:
    summary = context.history.messages
    if summary is None or summary.outbound_count == 0:
        return None
    times = [t for t in (summary.first_inbound, summary.first_outbound) if t is not None]
    return Hit(
        f"you exchanged messages: {summary.outbound_count} from you, "
        f"{summary.inbound_count} from them",
        summary.source,
        min(times) if times else None,
    )


def _inbound_messages(context: Context) -> Hit | None:
    summary = context.history.messages
    if summary is None or summary.outbound_count > 0 or summary.inbound_count == 0:
        return None
    return Hit(
        f"they wrote to you {summary.inbound_count} time(s); you never answered",
        summary.source,
        summary.first_inbound,
    )


_FAR_FUTURE = datetime.max.replace(tzinfo=UTC)


def _evidence_order(trace: Acquaintance) -> tuple[object, ...]:
    """Earliest first; every other field breaks ties, so input order never shows."""
    return (
        trace.at or _FAR_FUTURE,
        trace.source,
        trace.name,
        trace.detail,
        trace.company,
        trace.title,
        trace.emails,
        trace.profile_url or "",
        trace.kind.value,
    )


def _traces(kinds: set[HistoryKind], describe: Callable[[Acquaintance], str]) -> Check:
    """A rule that fires on the inviter's traces of these kinds, naming the earliest one."""

    def check(context: Context) -> Hit | None:
        found = sorted(
            (t for t in context.history.acquaintances if t.kind in kinds), key=_evidence_order
        )
        if not found:
            return None
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        return Hit(describe(found[0]) + more, found[0].source, found[0].at)

    return check


def _in_address_book(trace: Acquaintance) -> str:
    where = "your address book" if trace.kind is HistoryKind.ADDRESS_BOOK else "imported contacts"
    extra = ", ".join(x for x in (*trace.emails[:1], trace.company) if x)
    return f"{trace.name} is in {where}" + (f" ({extra})" if extra else "")


def _in_calendar(trace: Acquaintance) -> str:
    return f"{trace.name} was invited to {_quote(trace.detail or 'a meeting')} in your calendar"


def _endorsed(trace: Acquaintance) -> str:
    if trace.kind is HistoryKind.RECOMMENDATION:
        return f"{trace.name} recommended you"
    return f"{trace.name} endorsed you" + (f" for {trace.detail}" if trace.detail else "")


def _owner_term(finder: Callable[[OwnerTerms, Context], TermMatch | None]) -> Check:
    def check(context: Context) -> Hit | None:
        match = finder(context.owner, context)
        return Hit(match.describe(), match.source, match.at) if match else None

    return check


def _employer(terms: OwnerTerms, context: Context) -> TermMatch | None:
    found = terms.employer_in(context.headline, "headline")
    if found is None and context.note.personal and context.phrase("colleague"):
        found = terms.employer_in(context.note.words, "note")
    return found


def _school(terms: OwnerTerms, context: Context) -> TermMatch | None:
    found = terms.school_in(context.headline, "headline")
    if found is None and context.note.personal:
        found = terms.school_in(context.note.words, "note")
    return found


def _event(terms: OwnerTerms, context: Context) -> TermMatch | None:
    found = terms.event_in(context.note.text, "note") if context.note.personal else None
    return found or terms.event_in(" ".join(context.headline), "headline")


def _field(terms: OwnerTerms, context: Context) -> TermMatch | None:
    found = terms.interest_in(stems(context.item.invitation.headline), "headline")
    if found is None and context.note.personal:
        found = terms.interest_in(context.note.stems, "note")
    return found


def _mutual(context: Context) -> Hit | None:
    count = context.item.invitation.mutual_connections or 0
    cap = context.rules.points.get("value.mutual-connections", 0)
    if count <= 0 or cap <= 0:
        return None
    points = min(cap, math.ceil(count / context.rules.mutual_connections_per_point))
    return Hit(f"{count} mutual connection(s)", "invitation", points=points)


def _collector(context: Context) -> Hit | None:
    headline = context.phrase("collector", " ".join(context.headline))
    if headline:
        return Hit(f"the headline advertises collecting: {_quote(headline)}", "headline")
    note = context.phrase("collector") if context.note.personal else None
    return Hit(f"the note advertises collecting: {_quote(note)}", "note") if note else None


REGISTRY: tuple[Rule, ...] = (
    Rule("note.missing", "no personal note (weak: notes are rationed)", _note_missing),
    Rule("note.stock", "only LinkedIn's stock text, which counts as no note", _note_stock),
    Rule("note.present", "a personal note", _note_present),
    Rule(
        "note.admits-not-met",
        "the note admits the two have not met",
        _note_phrase("not_met", "admits you have not met"),
    ),
    Rule(
        "note.says-met",
        "the note says the two have met (verify: you may have forgotten)",
        _says_met,
    ),
    Rule("note.says-why", "the note says why", _note_phrase("why", "says why")),
    Rule(
        "note.proposes-meeting",
        "the note proposes a coffee, a call or a meeting",
        _note_phrase("meeting", "proposes to meet"),
    ),
    Rule("note.addresses-by-name", "the note uses your first name", _addresses_by_name),
    Rule(
        "note.mentions-shared",
        "the note names your employer, school, event or field",
        _mentions_shared,
    ),
    Rule("note.pitch", "the note reads as a sales pitch", _note_phrase("pitch", "a sales pitch")),
    Rule(
        "note.recruiting",
        "the note reads as recruiting spam",
        _note_phrase("recruiting", "recruiting spam"),
    ),
    Rule(
        "note.crypto",
        "the note reads as crypto or investment bait",
        _note_phrase("crypto", "crypto/investment bait"),
    ),
    Rule("note.has-link", "the note carries a link", _has_link),
    Rule("note.template", "several inviters sent this very note", _template),
    Rule("history.connected", "already connected", _connected),
    Rule("history.messages", "you exchanged messages before", _messages),
    Rule("history.inbound-messages", "they messaged you; you never answered", _inbound_messages),
    Rule(
        "history.address-book",
        "in your address book or imported contacts",
        _traces({HistoryKind.ADDRESS_BOOK, HistoryKind.IMPORTED_CONTACT}, _in_address_book),
    ),
    Rule(
        "history.calendar",
        "attendee of a meeting in your calendar",
        _traces({HistoryKind.CALENDAR}, _in_calendar),
    ),
    Rule(
        "history.endorsed",
        "endorsed or recommended you",
        _traces({HistoryKind.ENDORSEMENT, HistoryKind.RECOMMENDATION}, _endorsed),
    ),
    Rule("history.same-employer", "works or worked where you do or did", _owner_term(_employer)),
    Rule("history.same-school", "names a school you went to", _owner_term(_school)),
    Rule("history.event", "names an event you attended", _owner_term(_event)),
    Rule("value.field", "headline or note matches your interests", _owner_term(_field)),
    Rule("value.mutual-connections", "mutual connections (more is better, capped)", _mutual),
    Rule("value.collector", "collects connections or followers (LION, ...)", _collector),
)

#: rules that are not scored: they explain an override
_OVERRIDES = {
    "list.welcome": "on your welcome list: accept",
    "list.block": "on your block list: ignore",
    "verdict.value-only": "value alone (field, mutual connections) never reaches accept",
    "verdict.pitch": "a pitch without strong shared history: ignore, whatever the score",
    "verdict.pitch-known": "a pitch from someone with strong shared history: meet first",
}

#: every rule id -> its description (``config check`` warns about unknown ids)
RULES: dict[str, str] = {rule.id: rule.description for rule in REGISTRY} | _OVERRIDES


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
    a changed configuration means a new rulebook.
    """

    rules: RulesSettings
    lists: ListsSettings
    phrases: Mapping[str, re.Pattern[str] | None]
    #: the rules turned on (non-zero points), in registry order, with their points
    active: tuple[tuple[Rule, int], ...]

    @classmethod
    def of(cls, rules: RulesSettings, lists: ListsSettings) -> Rulebook:
        phrases = {name: compile_patterns(tuple(p)) for name, p in rules.phrases.items()}
        active = tuple(
            (rule, points) for rule in REGISTRY if (points := rules.points.get(rule.id, 0)) != 0
        )
        return cls(rules, lists, phrases, active)

    def context(self, item: EvaluationInput) -> Context:
        owner, rules = item.owner, self.rules
        names = (item.invitation.name, owner.first_name, owner.last_name)
        note = read_note(item.invitation.message, names, rules.phrases.get("stock", ()))
        headline = tuple(normalise(item.invitation.headline).split())
        terms = owner_terms(owner, rules.synonyms)
        return Context(item, rules, note, headline, terms, self.phrases)

    def evaluate(self, item: EvaluationInput) -> Evaluation:
        """Run every rule over one invitation and decide its verdict (see ``evaluate``)."""
        context = self.context(item)
        findings = [f for rule, on in self.active if (f := _fire(rule, on, context)) is not None]
        listed = list_decision(item, self.lists)
        rules = self.rules
        decision = listed or pitch_decision(findings, rules) or verdict_for(findings, rules)
        reasons = [decision.reason] if decision.reason is not None else []
        return Evaluation(
            verdict=decision.verdict,
            score=score(findings),
            findings=[*reasons, *findings],
            decided_by_list=listed is not None,
        )


def evaluate(item: EvaluationInput, rules: RulesSettings, lists: ListsSettings) -> Evaluation:
    """Run every rule over one invitation and decide its verdict.

    The user's lists come first, then a pitch, then the score; an override's reason leads the
    findings. For many invitations, build one ``Rulebook`` and call its ``evaluate``.
    """
    return Rulebook.of(rules, lists).evaluate(item)


# --------------------------------------------------------------------------------------------
# Checking a configuration
# --------------------------------------------------------------------------------------------

#: which rule reads which phrase class (for warnings about empty lists)
_PHRASE_USERS = {
    "stock": "note.stock",
    "not_met": "note.admits-not-met",
    "met": "note.says-met",
    "why": "note.says-why",
    "meeting": "note.proposes-meeting",
    "pitch": "note.pitch",
    "recruiting": "note.recruiting",
    "crypto": "note.crypto",
    "collector": "value.collector",
    "colleague": "history.same-employer",
}


def _unknown_id(rule_id: str, where: str) -> str:
    close = difflib.get_close_matches(rule_id, RULES, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{where}: unknown rule id {rule_id!r}{hint}"


def _id_warnings(rules: RulesSettings) -> list[str]:
    warnings = [_unknown_id(i, "points") for i in sorted(rules.points) if i not in RULES]
    warnings += [
        f"points: {i!r} takes no points (it explains an override)"
        for i in sorted(rules.points)
        if i in _OVERRIDES
    ]
    warnings += [_unknown_id(i, "pitch_rules") for i in rules.pitch_rules if i not in RULES]
    warnings += [
        f"points: no points for {rule.id!r}, so it never fires"
        for rule in REGISTRY
        if rules.points.get(rule.id, 0) == 0
    ]
    warnings += [
        f"phrases.{name} is empty, so {_PHRASE_USERS[name]} never fires"
        for name, patterns in rules.phrases.items()
        if not patterns
    ]
    return warnings


def score_range(rules: RulesSettings, *, counting_value: bool = True) -> tuple[int, int]:
    """Bounds of any score: every negative rule firing at once, every positive one at once."""
    values = [
        rules.points.get(rule.id, 0)
        for rule in REGISTRY
        if counting_value or not rule.id.startswith("value.")
    ]
    return sum(v for v in values if v < 0), sum(v for v in values if v > 0)


def _threshold_warnings(rules: RulesSettings) -> list[str]:
    lowest, highest = score_range(rules)
    _, highest_known = score_range(rules, counting_value=False)
    warnings = []
    if rules.accept_at > highest_known:
        warnings.append(
            f"accept is unreachable: accept_at is {rules.accept_at}, but without the value rules "
            f"(which never accept on their own) no invitation scores more than {highest_known}"
        )
    if rules.meet_first_at > highest:
        warnings.append(
            f"meet-first is unreachable: meet_first_at is {rules.meet_first_at}, "
            f"but no invitation can score more than {highest}"
        )
    if rules.meet_first_at <= lowest:
        warnings.append(
            f"ignore is only given to pitches and the block list: meet_first_at is "
            f"{rules.meet_first_at}, but no invitation can score less than {lowest}"
        )
    return warnings


def check_rules(rules: RulesSettings) -> list[str]:
    """Warnings for a rules configuration that validates but will not do what was meant."""
    return _id_warnings(rules) + _threshold_warnings(rules)
