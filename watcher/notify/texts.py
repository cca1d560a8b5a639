"""What notifications say: pure functions from invitations, failures and reminders to notices.

A notice holds *plain text*: untrusted names and notes are clipped to one short paragraph here,
and escaped only where they meet a markup-rendering server (``watcher.notify.backends``), so
the log shows them as they are.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from datetime import timedelta

from watcher.config.durations import format_duration
from watcher.models import Verdict
from watcher.notify.clipping import clip
from watcher.notify.notice import (
    COPY,
    DRAFT,
    FIRST_ACTION,
    GIVE_UP,
    OPEN_PROFILE,
    REPLIED,
    REVIEW,
    SNOOZE,
    Action,
    Named,
    Notice,
    NoticeItem,
    NoticeKind,
    Tally,
    Urgency,
    tally_of,
)

# The data types live in watcher.notify.notice and are named from here as well.
__all__ = [
    "COPY",
    "DRAFT",
    "FIRST_ACTION",
    "GIVE_UP",
    "NAME_LIMIT",
    "NOTE_LIMIT",
    "OPEN_PROFILE",
    "REASON_LIMIT",
    "REPLIED",
    "REVIEW",
    "SNOOZE",
    "SUMMARY_NAMES",
    "TITLE_LIMIT",
    "TOP_REASONS",
    "Action",
    "Named",
    "Notice",
    "NoticeItem",
    "NoticeKind",
    "Tally",
    "Urgency",
    "clip",
    "describe_duration",
    "describe_wait",
    "disk_full_notice",
    "escape_markup",
    "failure_notice",
    "folded_notice",
    "id_line",
    "invitation_notice",
    "invitation_notices",
    "reminder_notice",
    "settled_notice",
    "summary_notice",
    "tally_of",
]


# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------

TITLE_LIMIT = 80
NAME_LIMIT = 60
REASON_LIMIT = 140
NOTE_LIMIT = 160
SUMMARY_NAMES = 3
TOP_REASONS = 3


def escape_markup(text: str) -> str:
    """Escape ``& < > " '`` so a server that renders markup in the body shows them literally."""
    return html.escape(text, quote=True)


def describe_wait(waited: timedelta) -> str:
    """``timedelta(days=3)`` -> "3 days"; short waits (tests, tiny configs) read as well."""
    seconds = max(0, int(waited.total_seconds()))
    week = 604_800
    if seconds >= week and seconds % week == 0:  # "2 weeks", but "10 days" rather than "1 week"
        return f"{seconds // week} week{'s' if seconds != week else ''}"
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


_UNIT_WORDS = {"w": "week", "d": "day", "h": "hour", "m": "minute", "s": "second"}
_DURATION_PART = re.compile(r"(\d+)([wdhms])")


def describe_duration(value: timedelta) -> str:
    """A configured duration in words, every part of it: ``3d`` -> "3 days", ``1h30m`` ->
    "1 hour 30 minutes". Unlike :func:`describe_wait` nothing is rounded away: a button that
    says how long it snoozes must say exactly what it does."""
    parts = _DURATION_PART.findall(format_duration(value))
    return " ".join(
        f"{count} {_UNIT_WORDS[unit]}{'s' if count != '1' else ''}" for count, unit in parts
    )


def _name(name: str) -> str:
    return clip(name, NAME_LIMIT) or "Someone"


def id_line(invitation_id: int, command: str = "show") -> str:
    """The last line of a notice about one invitation: its id, as the command that uses it, so
    the command line can take over without ``list``."""
    return f"#{invitation_id}: invite-watcher {command} {invitation_id}"


# --------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------

_VERDICT_LABEL = {
    Verdict.ACCEPT: "accept",
    Verdict.MEET_FIRST: "meet first",
    Verdict.IGNORE: "ignore",
}

_VERDICT_LEAD = {
    Verdict.ACCEPT: "Looks like someone you know — accepting seems right.",
    # not "you have not met": a note may say you did, which only your history could confirm
    Verdict.MEET_FIRST: (
        "Could be a good contact, but nothing shows you met: suggest a coffee first."
    ),
    Verdict.IGNORE: "Nothing suggests you know each other — ignoring seems safe.",
}


