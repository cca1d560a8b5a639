"""What ``invite-watcher import`` says about a file, in words a person reads.

"imported a.zip (linkedin-archive): 42 new invitations: 5 to meet first, 30 already connected,
7 to ignore; also 11,213 new messages, 300 new connections; 27,087 invitations changed status".
The raw counts stay in ``--json`` (the outcome's model). Pure: values in, a string out; the
new invitations come counted (``Store.fresh_tally``, one aggregate query), never loaded.
"""

from __future__ import annotations

from collections import Counter

from watcher.cli.render import outcome_line, plain
from watcher.models import Direction, Imported, ImportOutcome, Status, Verdict
from watcher.store.listing import Tally

#: where a new invitation stands, in the order the summary names them: what asks for the user
#: first, then what is settled
_PLACES = (
    "to meet first",
    "to accept",
    "to ignore",
    "not judged",
    "already connected",
    "already ignored",
    "in a meet-up",
)
_BY_VERDICT = {
    Verdict.MEET_FIRST: "to meet first",
    Verdict.ACCEPT: "to accept",
    Verdict.IGNORE: "to ignore",
}


def summary_line(outcome: ImportOutcome, fresh: Tally, *, dry_run: bool = False) -> str:
    """The line for one file; ``fresh`` counts its new invitations as stored by direction,
    status and verdict (empty on a dry run, which then counts them only)."""
    if not isinstance(outcome, Imported):
        return outcome_line(outcome, dry_run=dry_run)
    changes = outcome.changes
    verb = "would import" if dry_run else "imported"
    parts = [_invitations(changes.new.get("invitations", 0), fresh)]
    others = [
        f"{count:,} new {_kind(kind, count)}"
        for kind, count in sorted(changes.new.items())
        if kind != "invitations" and count
    ]
    others += [
        f"{count:,} {_kind(kind, count)} updated"
        for kind, count in sorted(changes.updated.items())
        if count
    ]
    if others:
        parts.append("also " + ", ".join(others))
    if moved := len(changes.transitions):
        parts.append(f"{moved:,} invitation{_s(moved)} changed status")
    if settled := len(changes.settled):
        parts.append(f"{settled:,} past meet-up request{_s(settled)} settled as unanswered")
    what = "; ".join(part for part in parts if part) or "nothing in it"
    line = f"{verb} {plain(outcome.path.name)} ({outcome.kind}): {what}"
    return "\n".join([line, *(f"  warning: {plain(w)}" for w in changes.warnings)])


def _invitations(count: int, fresh: Tally) -> str:
    if not count:
        return ""
    head = f"{count:,} new invitation{_s(count)}"
    places: Counter[str] = Counter()
    sent = 0
    for (direction, status, verdict), n in fresh.items():
        if direction is Direction.OUTGOING:
            sent += n
        else:
            places[_place(status, verdict)] += n
    words = [f"{places[place]:,} {place}" for place in _PLACES if places[place]]
    if sent:
        words.append(f"{sent:,} sent by you")
    return f"{head}: {', '.join(words)}" if words else head


def _place(status: Status, verdict: Verdict | None) -> str:
    if status is Status.ACCEPTED:
        return "already connected"
    if status is Status.IGNORED:
        return "already ignored"
    if status is not Status.PENDING:
        return "in a meet-up"
    if verdict is None:
        return "not judged"
    return _BY_VERDICT[verdict]


def _kind(kind: str, count: int) -> str:
    """The store's kinds are plural nouns ("connections"): one reads as one."""
    return kind[:-1] if count == 1 and kind.endswith("s") else kind


def _s(count: int) -> str:
    return "" if count == 1 else "s"
