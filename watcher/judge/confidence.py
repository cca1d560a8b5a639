"""How sure a verdict can be: what the rules would have liked to read and did not have.

LinkedIn's data archive lists invitations without the inviter's headline or mutual connections,
so the value rules (``value.*``) cannot judge whether someone is worth meeting. A verdict made
without them says so, and what would fill them: a capture of the invitation manager page. Pure.
"""

from __future__ import annotations

from typing import Literal

from watcher.models import Direction, InvitationView

Confidence = Literal["high", "low"]

#: What would fill the gaps: the page that shows headlines and mutual connections.
CAPTURE_HINT = "capture the invitation page to judge value"


def missing_evidence(invitation: InvitationView) -> tuple[str, ...]:
    """The fields the rules lacked for this invitation, by their ``--json`` names."""
    if invitation.direction is not Direction.INCOMING:
        return ()
    missing = []
    if not invitation.headline.strip():
        missing.append("headline")
    if invitation.mutual_connections is None:
        missing.append("mutual_connections")
    return tuple(missing)


def confidence(missing: tuple[str, ...]) -> Confidence:
    return "low" if missing else "high"


def missing_line(missing: tuple[str, ...]) -> str:
    """One line for ``show`` and the notification: what was lacking and how to get it."""
    if not missing:
        return ""
    names = " and ".join(name.replace("_", " ") for name in missing)
    return f"Judged without {names}: {CAPTURE_HINT}."