def invitation_notices(
    items: Sequence[NoticeItem],
    summary_threshold: int,
    *,
    settled: int = 0,
    review: bool = False,
) -> list[Notice]:
    """What one import says: one notice per new invitation (and one for the meet-up requests
    it ``settled``), or, when that makes more than ``summary_threshold`` (the per-import
    budget), one summary of it all (with a "Review" button when ``review``)."""
    if len(items) + bool(settled) > summary_threshold:
        return [summary_notice(tally_of(items), settled=settled, review=review)]
    notices = [invitation_notice(item) for item in items]
    if settled:
        notices.append(settled_notice(settled))
    return notices


def invitation_notice(item: NoticeItem) -> Notice:
    name = _name(item.name)
    lines = [_VERDICT_LEAD[item.verdict]]
    if item.note.strip():
        lines.append(f"Their note: “{clip(item.note, NOTE_LIMIT)}”")
    lines += [f"• {clip(reason, REASON_LIMIT)}" for reason in item.reasons[:TOP_REASONS]]
    if item.missing:
        lines.append(item.missing)
    lines.append(id_line(item.invitation_id))
    return Notice(
        title=clip(f"{name} — {_VERDICT_LABEL[item.verdict]}", TITLE_LIMIT),
        body="\n".join(lines),
        actions=_invitation_actions(item),
        url=item.profile_url,
        invitation_ids=(item.invitation_id,),
        kind=NoticeKind.INVITATION,
    )


def _invitation_actions(item: NoticeItem) -> tuple[Action, ...]:
    actions = []
    if item.verdict is Verdict.MEET_FIRST:
        actions.append(Action(DRAFT, "Draft meet-up"))
    if item.profile_url:
        actions.append(Action(OPEN_PROFILE, "Open profile"))
    return tuple(actions)


def summary_notice(tally: Tally, *, settled: int = 0, review: bool = False) -> Notice:
    """ "14 new invitations: 2 accept, 3 meet first, 9 ignore", then a few names per verdict,
    each with its id (and how many past meet-up requests the import settled as unanswered);
    a "Review" button when ``review`` (the desktop has a terminal to open it in)."""
    counts = tally.counts
    present = [v for v in _SUMMARY_ORDER if counts.get(v)]
    lines = [_names_line(v, counts[v], tally.named) for v in present]
    if settled:
        lines.append(_settled_line(settled))
    lines.append("See them all with: invite-watcher list")
    total = tally.total
    if total:
        parts = ", ".join(f"{counts[v]} {_VERDICT_LABEL[v]}" for v in present)
        title = f"{total} new invitation{'s' if total != 1 else ''}: {parts}"
    else:
        title = _settled_title(settled)
    return Notice(
        title=title,
        body="\n".join(lines),
        invitation_ids=tally.ids,
        kind=NoticeKind.IMPORT,
        actions=(Action(REVIEW, "Review"),) if review and total else (),
        settled=settled,
    )


def settled_notice(settled: int) -> Notice:
    """Past meet-up requests an import found long unanswered: settled, said once."""
    return Notice(
        title=_settled_title(settled),
        body=f"{_settled_line(settled)}\nSee them with: invite-watcher list --status unanswered",
        kind=NoticeKind.IMPORT,
        settled=settled,
    )


def _settled_title(settled: int) -> str:
    return f"{settled} past meet-up request{'s' if settled != 1 else ''} went unanswered"


def _settled_line(settled: int) -> str:
    one = settled == 1
    return (
        f"{settled} meet-up request{'' if one else 's'} seen in your messages "
        f"{'was' if one else 'were'} never answered: "
        f"{'its invitation is' if one else 'their invitations are'} now marked ignore."
    )


# The summary leads with what asks something of the user.
_SUMMARY_ORDER = (Verdict.MEET_FIRST, Verdict.ACCEPT, Verdict.IGNORE)


def _names_line(verdict: Verdict, count: int, named: Sequence[Named]) -> str:
    names = [f"{_name(n.name)} (#{n.invitation_id})" for n in named if n.verdict is verdict]
    shown = names[:SUMMARY_NAMES]
    more = count - len(shown)
    suffix = f" and {more} more" if more > 0 else ""
    return f"{_VERDICT_LABEL[verdict].capitalize()}: {', '.join(shown)}{suffix}"


