"""The ``history.*`` rules: have we met and I forgot (DESIGN.md, step 2)?

Where several pieces of history could serve as evidence, the earliest (then alphabetically
first) is named, so the finding never depends on the order the store returned them in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time

from watcher.core.matching import name_agreement, normalise_name
from watcher.judge.owner_terms import OwnerTerms, TermMatch
from watcher.judge.rule import Check, Context, Hit, Rule, owner_term, quote
from watcher.models import Acquaintance, HistoryKind, InvitationView

__all__ = ["HISTORY_RULES"]


def _at(day: date | None) -> datetime | None:
    return datetime.combine(day, time(), UTC) if day is not None else None


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


def _named_by_address(trace: Acquaintance) -> bool:
    """Whether the trace's name is what its e-mail address spells (``jonas.weber@``)."""
    if not trace.emails or not trace.name:
        return False
    local = trace.emails[0].partition("@")[0].partition("+")[0]
    return normalise_name(local.replace(".", " ").replace("_", " ")) == normalise_name(trace.name)


def _why(trace: Acquaintance, invitation: InvitationView) -> str:
    """Why the trace is the inviter, when it is not plainly their name: for the user to check."""
    url = invitation.profile_url
    if trace.profile_url and url and trace.profile_url.rstrip("/") == url.rstrip("/"):
        return "the same profile URL"
    differs = name_agreement(invitation.name, trace.name)
    if not differs and trace.kind is HistoryKind.CALENDAR and _named_by_address(trace):
        # calendars list many guests by address alone: the name is the address's reading
        return f"the address {trace.emails[0]} spells the name"
    return differs


def _traces(kinds: set[HistoryKind], describe: Callable[[Acquaintance], str]) -> Check:
    """A rule that fires on the inviter's traces of these kinds, naming the earliest one and
    why it is the inviter (a short form of the name, an address that spells it)."""

    def check(context: Context) -> Hit | None:
        found = sorted(
            (t for t in context.history.acquaintances if t.kind in kinds), key=_evidence_order
        )
        if not found:
            return None
        why = _why(found[0], context.item.invitation)
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        text = describe(found[0]) + (f"; {why}" if why else "") + more
        return Hit(text, found[0].source, found[0].at)

    return check


def _in_address_book(trace: Acquaintance) -> str:
    where = "your address book" if trace.kind is HistoryKind.ADDRESS_BOOK else "imported contacts"
    extra = ", ".join(x for x in (*trace.emails[:1], trace.company) if x)
    return f"{trace.name} is in {where}" + (f" ({extra})" if extra else "")


def _in_calendar(trace: Acquaintance) -> str:
    return f"{trace.name} was invited to {quote(trace.detail or 'a meeting')} in your calendar"


def _endorsed(trace: Acquaintance) -> str:
    if trace.kind is HistoryKind.RECOMMENDATION:
        return f"{trace.name} recommended you"
    return f"{trace.name} endorsed you" + (f" for {trace.detail}" if trace.detail else "")


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


HISTORY_RULES: tuple[Rule, ...] = (
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
    Rule("history.same-employer", "works or worked where you do or did", owner_term(_employer)),
    Rule("history.same-school", "names a school you went to", owner_term(_school)),
    Rule("history.event", "names an event you attended", owner_term(_event)),
)
