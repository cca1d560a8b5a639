"""The ``meetup.*`` rules: what the meet-up request taught (DESIGN.md, "Worth meeting?").

A request that goes unanswered means the inviter was only collecting connections; the rulebook
turns the verdict to ignore while ``meetup.unanswered`` fires (``verdict.unanswered``).
"""

from __future__ import annotations

from datetime import timedelta

from watcher.judge.rule import Context, Hit, Rule
from watcher.models import Status

__all__ = ["FOLLOWUP_RULES"]

_DAY = timedelta(days=1)


def _after(waited: timedelta) -> str:
    # Whole days, as the user configured them; a test cycle of seconds has none to name.
    days = max(round(waited / _DAY), 0)
    if days == 0:
        return "in time"
    return f"after {days} day" + ("s" if days != 1 else "")


def _unanswered(context: Context) -> Hit | None:
    if context.item.invitation.status is not Status.UNANSWERED:
        return None
    request = context.item.followup
    if request is None:  # given up, but the request itself is not known: say no more than that
        return Hit("no answer to the meet-up request in time", "meet-up request")
    return Hit(
        f"no answer to the meet-up request {_after(request.waited)}",
        "meet-up request",
        request.requested_at + request.waited,
    )


FOLLOWUP_RULES: tuple[Rule, ...] = (
    Rule(
        "meetup.unanswered",
        "the meet-up request went unanswered: they only collect connections",
        _unanswered,
    ),
)