def failure_notice(file_name: str, reason: str) -> Notice:
    return Notice(
        title=clip(f"Could not import {clip(file_name, NAME_LIMIT)}", TITLE_LIMIT),
        body=(
            f"{clip(reason, 2 * REASON_LIMIT)}\n"
            "The file was left alone; drop a fixed copy to try again."
        ),
        kind=NoticeKind.FAILURE,
    )


def disk_full_notice(file_name: str, database: str) -> Notice:
    """The database's disk is full: said once, as imports wait for space."""
    return Notice(
        title="Disk full: imports wait",
        body=(
            f"{clip(file_name, NAME_LIMIT)} could not be imported: the disk holding "
            f"{clip(database, 2 * NAME_LIMIT)} is full. Free some space; the files waiting "
            "are imported then, nothing is lost."
        ),
        urgency=Urgency.CRITICAL,
        kind=NoticeKind.FAILURE,
        resident=True,
    )


_FOLDED_WORDS = {
    NoticeKind.INVITATION: ("new invitation", "new invitations"),
    NoticeKind.IMPORT: ("import summary", "import summaries"),
    NoticeKind.REMINDER: ("reminder", "reminders"),
    NoticeKind.FAILURE: ("failed import", "failed imports"),
}


def folded_notice(counts: Mapping[str, int]) -> Notice:
    """The budget's summary: "And 37 more notifications", by kind, and where to see them."""
    total = sum(counts.values())
    parts = []
    for kind, (one, many) in _FOLDED_WORDS.items():
        if counts.get(kind):
            parts.append(f"{counts[kind]} {one if counts[kind] == 1 else many}")
    others = total - sum(counts.get(kind, 0) for kind in _FOLDED_WORDS)
    if others:
        parts.append(f"{others} other{'s' if others != 1 else ''}")
    where = "invite-watcher list"
    if counts.get(NoticeKind.REMINDER):
        where += " and invite-watcher reminders"
    return Notice(
        title=f"And {total} more notification{'s' if total != 1 else ''}",
        body=(
            f"Held back so as not to flood your desktop: {', '.join(parts)}.\n"
            f"Nothing is lost: run {where}"
        ),
        urgency=Urgency.LOW,
        kind=NoticeKind.FOLDED,
    )


def reminder_notice(
    name: str,
    invitation_id: int,
    waited: timedelta,
    final: bool,
    *,
    snooze: timedelta,
) -> Notice:
    """A nudge while a meet-up request waits for an answer; ``final`` when it is time to give up.

    ``snooze`` is the configured ``[meetup] snooze``: the button says how long it puts the
    reminder off (no default, so a caller cannot forget it and label a 2-hour snooze "1 day").
    """
    who = _name(name)
    if final:
        return Notice(
            title=clip(f"No answer from {who}", TITLE_LIMIT),
            body=(
                f"Your meet-up request went unanswered for {describe_wait(waited)}. "
                "They were probably just collecting connections: ignoring the invitation "
                f"is recommended.\n{id_line(invitation_id)}"
            ),
            # Already given up by the time this shows; only a late answer can change it.
            actions=(Action(REPLIED, "They replied"),),
            click=None,
            invitation_ids=(invitation_id,),
            kind=NoticeKind.REMINDER,
            resident=True,
        )
    return Notice(
        title=clip(f"Still waiting to hear from {who}", TITLE_LIMIT),
        body=(
            f"You suggested meeting {describe_wait(waited)} ago and have not heard back yet. "
            f"Did they reply?\n{id_line(invitation_id)}"
        ),
        actions=(
            Action(REPLIED, "They replied"),
            Action(SNOOZE, f"Snooze {describe_duration(snooze)}"),
            Action(GIVE_UP, "Give up"),
        ),
        # Clicking a reminder to get it out of the way must not answer for the user: it only
        # asks again later.
        click=SNOOZE,
        invitation_ids=(invitation_id,),
        kind=NoticeKind.REMINDER,
        resident=True,
    )
