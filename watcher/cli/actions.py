"""What the commands do to one invitation, for the command line and the review screen alike.

``invite-watcher sent ID`` and the review screen's ``m`` both call :func:`mark_sent`, so a key
does exactly what its command does. Each function takes an open store and returns what happened,
or raises ``UserError`` with the one line to show; printing is the caller's.

What a function alone needs (the lifecycle with the rules it re-runs, the drafts, the
clipboard, the browser) is imported inside it: each command pays only for its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from watcher.cli.common import UserError, fail, now_utc, stored_invitation
from watcher.config.drafting import Tone
from watcher.config.settings import Settings
from watcher.followup.transitions import IllegalTransition, LifecycleEvent
from watcher.models import TIME_SLACK, Finding, Status, Verdict
from watcher.store import Store, StoredInvitation

#: ``decide ID accept|ignore`` -> the lifecycle event it records
DECISIONS = {"accept": LifecycleEvent.DECIDED_ACCEPT, "ignore": LifecycleEvent.DECIDED_IGNORE}


# --------------------------------------------------------------------------------------------
# The lifecycle: sent, replied, decide
# --------------------------------------------------------------------------------------------


def move(
    store: Store,
    invitation_id: int,
    event: LifecycleEvent,
    cause: str,
    *,
    at: datetime | None = None,
) -> Status:
    """Record one event the user asked for; the new status. An illegal move is a UserError."""
    from watcher.followup import apply as lifecycle  # noqa: PLC0415

    stored_invitation(store, invitation_id)
    try:
        with store.transaction():
            return lifecycle.apply_event(store, invitation_id, event, cause, now_utc(), at=at)
    except IllegalTransition as error:
        fail(f"invitation {invitation_id}: {error}")


def mark_sent(
    store: Store, invitation_id: int, *, via: str = "command", at: datetime | None = None
) -> Status:
    """The meet-up request was sent (``sent``; the review's ``m``): reminders are planned.

    ``at`` (``sent --at``) must be a time that happened: not in the future, not before the
    invitation itself; else a UserError and nothing is written."""
    if at is not None:
        check_sent_time(stored_invitation(store, invitation_id), at, now_utc())
    return move(store, invitation_id, LifecycleEvent.SENT, f"{via}: sent", at=at)


def check_sent_time(found: StoredInvitation, at: datetime, now: datetime) -> None:
    """Refuse a meet-up request said to be sent in the future or before the invitation came.

    The invitation's time gets the exports' day of slack (``TIME_SLACK``): an archive's times
    carry no zone, so one sent within hours of a request may be stored as hours after it."""
    if at > now:
        fail(f"--at {_moment(at)} is in the future; give the time the request was sent")
    if at < found.sent_at - TIME_SLACK:
        fail(
            f"--at {_moment(at)} is before invitation {found.id} came "
            f"({found.sent_at:%Y-%m-%d}); give the time the request was sent"
        )


def _moment(at: datetime) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def mark_replied(store: Store, invitation_id: int, *, via: str = "command") -> Status:
    """The inviter answered (``replied``; the review's ``r``): reminders stop."""
    return move(store, invitation_id, LifecycleEvent.REPLIED, f"{via}: replied")


def decide(store: Store, invitation_id: int, decision: str, *, via: str = "command") -> Status:
    """The final decision (``decide``; the review's ``a`` and ``i``)."""
    if decision not in DECISIONS:
        fail(f"decide takes accept or ignore (got {decision!r})", code=2)
    event = DECISIONS[decision]
    return move(store, invitation_id, event, f"{via}: decide {decision}")


# --------------------------------------------------------------------------------------------
# Drafts: written, refused, copied
# --------------------------------------------------------------------------------------------


class NoDraft(UserError):
    """The invitation is judged ``ignore``: no meet-up draft unless asked for anyway."""

    def __init__(self, invitation: StoredInvitation, reasons: list[Finding]):
        super().__init__(refusal(invitation, reasons))
        self.reasons = reasons


def draft(
    store: Store,
    found: StoredInvitation,
    settings: Settings,
    *,
    tone: Tone | None = None,
    anyway: bool = False,
) -> str:
    """The meet-up message; NoDraft for an invitation judged ``ignore`` unless ``anyway``."""
    from watcher.followup.answers import why_not  # noqa: PLC0415
    from watcher.followup.compose import draft_text  # noqa: PLC0415

    if found.verdict is Verdict.IGNORE and not anyway:
        raise NoDraft(found, why_not(found.findings))
    return draft_text(store, found, settings, tone)


def refusal(found: StoredInvitation, reasons: list[Finding]) -> str:
    """Why no draft: the verdict and its top reasons, and how to draft one all the same."""
    lines = [f"invitation {found.id} ({found.name}) is judged ignore, so no meet-up draft:"]
    # an override (verdict.pitch) scores nothing: its points would only read as noise
    lines += [f"  {_points(r.points):>3}  {r.rule}: {r.detail}" for r in reasons]
    lines.append(f"draft one anyway: invite-watcher draft {found.id} --anyway")
    return "\n".join(lines)


def _points(points: int) -> str:
    return f"{points:+d}" if points else ""


class NoClipboard(UserError):
    """No clipboard could take the text (no display, or no wl-copy, xclip or xsel)."""


def copy(text: str) -> None:
    """Put the text on the clipboard (``watcher.system.clipboard``, as the draft notice's
    "Copy" button does); NoClipboard with the reason when there is none."""
    from watcher.system import clipboard  # noqa: PLC0415

    try:
        clipboard.copy(text)
    except clipboard.ClipboardUnavailable as error:
        raise NoClipboard(str(error)) from error


# --------------------------------------------------------------------------------------------
# The profile
# --------------------------------------------------------------------------------------------


def open_profile(
    store: Store, invitation_id: int, opener: Callable[[str], bool] | None = None
) -> str:
    """Open the inviter's profile in the browser (``opener``, else the default browser); what
    happened, as one line."""
    from watcher.notify.announce import profile_url  # noqa: PLC0415

    if opener is None:
        import webbrowser  # noqa: PLC0415 (shlex and the browser table: this call's alone)

        opener = webbrowser.open
    url = profile_url(store, invitation_id)
    if url is None:
        fail(f"invitation {invitation_id} has no profile address")
    if not opener(url):
        fail(f"no browser could open {url}; open it yourself")
    return f"opened {url}"
